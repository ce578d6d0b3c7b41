# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mipg_tools import format_number


class MipgSelfAssessmentGapWizard(models.TransientModel):
    """Turn the activities scored under a threshold into improvement
    opportunities (source autoevaluación) on the Planear board."""

    _name = "mipg.self.assessment.gap.wizard"
    _description = "Self-assessment gaps to improvement opportunities"

    assessment_id = fields.Many2one("mipg.self.assessment", required=True)
    policy_id = fields.Many2one(related="assessment_id.policy_id")
    threshold = fields.Float(
        required=True,
        default=lambda self: self.env["mipg.self.assessment"]._get_gap_threshold(),
        help="Activities scored under this value become opportunities. The "
        "default comes from the system parameter "
        "mipg.self_assessment_gap_threshold (60 if not set).",
    )
    process_id = fields.Many2one(
        "mipg.process",
        compute="_compute_process_id",
        store=True,
        readonly=False,
        domain="[('policy_ids', 'in', policy_id)]",
        help="Process responsible for the opportunities: one of the policy's.",
    )
    gap_count = fields.Integer(compute="_compute_gap_count", string="Gaps")

    @api.depends("assessment_id")
    def _compute_process_id(self):
        for wizard in self:
            processes = wizard.assessment_id.policy_id.process_ids
            wizard.process_id = processes.sorted()[:1]

    @api.depends("assessment_id", "threshold")
    def _compute_gap_count(self):
        for wizard in self:
            wizard.gap_count = len(
                wizard.assessment_id._get_gap_lines(wizard.threshold)
            )

    def action_confirm(self):
        self.ensure_one()
        if not 0 <= self.threshold <= 100:
            raise UserError(self.env._("The threshold must be between 0 and 100."))
        opportunities = self.assessment_id._create_gap_opportunities(
            threshold=self.threshold,
            process=self.process_id or None,
        )
        if not opportunities:
            raise UserError(
                self.env._(
                    "No scored activity is under %(threshold)s: there is no gap "
                    "to turn into an opportunity.",
                    threshold=format_number(self.env, self.threshold),
                )
            )
        return opportunities._mipg_action_open()
