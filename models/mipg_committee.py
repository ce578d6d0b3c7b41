# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgCommittee(models.Model):
    """A committee the strategic line acts through: the Comité Institucional
    de Coordinación de Control Interno, the Comité Institucional de Gestión y
    Desempeño, the municipal ones."""

    _name = "mipg.committee"
    _description = "MIPG committee"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Text()
    functions = fields.Text()
    frequency = fields.Char(help="How often it meets, as its regulation says.")
    president_id = fields.Many2one("res.users", string="President", tracking=True)
    secretary_id = fields.Many2one(
        "res.users",
        string="Technical secretary",
        tracking=True,
        help="Prepares the sessions and their minutes.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "mipg_committee_member_rel",
        "committee_id",
        "user_id",
        string="Members with vote",
    )
    quorum = fields.Integer(
        default=1, help="Members with vote needed for the committee to decide."
    )
    session_ids = fields.One2many("mipg.committee.session", "committee_id")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "There is already a committee with this code.",
        ),
        ("quorum_positive", "CHECK(quorum >= 1)", "The quorum is one member or more."),
    ]
