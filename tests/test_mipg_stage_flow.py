# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stage flow of the README, cell by cell: the moves MIPG makes because
the work says so, and who may move a card by hand."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgStageFlow(MipgCycleCase):
    def _code(self, record):
        return record.stage_id.code

    def test_the_work_moves_the_cards(self):
        action = self._create_action()
        self.assertEqual(self._code(action), "2.2", "formulated in a draft plan")
        self.assertEqual(self._code(self.opportunity), "2.2", "follows its action")
        self.plan.with_user(self.mayor).action_approve()
        self.assertEqual(self._code(action), "2.3", "plan approved: execution")
        report = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": action.id, "line": "first", "progress": 60})
        )
        report.action_submit()
        self.assertEqual(self._code(action), "3.1", "report submitted: monitoring")
        self.assertEqual(self._code(self.opportunity), "3.1")
        report.with_user(self.planner).action_validate()
        self.assertEqual(self._code(action), "2.3", "validated under 100 %")
        self._report(action, 100, evidence=self._attachment(self.leader))
        self.assertEqual(self._code(action), "3.2", "at 100 %: waits for the OCI")
        self._evaluate(action, verdict="not_effective")
        self.assertEqual(self._code(action), "2.3", "not effective: back to work")
        self._evaluate(action)
        self.assertEqual(self._code(action), "3.3", "effective: feedback")
        action.with_user(self.planner).stage_id = self.stage["closed"]
        self.assertEqual(self._code(self.opportunity), "closed")
        self.env["mipg.lesson"].with_user(self.leader).create(
            {"opportunity_id": self.opportunity.id, "recommendation": "Repetir."}
        )
        self.assertEqual(self._code(action), "4.1", "a lesson registered")
        self.assertEqual(self._code(self.opportunity), "4.1")

    def test_action_in_an_approved_plan_starts_in_execution(self):
        self._create_action()
        self.plan.with_user(self.mayor).action_approve()
        self.assertEqual(self._code(self._create_action(name="Otra")), "2.3")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_who_moves_a_card_by_hand(self):
        action = self._create_action()
        leader_action = action.with_user(self.leader)
        leader_action.stage_id = self.stage["2.3"]
        leader_action.stage_id = self.stage["3.1"]
        for code in ("3.2", "3.3", "4.1", "closed", "cancelled"):
            with self.assertRaises(AccessError):
                leader_action.stage_id = self.stage[code]
        self.assertEqual(self._code(action), "3.1")
        # the closing rules, for the second line too
        with self.assertRaisesRegex(ValidationError, "cannot be closed yet"):
            action.with_user(self.planner).stage_id = self.stage["closed"]
        with self.assertRaisesRegex(ValidationError, "cannot be closed yet"):
            action.with_user(self.planner).stage_id = self.stage["4.1"]

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_cancel_needs_a_reason_and_the_second_line(self):
        action = self._create_action()
        with self.assertRaises(AccessError):
            action.with_user(self.planner).stage_id = self.stage["cancelled"]
        with self.assertRaises(AccessError):
            action.with_user(self.leader)._mipg_cancel("No aplica")
        with self.assertRaisesRegex(UserError, "Write why"):
            action.with_user(self.planner)._mipg_cancel(" ")
        # an opportunity too, by the second line with a reason
        finding = self.opportunity.copy({"title": "Hallazgo retirado"})
        with self.assertRaises(AccessError):
            finding.with_user(self.leader)._mipg_cancel("No aplica")
        finding.with_user(self.planner)._mipg_cancel("Retirado por la Contraloría.")
        self.assertEqual(self._code(finding), "cancelled")
        self.assertIn("Retirado", finding.cancel_reason)
        wizard_action = action.with_user(self.planner).action_open_cancel()
        wizard = (
            self.env["mipg.cancel.wizard"]
            .with_user(self.planner)
            .with_context(**wizard_action["context"])
            .create({"reason": "El hallazgo fue retirado por la Contraloría."})
        )
        wizard.action_confirm()
        self.assertEqual(self._code(action), "cancelled")
        self.assertIn("retirado", action.cancel_reason)
        # reopening is the second line's
        with self.assertRaises(AccessError):
            action.with_user(self.leader).stage_id = self.stage["2.3"]
        action.with_user(self.planner).stage_id = self.stage["2.3"]
        with self.assertRaisesRegex(UserError, "Write why"):
            self.plan.with_user(self.planner).action_cancel()
