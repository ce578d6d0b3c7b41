# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit trail as .xlsx: every column of the canonical content of each
row, so that anyone can recompute the hashes of the chain from the file
(see ``models/mipg_audit_log.py``). Text is always written as text: a value
starting with = + - @ is never a formula."""

import io
from datetime import datetime

import xlsxwriter

from odoo import api, fields, models

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportMipgAuditLogXlsx(models.AbstractModel):
    _name = "report.mipg.report_audit_log_xlsx"
    _description = "MIPG audit trail (.xlsx)"

    @api.model
    def _columns(self):
        """(title, width, value of a row) of each column."""
        return [
            (self.env._("No."), 8, lambda log: log.sequence),
            (self.env._("Date (UTC)"), 20, lambda log: log.date),
            (self.env._("Company"), 24, lambda log: log.company_id.name),
            (self.env._("Company ID"), 10, lambda log: log.company_id.id),
            (self.env._("Changed by"), 24, lambda log: log.user_name),
            (self.env._("User ID"), 8, lambda log: log.user_id.id),
            (self.env._("Document"), 22, lambda log: log.model_name),
            (self.env._("Model"), 24, lambda log: log.model),
            (self.env._("Record ID"), 10, lambda log: log.res_id),
            (self.env._("Record"), 30, lambda log: log.record_name),
            (self.env._("Operation"), 12, lambda log: log.operation),
            (self.env._("Technical field name"), 22, lambda log: log.field_name),
            (self.env._("Field"), 22, lambda log: log.field_description),
            (self.env._("Old value"), 40, lambda log: log.old_value),
            (self.env._("New value"), 40, lambda log: log.new_value),
            (self.env._("Previous hash"), 20, lambda log: log.previous_hash),
            (self.env._("Hash"), 20, lambda log: log.hash),
        ]

    @api.model
    def _render_xlsx(self, logs):
        """The workbook of the rows ``logs``, as bytes."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.generate_xlsx_report(workbook, {}, logs)
        workbook.close()
        return output.getvalue()

    @api.model
    def _file_name(self, extension):
        today = fields.Date.to_string(fields.Date.context_today(self))
        return f"{self.env._('Audit trail')} {today}.{extension}"

    @api.model
    def generate_xlsx_report(self, workbook, data, logs):
        sheet = workbook.add_worksheet(self.env._("Audit trail"))
        title = workbook.add_format({"bold": True, "font_size": 13})
        head = workbook.add_format(
            {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#D9E1F2"}
        )
        cell = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
        date = workbook.add_format(
            {"num_format": "yyyy-mm-dd hh:mm:ss", "valign": "top", "border": 1}
        )
        sheet.write_string(0, 0, self.env._("Audit trail"), title)
        companies = ", ".join(logs.company_id.mapped("name"))
        sheet.write_string(1, 0, companies or self.env.company.name)
        sheet.write_string(
            2,
            0,
            self.env._(
                "%(count)s records, exported by %(user)s on %(date)s (UTC)",
                count=len(logs),
                user=self.env.user.name,
                date=fields.Datetime.to_string(fields.Datetime.now()),
            ),
        )
        header_row = 4
        columns = self._columns()
        for col, (name, width, _value) in enumerate(columns):
            sheet.write_string(header_row, col, name, head)
            sheet.set_column(col, col, width)
        for row, log in enumerate(logs, start=header_row + 1):
            for col, (_name, _width, value) in enumerate(columns):
                value = value(log)
                if isinstance(value, datetime):
                    sheet.write_datetime(row, col, value, date)
                elif isinstance(value, int) and not isinstance(value, bool):
                    sheet.write_number(row, col, value, cell)
                elif value:
                    sheet.write_string(row, col, str(value), cell)
                else:
                    sheet.write_blank(row, col, None, cell)
        sheet.freeze_panes(header_row + 1, 1)
        sheet.autofilter(header_row, 0, header_row + len(logs), len(columns) - 1)
