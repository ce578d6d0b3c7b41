# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Formulario No. 14 of a plan: what it holds, for whom, and how it is
delivered (streamed by a route, never stored)."""

import io
import math
from datetime import timedelta

import openpyxl
import xlsxwriter

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mipg.report.mipg_plan_formulario14 import (
    CGR_F14_COLUMNS,
    FOLLOWUP_COLUMNS,
    XLSX_MIMETYPE,
)

from .common import MipgCycleCase, load_spanish, new_user


def read_formulario(content):
    """(header block as {label: cell}, column titles, data rows of cells)."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    index = next(i for i, row in enumerate(rows) if row[0].value == "No.")
    block = {row[0].value: row[1] for row in rows[:index] if row[0].value}
    titles = [cell.value for cell in rows[index]]
    return block, titles, rows[index + 1 :]


def all_text(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)


class Formulario14Case(MipgCycleCase):
    """A plan of process A (led by ``leader``) that also holds a finding
    and an action of process B (led by ``other_leader``), and an action of
    process A on the finding of process B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process_b = cls.env["mipg.process"].create(
            {
                "code": "GC-T2",
                "name": "Gestión Contractual (prueba)",
                "process_type": "support",
                "leader_id": cls.other_leader.id,
            }
        )
        cls.opportunity_b = cls.env["mipg.opportunity"].create(
            {
                "title": "Contratos sin publicar",
                "finding_type": "hallazgo",
                "source": "contraloria_general",
                "source_reference": "H2-B",
                "description": "Contratos sin publicar en el SECOP.",
                "root_cause": "Nadie revisa la publicación.",
                "effect": "Falta de transparencia.",
                "process_id": cls.process_b.id,
                "plan_id": cls.plan.id,
            }
        )
        cls.action_a = cls._create_action(
            objective="Que ninguna cuenta se constituya sin soporte.",
            description="Incluir un punto de control en el procedimiento.",
            date_deadline=cls.today + timedelta(days=28),
        )
        cls.action_b = cls._create_action(
            name="Publicar los contratos en el SECOP",
            opportunity_id=cls.opportunity_b.id,
            responsible_id=cls.other_leader.id,
        )
        # process A acts on B's finding, with a responsible of another line:
        # the leader of A reads the action, not the finding
        cls.action_a_on_b = cls._create_action(
            name="Verificar los pagos de los contratos",
            opportunity_id=cls.opportunity_b.id,
            process_id=cls.process.id,
            responsible_id=cls.planner.id,
        )
        cls.outsider = new_user(
            cls.env, login="f14_outsider", groups="mipg.group_mipg_first_line"
        )


@tagged("post_install", "-at_install")
class TestMipgPlanFormulario14(Formulario14Case):
    def _export(self, user, plan=None):
        report = self.env["report.mipg.plan_formulario14"].with_user(user)
        return report._render_xlsx(plan or self.plan)

    def test_columns_and_values(self):
        self._report(self.action_a, 50)
        block, titles, rows = read_formulario(self._export(self.planner))
        self.assertEqual(titles, CGR_F14_COLUMNS + FOLLOWUP_COLUMNS)
        self.assertEqual(
            block["Ente de control"].value, "Contraloría General de la República"
        )
        self.assertEqual(block["Informe"].value, "CGR-045")
        self.assertIn(self.plan.name, block["Plan de mejoramiento"].value)
        self.assertEqual(block["Nivel"].value, "Institutional")
        self.assertEqual(block["Fecha de suscripción"].value.date(), self.today)
        self.assertEqual(block["Fecha de suscripción"].number_format, "dd/mm/yyyy")
        self.assertEqual(len(rows), 3)
        row = [cell.value for cell in rows[0]]
        self.assertEqual(row[0], 1)
        self.assertEqual(row[1], "H1-A")
        self.assertEqual(row[2], "Cuentas por pagar constituidas sin soporte.")
        self.assertEqual(row[3], "El procedimiento no exige verificar el soporte.")
        self.assertEqual(row[4], "Sobrestimación de las cuentas por pagar.")
        self.assertEqual(row[5], self.action_a.name)
        self.assertEqual(row[6], "Que ninguna cuenta se constituya sin soporte.")
        self.assertEqual(row[8], "Procedimiento")
        self.assertEqual(row[9], 1)
        self.assertEqual(row[10].date(), self.action_a.date_start)
        self.assertEqual(row[11].date(), self.action_a.date_deadline)
        for cell in rows[0][10:12]:
            self.assertEqual(cell.number_format, "dd/mm/yyyy")
        self.assertEqual(row[12], 4)
        self.assertEqual(row[13], self.process.name)
        self.assertEqual(row[14], self.leader.name)
        self.assertEqual(row[15], 50)
        self.assertEqual(row[17], "No")

    def test_the_internal_control_office_exports_what_it_reads(self):
        """The OCI reads every plan without writing any, and exports it."""
        _block, _titles, rows = read_formulario(self._export(self.oci))
        self.assertEqual(len(rows), 3)

    def test_first_line_exports_only_what_it_may_read(self):
        content = self._export(self.leader)
        _block, _titles, rows = read_formulario(content)
        self.assertEqual(
            [row[5].value for row in rows],
            [self.action_a.name, self.action_a_on_b.name],
        )
        # the action of A on B's finding: the finding columns stay empty
        self.assertEqual([cell.value for cell in rows[1][1:5]], [None] * 4)
        text = all_text(content)
        for hidden in ("H2-B", "SECOP", "Nadie revisa", "Falta de transparencia"):
            self.assertNotIn(hidden, text)
        content = self._export(self.other_leader)
        _block, _titles, rows = read_formulario(content)
        self.assertEqual([row[5].value for row in rows], [self.action_b.name])
        self.assertEqual(rows[0][1].value, "H2-B")
        self.assertNotIn("H1-A", all_text(content))

    def test_plan_the_user_may_not_read(self):
        with self.assertRaises(AccessError):
            self._export(self.outsider)

    def test_text_is_never_a_formula(self):
        texts = {
            "name": '=HYPERLINK("http://example.com/x","Ver")',
            "objective": "+1+1",
            "description": "-2",
            "unit": "@SUM(A1)",
        }
        self.action_a.write(texts)
        self.opportunity.root_cause = "=1+1"
        self.plan.title = "=cmd|' /C calc'!A0"
        block, _titles, rows = read_formulario(self._export(self.planner))
        cells = dict(zip(texts, rows[0][5:9], strict=True))
        for field, text in texts.items():
            with self.subTest(field=field):
                self.assertEqual(cells[field].value, text)
                self.assertEqual(cells[field].data_type, "s")
        self.assertEqual(rows[0][3].value, "=1+1")
        self.assertEqual(rows[0][3].data_type, "s")
        plan_cell = block["Plan de mejoramiento"]
        self.assertEqual(plan_cell.value, f"{self.plan.name} - =cmd|' /C calc'!A0")
        self.assertEqual(plan_cell.data_type, "s")

    def test_numbers_that_are_not_finite_leave_the_cell_empty(self):
        """The database refuses NaN and infinity in the figures exported
        (see TestMipgDatabaseChecks); a database restored from before its
        checks may still hold one, and it does not break the export: its cell
        is empty, the other figures are kept."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet()
        cell = workbook.add_format({})
        report = self.env["report.mipg.plan_formulario14"]
        for col, value in enumerate((float("nan"), float("inf"), -math.inf, 45.5, 0)):
            report._write_cell(sheet, 0, col, value, cell)
        workbook.close()
        row = next(openpyxl.load_workbook(output).active.iter_rows(values_only=True))
        self.assertEqual(row, (None, None, None, 45.5, 0))

    def test_nothing_is_stored(self):
        before = self.env["ir.attachment"].search_count([])
        action = self.plan.with_user(self.oci).action_export_xlsx()
        self.assertEqual(action["url"], f"/mipg/plan/{self.plan.id}/formulario14.xlsx")
        self._export(self.planner)
        self.assertEqual(self.env["ir.attachment"].search_count([]), before)


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgPlanExportRoute(Formulario14Case, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.url = cls.plan.action_export_xlsx()["url"]
        cls.employee = new_user(cls.env, login="f14_employee")

    def _get(self, login, url=None):
        if login:
            self.authenticate(login, login)
        return self.url_open(url or self.url, allow_redirects=False)

    def test_download(self):
        attachments = self.env["ir.attachment"].search_count([])
        response = self._get("cycle_planner")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("Formulario%2014.xlsx", response.headers["Content-Disposition"])
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        _block, titles, rows = read_formulario(response.content)
        self.assertEqual(titles[:14], CGR_F14_COLUMNS)
        self.assertEqual(len(rows), 3)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_the_internal_control_office_downloads(self):
        response = self._get("cycle_oci")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(read_formulario(response.content)[2]), 3)

    def test_who_may_not_read_the_plan_does_not_find_it(self):
        for login in ("f14_outsider", "f14_employee"):
            with self.subTest(login=login):
                self.assertEqual(self._get(login).status_code, 404)
        missing = "/mipg/plan/999999999/formulario14.xlsx"
        self.assertEqual(self._get("cycle_planner", missing).status_code, 404)
        self.authenticate(None, None)
        response = self._get(None)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_leader_of_a_does_not_get_the_actions_of_b(self):
        response = self._get("cycle_leader")
        self.assertEqual(response.status_code, 200)
        _block, _titles, rows = read_formulario(response.content)
        self.assertEqual(
            [row[5].value for row in rows],
            [self.action_a.name, self.action_a_on_b.name],
        )
        text = all_text(response.content)
        self.assertNotIn(self.action_b.name, text)
        self.assertNotIn("SECOP", text)

    def test_labels_in_the_language_of_the_user(self):
        """The language of the user's preferences, even when changed after
        logging in (the session keeps the language of the login)."""
        self.authenticate("cycle_planner", "cycle_planner")
        for lang, label in (("es_CO", "Institucional"), ("en_US", "Institutional")):
            with self.subTest(lang=lang):
                self.planner.lang = lang
                self.env.flush_all()
                block, _titles, _rows = read_formulario(self._get(None).content)
                self.assertEqual(block["Nivel"].value, label)
