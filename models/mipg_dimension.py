# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mipg_tools import LEVEL_SELECTION, mean, score_level


class MipgDimension(models.Model):
    _name = "mipg.dimension"
    _description = "MIPG dimension"
    _inherit = ["mipg.catalog.mixin"]
    _order = "sequence, id"

    sequence = fields.Integer(
        default=10, help="Official number of the dimension (1 to 7)."
    )
    purpose = fields.Text()
    color = fields.Integer()
    active = fields.Boolean(default=True)
    policy_ids = fields.One2many("mipg.policy", "dimension_id", string="Policies")
    policy_count = fields.Integer(compute="_compute_policy_count")
    principle_ids = fields.Many2many(
        "mipg.principle",
        "mipg_principle_dimension_rel",
        "dimension_id",
        "principle_id",
        string="Principles",
    )

    # Latest scores, for the dimension cards (computed from the
    # self-assessments and FURAG results).
    self_assessment_score = fields.Float(
        string="Latest self-assessment score",
        compute="_compute_self_assessment_score",
        help="Mean of the latest finished self-assessment of each of the "
        "dimension's policies.",
    )
    self_assessment_level = fields.Selection(
        LEVEL_SELECTION, compute="_compute_self_assessment_score"
    )
    self_assessment_year = fields.Integer(compute="_compute_self_assessment_score")
    furag_score = fields.Float(
        string="Latest FURAG index",
        compute="_compute_furag_score",
        help="Index of the dimension in the latest FURAG results loaded.",
    )
    furag_year = fields.Integer(compute="_compute_furag_score")

    _sql_constraints = [
        ("code_unique", "unique(code)", "A dimension with this code already exists."),
    ]

    @api.depends("policy_ids")
    def _compute_policy_count(self):
        counts = {
            dimension.id: count
            for dimension, count in self.env["mipg.policy"]._read_group(
                [("dimension_id", "in", self.ids)], ["dimension_id"], ["__count"]
            )
        }
        for dimension in self:
            dimension.policy_count = counts.get(dimension.id, 0)

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_policy_action"
        )
        action["domain"] = [("dimension_id", "=", self.id)]
        action["context"] = {"default_dimension_id": self.id}
        return action

    # The scores on the dimension cards are the entity's aggregates, shown to
    # every public servant who reads the catalog; the assessments and FURAG
    # results themselves stay restricted to the lines of defense.
    def _compute_self_assessment_score(self):
        assessments = (
            self.env["mipg.self.assessment"]
            .sudo()
            .search(
                [
                    ("dimension_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="year desc, date desc, id desc",
            )
        )
        latest = {}
        for assessment in assessments:
            latest.setdefault(assessment.policy_id, assessment)
        for dimension in self:
            mine = [a for p, a in latest.items() if p.dimension_id == dimension]
            score = mean([a.score for a in mine])
            dimension.self_assessment_score = score or 0.0
            dimension.self_assessment_level = score_level(score)
            dimension.self_assessment_year = max((a.year for a in mine), default=0)

    def _compute_furag_score(self):
        lines = (
            self.env["mipg.furag.result.line"]
            .sudo()
            .search(
                [
                    ("dimension_id", "in", self.ids),
                    ("index_type", "=", "dimension"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="year desc, id desc",
            )
        )
        latest = {}
        for line in lines:
            latest.setdefault(line.dimension_id, line)
        for dimension in self:
            line = latest.get(dimension)
            dimension.furag_score = line.score if line else 0.0
            dimension.furag_year = line.year if line else 0
