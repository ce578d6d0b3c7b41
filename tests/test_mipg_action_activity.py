# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Activities under actions: weeks as SIRECI counts them, progress reported
per activity and rolled up to the action, what was agreed kept."""

from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mipg.models.mipg_action_activity import weeks_between

from .common import MipgCycleCase, assert_refused, new_user


class ActivityCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._create_action()
        start = cls.today - timedelta(days=60)
        cls.activity_short = cls._create_activity(
            name="Redactar el procedimiento",
            unit="Documento",
            quantity=1,
            date_start=start,
            date_end=start + timedelta(days=9),  # 10 days
        )
        cls.activity_long = cls._create_activity(
            name="Capacitar a los supervisores",
            unit="Capacitación",
            quantity=4,
            date_start=start,
            date_end=start + timedelta(days=29),  # 30 days
        )

    @classmethod
    def _create_activity(cls, action=None, **values):
        vals = {"action_id": (action or cls.action).id}
        vals.update(values)
        return cls.env["mipg.action.activity"].with_user(cls.leader).create(vals)

    def _report_activity(self, activity, quantity, user=None, description=None):
        followup = (
            self.env["mipg.followup"]
            .with_user(user or self.leader)
            .create(
                {
                    "action_id": activity.action_id.id,
                    "activity_id": activity.id,
                    "line": "first",
                    "quantity_done": quantity,
                    "progress": 3,  # ignored: computed from the quantity
                    "description": description,
                }
            )
        )
        followup.action_submit()
        followup.with_user(self.planner).action_validate()
        return followup


@tagged("post_install", "-at_install")
class TestMipgActionActivity(ActivityCase):
    def test_weeks_as_the_sireci_export(self):
        # the real SIRECI export: 2016/12/12 to 2017/12/11 is 52 weeks
        self.assertEqual(weeks_between(date(2016, 12, 12), date(2017, 12, 11)), 52)
        # 144 days: 20.6 weeks, 21 as the synthetic row of the shared layout
        self.assertEqual(weeks_between(date(2025, 2, 3), date(2025, 6, 27)), 21)
        activity = self._create_activity(
            name="Seguimiento",
            unit="Seguimientos semanal",
            quantity=100,
            date_start=date(2016, 12, 12),
            date_end=date(2017, 12, 11),
        )
        self.assertEqual(activity.weeks, 52)
        activity.with_user(self.leader).date_end = date(2017, 1, 9)
        self.assertEqual(activity.weeks, 4)

    def test_progress_rolls_up_weighted_by_duration(self):
        self.assertEqual(self.action.progress, 0)
        followup = self._report_activity(self.activity_long, 2)
        self.assertEqual(followup.progress, 50)
        self.assertEqual(self.activity_long.progress_quantity, 2)
        self.assertEqual(self.activity_long.progress, 50)
        # 10 days at 0 %, 30 days at 50 %: 37.5 %
        self.assertAlmostEqual(self.action.progress, 37.5)
        self._report_activity(self.activity_short, 1)
        self.assertAlmostEqual(self.action.progress, (10 * 100 + 30 * 50) / 40)
        self.assertAlmostEqual(self.plan.progress, self.action.progress)
        self._report_activity(self.activity_long, 4)
        self.assertEqual(self.action.progress, 100)
        # at 100 % the action goes to the Internal Control Office
        self.assertEqual(self.action.stage_id, self.stage["3.2"])

    def test_more_than_programmed_counts_100(self):
        self._report_activity(self.activity_short, 3)
        self.assertEqual(self.activity_short.progress, 100)
        self.assertEqual(self.activity_short.progress_quantity, 3)

    def test_reports_name_an_activity_of_the_action(self):
        Followup = self.env["mipg.followup"].with_user(self.leader)
        with self.assertRaisesRegex(ValidationError, "has activities"):
            Followup.create(
                {"action_id": self.action.id, "line": "first", "progress": 50}
            )
        other_action = self._create_action(name="Otra acción")
        other = self._create_activity(
            action=other_action,
            name="Otra",
            unit="Acta",
            quantity=1,
            date_start=self.today,
            date_end=self.today,
        )
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            Followup.create(
                {
                    "action_id": self.action.id,
                    "activity_id": other.id,
                    "line": "first",
                    "quantity_done": 1,
                }
            )
        with assert_refused(self, "negative"):
            Followup.create(
                {
                    "action_id": self.action.id,
                    "activity_id": self.activity_short.id,
                    "line": "first",
                    "quantity_done": -1,
                }
            )
        # the OCI evaluates the action as a whole
        self._report_activity(self.activity_short, 1)
        self._report_activity(self.activity_long, 4)
        evaluation = self._evaluate(self.action)
        self.assertFalse(evaluation.activity_id)
        self.assertTrue(self.action.effective)

    def test_progress_is_not_written_by_hand(self):
        for values in ({"progress": 90}, {"progress_quantity": 4}, {"weeks": 1}):
            with self.assertRaisesRegex(UserError, "cannot be written by hand"):
                self.activity_long.with_user(self.planner).write(values)
        with self.assertRaisesRegex(UserError, "cannot be written by hand"):
            self._create_activity(
                name="X",
                unit="U",
                quantity=1,
                date_start=self.today,
                date_end=self.today,
                progress=100,
            )

    @mute_logger("odoo.sql_db")
    def test_quantity_and_dates(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._create_activity(
                name="X",
                unit="U",
                quantity=0,
                date_start=self.today,
                date_end=self.today,
            )
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.activity_short.with_user(self.leader).date_end = (
                self.activity_short.date_start - timedelta(days=1)
            )

    def test_agreed_activity_changes_only_by_reformulation(self):
        self.plan.with_user(self.mayor).action_approve()
        for values in (
            {"date_end": self.today + timedelta(days=90)},
            {"quantity": 2},
            {"name": "Otra cosa"},
        ):
            with self.assertRaisesRegex(UserError, "locked"):
                self.activity_short.with_user(self.planner).write(values)
        self.activity_short.with_user(self.leader).responsible_area = "Hacienda"
        with self.assertRaisesRegex(UserError, "reformulation"):
            self._create_activity(
                name="Nueva",
                unit="U",
                quantity=1,
                date_start=self.today,
                date_end=self.today,
            )
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.activity_short.with_user(self.planner).unlink()

    def test_who_reads_and_writes(self):
        outsider = new_user(
            self.env, login="activity_outsider", groups="mipg.group_mipg_first_line"
        )
        with self.assertRaises(AccessError):
            self.activity_short.with_user(outsider).read(["name"])
        with self.assertRaises(AccessError):
            self._create_activity(
                name="Intrusa",
                unit="U",
                quantity=1,
                date_start=self.today,
                date_end=self.today,
            ).with_user(outsider).write({"responsible_area": "X"})
        for user in (self.oci, self.mayor):
            self.assertEqual(
                self.activity_short.with_user(user).read(["name"])[0]["name"],
                "Redactar el procedimiento",
            )
            with self.assertRaises(AccessError):
                self.activity_short.with_user(user).write({"responsible_area": "X"})
        servant = new_user(
            self.env, login="activity_servant", groups="mipg.group_mipg_user"
        )
        with self.assertRaises(AccessError):
            self.activity_short.with_user(servant).read(["name"])
