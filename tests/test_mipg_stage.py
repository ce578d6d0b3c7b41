# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import MipgCycleCase

VIEW_TYPES = ["kanban", "list", "form", "search", "calendar", "pivot", "graph"]


@tagged("post_install", "-at_install")
class TestMipgStage(MipgCycleCase):
    def test_seed_follows_the_booklet(self):
        stages = self.env["mipg.stage"].search([])
        self.assertEqual(
            stages.mapped("code"),
            [
                "1",
                "2.1",
                "2.2",
                "2.3",
                "3.1",
                "3.2",
                "3.3",
                "4.1",
                "closed",
                "cancelled",
            ],
        )
        self.assertEqual(
            stages.mapped("phva"),
            [
                "plan",
                "plan",
                "plan",
                "do",
                "check",
                "check",
                "check",
                "act",
                "act",
                "act",
            ],
        )
        folded = stages.filtered("fold")
        self.assertEqual(folded, self.stage["closed"] | self.stage["cancelled"])

    def test_board_stages_per_phase(self):
        Stage = self.env["mipg.stage"]
        self.assertEqual(
            Stage.with_context(mipg_phva="check")._mipg_board_stages(Stage),
            self.stage["3.1"] | self.stage["3.2"] | self.stage["3.3"],
        )
        self.assertEqual(len(Stage._mipg_board_stages(Stage)), 10)

    def test_board_actions_and_views_load(self):
        """Every board and view of the cycle opens for a process leader."""
        for xmlid in (
            "mipg.mipg_action_action",
            "mipg.mipg_action_action_plan",
            "mipg.mipg_action_action_do",
            "mipg.mipg_action_action_check",
            "mipg.mipg_action_action_act",
        ):
            action = self.env.ref(xmlid)
            self.assertEqual(action.res_model, "mipg.action")
        for model, types in (
            ("mipg.action", VIEW_TYPES),
            (
                "mipg.opportunity",
                ["kanban", "list", "form", "search", "pivot", "graph"],
            ),
            ("mipg.plan", ["kanban", "list", "form", "search", "pivot", "graph"]),
            ("mipg.followup", ["list", "form", "search"]),
            ("mipg.stage", ["list", "form", "search"]),
        ):
            views = (
                self.env[model]
                .with_user(self.leader)
                .get_views([(False, view_type) for view_type in types])
            )
            self.assertEqual(set(views["views"]), set(types), model)
