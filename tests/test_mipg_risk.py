# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Risk management by Función Pública's guide: the heat map, the inherent
and residual ratings of the worked examples, the treatment rules and the
rights of each line of defense over risks, controls, their reviews and
events."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open, mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import MipgCycleCase, new_user

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
        servant = new_user(
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
        servant = new_user(self.env, login="map_servant", groups="mipg.group_mipg_user")
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
        # the risks it showed stay: archived when they no longer apply
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "published corruption risk map"):
                self.corruption.with_user(user).unlink()
        self.corruption.with_user(self.planner).active = False
        self.assertIn(
            self.corruption, risk_map.with_context(active_test=False).risk_ids
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.cr.savepoint():
                self.env["mipg.risk.map"].create({"year": 2026})


@tagged("post_install", "-at_install", "mipg_browser")
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


MONITORING = "mipg.mipg_activity_type_risk_monitoring"


class MipgRiskMonitoringCase(MipgRiskCase):
    @classmethod
    def _monitored(cls, period_end, risk=None, user=None):
        """A risk of the high residual zone (monitored every 3 months) whose
        last confirmed monitoring of the second line ended on
        ``period_end``."""
        risk = risk or cls._risk()
        control = risk.control_ids[:1] or cls._control(risk, "preventive", "manual")
        test = (
            cls.env["mipg.risk.control.test"]
            .with_user(user or cls.planner)
            .create(
                {
                    "control_id": control.id,
                    "line": "second",
                    "period_start": period_end - timedelta(days=30),
                    "period_end": period_end,
                    "result": "pass",
                }
            )
        )
        test.with_user(user or cls.planner).action_confirm()
        return risk

    def _todos(self, risk, user):
        return risk.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref(MONITORING) and a.user_id == user
            )
        )


@tagged("post_install", "-at_install")
class TestMipgRiskMonitoring(MipgRiskMonitoringCase):
    """The next monitoring is stored, follows what it is computed from and
    is found by the filters of the risk map."""

    def _filter_domain(self, name):
        arch = etree.fromstring(
            self.env["mipg.risk"].get_view(view_type="search")["arch"]
        )
        (node,) = arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(node.get("domain"))

    def test_due_date_follows_the_monitoring(self):
        risk = self._risk(user=self.leader)
        control = self._control(risk, "preventive", "manual", user=self.leader)
        self.assertEqual(risk.residual_zone_id.code, "high")
        first_due = risk.create_date.date() + relativedelta(months=3)
        self.assertEqual(risk.monitoring_date_due, first_due)
        Risk = self.env["mipg.risk"]
        self.assertIn(risk, Risk.search([("monitoring_date_due", "=", first_due)]))
        # an execution of the first line and a draft monitoring do not count
        execution = (
            self.env["mipg.risk.control.test"]
            .with_user(self.leader)
            .create(
                {
                    "control_id": control.id,
                    "line": "first",
                    "period_start": self.today - timedelta(days=10),
                    "period_end": self.today,
                    "result": "pass",
                }
            )
        )
        execution.with_user(self.leader).action_confirm()
        self.assertEqual(risk.monitoring_date_due, first_due)
        end = self.today - timedelta(days=5)
        self._monitored(end, risk=risk)
        self.assertEqual(risk.last_monitoring_date, end)
        due = end + relativedelta(months=3)
        self.assertEqual(risk.monitoring_date_due, due)
        self.assertEqual(
            Risk.search(
                [("id", "=", risk.id)], order="monitoring_date_due"
            ).monitoring_date_due,
            due,
        )
        self.assertIn(risk, Risk.search([("monitoring_date_due", "=", due)]))
        # nobody writes it by hand
        with self.assertRaises(UserError):
            risk.with_user(self.planner).monitoring_date_due = self.today

    def test_due_date_follows_the_residual_zone(self):
        end = self.today - timedelta(days=5)
        risk = self._monitored(end)
        self.assertEqual(risk.monitoring_date_due, end + relativedelta(months=3))
        # a corrective control lowers the impact: 0.8 × 0.75 = 0.6, moderate
        # zone, monitored every 4 months
        self._control(risk, "corrective", "manual", sequence=20)
        self.assertEqual(risk.residual_zone_id.code, "moderate")
        due = end + relativedelta(months=4)
        self.assertEqual(risk.monitoring_date_due, due)
        self.assertIn(
            risk, self.env["mipg.risk"].search([("monitoring_date_due", "=", due)])
        )

    def test_due_date_follows_the_months_of_the_policy(self):
        end = self.today - timedelta(days=5)
        risk = self._monitored(end)
        # a correction of the policy (only the superuser touches an
        # approved one) moves the next monitoring of its risks
        risk.residual_zone_id.monitoring_months = 1
        due = end + relativedelta(months=1)
        self.assertEqual(risk.monitoring_date_due, due)
        self.assertIn(
            risk, self.env["mipg.risk"].search([("monitoring_date_due", "=", due)])
        )

    def test_filters_overdue_and_due_soon(self):
        overdue = self._monitored(self.today - relativedelta(months=4))
        soon = self._monitored(self.today - timedelta(days=80))
        later = self._monitored(self.today - timedelta(days=5))
        fresh = self._risk()
        mine = [("process_id", "=", self.process.id)]
        Risk = self.env["mipg.risk"].with_user(self.planner)
        found = Risk.search(self._filter_domain("filter_monitoring_overdue") + mine)
        self.assertEqual(found, overdue)
        found = Risk.search(self._filter_domain("filter_monitoring_due_soon") + mine)
        self.assertEqual(found, soon)
        self.assertEqual(
            Risk.search([("monitoring_overdue", "=", False)] + mine),
            soon | later | fresh,
        )
        self.assertEqual(
            Risk.search([("monitoring_due_soon", "!=", True)] + mine),
            overdue | later | fresh,
        )
        self.assertEqual(
            (overdue | soon | later).mapped("monitoring_overdue"), [True, False, False]
        )
        self.assertEqual(
            (overdue | soon | later).mapped("monitoring_due_soon"), [False, True, False]
        )
        # grouped by residual zone, as the search view offers
        groups = Risk._read_group(
            self._filter_domain("filter_monitoring_overdue") + mine,
            ["residual_zone_id"],
            ["__count"],
        )
        self.assertEqual(groups, [(overdue.residual_zone_id, 1)])
        with self.assertRaisesRegex(UserError, "Yes or No"):
            Risk.search([("monitoring_overdue", "in", [True])])


@tagged("post_install", "-at_install")
class TestMipgRiskMonitoringReminders(MipgRiskMonitoringCase):
    """The daily scheduled action reminds the second line of the company
    once per risk and due date; the monitoring recorded marks it done."""

    def test_cron_reminds_once_and_monitoring_closes(self):
        overdue = self._monitored(self.today - relativedelta(months=4))
        soon = self._monitored(self.today - timedelta(days=80))
        later = self._monitored(self.today - timedelta(days=5))
        Risk = self.env["mipg.risk"]
        Risk._cron_monitoring_reminders()
        Risk._cron_monitoring_reminders()
        for risk in (overdue, soon):
            todo = self._todos(risk, self.planner)
            self.assertEqual(len(todo), 1, risk.reference)
            self.assertEqual(todo.date_deadline, risk.monitoring_date_due)
            self.assertEqual(risk.monitoring_reminded_date, risk.monitoring_date_due)
        self.assertFalse(later.activity_ids)
        self.assertFalse(self._todos(overdue, self.leader), "not to the first line")
        # marked done by hand: not reminded again for the same due date
        self._todos(overdue, self.planner).with_user(self.planner).action_feedback(
            "Visto"
        )
        Risk._cron_monitoring_reminders()
        self.assertFalse(self._todos(overdue, self.planner))
        # the monitoring recorded marks the reminders of the risk done
        self._monitored(self.today, risk=soon)
        self.assertFalse(
            soon.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(MONITORING)
            )
        )
        self.assertEqual(soon.monitoring_date_due, self.today + relativedelta(months=3))
        Risk._cron_monitoring_reminders()
        self.assertFalse(self._todos(soon, self.planner))
        # the nobody-but-MIPG field of the reminder
        with self.assertRaises(UserError):
            overdue.with_user(self.planner).monitoring_reminded_date = False

    def test_only_the_assignee_closes_the_reminder(self):
        """The leader of the risk's process, who may edit the risk, does not
        close, delete, reassign nor postpone the second line's reminder."""
        risk = self._monitored(self.today - relativedelta(months=4))
        self.env["mipg.risk"]._cron_monitoring_reminders()
        todo = self._todos(risk, self.planner)
        self.assertEqual(len(todo), 1)
        as_leader = todo.with_user(self.leader)
        for attempt in (
            lambda: as_leader.action_feedback("Ya no hace falta"),
            lambda: as_leader.action_done(),
            lambda: as_leader.unlink(),
            lambda: as_leader.write({"user_id": self.leader.id}),
            lambda: as_leader.write({"date_deadline": self.today.replace(year=2099)}),
        ):
            with self.assertRaisesRegex(UserError, "assigned to"):
                attempt()
        self.assertEqual(self._todos(risk, self.planner), todo)
        # its assignee does
        todo.with_user(self.planner).action_feedback("Revisado")
        self.assertFalse(todo.exists())

    def test_open_todo_follows_a_new_due_date(self):
        risk = self._monitored(self.today - timedelta(days=80))
        self.env["mipg.risk"]._cron_monitoring_reminders()
        todo = self._todos(risk, self.planner)
        self.assertEqual(len(todo), 1)
        # the zone goes up to extreme (monitoring every month): overdue now
        risk.write({"activity_frequency": 6000, "economic_amount": 600})
        self.assertEqual(risk.residual_zone_id.code, "extreme")
        self.assertTrue(risk.monitoring_overdue)
        self.env["mipg.risk"]._cron_monitoring_reminders()
        self.assertEqual(self._todos(risk, self.planner), todo)
        self.assertEqual(todo.date_deadline, risk.monitoring_date_due)

    def test_cron_respects_companies(self):
        company = self.env["res.company"].create({"name": "Municipio de prueba B"})
        planner_b = new_user(
            self.env,
            login="risk_planner_b",
            groups="mipg.group_mipg_second_line",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        process_b = self.env["mipg.process"].create(
            {"code": "GF-B1", "name": "Gestión Financiera B", "company_id": company.id}
        )
        risk_b = self.env["mipg.risk"].create(
            {
                "process_id": process_b.id,
                "methodology_id": self.methodology.id,
                "impact_text": "afectación económica",
                "immediate_cause": "pagos sin soporte",
                "root_cause": "falta de lista de chequeo",
                "activity_frequency": FREQUENCY[3],
                "economic_amount": AMOUNT[4],
            }
        )
        self.assertEqual(risk_b.company_id, company)
        control_b = self._control(risk_b, "preventive", "manual")
        test_b = self.env["mipg.risk.control.test"].create(
            {
                "control_id": control_b.id,
                "line": "second",
                "period_start": self.today - relativedelta(months=5),
                "period_end": self.today - relativedelta(months=4),
                "result": "pass",
            }
        )
        test_b.action_confirm()
        risk_a = self._monitored(self.today - relativedelta(months=4))
        self.env["mipg.risk"]._cron_monitoring_reminders()
        self.assertEqual(len(self._todos(risk_a, self.planner)), 1)
        self.assertFalse(self._todos(risk_a, planner_b))
        self.assertEqual(len(self._todos(risk_b, planner_b)), 1)
        self.assertFalse(self._todos(risk_b, self.planner))


@tagged("post_install", "-at_install")
class TestMipgRiskTreatmentPlan(MipgRiskCase):
    """A risk to reduce has a treatment plan of its process, in force, on
    every path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "GJ-T2",
                "name": "Gestión Jurídica (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )

    def test_first_line_chooses_reduce_and_gets_its_plan(self):
        risk = self._risk(user=self.leader)
        self.assertFalse(risk.plan_id)
        risk.with_user(self.leader).write(
            {"treatment": "reduce", "reduce_mode": "mitigate"}
        )
        plan = risk.plan_id
        self.assertTrue(plan)
        self.assertEqual(plan.process_id, self.process)
        self.assertEqual((plan.source, plan.state), ("gestion_riesgo", "draft"))
        self.assertEqual(plan.responsible_id, self.leader)
        self.assertIn(risk.reference, plan.title)
        self.assertTrue(plan.with_user(self.leader).read(["name"]))
        # choosing Reduce again keeps the plan
        risk.with_user(self.leader).write({"treatment": "reduce", "plan_id": False})
        self.assertEqual(risk.plan_id, plan)
        # on create, and with a context default as a form sends it
        created = self._risk(user=self.leader, treatment="reduce")
        self.assertEqual(created.plan_id.process_id, self.process)
        Risk = self.env["mipg.risk"].with_user(self.leader)
        by_default = Risk.with_context(
            default_treatment="reduce", default_process_id=self.process.id
        ).create(
            {
                "impact_text": "afectación reputacional",
                "immediate_cause": "respuesta tardía",
                "root_cause": "sin control de términos",
                "activity_frequency": FREQUENCY[3],
                "economic_amount": AMOUNT[4],
            }
        )
        self.assertEqual(by_default.treatment, "reduce")
        self.assertEqual(by_default.plan_id.process_id, self.process)
        self.assertNotIn(by_default.plan_id, created.plan_id | plan)
        # the button opens it
        action = created.with_user(self.leader).action_create_treatment_plan()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("mipg.plan", created.plan_id.id)
        )

    def test_a_reduced_risk_never_loses_its_plan(self):
        risk = self._risk(user=self.leader, treatment="reduce")
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(ValidationError, "needs its treatment plan"):
                risk.with_user(user).plan_id = False
        with self.assertRaisesRegex(ValidationError, "needs its treatment plan"):
            risk.sudo().plan_id = False
        self.assertTrue(risk.plan_id)
        # another treatment leaves the plan as the history of the risk
        risk.with_user(self.leader).treatment = "avoid"
        risk.with_user(self.leader).plan_id = False
        self.assertFalse(risk.plan_id)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_no_plan_of_another_process(self):
        risk = self._risk(user=self.leader)
        # a plan of another process the leader reads (an action of it is theirs)
        foreign = self.env["mipg.plan"].create(
            {
                "title": "Plan jurídico",
                "source": "autoevaluacion",
                "process_id": self.other_process.id,
            }
        )
        self.env["mipg.action"].create(
            {
                "name": "Actualizar el procedimiento de tutelas",
                "plan_id": foreign.id,
                "responsible_id": self.leader.id,
                "process_id": self.other_process.id,
                "date_deadline": self.today + timedelta(days=60),
            }
        )
        self.assertTrue(foreign.with_user(self.leader).read(["name"]))
        with self.assertRaisesRegex(ValidationError, "plan of its process"):
            risk.with_user(self.leader).write(
                {"treatment": "reduce", "plan_id": foreign.id}
            )
        with self.assertRaisesRegex(ValidationError, "plan of its process"):
            self._risk(user=self.leader, treatment="reduce", plan_id=foreign.id)
        with self.assertRaisesRegex(ValidationError, "plan of its process"):
            self.env["mipg.risk"].with_user(self.leader).with_context(
                default_plan_id=foreign.id
            ).create(
                {
                    "process_id": self.process.id,
                    "impact_text": "afectación económica",
                    "immediate_cause": "x",
                    "root_cause": "y",
                    "treatment": "reduce",
                }
            )
        # the other process's leader attaches nothing to a risk not theirs
        own = (
            self.env["mipg.plan"]
            .with_user(self.other_leader)
            .create(
                {
                    "title": "Plan propio",
                    "source": "gestion_riesgo",
                    "process_id": self.other_process.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            risk.with_user(self.other_leader).write(
                {"treatment": "reduce", "plan_id": own.id}
            )
        with self.assertRaises(AccessError):
            risk.with_user(self.other_leader).treatment = "reduce"
        self.assertFalse(risk.treatment)
        # nor creates a reduced risk, with its plan, in a process not theirs
        with self.assertRaises(AccessError):
            self._risk(user=self.other_leader, treatment="reduce")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_the_plan_is_neither_cancelled_deleted_nor_moved(self):
        risk = self._risk(user=self.leader, treatment="reduce")
        plan = risk.plan_id
        with self.assertRaisesRegex(ValidationError, "is cancelled"):
            plan.with_user(self.planner).action_cancel("Ya no aplica")
        self.assertEqual(plan.state, "draft")
        with self.assertRaisesRegex(UserError, "treatment plan of the risks"):
            plan.with_user(self.planner).unlink()
        with self.assertRaisesRegex(ValidationError, "plan of its process"):
            plan.with_user(self.planner).process_id = self.other_process
        # another treatment first: then the plan may be cancelled...
        risk.with_user(self.leader).treatment = "avoid"
        plan.with_user(self.planner).action_cancel("Se evita la actividad")
        self.assertEqual(plan.state, "cancelled")
        # ...and choosing Reduce again gives a new plan in force
        risk.with_user(self.leader).treatment = "reduce"
        self.assertNotEqual(risk.plan_id, plan)
        self.assertEqual(risk.plan_id.state, "draft")
        with self.assertRaisesRegex(ValidationError, "is cancelled"):
            risk.with_user(self.leader).plan_id = plan

    def test_archived_risk_and_its_plan(self):
        risk = self._risk(user=self.leader, treatment="reduce")
        plan = risk.plan_id
        risk.with_user(self.leader).active = False
        plan.with_user(self.planner).action_cancel("Riesgo retirado del mapa")
        with self.assertRaisesRegex(ValidationError, "is cancelled"):
            risk.with_user(self.leader).active = True
        self.assertFalse(risk.active)


@tagged("post_install", "-at_install")
class TestMipgRiskProcessHeatMap(MipgRiskCase):
    """The process form opens the heat map and the list of its risks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "GJ-T3",
                "name": "Gestión Jurídica (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )
        cls.risks = cls._risk(user=cls.leader) | cls._risk(
            user=cls.leader, activity_frequency=1, economic_amount=5
        )
        cls.other_risk = cls._risk(process_id=cls.other_process.id)

    def test_risk_count_by_reader(self):
        self.assertEqual(self.process.with_user(self.leader).risk_count, 2)
        self.assertEqual(self.process.with_user(self.planner).risk_count, 2)
        self.assertEqual(self.other_process.with_user(self.planner).risk_count, 1)
        # the risks of a process not theirs are not counted for a leader
        self.assertEqual(self.other_process.with_user(self.leader).risk_count, 0)
        servant = new_user(
            self.env, login="process_servant", groups="mipg.group_mipg_user"
        )
        self.assertEqual(self.process.with_user(servant).risk_count, 0)

    def test_heat_map_of_the_process(self):
        action = self.process.with_user(self.leader).action_view_risk_heat_map()
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "mipg_risk_heat_map")
        process_id = action["context"]["active_process_id"]
        self.assertEqual(process_id, self.process.id)
        # the client action passes that key of its context to its data method
        with file_open("mipg/static/src/risk_heat_map/risk_heat_map.js") as js:
            self.assertIn("context.active_process_id", js.read())
        Risk = self.env["mipg.risk"]
        for user, expected in ((self.leader, self.risks), (self.planner, self.risks)):
            data = Risk.with_user(user).mipg_heat_map_data(process_id)
            for heat_map in data["maps"]:
                cells = [c for row in heat_map["rows"] for c in row["cells"]]
                self.assertEqual(sum(c["count"] for c in cells), 2)
                listed = Risk.browse()
                for cell in cells:
                    listed |= Risk.with_user(user).search(cell["domain"])
                self.assertEqual(listed, expected)
        # another leader asking for this process gets an empty map
        data = Risk.with_user(self.other_leader).mipg_heat_map_data(process_id)
        self.assertFalse(
            sum(
                c["count"]
                for m in data["maps"]
                for row in m["rows"]
                for c in row["cells"]
            )
        )

    def test_risk_list_of_the_process(self):
        action = self.process.with_user(self.leader).action_view_risks()
        self.assertEqual(action["res_model"], "mipg.risk")
        self.assertEqual(
            self.env["mipg.risk"].with_user(self.planner).search(action["domain"]),
            self.risks,
        )
        self.assertEqual(action["context"]["default_process_id"], self.process.id)


@tagged("post_install", "-at_install")
class TestMipgRiskLowestUser(MipgRiskMonitoringCase):
    """A process leader, or a public servant, tries to get around the
    monitoring and the treatment plan rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "GJ-T4",
                "name": "Gestión Jurídica (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_leader_does_not_silence_the_monitoring(self):
        risk = self._monitored(self.today - relativedelta(months=4))
        self.env["mipg.risk"]._cron_monitoring_reminders()
        todo = self._todos(risk, self.planner)
        self.assertEqual(len(todo), 1)
        # the leader writes neither the dates MIPG computes, the reviews behind
        # them nor the reminder
        for vals in (
            {"monitoring_date_due": self.today + relativedelta(months=6)},
            {"last_monitoring_date": self.today},
            {"monitoring_reminded_date": False},
            {
                "control_test_ids": [
                    (
                        0,
                        0,
                        {
                            "control_id": risk.control_ids.id,
                            "line": "second",
                            "period_start": self.today,
                            "period_end": self.today,
                            "state": "done",
                        },
                    )
                ]
            },
        ):
            with self.assertRaises(UserError):
                risk.with_user(self.leader).write(vals)
        self.assertTrue(risk.monitoring_overdue)
        # nor records a monitoring of the second line itself
        with self.assertRaises(AccessError):
            self._monitored(self.today, risk=risk, user=self.leader)
        # nor stretches the months of the approved policy
        with self.assertRaises(AccessError):
            risk.residual_zone_id.with_user(self.leader).monitoring_months = 12
        with self.assertRaises(UserError):
            risk.residual_zone_id.with_user(self.planner).monitoring_months = 12
        self.assertTrue(self._todos(risk, self.planner))

    def test_leader_does_not_set_the_reminder_on_create(self):
        Risk = self.env["mipg.risk"].with_user(self.leader)
        vals = {
            "process_id": self.process.id,
            "impact_text": "afectación económica",
            "immediate_cause": "pagos sin soporte",
            "root_cause": "falta de lista de chequeo",
        }
        with self.assertRaises(UserError):
            Risk.create(
                dict(vals, monitoring_reminded_date=self.today + timedelta(days=400))
            )
        risk = Risk.with_context(
            default_monitoring_reminded_date=str(self.today),
            default_monitoring_date_due=str(self.today + timedelta(days=400)),
        ).create(vals)
        self.assertFalse(risk.monitoring_reminded_date)
        self.assertEqual(
            risk.monitoring_date_due,
            risk.create_date.date()
            + relativedelta(months=risk.residual_zone_id.monitoring_months),
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_servant_reads_no_heat_map(self):
        servant = new_user(
            self.env, login="heat_map_servant", groups="mipg.group_mipg_user"
        )
        self._risk()
        with self.assertRaises(AccessError):
            self.env["mipg.risk"].with_user(servant).mipg_heat_map_data(self.process.id)
        domain = self.process.action_view_risks()["domain"]
        with self.assertRaises(AccessError):
            self.env["mipg.risk"].with_user(servant).search(domain)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_leader_keeps_the_plan_of_a_reduced_risk(self):
        risk = self._risk(user=self.leader, treatment="reduce")
        plan = risk.plan_id
        # the leader deletes no plan, and cancels none
        with self.assertRaises(AccessError):
            plan.with_user(self.leader).unlink()
        with self.assertRaises(AccessError):
            plan.with_user(self.leader).action_cancel("No lo necesito")
        # a copy of the risk is treated by the same plan, of the same process
        copy = risk.with_user(self.leader).copy()
        self.assertEqual((copy.treatment, copy.plan_id), ("reduce", plan))
        # the second line moves a reduced risk only with a plan of the new
        # process
        with self.assertRaisesRegex(ValidationError, "plan of its process"):
            risk.with_user(self.planner).process_id = self.other_process
        other_plan = (
            self.env["mipg.plan"]
            .with_user(self.planner)
            .create(
                {
                    "title": "Plan de tratamiento jurídico",
                    "source": "gestion_riesgo",
                    "process_id": self.other_process.id,
                }
            )
        )
        risk.with_user(self.planner).write(
            {"process_id": self.other_process.id, "plan_id": other_plan.id}
        )
        self.assertEqual(risk.plan_id, other_plan)
        # the former leader no longer changes it, nor its treatment
        with self.assertRaises(AccessError):
            risk.with_user(self.leader).treatment = "avoid"


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgRiskProcessHeatMapUi(HttpCase):
    def test_heat_map_from_the_process_form(self):
        """The smart button of the process form draws the heat maps of the
        process's risks only (2 risks, in each of the 2 maps)."""
        process = self.env["mipg.process"].create(
            {"code": "UI-T1", "name": "Proceso de la prueba del mapa"}
        )
        other = self.env["mipg.process"].create(
            {"code": "UI-T2", "name": "Otro proceso de la prueba"}
        )
        for target, frequency in ((process, 1), (process, 6000), (other, 100)):
            self.env["mipg.risk"].create(
                {
                    "process_id": target.id,
                    "impact_text": "afectación económica",
                    "immediate_cause": "pagos sin soporte",
                    "root_cause": "falta de lista de chequeo",
                    "activity_frequency": frequency,
                    "economic_amount": 300,
                }
            )
        code = """
            const waitMap = (tries) => {
                const cells = document.querySelectorAll(
                    ".o_mipg_risk_heat_map td[title]"
                );
                const total = [...cells].reduce(
                    (sum, td) => sum + (parseInt(td.textContent.trim()) || 0), 0
                );
                if (cells.length === 50 && total === 4) {
                    console.log("test successful");
                } else if (tries > 0) {
                    setTimeout(() => waitMap(tries - 1), 250);
                } else {
                    console.error(
                        "heat map of the process: " + cells.length + " cells, "
                        + total + " risks"
                    );
                }
            };
            const click = (tries) => {
                const button = document.querySelector(
                    "button[name='action_view_risk_heat_map']"
                );
                if (button) {
                    button.click();
                    waitMap(80);
                } else if (tries > 0) {
                    setTimeout(() => click(tries - 1), 250);
                } else {
                    console.error("no heat map button on the process form");
                }
            };
            click(80);
        """
        self.browser_js(
            f"/odoo/action-mipg.mipg_process_action/{process.id}", code, login="admin"
        )

    def test_risk_kanban_shows_the_next_monitoring(self):
        """The cards of the risk map show when each risk is monitored next."""
        self.env["mipg.risk"].create(
            {
                "process_id": self.env["mipg.process"]
                .create({"code": "UI-T3", "name": "Proceso del tablero de riesgos"})
                .id,
                "impact_text": "afectación económica",
                "immediate_cause": "pagos sin soporte",
                "root_cause": "falta de lista de chequeo",
            }
        )
        code = """
            const wait = (tries) => {
                const dates = document.querySelectorAll(
                    ".o_kanban_record .o_field_remaining_days"
                );
                if (dates.length) {
                    console.log("test successful");
                } else if (tries > 0) {
                    setTimeout(() => wait(tries - 1), 250);
                } else {
                    console.error("no next monitoring on the risk cards");
                }
            };
            wait(80);
        """
        self.browser_js("/odoo/action-mipg.mipg_risk_action", code, login="admin")
