# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgRiskLevel(models.Model):
    """A level of the probability or of the impact scale of a risk policy:
    its percentage and its upper threshold (times a year the activity is
    done, or SMMLV of economic effect). A value falls in the first level,
    from the lowest, whose threshold it does not exceed."""

    _name = "mipg.risk.level"
    _description = "MIPG risk scale level"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "methodology_id, kind, rank"
    _mipg_frozen_parent = "methodology_id"
    # a line of a policy never moves to another one (an approved one above all)
    _mipg_fixed_fields = frozenset({"methodology_id"})

    methodology_id = fields.Many2one(
        "mipg.risk.methodology", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [("probability", "Probability"), ("impact", "Impact")], required=True
    )
    rank = fields.Integer(required=True, help="1 (lowest) to 5 (highest).")
    name = fields.Char(required=True)
    value = fields.Float(
        string="Percentage",
        required=True,
        digits=(3, 2),
        help="Value of the level, from 0 to 1 (0.20, 0.40 ... 1.00). A residual "
        "percentage falls in the first level whose value it does not exceed.",
    )
    threshold_max = fields.Float(
        string="Up to",
        help="Probability: most times a year the activity is done. Impact: most "
        "SMMLV of economic effect. Empty on the highest level (no limit).",
    )
    description = fields.Text(
        help="Probability: the frequency as the policy writes it. Impact: the "
        "economic effect."
    )
    reputational = fields.Text(
        string="Reputational effect", help="Impact levels: the reputational effect."
    )
    company_id = fields.Many2one(related="methodology_id.company_id", store=True)

    _sql_constraints = [
        (
            "rank_range",
            "CHECK(rank BETWEEN 1 AND 5)",
            "A level is numbered from 1 to 5.",
        ),
        (
            "value_range",
            "CHECK(value > 0 AND value <= 1)",
            "The percentage of a level is above 0 and at most 1.",
        ),
        (
            "threshold_positive",
            "CHECK(threshold_max IS NULL OR threshold_max >= 0)",
            "The threshold of a level cannot be negative.",
        ),
        (
            "rank_unique",
            "unique(methodology_id, kind, rank)",
            "Each level of a scale appears once in the policy.",
        ),
    ]

    def _mipg_locked_fields(self):
        locked = super()._mipg_locked_fields()
        return locked if isinstance(locked, str) else locked | self._mipg_fixed_fields
