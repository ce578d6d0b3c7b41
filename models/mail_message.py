# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .mipg_tools import mipg_bypasses_freeze

# What a message says happened, and who said it when: never rewritten on a
# MIPG record.
HISTORY_FIELDS = {
    "author_id",
    "author_guest_id",
    "email_from",
    "date",
    "model",
    "res_id",
    "record_name",
    "message_type",
    "subtype_id",
    "tracking_value_ids",
}
CONTENT_FIELDS = {"body", "subject", "attachment_ids"}


class MailMessage(models.Model):
    """Messages of MIPG records keep their author, date and record; those of
    frozen records keep their content too and are never deleted. Only the
    superuser and MIPG's own code pass (:func:`mipg_bypasses_freeze`)."""

    _inherit = "mail.message"

    def _mipg_records(self, pairs):
        """MIPG records (guarded by the rules of change) of the messages."""
        by_model = {}
        for res_model, res_id in pairs:
            if res_model and res_id:
                by_model.setdefault(res_model, set()).add(res_id)
        records = []
        for res_model, ids in by_model.items():
            Model = self.env.get(res_model)
            if Model is not None and hasattr(Model, "_mipg_is_frozen"):
                records.append(Model.browse(ids).sudo().exists().with_env(self.env))
        return records

    def _mipg_pairs(self):
        return [(message.model, message.res_id) for message in self.sudo()]

    @api.model_create_multi
    def create(self, vals_list):
        if not mipg_bypasses_freeze(self.env):
            for vals in vals_list:
                if vals.get("attachment_ids"):
                    for records in self._mipg_records(
                        [(vals.get("model"), vals.get("res_id"))]
                    ):
                        records._mipg_check_files_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        if not mipg_bypasses_freeze(self.env):
            records = self._mipg_records(self._mipg_pairs())
            if records and HISTORY_FIELDS & set(vals):
                raise UserError(
                    self.env._(
                        "The author, date and document of a message of the MIPG "
                        "record cannot be changed."
                    )
                )
            if CONTENT_FIELDS & set(vals):
                for record in records:
                    if "attachment_ids" in vals:
                        # the files of a message are files of its record
                        record._mipg_check_files_unlocked()
                    else:
                        record._mipg_check_not_frozen()
        return super().write(vals)

    def unlink(self):
        if not mipg_bypasses_freeze(self.env):
            for records in self._mipg_records(self._mipg_pairs()):
                records._mipg_check_not_frozen()
            if self.sudo().filtered(
                lambda m: (
                    m.tracking_value_ids
                    and hasattr(self.env.get(m.model), "_mipg_is_frozen")
                )
            ):
                raise UserError(
                    self.env._(
                        "Messages that record changes of a MIPG document are part "
                        "of its history and cannot be deleted."
                    )
                )
        return super().unlink()
