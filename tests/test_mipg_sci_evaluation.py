# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase
from .test_mipg_risk import MipgRiskCase


@tagged("post_install", "-at_install")
class TestMipgSciEvaluation(MipgCycleCase):
    def _evaluation(self, **values):
        vals = {"year": self.today.year, "semester": "1"}
        vals.update(values)
        return self.env["mipg.sci.evaluation"].with_user(self.oci).create(vals)

    def _semester(self):
        start = date(self.today.year, 1 if self.today.month <= 6 else 7, 1)
        return start, "1" if self.today.month <= 6 else "2"

    def test_figures_match_the_data(self):
        start, semester = self._semester()
        # inside the semester: one action done, two overdue; one outside
        done = self._create_action(date_start=start, date_deadline=start)
        self._report(done, 100)
        late = self._create_action(date_start=start, date_deadline=start)
        late2 = self._create_action(date_start=start, date_deadline=start)
        self._report(late2, 40)
        self._create_action(
            date_start=start - timedelta(days=30),
            date_deadline=start - timedelta(days=1),
        )
        evaluation = self._evaluation(semester=semester)
        Action = self.env["mipg.action"]
        due = [
            ("date_deadline", ">=", evaluation.date_from),
            ("date_deadline", "<=", evaluation.date_to),
        ]
        self.assertIn(done, Action.search(due + [("progress", ">=", 100)]))
        self.assertEqual(
            evaluation.actions_on_time,
            Action.search_count(due + [("progress", ">=", 100)]),
        )
        overdue = Action.search(
            due + [("progress", "<", 100), ("date_deadline", "<", self.today)]
        )
        if start < self.today:
            self.assertIn(late, overdue)
            self.assertIn(late2, overdue)
        self.assertEqual(evaluation.actions_overdue, len(overdue))
        validated = self.env["mipg.followup"].search(
            [
                ("state", "=", "validated"),
                ("date", ">=", evaluation.date_from),
                ("date", "<=", evaluation.date_to),
            ]
        )
        self.assertGreaterEqual(len(validated), 2)
        self.assertEqual(evaluation.followups_validated, len(validated))
        # pre-filled text of the component
        control = evaluation.component_ids.filtered(
            lambda c: c.component == "actividades_control"
        )
        self.assertIn(str(evaluation.actions_on_time), control.figures)
        self.assertEqual(len(evaluation.component_ids), 5)
        # the figures follow the data until it is issued
        self._report(late, 100)
        evaluation.action_refresh()
        self.assertEqual(
            evaluation.actions_on_time,
            Action.search_count(due + [("progress", ">=", 100)]),
        )
        self.assertIn(late, Action.search(due + [("progress", ">=", 100)]))

    def test_issue_freezes_and_publishes(self):
        previous = self._evaluation(year=2089, semester="2")
        previous.component_ids.write({"compliance": 50.0, "strengths": "Bien"})
        previous.action_issue()
        evaluation = self._evaluation(year=2090, semester="1")
        self.assertEqual(evaluation.previous_id, previous)
        with self.assertRaisesRegex(UserError, "strengths"):
            evaluation.action_issue()
        evaluation.component_ids.write({"compliance": 70.0, "weaknesses": "Falta"})
        self.assertEqual(evaluation.component_ids[0].change, 20.0)
        self.assertEqual(evaluation.system_state, 70.0)
        evaluation.action_issue()
        self.assertEqual(evaluation.state, "issued")
        self.assertTrue(evaluation.attachment_id.raw)
        self.assertEqual(
            evaluation.pdf_sha256,
            hashlib.sha256(evaluation.attachment_id.raw).hexdigest(),
        )
        with self.assertRaisesRegex(UserError, "issued"):
            evaluation.write({"conclusion": "Otra"})
        with self.assertRaisesRegex(UserError, "issued"):
            evaluation.component_ids[0].write({"compliance": 90.0})
        with self.assertRaisesRegex(UserError, "issued"):
            evaluation.attachment_id.with_user(self.oci).unlink()
        with self.assertRaisesRegex(UserError, "issued"):
            evaluation.action_refresh()
        # published: every public servant reads it
        self.assertIn(
            evaluation,
            self.env["mipg.sci.evaluation"].with_user(self.leader).search([]),
        )
        self.assertEqual(evaluation.action_download()["type"], "ir.actions.act_url")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_only_the_oci_writes_it(self):
        for user in (self.leader, self.planner, self.mayor):
            with self.assertRaises(AccessError):
                self.env["mipg.sci.evaluation"].with_user(user).create(
                    {"year": 2091, "semester": "2"}
                )
        evaluation = self._evaluation(year=2092)
        self.assertFalse(
            self.env["mipg.sci.evaluation"]
            .with_user(self.leader)
            .search([("id", "=", evaluation.id)])
        )
        with self.assertRaises(AccessError):
            evaluation.with_user(self.mayor).action_issue()
        with self.assertRaisesRegex(UserError, "set by MIPG"):
            evaluation.write({"actions_on_time": 99})
        with self.assertRaisesRegex(UserError, "set by MIPG"):
            evaluation.component_ids[0].write({"figures": "Inventadas"})


@tagged("post_install", "-at_install")
class TestMipgSciEvaluationRisks(MipgRiskCase):
    """With the risk maps in place, the evaluation counts the controls the
    OCI tested in the semester and those that failed; the audit programme
    ranks its works by the residual risk of the processes in scope."""

    def test_controls_tested_and_failed(self):
        start = date(self.today.year, 1 if self.today.month <= 6 else 7, 1)
        semester = "1" if self.today.month <= 6 else "2"
        risk = self._risk(user=self.leader)
        passed = self._control(risk, "preventive", "manual", user=self.leader)
        failed = self._control(risk, "detective", "manual", 20, user=self.leader)
        weak = self._control(risk, "corrective", "manual", 30, user=self.leader)
        Test = self.env["mipg.risk.control.test"].with_user(self.oci)
        for control, result, design in (
            (passed, "pass", "adequate"),
            (failed, "fail", "adequate"),
            (weak, "pass", "inadequate"),
        ):
            Test.create(
                {
                    "control_id": control.id,
                    "line": "third",
                    "period_start": start,
                    "period_end": self.today,
                    "result": result,
                    "design_result": design,
                }
            ).action_confirm()
        # a draft test does not count yet
        pending = self._control(risk, "preventive", "manual", 40, user=self.leader)
        Test.create(
            {
                "control_id": pending.id,
                "line": "third",
                "period_start": start,
                "period_end": start,
                "result": "fail",
            }
        )
        evaluation = (
            self.env["mipg.sci.evaluation"]
            .with_user(self.oci)
            .create({"year": self.today.year, "semester": semester})
        )
        confirmed = self.env["mipg.risk.control.test"].search(
            [
                ("line", "=", "third"),
                ("state", "=", "done"),
                ("period_end", ">=", evaluation.date_from),
                ("period_end", "<=", evaluation.date_to),
            ]
        )
        self.assertEqual(evaluation.controls_tested, len(confirmed.control_id))
        self.assertGreaterEqual(evaluation.controls_tested, 3)
        bad = confirmed.filtered(
            lambda t: t.result == "fail" or t.design_result == "inadequate"
        )
        self.assertEqual(evaluation.controls_failed, len(bad.control_id))
        self.assertIn(failed, bad.control_id)
        self.assertIn(weak, bad.control_id)
        self.assertNotIn(passed, bad.control_id)
        self.assertNotIn(pending, confirmed.control_id)

    def test_programme_ranks_by_residual_risk(self):
        risk = self._risk(user=self.leader)
        program = (
            self.env["mipg.audit.program"].with_user(self.oci).create({"year": 2095})
        )
        line = (
            self.env["mipg.audit.program.line"]
            .with_user(self.oci)
            .create(
                {
                    "program_id": program.id,
                    "name": "Auditoría de tesorería",
                    "role": "evaluacion_riesgo",
                    "process_ids": [(6, 0, self.process.ids)],
                }
            )
        )
        rank = {"low": 1, "moderate": 2, "high": 3, "extreme": 4}
        self.assertTrue(risk.residual_zone)
        self.assertEqual(line.risk_priority, rank[risk.residual_zone])
