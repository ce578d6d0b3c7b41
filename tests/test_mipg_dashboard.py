# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import MipgCycleCase, new_user

PREFIX = "mipg.mipg_dashboard_tile_"
FIGURES = {"figures_dimension", "figures_process", "figures_phva"}
DEADLINES = {"actions_overdue", "actions_due_soon"}
# The tiles of each line of defense (the lowest group of each).
EXPECTED = {
    "servant": {"activities"},
    "leader": {"activities", "reports_to_submit", "my_plans"} | DEADLINES,
    "planner": {
        "activities",
        "followups_to_validate",
        "lessons_to_verify",
        "my_plans",
        "plans_in_progress",
    }
    | DEADLINES
    | FIGURES,
    "oci": {
        "activities",
        "evaluations_to_validate",
        "actions_to_evaluate",
        "evaluations_due",
    },
    "mayor": {"activities", "plans_to_approve", "plans_in_progress"}
    | DEADLINES
    | FIGURES,
}
# What the kanban of the dashboard reads of each tile.
KANBAN_SPEC = {
    "name": {},
    "description": {},
    "icon": {},
    "color": {},
    "section": {},
    "count": {},
}


@tagged("post_install", "-at_install")
class TestMipgDashboard(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servant = new_user(
            cls.env, login="dashboard_servant", groups="mipg.group_mipg_user"
        )
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "TH-T1",
                "name": "Talento Humano (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )
        cls.overdue = cls._create_action(
            name="Conciliar las cuentas por pagar",
            date_start=cls.today - timedelta(days=30),
            date_deadline=cls.today - timedelta(days=1),
        )
        cls.due_soon = cls._create_action(
            name="Capacitar a tesorería",
            date_deadline=cls.today + timedelta(days=2),
        )
        cls.on_time = cls._create_action(name="Actualizar el procedimiento")
        cls.other_overdue = cls.env["mipg.action"].create(
            {
                "name": "Actualizar el plan de vacantes",
                "process_id": cls.other_process.id,
                "responsible_id": cls.other_leader.id,
                "date_start": cls.today - timedelta(days=30),
                "date_deadline": cls.today - timedelta(days=3),
            }
        )
        cls.made = cls.overdue | cls.due_soon | cls.on_time | cls.other_overdue
        cls.users = {
            "servant": cls.servant,
            "leader": cls.leader,
            "planner": cls.planner,
            "oci": cls.oci,
            "mayor": cls.mayor,
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _tile(self, name, user):
        return self.env.ref(PREFIX + name).with_user(user)

    def _count(self, name, user):
        tile = self._tile(name, user)
        tile.invalidate_recordset(["count"])
        return tile.count

    def _opened(self, name, user):
        """The records of the list the tile opens, as its user sees them."""
        action = self._tile(name, user).action_open()
        return self.env[action["res_model"]].with_user(user).search(action["domain"])

    def _dashboard(self, user):
        """The tiles the dashboard action shows to the user."""
        action = self.env.ref("mipg.mipg_dashboard_tile_action")
        return (
            self.env["mipg.dashboard.tile"]
            .with_user(user)
            .search(safe_eval(action.domain))
        )

    def _names(self, tiles):
        return {
            xmlid.removeprefix(PREFIX)
            for xmlid in tiles.sudo().get_external_id().values()
            if xmlid.startswith(PREFIX)
        }

    def _assert_tile(self, name, user, records):
        """The tile counts the records and opens exactly them."""
        self.assertEqual(self._count(name, user), len(records), name)
        self.assertEqual(self._opened(name, user), records, name)

    # ------------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------------
    def test_each_line_sees_its_tiles(self):
        for line, user in self.users.items():
            with self.subTest(line=line):
                self.assertEqual(self._names(self._dashboard(user)), EXPECTED[line])

    def test_sections_in_the_order_of_the_work(self):
        """The columns of the dashboard: what waits for me first, then my
        deadlines, the plans and the figures; none without tiles."""
        domain = safe_eval(self.env.ref("mipg.mipg_dashboard_tile_action").domain)
        expected = {
            "planner": ["waiting", "deadlines", "plans", "figures"],
            "oci": ["waiting", "deadlines"],
            "servant": ["waiting"],
        }
        for line, sections in expected.items():
            with self.subTest(line=line):
                Tile = self.env["mipg.dashboard.tile"].with_user(self.users[line])
                groups = Tile.web_read_group(domain, ["section"], ["section"])
                self.assertEqual([g["section"] for g in groups["groups"]], sections)

    def test_counts_match_the_lists_they_open(self):
        for line, user in self.users.items():
            for tile in self._dashboard(user):
                with self.subTest(line=line, tile=tile.name):
                    action = tile.action_open()
                    records = (
                        self.env[action["res_model"]]
                        .with_user(user)
                        .search(action["domain"])
                    )
                    self.assertEqual(tile.count, len(records))

    def test_home_of_the_mipg_app(self):
        dashboard = self.env.ref("mipg.mipg_dashboard_tile_action")
        self.assertEqual(self.env.ref("mipg.mipg_menu_root").action, dashboard)
        menu = self.env.ref("mipg.mipg_dashboard_tile_menu")
        self.assertEqual(menu.action, dashboard)
        siblings = self.env["ir.ui.menu"].search(
            [("parent_id", "=", menu.parent_id.id)]
        )
        self.assertEqual(siblings[:1], menu, "My work is the first menu")
        # The administrators configure the tiles from the Configuration menu.
        config = self.env.ref("mipg.mipg_dashboard_tile_menu_config")
        self.assertEqual(
            config.action, self.env.ref("mipg.mipg_dashboard_tile_action_config")
        )
        self.assertEqual(config.groups_id, self.env.ref("mipg.group_mipg_manager"))
        # A servant given MIPG rights, with no home action, lands on MIPG
        # (the web client opens the first app) rather than on Discuss.
        servant = new_user(
            self.env, login="dashboard_home_servant", groups="mipg.group_mipg_user"
        )
        menus = self.env["ir.ui.menu"].with_user(servant).load_menus(False)
        first_app = menus[menus["root"]["children"][0]]
        self.assertEqual(first_app["xmlid"], "mipg.mipg_menu_root")
        for xmlid in (
            "mipg.mipg_user_alcalde_demo",
            "mipg.mipg_user_planeacion_demo",
            "mipg.mipg_user_control_interno_demo",
            "mipg.mipg_user_hacienda_demo",
            "mipg.mipg_user_talento_humano_demo",
            "mipg.mipg_user_servidor_demo",
        ):
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user:  # with demo data
                self.assertEqual(user.action_id.id, dashboard.id, xmlid)

    # ------------------------------------------------------------------
    # Deadlines and plans
    # ------------------------------------------------------------------
    def test_leader_with_one_overdue_action(self):
        self._assert_tile("actions_overdue", self.leader, self.overdue)
        self._assert_tile("actions_due_soon", self.leader, self.due_soon)
        # each leader their own
        self._assert_tile("actions_overdue", self.other_leader, self.other_overdue)
        self._assert_tile(
            "actions_due_soon", self.other_leader, self.env["mipg.action"]
        )

    def test_leader_sees_the_overdue_actions_of_the_process_they_lead(self):
        delegated = self._create_action(
            name="Archivar los soportes",
            responsible_id=self.servant.id,
            date_start=self.today - timedelta(days=10),
            date_deadline=self.today - timedelta(days=2),
        )
        self._assert_tile("actions_overdue", self.leader, self.overdue | delegated)
        # a member of the process who is not its leader sees only their own
        member = new_user(
            self.env, login="dashboard_member", groups="mipg.group_mipg_first_line"
        )
        self.process.member_ids = [(4, member.id)]
        self._assert_tile("actions_overdue", member, self.env["mipg.action"])
        delegated.responsible_id = member
        self._assert_tile("actions_overdue", member, delegated)

    def test_closed_and_cancelled_actions_are_not_overdue(self):
        self.overdue.stage_id = self.stage["cancelled"]
        self._assert_tile("actions_overdue", self.leader, self.env["mipg.action"])

    def test_my_processes_plans(self):
        self._assert_tile("my_plans", self.leader, self.plan)
        self._assert_tile("my_plans", self.other_leader, self.env["mipg.plan"])
        # the planner is responsible of the plan
        self._assert_tile("my_plans", self.planner, self.plan)
        self.plan.sudo().write({"state": "cancelled"})
        self._assert_tile("my_plans", self.leader, self.env["mipg.plan"])

    def test_plans_to_approve(self):
        # the tiles of the whole entity count the demo data too, if any
        to_approve = self._opened("plans_to_approve", self.mayor)
        in_progress = self._opened("plans_in_progress", self.mayor)
        self.assertIn(self.plan, to_approve)
        self.assertNotIn(self.plan, in_progress)
        empty = self.env["mipg.plan"].create(
            {"title": "Plan sin acciones", "source": "autoevaluacion"}
        )
        self.assertEqual(empty.state, "draft")
        self._assert_tile("plans_to_approve", self.mayor, to_approve)
        self.plan.with_user(self.mayor).action_approve()
        self._assert_tile("plans_to_approve", self.mayor, to_approve - self.plan)
        self._assert_tile("plans_in_progress", self.mayor, in_progress | self.plan)

    # ------------------------------------------------------------------
    # What waits for me
    # ------------------------------------------------------------------
    def _first_line_report(self, user, action=None, submit=True):
        followup = (
            self.env["mipg.followup"]
            .with_user(user)
            .create(
                {
                    "action_id": (action or self.on_time).id,
                    "line": "first",
                    "progress": 40,
                }
            )
        )
        if submit:
            followup.action_submit()
        return followup

    def test_followups_to_validate_are_those_of_others(self):
        before = self._opened("followups_to_validate", self.planner)
        self._assert_tile("followups_to_validate", self.planner, before)
        report = self._first_line_report(self.leader)
        self._assert_tile("followups_to_validate", self.planner, before | report)
        # a head of office on both lines never reviews their own report
        both = new_user(
            self.env,
            login="dashboard_both_lines",
            groups="mipg.group_mipg_first_line,mipg.group_mipg_second_line",
        )
        self.process.member_ids = [(4, both.id)]
        own = self._first_line_report(both)
        self._assert_tile("followups_to_validate", both, before | report)
        self._assert_tile("followups_to_validate", self.planner, before | report | own)
        report.with_user(self.planner).action_validate()
        self._assert_tile("followups_to_validate", self.planner, before | own)

    def test_reports_to_submit(self):
        draft = self._first_line_report(self.leader, submit=False)
        self._assert_tile("reports_to_submit", self.leader, draft)
        self._assert_tile(
            "reports_to_submit", self.other_leader, self.env["mipg.followup"]
        )
        draft.action_submit()
        self._assert_tile("reports_to_submit", self.leader, self.env["mipg.followup"])
        draft.with_user(self.planner).write({"comments": "Falta la evidencia."})
        draft.with_user(self.planner).action_reject()
        self._assert_tile("reports_to_submit", self.leader, draft)

    def test_lessons_to_verify(self):
        before = self._opened("lessons_to_verify", self.planner)
        self._assert_tile("lessons_to_verify", self.planner, before)
        opportunity = self.env["mipg.opportunity"].create(
            {
                "title": "Conciliaciones bancarias atrasadas",
                "source": "auditoria_interna_gestion",
                "description": "Las conciliaciones se hacían tarde.",
                "process_id": self.process.id,
            }
        )
        action = self._create_action(opportunity_id=opportunity.id, plan_id=False)
        self._evaluate(action)
        lesson = (
            self.env["mipg.lesson"]
            .with_user(self.leader)
            .with_context(default_opportunity_id=opportunity.id)
            .create({"recommendation": "Conciliar cada mes.", "year": 2090})
        )
        self._assert_tile("lessons_to_verify", self.planner, before)
        lesson.action_propose()
        self._assert_tile("lessons_to_verify", self.planner, before | lesson)

    def test_internal_control_office(self):
        # the tiles of the whole entity count the demo data too, if any
        drafts = self._opened("evaluations_to_validate", self.oci)
        waiting = self._opened("actions_to_evaluate", self.oci)
        due = self._opened("evaluations_due", self.oci)
        self.assertEqual(due & self.made, self.overdue | self.other_overdue)
        self.assertFalse(waiting & self.made)
        evaluation = (
            self.env["mipg.followup"]
            .with_user(self.oci)
            .create(
                {
                    "action_id": self.on_time.id,
                    "line": "third",
                    "progress": 40,
                    "effective": "not_effective",
                }
            )
        )
        self._assert_tile("evaluations_to_validate", self.oci, drafts | evaluation)
        evaluation.action_validate()
        self._assert_tile("evaluations_to_validate", self.oci, drafts)
        # the actions in the Check stages wait for an evaluation
        self.due_soon.stage_id = self.stage["3.1"]
        self._assert_tile("actions_to_evaluate", self.oci, waiting | self.due_soon)
        # the actions at 100 % or past their deadline are due for evaluation,
        # until the Internal Control Office evaluates them effective
        self._report(self.on_time, 100)
        self._assert_tile("evaluations_due", self.oci, due | self.on_time)
        self._evaluate(self.overdue)
        self._assert_tile(
            "evaluations_due", self.oci, due - self.overdue | self.on_time
        )

    def test_my_activities_on_mipg_records(self):
        Activity = self.env["mail.activity"]
        self._assert_tile("activities", self.leader, Activity)
        todo = self.on_time.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.leader.id
        )
        self.plan.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.planner.id
        )
        self.leader.partner_id.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.leader.id
        )
        self._assert_tile("activities", self.leader, todo)
        todo.action_done()
        self._assert_tile("activities", self.leader, Activity)

    # ------------------------------------------------------------------
    # Figures of the entity
    # ------------------------------------------------------------------
    def test_figures_by_dimension_and_process(self):
        Action = self.env["mipg.action"]
        talento = self.env.ref("mipg.mipg_dimension_talento_humano")
        control = self.env.ref("mipg.mipg_dimension_control_interno")
        opportunity = self.env["mipg.opportunity"].create(
            {
                "title": "Inducción sin evaluación",
                "description": "La inducción no se evalúa.",
                "source": "autoevaluacion",
                "process_id": self.other_process.id,
                "policy_ids": [
                    (4, self.env.ref("mipg.mipg_policy_integridad").id),
                    (4, self.env.ref("mipg.mipg_policy_control_interno").id),
                ],
            }
        )
        self.assertEqual(opportunity.dimension_ids, talento | control)
        both = Action.create(
            {
                "name": "Evaluar la inducción",
                "opportunity_id": opportunity.id,
                "responsible_id": self.other_leader.id,
            }
        )
        for user in (self.planner, self.mayor):
            with self.subTest(user=user.login):
                actions = Action.with_user(user).search([])
                self._assert_tile("figures_process", user, self._figures(actions, user))
                self._assert_tile(
                    "figures_dimension", user, self._figures(actions, user)
                )
                Figure = self.env["mipg.dashboard.figure"].with_user(user)
                # grouped by dimension, the action counts in both of its
                # dimensions; in total, once
                groups = dict(
                    Figure._read_group(
                        [("action_id", "in", both.ids)], ["dimension_ids"], ["__count"]
                    )
                )
                self.assertEqual(groups, {talento: 1, control: 1})
                self.assertEqual(
                    Figure.search_count(
                        [
                            ("dimension_ids", "in", talento.ids),
                            ("process_id", "=", self.other_process.id),
                        ]
                    ),
                    1,
                )
                by_process = dict(Figure._read_group([], ["process_id"], ["__count"]))
                self.assertEqual(by_process[self.process], 3)
                self.assertEqual(by_process[self.other_process], 2)
        open_ = self._opened("figures_phva", self.planner)
        self.assertIn(self.overdue.id, open_.ids)
        self.overdue.stage_id = self.stage["cancelled"]
        self._assert_tile(
            "figures_phva",
            self.planner,
            open_ - self._figures(self.overdue, self.planner),
        )
        figure = self._figures(self.on_time, self.planner)
        self.assertEqual(
            (figure.phva, figure.stage_id, figure.status, figure.process_id),
            (self.on_time.phva, self.on_time.stage_id, "open", self.process),
        )

    def _figures(self, actions, user):
        return self.env["mipg.dashboard.figure"].with_user(user).browse(actions.ids)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_figures_are_for_the_second_and_strategic_lines(self):
        for user in (self.servant, self.leader, self.oci):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["mipg.dashboard.figure"].with_user(user).search([])
                tile = self._tile("figures_dimension", user)
                tile.invalidate_recordset(["count"])
                self.assertEqual(tile.count, 0)

    # ------------------------------------------------------------------
    # The tiles themselves
    # ------------------------------------------------------------------
    def test_count_follows_the_record_rules(self):
        """Counted as the user, never as superuser: a tile on every action
        counts, for a leader, only the actions of their processes."""
        Action = self.env["mipg.action"]
        tile = self.env["mipg.dashboard.tile"].create(
            {
                "name": "All the actions",
                "model_id": self.env["ir.model"]._get_id("mipg.action"),
                "domain": "[]",
                "group_ids": [(4, self.env.ref("mipg.group_mipg_first_line").id)],
            }
        )
        mine = Action.with_user(self.leader).search([])
        self.assertEqual(mine, self.overdue | self.due_soon | self.on_time)
        self.assertEqual(tile.with_user(self.leader).count, 3)
        self.assertEqual(tile.with_user(self.other_leader).count, 1)
        self.assertGreater(tile.count, 3)
        self.assertIn(tile, self._dashboard(self.leader))
        self.assertNotIn(tile, self._dashboard(self.planner))

    def test_action_open(self):
        action = self._tile("followups_to_validate", self.planner).action_open()
        self.assertEqual(action["res_model"], "mipg.followup")
        self.assertEqual(action["name"], "Follow-ups to validate")
        self.assertEqual(action["display_name"], "Follow-ups to validate")
        self.assertEqual(action["views"][0][1], "list")
        self.assertNotIn("id", action)
        # no default filter of the borrowed action hides part of the records
        self.assertFalse(
            [key for key in action["context"] if key.startswith("search_default_")]
        )
        self.assertEqual(
            action["domain"],
            [
                ("line", "=", "first"),
                ("state", "=", "submitted"),
                ("author_id", "!=", self.planner.id),
            ],
        )
        action = self._tile("evaluations_due", self.oci).action_open()
        self.assertEqual(action["views"][0][1], "kanban")
        self.assertIn(("date_deadline", "<=", str(self.today)), action["domain"])
        action = self._tile("figures_dimension", self.planner).action_open()
        self.assertEqual(action["views"][0][1], "graph")
        self.assertEqual(action["context"]["pivot_row_groupby"], ["dimension_ids"])
        action = self._tile("my_plans", self.leader).action_open()
        self.assertIn(("process_id", "in", [self.process.id]), action["domain"])

    def test_domain_is_checked(self):
        Tile = self.env["mipg.dashboard.tile"]
        model_id = self.env["ir.model"]._get_id("mipg.action")
        for domain in ("[('no_such_field', '=', 1)]", "'draft'", "[('state', '=',"):
            with self.subTest(domain=domain):
                with self.assertRaisesRegex(ValidationError, "not valid"):
                    Tile.create({"name": "Bad", "model_id": model_id, "domain": domain})
        with self.assertRaisesRegex(ValidationError, "choose an action"):
            Tile.create(
                {
                    "name": "Bad",
                    "model_id": model_id,
                    "action_id": self.env.ref("mipg.mipg_plan_action").id,
                }
            )
        tile = Tile.create({"name": "Actions", "model_id": model_id})
        action = tile.action_open()
        self.assertEqual(action["res_model"], "mipg.action")
        self.assertEqual(action["domain"], [])

    def test_dashboard_query_count(self):
        """Loading the dashboard costs one count per tile, whatever the
        number of records behind them: besides the counts, the search and
        the read of the tiles, the user's groups and processes (for the
        domains and the record rules) and the check of the activities'
        documents."""
        Tile = self.env["mipg.dashboard.tile"].with_user(self.planner)
        domain = safe_eval(self.env.ref("mipg.mipg_dashboard_tile_action").domain)
        tiles = len(EXPECTED["planner"])
        Tile.web_search_read(domain, KANBAN_SPEC)  # warm the caches of the rules
        self.env.invalidate_all()
        with self.assertQueryCount(tiles + 6):
            result = Tile.web_search_read(domain, KANBAN_SPEC)
        self.assertEqual(result["length"], tiles)
        for n in range(20):
            self._create_action(name=f"Acción {n}", date_deadline=self.today)
        self.env.invalidate_all()
        with self.assertQueryCount(tiles + 6):
            Tile.web_search_read(domain, KANBAN_SPEC)


# Waits for a selector, clicks what is asked and reports success or the
# missing element (console.error fails the test).
BROWSER_JS = """
const find = async (selector, text) => {
    for (let i = 0; i < 200; i++) {
        const found = [...document.querySelectorAll(selector)].find(
            (el) => !text || el.textContent.includes(text)
        );
        if (found) {
            return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Not found: ${selector} ${text || ""}`);
};
(async () => {
    try {
        await find(".o_mipg_dashboard .o_kanban_group", "Waiting for me");
        const card = await find(".o_kanban_record", "My overdue actions");
        const count = card.querySelector(".o_mipg_dashboard_count").textContent;
        if (count.trim() !== "1") {
            throw new Error(`1 overdue action expected, the card says ${count}`);
        }
        card.click();
        await find(".o_list_view .o_data_row", "Conciliar las cuentas por pagar");
        await find(".o_breadcrumb", "My overdue actions");
        const rows = document.querySelectorAll(".o_list_view .o_data_row");
        if (rows.length !== 1) {
            throw new Error(`${rows.length} rows instead of 1`);
        }
        console.log("test successful");
    } catch (error) {
        console.error(error.message);
    }
})();
"""


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgDashboardBrowser(HttpCase):
    """The dashboard in the real browser: the home of a leader, its cards,
    a card opening its list."""

    def test_leader_lands_on_the_dashboard(self):
        leader = new_user(
            self.env,
            login="dashboard_browser_leader",
            password="dashboard_browser_leader",
            groups="mipg.group_mipg_first_line",
        )
        # the leader's today, as the dashboard computes it
        today = fields.Date.context_today(self.env["mipg.action"].with_user(leader))
        # No home action of their own: a user created outside the demo data
        # opens the first app, which is MIPG.
        self.assertFalse(leader.action_id)
        process = self.env["mipg.process"].create(
            {"code": "GF-B1", "name": "Gestión Financiera", "leader_id": leader.id}
        )
        self.env["mipg.action"].create(
            {
                "name": "Conciliar las cuentas por pagar",
                "process_id": process.id,
                "responsible_id": leader.id,
                "date_start": today - timedelta(days=10),
                "date_deadline": today - timedelta(days=1),
            }
        )
        self.browser_js("/odoo", BROWSER_JS, login="dashboard_browser_leader")
