# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_tools import (
    check_year,
    download_issued_file,
    issue_pdf,
    year_sql_constraint,
)

# The five components of the MECI, in their order.
MECI_COMPONENTS = [
    ("ambiente_control", "Control environment"),
    ("evaluacion_riesgo", "Risk assessment"),
    ("actividades_control", "Control activities"),
    ("informacion_comunicacion", "Information and communication"),
    ("actividades_monitoreo", "Monitoring activities"),
]
# The live figures of the semester (fields of the evaluation).
FIGURES = (
    "actions_on_time",
    "actions_overdue",
    "followups_validated",
    "audits_done",
    "findings_raised",
    "controls_tested",
    "controls_failed",
    "self_assessment_score",
    "furag_score",
)


class MipgSciEvaluation(models.Model):
    """Informe de evaluación independiente del estado del sistema de control
    interno (Decreto 2106 de 2019, art. 156): one a semester, by MECI
    component, pre-filled with the figures of the other lines; issued, it is
    frozen and its PDF kept with its fingerprint."""

    _name = "mipg.sci.evaluation"
    _description = "MIPG semestral evaluation of the internal control system"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "year desc, semester desc, id desc"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = ("date_issued", "issued_by_id")
    _mipg_frozen_states = ("issued",)

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    semester = fields.Selection(
        [("1", "First semester"), ("2", "Second semester")],
        required=True,
        default=lambda self: "1" if fields.Date.context_today(self).month <= 6 else "2",
    )
    date_from = fields.Date(compute="_compute_dates", string="From")
    date_to = fields.Date(compute="_compute_dates", string="To")
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    component_ids = fields.One2many(
        "mipg.sci.evaluation.component", "evaluation_id", string="MECI components"
    )
    system_state = fields.Float(
        string="State of the system (%)",
        compute="_compute_system_state",
        help="Mean of the compliance levels of the five components.",
    )
    conclusion = fields.Text(string="General conclusion")
    previous_id = fields.Many2one(
        "mipg.sci.evaluation",
        string="Previous evaluation",
        compute="_compute_previous_id",
    )
    actions_on_time = fields.Integer(
        readonly=True, help="Actions due in the semester, completed."
    )
    actions_overdue = fields.Integer(
        readonly=True, help="Actions due in the semester, past due and incomplete."
    )
    followups_validated = fields.Integer(readonly=True)
    audits_done = fields.Integer(
        readonly=True, help="Audits whose final report was issued in the semester."
    )
    findings_raised = fields.Integer(
        readonly=True, help="Findings of those audits (strengths aside)."
    )
    controls_tested = fields.Integer(readonly=True)
    controls_failed = fields.Integer(readonly=True)
    self_assessment_score = fields.Float(
        string="Internal control self-assessment",
        readonly=True,
        help="Score of the last finished self-assessment of the internal "
        "control policy of the year.",
    )
    furag_score = fields.Float(
        string="FURAG internal control index",
        readonly=True,
        help="Index of the internal control dimension in the last FURAG "
        "results up to the year.",
    )
    date_issued = fields.Date(readonly=True, copy=False)
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", readonly=True, copy=False, ondelete="restrict"
    )
    pdf_sha256 = fields.Char(string="PDF SHA-256", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "semester_company_unique",
            "unique(year, semester, company_id)",
            "There is already an evaluation of this semester: open it.",
        ),
        year_sql_constraint(),
    ]

    @api.depends("year", "semester")
    def _compute_dates(self):
        for evaluation in self:
            if not 1 <= (evaluation.year or 0) <= 9999:
                evaluation.date_from = evaluation.date_to = False
            elif evaluation.semester == "2":
                evaluation.date_from = date(evaluation.year, 7, 1)
                evaluation.date_to = date(evaluation.year, 12, 31)
            else:
                evaluation.date_from = date(evaluation.year, 1, 1)
                evaluation.date_to = date(evaluation.year, 6, 30)

    @api.depends("component_ids.compliance")
    def _compute_system_state(self):
        for evaluation in self:
            levels = evaluation.component_ids.mapped("compliance")
            evaluation.system_state = sum(levels) / len(levels) if levels else 0.0

    @api.depends("year", "semester", "company_id")
    def _compute_previous_id(self):
        for evaluation in self:
            evaluation.previous_id = self.search(
                [
                    ("company_id", "=", evaluation.company_id.id),
                    ("state", "=", "issued"),
                    "|",
                    ("year", "<", evaluation.year),
                    "&",
                    ("year", "=", evaluation.year),
                    ("semester", "<", evaluation.semester),
                ],
                order="year desc, semester desc",
                limit=1,
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

    @api.depends("year", "semester")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "Internal control evaluation %(year)s-%(semester)s",
                year=evaluation.year,
                semester=evaluation.semester,
            )

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Update figures, Issue")

    def _mipg_frozen_message(self):
        return self.env._(
            "%(evaluation)s was issued: it is published as it was issued.",
            evaluation=self.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        for evaluation in evaluations.sudo():
            evaluation.component_ids = [
                (0, 0, {"component": code, "sequence": index})
                for index, (code, _label) in enumerate(MECI_COMPONENTS)
            ]
        evaluations._mipg_refresh_figures()
        return evaluations

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_refresh(self):
        self._mipg_check_oci()
        self.check_access("write")
        self._mipg_check_not_frozen()
        self._mipg_refresh_figures()
        return True

    def action_issue(self):
        self._mipg_check_oci()
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(self.env._("This evaluation was already issued."))
            missing = evaluation.component_ids.filtered(
                lambda c: not (c.strengths or c.weaknesses)
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Write the strengths or weaknesses of %(components)s before "
                        "issuing the evaluation.",
                        components=", ".join(
                            missing.mapped(
                                lambda c: dict(
                                    c._fields["component"]._description_selection(
                                        self.env
                                    )
                                )[c.component]
                            )
                        ),
                    )
                )
        self._mipg_refresh_figures()
        self._mipg_write_transition(
            {
                "state": "issued",
                "date_issued": fields.Date.context_today(self),
                "issued_by_id": self.env.user.id,
            }
        )
        for evaluation in self.sudo():
            content, _type = self.env["ir.actions.report"]._render_qweb_pdf(
                "mipg.action_report_sci_evaluation", evaluation.ids
            )
            issue_pdf(evaluation, content)
        return True

    def action_download(self):
        self.ensure_one()
        return download_issued_file(
            self,
            self.env._(
                "The PDF of %(evaluation)s is missing or is not the one that "
                "was issued (its fingerprint differs).",
                evaluation=self.display_name,
            ),
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_oci(self):
        self._mipg_check_group(
            "mipg.group_mipg_third_line",
            self.env._(
                "Only the Internal Control Office writes the evaluation of the "
                "internal control system."
            ),
        )

    def _mipg_refresh_figures(self):
        """Take the semester's figures from the live data (as superuser: the
        OCI reads everything; the figures are counts)."""
        for evaluation in self.sudo().filtered(lambda e: e.state == "draft"):
            figures = evaluation._mipg_live_figures()
            evaluation.write(figures)
            for component in evaluation.component_ids:
                component.figures = component._mipg_figures_text(figures)

    def _mipg_live_figures(self):
        self.ensure_one()
        env = self.env
        company = [("company_id", "=", self.company_id.id)]
        start, end = self.date_from, self.date_to
        today = fields.Date.context_today(self)
        due = company + [("date_deadline", ">=", start), ("date_deadline", "<=", end)]
        Action = env["mipg.action"]
        audits = env["mipg.audit"].search(
            company
            + [
                ("state", "=", "final"),
                ("date_final", ">=", start),
                ("date_final", "<=", end),
            ]
        )
        assessment = env["mipg.self.assessment"].search(
            company
            + [
                ("state", "=", "done"),
                ("year", "=", self.year),
                ("policy_id", "=", env.ref("mipg.mipg_policy_control_interno").id),
            ],
            order="date desc, id desc",
            limit=1,
        )
        furag = env["mipg.furag.result.line"].search(
            company
            + [
                ("year", "<=", self.year),
                ("index_type", "=", "dimension"),
                (
                    "dimension_id",
                    "=",
                    env.ref("mipg.mipg_dimension_control_interno").id,
                ),
            ],
            order="year desc, id desc",
            limit=1,
        )
        tested, failed = self._mipg_control_test_figures()
        return {
            "actions_on_time": Action.search_count(due + [("progress", ">=", 100)]),
            "actions_overdue": Action.search_count(
                due + [("progress", "<", 100), ("date_deadline", "<", today)]
            ),
            "followups_validated": env["mipg.followup"].search_count(
                company
                + [
                    ("state", "=", "validated"),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ]
            ),
            "audits_done": len(audits),
            "findings_raised": len(
                audits.finding_ids.filtered(lambda f: f.finding_type != "fortaleza")
            ),
            "controls_tested": tested,
            "controls_failed": failed,
            "self_assessment_score": assessment.score,
            "furag_score": furag.score,
        }

    def _mipg_control_test_figures(self):
        """Controls the Internal Control Office tested in the semester (its
        confirmed tests of a period ending in it), and those that failed the
        test of their execution or of their design."""
        domain = [
            ("line", "=", "third"),
            ("state", "=", "done"),
            ("period_end", ">=", self.date_from),
            ("period_end", "<=", self.date_to),
            ("company_id", "=", self.company_id.id),
        ]
        Test = self.env["mipg.risk.control.test"].sudo()
        tested = len(Test.search(domain).control_id)
        failed = len(
            Test.search(
                domain
                + ["|", ("result", "=", "fail"), ("design_result", "=", "inadequate")]
            ).control_id
        )
        return tested, failed
