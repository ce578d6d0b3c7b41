# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgAuditChecklist(models.Model):
    """What the auditors verify, with the result and its evidence."""

    _name = "mipg.audit.checklist"
    _description = "MIPG audit checklist line"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "audit_id, sequence, id"
    _check_company_auto = True
    _mipg_frozen_parent = "audit_id"

    audit_id = fields.Many2one(
        "mipg.audit", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="What is verified", required=True)
    criterion = fields.Char()
    result = fields.Selection(
        [
            ("compliant", "Compliant"),
            ("non_compliant", "Not compliant"),
            ("not_applicable", "Not applicable"),
        ]
    )
    evidence = fields.Text(help="Working papers and evidence that support the result.")
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_audit_checklist_attachment_rel",
        "checklist_id",
        "attachment_id",
        string="Evidence files",
    )
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)
