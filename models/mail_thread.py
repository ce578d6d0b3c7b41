# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .mipg_tools import mipg_bypasses_freeze, mipg_trusted


class MailThread(models.AbstractModel):
    """The chatter of a frozen MIPG record keeps what it said: no new files
    posted on it, no message of it edited. Nor are files posted on a record
    whose files are locked in its state (a submitted follow-up)."""

    _inherit = "mail.thread"

    def _mipg_check_thread_not_frozen(self):
        if not mipg_bypasses_freeze(self.env) and hasattr(self, "_mipg_is_frozen"):
            self._mipg_check_not_frozen()

    def message_post(self, **kwargs):
        files = kwargs.get("attachment_ids") or kwargs.get("attachments")
        if (
            files
            and hasattr(self, "_mipg_check_files_unlocked")
            and not mipg_bypasses_freeze(self.env)
        ):
            # no file posted on a record whose files are locked or frozen
            self._mipg_check_files_unlocked()
        return super().message_post(**kwargs)

    def _check_can_update_message_content(self, messages):
        self._mipg_check_thread_not_frozen()
        return super()._check_can_update_message_content(messages)

    def unlink(self):
        """The chatter deletes the messages and files of the records it
        deletes, as superuser and before the records themselves: on a MIPG
        record, it does so once the user is known to be allowed to delete
        the record (its rights and rules; whether a record in its state may
        be deleted is the model's own rule, checked by its ``unlink``)."""
        if not hasattr(self, "_mipg_is_frozen") or mipg_bypasses_freeze(self.env):
            return super().unlink()
        self.check_access("unlink")
        with mipg_trusted():
            return super().unlink()
