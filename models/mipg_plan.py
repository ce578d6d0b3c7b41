# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mipg_opportunity import EXTERNAL_SOURCES, SOURCES
from .mipg_workflow_mixin import ALL_FIELDS


class MipgPlan(models.Model):
    """Plan de mejoramiento: institutional, per process or individual."""

    _name = "mipg.plan"
    _description = "MIPG improvement plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.committee.approval.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # Unique under concurrency: the database, not a search, refuses a
    # second record with the same reference ("/" is the not-yet-numbered one).
    _sql_constraints = [
        (
            "name_company_unique",
            "EXCLUDE USING btree (name WITH =, company_id WITH =) WHERE (name <> '/')",
            "There is already an improvement plan with this reference in the entity.",
        ),
        (
            "progress_range",
            "CHECK(progress BETWEEN 0 AND 100)",
            "The progress of a plan goes from 0 to 100 %.",
        ),
        (
            "date_order",
            "CHECK(date_start <= date_end)",
            "A plan cannot end before it starts.",
        ),
    ]
    _mipg_state_field = "state"
    _mipg_transition_fields = ("approved_by_id", "date_approved", "cancel_reason")

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
    control_body_id = fields.Many2one(
        "mipg.control.body",
        string="Control body",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Control body with which the plan is subscribed; the plan uses "
        "its format.",
    )
    control_body = fields.Char(
        string="Control body (as written)",
        compute="_compute_control_body",
        store=True,
        readonly=False,
        precompute=True,
        help="Control body that issued the report, when the source is external.",
    )
    format_id = fields.Many2one(
        "mipg.report.format",
        string="Format",
        ondelete="restrict",
        compute="_compute_format_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Format of the plan's exports and cuts: the control body's, or "
        "the internal format.",
    )
    report_reference = fields.Char(
        help="Number of the audit report, when the source is external."
    )
    audited_period = fields.Char()
    process_id = fields.Many2one(
        "mipg.process",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
    )
    date_start = fields.Date(
        string="Start date", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End date")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Sent for approval"),
            ("approved", "Approved"),
            ("in_progress", "In progress"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        readonly=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    cancel_reason = fields.Text(
        readonly=True, copy=False, help="Why the second line cancelled the plan."
    )
    date_approved = fields.Date(readonly=True, copy=False)
    opportunity_ids = fields.One2many(
        "mipg.opportunity", "plan_id", string="Opportunities"
    )
    action_ids = fields.One2many("mipg.action", "plan_id", string="Actions")
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Average validated progress of its actions that are not cancelled.",
    )
    action_count = fields.Integer(compute="_compute_progress", store=True)
    opportunity_count = fields.Integer(compute="_compute_opportunity_count")
    overdue_count = fields.Integer(compute="_compute_overdue_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends(
        "action_ids.progress",
        "action_ids.active",
        "action_ids.stage_id.is_cancelled",
    )
    def _compute_progress(self):
        """One grouped query for the whole batch, so that validating a
        follow-up costs the same whatever the size of its plan."""
        data = {}
        if self.ids:
            data = {
                plan.id: (count, progress)
                for plan, count, progress in self.env["mipg.action"]._read_group(
                    [
                        ("plan_id", "in", self.ids),
                        ("stage_id.is_cancelled", "=", False),
                    ],
                    ["plan_id"],
                    ["__count", "progress:avg"],
                )
            }
        for plan in self:
            count, progress = data.get(plan._origin.id, (0, 0.0))
            plan.action_count = count
            plan.progress = progress or 0.0

    @api.depends("control_body_id")
    def _compute_control_body(self):
        for plan in self:
            # the name of its control body; a text written by hand otherwise
            plan.control_body = plan.control_body_id.name or plan.control_body

    @api.depends("control_body_id", "source")
    def _compute_format_id(self):
        internal = self.env.ref(
            "mipg.mipg_report_format_internal", raise_if_not_found=False
        )
        for plan in self:
            if plan.control_body_id.format_id:
                plan.format_id = plan.control_body_id.format_id
            elif not plan.format_id and plan.source not in EXTERNAL_SOURCES:
                plan.format_id = internal

    def _compute_opportunity_count(self):
        counts = {
            plan.id: count
            for plan, count in self.env["mipg.opportunity"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        }
        for plan in self:
            plan.opportunity_count = counts.get(plan.id, 0)

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

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_start and plan.date_end and plan.date_start > plan.date_end:
                raise ValidationError(
                    self.env._(
                        "The plan %(ref)s ends before it starts. Correct its "
                        "start or end date.",
                        ref=plan.name,
                    )
                )

    @api.constrains("state")
    def _check_state_rules(self):
        for plan in self:
            plan._mipg_check_state(plan.state)

    @api.constrains("state", "process_id")
    def _check_treated_risks(self):
        """A plan that treats risks to reduce stays in force and of their
        process: the rule lives on the risk (mipg.risk._check_treatment_plan)."""
        risks = self.env["mipg.risk"].sudo().search([("plan_id", "in", self.ids)])
        risks.with_env(self.env)._check_treatment_plan()

    def _mipg_check_state(self, state):
        """Raise when the plans cannot be in ``state``: approved only with
        an action, closed only when all their actions are closed."""
        for plan in self:
            if state in ("approved", "in_progress") and not plan.action_ids:
                raise ValidationError(
                    self.env._(
                        "The plan %(ref)s has no improvement action: add at "
                        "least one before approving it.",
                        ref=plan.name,
                    )
                )
            if state == "closed":
                open_actions = plan.action_ids.filtered(
                    lambda a: not (a.stage_id.is_closed or a.stage_id.is_cancelled)
                )
                if open_actions:
                    raise ValidationError(
                        self.env._(
                            "The plan %(ref)s still has %(count)s open actions "
                            "(%(actions)s). Close or cancel them before closing "
                            "the plan.",
                            ref=plan.name,
                            count=len(open_actions),
                            actions=plan._mipg_names_for_user(open_actions),
                        )
                    )

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _mipg_state_buttons(self):
        return self.env._(
            "Approve and Return for the strategic line; Start, Close, "
            "Cancel and Reset to draft for the second line"
        )

    def _mipg_locked_fields(self):
        """A closed or cancelled plan keeps what it was (the second line
        resets a cancelled one to draft)."""
        self.ensure_one()
        if self.state in ("closed", "cancelled"):
            return ALL_FIELDS
        return super()._mipg_locked_fields()

    @api.model
    def _mipg_create_values(self, vals):
        if vals.get("name", "/") != "/":
            return {}
        sequence_date = fields.Date.to_date(
            vals.get("date_start") or fields.Date.context_today(self)
        )
        return {
            "name": self.env["ir.sequence"]
            .with_context(ir_sequence_date=sequence_date)
            .next_by_code("mipg.plan")
            or "/"
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_treated_risks(self):
        risks = (
            self.env["mipg.risk"]
            .sudo()
            .with_context(active_test=False)
            .search([("plan_id", "in", self.ids)])
        )
        if risks:
            raise UserError(
                self.env._(
                    "This plan is the treatment plan of the risks %(risks)s: give "
                    "them another plan, or remove it from them, before deleting it.",
                    risks=self._mipg_names_for_user(risks, label=lambda r: r.reference),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_followups(self):
        if self.action_ids.followup_ids.filtered(lambda f: f.state == "validated"):
            raise UserError(
                self.env._(
                    "This plan has actions with validated follow-ups, which are "
                    "part of the institutional record: archive it instead of "
                    "deleting it."
                )
            )

    # ------------------------------------------------------------------
    # State methods
    # ------------------------------------------------------------------
    def action_send_for_approval(self):
        """The plan's authors ask the strategic line to approve it: each of
        its members gets an approval to-do."""
        self.check_access("write")
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Only draft plans are sent for approval."))
        self._mipg_check_state("approved")
        self._mipg_write_transition({"state": "to_approve"})
        self._mipg_schedule(
            "mipg.mipg_activity_type_approval",
            self._mipg_group_users("mipg.group_mipg_strategic_line"),
        )
        return True

    def action_approve(self):
        self._mipg_check_strategic_line()
        if self.filtered(lambda p: p.state not in ("draft", "to_approve")):
            raise UserError(self.env._("Only draft plans can be approved."))
        self._mipg_check_state("approved")
        self._mipg_record_decisions()
        self._mipg_write_transition(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Date.context_today(self),
            }
        )
        self._mipg_done("mipg.mipg_activity_type_approval")
        self._mipg_post_template("mipg.mipg_plan_mail_template_approved")
        self.action_ids._mipg_follow_work("approved")
        return True

    def action_return(self):
        """The strategic line sends the plan back to its authors."""
        self._mipg_check_strategic_line()
        if self.filtered(lambda p: p.state not in ("draft", "to_approve", "approved")):
            raise UserError(self.env._("Only draft or approved plans can be returned."))
        self._mipg_write_transition(
            {"state": "draft", "approved_by_id": False, "date_approved": False}
        )
        self._mipg_done("mipg.mipg_activity_type_approval")
        self._mipg_post_template("mipg.mipg_plan_mail_template_returned")
        return True

    def action_start(self):
        self._mipg_check_second_line()
        if self.filtered(lambda p: p.state != "approved"):
            raise UserError(
                self.env._("Only approved plans can start their execution.")
            )
        self._mipg_write_transition({"state": "in_progress"})
        return True

    def action_close(self):
        self._mipg_check_second_line()
        if self.filtered(lambda p: p.state not in ("approved", "in_progress")):
            raise UserError(
                self.env._("Only approved plans in execution can be closed.")
            )
        self._mipg_check_state("closed")
        self._mipg_write_transition({"state": "closed"})
        return True

    def action_open_cancel(self):
        self._mipg_check_second_line()
        return self.env["mipg.cancel.wizard"]._mipg_open(self)

    def action_cancel(self, reason=None):
        """The second line cancels the plans, saying why."""
        self._mipg_check_second_line()
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(self.env._("A closed plan cannot be cancelled."))
        if not (reason or "").strip():
            raise UserError(
                self.env._("Write why the plan is cancelled before cancelling it.")
            )
        self._mipg_write_transition({"state": "cancelled", "cancel_reason": reason})
        for plan in self:
            plan.message_post(
                body=self.env._("Plan cancelled: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _mipg_cancel(self, reason):
        return self.action_cancel(reason)

    def action_draft(self):
        self._mipg_check_second_line()
        if self.filtered(lambda p: p.state != "cancelled"):
            raise UserError(self.env._("Only cancelled plans can be reset to draft."))
        self._mipg_write_transition({"state": "draft", "cancel_reason": False})
        return True

    def action_open_add_opportunities(self):
        """Bring opportunities already registered into this plan."""
        self.ensure_one()
        return self.env["mipg.plan.opportunity.wizard"]._mipg_open(self)

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_action_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {
            "default_plan_id": self.id,
            "default_process_id": self.process_id.id,
        }
        return action

    def action_view_opportunities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_opportunity_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {
            "default_plan_id": self.id,
            "default_source": self.source,
            "default_process_id": self.process_id.id,
        }
        return action

    def action_export_xlsx(self):
        """Download the Formulario No. 14, streamed by the route of
        controllers/mipg_plan_export.py (nothing is stored)."""
        self.ensure_one()
        url = f"/mipg/plan/{self.id}/formulario14.xlsx"
        return {"type": "ir.actions.act_url", "url": url, "target": "download"}

    def action_export_format(self):
        """Download the plan in its format, streamed by the route of
        controllers/mipg_plan_export.py (nothing is stored)."""
        self.ensure_one()
        if not self.format_id:
            raise UserError(
                self.env._(
                    "Choose the format of the plan (or a control body that has "
                    "one) before exporting it."
                )
            )
        url = f"/mipg/plan/{self.id}/format/{self.format_id.id}.xlsx"
        return {"type": "ir.actions.act_url", "url": url, "target": "download"}

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_strategic_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_strategic_line",
            self.env._(
                "Only the strategic line (mayor, directive team, internal "
                "control committee) approves or returns improvement plans."
            ),
        )

    def _mipg_check_second_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) starts, closes, "
                "cancels or resets improvement plans. Ask the Planning "
                "office to do it."
            ),
        )

    def _mipg_post_template(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for plan in self:
            plan.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_note",
                partner_ids=plan.responsible_id.partner_id.ids,
            )
