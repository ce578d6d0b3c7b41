# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import new_users
from .mipg_lesson_common import MipgLessonCommon

MIPG_GROUPS = [
    "mipg.group_mipg_user",
    "mipg.group_mipg_first_line",
    "mipg.group_mipg_second_line",
    "mipg.group_mipg_third_line",
    "mipg.group_mipg_strategic_line",
    "mipg.group_mipg_manager",
]


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgImmutableTrail(MipgLessonCommon, HttpCase):
    """Validated follow-ups, validated evaluations of the Internal Control
    Office and published bulletins are the institutional record: no member
    of any MIPG group alters or deletes them through the ORM, whatever the
    context they pass; only the superuser can. An HttpCase because
    publishing renders the bulletin's report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        opportunity = cls._create_opportunity()
        cls.evaluation = opportunity.action_ids.followup_ids
        action = cls._create_opportunity(verdict=None).action_ids
        report = (
            cls.env["mipg.followup"]
            .with_user(cls.leader)
            .create({"action_id": action.id, "line": "first", "progress": 60})
        )
        report.action_submit()
        report.with_user(cls.planner).action_validate()
        cls.report = report
        lesson = cls._verified_lesson(opportunity)
        cls.bulletin = (
            cls.env["mipg.bulletin"]
            .with_user(cls.planner)
            .create({"year": cls.year, "edition": 3})
        )
        cls.bulletin.action_publish()
        cls.lesson = lesson
        cls.members = {
            group: user
            for group, user in zip(
                MIPG_GROUPS,
                new_users(
                    cls.env,
                    {f"trail_{group.split('.')[1]}": group for group in MIPG_GROUPS},
                ),
                strict=True,
            )
        }

    def _trail(self):
        return {
            "validated follow-up": (
                self.report,
                [{"progress": 100}, {"description": "x"}, {"state": "draft"}],
            ),
            "OCI evaluation": (
                self.evaluation,
                [{"effective": "not_effective"}, {"progress": 10}, {"line": "second"}],
            ),
            "published bulletin": (
                self.bulletin,
                [
                    {"name": "Otro título"},
                    {"state": "draft"},
                    {"attachment_id": False},
                    {"date_published": "2000-01-01"},
                ],
            ),
        }

    def test_the_trail_is_what_the_workflow_left(self):
        self.assertEqual(self.report.state, "validated")
        self.assertEqual(self.evaluation.state, "validated")
        self.assertEqual(self.evaluation.line, "third")
        self.assertEqual(self.bulletin.state, "published")
        self.assertTrue(self.bulletin.attachment_id)
        self.assertEqual(self.bulletin.lesson_ids, self.lesson)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_no_group_alters_the_trail(self):
        # AccessError (record rules) is a UserError too
        contexts = [
            {},
            # context keys that once opened the state fields
            {"mipg_followup_transition": True, "mipg_bulletin_publish": True},
        ]
        for group, user in self.members.items():
            for label, (record, writes) in self._trail().items():
                before = record.read(list(writes[0]) + ["write_date"])[0]
                for vals in writes:
                    for context in contexts:
                        with self.subTest(group=group, record=label, vals=vals):
                            with self.assertRaises(UserError):
                                record.with_user(user).with_context(**context).write(
                                    vals
                                )
                with self.subTest(group=group, record=label, operation="unlink"):
                    with self.assertRaises(UserError):
                        record.with_user(user).unlink()
                record.invalidate_recordset()
                self.assertEqual(
                    record.read(list(writes[0]) + ["write_date"])[0], before
                )
                self.assertTrue(record.exists())

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_no_group_touches_the_attachments_of_the_trail(self):
        """Evidence of a validated follow-up and the PDF of a published
        bulletin are checked through their record: frozen too."""
        evidence = self.env["ir.attachment"].create(
            {
                "name": "evidencia.txt",
                "raw": b"acta",
                "res_model": "mipg.followup",
                "res_id": self.report.id,
            }
        )
        for group, user in self.members.items():
            for attachment in (evidence, self.bulletin.attachment_id):
                with self.subTest(group=group, attachment=attachment.name):
                    with self.assertRaises(UserError):
                        attachment.with_user(user).write({"raw": b"forged"})
                    with self.assertRaises(UserError):
                        attachment.with_user(user).unlink()
                    self.assertTrue(attachment.exists())
            with self.subTest(group=group, operation="add evidence"):
                with self.assertRaises(UserError):
                    self.env["ir.attachment"].with_user(user).create(
                        {
                            "name": "otra.txt",
                            "raw": b"x",
                            "res_model": "mipg.followup",
                            "res_id": self.report.id,
                        }
                    )

    def test_state_fields_closed_to_rpc_callers(self):
        """The state methods are the only door: a first-line member cannot
        mark their own draft report as validated by writing it."""
        draft = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create(
                {
                    "action_id": self.report.action_id.id,
                    "line": "first",
                    "progress": 90,
                }
            )
        )
        for vals in (
            {"state": "validated"},
            {"validated_by_id": self.planner.id},
            {"date_validated": "2026-01-01"},
        ):
            with self.assertRaisesRegex(UserError, "Submit, Validate and Reject"):
                draft.with_user(self.leader).with_context(
                    mipg_followup_transition=True
                ).write(vals)
        self.assertEqual(draft.state, "draft")
        draft_bulletin = (
            self.env["mipg.bulletin"]
            .with_user(self.planner)
            .create({"year": self.year + 1, "edition": 4})
        )
        with self.assertRaisesRegex(UserError, r"buttons \(Publish\)"):
            draft_bulletin.with_user(self.planner).with_context(
                mipg_bulletin_publish=True
            ).write({"state": "published"})
        self.assertEqual(draft_bulletin.state, "draft")

    def test_superuser_corrects_the_record(self):
        self.report.sudo().write({"description": "Corrección de la base de datos"})
        self.evaluation.sudo().write({"progress": 95})
        self.bulletin.sudo().write({"name": "Boletín corregido"})
        self.assertEqual(self.bulletin.name, "Boletín corregido")
        self.assertEqual(self.evaluation.progress, 95)
        self.assertEqual(self.report.description, "Corrección de la base de datos")
