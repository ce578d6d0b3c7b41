# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The risk maps as the entities file them: the institutional map and the
corruption map in the layout of the guide's matrix (identification,
inherent rating, controls and their rating, residual rating, treatment),
one row per control. Text is always written as text: a value starting with
= + - @ is never a formula. Nothing is stored."""

import io

import xlsxwriter

from odoo import api, fields, models

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportMipgRiskMapXlsx(models.AbstractModel):
    _name = "report.mipg.risk_map_xlsx"
    _description = "MIPG risk map (.xlsx)"

    @api.model
    def _selection_label(self, record, name):
        value = record[name]
        if not value:
            return ""
        return dict(record._fields[name]._description_selection(self.env))[value]

    @api.model
    def _blocks(self):
        """(block title, [(column title, width, value of (risk, control))])."""
        label = self._selection_label

        def control_value(getter):
            return lambda risk, control: getter(control) if control else ""

        return [
            (
                self.env._("Risk identification"),
                [
                    (self.env._("Reference"), 10, lambda r, c: r.reference),
                    (self.env._("Process"), 24, lambda r, c: r.process_id.name),
                    (self.env._("Objective"), 30, lambda r, c: r.process_objective),
                    (self.env._("Impact"), 24, lambda r, c: r.impact_text),
                    (self.env._("Immediate cause"), 30, lambda r, c: r.immediate_cause),
                    (self.env._("Root cause"), 30, lambda r, c: r.root_cause),
                    (self.env._("Risk description"), 50, lambda r, c: r.name),
                    (self.env._("Risk type"), 16, lambda r, c: label(r, "risk_type")),
                    (
                        self.env._("Risk classification"),
                        26,
                        lambda r, c: label(r, "classification"),
                    ),
                ],
            ),
            (
                self.env._("Inherent risk"),
                [
                    (
                        self.env._("Activity frequency"),
                        12,
                        lambda r, c: r.activity_frequency,
                    ),
                    (
                        self.env._("Inherent probability"),
                        14,
                        lambda r, c: r.inherent_probability_id.name,
                    ),
                    (
                        self.env._("% inherent probability"),
                        12,
                        lambda r, c: r.inherent_probability_id.value,
                    ),
                    (
                        self.env._("Inherent impact"),
                        14,
                        lambda r, c: r.inherent_impact_id.name,
                    ),
                    (
                        self.env._("% inherent impact"),
                        12,
                        lambda r, c: r.inherent_impact_id.value,
                    ),
                    (
                        self.env._("Inherent risk zone"),
                        14,
                        lambda r, c: r.inherent_zone_id.name,
                    ),
                ],
            ),
            (
                self.env._("Control assessment"),
                [
                    (
                        self.env._("Control No."),
                        8,
                        lambda r, c: (
                            (r.control_ids.filtered("active").ids.index(c.id) + 1)
                            if c
                            else ""
                        ),
                    ),
                    (
                        self.env._("Control description"),
                        50,
                        control_value(lambda c: c.name),
                    ),
                    (
                        self.env._("Affects"),
                        12,
                        control_value(lambda c: label(c, "affects")),
                    ),
                    (
                        self.env._("Type"),
                        12,
                        control_value(lambda c: label(c, "control_type")),
                    ),
                    (
                        self.env._("Implementation"),
                        12,
                        control_value(lambda c: label(c, "implementation")),
                    ),
                    (self.env._("Rating"), 10, control_value(lambda c: c.rating)),
                    (
                        self.env._("Documentation"),
                        14,
                        control_value(lambda c: label(c, "documentation")),
                    ),
                    (
                        self.env._("Frequency"),
                        12,
                        control_value(lambda c: label(c, "frequency")),
                    ),
                    (
                        self.env._("Evidence"),
                        14,
                        control_value(lambda c: label(c, "evidence")),
                    ),
                    (
                        self.env._("Probability after the control"),
                        12,
                        control_value(lambda c: c.probability_after),
                    ),
                    (
                        self.env._("Impact after the control"),
                        12,
                        control_value(lambda c: c.impact_after),
                    ),
                ],
            ),
            (
                self.env._("Residual risk"),
                [
                    (
                        self.env._("Residual probability"),
                        14,
                        lambda r, c: r.residual_probability_id.name,
                    ),
                    (
                        self.env._("% residual probability"),
                        12,
                        lambda r, c: r.residual_probability,
                    ),
                    (
                        self.env._("Residual impact"),
                        14,
                        lambda r, c: r.residual_impact_id.name,
                    ),
                    (
                        self.env._("% residual impact"),
                        12,
                        lambda r, c: r.residual_impact,
                    ),
                    (
                        self.env._("Residual risk zone"),
                        14,
                        lambda r, c: r.residual_zone_id.name,
                    ),
                ],
            ),
            (
                self.env._("Treatment"),
                [
                    (self.env._("Treatment"), 12, lambda r, c: label(r, "treatment")),
                    (
                        self.env._("How it is reduced"),
                        12,
                        lambda r, c: label(r, "reduce_mode"),
                    ),
                    (
                        self.env._("Action plan"),
                        40,
                        lambda r, c: ", ".join(r.plan_id.action_ids.mapped("name")),
                    ),
                ],
            ),
        ]

    @api.model
    def _rows(self, risks):
        """(risk, control or empty) of each row: one per active control, one
        for a risk without controls."""
        rows = []
        Control = self.env["mipg.risk.control"]
        for risk in risks:
            controls = risk.control_ids.filtered("active")
            rows.extend((risk, control) for control in controls or [Control])
        return rows

    @api.model
    def _title(self, kind):
        if kind == "corruption":
            return self.env._("Corruption risk map")
        return self.env._("Institutional risk map")

    @api.model
    def _render_xlsx(self, risks, kind="institutional"):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.generate_xlsx_report(workbook, {"kind": kind}, risks)
        workbook.close()
        return output.getvalue()

    @api.model
    def _file_name(self, kind):
        today = fields.Date.to_string(fields.Date.context_today(self))
        return f"{self._title(kind)} {today}.xlsx"

    @api.model
    def generate_xlsx_report(self, workbook, data, risks):
        kind = data.get("kind", "institutional")
        sheet = workbook.add_worksheet(self._title(kind)[:31])
        title = workbook.add_format({"bold": True, "font_size": 14})
        block = workbook.add_format(
            {"bold": True, "align": "center", "border": 1, "bg_color": "#D9E1F2"}
        )
        head = workbook.add_format(
            {"bold": True, "text_wrap": True, "border": 1, "valign": "top"}
        )
        cell = workbook.add_format({"text_wrap": True, "border": 1, "valign": "top"})
        company = self.env.company
        sheet.write_string(0, 0, f"{self._title(kind)} — {company.name}", title)
        sheet.write_string(
            1,
            0,
            self.env._(
                "Risk policy: %(policy)s",
                policy=", ".join(risks.methodology_id.mapped("name")),
            ),
        )
        col = 0
        columns = []
        for block_title, block_columns in self._blocks():
            last = col + len(block_columns) - 1
            if last > col:
                sheet.merge_range(3, col, 3, last, block_title, block)
            else:
                sheet.write_string(3, col, block_title, block)
            for name, width, getter in block_columns:
                sheet.write_string(4, col, name, head)
                sheet.set_column(col, col, width)
                columns.append(getter)
                col += 1
        sheet.freeze_panes(5, 1)
        for row, (risk, control) in enumerate(self._rows(risks), 5):
            for index, getter in enumerate(columns):
                value = getter(risk, control)
                if isinstance(value, bool) or value is None:
                    value = ""
                if isinstance(value, int | float):
                    sheet.write_number(row, index, value, cell)
                else:
                    sheet.write_string(row, index, str(value), cell)
