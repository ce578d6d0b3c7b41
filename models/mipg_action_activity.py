# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_workflow_mixin import ALL_FIELDS

# Fields of an activity that, once its plan is approved, change only through a
# reformulation approved by the strategic line (mipg.action.change).
AGREED_ACTIVITY_FIELDS = ("name", "unit", "quantity", "date_start", "date_end")


def weeks_between(date_start, date_end):
    """Weeks between two dates as the SIRECI export counts them: the days
    between them divided by 7, rounded to the nearest whole week (half up):
    2016/12/12 to 2017/12/11 (364 days) is 52 weeks."""
    if not (date_start and date_end):
        return 0
    return int((date_end - date_start).days / 7 + 0.5)


class MipgActionActivity(models.Model):
    """Actividad: a concrete, measurable step of an improvement action, as
    the control bodies ask for it (unit of measure, quantity, dates, weeks,
    physical progress). Its progress comes from the validated follow-ups
    that report on it."""

    _name = "mipg.action.activity"
    _description = "MIPG activity of an improvement action"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "action_id, sequence, id"
    _check_company_auto = True

    action_id = fields.Many2one(
        "mipg.action",
        string="Improvement action",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    plan_id = fields.Many2one(
        related="action_id.plan_id", string="Improvement plan", store=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Description", required=True)
    unit = fields.Char(string="Unit of measure", required=True)
    quantity = fields.Float(required=True, default=1.0)
    date_start = fields.Date(string="Start date", required=True)
    date_end = fields.Date(string="End date", required=True)
    weeks = fields.Integer(
        compute="_compute_weeks",
        store=True,
        help="Weeks between the start and the end date, as the SIRECI export "
        "counts them (days / 7, rounded).",
    )
    responsible_area = fields.Char(
        help="Office (dependencia) that carries out the activity."
    )
    followup_ids = fields.One2many("mipg.followup", "activity_id", string="Follow-ups")
    progress_quantity = fields.Float(
        string="Executed quantity",
        compute="_compute_progress",
        store=True,
        help="Units executed, from the last validated follow-up of the activity.",
    )
    progress = fields.Float(
        string="Physical progress (%)",
        compute="_compute_progress",
        store=True,
        help="Executed quantity over the programmed quantity, from 0 to 100.",
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK (quantity > 0)",
            "The quantity of an activity must be greater than zero.",
        ),
        (
            "date_order",
            "CHECK (date_start <= date_end)",
            "An activity cannot end before it starts.",
        ),
    ]

    @api.depends("date_start", "date_end")
    def _compute_weeks(self):
        for activity in self:
            activity.weeks = weeks_between(activity.date_start, activity.date_end)

    @api.depends(
        "quantity",
        "followup_ids.state",
        "followup_ids.quantity_done",
        "followup_ids.date",
    )
    def _compute_progress(self):
        for activity in self:
            last = activity.followup_ids.filtered(
                lambda f: f.state == "validated" and f.line != "third"
            ).sorted(lambda f: (f.date, f.id))[-1:]
            done = last.quantity_done if last else 0.0
            activity.progress_quantity = done
            activity.progress = (
                min(100.0, done / activity.quantity * 100) if activity.quantity else 0.0
            )

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    def _mipg_locked_fields(self):
        """Like its action: all frozen in a closed plan; what was agreed
        (description, unit, quantity, dates) locked in an approved plan,
        changed only by an approved reformulation."""
        self.ensure_one()
        state = self.sudo().action_id.plan_id.state
        if state in ("closed", "cancelled"):
            return ALL_FIELDS
        if state in ("approved", "in_progress"):
            return set(AGREED_ACTIVITY_FIELDS) | {"action_id"}
        return super()._mipg_locked_fields()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            actions = self.env["mipg.action"].browse(
                {vals["action_id"] for vals in vals_list if vals.get("action_id")}
            )
            for action in actions.sudo():
                if action.plan_id.state not in (False, "draft", "to_approve"):
                    raise UserError(
                        self.env._(
                            "The improvement plan %(ref)s is approved: what was "
                            "agreed with the control body changes only with a "
                            "reformulation request, which the strategic line "
                            "approves.",
                            ref=action.plan_id.name,
                        )
                    )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreed(self):
        if self.env.su:
            return
        for activity in self:
            if activity.sudo().action_id.plan_id.state not in (
                False,
                "draft",
                "to_approve",
            ):
                raise UserError(
                    self.env._(
                        "The activity '%(activity)s' belongs to an approved plan "
                        "and is part of what was agreed with the control body: "
                        "it cannot be deleted.",
                        activity=activity.name,
                    )
                )
