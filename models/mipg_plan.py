# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mipg_opportunity import SOURCES


class MipgPlan(models.Model):
    """Plan de mejoramiento: institutional, per process or individual."""

    _name = "mipg.plan"
    _description = "MIPG improvement plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    level = fields.Selection(
        [
            ("institutional", "Institutional"),
            ("process", "Per process"),
            ("individual", "Individual"),
        ],
        required=True,
        default="process",
        tracking=True,
    )
    source = fields.Selection(SOURCES, required=True, tracking=True)
    control_body = fields.Char(
        help="Control body that issued the report, when the source is external."
    )
    report_reference = fields.Char(
        help="Number of the audit report, when the source is external."
    )
    audited_period = fields.Char()
    process_id = fields.Many2one(
        "mipg.process", index=True, tracking=True, ondelete="restrict"
    )
    responsible_id = fields.Many2one(
        "res.users", index=True, tracking=True, default=lambda self: self.env.user
    )
    date_start = fields.Date(
        string="Start date", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End date")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("in_progress", "In progress"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Date(readonly=True, copy=False)
    opportunity_ids = fields.One2many(
        "mipg.opportunity", "plan_id", string="Opportunities"
    )
    action_ids = fields.One2many("mipg.action", "plan_id", string="Actions")
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    action_count = fields.Integer(compute="_compute_progress", store=True)
    overdue_count = fields.Integer(compute="_compute_overdue_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("action_ids.progress", "action_ids.active")
    def _compute_progress(self):
        for plan in self:
            actions = plan.action_ids
            plan.action_count = len(actions)
            plan.progress = (
                sum(actions.mapped("progress")) / len(actions) if actions else 0.0
            )

    def _compute_overdue_count(self):
        today = fields.Date.context_today(self)
        counts = {
            plan.id: count
            for plan, count in self.env["mipg.action"]._read_group(
                [
                    ("plan_id", "in", self.ids),
                    ("date_deadline", "<", today),
                    ("stage_id.is_closed", "=", False),
                    ("stage_id.is_cancelled", "=", False),
                ],
                ["plan_id"],
                ["__count"],
            )
        }
        for plan in self:
            plan.overdue_count = counts.get(plan.id, 0)
