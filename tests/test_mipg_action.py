# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import MipgCycleCase, assert_refused, evaluate, new_user, new_users

KANBAN_SPEC = {
    "reference": {},
    "plan_id": {"fields": {"display_name": {}}},
    "name": {},
    "process_id": {"fields": {"display_name": {}}},
    "progress": {},
    "priority": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "date_deadline": {},
    "is_closed": {},
    "color": {},
    "deadline_status": {},
    "responsible_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestMipgAction(MipgCycleCase):
    def test_reference_and_defaults(self):
        action = self._create_action()
        self.assertTrue(action.reference.startswith("AM-"))
        # formulated in a draft plan: planning the improvement
        self.assertEqual(action.stage_id, self.stage["2.2"])
        self.assertEqual(action.process_id, self.process, "taken from the finding")
        self.assertEqual(action.source, "contraloria_general")
        self.assertEqual(action.progress, 0)

    def test_start_after_deadline(self):
        with assert_refused(self, "after its deadline"):
            self._create_action(date_deadline=self.today - timedelta(days=1))
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, "after its deadline"):
            action.write({"date_start": action.date_deadline + timedelta(days=1)})

    def test_progress_roll_up_to_plan(self):
        first = self._create_action()
        second = self._create_action(name="Capacitar a los ordenadores del gasto")
        self._report(first, 40)
        self.assertEqual(first.progress, 40)
        self.assertEqual(self.plan.progress, 20)
        self.assertEqual(self.plan.action_count, 2)
        self._report(second, 100)
        self.assertEqual(self.plan.progress, 70)
        # a later validated report replaces the earlier one
        self._report(first, 60)
        self.assertEqual(first.progress, 60)
        self.assertEqual(self.plan.progress, 80)
        # a cancelled action leaves the average
        second.stage_id = self.stage["cancelled"]
        self.assertEqual(self.plan.progress, 60)
        self.assertEqual(self.plan.action_count, 1)

    def test_unvalidated_followups_do_not_count(self):
        action = self._create_action()
        followup = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": action.id, "progress": 90})
        )
        followup.action_submit()
        self.assertEqual(action.progress, 0)

    def test_close_requires_progress_evidence_and_effectiveness(self):
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, "must reach 100"):
            action.with_user(self.planner).write({"stage_id": self.stage["closed"].id})
        self._report(action, 100)
        with self.assertRaisesRegex(ValidationError, "attach the evidence"):
            action.with_user(self.planner).write({"stage_id": self.stage["closed"].id})
        action.evidence_ids = self._attachment(self.leader)
        with self.assertRaisesRegex(ValidationError, "grades it effective"):
            action.with_user(self.planner).write({"stage_id": self.stage["closed"].id})
        self._evaluate(action, "not_effective")
        self.assertFalse(action.effective)
        with self.assertRaisesRegex(ValidationError, "grades it effective"):
            action.with_user(self.planner).write({"stage_id": self.stage["closed"].id})
        self._evaluate(action, "effective")
        self.assertTrue(action.effective)
        action.with_user(self.planner).write({"stage_id": self.stage["closed"].id})
        self.assertEqual(action.deadline_status, "done")

    def test_evidence_of_a_validated_followup_is_enough(self):
        action = self._create_action()
        self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(action)
        action.stage_id = self.stage["closed"]
        self.assertTrue(action.is_closed)

    def test_third_line_cannot_be_responsible(self):
        with self.assertRaisesRegex(ValidationError, "Internal Control Office"):
            self._create_action(responsible_id=self.oci.id)
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, "Internal Control Office"):
            action.responsible_id = self.oci

    def test_responsible_cannot_join_third_line(self):
        self._create_action()
        oci_group = self.env.ref("mipg.group_mipg_third_line")
        with self.assertRaisesRegex(ValidationError, "Reassign those actions"):
            self.leader.write({"groups_id": [(4, oci_group.id)]})
        with self.assertRaisesRegex(ValidationError, "Reassign those actions"):
            oci_group.write({"users": [(4, self.leader.id)]})
        # without open actions the move is allowed
        self.other_leader.write({"groups_id": [(4, oci_group.id)]})
        self.assertTrue(self.other_leader.has_group("mipg.group_mipg_third_line"))

    def test_delete_only_without_validated_followups(self):
        action = self._create_action()
        draft = self._create_action(name="Borrador")
        draft.unlink()
        self._report(action, 10)
        with self.assertRaisesRegex(UserError, "archive it"):
            action.unlink()
        with self.assertRaisesRegex(UserError, "archive it"):
            self.opportunity.unlink()
        with self.assertRaisesRegex(UserError, "archive it"):
            self.plan.with_context(active_test=False).unlink()
        action.action_archive()
        self.assertFalse(action.active)

    def test_board_group_expand_per_phase(self):
        self._create_action(stage_id=self.stage["2.3"].id)
        Action = self.env["mipg.action"].with_user(self.planner)
        groups = Action.web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        self.assertEqual(
            [g["stage_id"][0] for g in groups],
            self.env["mipg.stage"].search([]).ids,
            "every stage is a column, empty ones too",
        )
        check = Action.with_context(mipg_phva="check").web_read_group(
            [("phva", "=", "check"), ("plan_id", "=", self.plan.id)],
            ["stage_id"],
            ["stage_id"],
        )["groups"]
        self.assertEqual(
            [g["stage_id"][0] for g in check],
            (self.stage["3.1"] | self.stage["3.2"] | self.stage["3.3"]).ids,
        )
        self.assertEqual(sum(g["stage_id_count"] for g in check), 0)
        do = Action.with_context(mipg_phva="do").web_read_group(
            [("phva", "=", "do"), ("plan_id", "=", self.plan.id)],
            ["stage_id"],
            ["stage_id"],
        )["groups"]
        self.assertEqual(len(do), 1)
        self.assertEqual(do[0]["stage_id_count"], 1)

    def test_board_progress_bar(self):
        self._create_action(
            date_deadline=self.today + timedelta(days=2), stage_id=self.stage["2.3"].id
        )
        self._create_action(
            date_start=self.today - timedelta(days=20),
            date_deadline=self.today - timedelta(days=1),
            stage_id=self.stage["2.3"].id,
        )
        self._create_action(
            date_deadline=self.today + timedelta(days=60), stage_id=self.stage["2.3"].id
        )
        colors = {
            "on_time": "success",
            "due_soon": "warning",
            "overdue": "danger",
            "done": "info",
        }
        bars = self.env["mipg.action"].read_progress_bar(
            [("plan_id", "=", self.plan.id)],
            "stage_id",
            {"field": "deadline_status", "colors": colors},
        )
        self.assertEqual(
            bars[str(self.stage["2.3"].id)],
            {"on_time": 1, "due_soon": 1, "overdue": 1, "done": 0},
        )
        overdue = self.env["mipg.action"].search(
            [("plan_id", "=", self.plan.id), ("deadline_status", "=", "overdue")]
        )
        self.assertEqual(len(overdue), 1)
        self.assertEqual(overdue.days_left, -1)
        self.assertEqual(self.plan.overdue_count, 1)
        not_overdue = self.env["mipg.action"].search(
            [("plan_id", "=", self.plan.id), ("deadline_status", "!=", "overdue")]
        )
        self.assertEqual(len(not_overdue), 2)

    def test_kanban_page_queries_do_not_grow(self):
        Action = self.env["mipg.action"].with_user(self.planner)

        def count_queries():
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Action.web_search_read(
                [("stage_id", "=", self.stage["2.3"].id)], KANBAN_SPEC, limit=40
            )
            return self.cr.sql_log_count - start

        for i in range(5):
            self._create_action(name=f"Acción {i}")
        self.env.flush_all()
        count_queries()  # warm the caches of access rights
        few = count_queries()
        others = new_users(
            self.env,
            {f"cycle_resp_{i}": "mipg.group_mipg_first_line" for i in range(5)},
        )
        self.env["mipg.action"].create(
            [
                self._action_values(
                    name=f"Acción extra {i}", responsible_id=others[i // 5].id
                )
                for i in range(25)
            ]
        )
        self.env.flush_all()
        count_queries()  # the new users reset the caches of access rights
        many = count_queries()
        self.assertEqual(few, many)

    @mute_logger("odoo.models.unlink")
    def test_cron_activities_without_duplicates(self):
        soon = self._create_action(date_deadline=self.today + timedelta(days=3))
        late = self._create_action(
            date_start=self.today - timedelta(days=30),
            date_deadline=self.today - timedelta(days=2),
        )
        far = self._create_action(date_deadline=self.today + timedelta(days=90))
        closed = self._create_action(date_deadline=self.today + timedelta(days=1))
        self._report(closed, 100, evidence=self._attachment(self.leader))
        self._evaluate(closed)
        closed.stage_id = self.stage["closed"]
        activity_type = self.env.ref("mipg.mipg_activity_type_deadline")

        mine = (soon | late | far | closed).ids

        def run_cron():
            created = self.env["mipg.action"]._cron_deadline_activities()
            return created.filtered(lambda a: a.res_id in mine)

        created = run_cron()
        self.assertEqual(sorted(created.mapped("res_id")), sorted([soon.id, late.id]))
        self.assertEqual(set(created.mapped("user_id")), {self.leader})
        self.assertIn("Overdue", late.activity_ids.summary)
        # the Spanish reminder is posted on each action, to its responsible
        for action in (soon, late):
            reminder = action.message_ids.filtered(
                lambda m, a=action: a.reference in (m.subject or "")
            )
            self.assertEqual(len(reminder), 1)
            self.assertIn(self.leader.partner_id, reminder.partner_ids)
        self.assertFalse(
            far.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
        self.assertFalse(run_cron())
        self.assertEqual(len(soon.activity_ids), 1)
        # the warning window is configurable
        self.env["ir.config_parameter"].set_param(
            "mipg.action_deadline_warning_days", "120"
        )
        self.assertEqual(run_cron().mapped("res_id"), [far.id])

    def test_cron_is_scheduled_daily(self):
        cron = self.env.ref("mipg.mipg_action_cron_deadline")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.active)

    def test_tracking_in_chatter(self):
        action = self._create_action()
        self.env.flush_all()
        self.env.cr.precommit.run()
        action.stage_id = self.stage["3.1"]
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        tracked = action.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("stage_id", tracked)


# Opens each board in turn in one page; fails on a board that does not show
# or on a client error.
BOARDS_JS = """
(async () => {
    const action = odoo.__WOWL_DEBUG__.root.env.services.action;
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    for (const xmlid of __BOARDS__) {
        await action.doAction(xmlid, {clearBreadcrumbs: true});
        let shown = false;
        for (let i = 0; i < 100 && !shown; i++) {
            await wait(50);
            shown = action.currentController?.action.xml_id === xmlid
                && !!document.querySelector(".o_view_controller .o_content");
        }
        if (!shown || document.querySelector(".o_error_dialog")) {
            console.error(`the board ${xmlid} did not show`);
            return;
        }
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgActionBoardRpc(HttpCase):
    """The board as the web client drives it, over JSON-RPC, for a user of
    the second line: a drag that breaks a rule is refused with its message
    and the card stays; once the rules hold, the same drag closes."""

    def _call(self, model, method, args, kwargs=None):
        if method == "web_save":
            kwargs = {"specification": {"stage_id": {}}}
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_drag_to_closed_through_rpc(self):
        planner = new_user(
            self.env, login="rpc_planner", groups="mipg.group_mipg_second_line"
        )
        leader = new_user(
            self.env, login="rpc_leader", groups="mipg.group_mipg_first_line"
        )
        oci = new_user(self.env, login="rpc_oci", groups="mipg.group_mipg_third_line")
        process = self.env["mipg.process"].create(
            {"code": "RPC-1", "name": "Proceso RPC", "leader_id": leader.id}
        )
        opportunity = self.env["mipg.opportunity"].create(
            {
                "title": "Hallazgo Contraloría",
                "source": "contraloria_general",
                "description": "Hallazgo",
                "process_id": process.id,
            }
        )
        action = self.env["mipg.action"].create(
            {
                "name": "Acción RPC",
                "opportunity_id": opportunity.id,
                "responsible_id": leader.id,
            }
        )
        closed = self.env.ref("mipg.mipg_stage_closed")
        before = action.stage_id
        self.authenticate("rpc_planner", "rpc_planner")
        groups = self._call(
            "mipg.action",
            "web_read_group",
            [[("phva", "=", "act")], [], ["stage_id"]],
            {"context": {"mipg_phva": "act"}},
        )["groups"]
        self.assertEqual(
            [g["stage_id"][0] for g in groups],
            self.env["mipg.stage"].search([("phva", "=", "act")]).ids,
        )
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "ValidationError"),
        ):
            self._call(
                "mipg.action", "web_save", [[action.id], {"stage_id": closed.id}]
            )
        self.env.invalidate_all()
        self.assertEqual(action.stage_id, before)

        # uploaded by the leader, as the web client does
        evidence = (
            self.env["ir.attachment"]
            .with_user(leader)
            .create({"name": "acta.txt", "raw": b"acta"})
        )
        followup = (
            self.env["mipg.followup"]
            .with_user(leader)
            .create(
                {
                    "action_id": action.id,
                    "progress": 100,
                    "evidence_ids": [(6, 0, evidence.ids)],
                }
            )
        )
        followup.action_submit()
        followup.with_user(planner).action_validate()
        evaluate(oci, action)
        self.assertTrue(action.effective)
        self._call("mipg.action", "web_save", [[action.id], {"stage_id": closed.id}])
        self._call(
            "mipg.opportunity", "web_save", [[opportunity.id], {"stage_id": closed.id}]
        )
        self.env.invalidate_all()
        self.assertTrue(action.is_closed)
        self.assertTrue(opportunity.is_closed)
        self.assertTrue(opportunity.effective)

    def test_boards_render_in_the_browser(self):
        """Each board opens in the web client without a client error: one
        browser session opens them one after the other, as a user going from
        menu to menu (one page load, not one per board)."""
        new_user(self.env, login="web_planner", groups="mipg.group_mipg_second_line")
        boards = [
            f"mipg.{xmlid}"
            for xmlid in (
                "mipg_action_action",
                "mipg_action_action_plan",
                "mipg_action_action_do",
                "mipg_action_action_check",
                "mipg_action_action_act",
                "mipg_opportunity_action",
                "mipg_plan_action",
                "mipg_followup_action",
            )
        ]
        code = BOARDS_JS.replace("__BOARDS__", json.dumps(boards))
        self.browser_js(
            "/odoo/action-mipg.mipg_action_action",
            code,
            "!!document.querySelector('.o_view_controller')",
            login="web_planner",
            timeout=120,
        )
