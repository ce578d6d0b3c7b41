# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SOURCES = [
    ("autoevaluacion", "Self-assessment"),
    ("auditoria_interna_gestion", "Internal management audit (OCI)"),
    ("auditoria_interna_calidad", "Internal quality audit"),
    ("auditoria_externa_certificacion", "External certification audit"),
    ("contraloria_general", "Contraloría General de la República"),
    ("contraloria_territorial", "Territorial Contraloría"),
    ("procuraduria_personeria", "Procuraduría / Personería"),
    ("otros_entes_control", "Other control bodies"),
    ("furag", "FURAG"),
    ("pqrsd", "PQRSD"),
    ("gestion_riesgo", "Risk management"),
    ("indicadores", "Indicators"),
    ("revision_direccion", "Management review"),
    ("rendicion_cuentas_participacion", "Accountability and participation"),
]
EXTERNAL_SOURCES = (
    "auditoria_externa_certificacion",
    "contraloria_general",
    "contraloria_territorial",
    "procuraduria_personeria",
    "otros_entes_control",
)
# Closing the cycle: the next measurement of the baseline closes the gap when
# it reaches the threshold or improves by the points (both configurable).
REMEASURE_THRESHOLD_PARAM = "mipg.remeasure_threshold"
REMEASURE_POINTS_PARAM = "mipg.remeasure_points"
DEFAULT_REMEASURE_THRESHOLD = 80.0
DEFAULT_REMEASURE_POINTS = 5.0
GAP_OUTCOMES = [
    ("closed", "Gap closed"),
    ("narrowed", "Gap narrowed"),
    ("not_closed", "Gap not closed"),
]
FINDING_TYPES = [
    ("hallazgo", "Finding"),
    ("no_conformidad", "Nonconformity"),
    ("oportunidad_mejora", "Improvement opportunity"),
    ("observacion", "Observation"),
]


class MipgOpportunity(models.Model):
    """Improvement opportunity, finding, nonconformity or observation."""

    _name = "mipg.opportunity"
    _description = "MIPG improvement opportunity"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _check_company_auto = True
    # Unique under concurrency: the database, not a search, refuses a
    # second record with the same reference ("/" is the not-yet-numbered one).
    _sql_constraints = [
        (
            "name_company_unique",
            "EXCLUDE USING btree (name WITH =, company_id WITH =) WHERE (name <> '/')",
            "There is already an opportunity with this reference in the entity.",
        ),
        (
            "impact_feasibility_range",
            "CHECK(impact BETWEEN 1 AND 5 AND feasibility BETWEEN 1 AND 5)",
            "Impact and feasibility are graded from 1 (lowest) to 5 (highest).",
        ),
    ]
    _mipg_transition_fields = ("cancel_reason",)
    _order = "priority_score desc, date_detected desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    finding_type = fields.Selection(
        FINDING_TYPES, string="Type", required=True, default="oportunidad_mejora"
    )
    source = fields.Selection(SOURCES, required=True, tracking=True, index=True)
    source_reference = fields.Char(
        help="Report, audit or request number where the situation was detected."
    )
    control_body_id = fields.Many2one(
        "mipg.control.body",
        index=True,
        ondelete="restrict",
        help="Control body whose audit report states the finding.",
    )
    finding_code = fields.Char(
        string="Finding code",
        help="Code or number of the finding in the audit report (CÓDIGO HALLAZGO).",
    )
    audit_type = fields.Selection(
        [
            ("financiera", "Financial audit"),
            ("cumplimiento", "Compliance audit"),
            ("desempeno", "Performance audit"),
            ("actuacion_especial", "Special action"),
            ("regular", "Regular audit"),
            ("especial", "Special audit"),
            ("otra", "Other"),
        ],
    )
    report_number = fields.Char(
        string="Audit report number", help="Number of the final audit report."
    )
    report_date = fields.Date(string="Audit report date")
    consequence_administrative = fields.Boolean(string="Administrative")
    consequence_disciplinary = fields.Boolean(string="Disciplinary")
    consequence_fiscal = fields.Boolean(string="Fiscal")
    consequence_criminal = fields.Boolean(string="Criminal")
    consequence_sanction = fields.Boolean(string="Sanctioning")
    description = fields.Text(
        required=True,
        help="What was found; for a finding of a control body, its condition "
        "(condición) as the audit report writes it.",
    )
    criterion = fields.Text(help="Requirement or criterion that is not met.")
    root_cause = fields.Text()
    root_cause_method = fields.Selection(
        [
            ("five_whys", "5 whys"),
            ("ishikawa", "Ishikawa diagram"),
            ("brainstorming", "Brainstorming"),
            ("pareto", "Pareto"),
        ],
        string="Cause analysis method",
    )
    effect = fields.Text()
    process_id = fields.Many2one(
        "mipg.process",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_opportunity_policy_rel",
        "opportunity_id",
        "policy_id",
        string="Policies",
    )
    dimension_ids = fields.Many2many(
        "mipg.dimension",
        "mipg_opportunity_dimension_rel",
        "opportunity_id",
        "dimension_id",
        string="Dimensions",
        compute="_compute_dimension_ids",
        store=True,
    )
    impact = fields.Integer(default=3, help="Impact of the situation, from 1 to 5.")
    feasibility = fields.Integer(
        default=3, help="Feasibility of solving it, from 1 to 5."
    )
    priority_score = fields.Integer(
        string="Priority",
        compute="_compute_priority_score",
        store=True,
        help="Impact × feasibility (1 to 25).",
    )
    stage_id = fields.Many2one(
        "mipg.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "mipg.mipg_stage_1", raise_if_not_found=False
        ),
        group_expand="_read_group_stage_ids",
    )
    plan_id = fields.Many2one(
        "mipg.plan",
        string="Improvement plan",
        index=True,
        tracking=True,
        check_company=True,
    )
    action_ids = fields.One2many("mipg.action", "opportunity_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_count")
    responsible_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="Who analyses the opportunity and formulates its actions.",
    )
    is_closed = fields.Boolean(related="stage_id.is_closed")
    cancel_reason = fields.Text(
        readonly=True,
        copy=False,
        help="Why the second line of defense cancelled the opportunity.",
    )
    date_detected = fields.Date(
        string="Detection date", required=True, default=fields.Date.context_today
    )
    effective = fields.Boolean(
        compute="_compute_effective",
        store=True,
        tracking=True,
        help="Set by the closing effectiveness evaluation of the Internal "
        "Control Office.",
    )
    res_model = fields.Char(
        string="Origin model",
        index=True,
        readonly=True,
        copy=False,
        help="Record that raised it.",
    )
    res_id = fields.Many2oneReference(
        string="Origin record",
        model_field="res_model",
        index=True,
        readonly=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    # Baseline of the gap and its next measurement (closing the cycle): set
    # by the record that raised the opportunity and by the next FURAG import
    # or finished self-assessment, never by hand.
    baseline_kind = fields.Selection(
        [("furag", "FURAG index"), ("self_assessment", "Self-assessment activity")],
        string="Baseline measure",
        readonly=True,
        copy=False,
    )
    baseline_index_id = fields.Many2one(
        "mipg.furag.index",
        string="Baseline FURAG index",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    baseline_activity_id = fields.Many2one(
        "mipg.assessment.activity",
        string="Baseline activity",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    baseline_value = fields.Float(
        readonly=True, copy=False, help="Score (0-100) when the gap was raised."
    )
    baseline_year = fields.Integer(readonly=True, copy=False, aggregator=None)
    baseline_peer_average = fields.Float(
        string="Baseline peer-group average", readonly=True, copy=False
    )
    remeasure_value = fields.Float(
        string="New measurement",
        readonly=True,
        copy=False,
        help="Score of the same index or activity at the next measurement.",
    )
    remeasure_year = fields.Integer(
        string="New measurement year", readonly=True, copy=False, aggregator=None
    )
    gap_outcome = fields.Selection(
        GAP_OUTCOMES,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Closed when the next measurement reaches the threshold or improves "
        "by the configured points; narrowed when it improves less; not closed "
        "otherwise.",
    )

    @api.depends("policy_ids.dimension_id")
    def _compute_dimension_ids(self):
        for opportunity in self:
            opportunity.dimension_ids = opportunity.policy_ids.dimension_id

    @api.depends("impact", "feasibility")
    def _compute_priority_score(self):
        for opportunity in self:
            opportunity.priority_score = (opportunity.impact or 0) * (
                opportunity.feasibility or 0
            )

    @api.depends(
        "action_ids.effective",
        "action_ids.active",
        "action_ids.stage_id.is_cancelled",
    )
    def _compute_effective(self):
        """Effective when it has actions and the Internal Control Office
        graded every one that was not cancelled effective. Counted with one
        grouped query, whatever the number of actions."""
        counts = {}
        if self.ids:
            for opportunity, effective, count in self.env["mipg.action"]._read_group(
                [
                    ("opportunity_id", "in", self.ids),
                    ("stage_id.is_cancelled", "=", False),
                ],
                ["opportunity_id", "effective"],
                ["__count"],
            ):
                counts.setdefault(opportunity.id, {})[effective] = count
        for opportunity in self:
            count = counts.get(opportunity._origin.id, {})
            opportunity.effective = bool(count.get(True)) and not count.get(False)

    def _compute_action_count(self):
        counts = {
            opportunity.id: count
            for opportunity, count in self.env["mipg.action"]._read_group(
                [("opportunity_id", "in", self.ids)], ["opportunity_id"], ["__count"]
            )
        }
        for opportunity in self:
            opportunity.action_count = counts.get(opportunity.id, 0)

    @api.constrains("impact", "feasibility")
    def _check_impact_feasibility(self):
        for opportunity in self:
            if not (1 <= opportunity.impact <= 5 and 1 <= opportunity.feasibility <= 5):
                raise ValidationError(
                    self.env._(
                        "Impact and feasibility are graded from 1 (lowest) to 5 "
                        "(highest)."
                    )
                )

    @api.constrains("stage_id")
    def _check_closing(self):
        for opportunity in self.filtered("stage_id.is_closed"):
            actions = opportunity.action_ids.filtered(
                lambda a: not a.stage_id.is_cancelled
            )
            problems = []
            if not actions:
                problems.append(self.env._("it has no improvement action"))
            open_actions = actions.filtered(lambda a: not a.stage_id.is_closed)
            if open_actions:
                problems.append(
                    self.env._(
                        "close its actions first: %(actions)s",
                        actions=opportunity._mipg_names_for_user(open_actions),
                    )
                )
            if not opportunity.effective:
                problems.append(
                    self.env._(
                        "the Internal Control Office has not evaluated all its "
                        "actions effective"
                    )
                )
            if problems:
                raise ValidationError(
                    self.env._(
                        "The opportunity %(ref)s cannot be closed yet:\n%(problems)s",
                        ref=opportunity.name,
                        problems="\n".join("- " + p for p in problems),
                    )
                )

    @api.model
    def _mipg_protected_message(self, names):
        if not {"res_model", "res_id"} & set(names):
            return super()._mipg_protected_message(names)
        return self.env._(
            "The origin of an improvement opportunity is set by the record "
            "that raised it and cannot be chosen by hand. Open the "
            "self-assessment, FURAG recommendation or other record and use "
            "its button to raise the opportunity."
        )

    @api.model
    def _mipg_create_values(self, vals):
        # the origin (res_model/res_id) is read-only: set by the record that
        # raises the opportunity (mipg.opportunity.origin.mixin), as superuser
        if vals.get("name", "/") != "/":
            return {}
        return {"name": self.env["ir.sequence"].next_by_code("mipg.opportunity") or "/"}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_followups(self):
        if self.action_ids.followup_ids.filtered(lambda f: f.state == "validated"):
            raise UserError(
                self.env._(
                    "This opportunity has actions with validated follow-ups, "
                    "which are part of the institutional record: archive it "
                    "instead of deleting it."
                )
            )

    def write(self, vals):
        if vals.get("stage_id") and not self.env.su:
            self.env["mipg.stage"].browse(vals["stage_id"])._mipg_check_move(self)
        return super().write(vals)

    def _mipg_cancel(self, reason):
        """The second line cancels the opportunities, with the reason (as
        for actions: mipg.action._mipg_cancel)."""
        return self.env["mipg.action"]._mipg_cancel_records(self, reason)

    def action_open_cancel(self):
        return self.env["mipg.cancel.wizard"]._mipg_open(self)

    def _mipg_follow_actions(self):
        """An opportunity's stage follows its actions': the earliest stage
        of its open actions; once all are closed and evaluated effective, the
        stage where they closed (4.1 when a lesson was registered). MIPG moves
        it, not a person; the closing rules still apply."""
        for opportunity in self.sudo():
            actions = opportunity.action_ids.filtered(
                lambda a: not a.stage_id.is_cancelled
            )
            if not actions:
                continue
            open_actions = actions.filtered(lambda a: not a.stage_id.is_closed)
            if open_actions:
                target = open_actions.stage_id.sorted()[:1]
            elif opportunity.effective:
                target = actions.stage_id.sorted()[:1]
            else:
                continue
            if target and opportunity.stage_id != target:
                opportunity.stage_id = target

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return self.env["mipg.stage"]._mipg_board_stages(stages)

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_action_action"
        )
        action["domain"] = [("opportunity_id", "=", self.id)]
        action["context"] = {
            "default_opportunity_id": self.id,
            "default_plan_id": self.plan_id.id,
            "default_process_id": self.process_id.id,
        }
        return action

    def _mipg_action_open(self):
        """Window action showing these opportunities: the form when there is
        one, the list otherwise. Used wherever opportunities are raised."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_opportunity_action"
        )
        action["domain"] = [("id", "in", self.ids)]
        action["context"] = {"create": False}
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        return action

    def action_view_origin(self):
        self.ensure_one()
        if not (self.res_model and self.res_id):
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Closing the cycle: the next measurement
    # ------------------------------------------------------------------
    @api.model
    def _mipg_remeasure_rule(self):
        """(threshold, points) of the re-measurement rule, from the system
        parameters mipg.remeasure_threshold and mipg.remeasure_points."""
        params = self.env["ir.config_parameter"].sudo()
        values = []
        for name, default in (
            (REMEASURE_THRESHOLD_PARAM, DEFAULT_REMEASURE_THRESHOLD),
            (REMEASURE_POINTS_PARAM, DEFAULT_REMEASURE_POINTS),
        ):
            try:
                values.append(float(params.get_param(name, default)))
            except ValueError:
                values.append(default)
        return tuple(values)

    @api.model
    def _mipg_gap_outcome(self, baseline, value):
        threshold, points = self._mipg_remeasure_rule()
        if value >= threshold or value - baseline >= points:
            return "closed"
        if value > baseline:
            return "narrowed"
        return "not_closed"

    def _mipg_record_measure(self, year, value):
        """Record the next measurement of the baseline and its outcome."""
        for opportunity in self.sudo():
            opportunity.write(
                {
                    "remeasure_value": value,
                    "remeasure_year": year,
                    "gap_outcome": self._mipg_gap_outcome(
                        opportunity.baseline_value, value
                    ),
                }
            )

    @api.model
    def _mipg_remeasurable(self, kind, year, company):
        """Opportunities of ``company`` whose baseline of ``kind`` is older
        than ``year`` and whose next measurement is not older than it."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("baseline_kind", "=", kind),
                    ("company_id", "=", company.id),
                    ("baseline_year", "<", year),
                    "|",
                    ("remeasure_year", "=", False),
                    ("remeasure_year", ">=", year),
                ]
            )
        )

    @api.model
    def _mipg_remeasure_furag(self, result):
        """A new FURAG import is the next measurement of the indexes."""
        for opportunity in self._mipg_remeasurable(
            "furag", result.year, result.company_id
        ):
            line = result._mipg_matching_line(opportunity.baseline_index_id)
            if line:
                opportunity._mipg_record_measure(result.year, line.score)

    @api.model
    def _mipg_remeasure_self_assessment(self, assessments):
        """A finished self-assessment is the next measurement of its
        activities."""
        for assessment in assessments:
            scores = {
                line.activity_id.id: line.score
                for line in assessment.line_ids
                if line.filled
            }
            for opportunity in self._mipg_remeasurable(
                "self_assessment", assessment.year, assessment.company_id
            ):
                if opportunity.baseline_activity_id.id in scores:
                    opportunity._mipg_record_measure(
                        assessment.year, scores[opportunity.baseline_activity_id.id]
                    )
