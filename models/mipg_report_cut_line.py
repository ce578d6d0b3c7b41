# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgReportCutLine(models.Model):
    """A row of a cut as it was reported: a frozen copy of the activity (or
    action) and of its finding at the cut-off date, with the change since
    the previous cut. Written only by the cut when it is issued."""

    _name = "mipg.report.cut.line"
    _description = "MIPG row of a report cut"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "cut_id, sequence, id"
    _mipg_frozen_parent = "cut_id"

    cut_id = fields.Many2one(
        "mipg.report.cut", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(readonly=True)
    activity_id = fields.Many2one(
        "mipg.action.activity",
        string="Activity of the action",
        readonly=True,
        ondelete="set null",
    )
    action_id = fields.Many2one(
        "mipg.action",
        string="Improvement action",
        readonly=True,
        ondelete="set null",
    )
    finding_code = fields.Char(readonly=True)
    finding = fields.Text(readonly=True)
    action_name = fields.Text(string="Action", readonly=True)
    activity_name = fields.Text(string="Activity", readonly=True)
    unit = fields.Char(string="Unit of measure", readonly=True)
    quantity = fields.Float(readonly=True)
    date_start = fields.Date(string="Start date", readonly=True)
    date_end = fields.Date(string="End date", readonly=True)
    weeks = fields.Integer(readonly=True)
    progress_quantity = fields.Float(string="Executed quantity", readonly=True)
    progress = fields.Float(string="Progress (%)", readonly=True)
    observations = fields.Text(readonly=True)
    evidence = fields.Text(readonly=True)
    original_commitment = fields.Text(
        readonly=True,
        help="What was first agreed, when a reformulation changed it.",
    )
    reformulation = fields.Text(
        readonly=True, help="The approved reformulations, with their reasons."
    )
    previous_progress = fields.Float(string="Previous progress (%)", readonly=True)
    progress_change = fields.Float(string="Change (points)", readonly=True)
    changes = fields.Text(
        string="Changes since the previous cut",
        readonly=True,
        help="What differs from the row of the previous cut; 'New' when the "
        "row was not reported then.",
    )
    company_id = fields.Many2one(related="cut_id.company_id", store=True)
