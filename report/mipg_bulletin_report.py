# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..models.mipg_tools import format_number, shorten


class ReportMipgBulletin(models.AbstractModel):
    """Values of the lessons learned bulletin (PDF): the bulletins and, for
    each lesson raised from an opportunity with a baseline, its measured
    result (closing the cycle), written in the bulletin's language as its
    readers write numbers (45,5 in Spanish)."""

    _name = "report.mipg.report_bulletin"
    _description = "MIPG lessons learned bulletin (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        bulletins = self.env["mipg.bulletin"].browse(docids)
        return {
            "doc_ids": bulletins.ids,
            "doc_model": "mipg.bulletin",
            "docs": bulletins,
            "measured_result": self._measured_result,
        }

    @api.model
    def _measured_result(self, lesson, lang=None):
        """``None`` when the lesson's opportunity has no baseline; otherwise
        the texts of its baseline (measure, value, year), of its new
        measurement (value, year; empty until measured again) and of the gap
        outcome, in ``lang``."""
        opportunity = lesson.opportunity_id
        if not opportunity.baseline_kind:
            return None
        env = self.with_context(lang=lang or self.env.lang).env
        opportunity = opportunity.with_env(env)
        kinds = dict(opportunity._fields["baseline_kind"]._description_selection(env))
        if opportunity.baseline_kind == "furag":
            measure = opportunity.baseline_index_id
            name = f"{measure.code or ''} {measure.name or ''}".strip()
        else:
            measure = opportunity.baseline_activity_id
            name = shorten(f"{measure.code or ''} {measure.name or ''}", 120)
        kind = kinds.get(opportunity.baseline_kind, "")
        label = f"{kind} {name}".strip()
        baseline = env._(
            "%(measure)s: %(value)s in %(year)s",
            measure=label,
            value=format_number(env, opportunity.baseline_value),
            year=opportunity.baseline_year,
        )
        if not opportunity.gap_outcome:
            return {
                "baseline": baseline,
                "remeasure": env._("Not measured again yet"),
                "outcome": "",
                "outcome_code": False,
            }
        outcomes = dict(opportunity._fields["gap_outcome"]._description_selection(env))
        return {
            "baseline": baseline,
            "remeasure": env._(
                "%(value)s in %(year)s",
                value=format_number(env, opportunity.remeasure_value),
                year=opportunity.remeasure_year,
            ),
            "outcome": outcomes.get(opportunity.gap_outcome, ""),
            "outcome_code": opportunity.gap_outcome,
        }
