# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lines of defense in the real browser."""

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import new_user


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hacienda = new_user(
            cls.env,
            login="tour_hacienda",
            password="tour_hacienda",
            groups="mipg.group_mipg_first_line",
            name="Secretaria de Hacienda",
        )
        cls.salud = new_user(
            cls.env,
            login="tour_salud",
            password="tour_salud",
            groups="mipg.group_mipg_first_line",
            name="Secretario de Salud",
        )
        cls.oci = new_user(
            cls.env,
            login="tour_oci",
            password="tour_oci",
            groups="mipg.group_mipg_third_line",
            name="Jefe de Control Interno",
        )
        Process = cls.env["mipg.process"]
        cls.gf = Process.create(
            {
                "code": "TG-GF",
                "name": "Gestión Financiera",
                "leader_id": cls.hacienda.id,
            }
        )
        cls.sa = Process.create(
            {"code": "TG-SA", "name": "Salud Pública", "leader_id": cls.salud.id}
        )
        cls.stage_do = cls.env.ref("mipg.mipg_stage_2_3")
        cls.stage_check = cls.env.ref("mipg.mipg_stage_3_1")
        Action = cls.env["mipg.action"]
        cls.own = Action.create(
            {
                "name": "Conciliar cuentas bancarias",
                "responsible_id": cls.hacienda.id,
                "process_id": cls.gf.id,
                "stage_id": cls.stage_do.id,
            }
        )
        cls.env["mipg.followup"].create(
            {"action_id": cls.own.id, "line": "first", "progress": 60}
        )
        cls.other = Action.create(
            {
                "name": "Vacunación escolar",
                "responsible_id": cls.salud.id,
                "process_id": cls.sa.id,
                "stage_id": cls.stage_do.id,
            }
        )

    def test_oci_finds_no_edit_nor_create_button(self):
        self.start_tour(
            "/odoo/action-mipg.mipg_action_action_ci",
            "mipg_tour_oci_read_only",
            login="tour_oci",
        )
        self.assertEqual(self.own.name, "Conciliar cuentas bancarias")

    def test_first_line_moves_own_action(self):
        self.start_tour(
            "/odoo/action-mipg.mipg_action_action",
            "mipg_tour_first_line_board",
            login="tour_hacienda",
        )
        self.assertEqual(self.own.stage_id, self.stage_check)
        self.assertEqual(self.other.stage_id, self.stage_do)

    def test_oci_grades_from_the_evaluation_board(self):
        overdue = self.env["mipg.action"].create(
            {
                "name": "Publicar el normograma",
                "responsible_id": self.hacienda.id,
                "process_id": self.gf.id,
                "date_deadline": "2020-01-31",
            }
        )
        self.start_tour(
            "/odoo/action-mipg.mipg_action_action_evaluation",
            "mipg_tour_oci_evaluation",
            login="tour_oci",
        )
        evaluation = overdue.followup_ids
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(evaluation.line, "third")
        self.assertEqual(evaluation.author_id, self.oci)
        self.assertEqual(evaluation.progress, 100)
        self.assertEqual(evaluation.effective, "effective")
        self.assertEqual(evaluation.state, "validated")
        self.assertEqual(evaluation.validated_by_id, self.oci)
        self.assertTrue(overdue.effective)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_first_line_cannot_open_other_process_action(self):
        self.start_tour(
            f"/odoo/action-mipg.mipg_action_action/{self.other.id}",
            "mipg_tour_first_line_forbidden",
            login="tour_hacienda",
        )
