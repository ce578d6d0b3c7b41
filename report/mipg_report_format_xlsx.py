# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An improvement plan in any plan format (mipg.report.format), as .xlsx.

One report class for every format: the format says which header cells and
which columns, in which order, with which numbers, headings, types and
widths; this class computes the values. Built for the user who asks for it,
with what that user may read; streamed by ``controllers/mipg_plan_export.py``,
nothing is stored."""

import io
from datetime import date

import xlsxwriter

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..models.mipg_action_activity import weeks_between
from ..models.mipg_report_format import MODALITY_SUBSCRIPTION

CONSEQUENCES = [
    ("consequence_administrative", "Administrativa"),
    ("consequence_disciplinary", "Disciplinaria"),
    ("consequence_fiscal", "Fiscal"),
    ("consequence_criminal", "Penal"),
    ("consequence_sanction", "Sancionatoria"),
]


class ReportMipgReportFormat(models.AbstractModel):
    _name = "report.mipg.report_format"
    _description = "Improvement plan in a plan format (.xlsx)"

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    @api.model
    def _get_report_values(
        self, plan, report_format=None, cut_date=None, modality=None
    ):
        """Header cells, columns and one list of values per row of ``plan``
        in ``report_format`` (the plan's by default), with what the user of
        this environment may read."""
        plan = plan.with_env(self.env)
        plan.ensure_one()
        plan.check_access("read")
        report_format = (report_format or plan.format_id).with_env(self.env)
        if not report_format:
            raise UserError(
                self.env._(
                    "Choose the format of the plan %(ref)s before exporting it.",
                    ref=plan.name,
                )
            )
        report_format.check_access("read")
        modality = modality or MODALITY_SUBSCRIPTION
        context = {
            "plan": plan,
            "body": plan.control_body_id,
            "company": plan.company_id,
            "cut_date": cut_date,
            "modality": modality,
        }
        headers = [
            (cell.label, self._header_value(cell, context), cell.value_type)
            for cell in report_format.header_ids
        ]
        columns = [
            (column.number, column.heading or "", column.value_type, column.width)
            for column in report_format.column_ids
        ]
        rows = []
        for number, row in enumerate(self._rows(plan, report_format), start=1):
            row.update(context, number=number)
            rows.append(
                [
                    self._typed(self._column_value(column, row), column.value_type)
                    for column in report_format.column_ids
                ]
            )
        return {
            "plan": plan,
            "format": report_format,
            "title": report_format.title,
            "headers": headers,
            "columns": columns,
            "rows": rows,
        }

    @api.model
    def _rows(self, plan, report_format):
        """One dict per row: its activity, action and finding (empty
        records where there is none or the user may not read it)."""
        actions = self.env["mipg.action"].search([("plan_id", "=", plan.id)])
        actions = actions.sorted(
            lambda a: (
                a.opportunity_id.finding_code or "",
                a.opportunity_id.id or 0,
                a.date_deadline or date.max,
                a.id,
            )
        )
        readable = set(actions.opportunity_id._filtered_access("read").ids)
        no_finding = self.env["mipg.opportunity"]
        no_activity = self.env["mipg.action.activity"]
        rows = []
        for action in actions:
            finding = action.opportunity_id
            if finding.id not in readable:
                finding = no_finding
            activities = (
                action.activity_line_ids._filtered_access("read")
                if report_format.level == "activity"
                else no_activity
            )
            for activity in activities or [no_activity]:
                rows.append(
                    {"activity": activity, "action": action, "finding": finding}
                )
        return rows

    @api.model
    def _header_value(self, cell, context):
        if cell.source == "constant":
            return cell.constant or ""
        if cell.source == "field":
            return self._path_value(cell.field_path, context)
        plan, body = context["plan"], context["body"]
        findings = plan.opportunity_ids._filtered_access("read")
        values = {
            "entity": plan.company_id.name,
            "legal_representative": plan.approved_by_id.sudo().name,
            "plan": f"{plan.name} - {plan.title}",
            "control_body": body.name or plan.control_body,
            "entity_code": body.entity_code,
            "report_number": plan.report_reference
            or ", ".join(sorted(set(findings.mapped("report_number")))),
            "audited_period": plan.audited_period,
            "subscription_date": plan.date_approved or plan.date_start,
            "execution_period": self._schedule(plan.date_start, plan.date_end),
            "cut_date": context["cut_date"],
            "modality": context["modality"],
            "plan_progress": round(plan.progress, 2),
        }
        return values.get(cell.computation)

    @api.model
    def _column_value(self, column, row):
        if column.source == "constant":
            return column.constant or ""
        if column.source == "field":
            return self._path_value(column.field_path, row)
        method = getattr(self, f"_row_{column.computation}", None)
        return method(row) if method else None

    @api.model
    def _path_value(self, path, roots):
        """The value at ``root.field.field`` for the user of the environment:
        empty when a record on the way is empty or not readable."""
        parts = (path or "").split(".")
        record = roots.get(parts[0])
        if record is None or not isinstance(record, models.BaseModel):
            return None
        for name in parts[1:]:
            if not record or name not in record._fields:
                return None
            record = record[:1]
            try:
                value = record[name]
            except AccessError:
                return None
            field = record._fields[name]
            if field.type == "selection":
                labels = dict(field._description_selection(self.env))
                return labels.get(value, "")
            if field.type == "boolean":
                return "Sí" if value else "No"
            record = value
        if isinstance(record, models.BaseModel):
            return ", ".join(record._filtered_access("read").mapped("display_name"))
        return record

    @api.model
    def _typed(self, value, value_type):
        if value is None or value is False:
            return None
        if value_type == "number":
            return value if isinstance(value, int | float) else None
        if value_type == "date":
            return value if isinstance(value, date) else None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value) if not isinstance(value, str) else value

    @api.model
    def _schedule(self, start, end):
        if not (start and end):
            return ""
        return f"{start.strftime('%d-%m-%Y')} a {end.strftime('%d-%m-%Y')}"

    # ------------------------------------------------------------------
    # Named computations of a row (mipg.report.format.column.computation)
    # ------------------------------------------------------------------
    def _row_sequence(self, row):
        return row["number"]

    def _row_row_label(self, row):
        return f"FILA_{row['number']}"

    def _row_modality(self, row):
        return row["modality"]

    def _row_finding_code(self, row):
        finding = row["finding"]
        return finding.finding_code or finding.source_reference or finding.name

    def _row_finding_code_description(self, row):
        code = self._row_finding_code(row)
        text = self._row_finding_description(row)
        return " - ".join(part for part in (code, text) if part)

    def _row_finding_description(self, row):
        return row["finding"].description or row["finding"].title

    def _row_criterion(self, row):
        return row["finding"].criterion

    def _row_cause(self, row):
        return row["finding"].root_cause

    def _row_effect(self, row):
        return row["finding"].effect

    def _row_consequences(self, row):
        finding = row["finding"]
        return ", ".join(label for name, label in CONSEQUENCES if finding[name])

    def _row_action_name(self, row):
        return row["action"].name

    def _row_action_purpose(self, row):
        return row["action"].objective

    def _row_activity_description(self, row):
        return row["activity"].name or row["action"].description

    def _row_unit(self, row):
        return row["activity"].unit or row["action"].unit

    def _row_quantity(self, row):
        if row["activity"]:
            return row["activity"].quantity
        return row["action"].target_quantity

    def _row_date_start(self, row):
        return row["activity"].date_start or row["action"].date_start

    def _row_date_end(self, row):
        return row["activity"].date_end or row["action"].date_deadline

    def _row_schedule(self, row):
        return self._schedule(self._row_date_start(row), self._row_date_end(row))

    def _row_weeks(self, row):
        if row["activity"]:
            return row["activity"].weeks
        return weeks_between(row["action"].date_start, row["action"].date_deadline)

    def _row_progress_units(self, row):
        if row["activity"]:
            return row["activity"].progress_quantity
        action = row["action"]
        return round(action.target_quantity * action.progress / 100, 2)

    def _row_progress_percent(self, row):
        target = row["activity"] or row["action"]
        return round(target.progress, 2)

    def _row_responsible_area(self, row):
        return row["activity"].responsible_area or row["action"].process_id.name

    def _row_responsible(self, row):
        return row["action"].responsible_id.name

    def _row_indicator(self, row):
        return row["action"].indicator

    def _row_goal(self, row):
        return row["action"].goal

    def _row_stage(self, row):
        return row["action"].stage_id.name

    def _row_effective(self, row):
        return "Sí" if row["action"].effective else "No"

    def _row_observations(self, row):
        """The description of the last validated report of the row's
        activity (or action), with the names of its evidence."""
        followups = (row["activity"] or row["action"]).followup_ids.filtered(
            lambda f: f.state == "validated" and f.line != "third"
        )
        last = followups.sorted(lambda f: (f.date, f.id))[-1:]
        if not last:
            return None
        evidence = ", ".join(last.evidence_ids.sudo().mapped("name"))
        text = last.description or ""
        if evidence:
            text = f"{text} ({evidence})" if text else evidence
        return text

    # ------------------------------------------------------------------
    # Rows of a cut (mipg.report.cut)
    # ------------------------------------------------------------------
    # What the next cut compares with the previous one.
    CUT_COMPARED = [
        "activity_name",
        "unit",
        "quantity",
        "date_start",
        "date_end",
        "progress_quantity",
        "progress",
        "observations",
    ]

    @api.model
    def _cut_lines(self, plan, report_format, previous=None):
        """The values of the rows of a cut of ``plan`` as they are today,
        with the change against the rows of the ``previous`` cut."""
        before = {
            (line.activity_id.id, line.action_id.id): line
            for line in (previous.line_ids if previous else [])
        }
        lines = []
        for number, row in enumerate(self._rows(plan, report_format), start=1):
            activity, action = row["activity"], row["action"]
            target = activity or action
            last = target.followup_ids.filtered(
                lambda f: f.state == "validated" and f.line != "third"
            ).sorted(lambda f: (f.date, f.id))[-1:]
            vals = {
                "sequence": number,
                "activity_id": activity.id,
                "action_id": action.id,
                "finding_code": self._row_finding_code(row) or "",
                "finding": self._row_finding_description(row) or "",
                "action_name": action.name,
                "activity_name": self._row_activity_description(row) or "",
                "unit": self._row_unit(row) or "",
                "quantity": self._row_quantity(row) or 0.0,
                "date_start": self._row_date_start(row),
                "date_end": self._row_date_end(row),
                "weeks": self._row_weeks(row),
                "progress_quantity": self._row_progress_units(row) or 0.0,
                "progress": self._row_progress_percent(row) or 0.0,
                "observations": last.description or "",
                "evidence": "\n".join(last.evidence_ids.sudo().mapped("name")),
            }
            vals.update(self._cut_reformulation(action, activity))
            old = before.get((activity.id, action.id))
            vals["previous_progress"] = old.progress if old else 0.0
            vals["progress_change"] = vals["progress"] - vals["previous_progress"]
            vals["changes"] = self._cut_changes(old, vals) if previous else ""
            lines.append(vals)
        return lines

    @api.model
    def _cut_changes(self, old, vals):
        if not old:
            return self.env._("New")
        changes = []
        for name in self.CUT_COMPARED:
            was, now = old[name], vals[name]
            if (was or False) != (now or False):
                label = old._fields[name]._description_string(self.env)
                changes.append(f"{label}: {was or '-'} → {now or '-'}")
        return "\n".join(changes)

    @api.model
    def _cut_reformulation(self, action, activity):
        """The original commitment and the approved reformulations of the
        row (mipg.action.change)."""
        changes = (
            self.env["mipg.action.change"]
            .sudo()
            .search(
                [
                    ("action_id", "=", action.id),
                    ("activity_id", "=", activity.id or False),
                    ("state", "=", "approved"),
                ],
                order="date_decided, id",
            )
        )
        if not changes:
            return {"original_commitment": "", "reformulation": ""}
        return {
            "original_commitment": changes[0].previous_values or "",
            "reformulation": "\n".join(
                f"{change.name} ({change.date_decided}): {change.reason}"
                for change in changes
            ),
        }

    # ------------------------------------------------------------------
    # Workbook
    # ------------------------------------------------------------------
    @api.model
    def _render_xlsx(self, plan, report_format=None, **kwargs):
        """The workbook of ``plan`` in ``report_format``, as bytes."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.generate_xlsx_report(
            workbook, self._get_report_values(plan, report_format, **kwargs)
        )
        workbook.close()
        return output.getvalue()

    @api.model
    def _file_name(self, plan, report_format):
        return f"{plan.name} - {report_format.name}.xlsx".replace("/", "-")

    @api.model
    def generate_xlsx_report(self, workbook, data):
        """Lay out ``data``: the title (if any), the header block (label,
        value), an empty row, the row of column numbers (if the format
        numbers its columns), the headings, then one row per data row."""
        report_format = data["format"]
        sheet = workbook.add_worksheet((report_format.sheet_name or "Plan")[:31])
        date_format = report_format.date_format or "dd/mm/yyyy"
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "label": workbook.add_format({"bold": True}),
            "value": workbook.add_format({}),
            "value_date": workbook.add_format({"num_format": date_format}),
            "number": workbook.add_format(
                {"bold": True, "align": "center", "border": 1}
            ),
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
                {"num_format": date_format, "valign": "top", "border": 1}
            ),
        }
        write = self.env["report.mipg.plan_formulario14"]._write_cell
        row = 0
        if data["title"]:
            sheet.write_string(row, 0, data["title"], formats["title"])
            row += 1
        for label, value, _value_type in data["headers"]:
            write(sheet, row, 0, label, formats["label"])
            write(sheet, row, 1, value, formats["value"], formats["value_date"])
            row += 1
        row += 1
        if any(number for number, _h, _t, _w in data["columns"]):
            for col, (number, _heading, _type, _width) in enumerate(data["columns"]):
                if number:
                    sheet.write_number(row, col, number, formats["number"])
            row += 1
        for col, (_number, heading, _type, width) in enumerate(data["columns"]):
            write(sheet, row, col, heading, formats["head"])
            sheet.set_column(col, col, width)
        sheet.set_row(row, 45)
        sheet.freeze_panes(row + 1, 0)
        for values in data["rows"]:
            row += 1
            for col, value in enumerate(values):
                write(sheet, row, col, value, formats["cell"], formats["cell_date"])
