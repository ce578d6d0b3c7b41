# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mipg_report_format_column import SOURCES, VALUE_TYPES, check_field_path

# Named computations of the header block of a plan format.
HEADER_COMPUTATIONS = [
    ("entity", "Entity"),
    ("legal_representative", "Legal representative"),
    ("plan", "Improvement plan"),
    ("control_body", "Control body"),
    ("entity_code", "Entity code on the platform"),
    ("report_number", "Audit report"),
    ("audited_period", "Audited period"),
    ("subscription_date", "Subscription date"),
    ("execution_period", "Execution period"),
    ("cut_date", "Cut-off date"),
    ("modality", "Registration modality"),
    ("plan_progress", "Progress of the plan (%)"),
]
HEADER_ROOTS = {
    "plan": "mipg.plan",
    "body": "mipg.control.body",
    "company": "res.company",
}


class MipgReportFormatHeader(models.Model):
    """A cell of the header block of a plan format: a label and its value
    (a named computation of the plan, a field path or a fixed text)."""

    _name = "mipg.report.format.header"
    _description = "MIPG header cell of an improvement plan format"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "format_id, sequence, id"
    _rec_name = "label"

    format_id = fields.Many2one(
        "mipg.report.format", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    label = fields.Char(required=True)
    source = fields.Selection(SOURCES, required=True, default="constant")
    computation = fields.Selection(HEADER_COMPUTATIONS)
    field_path = fields.Char(
        help="plan., body. or company. followed by field names, e.g. body.entity_code."
    )
    constant = fields.Char(string="Fixed text")
    value_type = fields.Selection(
        VALUE_TYPES, string="Type", required=True, default="text"
    )

    @api.constrains("source", "computation", "field_path")
    def _check_source(self):
        for header in self:
            if header.source == "computation" and not header.computation:
                raise ValidationError(
                    self.env._(
                        "Choose the computation the header cell '%(label)s' shows.",
                        label=header.label,
                    )
                )
            if header.source == "field":
                check_field_path(self.env, header.field_path, HEADER_ROOTS)
