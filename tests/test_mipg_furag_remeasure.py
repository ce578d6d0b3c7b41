# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Closing the cycle by measuring again: an opportunity raised from a FURAG
index, a FURAG recommendation or a self-assessment activity keeps its
baseline; the next measurement records the new value and whether the gap
closed, narrowed or did not close."""

import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_mipg_furag_published import (
    SIGEP,
    FuragPublishedCase,
    build_long_csv,
    build_recommendations_xlsx,
    long_row,
)
from .test_mipg_self_assessment import SelfAssessmentCase


@tagged("post_install", "-at_install")
class TestMipgFuragRemeasure(FuragPublishedCase, SelfAssessmentCase):
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
