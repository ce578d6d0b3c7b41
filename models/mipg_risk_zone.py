# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ZONES = [
    ("low", "Low"),
    ("moderate", "Moderate"),
    ("high", "High"),
    ("extreme", "Extreme"),
]


class MipgRiskZone(models.Model):
    """A zone of the heat map of a risk policy, with what the policy says
    of it: whether it is within the risk appetite, the treatments allowed
    and how often the lines monitor its risks."""

    _name = "mipg.risk.zone"
    _description = "MIPG risk zone"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "methodology_id, sequence, id"
    _mipg_frozen_parent = "methodology_id"
    # a line of a policy never moves to another one (an approved one above all)
    _mipg_fixed_fields = frozenset({"methodology_id"})

    methodology_id = fields.Many2one(
        "mipg.risk.methodology", required=True, index=True, ondelete="cascade"
    )
    code = fields.Selection(ZONES, required=True)
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Char(help="Colour of the zone on the heat map (#RRGGBB).")
    acceptable = fields.Boolean(
        string="Within appetite",
        help="The residual risks of this zone are within the risk appetite.",
    )
    allow_accept = fields.Boolean(string="Accept allowed")
    allow_reduce = fields.Boolean(string="Reduce allowed", default=True)
    allow_avoid = fields.Boolean(string="Avoid allowed", default=True)
    monitoring_months = fields.Integer(
        string="Monitoring every (months)",
        default=3,
        help="How often the second line monitors the risks of this residual zone.",
    )
    company_id = fields.Many2one(related="methodology_id.company_id", store=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(methodology_id, code)",
            "Each zone appears once in the policy.",
        ),
        (
            "monitoring_range",
            "CHECK(monitoring_months BETWEEN 1 AND 12)",
            "The monitoring of a zone is every 1 to 12 months.",
        ),
    ]

    def _mipg_locked_fields(self):
        locked = super()._mipg_locked_fields()
        return locked if isinstance(locked, str) else locked | self._mipg_fixed_fields
