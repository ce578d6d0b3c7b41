# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mipg_sci_evaluation import MECI_COMPONENTS


class MipgSciEvaluationComponent(models.Model):
    """One MECI component of a semestral evaluation."""

    _name = "mipg.sci.evaluation.component"
    _description = "MIPG MECI component of an evaluation"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "evaluation_id, sequence, id"
    _check_company_auto = True
    _mipg_frozen_parent = "evaluation_id"

    evaluation_id = fields.Many2one(
        "mipg.sci.evaluation", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(readonly=True)
    component = fields.Selection(MECI_COMPONENTS, required=True, readonly=True)
    present = fields.Boolean()
    functioning = fields.Boolean()
    compliance = fields.Float(string="Compliance (%)")
    strengths = fields.Text()
    weaknesses = fields.Text()
    figures = fields.Text(
        string="Figures of the semester",
        readonly=True,
        help="Taken from the live data of the other lines of defense.",
    )
    previous_compliance = fields.Float(
        string="Previous compliance (%)", compute="_compute_previous"
    )
    change = fields.Float(string="Change (points)", compute="_compute_previous")
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "compliance_range",
            "CHECK(compliance >= 0 AND compliance <= 100)",
            "The compliance of a component is between 0 and 100 %.",
        ),
        (
            "component_unique",
            "unique(evaluation_id, component)",
            "Each MECI component appears once in an evaluation.",
        ),
    ]

    @api.depends("compliance", "component", "evaluation_id.previous_id")
    def _compute_previous(self):
        for line in self:
            previous = line.evaluation_id.previous_id.component_ids.filtered(
                lambda c, code=line.component: c.component == code
            )
            line.previous_compliance = previous.compliance if previous else 0.0
            line.change = line.compliance - line.previous_compliance

    def _mipg_frozen_message(self):
        return self.evaluation_id._mipg_frozen_message()

    def _mipg_figures_text(self, figures):
        """The figures that speak of this component, as text."""
        self.ensure_one()
        _ = self.env._
        texts = {
            "ambiente_control": [
                _(
                    "Internal control self-assessment: %(score).1f",
                    score=figures["self_assessment_score"],
                ),
                _(
                    "FURAG internal control index: %(score).1f",
                    score=figures["furag_score"],
                ),
            ],
            "evaluacion_riesgo": [
                _(
                    "Controls tested: %(tested)s, failed: %(failed)s",
                    tested=figures["controls_tested"],
                    failed=figures["controls_failed"],
                ),
            ],
            "actividades_control": [
                _(
                    "Improvement actions due in the semester: %(on_time)s done, "
                    "%(overdue)s overdue",
                    on_time=figures["actions_on_time"],
                    overdue=figures["actions_overdue"],
                ),
                _(
                    "Controls tested: %(tested)s, failed: %(failed)s",
                    tested=figures["controls_tested"],
                    failed=figures["controls_failed"],
                ),
            ],
            "informacion_comunicacion": [
                _(
                    "Follow-ups validated in the semester: %(count)s",
                    count=figures["followups_validated"],
                ),
            ],
            "actividades_monitoreo": [
                _(
                    "Audits with final report: %(audits)s; findings raised: "
                    "%(findings)s",
                    audits=figures["audits_done"],
                    findings=figures["findings_raised"],
                ),
                _(
                    "Follow-ups validated in the semester: %(count)s",
                    count=figures["followups_validated"],
                ),
            ],
        }
        return "\n".join(texts.get(self.component, []))
