# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgFuragRecommendation(models.Model):
    """A recommendation of Función Pública in the FURAG results of a policy;
    it can become an improvement opportunity (source FURAG)."""

    _name = "mipg.furag.recommendation"
    _description = "MIPG FURAG recommendation"
    _inherit = [
        "mipg.opportunity.origin.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _mipg_frozen_parent = "result_id"

    def _mipg_frozen_message(self):
        return self.result_id._mipg_frozen_message()

    _order = "result_id, policy_sequence, id"

    result_id = fields.Many2one(
        "mipg.furag.result", required=True, index=True, ondelete="cascade"
    )
    year = fields.Integer(related="result_id.year", store=True, aggregator=None)
    company_id = fields.Many2one(related="result_id.company_id", store=True)
    policy_id = fields.Many2one(
        "mipg.policy", required=True, index=True, ondelete="restrict"
    )
    policy_sequence = fields.Integer(related="policy_id.sequence")
    dimension_id = fields.Many2one(related="policy_id.dimension_id", store=True)
    name = fields.Text(string="Recommendation", required=True, readonly=True)
    opportunity_id = fields.Many2one(
        "mipg.opportunity", compute="_compute_opportunity_id"
    )

    def _compute_opportunity_id(self):
        for recommendation in self:
            recommendation.opportunity_id = recommendation.opportunity_ids[:1]

    def action_create_opportunity(self):
        """Turn the recommendations into improvement opportunities (once)
        and list them."""
        self._mipg_create_opportunities()
        self.invalidate_recordset(["opportunity_id"])
        return self.opportunity_ids._mipg_action_open()

    def _mipg_prepare_opportunity_vals(self):
        """The improvement opportunity (source FURAG) of this
        recommendation, for the first process of its policy."""
        vals = super()._mipg_prepare_opportunity_vals()
        vals.update(
            {
                "title": self.env._(
                    "FURAG %(year)s, %(policy)s: %(text)s",
                    year=self.year,
                    policy=self.policy_id.name,
                    text=(self.name or "")[:120],
                ),
                "source": "furag",
                "finding_type": "oportunidad_mejora",
                "source_reference": self.result_id.name,
                "description": self.name,
                "process_id": self.policy_id._get_lead_process(self.company_id).id,
                "policy_ids": [(6, 0, self.policy_id.ids)],
                "company_id": self.company_id.id,
            }
        )
        # the policy's index in the same results is the baseline
        line = self.result_id.line_ids.filtered(
            lambda line: (
                line.index_type == "policy" and line.policy_id == self.policy_id
            )
        )[:1]
        if line:
            vals.update(line._mipg_baseline_vals())
        return vals
