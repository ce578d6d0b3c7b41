# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class MipgPolicy(models.Model):
    _name = "mipg.policy"
    _description = "MIPG management and performance policy"
    _inherit = ["mipg.catalog.mixin"]
    _order = "dimension_sequence, sequence, id"

    sequence = fields.Integer(default=10)
    dimension_id = fields.Many2one(
        "mipg.dimension",
        required=True,
        ondelete="restrict",
        index=True,
        help="Dimension where the official MIPG operating manual places the policy.",
    )
    dimension_sequence = fields.Integer(
        related="dimension_id.sequence", store=True, string="Dimension order"
    )
    booklet_name = fields.Char(
        help="Name used by the entity's own booklet when it differs from the "
        "official one."
    )
    booklet_dimension_id = fields.Many2one(
        "mipg.dimension",
        string="Booklet dimension",
        ondelete="set null",
        help="Dimension where the entity's booklet places the policy, when it "
        "differs from the official one.",
    )
    lead_entity = fields.Char(help="National entity that leads the policy.")
    legal_basis = fields.Char(help="Norm that incorporated the policy into MIPG.")
    furag_code = fields.Char(
        string="FURAG code", help="Policy index code in FURAG results (e.g. P1)."
    )
    description = fields.Text()
    active = fields.Boolean(default=True)
    process_ids = fields.Many2many(
        "mipg.process",
        "mipg_process_policy_rel",
        "policy_id",
        "process_id",
        string="Processes",
    )
    principle_ids = fields.Many2many(
        "mipg.principle",
        "mipg_principle_policy_rel",
        "policy_id",
        "principle_id",
        string="Principles",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A policy with this code already exists."),
    ]

    def _get_lead_process(self, company):
        """Process that receives the improvement opportunities raised about
        this policy (self-assessment gaps, FURAG recommendations): the first
        of its processes in the company, or of any company."""
        self.ensure_one()
        processes = (
            self.process_ids.filtered(lambda p: p.company_id == company)
            or self.process_ids
        )
        if not processes:
            raise UserError(
                self.env._(
                    "The policy %(policy)s is not linked to any process, so it "
                    "cannot raise improvement opportunities. Link the policy to "
                    "its process(es) in Configuration > Processes and try again.",
                    policy=self.name,
                )
            )
        return processes.sorted()[0]
