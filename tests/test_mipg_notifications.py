# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every step tells the next person, with Odoo's activities and chatter,
and doing the work closes the to-do."""

from odoo.tests import tagged

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgNotifications(MipgCycleCase):
    def _todos(self, record, xmlid):
        activity_type = self.env.ref(xmlid)
        return record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_plan_sent_for_approval_reaches_the_strategic_line(self):
        self._create_action()
        self.plan.with_user(self.leader).action_send_for_approval()
        self.assertEqual(self.plan.state, "to_approve")
        todos = self._todos(self.plan, "mipg.mipg_activity_type_approval")
        self.assertIn(self.mayor, todos.user_id)
        self.assertFalse(todos.user_id - self.env.ref("mipg.group_mipg_strategic_line").users)
        self.plan.with_user(self.mayor).action_approve()
        self.assertFalse(self._todos(self.plan, "mipg.mipg_activity_type_approval"))

    def test_report_submitted_validated_rejected(self):
        action = self._create_action()
        self.plan.responsible_id = self.planner
        report = self.env["mipg.followup"].with_user(self.leader).create(
            {"action_id": action.id, "line": "first", "progress": 30}
        )
        report.action_submit()
        todo = self._todos(report, "mipg.mipg_activity_type_validation")
        self.assertEqual(todo.user_id, self.planner)
        report.with_user(self.planner).comments = "Falta el acta firmada."
        report.with_user(self.planner).action_reject()
        self.assertFalse(self._todos(report, "mipg.mipg_activity_type_validation"))
        correction = self._todos(report, "mipg.mipg_activity_type_correction")
        self.assertEqual(correction.user_id, self.leader)
        self.assertIn("acta firmada", str(correction.note))
        self.assertIn(
            self.leader.partner_id,
            report.message_ids.filtered(lambda m: "acta firmada" in (m.body or "")).partner_ids,
        )
        report.with_user(self.leader).action_submit()
        self.assertFalse(self._todos(report, "mipg.mipg_activity_type_correction"))
        report.with_user(self.planner).action_validate()
        self.assertFalse(self._todos(report, "mipg.mipg_activity_type_validation"))

    def test_oci_verdict_reaches_the_responsible(self):
        action = self._create_action()
        self._evaluate(action, verdict="not_effective", progress=40)
        message = action.message_ids.filtered(
            lambda m: self.leader.partner_id in m.partner_ids
        )[:1]
        self.assertTrue(message)
        self.assertIn("Internal Control Office", message.body)
