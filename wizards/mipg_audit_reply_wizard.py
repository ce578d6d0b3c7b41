# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgAuditReplyWizard(models.TransientModel):
    """The reply of the audited unit to a preliminary audit report."""

    _name = "mipg.audit.reply.wizard"
    _description = "MIPG reply to a preliminary audit report"

    audit_id = fields.Many2one("mipg.audit", required=True, ondelete="cascade")
    reply = fields.Text(
        required=True,
        help="What the audited unit accepts or disputes of the preliminary "
        "report, and on which evidence.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.audit_id._mipg_submit_reply(self.reply)
        return {"type": "ir.actions.act_window_close"}
