# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .mipg_tools import mipg_bypasses_freeze


class IrAttachment(models.Model):
    """The files of a frozen MIPG record (a validated follow-up, a published
    bulletin...) are frozen with it, and those of a record whose evidence is
    locked in its state (a submitted follow-up, a closed action) are locked
    with it: nobody adds, replaces or deletes them, whatever the screen, the
    API or the context keys. Only the superuser and MIPG's own code pass
    (:func:`mipg_bypasses_freeze`)."""

    _inherit = "ir.attachment"

    @api.model
    def _mipg_check_frozen_records(self, pairs):
        """``pairs``: (res_model, res_id) of attachments being changed."""
        by_model = {}
        for res_model, res_id in pairs:
            if res_model and res_id:
                by_model.setdefault(res_model, set()).add(res_id)
        for res_model, ids in by_model.items():
            Model = self.env.get(res_model)
            if Model is None or not hasattr(Model, "_mipg_is_frozen"):
                continue
            Model.browse(ids).sudo().exists().with_env(
                self.env
            )._mipg_check_files_unlocked()

    def _mipg_pairs(self):
        self.env.cr.execute(
            "SELECT res_model, res_id FROM ir_attachment WHERE id IN %s",
            [tuple(self.ids) or (0,)],
        )
        return self.env.cr.fetchall()

    @api.model_create_multi
    def create(self, vals_list):
        # The record of a file may come from the context (default_res_model,
        # default_res_id), which Odoo applies after its access check on the
        # values: into the values, so that every check sees it.
        context = self.env.context
        for vals in vals_list:
            for key in ("res_model", "res_id"):
                if key not in vals and context.get("default_" + key):
                    vals[key] = context["default_" + key]
        if not mipg_bypasses_freeze(self.env):
            self._mipg_check_frozen_records(
                (vals.get("res_model"), vals.get("res_id")) for vals in vals_list
            )
        return super().create(vals_list)

    def write(self, vals):
        if not mipg_bypasses_freeze(self.env):
            pairs = self._mipg_pairs()
            if "res_model" in vals or "res_id" in vals:
                pairs += [
                    (vals.get("res_model", model), vals.get("res_id", res_id))
                    for model, res_id in pairs
                ]
            self._mipg_check_frozen_records(pairs)
        return super().write(vals)

    def unlink(self):
        if not mipg_bypasses_freeze(self.env):
            self._mipg_check_frozen_records(self._mipg_pairs())
        return super().unlink()
