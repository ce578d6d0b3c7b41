# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Fields of a res.users write that can change who is in a group (or make an
# archived member of a group count again).
GROUP_FIELDS = ("groups_id", "active")
REIFIED_GROUP_PREFIXES = ("in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    # Used by the record rules: ``('process_id', 'in',
    # user.mipg_process_ids.ids)`` is evaluated once when ir.rule computes
    # (and caches) its domain, and becomes a plain IN list instead of a
    # subquery on the processes. mipg.process clears the rule cache when a
    # leader or a member changes. Archived processes count, as they did for
    # ``process_id.leader_id`` (a many2one path ignores ``active``).
    mipg_process_ids = fields.Many2many(
        "mipg.process",
        string="MIPG processes",
        compute="_compute_mipg_process_ids",
        compute_sudo=True,
        help="Processes this user leads or belongs to.",
    )
    mipg_led_process_ids = fields.Many2many(
        "mipg.process",
        string="MIPG processes led",
        compute="_compute_mipg_process_ids",
        compute_sudo=True,
        help="Processes this user leads.",
    )

    def _compute_mipg_process_ids(self):
        # one query for any number of users, none for the processes' fields
        Process = self.env["mipg.process"]
        led, belongs = defaultdict(set), defaultdict(set)
        if user_ids := self._origin.ids:
            Process.flush_model(["leader_id", "member_ids"])
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT leader_id, id, TRUE FROM mipg_process
                     WHERE leader_id = ANY(%(ids)s)
                     UNION ALL
                    SELECT user_id, process_id, FALSE FROM mipg_process_member_rel
                     WHERE user_id = ANY(%(ids)s)
                    """,
                    ids=user_ids,
                )
            )
            for user_id, process_id, is_leader in rows:
                belongs[user_id].add(process_id)
                if is_leader:
                    led[user_id].add(process_id)
        for user in self:
            user.mipg_led_process_ids = Process.browse(sorted(led[user._origin.id]))
            user.mipg_process_ids = Process.browse(sorted(belongs[user._origin.id]))

    @api.model_create_multi
    def create(self, vals_list):
        before = self._mipg_third_line_users()
        users = super().create(vals_list)
        joined = self._mipg_third_line_users() - before
        joined._mipg_check_third_line_not_responsible()
        return users

    def write(self, vals):
        # the user form writes the groups through reified fields
        if not any(
            key in GROUP_FIELDS or key.startswith(REIFIED_GROUP_PREFIXES)
            for key in vals
        ):
            return super().write(vals)
        before = self._mipg_third_line_users()
        res = super().write(vals)
        joined = self._mipg_third_line_users() - before
        joined._mipg_check_third_line_not_responsible()
        return res

    @api.model
    def _mipg_third_line_users(self):
        """The active members of the Internal Control Office, implied groups
        included (in Odoo 18 ``groups_id`` holds the implied groups too)."""
        group = self.env.ref("mipg.group_mipg_third_line", raise_if_not_found=False)
        if not group:
            return self.browse()
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=True)
            .search([("groups_id", "in", group.ids)])
        )

    def _mipg_check_third_line_not_responsible(self):
        """A member of the Internal Control Office cannot be responsible of an
        open improvement action (independence of the third line). Called on
        the users who just became active members of the office, whatever the
        path: their groups, a group implying the office's, unarchiving."""
        if not self:
            return
        actions = (
            self.env["mipg.action"]
            .sudo()
            .search(
                [
                    ("responsible_id", "in", self.ids),
                    ("stage_id.is_closed", "=", False),
                    ("stage_id.is_cancelled", "=", False),
                ]
            )
        )
        if not actions:
            return
        users = ", ".join(actions.responsible_id.mapped("name"))
        # name only the actions the current user may read
        readable = actions.with_user(self.env.user)._filtered_access("read")
        if not readable:
            raise ValidationError(
                self.env._(
                    "%(users)s cannot join the Internal Control Office (third "
                    "line of defense) while responsible of open improvement "
                    "actions (%(count)s). Ask the Planning office (second line "
                    "of defense) to reassign them first.",
                    users=users,
                    count=len(actions),
                )
            )
        names = readable[:5].sudo().mapped("display_name")
        if len(readable) > 5:
            names.append("…")
        raise ValidationError(
            self.env._(
                "%(users)s cannot join the Internal Control Office (third line "
                "of defense) while responsible of open improvement actions "
                "(%(count)s: %(actions)s). Reassign those actions first.",
                users=users,
                count=len(actions),
                actions=", ".join(names),
            )
        )
