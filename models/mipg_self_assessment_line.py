# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .mipg_tools import LEVEL_SELECTION, format_number, mean, score_level, shorten
from .mipg_workflow_mixin import ALL_FIELDS


class MipgSelfAssessmentLine(models.Model):
    """Score of one management activity in a self-assessment. A blank score
    (``filled`` unset, the database holds NULL) stays out of every mean, as
    "No aplica" cells do in the official sheet."""

    _name = "mipg.self.assessment.line"
    _description = "MIPG self-assessment line"
    _inherit = [
        "mipg.opportunity.origin.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _mipg_frozen_parent = "assessment_id"
    _order = (
        "assessment_id, component_sequence, category_sequence, activity_sequence, id"
    )

    assessment_id = fields.Many2one(
        "mipg.self.assessment", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(related="assessment_id.state")
    year = fields.Integer(related="assessment_id.year", store=True, aggregator=None)
    policy_id = fields.Many2one(
        related="assessment_id.policy_id", store=True, index=True
    )
    dimension_id = fields.Many2one(related="assessment_id.dimension_id", store=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    activity_id = fields.Many2one(
        "mipg.assessment.activity", required=True, index=True, ondelete="restrict"
    )
    code = fields.Char(related="activity_id.code")
    criterion = fields.Text(related="activity_id.criterion")
    scale_description = fields.Text(related="activity_id.scale_description")
    activity_sequence = fields.Integer(related="activity_id.sequence", store=True)
    category_id = fields.Many2one(
        related="activity_id.category_id", store=True, index=True
    )
    category_sequence = fields.Integer(
        related="activity_id.category_sequence", store=True
    )
    component_id = fields.Many2one(
        related="activity_id.component_id", store=True, index=True
    )
    component_sequence = fields.Integer(
        related="activity_id.component_sequence", store=True
    )
    not_applicable = fields.Boolean(
        string="Not applicable",
        help="The activity does not apply to the entity: left blank on purpose, "
        "out of the means.",
    )
    filled = fields.Boolean(
        string="Scored",
        help="Unset for an activity left blank (not scored or not applicable): "
        "it does not count in the means.",
    )
    score = fields.Float(
        aggregator="avg", help="Score from 0 to 100; blank if not scored."
    )
    level = fields.Selection(LEVEL_SELECTION, compute="_compute_level", store=True)
    category_score = fields.Float(compute="_compute_rollup")
    component_score = fields.Float(compute="_compute_rollup")
    is_gap = fields.Boolean(string="Gap", compute="_compute_is_gap")
    observations = fields.Text()
    evidence = fields.Text(help="Evidence that supports the score (documents, links).")
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_self_assessment_line_evidence_rel",
        "line_id",
        "attachment_id",
        string="Evidence files",
    )

    _sql_constraints = [
        (
            "activity_unique",
            "unique(assessment_id, activity_id)",
            "An activity can appear only once in a self-assessment.",
        ),
        (
            "score_range",
            "CHECK(filled IS NOT TRUE OR score BETWEEN 0 AND 100)",
            "The score of an activity goes from 0 to 100.",
        ),
    ]

    def _mipg_locked_fields(self):
        """A line stays the score of its activity in its assessment."""
        locked = super()._mipg_locked_fields()
        if locked == ALL_FIELDS:
            return locked
        return locked | {"assessment_id", "activity_id"}

    @api.depends("assessment_id.name", "activity_id.code")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.assessment_id.name or ''} - {line.activity_id.code or ''}"
            )

    @api.depends("score", "filled")
    def _compute_level(self):
        for line in self:
            line.level = score_level(line.score) if line.filled else False

    @api.depends("assessment_id.line_ids.score", "assessment_id.line_ids.filled")
    def _compute_rollup(self):
        # One pass per assessment: the means of each category and component,
        # then every line reads its own (not one filter of the siblings per
        # line).
        for assessment in self.assessment_id:
            by_category, by_component = {}, {}
            for sibling in assessment.line_ids.filtered("filled"):
                by_category.setdefault(sibling.category_id, []).append(sibling.score)
                by_component.setdefault(sibling.component_id, []).append(sibling.score)
            for line in self.filtered(lambda x, a=assessment: x.assessment_id == a):
                line.category_score = mean(by_category.get(line.category_id, [])) or 0.0
                line.component_score = (
                    mean(by_component.get(line.component_id, [])) or 0.0
                )
        (self - self.filtered("assessment_id")).update(
            {"category_score": 0.0, "component_score": 0.0}
        )

    @api.depends("score", "filled", "assessment_id")
    def _compute_is_gap(self):
        """Scored under the gap threshold: the lines that become
        opportunities, shown in red in the assessment."""
        threshold = self.env["mipg.self.assessment"]._get_gap_threshold()
        for line in self:
            line.is_gap = line.filled and line.score < threshold

    @api.constrains("score", "filled")
    def _check_score(self):
        for line in self:
            if line.filled and not 0.0 <= line.score <= 100.0:
                raise ValidationError(
                    self.env._(
                        "The score of activity %(code)s must be between 0 and 100 "
                        "(it is %(score)s). Correct it, or leave it blank if the "
                        "activity does not apply.",
                        code=line.activity_id.code,
                        score=format_number(self.env, line.score),
                    )
                )

    @api.onchange("score")
    def _onchange_score(self):
        if self.score:
            self.filled = True

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_score_vals(vals)
            if vals.get("filled") and "score" not in vals:
                vals["score"] = 0.0
            elif not vals.get("filled"):
                # left out of the INSERT: NULL (the ORM would store 0.0)
                vals.pop("score", None)
        return super().create(vals_list)

    def _mipg_frozen_message(self):
        return self.assessment_id._mipg_frozen_message()

    def write(self, vals):
        # a finished self-assessment freezes its lines (mipg.workflow.mixin)
        self._normalize_score_vals(vals)
        if vals.get("filled") and "score" in vals:
            # A blank line holds NULL, which the cache reads as 0.0: a score of
            # 0 would look unchanged and never reach the database, leaving the
            # SQL means of the pivot without it. Forget the cached blank.
            blanks = self.filtered(lambda line: not line.filled)
            blanks.flush_recordset(["score"])
            blanks.invalidate_recordset(["score"])
        elif vals.get("filled") and "score" not in vals:
            # A blank line marked as scored scores 0, stored as 0 (not NULL)
            # so that the SQL means of the pivot count it too.
            blanks = self.filtered(lambda line: not line.filled)
            # The cache reads NULL as 0.0: forget it so that 0.0 is written.
            blanks.flush_recordset(["score"])
            blanks.invalidate_recordset(["score"])
            result = super(MipgSelfAssessmentLine, self - blanks).write(vals)
            return (
                super(MipgSelfAssessmentLine, blanks).write(dict(vals, score=0.0))
                and result
            )
        result = super().write(vals)
        if "filled" in vals and not vals["filled"]:
            self._mipg_blank_scores()
        return result

    def _mipg_blank_scores(self):
        """The database holds NULL, not 0, as the score of these lines left
        blank, so that the SQL means (the pivot's) leave them out. The ORM
        writes a float False as 0.0, and compares with the cache: a blank
        written in a later transaction than the score (any real request)
        stored 0."""
        self.flush_recordset(["score", "filled"])
        self.env.cr.execute(
            SQL(
                "UPDATE mipg_self_assessment_line SET score = NULL"
                " WHERE id = ANY(%s) AND filled IS NOT TRUE AND score IS NOT NULL",
                self.ids,
            )
        )
        # the cache reads NULL as 0.0, as the ORM wrote it: nothing else to
        # recompute
        self.invalidate_recordset(["score"])

    @api.model
    def _normalize_score_vals(self, vals):
        """A written score marks the line as scored; a line marked blank
        keeps no score (NULL, out of the SQL means)."""
        if "filled" not in vals and "score" in vals:
            vals["filled"] = vals["score"] is not False and vals["score"] is not None
        if "filled" in vals and not vals["filled"]:
            vals["score"] = False

    def _get_scores(self):
        return [line.score for line in self if line.filled]

    def _mipg_prepare_opportunity_vals(self):
        """The improvement opportunity (source autoevaluación) of this gap,
        for the process given as ``mipg_gap_process_id`` in the context or
        else the first process of the policy."""
        vals = super()._mipg_prepare_opportunity_vals()
        assessment = self.assessment_id
        process = self.env["mipg.process"].browse(
            self.env.context.get("mipg_gap_process_id")
        ) or assessment.policy_id._get_lead_process(assessment.company_id)
        threshold = assessment._get_gap_threshold()
        # the larger the gap under the threshold, the higher the impact
        gap = max(threshold - self.score, 0.0) / (threshold or 1.0)
        vals.update(
            {
                "title": self.env._(
                    "Self-assessment gap %(code)s: %(activity)s",
                    code=self.activity_id.code,
                    activity=shorten(self.activity_id.name or "", 150),
                ),
                "responsible_id": process.leader_id.id or self.env.uid,
                "impact": min(5, 1 + round(gap * 4)),
                "feasibility": 3,
                "source": "autoevaluacion",
                "finding_type": "oportunidad_mejora",
                "source_reference": assessment.name,
                "description": self.env._(
                    "Activity %(code)s of the self-assessment %(assessment)s scored "
                    "%(score)s out of 100 (%(component)s / %(category)s).\n"
                    "%(activity)s\n%(observations)s",
                    code=self.activity_id.code,
                    assessment=assessment.name,
                    score=format_number(self.env, self.score),
                    component=self.component_id.name,
                    category=self.category_id.name,
                    activity=self.activity_id.name,
                    observations=self.observations or "",
                ),
                "criterion": self.activity_id.criterion,
                "process_id": process.id,
                "policy_ids": [(6, 0, assessment.policy_id.ids)],
                "date_detected": assessment.date,
                "company_id": assessment.company_id.id,
            }
        )
        vals.update(
            baseline_kind="self_assessment",
            baseline_activity_id=self.activity_id.id,
            baseline_value=self.score,
            baseline_year=assessment.year,
        )
        return vals
