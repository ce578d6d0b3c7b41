# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input where a user types or imports: a clear error and nothing
half-saved. Cases already covered elsewhere (plan and action dates,
follow-up progress, self-assessment scores, catalog codes, unreadable or
incomplete import files) are not repeated here."""

import base64
import io
import re
import tracemalloc
import zipfile
from datetime import timedelta

import openpyxl
import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase, assert_refused, load_spanish, new_user

IMPORTED_MODELS = (
    "mipg.furag.result",
    "mipg.assessment.component",
    "mipg.assessment.category",
    "mipg.assessment.activity",
    "mipg.self.assessment",
)


def rewrite_member(content, member, change):
    """``content`` (a zip archive) with ``change`` applied to one member."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == member else data)
    return output.getvalue()


def forge_dimension(content, ref):
    """The workbook with its first sheet declaring the size ``ref``."""
    return rewrite_member(
        content,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % ref.encode(), xml
        ),
    )


def zip_bomb():
    """A workbook of 60 KB whose sheet is 60 MB of zeros: more than the
    50 MB an import reads, a thousand times its compressed size."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            zeros = bytes(1024 * 1024)
            for _i in range(60):
                sheet.write(zeros)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestMipgBadInput(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst = new_user(
            cls.env, login="bad_input_analyst", groups="mipg.group_mipg_second_line"
        )
        cls.policy = cls.env.ref("mipg.mipg_policy_integridad")

    def _count(self, model, domain=None):
        return self.env[model].search_count(domain or [])

    def test_negative_target_quantity(self):
        before = self._count("mipg.action")
        with assert_refused(self, "cannot be negative"):
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
            with assert_refused(self, "four digits"):
                Bulletin.create({"year": year, "edition": 1})
        with self.assertRaisesRegex(ValidationError, "1 or more"):
            Bulletin.create({"year": 2091, "edition": 0})
        self.assertFalse(Bulletin.search([("year", "in", (26, 202, 2091))]))

    def test_lesson_year(self):
        self._evaluate(self._create_action())  # at 100 %, effective
        with assert_refused(self, "four digits"):
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
            with assert_refused(self, "four digits"):
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
            (b"\x00\x01\x02garbage\xff" * 50, "furag.xlsx", "not an Excel workbook"),
            (b"", "furag.csv", "empty"),
            (b" ; ;\n;;\n", "furag.csv", "empty"),
            (self._xlsx([]), "furag.xlsx", "empty"),
            (b"\xff\xfe\x00g\x00a\x00r\x00b\x00a\x00g\x00e", "furag.csv", "column"),
            (self._xlsx([["hola", "mundo"], [1, 2]]), "furag.xlsx", "column"),
        ]
        before = self._count("mipg.furag.result")
        for content, name, message in cases:
            with self.subTest(file=name, content=content[:20]):
                with self.assertRaisesRegex(UserError, message):
                    self._furag(content, name)
        self.assertEqual(self._count("mipg.furag.result"), before)

    def test_furag_year(self):
        content = (
            "Tipo;Código;Nombre;Puntaje;Promedio grupo par;Recomendación\n"
            "IDI;IDI;Índice de Desempeño Institucional;61,2;60,5;\n"
        ).encode()
        before = self._count("mipg.furag.result")
        for year in (24, 20245):
            with self.assertRaisesRegex(ValidationError, "four digits"):
                self._furag(content, "furag.csv", year=year)
        self.assertEqual(self._count("mipg.furag.result"), before)

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

    # ------------------------------------------------------------------
    # Import wizards given files made to eat the server
    # ------------------------------------------------------------------
    def _counts(self):
        return [self._count(model) for model in IMPORTED_MODELS]

    def _self_assessment(self, content, file_name="autodiagnostico.xlsx"):
        return (
            self.env["mipg.self.assessment.import"]
            .with_user(self.analyst)
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": file_name,
                    "policy_id": self.policy.id,
                }
            )
            .action_import()
        )

    def _both_refuse(self, content, file_name, message, max_peak_mb=50):
        """Both import wizards refuse ``content`` with a "Cannot read the
        file" error matching ``message``, create nothing, and never hold
        more than ``max_peak_mb`` of Python memory while doing so."""
        before = self._counts()
        for label, run in (
            ("FURAG", self._furag),
            ("self-assessment", self._self_assessment),
        ):
            with self.subTest(wizard=label, file=file_name):
                tracemalloc.start()
                try:
                    with self.assertRaisesRegex(
                        UserError, rf"Cannot read the file {re.escape(file_name)}: "
                    ) as caught:
                        run(content, file_name)
                    peak = tracemalloc.get_traced_memory()[1]
                finally:
                    tracemalloc.stop()
                self.assertRegex(str(caught.exception), message)
                self.assertLess(peak, max_peak_mb * 1024 * 1024)
        self.assertEqual(self._counts(), before)

    def test_forged_dimension_is_refused_before_reading_the_rows(self):
        """A workbook of 5 KB with a cell at A3000 that declares A1:XFD3000
        would make openpyxl pad each of its 3,000 rows to 16,384 cells:
        about 400 MB read as the imports used to read it."""
        workbook = openpyxl.Workbook()
        workbook.active.append(["Tipo", "Código", "Puntaje"])
        workbook.active["A3000"] = "fin"
        output = io.BytesIO()
        workbook.save(output)
        content = forge_dimension(output.getvalue(), "A1:XFD3000")
        self.assertLess(len(content), 10 * 1024)
        self._both_refuse(
            content,
            "forjado.xlsx",
            # the FURAG import streams Función Pública's files: its limits
            # are 300,000 rows and 400 columns
            r"row 3000 and column 16384.*(5000 rows and 100|300000 rows and 400) ",
        )
        content = forge_dimension(self._xlsx([["a", "b"]]), "A1:B1048576")
        self._both_refuse(content, "filas.xlsx", r"row 1048576 and column 2")

    def test_sheet_without_size_stops_at_the_row_limit(self):
        """A sheet that declares no size and has a cell at row 900,000 is
        read up to the row limit only, 100 columns wide."""

        def far_cell(xml):
            xml = re.sub(rb'<dimension ref="[^"]*" ?/>', b"", xml)
            return xml.replace(
                b"</sheetData>",
                b'<row r="900000"><c r="XFD900000"><v>1</v></c></row></sheetData>',
            )

        content = rewrite_member(
            self._xlsx([["a", "b"]]), "xl/worksheets/sheet1.xml", far_cell
        )
        self._both_refuse(content, "sin_dimension.xlsx", r"row 5001")

    def test_zip_bomb(self):
        content = zip_bomb()
        self.assertLess(len(content), 1024 * 1024)
        self._both_refuse(content, "bomba.xlsx", r"more than 50 MB.*100 times")

    def test_upload_over_the_size_limit(self):
        self._both_refuse(
            b"a" * (10 * 1024 * 1024 + 1), "grande.xlsx", "larger than 10 MB", 200
        )

    def test_text_file_named_xlsx(self):
        self._both_refuse(
            "Tipo;Código;Puntaje\nIDI;IDI;60\n".encode(),
            "texto.xlsx",
            r"not an Excel workbook \(\.xlsx\)",
        )

    def test_broken_sheet_inside_a_real_workbook(self):
        """Errors openpyxl raises while reading the rows (a shared string
        that does not exist, XML cut in the middle) are reported as well."""
        workbook = self._xlsx([["Tipo", "Código", "Puntaje"], ["IDI", "IDI", 60]])
        cases = {
            "cadena.xlsx": lambda xml: xml.replace(
                b"</sheetData>",
                b'<row r="3"><c r="A3" t="s"><v>999</v></c></row></sheetData>',
            ),
            "cortado.xlsx": lambda xml: xml[: len(xml) // 2],
        }
        for name, change in cases.items():
            content = rewrite_member(workbook, "xl/worksheets/sheet1.xml", change)
            self._both_refuse(content, name, ".")

    def test_furag_csv_that_cannot_be_read(self):
        before = self._counts()
        cases = [
            (b"Tipo;C\x81digo;Puntaje\nIDI;IDI;60\n", "neither UTF-8 nor Windows-1252"),
            (b"Tipo;C\xf3digo;Puntaje\n" * 5001, "row 5001"),
            (";".join(["x"] * 101).encode(), "column 101"),
        ]
        for content, message in cases:
            with self.subTest(message=message):
                with self.assertRaisesRegex(
                    UserError, f"Cannot read the file furag.csv: .*{message}"
                ):
                    self._furag(content, "furag.csv")
        self.assertEqual(self._counts(), before)

    def test_furag_csv_in_windows_1252_and_utf16(self):
        """What Excel saves in Spanish: CSV in Windows-1252, or "Unicode
        text" (UTF-16) with tabs."""
        text = (
            "Tipo;Código;Nombre;Puntaje;Promedio grupo par;Recomendación\n"
            "IDI;IDI;Índice de Desempeño Institucional;61,2;60,5;\n"
        )
        for year, content in (
            (2023, text.encode("cp1252")),
            (2024, text.replace(";", "\t").encode("utf-16")),
        ):
            with self.subTest(year=year):
                action = self._furag(content, "furag.csv", year=year)
                result = self.env["mipg.furag.result"].browse(action["res_id"])
                self.assertAlmostEqual(result.idi, 61.2)


@tagged("post_install", "-at_install")
class TestMipgDatabaseChecks(MipgCycleCase):
    """Ranges, date order and years are the database's own rules: they hold
    where the ORM's checks do not run (SQL, a recompute, the superuser), and
    the message the user reads is Spanish."""

    def _refused_in_sql(self, record, column, value):
        with (
            self.subTest(model=record._name, column=column, value=value),
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                f'UPDATE "{record._table}" SET "{column}" = %s '  # noqa: S608
                "WHERE id = %s",
                (value, record.id),
            )

    def test_ranges_hold_in_sql(self):
        action = self._create_action()
        followup = self.env["mipg.followup"].create(
            {"action_id": action.id, "line": "first", "progress": 10}
        )
        assessment = self.env["mipg.self.assessment"].create(
            {"policy_id": self.env.ref("mipg.mipg_policy_integridad").id, "year": 2026}
        )
        cases = [
            (action, "progress", 100.5),
            (action, "progress", float("nan")),
            (action, "progress", -1),
            (action, "target_quantity", -1),
            (action, "target_quantity", float("nan")),
            (action, "target_quantity", float("inf")),
            (action, "date_start", action.date_deadline + timedelta(days=1)),
            (self.plan, "progress", 101),
            (self.plan, "date_end", self.plan.date_start - timedelta(days=1)),
            (followup, "progress", float("inf")),
            (followup, "quantity_done", -0.5),
            (followup, "quantity_done", float("nan")),
            (self.opportunity, "impact", 6),
            (self.opportunity, "feasibility", 0),
            (assessment, "score", 100.01),
            (assessment, "year", 26),
        ]
        for record, column, value in cases:
            self._refused_in_sql(record, column, value)
        # the limits themselves are allowed
        self.env.cr.execute(
            "UPDATE mipg_action SET progress = 100 WHERE id = %s", (action.id,)
        )

    def test_a_create_refused_by_the_database_reads_in_spanish(self):
        load_spanish(self.env)
        Followup = self.env["mipg.followup"].with_user(self.leader)
        action = self._create_action()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            Followup.create({"action_id": action.id, "line": "first", "progress": 150})
        error = _as_validation_error(
            self.env(context=dict(self.env.context, lang="es_CO")), caught.exception
        )
        self.assertIn("debe estar entre 0 y 100", str(error))
        self.assertFalse(Followup.search([("action_id", "=", action.id)]))
