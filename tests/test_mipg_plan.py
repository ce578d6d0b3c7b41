# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgPlan(MipgCycleCase):
    def test_reference(self):
        year = self.plan.date_start.year
        self.assertRegex(self.plan.name, rf"^PM-{year}-\d{{3}}$")
        older = self.env["mipg.plan"].create(
            {"title": "Plan 2024", "source": "furag", "date_start": "2024-03-01"}
        )
        self.assertRegex(older.name, r"^PM-2024-\d{3}$")
        self.assertTrue(self.opportunity.name.startswith("OM-"))

    def test_approve_needs_an_action(self):
        with self.assertRaisesRegex(ValidationError, "at least one"):
            self.plan.with_user(self.mayor).action_approve()
        with self.assertRaisesRegex(ValidationError, "at least one"):
            self.plan.write({"state": "approved"})
        self.env.invalidate_all()
        self.assertEqual(self.plan.state, "draft")
        self._create_action()
        self.plan.with_user(self.mayor).action_approve()
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(self.plan.approved_by_id, self.mayor)
        self.assertIn(
            self.planner.partner_id,
            self.plan.message_ids[0].partner_ids,
            "the responsible is told",
        )

    def test_only_strategic_line_approves_or_returns(self):
        self._create_action()
        for user in (self.planner, self.leader):
            with self.assertRaisesRegex(AccessError, "strategic line"):
                self.plan.with_user(user).action_approve()
            with self.assertRaisesRegex(UserError, "buttons"):
                self.plan.with_user(user).write({"state": "approved"})
        self.plan.with_user(self.mayor).action_approve()
        with self.assertRaisesRegex(AccessError, "strategic line"):
            self.plan.with_user(self.planner).action_return()
        self.plan.with_user(self.mayor).action_return()
        self.assertEqual(self.plan.state, "draft")
        self.assertFalse(self.plan.approved_by_id)

    def test_state_only_through_buttons(self):
        """A process leader may edit the plan of their process, but not its
        state nor who approved it: the strategic line's approval cannot be
        skipped or forged."""
        self._create_action()
        plan = self.plan.with_user(self.leader)
        plan.write({"audited_period": "2025"})
        for vals in (
            {"state": "in_progress"},
            {"state": "closed"},
            {"approved_by_id": self.mayor.id},
            {"date_approved": self.today},
        ):
            with self.assertRaisesRegex(UserError, "buttons"):
                plan.write(vals)
        with self.assertRaisesRegex(UserError, "buttons"):
            self.env["mipg.plan"].with_user(self.leader).create(
                {
                    "title": "Plan ya aprobado",
                    "source": "autoevaluacion",
                    "process_id": self.process.id,
                    "state": "in_progress",
                }
            )
        self.assertEqual(self.plan.state, "draft")
        self.assertFalse(self.plan.approved_by_id)

    def test_second_line_runs_the_plan(self):
        self._create_action()
        self.plan.with_user(self.mayor).action_approve()
        for user in (self.leader, self.mayor):
            for method in ("action_start", "action_close", "action_cancel"):
                with self.assertRaisesRegex(AccessError, "second line"):
                    getattr(self.plan.with_user(user), method)()
        self.assertEqual(self.plan.state, "approved")
        self.plan.with_user(self.planner).action_start()
        self.assertEqual(self.plan.state, "in_progress")
        self.plan.with_user(self.planner).action_cancel(
            "Informe anulado por la Contraloría"
        )
        self.assertEqual(self.plan.state, "cancelled")
        with self.assertRaisesRegex(AccessError, "second line"):
            self.plan.with_user(self.leader).action_draft()
        self.plan.with_user(self.planner).action_draft()
        self.assertEqual(self.plan.state, "draft")

    def test_no_action_added_to_closed_or_cancelled_plan(self):
        action = self._create_action()
        self.plan.with_user(self.mayor).action_approve()
        self.plan.with_user(self.planner).action_cancel(
            "Informe anulado por la Contraloría"
        )
        Action = self.env["mipg.action"].with_user(self.planner)
        with self.assertRaisesRegex(UserError, "no action can be added"):
            Action.create(
                {
                    "name": "Acción en un plan cancelado",
                    "plan_id": self.plan.id,
                    "responsible_id": self.leader.id,
                }
            )
        other = Action.create({"name": "Otra acción", "responsible_id": self.leader.id})
        with self.assertRaisesRegex(UserError, "no action can be added"):
            other.write({"plan_id": self.plan.id})
        # the actions already in the plan can still be edited
        action.with_user(self.planner).write({"plan_id": self.plan.id, "goal": "x"})
        self.assertEqual(self.plan.action_ids, action)
        self.plan.with_user(self.planner).action_draft()
        other.write({"plan_id": self.plan.id})
        self.assertEqual(self.plan.action_ids, action | other)

    def test_close_only_when_actions_closed(self):
        action = self._create_action()
        cancelled = self._create_action(name="Acción descartada")
        self.plan.with_user(self.mayor).action_approve()
        self.plan.with_user(self.planner).action_start()
        with self.assertRaisesRegex(ValidationError, "open actions"):
            self.plan.with_user(self.planner).action_close()
        with self.assertRaisesRegex(ValidationError, "open actions"):
            self.plan.write({"state": "closed"})
        self.env.invalidate_all()
        cancelled.stage_id = self.stage["cancelled"]
        self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(action)
        action.stage_id = self.stage["closed"]
        self.plan.with_user(self.planner).action_close()
        self.assertEqual(self.plan.state, "closed")
        with self.assertRaisesRegex(UserError, "closed plan"):
            self.plan.action_cancel("Informe anulado")

    def test_dates(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.plan.date_end = self.plan.date_start - timedelta(days=1)

    def test_validation_queries_do_not_depend_on_plan_size(self):
        """Validating one follow-up costs the same number of queries in a
        plan of 10 actions as in a plan of 200."""

        def plan_with(size):
            plan = self.env["mipg.plan"].create(
                {"title": f"Plan {size}", "source": "autoevaluacion"}
            )
            opportunity = self.opportunity.copy({"plan_id": plan.id})
            actions = self.env["mipg.action"].create(
                [
                    {
                        "name": f"Acción {i}",
                        "plan_id": plan.id,
                        "opportunity_id": opportunity.id,
                        "responsible_id": self.leader.id,
                    }
                    for i in range(size)
                ]
            )
            followup = (
                self.env["mipg.followup"]
                .with_user(self.leader)
                .create({"action_id": actions[0].id, "progress": 50})
            )
            followup.action_submit()
            self.env.flush_all()
            return followup

        def validation_queries(followup):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            followup.with_user(self.planner).action_validate()
            self.env.flush_all()
            return self.cr.sql_log_count - start

        validation_queries(plan_with(3))  # warm the caches of access rights
        small = validation_queries(plan_with(10))
        large = validation_queries(plan_with(200))
        self.assertEqual(small, large)

    # ------------------------------------------------------------------
    # Add existing opportunities
    # ------------------------------------------------------------------
    def _loose_opportunity(self, process=None, **values):
        vals = {
            "title": "Brecha del autodiagnóstico",
            "source": "autoevaluacion",
            "description": "Actividad con calificación baja.",
            "process_id": (process or self.process).id,
        }
        vals.update(values)
        return self.env["mipg.opportunity"].create(vals)

    def _add(self, user, plan, opportunities):
        action = plan.with_user(user).action_open_add_opportunities()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"opportunity_ids": [(6, 0, opportunities.ids)]})
        )
        return wizard.action_confirm()

    def test_add_existing_opportunities(self):
        loose = self._loose_opportunity()
        self._add(self.planner, self.plan, loose)
        self.assertEqual(loose.plan_id, self.plan)
        self.assertIn(loose, self.plan.opportunity_ids)
        # the leader of the process brings one of their own
        mine = self._loose_opportunity(title="Otra brecha")
        self._add(self.leader, self.plan, mine)
        self.assertEqual(mine.plan_id, self.plan)

    def test_add_existing_opportunities_refused(self):
        other_process = self.env["mipg.process"].create(
            {"code": "GT-T9", "name": "Gestión TIC", "leader_id": self.other_leader.id}
        )
        foreign = self._loose_opportunity(process=other_process)
        with self.assertRaises(AccessError):
            self._add(self.leader, self.plan, foreign)
        self.assertFalse(foreign.plan_id)
        # one already in a plan is not taken from it
        other_plan = self.plan.copy({"title": "Plan de autoevaluación"})
        taken = self._loose_opportunity(plan_id=other_plan.id)
        with self.assertRaisesRegex(UserError, "already belong to a plan"):
            self._add(self.planner, self.plan, taken)
        self.assertEqual(taken.plan_id, other_plan)
        # nothing is added to a cancelled plan
        loose = self._loose_opportunity(title="Brecha tardía")
        self.plan.with_user(self.planner).action_cancel("Plan duplicado")
        with self.assertRaisesRegex(UserError, "closed or cancelled"):
            self._add(self.planner, self.plan, loose)
        self.assertFalse(loose.plan_id)
        with self.assertRaisesRegex(UserError, "at least one"):
            self._add(self.planner, other_plan, self.env["mipg.opportunity"])
