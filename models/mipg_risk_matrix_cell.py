# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MipgRiskMatrixCell(models.Model):
    """A cell of the heat map of a risk policy: a probability level by an
    impact level gives a zone. The guide's table, not a product of
    percentages."""

    _name = "mipg.risk.matrix.cell"
    _description = "MIPG heat map cell"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "methodology_id, probability_rank desc, impact_rank"
    _mipg_frozen_parent = "methodology_id"
    # a line of a policy never moves to another one (an approved one above all)
    _mipg_fixed_fields = frozenset({"methodology_id"})

    methodology_id = fields.Many2one(
        "mipg.risk.methodology", required=True, index=True, ondelete="cascade"
    )
    probability_rank = fields.Integer(string="Probability", required=True)
    impact_rank = fields.Integer(string="Impact", required=True)
    zone_id = fields.Many2one(
        "mipg.risk.zone",
        required=True,
        ondelete="restrict",
        domain="[('methodology_id', '=', methodology_id)]",
    )
    company_id = fields.Many2one(related="methodology_id.company_id", store=True)

    _sql_constraints = [
        (
            "rank_range",
            "CHECK(probability_rank BETWEEN 1 AND 5 AND impact_rank BETWEEN 1 AND 5)",
            "Probability and impact of a cell are levels 1 to 5.",
        ),
        (
            "cell_unique",
            "unique(methodology_id, probability_rank, impact_rank)",
            "Each cell appears once in the heat map.",
        ),
    ]

    @api.constrains("zone_id", "methodology_id")
    def _check_zone_methodology(self):
        for cell in self:
            if cell.zone_id.methodology_id != cell.methodology_id:
                raise ValidationError(
                    self.env._(
                        "The zone of a heat map cell must be one of the zones of "
                        "the same policy."
                    )
                )

    def _mipg_locked_fields(self):
        locked = super()._mipg_locked_fields()
        return locked if isinstance(locked, str) else locked | self._mipg_fixed_fields
