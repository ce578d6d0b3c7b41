# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Named computations of a row (an activity, or an action without
# activities, with its finding): report/mipg_report_format_xlsx.py computes
# them.
ROW_COMPUTATIONS = [
    ("sequence", "Consecutive number"),
    ("row_label", "Row label (FILA_n)"),
    ("modality", "Registration modality"),
    ("finding_code", "Finding code"),
    ("finding_code_description", "Finding code and description"),
    ("finding_description", "Finding description (condition)"),
    ("criterion", "Criterion"),
    ("cause", "Cause"),
    ("effect", "Effect"),
    ("consequences", "Legal consequences"),
    ("action_name", "Improvement action"),
    ("action_purpose", "Purpose of the action"),
    ("activity_description", "Activity description"),
    ("unit", "Unit of measure"),
    ("quantity", "Quantity"),
    ("date_start", "Start date"),
    ("date_end", "End date"),
    ("schedule", "Schedule (start to end)"),
    ("weeks", "Weeks"),
    ("progress_units", "Physical progress (units)"),
    ("progress_percent", "Physical progress (%)"),
    ("responsible_area", "Responsible area"),
    ("responsible", "Responsible person"),
    ("indicator", "Indicator"),
    ("goal", "Goal"),
    ("stage", "Stage"),
    ("effective", "Effective (Sí/No)"),
    ("observations", "Observations"),
]
# Roots of a field path of a column, and the model each names.
ROW_ROOTS = {
    "activity": "mipg.action.activity",
    "action": "mipg.action",
    "finding": "mipg.opportunity",
    "plan": "mipg.plan",
    "body": "mipg.control.body",
}
SOURCES = [
    ("computation", "Computation"),
    ("field", "Field path"),
    ("constant", "Fixed text"),
]
VALUE_TYPES = [("text", "Text"), ("number", "Number"), ("date", "Date")]


def check_field_path(env, path, roots):
    """Raise unless ``path`` is ``root.field[.field...]`` with a root of
    ``roots`` and each name a field of the model before it."""
    parts = (path or "").strip().split(".")
    model = roots.get(parts[0]) if len(parts) > 1 else None
    for name in parts[1:] if model else ():
        field = env[model]._fields.get(name)
        if not field:
            model = None
            break
        model = field.comodel_name or "__value__"
        if model == "__value__" and name != parts[-1]:
            model = None
            break
    if not model:
        raise ValidationError(
            env._(
                "'%(path)s' is not a field path. Start with one of %(roots)s, "
                "then the technical names of the fields separated by dots "
                "(e.g. finding.finding_code).",
                path=path or "",
                roots=", ".join(sorted(roots)),
            )
        )


class MipgReportFormatColumn(models.Model):
    """A column of a plan format: its number, heading, type and width, and
    what it shows (a named computation of the row, a field path or a fixed
    text)."""

    _name = "mipg.report.format.column"
    _description = "MIPG column of an improvement plan format"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "format_id, sequence, id"
    _rec_name = "heading"

    format_id = fields.Many2one(
        "mipg.report.format", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    number = fields.Integer(
        help="Column number the control body prints above the heading (0: none)."
    )
    heading = fields.Char()
    source = fields.Selection(SOURCES, required=True, default="computation")
    computation = fields.Selection(ROW_COMPUTATIONS)
    field_path = fields.Char(
        help="activity., action., finding., plan. or body. followed by field "
        "names, e.g. finding.finding_code."
    )
    constant = fields.Char(string="Fixed text")
    value_type = fields.Selection(
        VALUE_TYPES, string="Type", required=True, default="text"
    )
    width = fields.Integer(default=20)

    _sql_constraints = [
        (
            "width_range",
            "CHECK (width >= 0 AND width <= 255)",
            "The width of a column goes from 0 to 255 characters.",
        ),
        ("number_positive", "CHECK (number >= 0)", "A column number is positive."),
    ]

    @api.depends("heading", "number", "sequence")
    def _compute_display_name(self):
        """The heading, or the column number when the heading is empty (the
        consecutive and FILA_n columns of SIRECI)."""
        for column in self:
            column.display_name = column.heading or (
                f"[{column.number}]" if column.number else f"#{column.sequence}"
            )

    @api.constrains("source", "computation", "field_path")
    def _check_source(self):
        for column in self:
            if column.source == "computation" and not column.computation:
                raise ValidationError(
                    self.env._(
                        "Choose the computation the column '%(heading)s' shows.",
                        heading=column.heading or "",
                    )
                )
            if column.source == "field":
                check_field_path(self.env, column.field_path, ROW_ROOTS)
