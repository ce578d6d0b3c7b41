# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Official numbering of the activities: digits, then up to three capitals
# for the sub-items (12, 12A).
CODE_PATTERN = re.compile(r"^\d+[A-Z]{0,3}$")


class MipgAssessmentActivity(models.Model):
    """Actividad de gestión: a concrete activity the entity scores from 0 to
    100 in the autodiagnóstico (sub-items such as 12A are activities too)."""

    _name = "mipg.assessment.activity"
    _description = "MIPG self-assessment management activity"
    _order = "component_sequence, category_sequence, sequence, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(
        required=True, index=True, help="Official number of the activity (e.g. 12A)."
    )
    name = fields.Text(string="Activity", required=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "mipg.assessment.category", required=True, index=True, ondelete="cascade"
    )
    category_sequence = fields.Integer(
        related="category_id.sequence", store=True, string="Category order"
    )
    component_id = fields.Many2one(
        related="category_id.component_id", store=True, index=True
    )
    component_sequence = fields.Integer(
        related="category_id.component_sequence", store=True, string="Component order"
    )
    policy_id = fields.Many2one(related="category_id.policy_id", store=True, index=True)
    criterion = fields.Text(string="Rating criterion")
    scale_description = fields.Text(
        string="Rating scale", help="What each range of scores means for this activity."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_category_unique",
            "unique(code, category_id)",
            "An activity with this code already exists in this category.",
        ),
    ]

    @api.constrains("code")
    def _check_code(self):
        for activity in self:
            if not CODE_PATTERN.match(activity.code or ""):
                raise ValidationError(
                    self.env._(
                        "The activity code %(code)r is not valid: write the "
                        "number of the official tool, with the letter of the "
                        "sub-item if any (e.g. 12 or 12A), without spaces.",
                        code=activity.code,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for activity in self:
            activity.display_name = f"{activity.code} {activity.name or ''}".strip()
