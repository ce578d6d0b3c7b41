# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    """MIPG's own to-dos (validate a report, monitor a risk, deliver a legal
    report, reply to an audit…) are the work of the person they are
    assigned to: only that person, a MIPG administrator, or MIPG itself when
    the work is recorded (as superuser) marks one done, deletes it or
    changes it. Odoo lets anyone who may edit the record close any of its
    activities; a process leader would otherwise close the second line's
    reminder to monitor their own risk."""

    _inherit = "mail.activity"

    def write(self, vals):
        self._mipg_check_own_todo()
        return super().write(vals)

    def unlink(self):
        # marking an activity done unlinks (or archives) it as the user
        self._mipg_check_own_todo()
        return super().unlink()

    def _mipg_check_own_todo(self):
        if self.env.su or self.env.user.has_group("mipg.group_mipg_manager"):
            return
        mipg_types = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "mipg"), ("model", "=", "mail.activity.type")])
            .mapped("res_id")
        )
        others = self.sudo().filtered(
            lambda activity: (
                activity.activity_type_id.id in mipg_types
                and activity.user_id != self.env.user
            )
        )
        if others:
            raise UserError(
                self.env._(
                    "This MIPG to-do is assigned to %(user)s: only that person, "
                    "or MIPG itself once the work is recorded, marks it done or "
                    "changes it.",
                    user=others[0].user_id.name,
                )
            )
