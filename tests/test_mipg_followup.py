# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MipgCycleCase, assert_refused, new_user


@tagged("post_install", "-at_install")
class TestMipgFollowup(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._create_action()
        cls.Followup = cls.env["mipg.followup"]

    def _draft(self, user=None, **values):
        vals = {"action_id": self.action.id, "line": "first", "progress": 30}
        vals.update(values)
        return self.Followup.with_user(user or self.leader).create(vals)

    def test_first_line_flow(self):
        followup = self._draft()
        self.assertEqual(followup.author_id, self.leader)
        with self.assertRaisesRegex(AccessError, "second line"):
            followup.action_validate()
        followup.action_submit()
        self.assertEqual(followup.state, "submitted")
        with self.assertRaisesRegex(AccessError, "second line"):
            followup.action_validate()
        followup.with_user(self.planner).action_validate()
        self.assertEqual(followup.state, "validated")
        self.assertEqual(followup.validated_by_id, self.planner)
        self.assertEqual(self.action.progress, 30)

    def test_nobody_validates_own_report(self):
        both = new_user(
            self.env,
            login="cycle_both_lines",
            groups="mipg.group_mipg_first_line,mipg.group_mipg_second_line",
        )
        self.action.responsible_id = both
        followup = self._draft(user=both)
        followup.action_submit()
        with self.assertRaisesRegex(AccessError, "yourself"):
            followup.action_validate()
        followup.with_user(self.planner).action_validate()
        self.assertEqual(followup.state, "validated")

    def test_author_is_who_records_it(self):
        """Someone in both first and second line cannot write a report in a
        colleague's name and then validate it."""
        both = new_user(
            self.env,
            login="cycle_both_lines_forger",
            groups="mipg.group_mipg_first_line,mipg.group_mipg_second_line",
        )
        self.action.responsible_id = both
        with self.assertRaisesRegex(UserError, "set by MIPG itself"):
            self._draft(user=both, author_id=self.leader.id)
        followup = self._draft(user=both)
        self.assertEqual(followup.author_id, both)
        followup.action_submit()
        with self.assertRaisesRegex(AccessError, "yourself"):
            followup.action_validate()
        with self.assertRaisesRegex(UserError, "Author"):
            followup.with_user(both).write({"author_id": self.leader.id})
        self.assertEqual(followup.author_id, both)

    def test_no_followup_on_closed_or_cancelled_action(self):
        """A later follow-up cannot lower the progress or the verdict of a
        closed action: it must be reopened first."""
        self._report(self.action, 100, evidence=self._attachment(self.leader))
        pending = self._draft(progress=40)
        pending.action_submit()
        self._evaluate(self.action)
        self.action.stage_id = self.stage["closed"]
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            self._draft(progress=50)
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            self._draft(
                user=self.oci, line="third", progress=50, effective="not_effective"
            )
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            pending.with_user(self.planner).action_validate()
        self.assertEqual(self.action.progress, 100)
        self.assertTrue(self.action.effective)
        cancelled = self._create_action(name="Acción cancelada", opportunity_id=False)
        cancelled.stage_id = self.stage["cancelled"]
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            self._draft(action_id=cancelled.id)
        # reopened (its opportunity first), it takes follow-ups again
        self.action.opportunity_id.stage_id = self.stage["3.3"]
        self.action.stage_id = self.stage["3.3"]
        self.assertTrue(self._draft(progress=50))

    def test_first_line_only_on_own_actions(self):
        # refused by the model, or earlier by the record rules
        with self.assertRaises(AccessError):
            self._draft(user=self.other_leader)
        # a member of the action's process may report
        self.process.member_ids = [(4, self.other_leader.id)]
        self.assertTrue(self._draft(user=self.other_leader))

    def test_first_line_report_must_be_submitted(self):
        followup = self._draft()
        with self.assertRaisesRegex(UserError, "submitted"):
            followup.with_user(self.planner).action_validate()

    def test_reject_needs_comments_and_allows_resubmission(self):
        followup = self._draft()
        followup.action_submit()
        with self.assertRaisesRegex(UserError, "Comments"):
            followup.with_user(self.planner).action_reject()
        followup.with_user(self.planner).write(
            {"comments": "Falta el acta del comité."}
        )
        followup.with_user(self.planner).action_reject()
        self.assertEqual(followup.state, "rejected")
        self.assertIn(
            self.leader.partner_id,
            followup.message_ids[0].partner_ids,
            "the author is told why",
        )
        followup.write({"progress": 35})
        followup.action_submit()
        self.assertEqual(followup.state, "submitted")

    def test_state_only_through_buttons(self):
        followup = self._draft()
        with self.assertRaisesRegex(UserError, "buttons"):
            followup.with_user(self.planner).write({"state": "validated"})
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self.Followup.with_user(self.leader).create(
                {"action_id": self.action.id, "state": "validated", "progress": 10}
            )

    def test_validated_is_frozen(self):
        followup = self._report(self.action, 50)
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "frozen"):
                followup.with_user(user).write({"progress": 100})
        with self.assertRaises(UserError):  # frozen, or not writable at all
            followup.with_user(self.oci).write({"progress": 100})
        for user in (self.leader, self.planner):
            with self.assertRaises(UserError):  # frozen, or no right to delete
                followup.with_user(user).unlink()
        manager = new_user(
            self.env, login="cycle_manager", groups="mipg.group_mipg_manager"
        )
        with self.assertRaisesRegex(UserError, "frozen"):
            followup.with_user(manager).write({"description": "x"})
        # only the superuser may correct the record
        followup.sudo().write({"description": "Corrección de la base de datos"})

    def test_progress_range(self):
        with assert_refused(self, "between 0 and 100"):
            self._draft(progress=120)
        with assert_refused(self, "between 0 and 100"):
            self._draft(progress=-5)

    def test_second_line_records_and_another_validates(self):
        """Nobody validates a report they recorded, on the second line too."""
        followup = self._draft(user=self.planner, line="second", progress=45)
        with self.assertRaisesRegex(AccessError, "yourself"):
            followup.with_user(self.planner).action_validate()
        colleague = new_user(
            self.env, login="cycle_planner_2", groups="mipg.group_mipg_second_line"
        )
        followup.with_user(colleague).action_validate()
        self.assertEqual(self.action.progress, 45)
        with self.assertRaisesRegex(AccessError, "first line"):
            self._draft(user=self.planner, line="first")

    def test_second_line_never_evaluates_effectiveness(self):
        with self.assertRaises(AccessError):
            self._draft(user=self.planner, line="third", effective="effective")
        with self.assertRaisesRegex(ValidationError, "verdict"):
            self._draft(user=self.planner, line="second", effective="effective")
        evaluation = self._draft(
            user=self.oci, line="third", progress=80, effective="effective"
        )
        with self.assertRaisesRegex(AccessError, "Internal Control Office"):
            evaluation.with_user(self.planner).action_validate()
        with self.assertRaises(AccessError):
            evaluation.with_user(self.planner).write({"effective": "not_effective"})

    def test_third_line_evaluation(self):
        evaluation = self._draft(user=self.oci, line="third", progress=100)
        with self.assertRaisesRegex(UserError, "verdict"):
            evaluation.action_validate()
        evaluation.write({"effective": "effective"})
        evaluation.action_validate()
        self.assertEqual(evaluation.state, "validated")
        self.assertEqual(self.action.progress, 100)
        self.assertTrue(self.action.effective)
        self.assertTrue(self.opportunity.effective)
        # the third line never reports as first line
        with self.assertRaises(AccessError):
            self._draft(user=self.oci)

    def test_strategic_line_never_writes_followups(self):
        for line in ("first", "second", "third"):
            with self.assertRaises(AccessError):
                self._draft(user=self.mayor, line=line)
        followup = self._draft()
        followup.action_submit()
        with self.assertRaises(AccessError):
            followup.with_user(self.mayor).action_validate()
