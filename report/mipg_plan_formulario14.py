# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Contraloría's Formulario No. 14 of an improvement plan, as .xlsx.

Built for the user who asks for it, with what that user may read, and
streamed by ``controllers/mipg_plan_export.py``: nothing is stored."""

import io
import math
from datetime import date

import xlsxwriter

from odoo import api, fields, models

from ..models.mipg_opportunity import EXTERNAL_SOURCES

# Contraloría General de la República, Formulario No. 14 "Suscripción
# planes de mejoramiento": the 14 columns, in this order.
CGR_F14_COLUMNS = [
    "No.",
    "Código Hallazgo",
    "Descripción hallazgo",
    "Causa del hallazgo",
    "Efecto del hallazgo",
    "Acción de mejoramiento",
    "Propósito de la Acción de Mejora",
    "Descripción de las Actividades",
    "Denominación de la Unidad de medida de la Actividad",
    "Cantidad de Medida de la Actividad",
    "Fecha iniciación de la Actividad",
    "Fecha terminación de la Actividad",
    "Plazo en semanas de la Actividad",
    "Área Responsable",
]
# The follow-up columns of the entity, after the Contraloría's.
FOLLOWUP_COLUMNS = ["Responsable", "Avance (%)", "Estado", "Eficaz"]
COLUMN_WIDTHS = [5, 14, 40, 30, 30, 35, 30, 40, 18, 12, 14, 14, 12, 25, 25, 10, 20, 8]
DATE_FORMAT = "dd/mm/yyyy"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportMipgPlanFormulario14(models.AbstractModel):
    _name = "report.mipg.plan_formulario14"
    _description = "Formulario No. 14 of an improvement plan (.xlsx)"

    @api.model
    def _get_report_values(self, plan):
        """The header block and one row per action of ``plan`` that the
        user of this environment may read; the finding columns stay empty
        when the user may not read the finding of the action."""
        plan = plan.with_env(self.env)
        plan.ensure_one()
        plan.check_access("read")
        levels = dict(plan._fields["level"]._description_selection(self.env))
        sources = dict(plan._fields["source"]._description_selection(self.env))
        header = [
            ("Entidad", plan.company_id.name),
            ("Plan de mejoramiento", f"{plan.name} - {plan.title}"),
            ("Nivel", levels.get(plan.level, "")),
            ("Fuente", sources.get(plan.source, "")),
        ]
        if plan.source in EXTERNAL_SOURCES:
            header += [
                ("Ente de control", plan.control_body),
                ("Informe", plan.report_reference),
                ("Vigencia auditada", plan.audited_period),
            ]
        header += [
            ("Fecha de suscripción", plan.date_approved or plan.date_start),
            ("Avance del plan (%)", round(plan.progress, 2)),
        ]
        # record rules apply: a process leader gets the actions of the
        # processes they lead or belong to, not every action of the plan
        actions = self.env["mipg.action"].search([("plan_id", "=", plan.id)])
        actions = actions.sorted(
            lambda a: (a.opportunity_id.id or 0, a.date_deadline or date.max, a.id)
        )
        readable = set(actions.opportunity_id._filtered_access("read").ids)
        no_finding = self.env["mipg.opportunity"]
        rows = []
        for number, action in enumerate(actions, start=1):
            finding = action.opportunity_id
            if finding.id not in readable:
                finding = no_finding
            weeks = None
            if action.date_start and action.date_deadline:
                weeks = round((action.date_deadline - action.date_start).days / 7, 1)
            rows.append(
                [
                    number,
                    finding.source_reference or finding.name,
                    finding.description or finding.title,
                    finding.root_cause,
                    finding.effect,
                    action.name,
                    action.objective,
                    action.description,
                    action.unit,
                    action.target_quantity,
                    action.date_start,
                    action.date_deadline,
                    weeks,
                    action.process_id.name,
                    action.responsible_id.name,
                    round(action.progress, 2),
                    action.stage_id.name,
                    "Sí" if action.effective else "No",
                ]
            )
        return {
            "plan": plan,
            "header": header,
            "columns": CGR_F14_COLUMNS + FOLLOWUP_COLUMNS,
            "rows": rows,
        }

    @api.model
    def _render_xlsx(self, plan):
        """The workbook of ``plan``, as bytes."""
        output = io.BytesIO()
        # write() is never called, but should it be: no formula, no link
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.generate_xlsx_report(workbook, self._get_report_values(plan))
        workbook.close()
        return output.getvalue()

    @api.model
    def _file_name(self, plan):
        return f"{plan.name} - Formulario 14.xlsx"

    @api.model
    def generate_xlsx_report(self, workbook, data):
        """Lay out ``data`` (see ``_get_report_values``) as the CGR
        Formulario No. 14: a header block, then the table."""
        sheet = workbook.add_worksheet("Formulario 14")
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "label": workbook.add_format({"bold": True}),
            "value": None,
            "value_date": workbook.add_format({"num_format": DATE_FORMAT}),
            "head": workbook.add_format(
                {
                    "bold": True,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "align": "center",
                    "border": 1,
                    "bg_color": "#D9E1F2",
                }
            ),
            "cell": workbook.add_format(
                {"text_wrap": True, "valign": "top", "border": 1}
            ),
            "cell_date": workbook.add_format(
                {"num_format": DATE_FORMAT, "valign": "top", "border": 1}
            ),
        }
        sheet.write_string(
            0,
            0,
            "FORMULARIO No. 14 - SUSCRIPCIÓN PLANES DE MEJORAMIENTO",
            formats["title"],
        )
        row = 2
        for label, value in data["header"]:
            self._write_cell(sheet, row, 0, label, formats["label"])
            self._write_cell(
                sheet, row, 1, value, formats["value"], formats["value_date"]
            )
            row += 1
        row += 1
        header_row = row
        for col, title in enumerate(data["columns"]):
            sheet.write_string(row, col, title, formats["head"])
        sheet.set_row(row, 45)
        for col, width in enumerate(COLUMN_WIDTHS):
            sheet.set_column(col, col, width)
        for values in data["rows"]:
            row += 1
            for col, value in enumerate(values):
                self._write_cell(
                    sheet, row, col, value, formats["cell"], formats["cell_date"]
                )
        sheet.freeze_panes(header_row + 1, 2)

    @api.model
    def _write_cell(self, sheet, row, col, value, cell_format, date_format=None):
        """Write ``value`` with the writer of its type: text is always text
        (a description starting with = stays a description, never becomes a
        formula), dates are dates, and a number that is not finite (NaN or
        infinity slipped into the database) leaves the cell empty."""
        if isinstance(value, date):
            sheet.write_datetime(
                row, col, fields.Datetime.to_datetime(value), date_format
            )
        elif isinstance(value, bool) or value is None:
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, int | float):
            if math.isfinite(value):
                sheet.write_number(row, col, value, cell_format)
            else:
                sheet.write_blank(row, col, None, cell_format)
        elif value:
            sheet.write_string(row, col, str(value), cell_format)
        else:
            sheet.write_blank(row, col, None, cell_format)
