# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgAssessmentComponent(models.Model):
    """Componente of a policy's autodiagnóstico tool: one of the large themes
    that frame the policy (e.g. Planeación, Ingreso, Desarrollo, Retiro)."""

    _name = "mipg.assessment.component"
    _description = "MIPG self-assessment component"
    _order = "policy_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    policy_id = fields.Many2one(
        "mipg.policy", required=True, index=True, ondelete="cascade"
    )
    category_ids = fields.One2many(
        "mipg.assessment.category", "component_id", string="Categories"
    )
    active = fields.Boolean(default=True)
