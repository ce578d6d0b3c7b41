# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgLegalReportDeadline(models.Model):
    """A due date of a legal report in each year (day and month)."""

    _name = "mipg.legal.report.deadline"
    _description = "MIPG legal report due date"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "type_id, month, day, id"

    type_id = fields.Many2one(
        "mipg.legal.report.type", required=True, index=True, ondelete="cascade"
    )
    period = fields.Char(
        string="Period reported", required=True, help="e.g. First half of the year."
    )
    month = fields.Integer(required=True)
    day = fields.Integer(required=True)

    _sql_constraints = [
        (
            "month_day_range",
            "CHECK(month BETWEEN 1 AND 12 AND day BETWEEN 1 AND 31)",
            "A due date has a month from 1 to 12 and a day from 1 to 31.",
        ),
    ]
