# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .mipg_action_change import AGREED_FIELDS
from .mipg_tools import format_number
from .mipg_workflow_mixin import ALL_FIELDS

DEADLINE_STATUS = [
    ("on_time", "On time"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("done", "Done"),
]
DEFAULT_WARNING_DAYS = 7
# The stage each step of the work leads an action to, on Pasto's improvement
# model; MIPG moves the card itself (README: "The stage flow").
STAGE_OF_WORK = {
    "formulated": "mipg.mipg_stage_2_2",
    "approved": "mipg.mipg_stage_2_3",
    "reported": "mipg.mipg_stage_3_1",
    "validated": "mipg.mipg_stage_2_3",
    "complete": "mipg.mipg_stage_3_2",
    "effective": "mipg.mipg_stage_3_3",
    "not_effective": "mipg.mipg_stage_2_3",
    "learned": "mipg.mipg_stage_4_1",
}


class MipgAction(models.Model):
    """Acción de mejora: what a responsible does to remove a cause."""

    _name = "mipg.action"
    _description = "MIPG improvement action"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "priority desc, date_deadline, id"
    _check_company_auto = True
    # Unique under concurrency: the database, not a search, refuses a
    # second record with the same reference ("/" is the not-yet-numbered one).
    _sql_constraints = [
        (
            "reference_company_unique",
            "EXCLUDE USING btree (reference WITH =, company_id WITH =) "
            "WHERE (reference <> '/')",
            "There is already an improvement action with this reference in the entity.",
        ),
        (
            "progress_range",
            "CHECK(progress BETWEEN 0 AND 100)",
            "The progress must be between 0 and 100 %.",
        ),
        (
            "target_quantity_positive",
            # (NaN and infinity are not below infinity in PostgreSQL)
            "CHECK(target_quantity >= 0 AND target_quantity < 'Infinity')",
            "The quantity an action must deliver is a finite number and cannot "
            "be negative.",
        ),
        (
            "date_order",
            "CHECK(date_start <= date_deadline)",
            "An action cannot start after its deadline.",
        ),
    ]
    _mipg_transition_fields = ("cancel_reason",)

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(copy=False, readonly=True, default="/", index=True)
    plan_id = fields.Many2one(
        "mipg.plan",
        string="Improvement plan",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    opportunity_id = fields.Many2one(
        "mipg.opportunity",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    source = fields.Selection(
        related="opportunity_id.source", store=True, index=True, string="Source"
    )
    dimension_ids = fields.Many2many(
        related="opportunity_id.dimension_ids", string="Dimensions"
    )
    policy_ids = fields.Many2many(
        related="opportunity_id.policy_ids", string="Policies"
    )
    action_type = fields.Selection(
        [
            ("correccion", "Correction"),
            ("correctiva", "Corrective action"),
            ("preventiva", "Preventive action"),
            ("mejora", "Improvement action"),
        ],
        string="Type",
        required=True,
        default="mejora",
    )
    objective = fields.Text(help="Purpose of the action: the result it must achieve.")
    description = fields.Text(string="Activities to carry out")
    responsible_id = fields.Many2one(
        "res.users", required=True, index=True, tracking=True, check_company=True
    )
    process_id = fields.Many2one(
        "mipg.process",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        compute="_compute_process_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_start = fields.Date(
        string="Start date",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    goal = fields.Char()
    unit = fields.Char(string="Unit of measure")
    target_quantity = fields.Float()
    indicator = fields.Char()
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        tracking=True,
        help="Progress of the last validated follow-up, from 0 to 100.",
    )
    stage_id = fields.Many2one(
        "mipg.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
        default=lambda self: self.env.ref(
            "mipg.mipg_stage_2_2", raise_if_not_found=False
        ),
        group_expand="_read_group_stage_ids",
    )
    cancel_reason = fields.Text(
        readonly=True,
        copy=False,
        help="Why the second line of defense cancelled the action.",
    )
    phva = fields.Selection(related="stage_id.phva", store=True)
    is_closed = fields.Boolean(related="stage_id.is_closed")
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High")], default="0", index=True
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_action_evidence_rel",
        "action_id",
        "attachment_id",
    )
    followup_ids = fields.One2many("mipg.followup", "action_id", string="Follow-ups")
    activity_line_ids = fields.One2many(
        "mipg.action.activity", "action_id", string="Plan activities"
    )
    followup_count = fields.Integer(compute="_compute_followup_count")
    effective = fields.Boolean(
        compute="_compute_effective",
        store=True,
        tracking=True,
        help="Effectiveness verdict of the last validated third-line evaluation.",
    )
    deadline_status = fields.Selection(
        DEADLINE_STATUS,
        compute="_compute_deadline_status",
        search="_search_deadline_status",
    )
    days_left = fields.Integer(
        compute="_compute_deadline_status",
        help="Days until the deadline; negative when overdue.",
    )
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("opportunity_id.process_id", "plan_id.process_id")
    def _compute_process_id(self):
        for action in self:
            if not action.process_id:
                action.process_id = (
                    action.opportunity_id.process_id or action.plan_id.process_id
                )

    @api.depends("plan_id", "opportunity_id")
    def _compute_company_id(self):
        """The company of its plan or opportunity."""
        for action in self:
            action.company_id = (
                action.plan_id.company_id
                or action.opportunity_id.company_id
                or action.company_id
                or self.env.company
            )

    @api.depends(
        "followup_ids.state",
        "followup_ids.progress",
        "followup_ids.date",
        "activity_line_ids.progress",
        "activity_line_ids.date_start",
        "activity_line_ids.date_end",
    )
    def _compute_progress(self):
        """With activities, their physical progress weighted by their planned
        duration in days (README: "Activities and the roll-up"); without, the
        progress of the last validated follow-up."""
        for action in self:
            if action.activity_line_ids:
                action.progress = action._mipg_activity_progress()
                continue
            last = action._mipg_last_validated()
            action.progress = last.progress if last else 0.0

    def _mipg_activity_progress(self):
        """Average progress of the activities, each weighing the days it
        lasts (a same-day activity weighs one day)."""
        self.ensure_one()
        weights = [
            (max((a.date_end - a.date_start).days, 0) + 1, a.progress)
            for a in self.activity_line_ids
            if a.date_start and a.date_end
        ]
        total = sum(weight for weight, _progress in weights)
        if not total:
            return 0.0
        return min(100.0, sum(w * p for w, p in weights) / total)

    @api.depends(
        "followup_ids.state",
        "followup_ids.effective",
        "followup_ids.line",
        "followup_ids.date",
    )
    def _compute_effective(self):
        for action in self:
            last = action._mipg_last_validated(line="third")
            action.effective = last.effective == "effective" if last else False

    def _compute_followup_count(self):
        counts = {
            action.id: count
            for action, count in self.env["mipg.followup"]._read_group(
                [("action_id", "in", self.ids)], ["action_id"], ["__count"]
            )
        }
        for action in self:
            action.followup_count = counts.get(action.id, 0)

    @api.depends("date_deadline", "stage_id.is_closed", "stage_id.is_cancelled")
    @api.depends_context("tz")
    def _compute_deadline_status(self):
        today = fields.Date.context_today(self)
        days = self._mipg_warning_days()
        for action in self:
            deadline = action.date_deadline
            action.days_left = (deadline - today).days if deadline else 0
            if action.stage_id.is_closed or action.stage_id.is_cancelled:
                action.deadline_status = "done"
            elif deadline and deadline < today:
                action.deadline_status = "overdue"
            elif deadline and deadline <= today + timedelta(days=days):
                action.deadline_status = "due_soon"
            else:
                action.deadline_status = "on_time"

    def _search_deadline_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("This search on the deadline is not supported."))
        values = {value} if isinstance(value, str) else set(value or [])
        if operator in ("!=", "not in"):
            values = {key for key, _label in DEADLINE_STATUS} - values
        return expression.OR(
            [self._mipg_deadline_status_domain(status) for status in values]
            or [expression.FALSE_DOMAIN]
        )

    @api.model
    def _mipg_deadline_status_domain(self, status):
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=self._mipg_warning_days())
        done = [
            "|",
            ("stage_id.is_closed", "=", True),
            ("stage_id.is_cancelled", "=", True),
        ]
        open_ = [
            ("stage_id.is_closed", "=", False),
            ("stage_id.is_cancelled", "=", False),
        ]
        if status == "done":
            return done
        if status == "overdue":
            return open_ + [("date_deadline", "<", today)]
        if status == "due_soon":
            return open_ + [
                ("date_deadline", ">=", today),
                ("date_deadline", "<=", soon),
            ]
        if status == "on_time":
            return open_ + [
                "|",
                ("date_deadline", "=", False),
                ("date_deadline", ">", soon),
            ]
        return expression.FALSE_DOMAIN

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for action in self:
            if (
                action.date_start
                and action.date_deadline
                and action.date_start > action.date_deadline
            ):
                raise ValidationError(
                    self.env._(
                        "The action '%(action)s' starts on %(start)s, after its "
                        "deadline %(deadline)s. Correct the start date or the "
                        "deadline.",
                        action=action.name,
                        start=action.date_start,
                        deadline=action.date_deadline,
                    )
                )

    @api.constrains("target_quantity")
    def _check_target_quantity(self):
        for action in self:
            if action.target_quantity < 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of the action '%(action)s' cannot be "
                        "negative (%(quantity)s). Write how many units of measure "
                        "the action must deliver.",
                        action=action.name,
                        quantity=action.target_quantity,
                    )
                )

    @api.constrains("progress")
    def _check_progress(self):
        for action in self:
            if not 0 <= action.progress <= 100:
                raise ValidationError(
                    self.env._("The progress must be between 0 and 100 %.")
                )

    @api.constrains("responsible_id", "active", "stage_id")
    def _check_responsible_not_third_line(self):
        for action in self:
            if action.stage_id.is_closed or action.stage_id.is_cancelled:
                continue
            if action.responsible_id._has_group("mipg.group_mipg_third_line"):
                raise ValidationError(
                    self.env._(
                        "%(user)s belongs to the Internal Control Office (third "
                        "line of defense), which evaluates the actions "
                        "independently and cannot be responsible for one. "
                        "Choose a process leader or a public servant of the "
                        "process.",
                        user=action.responsible_id.name,
                    )
                )

    @api.constrains("stage_id")
    def _check_closing(self):
        for action in self.filtered("stage_id.is_closed"):
            problems = action._mipg_closing_problems()
            if problems:
                raise ValidationError(
                    self.env._(
                        "The action '%(action)s' cannot be closed yet:\n%(problems)s",
                        action=action.name,
                        problems="\n".join("- " + p for p in problems),
                    )
                )

    @api.constrains("stage_id", "plan_id", "opportunity_id", "active")
    def _check_open_in_closed_parent(self):
        """A closed plan, a closed opportunity, keeps all its actions closed
        or cancelled."""
        for action in self.sudo().with_context(active_test=False):
            if not action.active and action.opportunity_id.stage_id.is_closed:
                raise ValidationError(
                    self.env._(
                        "The action %(action)s belongs to the closed opportunity "
                        "%(parent)s and stays in it: archive the opportunity "
                        "instead.",
                        action=action.with_env(self.env).display_name,
                        parent=action.opportunity_id.name,
                    )
                )
            if action.stage_id.is_closed or action.stage_id.is_cancelled:
                continue
            parent = False
            if action.plan_id.state == "closed":
                parent = action.plan_id
            elif action.opportunity_id.stage_id.is_closed:
                parent = action.opportunity_id
            if parent:
                raise ValidationError(
                    self.env._(
                        "The action %(action)s cannot stay open in %(parent)s, "
                        "which is closed. Reopen %(parent)s first.",
                        action=action.with_env(self.env).display_name,
                        parent=parent.name,
                    )
                )

    def _mipg_closing_problems(self):
        self.ensure_one()
        problems = []
        if self.progress < 100:
            problems.append(
                self.env._(
                    "its validated progress is %(progress)s %%; it must reach 100 %%",
                    progress=format_number(self.env, self.progress),
                )
            )
        has_evidence = self.evidence_ids or self.followup_ids.filtered(
            lambda f: f.state == "validated" and f.evidence_ids
        )
        if not has_evidence:
            problems.append(self.env._("attach the evidence of its execution"))
        if not self.effective:
            problems.append(
                self.env._(
                    "the Internal Control Office must validate an evaluation "
                    "that grades it effective"
                )
            )
        return problems

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    def _mipg_locked_fields(self):
        """The actions of a closed plan keep what they were; those of an
        approved plan keep what was agreed (dates, goal, quantity), which
        changes only through a change request approved by the strategic
        line (mipg.action.change). A closed action keeps the evidence it
        was closed with: moved back to an open stage, it takes new files."""
        self.ensure_one()
        state = self.sudo().plan_id.state
        if state == "closed":
            return ALL_FIELDS
        locked = super()._mipg_locked_fields()
        if locked == ALL_FIELDS:
            return locked
        locked = set(locked)
        if state in ("approved", "in_progress"):
            locked |= set(AGREED_FIELDS) | {"plan_id", "active"}
        if self.sudo().stage_id.is_closed:
            locked.add("evidence_ids")
        return locked

    @api.model
    def _mipg_create_values(self, vals):
        if vals.get("reference", "/") != "/":
            return {}
        return {"reference": self.env["ir.sequence"].next_by_code("mipg.action") or "/"}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            self._mipg_check_open_parents(vals)
            if not vals.get("date_start") and vals.get("date_deadline"):
                # today by default, but never after the deadline
                vals["date_start"] = min(
                    today, fields.Date.to_date(vals["date_deadline"])
                )
            if "stage_id" not in vals:
                # formulated in a plan under execution: executing already
                plan = self.env["mipg.plan"].browse(vals.get("plan_id")).sudo()
                if plan.state in ("approved", "in_progress"):
                    stage = self.env.ref(STAGE_OF_WORK["approved"], False)
                    vals["stage_id"] = stage.id if stage else False
            elif not self.env.su:
                self.env["mipg.stage"].browse(vals["stage_id"])._mipg_check_move(self)
        actions = super().create(vals_list)
        actions.sudo().opportunity_id._mipg_follow_actions()
        return actions

    def write(self, vals):
        # only a change of opportunity or plan adds the action to it
        moved = {
            field: value
            for field, value in vals.items()
            if field in ("opportunity_id", "plan_id")
            and any(action[field].id != value for action in self)
        }
        self._mipg_check_open_parents(moved)
        if vals.get("stage_id") and not self.env.su:
            self.env["mipg.stage"].browse(vals["stage_id"])._mipg_check_move(self)
        left = self.sudo().plan_id if {"plan_id", "active"} & set(vals) else False
        res = super().write(vals)
        if left:
            # an approved plan keeps at least one action
            for plan in left:
                plan._mipg_check_state(plan.state)
        if {"stage_id", "opportunity_id", "active"} & set(vals):
            self.sudo().opportunity_id._mipg_follow_actions()
        return res

    @api.model
    def _mipg_check_open_parents(self, vals):
        """Refuse to add an action to a closed or cancelled opportunity or
        plan: a closed opportunity or plan must keep all its actions closed."""
        if vals.get("opportunity_id"):
            opportunity = (
                self.env["mipg.opportunity"].browse(vals["opportunity_id"]).sudo()
            )
            if opportunity.stage_id.is_closed or opportunity.stage_id.is_cancelled:
                raise UserError(
                    self.env._(
                        "The opportunity %(ref)s is in the stage %(stage)s: no "
                        "action can be added to it. Reopen it first (move it "
                        "back to an open stage), or raise a new opportunity.",
                        ref=opportunity.name,
                        stage=opportunity.stage_id.name,
                    )
                )
        if vals.get("plan_id"):
            plan = self.env["mipg.plan"].browse(vals["plan_id"]).sudo()
            if plan.state in ("approved", "in_progress") and not self.env.su:
                raise UserError(
                    self.env._(
                        "The improvement plan %(ref)s is approved: a new action "
                        "is added to it with a change request, which the "
                        "strategic line approves.",
                        ref=plan.name,
                    )
                )
            if plan.state in ("closed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The improvement plan %(ref)s is %(state)s: no action "
                        "can be added to it. Add the action to an open plan, or "
                        "ask the second line of defense to reset the plan to "
                        "draft if it was cancelled by mistake.",
                        ref=plan.name,
                        state=dict(
                            plan._fields["state"]._description_selection(plan.env)
                        )[plan.state].lower(),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreed(self):
        """The actions of an approved plan are what was agreed: they stay
        in it, cancelled (with the reason) if they are dropped."""
        if self.env.su:
            return
        for action in self:
            plan = action.sudo().plan_id
            if plan.state in ("approved", "in_progress", "closed"):
                raise UserError(
                    self.env._(
                        "The action %(action)s belongs to the improvement plan "
                        "%(plan)s, which was approved: it stays in the plan as "
                        "part of what was agreed. If it is dropped, the second "
                        "line of defense cancels it with its Cancel button, which "
                        "records the reason.",
                        action=action.display_name,
                        plan=plan.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_followups(self):
        if self.followup_ids.filtered(lambda f: f.state == "validated"):
            raise UserError(
                self.env._(
                    "This action has validated follow-ups, which are part of "
                    "the institutional record: archive it instead of deleting it."
                )
            )

    # ------------------------------------------------------------------
    # Board
    # ------------------------------------------------------------------
    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return self.env["mipg.stage"]._mipg_board_stages(stages)

    @api.model
    def read_progress_bar(self, domain, group_by, progress_bar):
        """The column progress bar (on time / due soon / overdue / done)
        depends on today's date, so it cannot be stored: count each status
        with its own grouped query."""
        if progress_bar.get("field") != "deadline_status":
            return super().read_progress_bar(domain, group_by, progress_bar)
        result = {}
        for status in progress_bar["colors"]:
            status_domain = expression.AND(
                [domain or [], self._mipg_deadline_status_domain(status)]
            )
            for group, count in self._read_group(
                status_domain, [group_by], ["__count"]
            ):
                key = str(group.id if isinstance(group, models.BaseModel) else group)
                result.setdefault(key, dict.fromkeys(progress_bar["colors"], 0))
                result[key][status] += count
        return result

    # ------------------------------------------------------------------
    # Stage flow
    # ------------------------------------------------------------------
    def _mipg_follow_work(self, step):
        """Move the actions to the stage ``step`` of their work leads to
        (STAGE_OF_WORK). MIPG moves them, not a person: the move rules of
        the stages do not apply, the closing rules do. Cancelled actions stay
        where they are, closed ones too, except to record a lesson."""
        stage = self.env.ref(STAGE_OF_WORK[step], raise_if_not_found=False)
        if not stage:
            return
        todo = self.sudo().filtered(
            lambda a: (
                a.stage_id != stage
                and not a.stage_id.is_cancelled
                and (step == "learned") == bool(a.stage_id.is_closed)
                # an approved plan starts the actions still being planned
                and (step != "approved" or a.stage_id.phva == "plan")
            )
        )
        if todo:
            todo.write({"stage_id": stage.id})

    def _mipg_cancel(self, reason):
        """The second line cancels the actions, with the reason."""
        return self._mipg_cancel_records(self, reason)

    @api.model
    def _mipg_cancel_records(self, records, reason):
        """Cancel actions or opportunities: the second line only, with the
        reason kept on the record and in its chatter."""
        records._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) cancels an "
                "improvement action or opportunity."
            ),
        )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Write why it is cancelled before cancelling it.")
            )
        stage = self.env["mipg.stage"].search([("is_cancelled", "=", True)], limit=1)
        records._mipg_write_transition({"stage_id": stage.id, "cancel_reason": reason})
        for record in records:
            record.message_post(
                body=self.env._("Cancelled: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_request_change(self):
        """Ask the strategic line to change what was agreed for the action."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mipg.action.change",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_plan_id": self.plan_id.id,
                "default_action_id": self.id,
                "default_date_deadline": self.date_deadline,
            },
        }

    def action_open_cancel(self):
        return self.env["mipg.cancel.wizard"]._mipg_open(self)

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_followup_action"
        )
        action["domain"] = [("action_id", "=", self.id)]
        action["context"] = {"default_action_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_last_validated(self, line=None):
        self.ensure_one()
        followups = self.followup_ids.filtered(
            lambda f: f.state == "validated" and (not line or f.line == line)
        )
        return followups.sorted(lambda f: (f.date, f.id))[-1:]

    def _mipg_check_open_for_followups(self):
        """Refuse follow-ups on closed or cancelled actions: a closed action
        must stay complete and effective, so its progress and verdict are
        frozen until it is reopened."""
        for action in self.sudo():
            if action.stage_id.is_closed or action.stage_id.is_cancelled:
                raise UserError(
                    self.env._(
                        "The action '%(action)s' is in the stage %(stage)s and "
                        "takes no more follow-ups. Reopen it first (move it back "
                        "to an open stage) if its execution must be reported "
                        "again.",
                        action=action.name,
                        stage=action.stage_id.name,
                    )
                )

    @api.model
    def _mipg_warning_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("mipg.action_deadline_warning_days", DEFAULT_WARNING_DAYS)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_WARNING_DAYS

    @api.model
    def _cron_deadline_activities(self):
        """Daily: one to-do per open action due within the warning days or
        overdue, for its responsible; never two for the same action."""
        today = fields.Date.context_today(self)
        limit = today + timedelta(days=self._mipg_warning_days())
        actions = self.search(
            [
                ("date_deadline", "<=", limit),
                ("stage_id.is_closed", "=", False),
                ("stage_id.is_cancelled", "=", False),
            ]
        )
        activity_type = self.env.ref("mipg.mipg_activity_type_deadline")
        already = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", actions.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        template = self.env.ref(
            "mipg.mipg_action_mail_template_deadline", raise_if_not_found=False
        )
        todo = actions.filtered(lambda a: a.id not in already)
        model_id = self.env["ir.model"]._get_id(self._name)
        summaries = {}

        def summary(action):
            """Written in the responsible's language, not the job's."""
            lang = action.responsible_id.lang or self.env.lang
            if lang not in summaries:
                env = self.with_context(lang=lang).env
                summaries[lang] = (
                    env._("Overdue improvement action"),
                    env._("Improvement action due soon"),
                )
            overdue, due_soon = summaries[lang]
            return overdue if action.date_deadline < today else due_soon

        # One create for every to-do and one batch post of the template
        # (which addresses each responsible), not a schedule and a post per
        # action.
        created = self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": action.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary(action),
                    "date_deadline": max(action.date_deadline, today),
                    "user_id": action.responsible_id.id,
                }
                for action in todo
            ]
        )
        if template and todo:
            todo.message_post_with_source(template, subtype_xmlid="mail.mt_note")
        return created
