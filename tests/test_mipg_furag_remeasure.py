# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Closing the cycle by measuring again: an opportunity raised from a FURAG
index, a FURAG recommendation or a self-assessment activity keeps its
baseline; the next measurement records the new value and whether the gap
closed, narrowed or did not close."""

import ast
import base64
import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import evaluate, load_spanish, new_users
from .test_mipg_furag_published import (
    SIGEP,
    FuragPublishedCase,
    build_long_csv,
    build_recommendations_xlsx,
    long_row,
)
from .test_mipg_self_assessment import SelfAssessmentCase


class FuragRemeasureCase(FuragPublishedCase, SelfAssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process.policy_ids = [(4, cls.digital.id)]
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("mipg.remeasure_threshold", "80")
        params.set_param("mipg.remeasure_points", "5")

    def _furag(self, year, code, score):
        return self._import(
            build_long_csv([long_row(SIGEP, year, code, score)]), "mdi.csv", year
        )

    def _raise_from_index(self, result, code):
        line = result.line_ids.filtered(lambda line: line.code == code)
        line.with_user(self.analyst).action_mipg_raise_opportunity()
        return line.opportunity_ids


@tagged("post_install", "-at_install")
class TestMipgFuragRemeasure(FuragRemeasureCase):
    def test_outcomes_of_the_next_furag(self):
        for new_score, outcome in (
            ("62", "closed"),  # 7 points better
            ("57,5", "narrowed"),  # better, less than 5 points, under 80
            ("55", "not_closed"),  # same score
            ("40", "not_closed"),  # worse
        ):
            with self.subTest(new_score=new_score):
                self.env["mipg.furag.result"].with_context(active_test=False).search(
                    []
                ).unlink()
                self.env["mipg.opportunity"].search(
                    [("res_model", "=", "mipg.furag.result.line")]
                ).unlink()
                base = self._furag(2023, "POL07", "55")
                opportunity = self._raise_from_index(base, "POL07")
                self.assertEqual(opportunity.baseline_kind, "furag")
                self.assertEqual(opportunity.baseline_year, 2023)
                self.assertAlmostEqual(opportunity.baseline_value, 55.0)
                self.assertEqual(opportunity.baseline_index_id.code, "POL07")
                self.assertFalse(opportunity.gap_outcome)
                self._furag(2024, "POL07", new_score)
                self.assertEqual(opportunity.remeasure_year, 2024)
                self.assertEqual(opportunity.gap_outcome, outcome)

    def test_threshold_reached_closes_the_gap(self):
        self.env["ir.config_parameter"].sudo().set_param("mipg.remeasure_points", "50")
        opportunity = self._raise_from_index(self._furag(2023, "POL07", "70"), "POL07")
        self._furag(2024, "POL07", "79,9")
        self.assertEqual(opportunity.gap_outcome, "narrowed")
        # the same year imported again (replaced) measures again
        self._import(
            build_long_csv([long_row(SIGEP, 2024, "POL07", "80")]),
            "mdi.csv",
            2024,
            replace=True,
        )
        self.assertEqual(opportunity.gap_outcome, "closed")
        self.assertAlmostEqual(opportunity.remeasure_value, 80.0)

    def test_across_the_change_of_policy_codes(self):
        """Gobierno Digital was POL06 in 2021 and is POL07 from 2022."""
        opportunity = self._raise_from_index(self._furag(2021, "POL06", "50"), "POL06")
        self.assertEqual(opportunity.policy_ids, self.digital)
        self._furag(2022, "POL06", "90")  # Fortalecimiento now: not the same
        self.assertFalse(opportunity.gap_outcome)
        self._import(
            build_long_csv([long_row(SIGEP, 2022, "POL07", "60")]),
            "mdi.csv",
            2022,
            replace=True,
        )
        self.assertEqual(opportunity.gap_outcome, "closed")

    def test_the_peer_gap_raises_the_impact(self):
        far = self._raise_from_index(self._furag(2023, "POL07", "41,2"), "POL07")
        # 30 points under the peer-group average of 71.2
        self.assertEqual(far.impact, 5)
        self.assertAlmostEqual(far.baseline_peer_average, 71.2)

    def test_the_raised_texts_write_numbers_as_the_user_reads(self):
        load_spanish(self.env)
        result = self._furag(2023, "POL07", "41,2")
        line = result.line_ids.filtered(lambda line: line.code == "POL07")
        # as the web client calls it, in the user's language
        line.with_user(self.analyst).with_context(
            lang="es_CO"
        ).action_mipg_raise_opportunity()
        opportunity = line.opportunity_ids
        self.assertIn(": 41,2", opportunity.title)
        self.assertIn("obtuvo 41,2 sobre 100", opportunity.description)
        self.assertIn("promedió 71,2", opportunity.description)

    def test_recommendation_keeps_the_policy_baseline(self):
        recommendations = build_recommendations_xlsx(
            [["Gobierno Digital", "Publicar datos abiertos (inventado).", "POL07"]]
        )
        result = self._import(
            build_long_csv([long_row(SIGEP, 2023, "POL07", "55")]),
            "mdi.csv",
            2023,
            recommendation_file=base64.b64encode(recommendations),
            recommendation_file_name="Recomendaciones.xlsx",
        )
        recommendation = result.recommendation_ids
        recommendation.with_user(self.analyst).action_create_opportunity()
        opportunity = recommendation.opportunity_id
        self.assertEqual(opportunity.baseline_kind, "furag")
        self.assertAlmostEqual(opportunity.baseline_value, 55.0)
        self._furag(2024, "POL07", "56")
        self.assertEqual(opportunity.gap_outcome, "narrowed")

    def test_next_self_assessment(self):
        old = self._new_assessment({"1": 30, "2": 50, "3": 90, "4": 70}, year=2023)
        old.action_done()
        opportunities = old._create_gap_opportunities(threshold=60)
        by_code = {o.baseline_activity_id.code: o for o in opportunities}
        self.assertEqual(set(by_code), {"1", "2"})
        self.assertEqual(by_code["1"].baseline_kind, "self_assessment")
        self.assertAlmostEqual(by_code["1"].baseline_value, 30.0)
        self.assertEqual(by_code["1"].baseline_year, 2023)
        new = self._new_assessment({"1": 36, "2": 40, "3": 95}, year=2024)
        self.assertFalse(by_code["1"].gap_outcome)  # not finished yet
        new.with_user(self.analyst).action_done()
        self.assertEqual(by_code["1"].gap_outcome, "closed")
        self.assertAlmostEqual(by_code["1"].remeasure_value, 36.0)
        self.assertEqual(by_code["2"].gap_outcome, "not_closed")

    def test_nobody_writes_the_measurement_by_hand(self):
        opportunity = self._raise_from_index(self._furag(2023, "POL07", "55"), "POL07")
        for vals in (
            {"gap_outcome": "closed"},
            {"remeasure_value": 99.0},
            {"baseline_value": 10.0},
            {"baseline_kind": False},
        ):
            with self.assertRaises(UserError):
                opportunity.with_user(self.analyst).write(vals)
        # nor on create, through default_* context keys either
        created = (
            self.env["mipg.opportunity"]
            .with_user(self.analyst)
            .with_context(default_gap_outcome="closed")
            .create(
                {
                    "title": "Sin línea base",
                    "description": "Prueba",
                    "source": "furag",
                    "process_id": self.process.id,
                }
            )
        )
        self.assertFalse(created.gap_outcome)
        with self.assertRaises(UserError):
            self.env["mipg.opportunity"].with_user(self.analyst).create(
                {
                    "title": "Con resultado inventado",
                    "description": "Prueba",
                    "source": "furag",
                    "process_id": self.process.id,
                    "gap_outcome": "closed",
                }
            )

    def test_lesson_shows_the_measured_result(self):
        opportunity = self._raise_from_index(self._furag(2023, "POL07", "55"), "POL07")
        self._furag(2024, "POL07", "70")
        lesson = self.env["mipg.lesson"].new({"opportunity_id": opportunity.id})
        self.assertEqual(lesson.gap_outcome, "closed")
        self.assertAlmostEqual(lesson.remeasure_value, 70.0)


@tagged("post_install", "-at_install")
class TestMipgFuragDemo(FuragPublishedCase.__base__):
    def test_demo_closes_one_gap_and_not_the_other(self):
        closed = self.env.ref(
            "mipg.mipg_furag_result_line_2020_pol06_demo", raise_if_not_found=False
        )
        if not closed:
            self.skipTest("installed without demo data")
        not_closed = self.env.ref("mipg.mipg_furag_result_line_2020_pol16_demo")
        self.assertEqual(closed.opportunity_ids.gap_outcome, "closed")
        self.assertEqual(closed.opportunity_ids.remeasure_year, 2021)
        self.assertEqual(not_closed.opportunity_ids.gap_outcome, "not_closed")
        self.assertEqual(
            self.env.ref("mipg.mipg_furag_result_line_2022_pol07_demo").policy_id,
            closed.policy_id,
        )


@tagged("post_install", "-at_install")
class TestMipgFuragCycleClosed(FuragRemeasureCase):
    """Opportunities raised from a FURAG index, closed as effective by the
    Internal Control Office and measured again by the next FURAG import:
    the OCI's list of those whose gap did not close, and the bulletin that
    prints the measured result of their lessons, in Spanish."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.env.company.partner_id.lang = "es_CO"
        cls.leader, cls.auditor = new_users(
            cls.env,
            {
                "mipg_cc_leader": "mipg.group_mipg_first_line",
                "mipg_cc_auditor": "mipg.group_mipg_third_line",
            },
        )
        cls.process.leader_id = cls.leader
        cls.closed_stage = cls.env["mipg.stage"].search([("code", "=", "closed")])

    def _close_effective(self, opportunity):
        """One action, executed with its evidence, evaluated effective by the
        OCI and closed: the opportunity follows it, closed as effective."""
        evidence = self.env["ir.attachment"].create(
            {"name": "acta.txt", "datas": base64.b64encode(b"acta firmada")}
        )
        action = self.env["mipg.action"].create(
            {
                "name": "Publicar el inventario de datos abiertos",
                "opportunity_id": opportunity.id,
                "process_id": opportunity.process_id.id,
                "responsible_id": self.leader.id,
                "evidence_ids": [(6, 0, evidence.ids)],
            }
        )
        evaluate(self.auditor, action)
        action.stage_id = self.closed_stage
        self.assertTrue(opportunity.effective)
        self.assertTrue(opportunity.stage_id.is_closed)

    def _two_cycles(self):
        """Raised in 2023 (45,5), closed and measured again in 2024 (62,5):
        gap closed. Raised in 2024 (62,5), closed and measured again in 2025
        (60): gap not closed."""
        closed = self._raise_from_index(self._furag(2023, "POL07", "45,5"), "POL07")
        self._close_effective(closed)
        not_closed = self._raise_from_index(self._furag(2024, "POL07", "62,5"), "POL07")
        self._close_effective(not_closed)
        self._furag(2025, "POL07", "60")
        self.assertEqual(
            (closed.baseline_year, closed.remeasure_year, closed.gap_outcome),
            (2023, 2024, "closed"),
        )
        self.assertEqual(
            (
                not_closed.baseline_year,
                not_closed.remeasure_year,
                not_closed.gap_outcome,
            ),
            (2024, 2025, "not_closed"),
        )
        return closed, not_closed

    def test_effective_gap_not_closed_in_the_oci_list(self):
        closed, not_closed = self._two_cycles()
        # still open, measured again and not closed: not the OCI's concern here
        pending = self._raise_from_index(self._furag(2026, "POL07", "50"), "POL07")
        self._import(
            build_long_csv([long_row(SIGEP, 2026, "POL07", "50")]),
            "mdi.csv",
            2026,
            replace=True,
        )
        action = (
            self.env["ir.actions.act_window"]
            .with_user(self.auditor)
            ._for_xml_id("mipg.mipg_opportunity_action_gap_ci")
        )
        self.assertEqual(action["res_model"], "mipg.opportunity")
        listed = (
            self.env["mipg.opportunity"]
            .with_user(self.auditor)
            .search(ast.literal_eval(action["domain"]))
        )
        self.assertIn(not_closed, listed)
        self.assertNotIn(closed, listed)
        self.assertNotIn(pending, listed)
        # the menu of Control Interno opens it, for the OCI only
        menu = self.env.ref("mipg.mipg_opportunity_menu_gap_ci")
        self.assertEqual(menu.action, self.env.ref(action["xml_id"]))
        self.assertTrue(self._menu_reachable(menu, self.auditor))
        self.assertFalse(self._menu_reachable(menu, self.leader))

    def _menu_reachable(self, menu, user):
        """The menu and every menu above it are visible to the user."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        while menu:
            if menu.id not in visible:
                return False
            menu = menu.parent_id
        return True

    def test_bulletin_prints_the_measured_result(self):
        closed, not_closed = self._two_cycles()
        # raised from the last import, closed, not measured again yet
        later = self._raise_from_index(
            self.env["mipg.furag.result"].search([("year", "=", 2025)]), "POL07"
        )
        self._close_effective(later)
        # an opportunity without a baseline: its lesson prints no measurement
        plain = self.env["mipg.opportunity"].create(
            {
                "title": "Sin línea base",
                "description": "Oportunidad de una auditoría interna.",
                "source": "auditoria_interna_gestion",
                "process_id": self.process.id,
            }
        )
        self._close_effective(plain)
        year = 2089
        Lesson = self.env["mipg.lesson"].with_user(self.analyst)
        for opportunity in (closed, not_closed, later, plain):
            lesson = Lesson.with_context(default_opportunity_id=opportunity.id).create(
                {
                    "recommendation": "Publicar los datos abiertos cada trimestre.",
                    "year": year,
                }
            )
            lesson.action_propose()
            lesson.action_verify()
        bulletin = (
            self.env["mipg.bulletin"]
            .with_user(self.analyst)
            .create({"year": year, "edition": 1})
        )
        self.assertEqual(len(bulletin.lesson_ids), 4)
        html, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            .with_context(lang="es_CO")
            ._render_qweb_html("mipg.action_report_bulletin", bulletin.ids)
        )
        self.assertEqual(report_type, "html")
        html = html.decode()
        # three lessons with a baseline, two measured again
        self.assertEqual(html.count(">Línea base<"), 3)
        self.assertEqual(html.count(">Nueva medición<"), 3)
        self.assertEqual(html.count(">Resultado medido<"), 2)
        self.assertIn("Índice FURAG POL07", html)
        self.assertIn(": 45,5 en 2023<", html)
        self.assertIn(">62,5 en 2024<", html)
        self.assertIn(": 62,5 en 2024<", html)
        self.assertIn(">60 en 2025<", html)
        self.assertIn(": 60 en 2025<", html)
        self.assertIn(">Aún no se ha medido de nuevo<", html)
        self.assertEqual(html.count(">Brecha cerrada<"), 1)
        self.assertEqual(html.count(">Brecha no cerrada<"), 1)
        # the measured rows as the Spanish reader writes numbers (the
        # opportunity's own texts keep the words they were raised with)
        measured = " ".join(
            re.findall(r'<tr class="mipg-measured">(.*?)</tr>', html, re.S)
        )
        self.assertIn("45,5", measured)
        for english in ("45.5", "62.5", "60.0", "Baseline", "Gap", " in 20"):
            self.assertNotIn(english, measured)
