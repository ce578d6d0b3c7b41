# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import os
import unittest

import openpyxl

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import Form, tagged

from .test_mipg_self_assessment import SelfAssessmentCase

HEADER = (
    "Componentes ",
    "Calificación",
    "Categoría",
    "Calificación",
    "Actividades de Gestión \n(Variables)",
    None,
    None,
    "Criterio de\nCalificación",
    "Valoración",
    None,
    "Periodo de análisis",
    "Puntaje \n(0 - 100)",
    "Observaciones",
)


def geth_excel_path():
    """The official GETH tool, in the shared folder next to the addon."""
    root = os.path.realpath(get_module_path("mipg"))
    return os.path.join(
        root,
        "..",
        "shared",
        "mipg",
        "autodiagnostico",
        "fuentes",
        "geth_autodiagnostico_funcionpublica_2018.xlsx",
    )


def build_tool(rows, title="AUTODIAGNÓSTICO DE POLÍTICA DE PRUEBA", header=HEADER):
    """An .xlsx laid out as Función Pública's tools: title, header, then per
    row (component, category, code, sub-code, text, criterion, score,
    observations); a scale range follows each activity."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Autodiagnóstico "
    sheet.append([title])
    sheet.append([])
    sheet.append(header)
    for component, category, code, sub_code, text, criterion, score, obs in rows:
        if sub_code:
            activity = [None, sub_code, text]
        else:
            activity = [code, text, None]
        sheet.append(
            [
                component,
                None,
                category,
                None,
                *activity,
                criterion,
                "0 - 20",
                "Nada",
                "1 año",
                score,
                obs,
            ]
        )
        sheet.append([None] * 8 + ["81 - 100", "Todo"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TOOL_ROWS = [
    (
        "PLANEACIÓN",
        "Conocimiento",
        "1",
        None,
        "Conocer la norma",
        "Norma",
        40,
        "Parcial",
    ),
    (None, None, "2", None, "Planear lo siguiente:", "Plan", None, None),
    (None, None, None, "2A", "Plan de vacantes", "Incluido", 80, None),
    (None, "Información", "3", None, "Gestionar el SIGEP", "SIGEP", "90", None),
    ("RETIRO", "Desvinculación", "4", None, "Acompañar el retiro", "Retiro", 0, None),
]


@tagged("post_install", "-at_install")
class TestMipgSelfAssessmentImport(SelfAssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.empty_policy = cls.env["mipg.policy"].create(
            {
                "code": "politica_vacia",
                "name": "Política Vacía Importada",
                "dimension_id": cls.dimension.id,
            }
        )

    def _import(self, content, policy=None, **values):
        wizard = (
            self.env["mipg.self.assessment.import"]
            .with_user(self.analyst)
            .create(
                dict(
                    {
                        "file": base64.b64encode(content),
                        "file_name": "herramienta.xlsx",
                        "policy_id": policy.id if policy else False,
                        "year": 2025,
                    },
                    **values,
                )
            )
        )
        wizard.action_import()
        return wizard

    def _structure(self, policy):
        activities = self.env["mipg.assessment.activity"].search(
            [("policy_id", "=", policy.id)]
        )
        return [
            (a.component_id.name, a.category_id.name, a.code, a.name, a.criterion or "")
            for a in activities
        ]

    def test_import_built_tool_with_scores(self):
        wizard = self._import(build_tool(TOOL_ROWS), self.empty_policy)
        self.assertEqual(
            self._structure(self.empty_policy),
            [
                ("PLANEACIÓN", "Conocimiento", "1", "Conocer la norma", "Norma"),
                ("PLANEACIÓN", "Conocimiento", "2", "Planear lo siguiente:", "Plan"),
                (
                    "PLANEACIÓN",
                    "Conocimiento",
                    "2A",
                    "Planear lo siguiente: → Plan de vacantes",
                    "Incluido",
                ),
                ("PLANEACIÓN", "Información", "3", "Gestionar el SIGEP", "SIGEP"),
                ("RETIRO", "Desvinculación", "4", "Acompañar el retiro", "Retiro"),
            ],
        )
        activity = self.env["mipg.assessment.activity"].search(
            [("policy_id", "=", self.empty_policy.id), ("code", "=", "1")]
        )
        self.assertEqual(activity.scale_description, "0 - 20: Nada\n81 - 100: Todo")
        assessment = wizard.assessment_id
        self.assertEqual(assessment.policy_id, self.empty_policy)
        self.assertEqual(assessment.state, "in_progress")
        self.assertEqual(assessment.year, 2025)
        self.assertEqual(assessment.scored_count, 4)
        self.assertAlmostEqual(assessment.score, (40 + 80 + 90 + 0) / 4)
        line = assessment.line_ids.filtered(lambda line: line.code == "1")
        self.assertEqual(line.observations, "Parcial")
        self.assertFalse(
            assessment.line_ids.filtered(lambda line: line.code == "2").filled
        )
        # Importing the same tool again adds no structure.
        self._import(build_tool(TOOL_ROWS), self.empty_policy, import_scores=False)
        self.assertEqual(len(self._structure(self.empty_policy)), 5)

    def test_import_as_the_screen_does(self):
        Wizard = self.env["mipg.self.assessment.import"].with_user(self.analyst)
        with Form(Wizard) as form:
            form.file = base64.b64encode(build_tool(TOOL_ROWS))
            form.policy_id = self.empty_policy
            form.year = 2024
        action = form.record.action_import()
        assessment = self.env["mipg.self.assessment"].browse(action["res_id"])
        self.assertEqual(
            (assessment.policy_id, assessment.year), (self.empty_policy, 2024)
        )
        self.assertEqual(assessment.level, "3")  # (40 + 80 + 90 + 0) / 4 = 52.5

    def test_policy_recognised_from_title(self):
        wizard = self._import(
            build_tool(TOOL_ROWS, title="AUTODIAGNÓSTICO DE POLÍTICA VACÍA IMPORTADA")
        )
        self.assertEqual(wizard.assessment_id.policy_id, self.empty_policy)

    def test_unknown_policy(self):
        with self.assertRaisesRegex(UserError, "policy of this file is unknown"):
            self._import(build_tool(TOOL_ROWS, title="AUTODIAGNÓSTICO DE ALGO RARO"))
        self.assertFalse(self._structure(self.empty_policy))

    def test_missing_column(self):
        header = [h if h != "Puntaje \n(0 - 100)" else "Nota" for h in HEADER]
        with self.assertRaisesRegex(
            UserError, r"no column 'Puntaje \(0 - 100\)'.*\(3\)"
        ):
            self._import(build_tool(TOOL_ROWS, header=header), self.empty_policy)
        self.assertFalse(self._structure(self.empty_policy))

    def test_text_in_score_names_the_row_and_imports_nothing(self):
        rows = list(TOOL_ROWS)
        rows[3] = rows[3][:6] + ("noventa", None)
        rows[4] = rows[4][:6] + (120, None)
        with self.assertRaises(UserError) as caught:
            self._import(build_tool(rows), self.empty_policy)
        message = str(caught.exception)
        self.assertIn("Row 10 (activity 3)", message)
        self.assertIn("'noventa'", message)
        self.assertIn("Row 12 (activity 4)", message)
        self.assertFalse(self._structure(self.empty_policy))
        self.assertFalse(
            self.env["mipg.self.assessment"].search(
                [("policy_id", "=", self.empty_policy.id)]
            )
        )

    def test_not_an_excel_file(self):
        with self.assertRaisesRegex(UserError, "not an Excel workbook"):
            self._import(b"Componente;Puntaje\n", self.empty_policy)

    def test_official_geth_tool_matches_the_seed(self):
        path = geth_excel_path()
        if not os.path.exists(path):
            raise unittest.SkipTest(
                "The official GETH Excel is not next to the addon "
                "(../shared/mipg/autodiagnostico/fuentes/)."
            )
        with open(path, "rb") as handle:
            content = handle.read()
        geth = self.env.ref("mipg.mipg_policy_gestion_estrategica_talento_humano")
        seed = self._structure(geth)
        self.assertEqual(len(seed), 131)
        self.assertEqual(len(geth.mapped("id")), 1)
        self.assertEqual(
            len(
                self.env["mipg.assessment.category"].search(
                    [("policy_id", "=", geth.id)]
                )
            ),
            25,
        )
        self.assertEqual(
            len(
                self.env["mipg.assessment.component"].search(
                    [("policy_id", "=", geth.id)]
                )
            ),
            4,
        )
        # Into an empty policy: the same structure as the seed.
        self._import(content, self.empty_policy, import_scores=False)
        self.assertEqual(self._structure(self.empty_policy), seed)
        # Into GETH itself (recognised from the title): nothing new, and the
        # test scores of the file give the totals the sheet computes.
        wizard = self._import(content)
        self.assertEqual(self._structure(geth), seed)
        assessment = wizard.assessment_id
        self.assertEqual(assessment.policy_id, geth)
        self.assertEqual(len(assessment.line_ids), 131)
        self.assertEqual(assessment.scored_count, 39)
        self.assertAlmostEqual(assessment.score, 62.56410256, places=6)  # cell J9
        rollup = assessment._get_rollup()
        self.assertAlmostEqual(rollup[0]["score"], 63.63636363, places=6)  # D13
        self.assertAlmostEqual(rollup[0]["categories"][0]["score"], 50.0)  # F13
