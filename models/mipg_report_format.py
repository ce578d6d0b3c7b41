# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The registration modality of a report, as SIRECI writes it.
MODALITY_SUBSCRIPTION = "1 SUSCRIPCIÓN DEL PLAN DE MEJORAMIENTO"
MODALITY_PROGRESS = "2 AVANCE ó SEGUIMIENTO DEL PLAN DE MEJORAMIENTO"
MODALITIES = [
    ("subscription", MODALITY_SUBSCRIPTION),
    ("progress", MODALITY_PROGRESS),
]


class MipgReportFormat(models.Model):
    """Formato de plan de mejoramiento: the layout a control body asks for
    (header cells and ordered columns), as data. A municipality adds its own
    contraloría's format by copying one and editing it, without code; the
    .xlsx is produced by one report class for any format
    (report/mipg_report_format_xlsx.py)."""

    _name = "mipg.report.format"
    _description = "MIPG improvement plan format"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(copy=False)
    sequence = fields.Integer(default=10)
    title = fields.Char(help="Title written on the first row of the sheet.")
    sheet_name = fields.Char(default="Plan de mejoramiento", required=True)
    level = fields.Selection(
        [
            ("activity", "One row per activity"),
            ("action", "One row per action"),
        ],
        string="Rows",
        required=True,
        default="activity",
        help="One row per activity (an action without activities gives one "
        "row), or one row per action.",
    )
    date_format = fields.Char(
        default="dd/mm/yyyy",
        required=True,
        help="Spreadsheet format of the dates (yyyy/mm/dd for SIRECI).",
    )
    confirmed = fields.Boolean(
        help="The layout was checked against a file delivered to the control "
        "body. Formats not confirmed must be checked before reporting."
    )
    note = fields.Text(help="Source of the layout and what is not confirmed.")
    header_ids = fields.One2many(
        "mipg.report.format.header", "format_id", string="Header cells", copy=True
    )
    column_ids = fields.One2many(
        "mipg.report.format.column", "format_id", string="Columns", copy=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "Another format has this code."),
    ]

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for format_, vals in zip(self, vals_list, strict=False):
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(name)s (copy)", name=format_.name)
        return vals_list
