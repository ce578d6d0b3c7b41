# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgFollowup(models.Model):
    """Seguimiento: a dated progress report on an action, by a line of
    defense."""

    _name = "mipg.followup"
    _description = "MIPG follow-up"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    action_id = fields.Many2one(
        "mipg.action", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(
        string="Cut-off date", required=True, default=fields.Date.context_today
    )
    progress = fields.Float(help="Progress at the cut-off date, from 0 to 100.")
    description = fields.Text()
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_followup_evidence_rel",
        "followup_id",
        "attachment_id",
        string="Evidence",
    )
    line = fields.Selection(
        [
            ("first", "First line"),
            ("second", "Second line"),
            ("third", "Third line"),
        ],
        string="Line of defense",
        required=True,
        default="first",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("validated", "Validated"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    comments = fields.Text()
    effective = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not effective")],
        string="Effectiveness verdict",
        help="Only for third-line evaluations.",
    )
    company_id = fields.Many2one(
        related="action_id.company_id", store=True, index=True
    )
