# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MipgLessonReview(models.TransientModel):
    """Yearly verification: the second line verifies or returns proposed
    lessons, giving a reason."""

    _name = "mipg.lesson.review"
    _description = "MIPG lesson learned review"

    lesson_ids = fields.Many2many(
        "mipg.lesson",
        "mipg_lesson_review_lesson_rel",
        "review_id",
        "lesson_id",
        string="Lessons",
        required=True,
    )
    decision = fields.Selection(
        [("verify", "Verify"), ("return", "Return to its author")],
        required=True,
        default="verify",
    )
    reason = fields.Text(
        help="Required when returning: tells the author what to correct. "
        "Optional note when verifying."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "lesson_ids" in fields_list
            and not values.get("lesson_ids")
            and self.env.context.get("active_model") == "mipg.lesson"
        ):
            values["lesson_ids"] = [
                fields.Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.lesson_ids:
            raise UserError(self.env._("Select at least one lesson to review."))
        if self.decision == "verify":
            self.lesson_ids.action_verify(note=self.reason)
        else:
            self.lesson_ids.action_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
