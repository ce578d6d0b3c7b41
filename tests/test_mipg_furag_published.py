# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FURAG results as Función Pública publishes them: the index catalogue per
year, the open-data layout and the results workbook. The files are built
here with the column names of Función Pública's files; every figure and
SIGEP code is invented."""

import base64
import csv
import io

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgTransactionCase, new_user, new_users

# The 18 columns of the open-data layout, as published.
LONG_HEADER = [
    "CÓDIGO_SIGEP",
    "ENTIDAD",
    "ORDEN",
    "SECTOR",
    "NATURALEZA_JURÍDICA",
    "ID_DEPARTAMENTO",
    "DEPARTAMENTO",
    "ID_MUNICIPIO",
    "MUNICIPIO",
    "VIGENCIA",
    "ID_ÍNDICE",
    "ÍNDICE",
    "PUNTAJE ENTIDAD",
    "PROMEDIO GRUPO PAR",
    "MÁXIMO GRUPO PAR",
    "MÍNIMO GRUPO PAR",
    "QUINTIL GRUPO PAR",
    "PERCENTIL GRUPO PAR",
]
SIGEP = "99901"


def long_row(sigep, year, code, score, peer=("71,2", "96,8", "40,1", 4, "73,5")):
    return [
        sigep,
        "ALCALDÍA DE PASTO (EJEMPLO)",
        "TERRITORIAL",
        "SIN SECTOR (EJEMPLO)",
        "ALCALDÍA (EJEMPLO)",
        "52",
        "NARIÑO",
        "52001",
        "PASTO",
        str(year),
        code,
        f"ÍNDICE {code} (EJEMPLO)",
        score,
        *peer,
    ]


def build_long_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(LONG_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


WIDE_HEADER = (
    "Código Sigep",
    "Entidad",
    "Naturaleza Jurídica",
    "Departamento",
    "Municipio",
    "Grupo par",
    "Tipo Formulario",
    "Índice de Desempeño Institucional",
    "D1 Talento Humano",
    "D2 Direcciona-\nmiento  Estratégico y Planeación",
    "D7 Control Interno",
    "POL07 Índice de Gobierno Digital",
    "POL19 Índice de Control Interno",
    "i64 Evaluación estratégica del riesgo",
)


def wide_row(sigep, group, idi, d1, d2, d7, pol07, pol19, i64):
    return [
        sigep,
        f"ENTIDAD {sigep} (EJEMPLO)",
        "ALCALDÍA (EJEMPLO)",
        "NARIÑO",
        "EJEMPLO",
        group,
        "MIPG (EJEMPLO)",
        idi,
        d1,
        d2,
        d7,
        pol07,
        pol19,
        i64,
    ]


GROUP = "ALCALDÍA GRUPO 1 (EJEMPLO)"
WIDE_ROWS = [
    wide_row(99900, GROUP, 60.0, 50.0, 55.0, 70.0, 40.0, 70.0, 60.0),
    wide_row(99901, GROUP, 72.35, 70.10, 65.0, 75.80, 80.0, 75.80, None),
    wide_row(99903, GROUP, 90.0, 90.0, 85.0, 95.0, 90.0, 95.0, 90.0),
    wide_row(99904, GROUP, 50.0, 40.0, 45.0, 60.0, 30.0, 60.0, 50.0),
    # another peer group: not part of the statistics
    wide_row(99905, "CONCEJO GRUPO 2 (EJEMPLO)", 10.0, 10, 10, 10, 10, 10, 10),
]


def build_wide_xlsx(rows, header=WIDE_HEADER, sheet_name="Territorio"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.append(["Resultados de la Medición del Desempeño Institucional"])
    sheet.append(["Vigencia 2024 (EJEMPLO)"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_recommendations_xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Recomendaciones"
    sheet.append(["Función Pública"])
    sheet.append(["Recomendaciones para la entidad (EJEMPLO)"])
    sheet.append([])
    sheet.append(["Política", "Recomendación", "Política relacionada"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class FuragPublishedCase(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst, cls.servant = new_users(
            cls.env,
            {
                "mipg_fp_analyst": "mipg.group_mipg_second_line",
                "mipg_fp_servant": "mipg.group_mipg_user",
            },
        )
        cls.company = cls.env.company
        cls.company.write({"mipg_sigep_code": SIGEP, "mipg_divipola_code": "52001"})
        cls.env["mipg.furag.result"].with_context(active_test=False).search([]).unlink()
        cls.digital = cls.env.ref("mipg.mipg_policy_gobierno_digital")
        cls.fortalecimiento = cls.env.ref(
            "mipg.mipg_policy_fortalecimiento_organizacional_simplificacion_procesos"
        )
        cls.control = cls.env.ref("mipg.mipg_policy_control_interno")

    def _import(self, content, file_name, year, user=None, **extra):
        wizard = (
            self.env["mipg.furag.import"]
            .with_user(user or self.analyst)
            .create(
                dict(
                    {
                        "file": base64.b64encode(content),
                        "file_name": file_name,
                        "year": year,
                    },
                    **extra,
                )
            )
        )
        action = wizard.action_import()
        return self.env["mipg.furag.result"].browse(action["res_id"])


@tagged("post_install", "-at_install")
class TestMipgFuragIndex(FuragPublishedCase):
    def test_both_schemes_land_on_the_same_policy(self):
        Index = self.env["mipg.furag.index"].with_user(self.servant)
        self.assertEqual(Index._mipg_find(2021, "POL06").policy_id, self.digital)
        self.assertEqual(Index._mipg_find(2024, "POL07").policy_id, self.digital)
        self.assertEqual(
            Index._mipg_find(2024, "POL06").policy_id, self.fortalecimiento
        )
        self.assertEqual(
            Index._mipg_find(2021, "POL07").policy_id.code, "seguridad_digital"
        )

    def test_codes_as_the_files_write_them(self):
        Index = self.env["mipg.furag.index"]
        i64 = Index._mipg_find(2024, "I64")
        self.assertEqual(i64.policy_id, self.control)
        for spelling in ("i64", "I64 Evaluación estratégica del riesgo", " i064 "):
            self.assertEqual(Index._mipg_find(2024, spelling), i64)
        self.assertEqual(Index._mipg_find(2024, "D04").code, "D4")
        self.assertEqual(
            Index._mipg_find(2019, "D7").dimension_id,
            self.env.ref("mipg.mipg_dimension_control_interno"),
        )
        self.assertEqual(Index._mipg_find(2024, "IDI").kind, "idi")
        self.assertFalse(Index._mipg_find(2017, "POL06"))
        self.assertFalse(Index._mipg_find(2024, "Departamento"))

    def test_one_meaning_per_code_and_year(self):
        Index = self.env["mipg.furag.index"]
        with self.assertRaisesRegex(ValidationError, "already has a meaning"):
            Index.create(
                {"code": "POL07", "name": "Otra", "kind": "policy", "year_from": 2024}
            )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Index.create(
                {
                    "code": "POL90",
                    "name": "Al revés",
                    "year_from": 2024,
                    "year_to": 2020,
                }
            )

    def test_servants_read_the_catalogue_only_admins_change_it(self):
        index = self.env["mipg.furag.index"]._mipg_find(2024, "POL07")
        self.assertTrue(index.with_user(self.servant).name)
        with self.assertRaises(AccessError):
            index.with_user(self.analyst).write({"name": "Otro nombre"})
        with self.assertRaises(AccessError):
            self.env["mipg.furag.index"].with_user(self.servant).create(
                {"code": "POL99", "name": "X", "year_from": 2030}
            )


@tagged("post_install", "-at_install")
class TestMipgFuragPublished(FuragPublishedCase):
    def _long_rows(self):
        return [
            long_row(SIGEP, 2021, "POL06", "78,4"),
            long_row(SIGEP, 2021, "I18", "81,0", ("69,9", "99,1", "35,7", 4, "78,2")),
            long_row(SIGEP, 2021, "IDI", "70,5", ("62,0", "90,0", "30,0", 3, "60,0")),
            # other years and other entities are left out
            long_row(SIGEP, 2020, "POL06", "10,0"),
            long_row("99902", 2021, "POL06", "20,0"),
        ]

    def test_open_data_layout(self):
        result = self._import(build_long_csv(self._long_rows()), "igd.csv", 2021)
        self.assertEqual(result.file_format, "long")
        by_code = {line.code: line for line in result.line_ids}
        self.assertEqual(set(by_code), {"POL06", "I18", "IDI"})
        pol06 = by_code["POL06"]
        self.assertEqual(pol06.policy_id, self.digital)
        self.assertEqual(pol06.index_id.year_to, 2021)
        self.assertAlmostEqual(pol06.score, 78.4)
        self.assertAlmostEqual(pol06.peer_average, 71.2)
        self.assertAlmostEqual(pol06.peer_max, 96.8)
        self.assertAlmostEqual(pol06.peer_min, 40.1)
        self.assertEqual(pol06.quintile, 4)
        self.assertAlmostEqual(pol06.percentile, 73.5)
        self.assertAlmostEqual(pol06.difference, 7.2)
        self.assertAlmostEqual(pol06.gap_to_best, 18.4)
        self.assertEqual(by_code["I18"].index_type, "other")
        self.assertAlmostEqual(result.idi, 70.5)
        self.assertAlmostEqual(result.peer_average, 62.0)

    def test_open_data_second_scheme(self):
        rows = [
            long_row(SIGEP, 2024, "POL07", "66,0"),
            long_row(SIGEP, 2024, "POL06", "50"),
        ]
        result = self._import(build_long_csv(rows), "mdi.csv", 2024)
        by_code = {line.code: line for line in result.line_ids}
        self.assertEqual(by_code["POL07"].policy_id, self.digital)
        self.assertEqual(by_code["POL06"].policy_id, self.fortalecimiento)

    def test_open_data_bad_rows_are_named(self):
        rows = self._long_rows()
        rows[0][12] = "alto"  # row 2
        rows[1][16] = 7  # row 3: quintile
        rows[2][10] = "X9"  # row 4: code
        with self.assertRaises(UserError) as caught:
            self._import(build_long_csv(rows), "igd.csv", 2021)
        message = str(caught.exception)
        for expected in ("Row 2:", "'alto'", "Row 3:", "'7'", "Row 4:", "'X9'"):
            self.assertIn(expected, message)
        self.assertFalse(
            self.env["mipg.furag.result"].with_context(active_test=False).search([])
        )

    def test_open_data_entity_of_another_municipality(self):
        rows = self._long_rows()
        rows[0][7] = "52002"
        with self.assertRaisesRegex(UserError, "Row 2: .*52002"):
            self._import(build_long_csv(rows), "igd.csv", 2021)

    def test_entity_without_sigep_code_or_rows(self):
        rows = self._long_rows()
        with self.assertRaisesRegex(UserError, "no row of the entity"):
            self._import(build_long_csv(rows), "igd.csv", 2019)
        self.company.mipg_sigep_code = False
        with self.assertRaisesRegex(UserError, "SIGEP code"):
            self._import(build_long_csv(rows), "igd.csv", 2021)
        with self.assertRaisesRegex(ValidationError, "digits only"):
            self.company.mipg_sigep_code = "99-901"

    def test_missing_column_of_open_data(self):
        header = [h for h in LONG_HEADER if h != "PUNTAJE ENTIDAD"]
        rows = [r[:12] + r[13:] for r in self._long_rows()]
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *rows])
        with self.assertRaisesRegex(
            UserError, "row 1, the header, has no column 'PUNTAJE ENTIDAD'"
        ):
            self._import(buffer.getvalue().encode(), "igd.csv", 2021)

    def test_results_workbook_with_peer_statistics(self):
        result = self._import(build_wide_xlsx(WIDE_ROWS), "Resultados.xlsx", 2024)
        self.assertEqual(result.file_format, "wide")
        self.assertEqual(result.peer_group, GROUP)
        self.assertAlmostEqual(result.idi, 72.35)
        by_code = {line.code: line for line in result.line_ids}
        # i64 is blank for the entity: not applicable, not zero
        self.assertEqual(set(by_code), {"IDI", "D1", "D2", "D7", "POL07", "POL19"})
        pol07 = by_code["POL07"]
        self.assertEqual(pol07.policy_id, self.digital)
        self.assertAlmostEqual(pol07.peer_average, 60.0)  # (40+80+90+30)/4
        self.assertAlmostEqual(pol07.peer_max, 90.0)
        self.assertAlmostEqual(pol07.peer_min, 30.0)
        self.assertAlmostEqual(pol07.percentile, 75.0)
        self.assertEqual(pol07.quintile, 4)
        self.assertAlmostEqual(pol07.gap_to_best, 10.0)
        self.assertEqual(
            by_code["D2"].dimension_id,
            self.env.ref("mipg.mipg_dimension_direccionamiento_estrategico_planeacion"),
        )
        self.assertEqual(by_code["POL19"].policy_id, self.control)

    def test_one_page_for_the_mayor(self):
        rows = [list(r) for r in WIDE_ROWS]
        rows[1][13] = 55.0  # the entity's I64
        result = self._import(build_wide_xlsx(rows), "Resultados.xlsx", 2024)
        self.assertIn("I64", result.line_ids.mapped("code"))
        mayor = new_user(
            self.env, login="mipg_fp_mayor", groups="mipg.group_mipg_strategic_line"
        )
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(mayor)
            ._render_qweb_html("mipg.action_report_furag_result", result.ids)
        )
        html = html.decode()
        for expected in (
            "2024",
            GROUP,
            "Política de Gobierno Digital",
            "width: 80.0%",  # the bar of POL07
            "left: 60.0%",  # the mark of its peer average
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, html)
        # sub-indexes are left out of the page
        self.assertNotIn("Evaluación estratégica del riesgo", html)

    def test_results_workbook_bad_cell_named(self):
        rows = [list(r) for r in WIDE_ROWS]
        rows[2][11] = "n/a"  # a peer's POL07, row 6 of the sheet
        with self.assertRaisesRegex(UserError, "Row 6: the column POL07"):
            self._import(build_wide_xlsx(rows), "Resultados.xlsx", 2024)

    def test_recommendations_file_with_the_results(self):
        recommendations = build_recommendations_xlsx(
            [
                [
                    "Control Interno (EJEMPLO)",
                    "Documentar el plan anual de auditoría (texto inventado).",
                    "POL19 Control Interno (EJEMPLO)",
                ],
                ["Gobierno Digital", "Publicar datos abiertos (inventado).", "POL07"],
            ]
        )
        result = self._import(
            build_wide_xlsx(WIDE_ROWS),
            "Resultados.xlsx",
            2024,
            recommendation_file=base64.b64encode(recommendations),
            recommendation_file_name="Recomendaciones.xlsx",
        )
        self.assertEqual(
            result.recommendation_ids.mapped("policy_id"), self.control | self.digital
        )
        bad = build_recommendations_xlsx([["Otra", "Texto", "POL77"]])
        with self.assertRaisesRegex(UserError, "Row 5: the policy 'POL77'"):
            self._import(
                build_long_csv([long_row(SIGEP, 2023, "POL07", "50")]),
                "mdi.csv",
                2023,
                recommendation_file=base64.b64encode(bad),
                recommendation_file_name="Recomendaciones.xlsx",
            )
        self.assertFalse(self.env["mipg.furag.result"].search([("year", "=", 2023)]))

    def test_once_per_year_replace_keeps_history(self):
        first = self._import(build_wide_xlsx(WIDE_ROWS), "Resultados.xlsx", 2024)
        with self.assertRaisesRegex(UserError, "already loaded"):
            self._import(build_wide_xlsx(WIDE_ROWS), "Resultados.xlsx", 2024)
        rows = [list(r) for r in WIDE_ROWS]
        rows[1][8] = 77.0  # D1 of the entity, corrected
        second = self._import(
            build_wide_xlsx(rows), "Resultados2.xlsx", 2024, replace=True
        )
        self.assertFalse(first.active)
        self.assertEqual(first.replaced_by_id, second)
        self.assertTrue(second.active)
        # the old figures are still there, as history
        old_d1 = first.line_ids.filtered(lambda line: line.code == "D1")
        self.assertAlmostEqual(old_d1.score, 70.10)
        self.assertFalse(old_d1.active)
        current = self.env["mipg.furag.result.line"].search(
            [("code", "=", "D1"), ("year", "=", 2024)]
        )
        self.assertEqual(current.result_id, second)
        dimension = self.env.ref("mipg.mipg_dimension_talento_humano")
        self.assertAlmostEqual(dimension.with_user(self.servant).furag_score, 77.0)
        # nobody revives the replaced figures by hand
        with self.assertRaises(UserError):
            first.with_user(self.analyst).write({"active": True})

    def test_only_the_second_line_imports(self):
        with self.assertRaises(AccessError):
            self._import(
                build_long_csv(self._long_rows()), "igd.csv", 2021, user=self.servant
            )

    def test_large_open_data_file(self):
        """Tens of thousands of rows (other entities, other years) stream
        through; only the entity's rows are kept."""
        codes = [f"I{n:02d}" for n in range(1, 69)]
        rows = [
            long_row(str(100000 + n), 2024, codes[n % len(codes)], "55,5")
            for n in range(30000)
        ]
        rows += [long_row(SIGEP, 2024, code, "61,0") for code in codes]
        result = self._import(build_long_csv(rows), "mdi_grande.csv", 2024)
        self.assertEqual(len(result.line_ids), len(codes))
