# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mipg_audit_mixin import SKIPPED_PREFIXES
from .mipg_tools import (
    LEVEL_SELECTION,
    check_year,
    level_color,
    mean,
    score_level,
    year_sql_constraint,
)
from .mipg_workflow_mixin import ALL_FIELDS, MAGIC_FIELDS

DEFAULT_GAP_THRESHOLD = 60.0
GAP_THRESHOLD_PARAM = "mipg.self_assessment_gap_threshold"


class MipgSelfAssessment(models.Model):
    """Autodiagnóstico: one exercise of a policy's self-assessment tool."""

    _name = "mipg.self.assessment"
    _description = "MIPG self-assessment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "year desc, date desc, id desc"
    _check_company_auto = True
    _sql_constraints = [
        year_sql_constraint(),
        (
            "score_range",
            "CHECK(score BETWEEN 0 AND 100)",
            "The score of a self-assessment goes from 0 to 100.",
        ),
    ]
    # Finished, the self-assessment is frozen with its lines; a MIPG
    # administrator reopens it to correct a score.
    _mipg_state_field = "state"
    _mipg_frozen_states = ("done",)

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    policy_id = fields.Many2one(
        "mipg.policy",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    dimension_id = fields.Many2one(
        related="policy_id.dimension_id", store=True, index=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        aggregator=None,
        help="Year (vigencia) assessed.",
    )
    period = fields.Char(
        help="Part of the year assessed, when it is not the whole year."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    evaluator_ids = fields.Many2many(
        "res.users",
        "mipg_self_assessment_evaluator_rel",
        "assessment_id",
        "user_id",
        string="Evaluators",
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In progress"), ("done", "Done")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "mipg.self.assessment.line", "assessment_id", string="Lines", copy=True
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        help="Mean of all the scored activities (blanks are left out), as the "
        "official tool computes the total.",
    )
    scored_count = fields.Integer(compute="_compute_score", store=True)
    activity_count = fields.Integer(compute="_compute_score", store=True)
    level = fields.Selection(
        LEVEL_SELECTION, compute="_compute_score", store=True, tracking=True
    )
    level_color = fields.Char(compute="_compute_level_color")
    previous_id = fields.Many2one(
        "mipg.self.assessment",
        string="Previous assessment",
        compute="_compute_previous",
        help="Latest finished assessment of the same policy for an earlier period.",
    )
    previous_score = fields.Float(compute="_compute_previous")
    score_change = fields.Float(string="Change", compute="_compute_previous")
    opportunity_ids = fields.Many2many(
        "mipg.opportunity", compute="_compute_opportunity_ids", string="Opportunities"
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_ids")
    note = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("policy_id", "year", "period")
    def _compute_name(self):
        for assessment in self:
            parts = [assessment.policy_id.name, str(assessment.year or "")]
            if assessment.period:
                parts.append(assessment.period)
            assessment.name = " ".join(part for part in parts if part)

    @api.depends("line_ids.score", "line_ids.filled")
    def _compute_score(self):
        for assessment in self:
            scores = [line.score for line in assessment.line_ids.filtered("filled")]
            total = mean(scores)
            assessment.score = total or 0.0
            assessment.scored_count = len(scores)
            assessment.activity_count = len(assessment.line_ids)
            assessment.level = score_level(total)

    @api.constrains("policy_id", "year", "company_id", "state")
    def _check_one_running(self):
        for assessment in self.filtered(lambda a: a.state != "done"):
            other = self.sudo().search(
                [
                    ("id", "!=", assessment.id),
                    ("policy_id", "=", assessment.policy_id.id),
                    ("year", "=", assessment.year),
                    ("company_id", "=", assessment.company_id.id),
                    ("state", "!=", "done"),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "The self-assessment %(name)s of %(year)s is still open: "
                        "finish it, or continue it, before starting another one "
                        "of the same policy and year.",
                        name=other.name,
                        year=assessment.year,
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        check_year(
            self,
            lambda year: self.env._(
                "The year %(year)s is not valid: write the year assessed "
                "with four digits, e.g. 2026.",
                year=year,
            ),
        )

    @api.depends("level")
    def _compute_level_color(self):
        for assessment in self:
            assessment.level_color = level_color(assessment.level)

    @api.depends("policy_id", "year", "date", "company_id")
    def _compute_previous(self):
        for assessment in self:
            previous = self.search(
                [
                    ("policy_id", "=", assessment.policy_id.id),
                    ("company_id", "=", assessment.company_id.id),
                    ("state", "=", "done"),
                    ("year", "<", assessment.year),
                ],
                order="year desc, date desc, id desc",
                limit=1,
            )
            assessment.previous_id = previous
            assessment.previous_score = previous.score
            assessment.score_change = (
                assessment.score - previous.score if previous else 0.0
            )

    def _compute_opportunity_ids(self):
        for assessment in self:
            opportunities = assessment.line_ids.opportunity_ids
            assessment.opportunity_ids = opportunities
            assessment.opportunity_count = len(opportunities)

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Start, Finish and Reopen")

    def _mipg_locked_fields(self):
        """The process leaders score the lines of the assessments of their
        policies from its form (its lines), and change nothing else of it:
        Planning coordinates the assessment."""
        locked = super()._mipg_locked_fields()
        if (
            locked == ALL_FIELDS
            or self.env.su
            or self.env.user.has_group("mipg.group_mipg_second_line")
        ):
            return locked
        return frozenset(
            name
            for name in self._fields
            if name not in MAGIC_FIELDS
            and not name.startswith(SKIPPED_PREFIXES)
            and name != "line_ids"
        )

    def _mipg_frozen_message(self):
        return self.env._(
            "The self-assessment %(name)s is done: its scores can no longer "
            "change. A MIPG administrator reopens it first if a score must be "
            "corrected.",
            name=self.display_name,
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        """Draft -> in progress: load the policy's activities as lines."""
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    self.env._("Only a draft self-assessment can be started.")
                )
            assessment._load_activities()
            if not assessment.line_ids:
                raise UserError(
                    self.env._(
                        "The policy %(policy)s has no management activities yet. "
                        "Import Función Pública's autodiagnóstico tool for it, or "
                        "add its components, categories and activities in "
                        "Configuration, then start again.",
                        policy=assessment.policy_id.name,
                    )
                )
            assessment._mipg_write_transition({"state": "in_progress"})
        return True

    def action_done(self):
        for assessment in self:
            if assessment.state != "in_progress":
                raise UserError(
                    self.env._("Only a self-assessment in progress can be finished.")
                )
            if not assessment.scored_count:
                raise UserError(
                    self.env._(
                        "Score at least one activity of %(name)s before finishing it.",
                        name=assessment.name,
                    )
                )
            blank = assessment.line_ids.filtered(
                lambda line: not line.filled and not line.not_applicable
            )
            if blank:
                raise UserError(
                    self.env._(
                        "%(count)s activities of %(name)s are neither scored nor "
                        "marked as not applicable (%(codes)s). Score them, or mark "
                        "those that do not apply, before finishing.",
                        count=len(blank),
                        name=assessment.name,
                        codes=", ".join(blank[:10].activity_id.mapped("code")),
                    )
                )
        self._mipg_write_transition({"state": "done"})
        # a finished self-assessment is the next measurement of the gaps
        # raised from earlier ones
        self.env["mipg.opportunity"]._mipg_remeasure_self_assessment(self)
        return True

    def action_reopen(self):
        """Manager only: a finished self-assessment goes back in progress so
        that its scores can be corrected."""
        self._mipg_check_group(
            "mipg.group_mipg_manager",
            self.env._(
                "Only a MIPG administrator reopens a finished self-assessment. "
                "Ask one if a score must be corrected."
            ),
        )
        self.filtered(lambda a: a.state == "done")._mipg_write_transition(
            {"state": "in_progress"}
        )
        return True

    def action_open_gap_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_self_assessment_gap_wizard_action"
        )
        action["context"] = {"default_assessment_id": self.id}
        return action

    def action_print_year(self):
        """Print the report of every started self-assessment of the same
        year (vigencia) and company: the whole period in one PDF."""
        self.ensure_one()
        assessments = self.search(
            [
                ("year", "=", self.year),
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
            ]
        )
        return self.env.ref("mipg.action_report_self_assessment").report_action(
            assessments.sorted(
                lambda a: (a.dimension_id.sequence, a.policy_id.sequence)
            )
        )

    def action_view_opportunities(self):
        self.ensure_one()
        return self.opportunity_ids._mipg_action_open()

    def action_view_scores(self):
        """Lines grouped by component and category, with their mean score."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_self_assessment_line_action"
        )
        action["domain"] = [("assessment_id", "=", self.id)]
        action["context"] = {
            "group_by": ["component_id", "category_id"],
            "create": False,
        }
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _load_activities(self):
        """Add a blank line for each active activity of the policy missing
        from the assessment."""
        self.ensure_one()
        activities = self.env["mipg.assessment.activity"].search(
            [("policy_id", "=", self.policy_id.id)]
        )
        missing = activities - self.line_ids.activity_id
        self.env["mipg.self.assessment.line"].create(
            [{"assessment_id": self.id, "activity_id": a.id} for a in missing]
        )

    def _get_gap_threshold(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(GAP_THRESHOLD_PARAM, DEFAULT_GAP_THRESHOLD)
        )
        try:
            return float(value)
        except ValueError:
            return DEFAULT_GAP_THRESHOLD

    def _get_gap_lines(self, threshold):
        return self.line_ids.filtered(
            lambda line: line.filled and line.score < threshold
        )

    def _create_gap_opportunities(self, threshold=None, process=None):
        """Open one improvement opportunity (source autoevaluación) for each
        scored activity under the threshold. Running it again creates no
        duplicates. Returns the opportunities of the gaps."""
        opportunities = self.env["mipg.opportunity"]
        for assessment in self:
            limit = assessment._get_gap_threshold() if threshold is None else threshold
            gaps = assessment._get_gap_lines(limit)
            if not gaps:
                continue
            gap_process = process or assessment.policy_id._get_lead_process(
                assessment.company_id
            )
            gaps.with_context(
                mipg_gap_process_id=gap_process.id
            )._mipg_create_opportunities()
            opportunities |= gaps.opportunity_ids
        self.invalidate_recordset(["opportunity_ids", "opportunity_count"])
        return opportunities

    def _get_rollup(self):
        """Scores of the assessment by component and category, in the
        order of the tool, for reports and screens."""
        self.ensure_one()
        components = []
        for component in self.line_ids.component_id.sorted():
            comp_lines = self.line_ids.filtered(
                lambda line, c=component: line.component_id == c
            )
            categories = []
            for category in comp_lines.category_id.sorted():
                cat_lines = comp_lines.filtered(
                    lambda line, k=category: line.category_id == k
                )
                cat_score = mean(cat_lines._get_scores())
                categories.append(
                    {
                        "category": category,
                        "score": cat_score,
                        "level": score_level(cat_score),
                        "color": level_color(score_level(cat_score)),
                        "lines": cat_lines,
                    }
                )
            comp_score = mean(comp_lines._get_scores())
            components.append(
                {
                    "component": component,
                    "score": comp_score,
                    "level": score_level(comp_score),
                    "color": level_color(score_level(comp_score)),
                    "categories": categories,
                }
            )
        return components

    def _get_dimension_summary(self):
        """Mean score of the given assessments by dimension, in the order of
        the dimensions, for the report's summary."""
        summary = []
        for dimension in self.dimension_id.sorted():
            mine = self.filtered(
                lambda a, d=dimension: a.dimension_id == d and a.scored_count
            )
            score = mean([a.score for a in mine])
            summary.append(
                {
                    "dimension": dimension,
                    "assessments": mine,
                    "score": score,
                    "level": score_level(score),
                    "color": level_color(score_level(score)),
                }
            )
        return summary
