# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgAssessmentCategory(models.Model):
    """Categoría of an autodiagnóstico: what the entity must do to move
    forward in a component."""

    _name = "mipg.assessment.category"
    _description = "MIPG self-assessment category"
    _order = "component_sequence, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    component_id = fields.Many2one(
        "mipg.assessment.component", required=True, index=True, ondelete="cascade"
    )
    component_sequence = fields.Integer(
        related="component_id.sequence", store=True, string="Component order"
    )
    policy_id = fields.Many2one(
        related="component_id.policy_id", store=True, index=True
    )
    activity_ids = fields.One2many(
        "mipg.assessment.activity", "category_id", string="Management activities"
    )
    active = fields.Boolean(default=True)
