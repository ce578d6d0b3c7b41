# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        res = super().write(vals)
        # the user form writes the groups through reified fields
        if "groups_id" in vals or any(
            key.startswith(("in_group_", "sel_groups_")) for key in vals
        ):
            self._mipg_check_third_line_not_responsible()
        return res

    def _mipg_check_third_line_not_responsible(self):
        """A member of the Internal Control Office cannot be responsible of an
        open improvement action (independence of the third line)."""
        group = self.env.ref("mipg.group_mipg_third_line", raise_if_not_found=False)
        if not group:
            return
        users = self.filtered(lambda u: group in u.groups_id)
        if not users:
            return
        actions = (
            self.env["mipg.action"]
            .sudo()
            .search(
                [
                    ("responsible_id", "in", users.ids),
                    ("stage_id.is_closed", "=", False),
                    ("stage_id.is_cancelled", "=", False),
                ],
                limit=5,
            )
        )
        if actions:
            raise ValidationError(
                self.env._(
                    "%(users)s cannot join the Internal Control Office (third "
                    "line of defense) while responsible of open improvement "
                    "actions (%(actions)s). Reassign those actions first.",
                    users=", ".join(actions.responsible_id.mapped("name")),
                    actions=", ".join(actions.mapped("display_name")),
                )
            )
