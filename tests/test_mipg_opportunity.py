# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgOpportunity(MipgCycleCase):
    def test_defaults_priority_and_dimensions(self):
        opportunity = self.opportunity
        self.assertTrue(opportunity.name.startswith("OM-"))
        self.assertEqual(opportunity.stage_id, self.stage["1"])
        self.assertEqual(opportunity.priority_score, 9)
        opportunity.write({"impact": 5, "feasibility": 4})
        self.assertEqual(opportunity.priority_score, 20)
        integridad = self.env.ref("mipg.mipg_policy_integridad")
        planeacion = self.env.ref("mipg.mipg_policy_planeacion_institucional")
        opportunity.policy_ids = integridad | planeacion
        self.assertEqual(
            opportunity.dimension_ids,
            integridad.dimension_id | planeacion.dimension_id,
        )

    def test_impact_and_feasibility_range(self):
        with self.assertRaisesRegex(ValidationError, "from 1"):
            self.opportunity.impact = 6
        with self.assertRaisesRegex(ValidationError, "from 1"):
            self.opportunity.feasibility = 0

    def test_sources_cover_the_reference(self):
        keys = {
            key
            for key, _label in self.env["mipg.opportunity"]._fields["source"].selection
        }
        for source in (
            "autoevaluacion",
            "auditoria_interna_gestion",
            "contraloria_general",
            "furag",
            "pqrsd",
            "gestion_riesgo",
            "indicadores",
            "revision_direccion",
        ):
            self.assertIn(source, keys)

    def test_close_requires_closed_effective_actions(self):
        closed = self.stage["closed"]
        with self.assertRaisesRegex(ValidationError, "no improvement action"):
            self.opportunity.stage_id = closed
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, "close its actions first"):
            self.opportunity.stage_id = closed
        self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(action)
        self.assertTrue(self.opportunity.effective)
        with self.assertRaisesRegex(ValidationError, "close its actions first"):
            self.opportunity.stage_id = closed
        action.stage_id = closed
        self.opportunity.stage_id = closed
        self.assertTrue(self.opportunity.is_closed)

    def test_no_action_added_to_closed_or_cancelled_opportunity(self):
        """A closed opportunity keeps all its actions closed and effective:
        no action can be added to it or moved into it."""
        action = self._create_action()
        self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(action)
        action.stage_id = self.stage["closed"]
        self.opportunity.stage_id = self.stage["closed"]
        Action = self.env["mipg.action"].with_user(self.planner)
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            Action.create(
                {
                    "name": "Acción tardía",
                    "opportunity_id": self.opportunity.id,
                    "responsible_id": self.leader.id,
                }
            )
        other = Action.create({"name": "Otra acción", "responsible_id": self.leader.id})
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            other.write({"opportunity_id": self.opportunity.id})
        cancelled = self.opportunity.copy({"stage_id": self.stage["cancelled"].id})
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            other.write({"opportunity_id": cancelled.id})
        self.assertEqual(self.opportunity.action_ids, action)
        self.assertTrue(self.opportunity.is_closed)
        self.assertTrue(self.opportunity.effective)

    def test_not_effective_blocks_closing(self):
        first = self._create_action()
        second = self._create_action(name="Segunda acción")
        for action in first | second:
            self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(first)
        self.assertFalse(self.opportunity.effective, "one action not evaluated yet")
        self._evaluate(second, "not_effective")
        self.assertFalse(self.opportunity.effective)
        self._evaluate(second, "effective")
        self.assertTrue(self.opportunity.effective)

    def test_second_line_takes_a_finding_to_closure_through_the_boards(self):
        """A Contraloría finding goes from opportunity to a closed, effective
        action with stage moves on the boards only (writes of stage_id, as
        a drag and drop does), the follow-ups of each line in between."""
        Opportunity = self.env["mipg.opportunity"].with_user(self.planner)
        Action = self.env["mipg.action"].with_user(self.planner)
        finding = Opportunity.create(
            {
                "title": "Conciliaciones bancarias sin depurar",
                "finding_type": "hallazgo",
                "source": "contraloria_general",
                "description": "Partidas conciliatorias de más de 360 días.",
                "process_id": self.process.id,
                "plan_id": self.plan.id,
            }
        )
        for code in ("2.1", "2.2"):
            finding.write({"stage_id": self.stage[code].id})
        action = Action.create(
            {
                "name": "Depurar las partidas conciliatorias",
                "plan_id": self.plan.id,
                "opportunity_id": finding.id,
                "responsible_id": self.leader.id,
                "stage_id": self.stage["2.2"].id,
            }
        )
        self.plan.with_user(self.mayor).action_approve()
        action.write({"stage_id": self.stage["2.3"].id})
        finding.write({"stage_id": self.stage["2.3"].id})
        self._report(action, 100, evidence=self._attachment(self.leader))
        for code in ("3.1", "3.2"):
            action.write({"stage_id": self.stage[code].id})
        self._evaluate(action)
        for code in ("3.3", "4.1", "closed"):
            action.write({"stage_id": self.stage[code].id})
            finding.write({"stage_id": self.stage[code].id})
        self.assertTrue(action.is_closed)
        self.assertTrue(action.effective)
        self.assertTrue(finding.effective)
        self.assertTrue(finding.is_closed)
        self.assertEqual(self.plan.progress, 100)
