# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model_create_multi
    def create(self, vals_list):
        if not any("users" in vals or "implied_ids" in vals for vals in vals_list):
            return super().create(vals_list)
        Users = self.env["res.users"]
        before = Users._mipg_third_line_users()
        groups = super().create(vals_list)
        joined = Users._mipg_third_line_users() - before
        joined._mipg_check_third_line_not_responsible()
        return groups

    def write(self, vals):
        # users of a group, or of a group that implies it, get its implied
        # groups: both can make someone a member of the Internal Control Office
        if "users" not in vals and "implied_ids" not in vals:
            return super().write(vals)
        Users = self.env["res.users"]
        before = Users._mipg_third_line_users()
        res = super().write(vals)
        joined = Users._mipg_third_line_users() - before
        joined._mipg_check_third_line_not_responsible()
        return res
