# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportMipgRiskMap(models.AbstractModel):
    """Values of the risk map PDF: the risks, their heat maps (inherent
    beside residual, each cell with its zone colour and its count) and the
    rows of the matrix."""

    _name = "report.mipg.report_risk_map"
    _description = "MIPG risk map (PDF)"

    @api.model
    def _heat_map(self, risks, stage):
        """Rows from the highest probability down: [(probability level,
        [(impact level, zone, count)])] of the risks' policy."""
        methodology = (
            risks.methodology_id[:1]
            or self.env["mipg.risk.methodology"]._mipg_current()
        )
        if not methodology:
            return []
        tables = methodology._mipg_tables()
        counts = self.env["mipg.risk"]._mipg_heat_map(
            [("id", "in", risks.ids)], stage=stage
        )
        rows = []
        for p_rank in sorted(tables["probability"], reverse=True):
            cells = []
            for i_rank in sorted(tables["impact"]):
                cells.append(
                    (
                        tables["impact"][i_rank],
                        tables["cells"].get((p_rank, i_rank)),
                        counts.get((p_rank, i_rank), 0),
                    )
                )
            rows.append((tables["probability"][p_rank], cells))
        return rows

    @api.model
    def _get_report_values(self, docids, data=None):
        risks = self.env["mipg.risk"].browse(docids)
        kind = (data or {}).get("kind")
        if not kind:
            kind = (
                "corruption"
                if risks and set(risks.mapped("risk_type")) == {"corruption"}
                else "institutional"
            )
        xlsx = self.env["report.mipg.risk_map_xlsx"]
        return {
            "doc_ids": risks.ids,
            "doc_model": "mipg.risk",
            "docs": risks,
            "title": xlsx._title(kind),
            "company": self.env.company,
            "inherent_map": self._heat_map(risks, "inherent"),
            "residual_map": self._heat_map(risks, "residual"),
            "selection_label": xlsx._selection_label,
        }
