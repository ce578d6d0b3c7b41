# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Independence of the third line: a member of the Internal Control Office is
never responsible of an open improvement action, whatever the way they join
the office. Each path is taken by the lowest user who can take it, not the
superuser: a user administrator (Administration: Access Rights, with contact
creation) for users and group members, a settings administrator for new
groups and implied groups (they rebuild the user form)."""

from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MipgTransactionCase, new_users

JOIN = "cannot join the Internal Control Office"
USER_ADMIN_GROUPS = "base.group_user,base.group_erp_manager,base.group_partner_manager"
SETTINGS_ADMIN_GROUPS = "base.group_user,base.group_system"


@tagged("post_install", "-at_install")
class TestMipgIndependence(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third = cls.env.ref("mipg.group_mipg_third_line")
        first = "mipg.group_mipg_first_line"
        (
            cls.user_admin,
            cls.settings_admin,
            cls.mipg_admin,
            cls.leader,
            cls.free,
        ) = new_users(
            cls.env,
            {
                "ind_user_admin": USER_ADMIN_GROUPS,
                "ind_settings_admin": SETTINGS_ADMIN_GROUPS,
                "ind_mipg_admin": f"{USER_ADMIN_GROUPS},mipg.group_mipg_manager",
                "ind_leader": first,
                "ind_free": first,
            },
        )
        cls.process = cls.env["mipg.process"].create(
            {"code": "IND-1", "name": "Gestión Financiera", "leader_id": cls.leader.id}
        )
        cls.action = cls.env["mipg.action"].create(
            {
                "name": "Conciliar las cuentas bancarias",
                "responsible_id": cls.leader.id,
                "process_id": cls.process.id,
            }
        )

    def _as_user_admin(self, records):
        return records.with_user(self.user_admin)

    def _as_settings_admin(self, records):
        return records.with_user(self.settings_admin)

    @contextmanager
    def _refused(self, reader):
        """Refused and rolled back; the message names the user, and names the
        action only to a user who may read it (it counts it for others)."""
        with self.assertRaises(ValidationError) as cm:
            yield
        message = str(cm.exception)
        self.assertIn(JOIN, message)
        self.assertIn(self.leader.name, message)
        if self.action.with_user(reader).has_access("read"):
            self.assertIn(self.action.display_name, message)
        else:
            self.assertNotIn(self.action.name, message)
            self.assertIn("(1)", message)

    def _third_line_form_field(self):
        """The field of the user form for the third line: in_group_<id> (a
        checkbox) or sel_groups_<ids> (a selection), and the value that puts
        the user in the office."""
        names = [
            name
            for name in self.env["res.users"].fields_get()
            if name.startswith(("in_group_", "sel_groups_"))
            and str(self.third.id) in name.split("_")[2:]
        ]
        self.assertTrue(names, "the third line has a field in the user form")
        name = names[0]
        return name, True if name.startswith("in_group_") else self.third.id

    def _assert_oci(self, user, expected=True):
        self.env.registry.clear_cache()
        user.invalidate_recordset(["groups_id"])
        self.assertEqual(user._has_group("mipg.group_mipg_third_line"), expected)

    # The user's own groups ------------------------------------------------

    def test_groups_of_the_user(self):
        with self._refused(self.user_admin):
            self._as_user_admin(self.leader).write(
                {"groups_id": [Command.link(self.third.id)]}
            )
        self._assert_oci(self.leader, False)
        self._as_user_admin(self.free).write(
            {"groups_id": [Command.link(self.third.id)]}
        )
        self._assert_oci(self.free)

    def test_reified_group_fields_of_the_user_form(self):
        """The user form writes in_group_<id> or sel_groups_<ids> fields."""
        name, value = self._third_line_form_field()
        with self._refused(self.user_admin):
            self._as_user_admin(self.leader).write({name: value})
        self._assert_oci(self.leader, False)
        self._as_user_admin(self.free).write({name: value})
        self._assert_oci(self.free)

    def test_message_names_actions_only_to_their_readers(self):
        with self._refused(self.mipg_admin):
            self.leader.with_user(self.mipg_admin).write(
                {"groups_id": [Command.link(self.third.id)]}
            )

    # Groups ---------------------------------------------------------------

    def test_users_of_the_group(self):
        with self._refused(self.user_admin):
            self._as_user_admin(self.third).write(
                {"users": [Command.link(self.leader.id)]}
            )
        self._assert_oci(self.leader, False)

    def test_new_group_implying_the_third_line(self):
        Groups = self._as_settings_admin(self.env["res.groups"])
        with self._refused(self.settings_admin):
            Groups.create(
                {
                    "name": "Comité de auditoría",
                    "implied_ids": [Command.link(self.third.id)],
                    "users": [Command.link(self.leader.id)],
                }
            )
        self._assert_oci(self.leader, False)
        committee = Groups.create(
            {
                "name": "Comité de auditoría",
                "implied_ids": [Command.link(self.third.id)],
                "users": [Command.link(self.free.id)],
            }
        )
        self._assert_oci(self.free)
        with self._refused(self.user_admin):
            self._as_user_admin(committee).write(
                {"users": [Command.link(self.leader.id)]}
            )

    def test_group_of_the_user_comes_to_imply_the_third_line(self):
        """Also through a chain: the user's group implies a group that comes
        to imply the third line."""
        Groups = self._as_settings_admin(self.env["res.groups"])
        committee = Groups.create({"name": "Comité de control"})
        board = Groups.create(
            {
                "name": "Junta",
                "implied_ids": [Command.link(committee.id)],
                "users": [Command.link(self.leader.id)],
            }
        )
        self.assertIn(self.leader, committee.users)
        with self._refused(self.settings_admin):
            committee.write({"implied_ids": [Command.link(self.third.id)]})
        self._assert_oci(self.leader, False)
        with self._refused(self.settings_admin):
            board.write({"implied_ids": [Command.link(self.third.id)]})
        self._assert_oci(self.leader, False)
        # a group of users without open actions may imply it
        board.write({"users": [Command.unlink(self.leader.id)]})
        self._as_user_admin(self.leader).write(
            {"groups_id": [Command.unlink(committee.id)]}
        )
        board.write({"users": [Command.link(self.free.id)]})
        committee.write({"implied_ids": [Command.link(self.third.id)]})
        self._assert_oci(self.free)

    # Users: creation, unarchiving -----------------------------------------

    def test_create_user_of_the_third_line(self):
        """A new user holds no action: created in the office, with the
        groups or with the field of the user form, and then never made
        responsible of one."""
        Users = self._as_user_admin(self.env["res.users"])
        name, value = self._third_line_form_field()
        auditors = Users.create(
            [
                {
                    "name": "Auditora",
                    "login": "ind_auditora",
                    "groups_id": [Command.link(self.third.id)],
                },
                {"name": "Auditor", "login": "ind_auditor", name: value},
            ]
        )
        for auditor in auditors:
            self._assert_oci(auditor)
            with self.assertRaises(ValidationError):
                self.env["mipg.action"].create(
                    {
                        "name": "Responsible from the office",
                        "responsible_id": auditor.id,
                        "process_id": self.process.id,
                    }
                )

    def test_unarchive_a_member_of_the_third_line(self):
        """An archived user does not count; unarchiving a member of the office
        who is responsible of open actions is refused."""
        Users = self._as_user_admin(self.env["res.users"])
        leader = Users.browse(self.leader.id)
        leader.action_archive()
        leader.write({"groups_id": [Command.link(self.third.id)]})
        with self._refused(self.user_admin):
            leader.action_unarchive()
        self.assertFalse(leader.active)
        # once the action is reassigned, the office member comes back
        self.action.responsible_id = self.free
        leader.action_unarchive()
        self.assertTrue(leader.active)
        self._assert_oci(leader)

    def test_other_writes_are_allowed(self):
        """Writes that do not touch groups, or groups unrelated to the office,
        go through."""
        self._as_user_admin(self.leader).write({"name": "Líder renombrado"})
        other = self._as_settings_admin(self.env["res.groups"]).create(
            {"name": "Otro grupo", "users": [Command.link(self.leader.id)]}
        )
        self.assertIn(self.leader, other.users)
