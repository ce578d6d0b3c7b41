# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_mipg_self_assessment import SelfAssessmentBrowserCase, SelfAssessmentCase

HEADER = ("Tipo", "Código", "Nombre", "Puntaje", "Promedio grupo par", "Recomendación")
ROWS = [
    ["IDI", "IDI", "Índice de Desempeño Institucional", 61.2, 60.5, None],
    ["Dimensión", "D1", None, 58.4, 57.0, None],
    ["Dimensión", "D7", "Control Interno", 70, 65.1, None],
    ["Política", "POL01", None, 55.5, 54.0, None],
    ["Política", "P16", None, 72.0, None, None],
    ["Subíndice", "i64", "Evaluación estratégica del riesgo", 49, 51, None],
    ["Recomendación", "P1", None, None, None, "Implementar el plan de vacantes."],
    ["Recomendación", "POL16", None, None, None, "Documentar la línea estratégica."],
]


def build_xlsx(rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_csv(rows, header=HEADER):
    lines = [";".join(header)]
    for row in rows:
        lines.append(
            ";".join(
                ""
                if v is None
                else str(v).replace(".", ",")
                if isinstance(v, float)
                else str(v)
                for v in row
            )
        )
    return "\n".join(lines).encode("utf-8")


@tagged("post_install", "-at_install")
class TestMipgFurag(SelfAssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.geth = cls.env.ref("mipg.mipg_policy_gestion_estrategica_talento_humano")
        cls.control = cls.env.ref("mipg.mipg_policy_control_interno")
        cls.process.policy_ids = [(4, cls.geth.id)]

    def _import(self, content, file_name, year=2024):
        wizard = (
            self.env["mipg.furag.import"]
            .with_user(self.analyst)
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": file_name,
                    "year": year,
                    "peer_group": "Territorial - capacidad alta",
                }
            )
        )
        action = wizard.action_import()
        return self.env["mipg.furag.result"].browse(action["res_id"])

    def _check_result(self, result):
        self.assertEqual(result.year, 2024)
        self.assertAlmostEqual(result.idi, 61.2)
        self.assertAlmostEqual(result.peer_average, 60.5)
        self.assertAlmostEqual(result.idi_difference, 0.7)
        by_code = {line.code: line for line in result.line_ids}
        self.assertEqual(set(by_code), {"D1", "D7", "POL01", "P16", "i64"})
        self.assertEqual(by_code["D1"].dimension_id, self.dimension)
        self.assertEqual(by_code["D1"].name, self.dimension.name)
        self.assertEqual(by_code["D7"].index_type, "dimension")
        self.assertEqual(by_code["POL01"].policy_id, self.geth)
        self.assertAlmostEqual(by_code["POL01"].score, 55.5)
        self.assertAlmostEqual(by_code["POL01"].difference, 1.5)
        self.assertEqual(by_code["P16"].policy_id, self.control)
        self.assertEqual(by_code["i64"].index_type, "other")
        self.assertEqual(
            result.recommendation_ids.mapped("policy_id"), self.geth | self.control
        )

    def test_import_xlsx(self):
        self._check_result(self._import(build_xlsx(ROWS), "furag_2024.xlsx"))

    def test_dimension_shows_latest_furag_index(self):
        self._import(build_xlsx(ROWS), "furag_2023.xlsx", year=2023)
        rows = [list(r) for r in ROWS]
        rows[1][3] = 66.6
        self._import(build_xlsx(rows), "furag_2024.xlsx", year=2024)
        dimension = self.dimension.with_user(self.servant)
        self.assertEqual(dimension.furag_year, 2024)
        self.assertAlmostEqual(dimension.furag_score, 66.6)

    def test_import_csv_with_semicolons_and_decimal_commas(self):
        self._check_result(self._import(build_csv(ROWS), "furag_2024.csv"))

    def test_imported_figures_cannot_be_changed_by_hand(self):
        """Official results are imported, never edited: the second line may
        write notes, not the year, the IDI or the scores."""
        result = self._import(build_xlsx(ROWS), "furag_2024.xlsx")
        mine = result.with_user(self.analyst)
        for vals in (
            {"idi": 99.0},
            {"year": 2023},
            {"peer_average": 10.0},
            {"peer_group": "Otro grupo"},
        ):
            with self.assertRaisesRegex(UserError, "official figures"):
                mine.write(vals)
        line = mine.line_ids.filtered(lambda line: line.code == "POL01")
        with self.assertRaisesRegex(AccessError, "official figures"):
            line.write({"score": 99.0})
        with self.assertRaisesRegex(UserError, "official figures"):
            mine.write({"line_ids": [(1, line.id, {"score": 99.0})]})
        self._check_result(result)
        mine.note = "<p>Revisado en el comité institucional.</p>"
        self.assertIn("comité", result.note)

    def test_same_year_twice(self):
        self._import(build_csv(ROWS), "furag.csv")
        with self.assertRaisesRegex(UserError, "already loaded"):
            self._import(build_csv(ROWS), "furag.csv")

    def test_bad_rows_are_named_and_nothing_is_imported(self):
        rows = [list(r) for r in ROWS]
        rows[1][3] = "alto"  # row 3 of the file
        rows[3][1] = "P99"  # row 5
        rows[6][1] = "X1"  # row 8
        rows[5][0] = "Otro"  # row 7
        with self.assertRaises(UserError) as caught:
            self._import(build_xlsx(rows), "furag.xlsx")
        message = str(caught.exception)
        for expected in (
            "Row 3:",
            "'alto'",
            "Row 5:",
            "'P99'",
            "Row 7:",
            "Row 8:",
            "'X1'",
        ):
            self.assertIn(expected, message)
        self.assertFalse(self.env["mipg.furag.result"].search([("year", "=", 2024)]))

    def test_missing_column(self):
        header = [h for h in HEADER if h != "Puntaje"]
        rows = [r[:3] + r[4:] for r in ROWS]
        with self.assertRaisesRegex(
            UserError, "row 1, the header, has no column 'Puntaje'"
        ):
            self._import(build_csv(rows, header), "furag.csv")

    def test_recommendation_to_opportunity_once(self):
        result = self._import(build_csv(ROWS), "furag.csv")
        recommendation = result.recommendation_ids.filtered(
            lambda r: r.policy_id == self.geth
        )
        recommendation.with_user(self.analyst).action_create_opportunity()
        opportunity = recommendation.opportunity_id
        self.assertEqual(opportunity.source, "furag")
        self.assertEqual(opportunity.process_id, self.process)
        self.assertEqual(opportunity.policy_ids, self.geth)
        self.assertEqual(opportunity.description, "Implementar el plan de vacantes.")
        recommendation.with_user(self.analyst).action_create_opportunity()
        self.assertEqual(
            self.env["mipg.opportunity"].search_count(
                [("res_model", "=", "mipg.furag.recommendation")]
            ),
            1,
        )
        # Without a process linked to the policy: a clear message.
        self.control.process_ids = [(5,)]
        with self.assertRaisesRegex(UserError, "not linked to any process"):
            result.with_user(self.analyst).action_create_opportunities()


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgFuragBrowser(SelfAssessmentBrowserCase):
    def test_furag_result_form(self):
        wizard = (
            self.env["mipg.furag.import"]
            .with_user(self.analyst)
            .create(
                {
                    "file": base64.b64encode(build_csv(ROWS)),
                    "file_name": "f.csv",
                    "year": 2024,
                }
            )
        )
        result_id = wizard.action_import()["res_id"]
        self._check_page(
            f"/odoo/action-mipg.mipg_furag_result_action/{result_id}",
            ".o_form_view .o_data_row",
            ["FURAG 2024", "61.20", "Control Interno"],
        )
