# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .mipg_tools import check_year, year_sql_constraint

STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("verified", "Verified"),
    ("published", "Published"),
]


class MipgLesson(models.Model):
    """Lección aprendida (stage 4.1, aprendizaje organizacional): what an
    improvement opportunity fulfilled at 100 % and evaluated effective taught
    the entity. Verified every year by the second line and published in the
    institutional bulletin."""

    _name = "mipg.lesson"
    _description = "MIPG lesson learned"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "year desc, name desc, id desc"
    _check_company_auto = True
    # Unique under concurrency: the database, not a search, refuses a
    # second record with the same reference ("/" is the not-yet-numbered one).
    _sql_constraints = [
        (
            "name_company_unique",
            "EXCLUDE USING btree (name WITH =, company_id WITH =) WHERE (name <> '/')",
            "There is already a lesson learned with this reference in the entity.",
        ),
        year_sql_constraint(),
    ]
    # The second line's review and the publication are set only by the
    # Verify and Return buttons and by the bulletin; verified, the lesson is
    # frozen (the second line returns it to draft, with a reason).
    _mipg_state_field = "state"
    _mipg_transition_fields = (
        "verifier_id",
        "date_verified",
        "review_note",
        "bulletin_id",
    )
    _mipg_frozen_states = ("verified", "published")
    _rec_names_search = ["name", "title"]

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(
        compute="_compute_title",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    lesson_type = fields.Selection(
        [("success", "Success"), ("failure", "Failure")],
        string="Type",
        required=True,
        default="success",
        help="Whether the lesson comes from what went well or from what went "
        "wrong and was corrected.",
    )
    situation = fields.Text(
        compute="_compute_situation",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Situation, problem or finding that was faced.",
    )
    what_worked = fields.Text(
        string="What worked", help="What was done that gave good results."
    )
    what_failed = fields.Text(
        string="What did not work", help="What was tried and did not work."
    )
    recommendation = fields.Text(
        required=True, help="Recommendation that other processes can replicate."
    )
    impact = fields.Text(
        string="Result and impact",
        help="Positive impact obtained in the process, with its evidence.",
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_lesson_evidence_rel",
        "lesson_id",
        "attachment_id",
    )
    opportunity_id = fields.Many2one(
        "mipg.opportunity",
        string="Origin opportunity",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('effective', '=', True)]",
    )
    # the measured result of the gap the opportunity closed (or not)
    gap_outcome = fields.Selection(related="opportunity_id.gap_outcome")
    baseline_value = fields.Float(related="opportunity_id.baseline_value")
    baseline_year = fields.Integer(related="opportunity_id.baseline_year")
    remeasure_value = fields.Float(related="opportunity_id.remeasure_value")
    remeasure_year = fields.Integer(related="opportunity_id.remeasure_year")
    action_id = fields.Many2one(
        "mipg.action",
        string="Origin action",
        compute="_compute_action_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('opportunity_id', '=', opportunity_id)]",
    )
    process_id = fields.Many2one(
        "mipg.process",
        compute="_compute_process_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_lesson_policy_rel",
        "lesson_id",
        "policy_id",
        string="Policies",
        compute="_compute_policy_ids",
        store=True,
        precompute=True,
        readonly=False,
    )
    dimension_ids = fields.Many2many(
        "mipg.dimension",
        "mipg_lesson_dimension_rel",
        "lesson_id",
        "dimension_id",
        string="Dimensions",
        compute="_compute_dimension_ids",
        store=True,
    )
    dimension_id = fields.Many2one(
        "mipg.dimension",
        string="Main dimension",
        compute="_compute_dimension_ids",
        store=True,
        index=True,
        help="First dimension of the lesson's policies: the bulletin chapter "
        "where it is published.",
    )
    year = fields.Integer(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
        help="Year of the verification and of the bulletin that publishes it.",
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        readonly=True,
    )
    verifier_id = fields.Many2one(
        "res.users", string="Verified by", readonly=True, copy=False, tracking=True
    )
    date_verified = fields.Date(string="Verification date", readonly=True, copy=False)
    review_note = fields.Text(
        readonly=True,
        copy=False,
        help="Reason given by the second line when it last verified or "
        "returned the lesson.",
    )
    bulletin_id = fields.Many2one(
        "mipg.bulletin",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("opportunity_id")
    def _compute_title(self):
        for lesson in self:
            if not lesson.title and lesson.opportunity_id:
                lesson.title = lesson.opportunity_id.title

    @api.depends("opportunity_id")
    def _compute_situation(self):
        for lesson in self:
            if not lesson.situation and lesson.opportunity_id:
                lesson.situation = lesson.opportunity_id.description

    @api.depends("opportunity_id")
    def _compute_action_id(self):
        for lesson in self:
            actions = lesson.opportunity_id.action_ids
            if lesson.action_id not in actions:
                lesson.action_id = actions if len(actions) == 1 else False

    @api.depends("opportunity_id")
    def _compute_process_id(self):
        for lesson in self:
            if lesson.opportunity_id:
                lesson.process_id = lesson.opportunity_id.process_id

    @api.depends("opportunity_id", "process_id")
    def _compute_policy_ids(self):
        for lesson in self:
            lesson.policy_ids = (
                lesson.opportunity_id.policy_ids or lesson.process_id.policy_ids
            )

    @api.depends("policy_ids.dimension_id")
    def _compute_dimension_ids(self):
        for lesson in self:
            dimensions = lesson.policy_ids.dimension_id.sorted()
            lesson.dimension_ids = dimensions
            lesson.dimension_id = dimensions[:1]

    @api.constrains("opportunity_id", "action_id")
    def _check_origin(self):
        """The booklet's rule: lessons come only from opportunities fulfilled
        at 100 % whose actions were evaluated effective."""
        # The rule reads every action of the opportunity, whoever registers
        # the lesson: a process leader may not see the other processes' actions.
        for lesson in self.sudo():
            opportunity = lesson.opportunity_id
            if lesson.action_id and lesson.action_id.opportunity_id != opportunity:
                raise ValidationError(
                    self.env._(
                        "The action %(action)s does not belong to the opportunity "
                        "%(opportunity)s. Choose one of the opportunity's actions.",
                        action=lesson.action_id.display_name,
                        opportunity=opportunity.name,
                    )
                )
            actions = opportunity.action_ids
            if not actions:
                raise ValidationError(
                    self.env._(
                        "The opportunity %(opportunity)s has no improvement actions. "
                        "A lesson learned can only be registered from an opportunity "
                        "whose actions are at 100%% and were evaluated effective.",
                        opportunity=opportunity.name,
                    )
                )
            unfinished = actions.filtered(
                lambda a: float_compare(a.progress, 100.0, precision_digits=2) < 0
            )
            if unfinished:
                raise ValidationError(
                    self.env._(
                        "A lesson learned can only be registered when every action of "
                        "the opportunity %(opportunity)s is at 100%%. Still "
                        "unfinished: %(actions)s. Register the lesson once the "
                        "follow-ups reach 100%% and are validated.",
                        opportunity=opportunity.name,
                        actions=lesson.with_env(self.env)._mipg_names_for_user(
                            unfinished,
                            label=lambda a: f"{a.display_name} ({a.progress:.0f} %)",
                        ),
                    )
                )
            not_effective = actions.filtered(lambda a: not a.effective)
            if not_effective:
                raise ValidationError(
                    self.env._(
                        "A lesson learned can only be registered when the Internal "
                        "Control Office evaluated every action of the opportunity "
                        "%(opportunity)s as effective. Not evaluated effective: "
                        "%(actions)s. Ask the Internal Control Office for the "
                        "effectiveness evaluation first.",
                        opportunity=opportunity.name,
                        actions=lesson.with_env(self.env)._mipg_names_for_user(
                            not_effective
                        ),
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        check_year(
            self,
            lambda year: self.env._(
                "The year %(year)s is not valid: write it with four digits, e.g. 2026.",
                year=year,
            ),
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Propose, Verify and Return; publishing its bulletin")

    def _mipg_frozen_message(self):
        return self.env._(
            "The lesson %(lesson)s was verified by the second line and is frozen: "
            "the verified text is the one published. Ask the second line "
            "(Planning) to return it to draft, with the reason, to change it.",
            lesson=self.display_name,
        )

    @api.model
    def _mipg_create_values(self, vals):
        if vals.get("name", "/") != "/":
            return {}
        return {"name": self.env["ir.sequence"].next_by_code("mipg.lesson") or "/"}

    @api.model_create_multi
    def create(self, vals_list):
        lessons = super().create(vals_list)
        # the opportunity reached organizational learning (stage 4.1)
        lessons.sudo().opportunity_id.action_ids._mipg_follow_work("learned")
        return lessons

    @api.depends("name", "title")
    def _compute_display_name(self):
        for lesson in self:
            if lesson.name and lesson.name != "/":
                lesson.display_name = f"{lesson.name} {lesson.title or ''}".strip()
            else:
                lesson.display_name = lesson.title or ""

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_propose(self):
        """Send the lesson to the second line for the yearly verification."""
        for lesson in self:
            if lesson.state != "draft":
                raise UserError(
                    self.env._(
                        "Only draft lessons can be proposed; %(lesson)s is already "
                        "%(state)s.",
                        lesson=lesson.display_name,
                        state=lesson._state_label(),
                    )
                )
        self._set_state("proposed")
        return True

    def action_verify(self, note=None):
        """Second line: the lesson is confirmed for the bulletin of its year."""
        self._check_second_line()
        for lesson in self:
            if lesson.state != "proposed":
                raise UserError(
                    self.env._(
                        "Only proposed lessons can be verified; %(lesson)s is "
                        "%(state)s.",
                        lesson=lesson.display_name,
                        state=lesson._state_label(),
                    )
                )
        self._set_state(
            "verified",
            verifier_id=self.env.user.id,
            date_verified=fields.Date.context_today(self),
            review_note=note or False,
        )
        for lesson in self:
            lesson.message_post(
                body=self.env._("Lesson verified. %(note)s", note=note or ""),
                subtype_xmlid="mail.mt_note",
            )
        self._link_draft_bulletin()
        return True

    def action_return(self, reason):
        """Second line: send the lesson back to its author, with a reason."""
        self._check_second_line()
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Write the reason for returning the lesson, so that its author "
                    "knows what to correct."
                )
            )
        for lesson in self:
            if lesson.state not in ("proposed", "verified"):
                raise UserError(
                    self.env._(
                        "Only proposed or verified lessons can be returned; "
                        "%(lesson)s is %(state)s.",
                        lesson=lesson.display_name,
                        state=lesson._state_label(),
                    )
                )
        self._set_state(
            "draft",
            verifier_id=False,
            date_verified=False,
            review_note=reason,
            bulletin_id=False,
        )
        for lesson in self:
            lesson.message_post(
                body=self.env._(
                    "Lesson returned to its author: %(reason)s", reason=reason
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=lesson.create_uid.partner_id.ids,
            )
        return True

    def action_open_review(self):
        """Open the review wizard (verify or return with a reason)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_lesson_review_action"
        )
        action["context"] = {
            "active_model": self._name,
            "active_ids": self.ids,
            "default_decision": self.env.context.get("mipg_decision", "verify"),
        }
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _set_state(self, state, **values):
        return self._mipg_write_transition(dict(values, state=state))

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_second_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) verifies or returns "
                "lessons learned."
            ),
        )

    def _link_draft_bulletin(self):
        """Verified lessons join the draft bulletin of their year, if any."""
        Bulletin = self.env["mipg.bulletin"]
        for lesson in self:
            bulletin = Bulletin.search(
                [
                    ("state", "=", "draft"),
                    ("year", "=", lesson.year),
                    ("company_id", "=", lesson.company_id.id),
                ],
                limit=1,
            )
            if bulletin:
                lesson.sudo().bulletin_id = bulletin
