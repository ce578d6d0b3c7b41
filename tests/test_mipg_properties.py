# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property-based tests of the roll-ups: whatever the follow-ups and the
scores, the stored figures equal the definition computed here by hand.
Each example runs in its own savepoint, rolled back afterwards: the action,
plan or self-assessment that the examples of a test fill is made once, and
each example finds it as made."""

from contextlib import closing
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.mipg.models.mipg_tools import LEVELS, score_level

from .common import MipgCycleCase

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PERCENT = st.floats(min_value=0, max_value=100, allow_nan=False)
FOLLOWUPS = st.lists(
    st.fixed_dictionaries(
        {
            "line": st.sampled_from(["first", "second", "third"]),
            "progress": PERCENT,
            "days": st.integers(min_value=-10, max_value=0),
            "state": st.sampled_from(["draft", "submitted", "validated", "rejected"]),
        }
    ),
    max_size=6,
)


def mean(values):
    return sum(values) / len(values) if values else None


@tagged("post_install", "-at_install")
class TestMipgProperties(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records built as superuser: the properties are about the
        # arithmetic, the workflow has its own tests.
        cls.policy = cls.env["mipg.policy"].create(
            {
                "code": "politica_propiedades",
                "name": "Política de propiedades",
                "dimension_id": cls.env.ref("mipg.mipg_dimension_talento_humano").id,
            }
        )
        component = cls.env["mipg.assessment.component"].create(
            {"policy_id": cls.policy.id, "name": "Componente"}
        )
        categories = cls.env["mipg.assessment.category"].create(
            [{"component_id": component.id, "name": f"Cat {i}"} for i in range(3)]
        )
        cls.activities = cls.env["mipg.assessment.activity"].create(
            [
                {
                    "category_id": categories[i % 3].id,
                    "code": str(i + 1),
                    "name": f"Actividad {i + 1}",
                }
                for i in range(8)
            ]
        )

    def _once(self, name, make):
        """The record ``make`` returns, made once per test (outside the
        examples' savepoints), for all the examples of the test."""
        if name not in self.__dict__:
            self.__dict__[name] = make()
        return self.__dict__[name]

    def _followup_values(self, action, spec):
        return {
            "action_id": action.id,
            "line": spec["line"],
            "progress": spec["progress"],
            "date": self.today + timedelta(days=spec["days"]),
            "state": spec["state"],
            # a validated report names its validator (a CHECK)
            "validated_by_id": self.planner.id
            if spec["state"] == "validated"
            else False,
            "effective": "effective" if spec["line"] == "third" else False,
        }

    def _followups(self, action, specs):
        return self.env["mipg.followup"].create(
            [self._followup_values(action, spec) for spec in specs]
        )

    @SETTINGS
    @given(specs=FOLLOWUPS)
    def test_action_progress_is_last_validated_followup(self, specs):
        action = self._once("action", self._create_action)
        with closing(self.env.cr.savepoint()):  # rolled back on exit
            followups = self._followups(action, specs)
            validated = followups.filtered(lambda f: f.state == "validated")
            last = max(validated, key=lambda f: (f.date, f.id), default=None)
            expected = last.progress if last else 0.0
            self.assertAlmostEqual(action.progress, expected, places=6)
            self.assertTrue(0.0 <= action.progress <= 100.0)
            # the stored value, not only the cache
            action.invalidate_recordset(["progress"])
            self.assertAlmostEqual(action.progress, expected, places=6)

    @SETTINGS
    @given(
        actions=st.lists(
            st.tuples(st.one_of(st.none(), PERCENT), st.booleans()),
            max_size=6,
        )
    )
    def test_plan_progress_is_mean_of_its_actions(self, actions):
        """Plan progress: mean of the progress of its actions that are not
        cancelled (an action without validated follow-up counts as 0)."""
        plan = self._once(
            "plan",
            lambda: self.env["mipg.plan"].create(
                {"title": "Plan de propiedades", "source": "furag"}
            ),
        )
        with closing(self.env.cr.savepoint()):  # rolled back on exit
            # one create of the actions and one of their follow-ups
            records = self.env["mipg.action"].create(
                [self._action_values(plan_id=plan.id) for _spec in actions]
            )
            self.env["mipg.followup"].create(
                [
                    self._followup_values(
                        action,
                        {
                            "line": "second",
                            "progress": progress,
                            "days": 0,
                            "state": "validated",
                        },
                    )
                    for action, (progress, _cancelled) in zip(
                        records, actions, strict=True
                    )
                    if progress is not None
                ]
            )
            records.browse(
                [
                    action.id
                    for action, (_progress, cancel) in zip(
                        records, actions, strict=True
                    )
                    if cancel
                ]
            ).write({"stage_id": self.stage["cancelled"].id})
            expected = [progress or 0.0 for progress, cancel in actions if not cancel]
            self.assertAlmostEqual(plan.progress, mean(expected) or 0.0, places=6)
            self.assertEqual(plan.action_count, len(expected))
            plan.invalidate_recordset(["progress", "action_count"])
            self.assertAlmostEqual(plan.progress, mean(expected) or 0.0, places=6)

    @SETTINGS
    @given(scores=st.lists(st.one_of(st.none(), PERCENT), min_size=8, max_size=8))
    # a blank line scored 0 once never reached the database (pivot means)
    @example(scores=[1.0, 0.0] + [None] * 6)
    def test_self_assessment_score_is_mean_without_blanks(self, scores):
        assessment = self._once("assessment", self._started_assessment)
        with closing(self.env.cr.savepoint()):  # rolled back on exit
            for line, score in zip(
                assessment.line_ids.sorted("activity_id"), scores, strict=True
            ):
                line.write({"score": score} if score is not None else {"filled": False})
            filled = [score for score in scores if score is not None]
            total = mean(filled)
            self.assertEqual(assessment.scored_count, len(filled))
            self.assertEqual(assessment.activity_count, 8)
            self.assertAlmostEqual(assessment.score, total or 0.0, places=6)
            self.assertEqual(assessment.level, score_level(total))
            for line in assessment.line_ids:
                siblings = assessment.line_ids.filtered(
                    lambda s, c=line.category_id: s.category_id == c and s.filled
                )
                self.assertAlmostEqual(
                    line.category_score,
                    mean(siblings.mapped("score")) or 0.0,
                    places=6,
                )
            # the SQL mean of the pivot agrees with the stored score
            [[sql_mean]] = self.env["mipg.self.assessment.line"]._read_group(
                [("assessment_id", "=", assessment.id)], [], ["score:avg"]
            )
            self.assertAlmostEqual(sql_mean or 0.0, total or 0.0, places=6)

    def _started_assessment(self):
        assessment = self.env["mipg.self.assessment"].create(
            {"policy_id": self.policy.id, "year": 2030}
        )
        assessment.action_start()
        return assessment

    @SETTINGS
    @given(score=PERCENT)
    def test_level_bands(self, score):
        """0-20 is level 1, more than 20 up to 40 level 2 ... more than 80
        level 5: each score falls in exactly one band."""
        level = score_level(score)
        lower = 0.0
        for band, upper, _color in LEVELS:
            inside = (lower < score <= upper) or (band == "1" and score == 0.0)
            self.assertEqual(level == band, inside, (score, band))
            lower = upper
