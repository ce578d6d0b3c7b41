# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .mipg_tools import format_number

# Who may record and who may validate each line's follow-ups.
LINE_AUTHOR_GROUP = {
    "first": "mipg.group_mipg_first_line",
    "second": "mipg.group_mipg_second_line",
    "third": "mipg.group_mipg_third_line",
}
LINE_VALIDATOR_GROUP = {
    "first": "mipg.group_mipg_second_line",
    "second": "mipg.group_mipg_second_line",
    "third": "mipg.group_mipg_third_line",
}


class MipgFollowup(models.Model):
    """Seguimiento: a dated progress report on an action, by a line of
    defense. The first line reports, the second line validates or rejects
    those reports and records its own monitoring, the third line (Internal
    Control Office) grades the progress and gives the effectiveness verdict.
    A validated follow-up is frozen."""

    _name = "mipg.followup"
    _description = "MIPG follow-up"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "date desc, id desc"
    _rec_name = "action_id"
    _check_company_auto = True
    # A validated report names its one validator (the state methods write
    # both at once; the database keeps even the superuser to it).
    _sql_constraints = [
        (
            "validated_has_validator",
            "CHECK (state <> 'validated' OR validated_by_id IS NOT NULL)",
            "A validated follow-up must name who validated it.",
        ),
        (
            "progress_range",
            "CHECK(progress BETWEEN 0 AND 100)",
            "The progress of a follow-up must be between 0 and 100 %.",
        ),
        (
            "quantity_done_positive",
            # (NaN and infinity are not below infinity in PostgreSQL)
            "CHECK(quantity_done >= 0 AND quantity_done < 'Infinity')",
            "The executed quantity cannot be negative.",
        ),
    ]
    _mipg_state_field = "state"
    _mipg_transition_fields = ("validated_by_id", "date_validated", "own_verdict")
    _mipg_frozen_states = ("validated",)

    action_id = fields.Many2one(
        "mipg.action", required=True, index=True, ondelete="cascade", check_company=True
    )
    plan_id = fields.Many2one(
        related="action_id.plan_id", string="Improvement plan", store=True, index=True
    )
    activity_id = fields.Many2one(
        "mipg.action.activity",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('action_id', '=', action_id)]",
        help="The activity whose progress is reported, when the action has activities.",
    )
    quantity_done = fields.Float(
        string="Executed quantity",
        help="Units of measure of the activity executed at the cut-off date; "
        "the progress is computed from it.",
    )
    responsible_id = fields.Many2one(related="action_id.responsible_id")
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
        readonly=True,
        copy=False,
    )
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    validated_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, ondelete="restrict"
    )
    date_validated = fields.Date(readonly=True, copy=False)
    own_verdict = fields.Boolean(
        string="OCI's own verdict",
        readonly=True,
        copy=False,
        help="A third-line evaluation validated by its own author: the verdict "
        "of the Internal Control Office signed by the evaluator.",
    )
    comments = fields.Text(help="Remarks of the reviewer; required to reject.")
    effective = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not effective")],
        string="Effectiveness verdict",
        help="Only for third-line evaluations.",
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("progress")
    def _check_progress(self):
        for followup in self:
            if not 0 <= followup.progress <= 100:
                raise ValidationError(
                    self.env._(
                        "The progress of a follow-up must be between 0 and 100 "
                        "%%; you entered %(progress)s.",
                        progress=format_number(self.env, followup.progress),
                    )
                )

    @api.constrains("activity_id", "action_id", "line", "quantity_done")
    def _check_activity(self):
        """A report on an action with activities reports on one of them (the
        Internal Control Office evaluates the action as a whole)."""
        for followup in self.sudo():
            activity = followup.activity_id
            if activity and activity.action_id != followup.action_id:
                raise ValidationError(
                    self.env._(
                        "The activity '%(activity)s' does not belong to the "
                        "action '%(action)s'. Choose one of its activities.",
                        activity=activity.name,
                        action=followup.action_id.name,
                    )
                )
            if (
                not activity
                and followup.line != "third"
                and followup.action_id.activity_line_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The action '%(action)s' has activities: report the "
                        "progress of one of them (choose the activity and the "
                        "executed quantity).",
                        action=followup.action_id.name,
                    )
                )
            if followup.quantity_done < 0:
                raise ValidationError(
                    self.env._("The executed quantity cannot be negative.")
                )

    @api.constrains("line", "effective")
    def _check_effective_third_line(self):
        for followup in self:
            if followup.effective and followup.line != "third":
                raise ValidationError(
                    self.env._(
                        "Only an evaluation of the Internal Control Office (third "
                        "line) gives the effectiveness verdict. Leave the verdict "
                        "empty on first- and second-line follow-ups."
                    )
                )

    @api.constrains("date")
    def _check_date_not_future(self):
        today = fields.Date.context_today(self)
        for followup in self:
            if followup.date > today:
                raise ValidationError(
                    self.env._(
                        "The cut-off date of a follow-up (%(date)s) cannot be in "
                        "the future: report the progress reached until today.",
                        date=format_date(self.env, followup.date),
                    )
                )

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Submit, Validate and Reject")

    def _mipg_locked_fields(self):
        """Validated: frozen. Submitted: locked for its author and for its
        reviewer, who only writes the comments of a rejection."""
        self.ensure_one()
        if self.state == "submitted":
            return set(self._fields) - {"comments"}
        return super()._mipg_locked_fields()

    @api.model
    def _mipg_create_values(self, vals):
        # the author is whoever records the follow-up: nobody may write a
        # report in someone else's name and validate it
        return {} if self.env.su else {"author_id": self.env.uid}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        actions = self.env["mipg.action"].browse(
            {vals["action_id"] for vals in vals_list if vals.get("action_id")}
        )
        actions._mipg_check_open_for_followups()
        for vals in vals_list:
            self._mipg_progress_from_quantity(vals)
        followups = super().create(vals_list)
        for followup in followups:
            followup._mipg_check_author()
        return followups

    def write(self, vals):
        if not self.env.su and (
            "effective" in vals
            or ("progress" in vals and self.filtered(lambda f: f.line == "third"))
        ):
            self._mipg_check_third_line_user()
        if vals.get("action_id"):
            self.env["mipg.action"].browse(
                vals["action_id"]
            )._mipg_check_open_for_followups()
        if {"activity_id", "quantity_done"} & set(vals):
            if len(self) > 1:
                for followup in self:
                    followup.write(vals)
                return True
            vals = dict(vals)
            vals.setdefault("activity_id", self.activity_id.id)
            vals.setdefault("quantity_done", self.quantity_done)
            self._mipg_progress_from_quantity(vals)
        res = super().write(vals)
        if not self.env.su and {"line", "action_id"} & set(vals):
            for followup in self:
                followup._mipg_check_author()
        return res

    @api.model
    def _mipg_progress_from_quantity(self, vals):
        """A report on an activity gives the executed quantity; its progress
        is that quantity over the programmed one (at most 100 %)."""
        if not vals.get("activity_id"):
            return
        activity = self.env["mipg.action.activity"].sudo().browse(vals["activity_id"])
        if activity.quantity > 0:
            done = vals.get("quantity_done") or 0.0
            vals["progress"] = min(100.0, max(0.0, done / activity.quantity * 100))

    # ------------------------------------------------------------------
    # State methods
    # ------------------------------------------------------------------
    def action_submit(self):
        for followup in self:
            if followup.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._("Only draft or rejected follow-ups can be submitted.")
                )
            followup._mipg_check_author()
        self._mipg_write_transition({"state": "submitted"})
        self.action_id._mipg_follow_work("reported")
        self._mipg_done("mipg.mipg_activity_type_correction")
        for followup in self:
            followup._mipg_schedule(
                "mipg.mipg_activity_type_validation", followup._mipg_reviewers()
            )
        return True

    def _mipg_reviewers(self):
        """Who validates this report: the plan's responsible when they are
        of the second line, else the whole second line; never its author."""
        self.ensure_one()
        responsible = self.sudo().plan_id.responsible_id
        if responsible._has_group("mipg.group_mipg_second_line"):
            reviewers = responsible
        else:
            reviewers = self._mipg_group_users("mipg.group_mipg_second_line")
        return reviewers - self.author_id

    def action_validate(self):
        self.action_id._mipg_check_open_for_followups()
        for followup in self:
            followup._mipg_check_validator()
            allowed = (
                ("submitted",)
                if followup.line == "first"
                else (
                    "draft",
                    "submitted",
                )
            )
            if followup.state not in allowed:
                raise UserError(
                    self.env._(
                        "Only submitted follow-ups can be validated (a first-line "
                        "report must be submitted by its author first)."
                    )
                )
            if followup.line == "third" and not followup.effective:
                raise UserError(
                    self.env._(
                        "Choose the effectiveness verdict (effective or not "
                        "effective) before validating the evaluation."
                    )
                )
        for followup in self:
            # an evaluation of the Internal Control Office validated by its
            # own author is the OCI's own verdict, and says so
            followup._mipg_write_transition(
                {
                    "state": "validated",
                    "validated_by_id": self.env.user.id,
                    "date_validated": fields.Date.context_today(self),
                    "own_verdict": followup.line == "third"
                    and followup.author_id == self.env.user,
                }
            )
            followup._mipg_move_action()
        self._mipg_done("mipg.mipg_activity_type_validation")
        for followup in self.filtered(lambda f: f.line == "third"):
            followup._mipg_notify_verdict()
        return True

    def _mipg_notify_verdict(self):
        """The responsible of the action learns the verdict of the Internal
        Control Office in Odoo."""
        self.ensure_one()
        action = self.sudo().action_id
        verdict = dict(self._fields["effective"]._description_selection(self.env))
        action.message_post(
            body=self.env._(
                "The Internal Control Office evaluated the action: %(verdict)s. "
                "%(description)s",
                verdict=verdict.get(self.effective, ""),
                description=self.description or "",
            ),
            subtype_xmlid="mail.mt_comment",
            partner_ids=action.responsible_id.partner_id.ids,
        )

    def _mipg_move_action(self):
        """A validated follow-up moves its action on (README: the stage
        flow): a report under 100 % back to execution, at 100 % to the
        Internal Control Office; an evaluation to feedback when effective,
        back to execution when not."""
        self.ensure_one()
        action = self.action_id
        if self.line == "third":
            step = "effective" if self.effective == "effective" else "not_effective"
        elif action.progress >= 100:
            step = "complete"
        else:
            step = "validated"
        action._mipg_follow_work(step)

    def action_reject(self):
        for followup in self:
            followup._mipg_check_validator()
            if followup.state != "submitted":
                raise UserError(
                    self.env._("Only submitted follow-ups can be rejected.")
                )
            if not (followup.comments or "").strip():
                raise UserError(
                    self.env._(
                        "Write in Comments why the follow-up is rejected, so that "
                        "its author knows what to correct."
                    )
                )
        self._mipg_write_transition({"state": "rejected"})
        self._mipg_done("mipg.mipg_activity_type_validation")
        for followup in self:
            followup._mipg_schedule(
                "mipg.mipg_activity_type_correction",
                followup.author_id,
                note=followup.comments,
            )
        template = self.env.ref(
            "mipg.mipg_followup_mail_template_rejected", raise_if_not_found=False
        )
        if template:
            for followup in self:
                followup.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_note",
                    partner_ids=followup.author_id.partner_id.ids,
                )
        return True

    # ------------------------------------------------------------------
    # Separation of duties
    # ------------------------------------------------------------------
    def _mipg_check_third_line_user(self):
        self._mipg_check_group(
            "mipg.group_mipg_third_line",
            self.env._(
                "Only the Internal Control Office (third line of defense) "
                "grades progress in its evaluations and gives the "
                "effectiveness verdict."
            ),
        )

    def _mipg_check_author(self):
        """The current user may record a follow-up of this line on this
        action."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group(LINE_AUTHOR_GROUP[self.line]):
            raise AccessError(
                self.env._(
                    "You cannot record a follow-up of the %(line)s of defense: "
                    "it is reserved to its members.",
                    line=dict(self._fields["line"]._description_selection(self.env))[
                        self.line
                    ].lower(),
                )
            )
        if self.line == "first":
            action = self.action_id.sudo()
            process = action.process_id
            if user not in (
                action.responsible_id | process.leader_id | process.member_ids
            ):
                raise AccessError(
                    self.env._(
                        "You can report progress only on actions you are "
                        "responsible for or that belong to your processes."
                    )
                )

    def _mipg_check_validator(self):
        self.ensure_one()
        if self.env.su:
            return
        if self.line != "third" and self.author_id == self.env.user:
            raise AccessError(
                self.env._(
                    "You recorded this follow-up yourself: another member of the "
                    "second line of defense must review it."
                )
            )
        if not self.env.user.has_group(LINE_VALIDATOR_GROUP[self.line]):
            if self.line == "third":
                message = self.env._(
                    "Only the Internal Control Office validates its own evaluations."
                )
            else:
                message = self.env._(
                    "Only the second line of defense (Planning) validates or "
                    "rejects first- and second-line follow-ups."
                )
            raise AccessError(message)
