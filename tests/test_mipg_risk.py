# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Risk management by Función Pública's guide: the heat map, the inherent
and residual ratings of the worked examples, the treatment rules and the
rights of each line of defense over risks, controls, their reviews and
events."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase

# The guide's table (riesgos.yaml, mapa_calor): rows are probability levels
# 1 (muy baja) to 5 (muy alta), columns impact levels 1 (leve) to 5
# (catastrófico).
HEAT_MAP = {
    5: ("high", "high", "high", "high", "extreme"),
    4: ("moderate", "moderate", "high", "high", "extreme"),
    3: ("moderate", "moderate", "moderate", "high", "extreme"),
    2: ("low", "moderate", "moderate", "high", "extreme"),
    1: ("low", "low", "moderate", "high", "extreme"),
}
# A frequency (times a year) and an economic effect (SMMLV) inside each level.
FREQUENCY = {1: 1, 2: 10, 3: 100, 4: 1000, 5: 6000}
AMOUNT = {1: 5, 2: 30, 3: 80, 4: 300, 5: 600}


class MipgRiskCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.methodology = cls.env.ref("mipg.mipg_risk_methodology_v6")
        cls.questions = cls.env["mipg.risk.corruption.question"].search([])

    @classmethod
    def _risk(cls, user=None, **values):
        vals = {
            "process_id": cls.process.id,
            "impact_text": "afectación económica",
            "immediate_cause": "pago de cuentas sin soportes completos",
            "root_cause": "falta de una lista de chequeo en tesorería",
            "activity_frequency": FREQUENCY[3],
            "economic_amount": AMOUNT[4],
        }
        vals.update(values)
        Risk = cls.env["mipg.risk"]
        return (Risk.with_user(user) if user else Risk).create(vals)

    @classmethod
    def _control(cls, risk, control_type, implementation, sequence=10, user=None):
        Control = cls.env["mipg.risk.control"]
        return (Control.with_user(user) if user else Control).create(
            {
                "risk_id": risk.id,
                "sequence": sequence,
                "responsible_post": "Profesional universitario de Tesorería",
                "action": "verifica los soportes de la cuenta",
                "control_type": control_type,
                "implementation": implementation,
            }
        )


@tagged("post_install", "-at_install")
class TestMipgRiskRating(MipgRiskCase):
    def test_seeded_policy_is_the_guide(self):
        self.assertEqual(self.methodology.state, "approved")
        self.assertEqual(len(self.methodology.cell_ids), 25)
        self.assertEqual(len(self.questions), 19)
        self.assertEqual(
            self.methodology.probability_level_ids.mapped("value"),
            [0.2, 0.4, 0.6, 0.8, 1.0],
        )

    def test_every_cell_of_the_heat_map(self):
        for probability, row in HEAT_MAP.items():
            for impact, zone in enumerate(row, 1):
                risk = self._risk(
                    activity_frequency=FREQUENCY[probability],
                    economic_amount=AMOUNT[impact],
                )
                self.assertEqual(risk.inherent_probability_id.rank, probability)
                self.assertEqual(risk.inherent_impact_id.rank, impact)
                self.assertEqual(
                    risk.inherent_zone_id.code,
                    zone,
                    f"probability {probability} x impact {impact}",
                )
                # without controls the residual rating is the inherent one
                self.assertEqual(risk.residual_zone_id, risk.inherent_zone_id)

    def test_heat_map_counts_risks_by_cell(self):
        self._risk(activity_frequency=1, economic_amount=600)
        self._risk(activity_frequency=1, economic_amount=600)
        self._risk(activity_frequency=6000, economic_amount=5)
        counts = self.env["mipg.risk"]._mipg_heat_map(
            [("process_id", "=", self.process.id)], stage="inherent"
        )
        self.assertEqual(len(counts), 25)
        self.assertEqual(counts[(1, 5)], 2)
        self.assertEqual(counts[(5, 1)], 1)
        self.assertEqual(sum(counts.values()), 3)

    def test_heat_map_of_the_web_client(self):
        risk = self._risk(activity_frequency=1, economic_amount=600)
        self._control(risk, "corrective", "automatic")
        data = self.env["mipg.risk"].mipg_heat_map_data(self.process.id)
        inherent, residual = data["maps"]
        self.assertEqual(inherent["rows"][0]["probability"], "Muy alta")
        # rows from muy alta down to muy baja, columns leve to catastrófico
        cell = inherent["rows"][4]["cells"][4]
        self.assertEqual((cell["count"], cell["zone"]), (1, "Extremo"))
        self.assertEqual(self.env["mipg.risk"].search(cell["domain"]), risk)
        # 1.0 × (1 − 0.35) = 0.65: mayor
        cell = residual["rows"][4]["cells"][3]
        self.assertEqual((cell["count"], cell["zone"]), (1, "Alto"))
        self.assertEqual(self.env["mipg.risk"].search(cell["domain"]), risk)
        self.assertEqual(
            sum(c["count"] for row in residual["rows"] for c in row["cells"]), 1
        )

    def test_probability_boundaries(self):
        for frequency, rank in (
            (0, 1),
            (2, 1),
            (3, 2),
            (24, 2),
            (25, 3),
            (500, 3),
            (501, 4),
            (5000, 4),
            (5001, 5),
        ):
            risk = self._risk(activity_frequency=frequency)
            self.assertEqual(risk.inherent_probability_id.rank, rank, frequency)

    def test_impact_boundaries_and_both_effects(self):
        for amount, rank in ((10, 1), (10.5, 2), (50, 2), (100, 3), (500, 4), (501, 5)):
            risk = self._risk(economic_amount=amount)
            self.assertEqual(risk.inherent_impact_id.rank, rank, amount)
        reputational = self.methodology.impact_level_ids.filtered(
            lambda level: level.rank == 4
        )
        risk = self._risk(
            impact_type="both", economic_amount=5, reputational_level_id=reputational.id
        )
        self.assertEqual(risk.inherent_impact_id.rank, 4, "the higher of both")
        risk.impact_type = "economic"
        self.assertEqual(risk.inherent_impact_id.rank, 1)

    def test_worked_example_of_the_guide(self):
        """riesgos.yaml: 0.60 − 0.60×0.40 = 0.36; 0.36 − 0.36×0.30 = 0.252;
        baja × mayor = alto."""
        risk = self._risk()
        self.assertEqual(risk.inherent_probability_id.value, 0.6)
        self.assertEqual(risk.inherent_impact_id.value, 0.8)
        first = self._control(risk, "preventive", "manual", 10)
        second = self._control(risk, "detective", "manual", 20)
        self.assertAlmostEqual(first.rating, 0.40)
        self.assertAlmostEqual(second.rating, 0.30)
        self.assertAlmostEqual(first.probability_after, 0.36)
        self.assertAlmostEqual(second.probability_after, 0.252)
        self.assertAlmostEqual(risk.residual_probability, 0.252)
        self.assertEqual(risk.residual_probability_id.name, "Baja")
        self.assertAlmostEqual(risk.residual_impact, 0.8)
        self.assertEqual(risk.residual_impact_id.name, "Mayor")
        self.assertEqual(risk.residual_zone_id.code, "high")

    def test_corrective_control_lowers_the_impact(self):
        risk = self._risk()
        control = self._control(risk, "corrective", "manual")
        self.assertAlmostEqual(control.rating, 0.25)
        self.assertEqual(control.affects, "impact")
        self.assertAlmostEqual(risk.residual_impact, 0.6)
        self.assertEqual(risk.residual_impact_id.name, "Moderado")
        self.assertAlmostEqual(risk.residual_probability, 0.6)
        self.assertEqual(risk.residual_zone_id.code, "moderate")

    def test_controls_mixed_in_sequence(self):
        """Each control starts from what the previous one of its kind left:
        1.0 → 0.5 (preventive automatic) → 0.3 (detective automatic);
        impact 1.0 → 0.65 (corrective automatic, between them)."""
        risk = self._risk(activity_frequency=6000, economic_amount=600)
        self.assertEqual(risk.inherent_zone_id.code, "extreme")
        preventive = self._control(risk, "preventive", "automatic", 10)
        corrective = self._control(risk, "corrective", "automatic", 20)
        detective = self._control(risk, "detective", "automatic", 30)
        self.assertAlmostEqual(preventive.probability_after, 0.5)
        self.assertAlmostEqual(corrective.probability_after, 0.5)
        self.assertAlmostEqual(corrective.impact_after, 0.65)
        self.assertAlmostEqual(detective.probability_after, 0.3)
        self.assertAlmostEqual(risk.residual_probability, 0.3)
        self.assertAlmostEqual(risk.residual_impact, 0.65)
        self.assertEqual(risk.residual_probability_id.rank, 2)
        self.assertEqual(risk.residual_impact_id.rank, 4)
        self.assertEqual(risk.residual_zone_id.code, "high")
        # archiving a control gives its effect back
        detective.active = False
        self.assertAlmostEqual(risk.residual_probability, 0.5)
        self.assertEqual(risk.residual_probability_id.rank, 3)

    def test_residual_levels_at_the_boundaries(self):
        # 0.8 × (1 − 0.5) = 0.40 exactly: still baja, not media
        risk = self._risk(activity_frequency=FREQUENCY[4])
        self._control(risk, "preventive", "automatic")
        self.assertAlmostEqual(risk.residual_probability, 0.4)
        self.assertEqual(risk.residual_probability_id.rank, 2)
        # 1.0 × (1 − 0.4) = 0.60 exactly: media
        risk = self._risk(activity_frequency=FREQUENCY[5])
        self._control(risk, "preventive", "manual")
        self.assertAlmostEqual(risk.residual_probability, 0.6)
        self.assertEqual(risk.residual_probability_id.rank, 3)
        # 0.4 × (1 − 0.5) = 0.20 exactly: muy baja
        risk = self._risk(activity_frequency=FREQUENCY[2])
        self._control(risk, "preventive", "automatic")
        self.assertAlmostEqual(risk.residual_probability, 0.2)
        self.assertEqual(risk.residual_probability_id.rank, 1)

    def test_corruption_impact_from_the_questions(self):
        for answers, rank in ((0, 3), (5, 3), (6, 4), (11, 4), (12, 5), (19, 5)):
            risk = self._risk(
                risk_type="corruption",
                economic_amount=0,
                corruption_question_ids=[(6, 0, self.questions[:answers].ids)],
            )
            self.assertEqual(risk.inherent_impact_id.rank, rank, answers)
            self.assertNotEqual(risk.inherent_zone_id.code, "low")

    def test_corruption_risk_is_never_accepted(self):
        # a management risk of the moderate zone may be accepted...
        risk = self._risk(activity_frequency=FREQUENCY[1], economic_amount=AMOUNT[3])
        self.assertEqual(risk.residual_zone_id.code, "moderate")
        risk.treatment = "accept"
        # ...a corruption risk never, on create or on write
        with self.assertRaisesRegex(ValidationError, "corruption risk can never"):
            self._risk(
                risk_type="corruption",
                activity_frequency=FREQUENCY[1],
                treatment="accept",
            )
        corruption = self._risk(risk_type="corruption", activity_frequency=1)
        self.assertEqual(corruption.residual_zone_id.code, "moderate")
        with self.assertRaisesRegex(ValidationError, "corruption risk can never"):
            corruption.with_user(self.leader).treatment = "accept"
        corruption.treatment = "reduce"
        with self.assertRaisesRegex(ValidationError, "corruption risk can never"):
            corruption.write({"treatment": "accept", "risk_type": "corruption"})

    def test_treatment_allowed_by_the_zone(self):
        risk = self._risk()
        self.assertEqual(risk.residual_zone_id.code, "high")
        with self.assertRaisesRegex(ValidationError, "does not allow"):
            risk.treatment = "accept"
        low = self._risk(activity_frequency=1, economic_amount=5, treatment="accept")
        self.assertEqual(low.residual_zone_id.code, "low")
        # the zone moves out of what the treatment allows: refused
        with self.assertRaisesRegex(ValidationError, "does not allow"):
            low.economic_amount = AMOUNT[4]
        with self.assertRaisesRegex(ValidationError, "ways of reducing"):
            low.reduce_mode = "transfer"

    def test_ratings_are_computed_never_written(self):
        risk = self._risk(user=self.leader)
        zone = self.methodology.zone_ids.filtered(lambda z: z.code == "low")
        for vals in (
            {"inherent_zone_id": zone.id},
            {"residual_zone_id": zone.id},
            {"residual_probability": 0.01},
            {"methodology_id": self.methodology.id},
        ):
            with self.assertRaises(UserError):
                risk.with_user(self.leader).write(vals)
        with self.assertRaises(UserError):
            self._risk(user=self.leader, residual_zone_id=zone.id)
        control = self._control(risk, "preventive", "manual", user=self.leader)
        with self.assertRaises(UserError):
            control.with_user(self.leader).rating = 0.99

    def test_a_new_policy_does_not_rewrite_past_maps(self):
        old = self._risk(economic_amount=30)
        self.assertEqual(old.inherent_impact_id.rank, 2)
        action = self.methodology.with_user(self.planner).action_new_version()
        new = self.env["mipg.risk.methodology"].browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(len(new.cell_ids), 25)
        self.assertFalse(new.cell_ids.zone_id & self.methodology.zone_ids)
        # the entity lowers its thresholds: 20 SMMLV is already moderate
        new.impact_level_ids.filtered(lambda x: x.rank == 1).threshold_max = 5
        new.impact_level_ids.filtered(lambda x: x.rank == 2).threshold_max = 20
        new.date_approval = self.today
        with self.assertRaises(AccessError):
            new.with_user(self.planner).action_approve()
        new.with_user(self.mayor).action_approve()
        self.assertEqual(new.state, "approved")
        self.assertEqual(new.approved_by_id, self.mayor)
        recent = self._risk(economic_amount=30)
        self.assertEqual(recent.methodology_id, new)
        self.assertEqual(recent.inherent_impact_id.rank, 3)
        old.invalidate_recordset()
        self.assertEqual(old.methodology_id, self.methodology)
        self.assertEqual(old.inherent_impact_id.rank, 2)

    def test_approved_policy_is_frozen(self):
        level = self.methodology.level_ids[0]
        with self.assertRaises(UserError):
            level.with_user(self.planner).threshold_max = 3
        with self.assertRaises(UserError):
            self.methodology.with_user(self.planner).weight_manual = 0.2
        with self.assertRaises(UserError):
            self.env["mipg.risk.level"].with_user(self.planner).create(
                {
                    "methodology_id": self.methodology.id,
                    "kind": "impact",
                    "rank": 5,
                    "name": "Otro",
                    "value": 1,
                }
            )

    def test_no_line_moves_into_an_approved_policy(self):
        draft = (
            self.env["mipg.risk.methodology"]
            .with_user(self.planner)
            .create({"name": "Borrador"})
        )
        level = (
            self.env["mipg.risk.level"]
            .with_user(self.planner)
            .create(
                {
                    "methodology_id": draft.id,
                    "kind": "impact",
                    "rank": 1,
                    "name": "Leve",
                    "value": 0.2,
                }
            )
        )
        level.with_user(self.planner).threshold_max = 5
        with self.assertRaisesRegex(UserError, "locked"):
            level.with_user(self.planner).methodology_id = self.methodology

    def test_policy_must_be_complete_and_weights_sensible(self):
        draft = (
            self.env["mipg.risk.methodology"]
            .with_user(self.planner)
            .create({"name": "Incompleta"})
        )
        with self.assertRaisesRegex(UserError, "five probability levels"):
            draft.with_user(self.mayor).action_approve()
        with self.assertRaisesRegex(ValidationError, "below 1"):
            draft.with_user(self.planner).write(
                {"weight_preventive": 0.6, "weight_automatic": 0.5}
            )


@tagged("post_install", "-at_install")
class TestMipgRiskLines(MipgRiskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "GJ-T1",
                "name": "Gestión Jurídica (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )
        cls.risk = cls._risk(user=cls.leader)
        cls.control = cls._control(cls.risk, "preventive", "manual", user=cls.leader)
        cls.period_start = cls.today - timedelta(days=90)

    def _test(self, user, line, **values):
        vals = {
            "control_id": self.control.id,
            "line": line,
            "period_start": self.period_start,
            "period_end": self.today,
        }
        vals.update(values)
        return self.env["mipg.risk.control.test"].with_user(user).create(vals)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_first_line_rates_only_its_processes(self):
        self.assertEqual(self.risk.methodology_id, self.methodology)
        with self.assertRaises(AccessError):
            self._risk(user=self.other_leader)
        with self.assertRaises(AccessError):
            self.risk.with_user(self.other_leader).read(["name"])
        with self.assertRaises(AccessError):
            self._control(self.risk, "detective", "manual", user=self.other_leader)
        # moving a risk to a process the leader does not lead: refused
        with self.assertRaises(AccessError):
            self.risk.with_user(self.leader).process_id = self.other_process
        with self.assertRaises(AccessError):
            self.control.with_user(self.leader).risk_id = self._risk(
                process_id=self.other_process.id
            )
        other = self._risk(process_id=self.other_process.id)
        self.assertFalse(
            self.env["mipg.risk"].with_user(self.leader).search([("id", "=", other.id)])
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_oci_and_strategic_line_never_rate(self):
        for user in (self.oci, self.mayor):
            self.assertTrue(self.risk.with_user(user).read(["residual_zone_id"]))
            with self.assertRaises(AccessError):
                self.risk.with_user(user).root_cause = "otra"
            with self.assertRaises(AccessError):
                self.control.with_user(user).control_type = "detective"
            with self.assertRaises(AccessError):
                self._risk(user=user)
        # the second line consolidates: it corrects a rating
        self.risk.with_user(self.planner).activity_frequency = 1
        self.assertEqual(self.risk.inherent_probability_id.rank, 1)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_each_line_records_its_own_review(self):
        execution = self._test(self.leader, "first", result="pass")
        execution.with_user(self.leader).action_confirm()
        self.assertEqual(execution.state, "done")
        with self.assertRaises(UserError):
            execution.with_user(self.leader).description = "cambiada"
        with self.assertRaises(AccessError):
            self._test(self.other_leader, "first", period_start=self.today)
        with self.assertRaises(AccessError):
            self._test(self.leader, "third", period_start=self.today)
        with self.assertRaises(AccessError):
            self._test(self.planner, "third", period_start=self.today)
        with self.assertRaises(AccessError):
            self._test(self.oci, "first", period_start=self.today)
        monitoring = self._test(self.planner, "second", result="pass")
        # the OCI reads the monitoring but does not change it
        with self.assertRaises(AccessError):
            monitoring.with_user(self.oci).description = "otra"
        # nobody turns an execution into an OCI test
        draft = self._test(self.leader, "first", period_start=self.today)
        with self.assertRaises(AccessError):
            draft.with_user(self.leader).line = "third"
        with self.assertRaisesRegex(ValidationError, "Only the Internal Control"):
            self._test(
                self.planner,
                "second",
                period_start=self.today,
                design_result="adequate",
            )

    def test_monitoring_by_the_frequency_of_the_zone(self):
        # high residual zone: every 3 months in the seeded policy
        self.assertEqual(self.risk.residual_zone_id.monitoring_months, 3)
        self.assertFalse(self.risk.last_monitoring_date)
        monitoring = self._test(self.planner, "second", result="pass")
        self.assertFalse(self.risk.last_monitoring_date, "a draft does not count")
        monitoring.with_user(self.planner).action_confirm()
        self.risk.invalidate_recordset()
        self.assertEqual(self.risk.last_monitoring_date, self.today)
        self.assertEqual(
            self.risk.monitoring_date_due, self.today + relativedelta(months=3)
        )

    @mute_logger("odoo.sql_db")
    def test_confirmed_review_keeps_its_control(self):
        test = self._test(self.oci, "third", result="pass", design_result="adequate")
        test.with_user(self.oci).action_confirm()
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.control.with_user(self.leader).unlink()
            self.env.flush_all()
        self.control.with_user(self.leader).active = False
        self.assertTrue(test.exists())

    @mute_logger("odoo.sql_db")
    def test_one_review_per_line_and_period(self):
        self._test(self.oci, "third")
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._test(self.oci, "third")
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._test(
                self.oci, "third", period_start=self.today, period_end=self.period_start
            )

    def test_failed_oci_test_raises_an_opportunity(self):
        passed = self._test(self.oci, "third", result="pass", design_result="adequate")
        passed.with_user(self.oci).action_confirm()
        self.assertFalse(passed.opportunity_ids)
        failed = self._test(
            self.oci,
            "third",
            period_start=self.today - timedelta(days=10),
            result="pass",
            design_result="inadequate",
            description="El control no indica qué hacer con las desviaciones.",
        )
        with self.assertRaisesRegex(UserError, "Choose the result"):
            self._test(self.oci, "third", period_start=self.today).with_user(
                self.oci
            ).action_confirm()
        failed.with_user(self.oci).action_confirm()
        opportunity = failed.opportunity_ids
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.process_id, self.process)
        self.assertEqual(opportunity.source, "auditoria_interna_gestion")
        self.assertEqual(opportunity.stage_id.phva, "plan")
        self.assertEqual(self.risk.risk_opportunity_count, 1)
        # the first line sees the opportunity of its risk
        self.assertTrue(opportunity.with_user(self.leader).read(["title"]))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_event_raises_an_opportunity_and_is_frozen(self):
        event = (
            self.env["mipg.risk.event"]
            .with_user(self.leader)
            .create(
                {
                    "risk_id": self.risk.id,
                    "name": "Pago sin soporte",
                    "description": "Se pagó una cuenta sin el acta de recibo.",
                    "source": "audit",
                    "loss_amount": 1500000,
                }
            )
        )
        with self.assertRaises(AccessError):
            event.with_user(self.oci).action_report()
        with self.assertRaises(AccessError):
            self.env["mipg.risk.event"].with_user(self.other_leader).create(
                {"risk_id": self.risk.id, "name": "Ajeno", "description": "x"}
            )
        event.with_user(self.leader).action_report()
        self.assertEqual(event.state, "reported")
        self.assertEqual(event.opportunity_ids.source, "gestion_riesgo")
        self.assertEqual(self.risk.event_count, 1)
        self.assertEqual(self.risk.risk_opportunity_count, 1)
        with self.assertRaisesRegex(UserError, "frozen"):
            event.with_user(self.leader).description = "otra"
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.env["mipg.risk.event"].with_user(self.leader).create(
                {
                    "risk_id": self.risk.id,
                    "name": "Futuro",
                    "description": "x",
                    "date": self.today + timedelta(days=2),
                }
            )

    def test_treatment_plan_on_the_boards(self):
        with self.assertRaisesRegex(UserError, "Only a risk to reduce"):
            self.risk.with_user(self.leader).action_create_treatment_plan()
        self.risk.with_user(self.leader).write(
            {"treatment": "reduce", "reduce_mode": "mitigate"}
        )
        self.risk.with_user(self.leader).action_create_treatment_plan()
        plan = self.risk.plan_id
        self.assertEqual(plan.source, "gestion_riesgo")
        self.assertEqual(plan.process_id, self.process)
        action = (
            self.env["mipg.action"]
            .with_user(self.leader)
            .create(
                {
                    "name": "Adoptar la lista de chequeo de pagos",
                    "plan_id": plan.id,
                    "responsible_id": self.leader.id,
                    "process_id": self.process.id,
                    "date_deadline": self.today + timedelta(days=60),
                }
            )
        )
        self.assertTrue(action.stage_id)
        self.assertIn(action, self.risk.plan_id.action_ids)

    def test_no_link_to_a_foreign_plan(self):
        foreign = self.env["mipg.plan"].create(
            {
                "title": "Ajeno",
                "source": "autoevaluacion",
                "process_id": self.other_process.id,
            }
        )
        self.risk.with_user(self.leader).treatment = "reduce"
        with self.assertRaises(AccessError):
            self.risk.with_user(self.leader).plan_id = foreign


@tagged("post_install", "-at_install")
class TestMipgRiskUsers(MipgRiskCase):
    """A public servant without a line sees no risk."""

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_public_servant_reads_no_risk(self):
        servant = new_test_user(
            self.env, login="risk_servant", groups="mipg.group_mipg_user"
        )
        risk = self._risk()
        with self.assertRaises(AccessError):
            risk.with_user(servant).read(["name"])
        self.assertTrue(self.methodology.with_user(servant).read(["name"]))


@tagged("post_install", "-at_install")
class TestMipgRiskMaps(MipgRiskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risk = cls._risk(user=cls.leader)
        cls._control(cls.risk, "preventive", "manual", 10)
        cls._control(cls.risk, "detective", "manual", 20)
        cls.corruption = cls._risk(
            risk_type="corruption",
            immediate_cause="direccionamiento de pliegos",
            corruption_question_ids=[(6, 0, cls.questions[:7].ids)],
            treatment="reduce",
        )

    def test_xlsx_read_back(self):
        import io

        from openpyxl import load_workbook

        risks = self.env["mipg.risk"].search([("process_id", "=", self.process.id)])
        content = self.env["report.mipg.risk_map_xlsx"]._render_xlsx(risks)
        sheet = load_workbook(io.BytesIO(content)).active
        head = [cell.value for cell in sheet[5]]
        self.assertIn("Root cause", head)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)]
        # one row per control, one for the risk without controls
        self.assertEqual(len(rows), 3)
        by_header = [dict(zip(head, row, strict=False)) for row in rows]
        first, second = (r for r in by_header if r["Reference"] == self.risk.reference)
        self.assertEqual(first["Control No."], 1)
        self.assertAlmostEqual(first["Rating"], 0.4)
        self.assertAlmostEqual(second["Probability after the control"], 0.252)
        self.assertEqual(second["Residual risk zone"], self.risk.residual_zone_id.name)
        self.assertEqual(second["Inherent risk zone"], self.risk.inherent_zone_id.name)

    def test_pdf_rendered_with_both_heat_maps(self):
        risks = self.risk | self.corruption
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "mipg.action_report_risk_map", risks.ids
        )
        html = html.decode()
        self.assertIn(self.risk.reference, html)
        self.assertIn(self.corruption.reference, html)
        self.assertIn("Inherent risk", html)
        self.assertIn("Residual risk", html)
        values = self.env["report.mipg.report_risk_map"]._get_report_values(risks.ids)
        residual = {
            (row[0].rank, cell[0].rank): cell[2]
            for row in values["residual_map"]
            for cell in row[1]
        }
        self.assertEqual(sum(residual.values()), 2)
        key = (
            self.risk.residual_probability_id.rank,
            self.risk.residual_impact_id.rank,
        )
        self.assertGreaterEqual(residual[key], 1)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_corruption_map_published_frozen(self):
        risk_map = (
            self.env["mipg.risk.map"].with_user(self.planner).create({"year": 2026})
        )
        servant = new_test_user(
            self.env, login="map_servant", groups="mipg.group_mipg_user"
        )
        with self.assertRaises(AccessError):
            risk_map.with_user(servant).read(["name"])
        with self.assertRaises(AccessError):
            risk_map.with_user(self.leader).action_publish()
        risk_map.with_user(self.planner).action_publish()
        self.assertEqual(risk_map.state, "published")
        self.assertIn(self.corruption, risk_map.risk_ids)
        self.assertEqual(set(risk_map.risk_ids.mapped("risk_type")), {"corruption"})
        self.assertNotIn(self.risk, risk_map.risk_ids)
        self.assertTrue(risk_map.attachment_id)
        self.assertEqual(len(risk_map.pdf_sha256), 64)
        self.assertTrue(risk_map.with_user(servant).read(["pdf_sha256"]))
        self.assertEqual(
            risk_map.with_user(servant).action_download()["type"], "ir.actions.act_url"
        )
        with self.assertRaisesRegex((UserError, AccessError), "."):
            risk_map.with_user(self.planner).name = "Otro"
        with self.assertRaisesRegex((UserError, AccessError), "."):
            risk_map.attachment_id.with_user(self.planner).raw = b"falso"
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.cr.savepoint():
                self.env["mipg.risk.map"].create({"year": 2026})


@tagged("post_install", "-at_install")
class TestMipgRiskHeatMapUi(HttpCase):
    def test_heat_map_client_action(self):
        """The heat map of the web client draws its 2 x 25 cells."""
        code = """
            const wait = (tries) => {
                const cells = document.querySelectorAll(
                    ".o_mipg_risk_heat_map td[title]"
                );
                if (cells.length === 50) {
                    console.log("test successful");
                } else if (tries > 0) {
                    setTimeout(() => wait(tries - 1), 250);
                } else {
                    console.error("heat map not drawn: " + cells.length + " cells");
                }
            };
            wait(80);
        """
        self.browser_js(
            "/odoo/action-mipg.mipg_risk_action_heat_map_client", code, login="admin"
        )
