# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input where a user types or imports: a clear error and nothing
half-saved. Cases already covered elsewhere (plan and action dates,
follow-up progress, self-assessment scores, catalog codes, unreadable or
incomplete import files) are not repeated here."""

import base64
import io

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgBadInput(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst = new_test_user(
            cls.env, login="bad_input_analyst", groups="mipg.group_mipg_second_line"
        )
        cls.policy = cls.env.ref("mipg.mipg_policy_integridad")

    def _count(self, model, domain=None):
        return self.env[model].search_count(domain or [])

    def test_negative_target_quantity(self):
        before = self._count("mipg.action")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_action(target_quantity=-3)
        self.assertEqual(self._count("mipg.action"), before)
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            action.with_user(self.planner).write({"target_quantity": -1})
        self.assertEqual(action.target_quantity, 1)

    def test_action_dates_changed_one_at_a_time(self):
        """Moving the deadline before the start, after creation, is refused
        as well, and the deadline keeps its value."""
        action = self._create_action()
        deadline = action.date_deadline
        with self.assertRaisesRegex(ValidationError, "after its deadline"):
            action.with_user(self.leader).write(
                {"date_deadline": action.date_start.replace(year=2000)}
            )
        self.assertEqual(action.date_deadline, deadline)

    def test_bulletin_year_and_edition(self):
        Bulletin = self.env["mipg.bulletin"].with_user(self.planner)
        for year in (26, 202, 20260, -2026):
            with self.assertRaisesRegex(ValidationError, "four digits"):
                Bulletin.create({"year": year, "edition": 1})
        with self.assertRaisesRegex(ValidationError, "1 or more"):
            Bulletin.create({"year": 2091, "edition": 0})
        self.assertFalse(Bulletin.search([("year", "in", (26, 202, 2091))]))

    def test_lesson_year(self):
        self._evaluate(self._create_action())  # at 100 %, effective
        with self.assertRaisesRegex(ValidationError, "four digits"):
            self.env["mipg.lesson"].with_user(self.planner).create(
                {
                    "opportunity_id": self.opportunity.id,
                    "recommendation": "x",
                    "year": 99,
                }
            )

    def test_self_assessment_year(self):
        Assessment = self.env["mipg.self.assessment"].with_user(self.analyst)
        before = self._count("mipg.self.assessment")
        for year in (0, 26, 12026):
            with self.assertRaisesRegex(ValidationError, "four digits"):
                Assessment.create({"policy_id": self.policy.id, "year": year})
        self.assertEqual(self._count("mipg.self.assessment"), before)

    def test_activity_codes(self):
        component = self.env["mipg.assessment.component"].create(
            {"policy_id": self.policy.id, "name": "Componente"}
        )
        category = self.env["mipg.assessment.category"].create(
            {"component_id": component.id, "name": "Categoría"}
        )
        Activity = self.env["mipg.assessment.activity"]
        for code in ("", " 12", "12 A", "A12", "12a", "1.2"):
            with self.assertRaisesRegex(ValidationError, "12 or 12A"):
                Activity.create(
                    {"category_id": category.id, "code": code, "name": "Actividad"}
                )
        for code in ("7", "12A"):
            Activity.create(
                {"category_id": category.id, "code": code, "name": "Actividad"}
            )
        self.assertEqual(category.activity_ids.mapped("code"), ["7", "12A"])

    def test_followup_progress_written_later(self):
        followup = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": self._create_action().id, "progress": 40})
        )
        for progress in (-0.01, 100.5, 1e9):
            with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                followup.with_user(self.leader).write({"progress": progress})
        self.assertEqual(followup.progress, 40)

    # ------------------------------------------------------------------
    # Import wizards given garbage
    # ------------------------------------------------------------------
    def _furag(self, content, file_name, year=2024):
        return (
            self.env["mipg.furag.import"]
            .with_user(self.analyst)
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": file_name,
                    "year": year,
                }
            )
            .action_import()
        )

    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def test_furag_garbage_files(self):
        cases = [
            (b"\x00\x01\x02garbage\xff" * 50, "furag.xlsx", "cannot be read"),
            (b"", "furag.csv", "empty"),
            (b" ; ;\n;;\n", "furag.csv", "empty"),
            (self._xlsx([]), "furag.xlsx", "empty"),
            (b"\xff\xfe\x00g\x00a\x00r\x00b\x00a\x00g\x00e", "furag.csv", "column"),
            (self._xlsx([["hola", "mundo"], [1, 2]]), "furag.xlsx", "column"),
        ]
        for content, name, message in cases:
            with self.subTest(file=name, content=content[:20]):
                with self.assertRaisesRegex(UserError, message):
                    self._furag(content, name)
        self.assertFalse(self._count("mipg.furag.result"))

    def test_furag_year(self):
        content = (
            "Tipo;Código;Nombre;Puntaje;Promedio grupo par;Recomendación\n"
            "IDI;IDI;Índice de Desempeño Institucional;61,2;60,5;\n"
        ).encode()
        for year in (24, 20245):
            with self.assertRaisesRegex(ValidationError, "four digits"):
                self._furag(content, "furag.csv", year=year)
        self.assertFalse(self._count("mipg.furag.result"))

    @mute_logger("odoo.addons.mipg.wizards.mipg_self_assessment_import")
    def test_self_assessment_import_garbage_files(self):
        before = (
            self._count("mipg.assessment.activity"),
            self._count("mipg.self.assessment"),
        )
        cases = [
            (b"", "not an Excel workbook"),
            (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not an Excel workbook"),
            (self._xlsx([]), "column"),
            (self._xlsx([["Autodiagnóstico"], ["a", "b", "c"]]), "column"),
        ]
        for content, message in cases:
            with self.subTest(content=content[:20]):
                with self.assertRaisesRegex(UserError, message):
                    self.env["mipg.self.assessment.import"].with_user(
                        self.analyst
                    ).create(
                        {
                            "file": base64.b64encode(content),
                            "file_name": "autodiagnostico.xlsx",
                            "policy_id": self.policy.id,
                        }
                    ).action_import()
        self.assertEqual(
            (
                self._count("mipg.assessment.activity"),
                self._count("mipg.self.assessment"),
            ),
            before,
        )
