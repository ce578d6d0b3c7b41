# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# The records that are cancelled with a reason.
CANCELLABLE = ("mipg.action", "mipg.opportunity", "mipg.plan")


class MipgCancelWizard(models.TransientModel):
    """Asks why before cancelling an improvement plan or action."""

    _name = "mipg.cancel.wizard"
    _description = "MIPG cancellation"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(required=True, readonly=True)
    reason = fields.Text(required=True, help="Why it is cancelled: kept on the record.")

    @api.model
    def _mipg_open(self, records):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": records._name,
                "default_res_ids": records.ids,
            },
        }

    def action_confirm(self):
        self.ensure_one()
        if self.res_model not in CANCELLABLE:
            raise UserError(self.env._("This document cannot be cancelled here."))
        records = self.env[self.res_model].browse(self.res_ids)
        records._mipg_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
