# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every step tells the next person, with Odoo's activities and chatter,
and doing the work closes the to-do."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgNotifications(MipgCycleCase):
    def _todos(self, record, xmlid):
        activity_type = self.env.ref(xmlid)
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_plan_sent_for_approval_reaches_the_strategic_line(self):
        self._create_action()
        self.plan.with_user(self.leader).action_send_for_approval()
        self.assertEqual(self.plan.state, "to_approve")
        todos = self._todos(self.plan, "mipg.mipg_activity_type_approval")
        self.assertIn(self.mayor, todos.user_id)
        self.assertFalse(
            todos.user_id - self.env.ref("mipg.group_mipg_strategic_line").users
        )
        self.plan.with_user(self.mayor).action_approve()
        self.assertFalse(self._todos(self.plan, "mipg.mipg_activity_type_approval"))

    def test_report_submitted_validated_rejected(self):
        action = self._create_action()
        self.plan.responsible_id = self.planner
        report = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": action.id, "line": "first", "progress": 30})
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
            report.message_ids.filtered(
                lambda m: "acta firmada" in (m.body or "")
            ).partner_ids,
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

    def test_by_email_for_who_reads_email(self):
        """The test users read their notifications in Odoo; one who reads
        them by email gets the rejection of a report and the to-do to
        correct it as emails, rendered through Odoo's layout."""
        self.leader.notification_type = "email"
        action = self._create_action()
        report = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": action.id, "line": "first", "progress": 30})
        )
        report.action_submit()
        report.with_user(self.planner).comments = "Falta el acta firmada."
        report.with_user(self.planner).action_reject()
        emails = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.leader.partner_id.id),
                ("notification_type", "=", "email"),
            ]
        )
        bodies = " ".join(str(n.mail_message_id.body) for n in emails)
        self.assertIn("acta firmada", bodies)
        # the to-do assigned to correct it (Odoo's "assigned to you")
        correction = self._todos(report, "mipg.mipg_activity_type_correction")
        self.assertEqual(correction.user_id, self.leader)
        self.assertTrue(
            any(
                correction.summary in (n.mail_message_id.subject or "") for n in emails
            ),
            emails.mail_message_id.mapped("subject"),
        )
        # the planner reads them in Odoo: no email
        self.assertFalse(
            self.env["mail.notification"].search_count(
                [
                    ("res_partner_id", "=", self.planner.partner_id.id),
                    ("notification_type", "=", "email"),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestMipgChangeControl(MipgCycleCase):
    """Once a plan is approved, what was agreed changes only through a
    request the strategic line approves."""

    def test_approved_plan_changes_through_a_request(self):
        action = self._create_action()
        self.plan.with_user(self.mayor).action_approve()
        for vals in (
            {"date_deadline": self.today + timedelta(days=90)},
            {"goal": "Otra meta"},
            {"target_quantity": 3},
            {"active": False},
        ):
            with self.assertRaisesRegex(UserError, "locked"):
                action.with_user(self.leader).write(vals)
        with self.assertRaisesRegex(UserError, "change request"):
            self.env["mipg.action"].with_user(self.leader).create(
                {
                    "name": "Acción nueva",
                    "responsible_id": self.leader.id,
                    "plan_id": self.plan.id,
                }
            )
        Change = self.env["mipg.action.change"].with_user(self.leader)
        change = Change.create(
            {
                "plan_id": self.plan.id,
                "action_id": action.id,
                "goal": "Procedimiento adoptado por resolución",
                "reason": "La Contraloría aceptó ampliar el alcance.",
            }
        )
        with self.assertRaisesRegex(UserError, "buttons"):
            change.write({"state": "approved"})
        change.action_request()
        self.assertIn(self.mayor, change.activity_ids.user_id)
        with self.assertRaises(AccessError):
            change.with_user(self.planner).action_approve()
        change.with_user(self.mayor).action_approve()
        self.assertEqual(action.goal, "Procedimiento adoptado por resolución")
        self.assertEqual(change.approved_by_id, self.mayor)
        self.assertFalse(change.activity_ids)
        with self.assertRaisesRegex(UserError, "frozen"):
            change.with_user(self.leader).write({"goal": "Otra"})
        new = Change.create(
            {
                "plan_id": self.plan.id,
                "new_name": "Capacitar a los supervisores",
                "new_responsible_id": self.leader.id,
                "new_opportunity_id": self.opportunity.id,
                "date_deadline": self.today,
                "reason": "Hallazgo ampliado.",
            }
        )
        new.action_request()
        new.with_user(self.mayor).action_approve()
        added = self.plan.action_ids.filtered(
            lambda a: a.name == "Capacitar a los supervisores"
        )
        self.assertTrue(added)
        self.assertEqual(added.stage_id.code, "2.3")
