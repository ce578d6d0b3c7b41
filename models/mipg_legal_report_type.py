# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PERIODICITIES = [
    ("quarterly", "Quarterly"),
    ("four_monthly", "Every four months"),
    ("half_yearly", "Half-yearly"),
    ("yearly", "Yearly"),
    ("eventual", "When it happens"),
]


class MipgLegalReportType(models.Model):
    """A report the law requires of the Internal Control Office, with its
    legal basis and its due dates in the year, as editable data."""

    _name = "mipg.legal.report.type"
    _description = "MIPG legal report type"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Text()
    periodicity = fields.Selection(PERIODICITIES, required=True, default="yearly")
    recipient = fields.Char(help="Who receives it, or where it is published.")
    to_verify = fields.Boolean(
        string="Verify",
        help="The legal basis or the due dates were not confirmed in the "
        "official source: check them before relying on them.",
    )
    deadline_ids = fields.One2many(
        "mipg.legal.report.deadline", "type_id", string="Due dates", copy=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "There is already a legal report with this code.",
        )
    ]
