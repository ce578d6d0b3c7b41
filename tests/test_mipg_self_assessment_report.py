# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .test_mipg_self_assessment import SelfAssessmentCase

REPORT = "mipg.action_report_self_assessment"


class SelfAssessmentReportCase(SelfAssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_policy = cls.env["mipg.policy"].create(
            {
                "code": "politica_integridad_prueba",
                "name": "Integridad de prueba",
                "dimension_id": cls.env.ref("mipg.mipg_dimension_control_interno").id,
            }
        )
        cls.env["mipg.assessment.activity"].create(
            {
                "category_id": cls.env["mipg.assessment.category"]
                .create(
                    {
                        "name": "Codigo de integridad",
                        "component_id": cls.env["mipg.assessment.component"]
                        .create({"policy_id": cls.other_policy.id, "name": "Valores"})
                        .id,
                    }
                )
                .id,
                "code": "1",
                "name": "Adoptar el codigo",
            }
        )

    def _assessments(self):
        first = self._new_assessment({"1": 40, "3": 80, "4": 10})
        first._create_gap_opportunities()
        second = (
            self.env["mipg.self.assessment"]
            .with_user(self.analyst)
            .create({"policy_id": self.other_policy.id, "year": 2025})
        )
        second.action_start()
        second.line_ids.score = 91
        return first | second


@tagged("post_install", "-at_install")
class TestMipgSelfAssessmentReport(SelfAssessmentReportCase):
    def test_print_the_year(self):
        first, second = self._assessments()
        self._new_assessment({"1": 10}, year=2024)
        # only finished self-assessments make the year's report
        first.with_user(self.analyst).action_done()
        action = first.with_user(self.analyst).action_print_year()
        self.assertEqual(action["report_name"], "mipg.report_self_assessment")
        self.assertEqual(set(action["context"]["active_ids"]), {first.id})
        second.with_user(self.analyst).action_done()
        action = first.with_user(self.analyst).action_print_year()
        self.assertEqual(set(action["context"]["active_ids"]), {first.id, second.id})

    def test_report_html(self):
        assessments = self._assessments()
        html, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            ._render_qweb_html(REPORT, assessments.ids)
        )
        self.assertEqual(report_type, "html")
        html = html.decode()
        for text in (
            "Política de prueba",
            "Integridad de prueba",
            "43.3",  # total of the first policy: (40 + 80 + 10) / 3
            "60.0",  # category A1
            "91.0",
            "Summary by dimension",
            "Talento Humano",
            "<svg",
            "#8E0000",  # category A2 at 10: level 1
            "#009900",
            "Tres",  # gap activity... no: 80 is no gap
        ):
            with self.subTest(text=text):
                if text == "Tres":
                    self.assertNotIn("<td>Tres</td>", html)
                else:
                    self.assertIn(text, html)
        opportunity = assessments[0].opportunity_ids
        self.assertEqual(len(opportunity), 2)
        for name in opportunity.mapped("name"):
            self.assertIn(name, html)


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgSelfAssessmentReportPdf(SelfAssessmentReportCase, HttpCase):
    """wkhtmltopdf fetches the report assets over HTTP: HttpCase lets those
    requests share the test transaction."""

    def test_report_pdf(self):
        assessments = self._assessments()
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, assessments.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertGreaterEqual(len(reader.pages), 4)  # cover, 2 policies, summary
        text = " ".join(page.extract_text() for page in reader.pages)
        text = " ".join(text.split())
        for expected in (
            "Integridad de prueba",
            "43.3",
            "91.0",
            "Summary by dimension",
        ):
            with self.subTest(text=expected):
                self.assertIn(expected, text, text[:600])
