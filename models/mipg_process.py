# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MipgProcess(models.Model):
    _name = "mipg.process"
    _description = "MIPG process"
    _inherit = ["mipg.catalog.mixin", "mail.thread"]
    _order = "process_type_sequence, code, id"

    process_type = fields.Selection(
        [
            ("strategic", "Strategic"),
            ("mission", "Mission"),
            ("support", "Support"),
            ("evaluation", "Evaluation"),
        ],
        "Type",
        required=True,
        default="mission",
        tracking=True,
    )
    process_type_sequence = fields.Integer(
        compute="_compute_process_type_sequence", store=True
    )
    leader_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="Process leader (first line of defense): secretary or head of office.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "mipg_process_member_rel",
        "process_id",
        "user_id",
        string="Members",
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_process_policy_rel",
        "process_id",
        "policy_id",
        string="Policies",
    )
    description = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    color = fields.Integer()

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "A process with this code already exists in this company.",
        ),
    ]

    @api.depends("process_type")
    def _compute_process_type_sequence(self):
        order = {"strategic": 1, "mission": 2, "support": 3, "evaluation": 4}
        for process in self:
            process.process_type_sequence = order.get(process.process_type, 9)
