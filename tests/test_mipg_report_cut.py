# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Frozen cuts: the 30 June file stays as delivered, the 31 December cut
shows what changed, a reformulation changes the dates only once approved
and the cuts keep the original commitment."""

import base64
import hashlib
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mipg.models.mipg_report_format import (
    MODALITY_PROGRESS,
    MODALITY_SUBSCRIPTION,
)

from .common import new_user
from .test_mipg_report_format import ReportFormatCase, read_sheet

JUNE = date(2025, 6, 30)
DECEMBER = date(2025, 12, 31)


class CutCase(ReportFormatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.format = cls.env.ref("mipg.mipg_report_format_sireci_f14_2")
        # a second activity, half done, that the December cut will change
        cls.activity_2 = (
            cls.env["mipg.action.activity"]
            .with_user(cls.leader)
            .create(
                {
                    "action_id": cls.action.id,
                    "name": "Aplicar la lista en cada obra",
                    "unit": "Obra",
                    "quantity": 10,
                    "date_start": date(2025, 3, 1),
                    "date_end": date(2025, 11, 30),
                }
            )
        )
        cls._report_activity(cls.activity_2, 4)
        cls.plan.with_user(cls.mayor).action_approve()
        cls.manager = new_user(
            cls.env, login="cut_manager", groups="mipg.group_mipg_manager"
        )

    @classmethod
    def _report_activity(cls, activity, quantity):
        followup = (
            cls.env["mipg.followup"]
            .with_user(cls.leader)
            .create(
                {
                    "action_id": activity.action_id.id,
                    "activity_id": activity.id,
                    "line": "first",
                    "quantity_done": quantity,
                    "description": f"{quantity} obras revisadas",
                }
            )
        )
        followup.action_submit()
        followup.with_user(cls.planner).action_validate()
        return followup

    def _issue(self, cut_date, filing="CGR-2025-001"):
        cut = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create(
                {
                    "plan_id": self.plan.id,
                    "date": cut_date,
                    "filing_number": filing,
                    "filing_date": cut_date + timedelta(days=10),
                }
            )
        )
        cut.action_issue()
        return cut

    def _reformulate(self, activity, **values):
        change = (
            self.env["mipg.action.change"]
            .with_user(self.leader)
            .create(
                dict(
                    {
                        "plan_id": self.plan.id,
                        "action_id": activity.action_id.id,
                        "activity_id": activity.id,
                        "reason": "Las obras se suspendieron por lluvias.",
                    },
                    **values,
                )
            )
        )
        change.action_request()
        return change


@tagged("post_install", "-at_install")
class TestMipgReportCut(CutCase):
    def test_june_then_december(self):
        june = self._issue(JUNE)
        self.assertEqual(june.state, "issued")
        self.assertEqual(june.modality, "subscription")
        self.assertEqual(june.issued_by_id, self.planner)
        self.assertEqual(june.format_id, self.format)
        june_file = june.attachment_id.raw
        self.assertEqual(june.file_sha256, hashlib.sha256(june_file).hexdigest())
        _s, _t, headers, _n, _h, rows = read_sheet(june_file, self.format)
        self.assertEqual(headers[5][1].value.date(), JUNE)
        self.assertEqual([r[4].value for r in rows], [MODALITY_SUBSCRIPTION] * 2)
        self.assertEqual([r[15].value for r in rows], [1, 4])
        self.assertEqual(
            [(line.activity_id, line.progress) for line in june.line_ids],
            [(self.activity, 100), (self.activity_2, 40)],
        )
        self.assertEqual(june.line_ids.mapped("changes"), ["", ""])

        # six months later: more progress, a reformulated activity
        self._report_activity(self.activity_2, 9)
        change = self._reformulate(
            self.activity_2, date_deadline=date(2026, 3, 31), target_quantity=12
        )
        change.with_user(self.mayor).action_approve()
        december = self._issue(DECEMBER, filing="CGR-2026-014")
        self.assertEqual(december.modality, "progress")
        self.assertEqual(december.previous_cut_id, june)
        _s, _t, headers, _n, _h, rows = read_sheet(
            december.attachment_id.raw, self.format
        )
        self.assertEqual([r[4].value for r in rows], [MODALITY_PROGRESS] * 2)
        self.assertEqual(rows[1][13].value.date(), date(2026, 3, 31))
        self.assertEqual(rows[1][11].value, 12)
        unchanged, changed = december.line_ids
        self.assertEqual(unchanged.changes, "")
        self.assertEqual(unchanged.progress_change, 0)
        self.assertEqual(changed.previous_progress, 40)
        self.assertEqual(changed.progress, 75)
        self.assertEqual(changed.progress_change, 35)
        for text in ("Quantity: 10.0 → 12.0", "End date: 2025-11-30 → 2026-03-31"):
            self.assertIn(text, changed.changes)
        self.assertIn("2025-11-30", changed.original_commitment)
        self.assertIn("10.0", changed.original_commitment)
        self.assertIn(change.name, changed.reformulation)
        self.assertIn("lluvias", changed.reformulation)
        # the June cut stays exactly as delivered
        self.assertEqual(june.attachment_id.raw, june_file)
        self.assertEqual(june.line_ids[1].progress, 40)
        self.assertEqual(june.line_ids[1].date_end, date(2025, 11, 30))
        self.assertEqual(
            june.with_user(self.oci).action_download()["type"], "ir.actions.act_url"
        )

    def test_a_cut_is_immutable_for_every_user_and_path(self):
        cut = self._issue(JUNE)
        line = cut.line_ids[0]
        attachment = cut.attachment_id
        for user in (self.planner, self.manager):
            with self.assertRaisesRegex(UserError, "frozen"):
                cut.with_user(user).write({"filing_number": "OTRO"})
            with self.assertRaisesRegex(UserError, "frozen"):
                cut.with_user(user).unlink()
            with self.assertRaises(AccessError):
                line.with_user(user).write({"progress": 0})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["mipg.report.cut.line"].with_user(user).create(
                    {"cut_id": cut.id, "progress": 1}
                )
            with self.assertRaisesRegex(UserError, "frozen"):
                attachment.with_user(user).write(
                    {"datas": base64.b64encode(b"otro archivo")}
                )
            with self.assertRaisesRegex(UserError, "frozen"):
                attachment.with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "frozen"):
                self.env["ir.attachment"].with_user(user).create(
                    {
                        "name": "otro.xlsx",
                        "datas": base64.b64encode(b"x"),
                        "res_model": cut._name,
                        "res_id": cut.id,
                    }
                )
            with self.assertRaisesRegex(UserError, "frozen"):
                cut.with_user(user).message_post(
                    body="otro", attachments=[("otro.xlsx", b"x")]
                )
        for user in (self.oci, self.mayor, self.leader):
            with self.assertRaises(AccessError):
                cut.with_user(user).write({"filing_number": "OTRO"})
            with self.assertRaises(AccessError):
                cut.with_user(user).unlink()
        # the state and what the issue wrote go only through the button
        draft = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create({"plan_id": self.plan.id, "date": DECEMBER})
        )
        for values in (
            {"state": "draft"},
            {"modality": "progress"},
            {"file_sha256": "0" * 64},
        ):
            with self.assertRaises(UserError):
                cut.with_user(self.planner).write(values)
            with self.assertRaises(UserError):
                draft.with_user(self.planner).write(values)
        with self.assertRaises(UserError):
            self.env["mipg.report.cut"].with_user(self.planner).create(
                {"plan_id": self.plan.id, "date": date(2024, 12, 31), "state": "issued"}
            )
        fresh = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .with_context(default_state="issued", default_modality="progress")
            .create({"plan_id": self.plan.id, "date": date(2024, 6, 30)})
        )
        self.assertEqual(fresh.state, "draft")
        self.assertFalse(fresh.modality)
        # later changes of the plan never alter it
        self._report_activity(self.activity, 0)
        self.assertEqual(cut.line_ids[0].progress, 100)
        self.assertEqual(cut.file_sha256, hashlib.sha256(attachment.raw).hexdigest())
        # even a change of the stored file by the superuser is detected
        self.env["ir.attachment"].browse(attachment.id).write(
            {"datas": base64.b64encode(b"alterado")}
        )
        with self.assertRaisesRegex(UserError, "fingerprint"):
            cut.with_user(self.oci).action_download()

    @mute_logger("odoo.sql_db")
    def test_one_cut_per_plan_and_date(self):
        self._issue(JUNE)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["mipg.report.cut"].with_user(self.planner).create(
                {"plan_id": self.plan.id, "date": JUNE}
            )

    def test_who_issues_and_when(self):
        cut = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create({"plan_id": self.plan.id, "date": DECEMBER})
        )
        for user in (self.leader, self.oci, self.mayor):
            with self.assertRaises(AccessError):
                cut.with_user(user).action_issue()
        future = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create(
                {"plan_id": self.plan.id, "date": date.today() + timedelta(days=40)}
            )
        )
        with self.assertRaisesRegex(UserError, "has not come yet"):
            future.action_issue()
        cut.action_issue()
        june = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create({"plan_id": self.plan.id, "date": JUNE})
        )
        with self.assertRaisesRegex(UserError, "order of their dates"):
            june.action_issue()
        draft_plan = self.env["mipg.plan"].create(
            {"title": "Borrador", "source": "contraloria_general"}
        )
        draft_cut = (
            self.env["mipg.report.cut"]
            .with_user(self.planner)
            .create(
                {"plan_id": draft_plan.id, "date": JUNE, "format_id": self.format.id}
            )
        )
        with self.assertRaisesRegex(UserError, "not approved"):
            draft_cut.action_issue()

    def test_cuts_stay_in_their_company(self):
        cut = self._issue(JUNE)
        other_company = self.env["res.company"].create({"name": "Otra alcaldía"})
        other_planner = new_user(
            self.env,
            login="cut_other_planner",
            groups="mipg.group_mipg_second_line",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        Cut = self.env["mipg.report.cut"].with_user(other_planner)
        self.assertFalse(Cut.search([("id", "=", cut.id)]))
        with self.assertRaises(AccessError):
            cut.with_user(other_planner).read(["date"])
        with self.assertRaises(AccessError):
            cut.line_ids[0].with_user(other_planner).read(["progress"])

    def test_reminder_before_each_cutoff(self):
        soon = date.today() + timedelta(days=5)
        self.cgr.cutoff_dates = soon.strftime("%m-%d")
        # other plans of the CGR (demo data) get theirs too: look at this one
        created = (
            self.env["mipg.report.cut"]
            ._cron_cut_reminders()
            .filtered(lambda a: a.res_model == "mipg.plan" and a.res_id == self.plan.id)
        )
        self.assertTrue(created)
        second_line = self.env.ref("mipg.group_mipg_second_line").users.filtered(
            lambda u: self.env.company in u.company_ids and not u.share
        )
        self.assertIn(self.planner, created.user_id)
        self.assertEqual(
            set(created.user_id), set(self.plan.responsible_id | second_line)
        )
        self.assertEqual(set(created.mapped("date_deadline")), {soon})
        self.assertFalse(self.env["mipg.report.cut"]._cron_cut_reminders())
        self.plan.activity_ids.unlink()
        self.cgr.cutoff_dates = (date.today() + timedelta(days=40)).strftime("%m-%d")
        self.assertFalse(self.env["mipg.report.cut"]._cron_cut_reminders())


@tagged("post_install", "-at_install")
class TestMipgReformulation(CutCase):
    def test_dates_change_only_after_approval(self):
        change = self._reformulate(
            self.activity_2, date_deadline=date(2026, 3, 31), target_quantity=12
        )
        self.assertEqual(self.activity_2.date_end, date(2025, 11, 30))
        self.assertEqual(self.activity_2.quantity, 10)
        for user in (self.leader, self.planner, self.oci):
            with self.assertRaises(AccessError):
                change.with_user(user).action_approve()
        self.assertEqual(self.activity_2.date_end, date(2025, 11, 30))
        change.with_user(self.mayor).action_approve()
        self.assertEqual(self.activity_2.date_end, date(2026, 3, 31))
        self.assertEqual(self.activity_2.quantity, 12)
        self.assertEqual(self.activity_2.weeks, 56)
        self.assertAlmostEqual(self.activity_2.progress, 40 * 10 / 12)
        self.assertIn("End date: 2025-11-30", change.previous_values)
        # the action itself keeps what was agreed
        self.assertEqual(self.action.date_deadline, date(2025, 6, 27))
        # the OCI is informed
        message = self.action.message_ids.filtered(
            lambda m: change.name in (m.body or "")
        )
        self.assertIn(self.oci.partner_id, message.partner_ids)
        # kept in history: the approved request is frozen
        with self.assertRaisesRegex(UserError, "frozen"):
            change.with_user(self.leader).write({"reason": "Otra"})

    def test_rejected_changes_nothing(self):
        change = self._reformulate(self.activity_2, date_start=date(2025, 4, 1))
        change.with_user(self.mayor).action_reject()
        self.assertEqual(self.activity_2.date_start, date(2025, 3, 1))
        self.assertFalse(change.previous_values)

    def test_activity_of_the_action(self):
        other = self._create_action(name="Otra acción")
        with self.assertRaisesRegex(Exception, "must belong to the action"):
            self.env["mipg.action.change"].with_user(self.leader).create(
                {
                    "plan_id": self.plan.id,
                    "action_id": other.id,
                    "activity_id": self.activity_2.id,
                    "reason": "x",
                }
            )
