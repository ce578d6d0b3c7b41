# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import clean_context

RISK_TYPES = [
    ("management", "Management"),
    ("corruption", "Corruption"),
    ("information_security", "Information security"),
    ("fiscal", "Fiscal"),
]
CLASSIFICATIONS = [
    ("process_execution", "Execution and management of processes"),
    ("external_fraud", "External fraud"),
    ("internal_fraud", "Internal fraud"),
    ("technology_failure", "Technology failures"),
    ("labour_relations", "Labour relations"),
    ("users_products_practices", "Users, products and practices"),
    ("asset_damage", "Damage to fixed assets / external events"),
]
IMPACT_TYPES = [
    ("economic", "Economic"),
    ("reputational", "Reputational"),
    ("both", "Economic and reputational"),
]
TREATMENTS = [("accept", "Accept"), ("reduce", "Reduce"), ("avoid", "Avoid")]
# Floating-point slack when a percentage is compared with a level's value.
EPSILON = 1e-9
# Days ahead of the "Monitoring due in 30 days" filter.
MONITORING_SOON_DAYS = 30
# The to-do of the second line for a risk to monitor.
MONITORING_ACTIVITY = "mipg.mipg_activity_type_risk_monitoring"


class MipgRisk(models.Model):
    """A risk of a process, written and rated as Función Pública's guide
    says: 'possibility of <impact> due to <immediate cause> because of <root
    cause>'; its inherent probability comes from how often the activity is
    done, its inherent impact from the economic and reputational effect (or,
    for corruption, from the 19 questions), and its residual rating from its
    controls, applied one after the other."""

    _name = "mipg.risk"
    _description = "MIPG risk"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "process_id, reference, id"
    _rec_name = "reference"
    _check_company_auto = True

    reference = fields.Char(
        required=True, copy=False, readonly=True, default="/", index=True
    )
    process_id = fields.Many2one(
        "mipg.process",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    process_objective = fields.Text(string="Objective of the process")
    risk_type = fields.Selection(
        RISK_TYPES, string="Type", required=True, default="management", tracking=True
    )
    classification = fields.Selection(CLASSIFICATIONS, tracking=True)
    impact_type = fields.Selection(
        IMPACT_TYPES, string="Effect", required=True, default="economic"
    )
    impact_text = fields.Char(
        string="Impact",
        required=True,
        help="What would be affected: 'economic effect', 'reputational effect'...",
    )
    immediate_cause = fields.Char(
        required=True, help="The most evident situation that may cause the risk."
    )
    root_cause = fields.Char(
        required=True, help="The underlying cause the controls must address."
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        help="The risk in the guide's wording.",
    )
    activity_frequency = fields.Integer(
        string="Activity frequency (times a year)",
        help="How many times a year the activity exposed to the risk is done "
        "(not how many times the risk happened).",
    )
    economic_amount = fields.Float(
        string="Economic effect (SMMLV)",
        help="Possible economic effect, in legal monthly minimum wages.",
    )
    reputational_level_id = fields.Many2one(
        "mipg.risk.level",
        string="Reputational effect",
        domain="[('methodology_id', '=', methodology_id), ('kind', '=', 'impact')]",
    )
    corruption_question_ids = fields.Many2many(
        "mipg.risk.corruption.question",
        "mipg_risk_corruption_question_rel",
        "risk_id",
        "question_id",
        string="Corruption impact: 'yes' answers",
    )
    methodology_id = fields.Many2one(
        "mipg.risk.methodology",
        string="Risk policy",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The version of the policy the risk is rated with.",
    )
    inherent_probability_id = fields.Many2one(
        "mipg.risk.level",
        compute="_compute_rating",
        store=True,
        string="Inherent probability",
    )
    inherent_impact_id = fields.Many2one(
        "mipg.risk.level",
        compute="_compute_rating",
        store=True,
        string="Inherent impact",
    )
    inherent_zone_id = fields.Many2one(
        "mipg.risk.zone", compute="_compute_rating", store=True, string="Inherent zone"
    )
    inherent_zone = fields.Selection(
        related="inherent_zone_id.code", string="Inherent zone code"
    )
    residual_probability = fields.Float(
        compute="_compute_rating", store=True, digits=(5, 4)
    )
    residual_impact = fields.Float(compute="_compute_rating", store=True, digits=(5, 4))
    residual_probability_id = fields.Many2one(
        "mipg.risk.level",
        compute="_compute_rating",
        store=True,
        string="Residual probability level",
    )
    residual_impact_id = fields.Many2one(
        "mipg.risk.level",
        compute="_compute_rating",
        store=True,
        string="Residual impact level",
    )
    residual_zone_id = fields.Many2one(
        "mipg.risk.zone",
        compute="_compute_rating",
        store=True,
        index=True,
        string="Residual zone",
        group_expand="_read_group_residual_zone_ids",
    )
    residual_zone = fields.Selection(
        related="residual_zone_id.code", string="Residual zone code"
    )
    control_ids = fields.One2many("mipg.risk.control", "risk_id", string="Controls")
    control_count = fields.Integer(compute="_compute_control_count")
    treatment = fields.Selection(TREATMENTS, tracking=True)
    reduce_mode = fields.Selection(
        [("mitigate", "Mitigate"), ("transfer", "Transfer")],
        string="How it is reduced",
    )
    plan_id = fields.Many2one(
        "mipg.plan",
        string="Treatment plan",
        index=True,
        check_company=True,
        ondelete="restrict",
        help="For a reduced risk: the improvement plan of its process whose "
        "actions treat it, on the PHVA boards like any other. Saving Reduce "
        "without one creates it.",
    )
    event_ids = fields.One2many("mipg.risk.event", "risk_id", string="Events")
    event_count = fields.Integer(compute="_compute_event_count")
    risk_opportunity_count = fields.Integer(
        string="Opportunities", compute="_compute_risk_opportunity_count"
    )
    control_test_ids = fields.One2many(
        "mipg.risk.control.test",
        "risk_id",
        string="Executions, monitoring and tests",
        readonly=True,
    )
    last_monitoring_date = fields.Date(
        compute="_compute_monitoring",
        store=True,
        help="End of the last period the second line monitored a control of the risk.",
    )
    monitoring_date_due = fields.Date(
        string="Next monitoring",
        compute="_compute_monitoring",
        store=True,
        index=True,
        help="When the second line monitors the risk again, by the frequency the "
        "policy sets for its residual zone.",
    )
    monitoring_overdue = fields.Boolean(
        string="Monitoring overdue",
        compute="_compute_monitoring_status",
        search="_search_monitoring_overdue",
    )
    monitoring_due_soon = fields.Boolean(
        string="Monitoring due in 30 days",
        compute="_compute_monitoring_status",
        search="_search_monitoring_due_soon",
    )
    monitoring_reminded_date = fields.Date(
        string="Monitoring reminded for",
        readonly=True,
        copy=False,
        help="The due date of the monitoring the second line was last reminded "
        "of: it is reminded once per due date.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        related="process_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "activity_frequency_positive",
            "CHECK(activity_frequency IS NULL OR activity_frequency >= 0)",
            "The frequency of the activity cannot be negative.",
        ),
        (
            "economic_amount_positive",
            "CHECK(economic_amount IS NULL OR economic_amount >= 0)",
            "The economic effect of a risk cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("impact_text", "immediate_cause", "root_cause")
    def _compute_name(self):
        for risk in self:
            risk.name = self.env._(
                "Possibility of %(impact)s due to %(cause)s because of %(root)s",
                impact=(risk.impact_text or "").strip(),
                cause=(risk.immediate_cause or "").strip(),
                root=(risk.root_cause or "").strip(),
            )

    @api.depends(
        "methodology_id",
        "risk_type",
        "impact_type",
        "activity_frequency",
        "economic_amount",
        "reputational_level_id",
        "corruption_question_ids",
        "control_ids.control_type",
        "control_ids.rating",
        "control_ids.sequence",
        "control_ids.active",
    )
    def _compute_rating(self):
        tables = {}
        for risk in self:
            methodology = risk.methodology_id
            if not methodology:
                risk.update(
                    {
                        "inherent_probability_id": False,
                        "inherent_impact_id": False,
                        "inherent_zone_id": False,
                        "residual_probability": 0.0,
                        "residual_impact": 0.0,
                        "residual_probability_id": False,
                        "residual_impact_id": False,
                        "residual_zone_id": False,
                    }
                )
                continue
            if methodology.id not in tables:
                tables[methodology.id] = methodology._mipg_tables()
            table = tables[methodology.id]
            probability = risk._mipg_inherent_probability(table)
            impact = risk._mipg_inherent_impact(table)
            residual_p, residual_i, __ = risk._mipg_residual_steps(
                probability.value, impact.value
            )
            residual_probability = self._mipg_level_of_value(
                table["probability"], residual_p
            )
            residual_impact = self._mipg_level_of_value(table["impact"], residual_i)
            cells = table["cells"]
            risk.update(
                {
                    "inherent_probability_id": probability.id,
                    "inherent_impact_id": impact.id,
                    "inherent_zone_id": cells.get((probability.rank, impact.rank)).id,
                    "residual_probability": residual_p,
                    "residual_impact": residual_i,
                    "residual_probability_id": residual_probability.id,
                    "residual_impact_id": residual_impact.id,
                    "residual_zone_id": cells.get(
                        (residual_probability.rank, residual_impact.rank)
                    ).id,
                }
            )

    def _mipg_inherent_probability(self, table):
        """The level of the frequency of the activity: the first level,
        from the lowest, whose threshold the frequency does not exceed."""
        return self._mipg_level_of_threshold(
            table["probability"], self.activity_frequency or 0
        )

    def _mipg_inherent_impact(self, table):
        """Corruption: the 'yes' answers to the 19 questions (moderate,
        major or catastrophic, never lower). Otherwise the economic effect
        and/or the reputational effect, the higher of both."""
        levels = table["impact"]
        methodology = self.methodology_id
        if self.risk_type == "corruption":
            answers = len(self.corruption_question_ids)
            if answers >= methodology.corruption_catastrophic_min:
                return levels[5]
            if answers >= methodology.corruption_major_min:
                return levels[4]
            return levels[3]
        rank = 1
        if self.impact_type in ("economic", "both") or self.risk_type == "fiscal":
            rank = self._mipg_level_of_threshold(levels, self.economic_amount or 0).rank
        if (
            self.impact_type in ("reputational", "both")
            and self.risk_type != "fiscal"
            and self.reputational_level_id
        ):
            rank = max(rank, self.reputational_level_id.rank)
        return levels[rank]

    @api.model
    def _mipg_level_of_threshold(self, levels, amount):
        for rank in sorted(levels):
            level = levels[rank]
            if not level.threshold_max or amount <= level.threshold_max + EPSILON:
                return level
        return levels[max(levels)]

    @api.model
    def _mipg_level_of_value(self, levels, value):
        """The level of a percentage: the first level, from the lowest,
        whose value it does not exceed (at most 20 % very low, above 20 % up
        to 40 % low...)."""
        for rank in sorted(levels):
            if value <= levels[rank].value + EPSILON:
                return levels[rank]
        return levels[max(levels)]

    def _mipg_residual_steps(self, probability, impact):
        """Apply the active controls in their order as the guide does: each
        preventive or detective control lowers the probability left by the
        previous one, each corrective control the impact, by its rating.
        Return the residual probability and impact and, per control, the
        values after it."""
        steps = {}
        for control in self.control_ids.filtered("active").sorted(
            lambda c: (c.sequence, c.id or 0)
        ):
            rating = control.rating
            if control.control_type == "corrective":
                impact -= impact * rating
            else:
                probability -= probability * rating
            steps[control.id] = (probability, impact)
        return probability, impact, steps

    @api.depends(
        "control_test_ids.line",
        "control_test_ids.state",
        "control_test_ids.period_end",
        "residual_zone_id.monitoring_months",
        "create_date",
    )
    def _compute_monitoring(self):
        """The last monitoring is the end of the last period a confirmed
        review of the second line covers, on any control of the risk; the
        next one comes the months the policy sets for the residual zone
        after it (after the identification of the risk, the first time)."""
        for risk in self:
            done = risk.control_test_ids.filtered(
                lambda t: t.line == "second" and t.state == "done"
            )
            last = max(done.mapped("period_end"), default=False)
            risk.last_monitoring_date = last
            start = last or (risk.create_date or fields.Datetime.now()).date()
            months = risk.residual_zone_id.monitoring_months
            risk.monitoring_date_due = (
                start + relativedelta(months=months) if months else False
            )

    @api.depends("monitoring_date_due")
    def _compute_monitoring_status(self):
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=MONITORING_SOON_DAYS)
        for risk in self:
            due = risk.monitoring_date_due
            risk.monitoring_overdue = bool(due) and due < today
            risk.monitoring_due_soon = bool(due) and today <= due <= soon

    def _mipg_monitoring_search(self, operator, value, domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search the monitoring of risks with Yes or No.")
            )
        if (operator == "=") == value:
            return domain
        return ["!", *(["&"] * (len(domain) - 1)), *domain]

    def _search_monitoring_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        return self._mipg_monitoring_search(
            operator, value, [("monitoring_date_due", "<", today)]
        )

    def _search_monitoring_due_soon(self, operator, value):
        today = fields.Date.context_today(self)
        return self._mipg_monitoring_search(
            operator,
            value,
            [
                ("monitoring_date_due", ">=", today),
                (
                    "monitoring_date_due",
                    "<=",
                    today + timedelta(days=MONITORING_SOON_DAYS),
                ),
            ],
        )

    def _compute_control_count(self):
        for risk in self:
            risk.control_count = len(risk.control_ids)

    def _compute_event_count(self):
        for risk in self:
            risk.event_count = len(risk.event_ids)

    def _mipg_origin_domain(self):
        """The opportunities raised from the risk: by its events and by the
        tests of its controls."""
        events = self.env["mipg.risk.event"].search([("risk_id", "in", self.ids)])
        tests = self.env["mipg.risk.control.test"].search([("risk_id", "in", self.ids)])
        return [
            "|",
            "&",
            ("res_model", "=", "mipg.risk.event"),
            ("res_id", "in", events.ids),
            "&",
            ("res_model", "=", "mipg.risk.control.test"),
            ("res_id", "in", tests.ids),
        ]

    def _compute_risk_opportunity_count(self):
        for risk in self:
            risk.risk_opportunity_count = self.env["mipg.opportunity"].search_count(
                risk._mipg_origin_domain()
            )

    @api.model
    def _read_group_residual_zone_ids(self, zones, domain):
        methodology = self.env["mipg.risk.methodology"]._mipg_current()
        return zones | methodology.zone_ids

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "treatment",
        "reduce_mode",
        "risk_type",
        "impact_type",
        "activity_frequency",
        "economic_amount",
        "reputational_level_id",
        "corruption_question_ids",
        "control_ids",
    )
    def _check_treatment(self):
        """The treatment is one the policy allows in the residual zone; a
        corruption risk is never accepted."""
        labels = dict(self._fields["treatment"]._description_selection(self.env))
        for risk in self:
            if not risk.treatment:
                continue
            if risk.risk_type == "corruption" and risk.treatment == "accept":
                raise ValidationError(
                    self.env._(
                        "A corruption risk can never be accepted: reduce it or "
                        "avoid it (%(risk)s).",
                        risk=risk.reference,
                    )
                )
            zone = risk.residual_zone_id
            if zone and not zone[f"allow_{risk.treatment}"]:
                raise ValidationError(
                    self.env._(
                        "The risk policy does not allow to %(treatment)s a risk "
                        "whose residual zone is %(zone)s (%(risk)s): choose another "
                        "treatment.",
                        treatment=labels[risk.treatment].lower(),
                        zone=zone.name,
                        risk=risk.reference,
                    )
                )
            if risk.reduce_mode and risk.treatment != "reduce":
                raise ValidationError(
                    self.env._(
                        "Mitigate and transfer are the two ways of reducing a "
                        "risk: leave 'How it is reduced' empty for another "
                        "treatment."
                    )
                )

    @api.constrains("treatment", "plan_id", "process_id", "active")
    def _check_treatment_plan(self):
        """A risk to reduce has its action plan, as the guide says: a
        treatment plan of its process that is not cancelled. Also checked
        when the plan is cancelled or moved (mipg.plan._check_treated_risks)."""
        for risk in self.sudo():
            plan = risk.plan_id
            name = self._mipg_names_for_user(risk, label=lambda r: r.reference)
            if plan and plan.process_id != risk.process_id:
                raise ValidationError(
                    self.env._(
                        "The treatment plan of the risk %(risk)s must be a plan of "
                        "its process (%(process)s): choose one of that process or "
                        "leave it empty for MIPG to create it.",
                        risk=name,
                        process=risk.process_id.display_name,
                    )
                )
            if not (risk.active and risk.treatment == "reduce"):
                continue
            if not plan:
                raise ValidationError(
                    self.env._(
                        "The risk %(risk)s is to reduce: it needs its treatment "
                        "plan. Choose a plan of its process (saving Reduce with "
                        "the plan empty creates one), or choose another treatment.",
                        risk=name,
                    )
                )
            if plan.state == "cancelled":
                raise ValidationError(
                    self.env._(
                        "The treatment plan %(plan)s of the risk %(risk)s is "
                        "cancelled: a risk to reduce needs a plan in force. Give "
                        "the risk another plan or another treatment first.",
                        plan=plan.name,
                        risk=name,
                    )
                )

    @api.constrains("reputational_level_id", "methodology_id")
    def _check_reputational_level(self):
        for risk in self:
            level = risk.reputational_level_id
            if level and (
                level.kind != "impact" or level.methodology_id != risk.methodology_id
            ):
                raise ValidationError(
                    self.env._(
                        "The reputational effect must be an impact level of the "
                        "risk policy the risk is rated with."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _mipg_create_values(self, vals):
        values = {}
        if not vals.get("methodology_id") or not self.env.su:
            process = self.env["mipg.process"].browse(vals.get("process_id"))
            methodology = self.env["mipg.risk.methodology"]._mipg_current(
                process.sudo().company_id or self.env.company
            )
            if not methodology:
                raise UserError(
                    self.env._(
                        "There is no approved risk management policy: the "
                        "strategic line must approve one before risks are rated."
                    )
                )
            values["methodology_id"] = methodology.id
        if vals.get("reference", "/") == "/":
            values["reference"] = (
                self.env["ir.sequence"].sudo().next_by_code("mipg.risk") or "/"
            )
        # Reduce chosen without a plan (in the values or a context default):
        # its treatment plan is created with the risk
        fields_ = ("treatment", "plan_id", "process_id")
        given = {**self.default_get(list(fields_)), **vals}
        if given.get("treatment") == "reduce" and not given.get("plan_id"):
            values["plan_id"] = self._mipg_new_treatment_plan(
                given.get("process_id"), values.get("reference", vals.get("reference"))
            ).id
        return values

    def write(self, vals):
        if vals.get("treatment") == "reduce" and not vals.get("plan_id"):
            # Reduce saved without a plan: its treatment plan is created with it
            vals = {name: value for name, value in vals.items() if name != "plan_id"}
            if not self.env.su:
                # nobody gets a plan created for a risk they may not change
                self.check_access("write")
            for risk in self.filtered(
                lambda r: not r.sudo().plan_id or r.sudo().plan_id.state == "cancelled"
            ):
                risk.plan_id = self._mipg_new_treatment_plan(
                    vals.get("process_id") or risk.process_id.id, risk.reference
                )
        res = super().write(vals)
        if not self.env.su and "process_id" in vals:
            # the record rules are checked before a write: a user does not
            # move a record out of their scope either
            self.check_access("write")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        """A risk shown on a published corruption risk map is part of what
        was published: it is archived when it no longer applies."""
        if self.env.su:
            return
        published = (
            self.env["mipg.risk.map"]
            .sudo()
            .search(
                [("state", "=", "published"), ("risk_ids", "in", self.ids)],
                limit=1,
            )
        )
        if published:
            risk = (published.risk_ids & self)[:1]
            raise UserError(
                self.env._(
                    "The risk %(risk)s was shown on the published corruption "
                    "risk map %(map)s, which keeps it: archive the risk if it no "
                    "longer applies.",
                    risk=risk.with_env(self.env).display_name,
                    map=published.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_create_treatment_plan(self):
        """Open the treatment plan of a reduced risk (created with it when
        Reduce was saved): its actions go on the PHVA boards like any
        other."""
        self.ensure_one()
        if self.treatment != "reduce":
            raise UserError(
                self.env._("Only a risk to reduce has a treatment plan: choose Reduce.")
            )
        if not self.plan_id:
            self.plan_id = self._mipg_new_treatment_plan(
                self.process_id.id, self.reference
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mipg.plan",
            "res_id": self.plan_id.id,
            "view_mode": "form",
        }

    @api.model
    def _mipg_new_treatment_plan(self, process_id, reference):
        """A draft improvement plan of the process for a risk to reduce,
        created by the user who chose Reduce (the record rules of plans
        apply); the context defaults meant for the risk are not its."""
        context = clean_context(self.env.context)
        # the whole context replaced on purpose: the default_* keys are dropped
        Plan = self.env["mipg.plan"].with_context(context)  # pylint: disable=context-overridden
        return Plan.create(
            {
                "title": self.env._(
                    "Treatment plan of risk %(risk)s", risk=reference or ""
                ),
                "source": "gestion_riesgo",
                "process_id": process_id,
            }
        )

    def action_view_risk_opportunities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Improvement opportunities"),
            "res_model": "mipg.opportunity",
            "view_mode": "list,form",
            "domain": self._mipg_origin_domain(),
        }

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_monitoring_reminders(self):
        """Remind the second line of the risks whose monitoring is due
        within the days of ``mipg.risk_monitoring_warning_days`` or overdue:
        one to-do per user of the second line of the risk's company, once
        per risk and due date (confirming the monitoring marks it done)."""
        today = fields.Date.context_today(self)
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("mipg.risk_monitoring_warning_days", MONITORING_SOON_DAYS)
        )
        due = (
            self.sudo()
            .search([("monitoring_date_due", "<=", today + timedelta(days=days))])
            .filtered(lambda r: r.monitoring_reminded_date != r.monitoring_date_due)
        )
        activity_type = self.env.ref(MONITORING_ACTIVITY)
        note = self.env._("The monitoring of this risk is due soon or overdue.")
        for company, risks in due.grouped("company_id").items():
            users = self.with_company(company)._mipg_group_users(
                "mipg.group_mipg_second_line"
            )
            if not users:
                continue
            for risk in risks:
                waiting = risk.activity_ids.filtered(
                    lambda a, t=activity_type: a.activity_type_id == t
                )
                # a to-do still open follows the new due date
                waiting.filtered(
                    lambda a, r=risk: a.date_deadline != r.monitoring_date_due
                ).date_deadline = risk.monitoring_date_due
                for user in users - waiting.user_id:
                    risk.activity_schedule(
                        activity_type_id=activity_type.id,
                        user_id=user.id,
                        date_deadline=risk.monitoring_date_due,
                        note=note,
                    )
                risk.monitoring_reminded_date = risk.monitoring_date_due

    # ------------------------------------------------------------------
    # Heat map
    # ------------------------------------------------------------------
    @api.model
    def _mipg_heat_map(self, domain=(), stage="residual"):
        """``{(probability rank, impact rank): count}`` of the risks of the
        domain the user reads, with one grouped query whatever their
        number."""
        prefix = "residual" if stage == "residual" else "inherent"
        groups = self._read_group(
            list(domain),
            [f"{prefix}_probability_id", f"{prefix}_impact_id"],
            ["__count"],
        )
        counts = {(p, i): 0 for p in range(1, 6) for i in range(1, 6)}
        for probability, impact, count in groups:
            if probability and impact:
                key = (probability.rank, impact.rank)
                counts[key] = counts.get(key, 0) + count
        return counts

    @api.model
    def mipg_heat_map_data(self, process_id=False):
        """The two heat maps of the web client, inherent beside residual, of
        the entity or of one process, with the risks the user reads: for
        each cell its zone, colour, count and the domain that lists them."""
        domain = [("process_id", "=", int(process_id))] if process_id else []
        methodology = self.env["mipg.risk.methodology"]._mipg_current()
        if not methodology:
            return {"maps": []}
        tables = methodology._mipg_tables()
        maps = []
        for stage, title in (
            ("inherent", self.env._("Inherent risk")),
            ("residual", self.env._("Residual risk")),
        ):
            counts = self._mipg_heat_map(domain, stage=stage)
            rows = []
            for p_rank in sorted(tables["probability"], reverse=True):
                probability = tables["probability"][p_rank]
                cells = []
                for i_rank in sorted(tables["impact"]):
                    zone = tables["cells"].get((p_rank, i_rank))
                    cells.append(
                        {
                            "impact": i_rank,
                            "zone": zone.name if zone else "",
                            "color": (zone.color if zone else "") or "#FFFFFF",
                            "count": counts.get((p_rank, i_rank), 0),
                            "domain": domain
                            + [
                                (f"{stage}_probability_id.rank", "=", p_rank),
                                (f"{stage}_impact_id.rank", "=", i_rank),
                            ],
                        }
                    )
                rows.append({"probability": probability.name, "cells": cells})
            maps.append(
                {
                    "stage": stage,
                    "title": title,
                    "rows": rows,
                    "impacts": [
                        tables["impact"][rank].name for rank in sorted(tables["impact"])
                    ],
                }
            )
        return {"maps": maps}
