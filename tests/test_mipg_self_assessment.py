# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mipg.models.mipg_tools import score_level

from .common import MipgTransactionCase, new_user, new_users


class SelfAssessmentCase(MipgTransactionCase):
    """A small policy tool: component A (categories A1 with activities 1, 2,
    3 and A2 with activity 4) and component B (category B1 with activity 5),
    linked to one process."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst, cls.servant = new_users(
            cls.env,
            {
                "mipg_sa_analyst": {
                    "name": "Second line analyst",
                    "groups": "mipg.group_mipg_second_line",
                },
                "mipg_sa_servant": "mipg.group_mipg_user",
            },
        )
        # Start from no self-assessment at all, whatever data the database
        # holds (demo data has the Talento Humano ones).
        cls.env["mipg.self.assessment"].search([]).unlink()
        cls.dimension = cls.env.ref("mipg.mipg_dimension_talento_humano")
        cls.policy = cls.env["mipg.policy"].create(
            {
                "code": "politica_prueba_sa",
                "name": "Política de prueba",
                "dimension_id": cls.dimension.id,
            }
        )
        cls.process = cls.env["mipg.process"].create(
            {
                "code": "TH-SA",
                "name": "Talento Humano (prueba)",
                "policy_ids": [(6, 0, cls.policy.ids)],
            }
        )
        Component = cls.env["mipg.assessment.component"]
        Category = cls.env["mipg.assessment.category"]
        Activity = cls.env["mipg.assessment.activity"]
        cls.comp_a = Component.create(
            {"policy_id": cls.policy.id, "name": "A", "sequence": 1}
        )
        cls.comp_b = Component.create(
            {"policy_id": cls.policy.id, "name": "B", "sequence": 2}
        )
        cls.cat_a1 = Category.create(
            {"component_id": cls.comp_a.id, "name": "A1", "sequence": 1}
        )
        cls.cat_a2 = Category.create(
            {"component_id": cls.comp_a.id, "name": "A2", "sequence": 2}
        )
        cls.cat_b1 = Category.create({"component_id": cls.comp_b.id, "name": "B1"})
        cls.activities = Activity.create(
            [
                {
                    "category_id": cls.cat_a1.id,
                    "code": "1",
                    "name": "Uno",
                    "sequence": 1,
                },
                {
                    "category_id": cls.cat_a1.id,
                    "code": "2",
                    "name": "Dos",
                    "sequence": 2,
                },
                {
                    "category_id": cls.cat_a1.id,
                    "code": "3",
                    "name": "Tres",
                    "sequence": 3,
                },
                {"category_id": cls.cat_a2.id, "code": "4", "name": "Cuatro"},
                {"category_id": cls.cat_b1.id, "code": "5", "name": "Cinco"},
            ]
        )

    def _new_assessment(self, scores, year=2025, user=None):
        """Started assessment of the test policy with the given scores by
        activity code (None leaves the activity blank)."""
        assessment = (
            self.env["mipg.self.assessment"]
            .with_user(user or self.analyst)
            .create({"policy_id": self.policy.id, "year": year})
        )
        assessment.action_start()
        for line in assessment.line_ids:
            score = scores.get(line.code)
            if score is not None:
                line.score = score
            else:
                # left blank on purpose: finishing asks for it
                line.not_applicable = True
        return assessment

    def _line(self, assessment, code):
        return assessment.line_ids.filtered(lambda line: line.code == code)


@tagged("post_install", "-at_install")
class TestMipgSelfAssessment(SelfAssessmentCase):
    def test_start_loads_every_activity_blank(self):
        assessment = self._new_assessment({})
        self.assertEqual(assessment.state, "in_progress")
        self.assertEqual(assessment.line_ids.activity_id, self.activities)
        self.assertFalse(any(assessment.line_ids.mapped("filled")))
        self.assertEqual(assessment.scored_count, 0)
        self.assertFalse(assessment.level)
        self.assertEqual(assessment.name, "Política de prueba 2025")

    def test_start_without_structure(self):
        other = self.env["mipg.policy"].create(
            {
                "code": "sin_estructura",
                "name": "Sin estructura",
                "dimension_id": self.dimension.id,
            }
        )
        assessment = (
            self.env["mipg.self.assessment"]
            .with_user(self.analyst)
            .create({"policy_id": other.id, "year": 2025})
        )
        with self.assertRaisesRegex(UserError, "no management activities"):
            assessment.action_start()
        self.assertEqual(assessment.state, "draft")

    def test_rollup_leaves_blanks_out(self):
        # A1: 1=40, 2=blank, 3=80 -> 60; A2: 4=0 -> 0; A -> (40+80+0)/3;
        # B1: 5 blank -> no score; total averages all activities: 40.
        assessment = self._new_assessment({"1": 40, "3": 80, "4": 0})
        self.assertEqual(assessment.scored_count, 3)
        self.assertEqual(assessment.activity_count, 5)
        self.assertAlmostEqual(assessment.score, 40.0)
        self.assertEqual(assessment.level, "2")
        rollup = assessment._get_rollup()
        self.assertEqual([c["component"] for c in rollup], [self.comp_a, self.comp_b])
        comp_a, comp_b = rollup
        self.assertAlmostEqual(comp_a["score"], 40.0)
        self.assertEqual(
            [(c["category"], c["score"]) for c in comp_a["categories"]],
            [(self.cat_a1, 60.0), (self.cat_a2, 0.0)],
        )
        self.assertIsNone(comp_b["score"])
        self.assertFalse(comp_b["level"])
        line = self._line(assessment, "1")
        self.assertAlmostEqual(line.category_score, 60.0)
        self.assertAlmostEqual(line.component_score, 40.0)
        # A zero is a score, a blank is not: the total is not the mean of
        # the component means either ((60 + 0) / 2 would be 30).
        self._line(assessment, "2").score = 0
        self.assertAlmostEqual(assessment.score, 30.0)
        self._line(assessment, "2").filled = False
        self.assertAlmostEqual(assessment.score, 40.0)
        self.assertFalse(self._line(assessment, "2").score)

    def test_blank_is_null_for_sql_means(self):
        """The pivot averages lines in SQL: blanks must be NULL there."""
        assessment = self._new_assessment({"1": 40, "3": 80})
        groups = self.env["mipg.self.assessment.line"]._read_group(
            [("assessment_id", "=", assessment.id)], ["category_id"], ["score:avg"]
        )
        by_category = dict(groups)
        self.assertAlmostEqual(by_category[self.cat_a1], 60.0)
        self.assertNotIsInstance(by_category[self.cat_b1], float)  # NULL, not 0.0
        # Marked as scored without a score: it counts as 0 everywhere.
        self._line(assessment, "5").filled = True
        groups = self.env["mipg.self.assessment.line"]._read_group(
            [("assessment_id", "=", assessment.id)], ["category_id"], ["score:avg"]
        )
        self.assertIsInstance(dict(groups)[self.cat_b1], float)  # 0.0, not NULL
        self.assertAlmostEqual(assessment.score, 40.0)  # (40 + 80 + 0) / 3

    def test_blank_in_a_later_request_is_null(self):
        """A score left blank later, by another request (whose cache is
        empty, as every request's is), is NULL in the database too, and the
        pivot leaves it out; the same for a blank line created so."""
        assessment = self._new_assessment({"1": 40, "2": 90})
        line = self._line(assessment, "2")
        self.env.flush_all()
        self.env.invalidate_all()
        line.with_user(self.analyst).write({"filled": False})
        blank = self._line(assessment, "3")
        self.env.flush_all()
        self.env.invalidate_all()
        blank.with_user(self.analyst).write({"score": False})
        extra = self.env["mipg.assessment.activity"].create(
            {"category_id": self.cat_b1.id, "code": "99", "name": "Actividad extra"}
        )
        created = (
            self.env["mipg.self.assessment.line"]
            .with_user(self.analyst)
            .create(
                {
                    "assessment_id": assessment.id,
                    "activity_id": extra.id,
                    "filled": False,
                    "score": 70,
                }
            )
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id FROM mipg_self_assessment_line WHERE id = ANY(%s)"
            " AND score IS NOT NULL",
            [(line | blank | created).ids],
        )
        self.assertFalse(self.env.cr.fetchall(), "blank lines hold NULL")
        [[sql_mean]] = self.env["mipg.self.assessment.line"]._read_group(
            [("assessment_id", "=", assessment.id)], [], ["score:avg"]
        )
        self.assertAlmostEqual(sql_mean, 40.0)
        self.assertAlmostEqual(assessment.score, 40.0)
        # and the audit trail keeps the score that was removed
        removed = self.env["mipg.audit.log"].search(
            [
                ("model", "=", line._name),
                ("res_id", "=", line.id),
                ("field_name", "=", "score"),
            ],
            order="id desc",
            limit=1,
        )
        self.assertEqual(removed.old_value, "90.0")

    def test_band_edges(self):
        cases = {
            0: "1",
            20: "1",
            20.5: "2",
            21: "2",
            40: "2",
            41: "3",
            60: "3",
            61: "4",
            80: "4",
            81: "5",
            100: "5",
        }
        for score, level in cases.items():
            with self.subTest(score=score):
                self.assertEqual(score_level(score), level)
        self.assertFalse(score_level(None))
        assessment = self._new_assessment({"1": 20})
        self.assertEqual((assessment.level, assessment.level_color), ("1", "#8E0000"))
        self._line(assessment, "1").score = 21
        self.assertEqual((assessment.level, assessment.level_color), ("2", "#FF0000"))
        self._line(assessment, "1").score = 80
        self.assertEqual((assessment.level, assessment.level_color), ("4", "#FFFF00"))
        self._line(assessment, "1").score = 81
        self.assertEqual((assessment.level, assessment.level_color), ("5", "#009900"))
        self._line(assessment, "1").score = 100
        self.assertEqual(assessment.level, "5")
        self._line(assessment, "1").score = 0
        self.assertEqual((assessment.level, assessment.score), ("1", 0.0))

    @mute_logger("odoo.sql_db")
    def test_invalid_scores(self):
        assessment = self._new_assessment({"1": 50})
        line = self._line(assessment, "1")
        for bad in (-1, 100.5, 250):
            with (
                self.subTest(score=bad),
                self.assertRaisesRegex(
                    ValidationError, "activity 1 must be between 0 and 100"
                ),
            ):
                with self.env.cr.savepoint():
                    line.score = bad
        self.assertEqual(line.score, 50)
        self.assertEqual(assessment.score, 50)

    def test_ui_form_marks_scored(self):
        assessment = self._new_assessment({})
        with Form(assessment.with_user(self.analyst)) as form:
            with form.line_ids.edit(0) as line_form:
                line_form.score = 75
                self.assertTrue(line_form.filled)
        self.assertEqual(assessment.score, 75)

    def test_done_locks_scores_and_change_against_previous(self):
        old = self._new_assessment({"1": 40}, year=2024)
        with self.assertRaisesRegex(UserError, "Score at least one"):
            self._new_assessment({}, year=2023).action_done()
        old.action_done()
        self.assertEqual(old.state, "done")
        with self.assertRaisesRegex(UserError, "is done"):
            self._line(old, "1").score = 90
        new = self._new_assessment({"1": 70, "5": 90}, year=2025)
        self.assertEqual(new.previous_id, old)
        self.assertAlmostEqual(new.score_change, 40.0)
        self.assertFalse(old.previous_id)

    def test_state_changes_only_through_buttons(self):
        """Finishing needs a score, whatever the channel; only a manager
        reopens a finished self-assessment."""
        empty = self._new_assessment({})
        Assessment = self.env["mipg.self.assessment"].with_user(self.analyst)
        with self.assertRaisesRegex(UserError, "Start, Finish and Reopen"):
            empty.with_user(self.analyst).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            Assessment.create(
                {"policy_id": self.policy.id, "year": 2024, "state": "done"}
            )
        self.assertEqual(empty.state, "in_progress")
        scored = self._new_assessment({"1": 40}, year=2024)
        scored.with_user(self.analyst).action_done()
        self.assertEqual(scored.state, "done")
        with self.assertRaisesRegex(AccessError, "administrator"):
            scored.with_user(self.analyst).action_reopen()
        with self.assertRaisesRegex(UserError, "Start, Finish and Reopen"):
            scored.with_user(self.analyst).write({"state": "in_progress"})
        self.assertEqual(scored.state, "done")
        manager = new_user(
            self.env, login="mipg_sa_manager", groups="mipg.group_mipg_manager"
        )
        scored.with_user(manager).action_reopen()
        self.assertEqual(scored.state, "in_progress")

    def test_servant_cannot_create(self):
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_model"),
        ):
            self.env["mipg.self.assessment"].with_user(self.servant).create(
                {"policy_id": self.policy.id, "year": 2025}
            )

    def test_process_leader_scores_only_their_policies(self):
        leader, other = new_users(
            self.env,
            {
                "mipg_sa_leader": "mipg.group_mipg_first_line",
                "mipg_sa_other": "mipg.group_mipg_first_line",
            },
        )
        self.process.leader_id = leader
        assessment = self._new_assessment({"1": 30})
        line = self._line(assessment, "1").with_user(leader)
        line.score = 75
        self.assertEqual(line.score, 75)
        self.assertEqual(assessment.with_user(leader).scored_count, 1)
        with mute_logger("odoo.addons.base.models.ir_rule"):
            with self.assertRaises(AccessError):
                line.with_user(other).score = 10
        self.assertFalse(
            self.env["mipg.self.assessment"]
            .with_user(other)
            .search([("id", "=", assessment.id)])
        )
        # A public servant outside the lines of defense reads none.
        self.assertFalse(
            self.env["mipg.self.assessment"].with_user(self.servant).has_access("read")
        )

    def test_dimension_shows_latest_score(self):
        dimension = self.dimension.with_user(self.servant)
        self.assertFalse(dimension.self_assessment_year)
        self._new_assessment({"1": 30}, year=2024).action_done()
        self._new_assessment({"1": 50}, year=2025).action_done()
        self._new_assessment({"1": 99}, year=2026)  # not finished: ignored
        dimension.invalidate_recordset()
        self.assertEqual(dimension.self_assessment_year, 2025)
        self.assertAlmostEqual(dimension.self_assessment_score, 50.0)
        self.assertEqual(dimension.self_assessment_level, "3")
        kanban = self.env["mipg.dimension"].get_views([(False, "kanban")])
        arch = kanban["views"]["kanban"]["arch"]
        self.assertIn('name="self_assessment_score"', arch)

    def test_other_company_cannot_see_it(self):
        assessment = self._new_assessment({"1": 50})
        other = self.env["res.company"].create({"name": "Otra entidad"})
        outsider = new_user(
            self.env,
            login="mipg_sa_outsider",
            groups="mipg.group_mipg_second_line",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        SelfAssessment = self.env["mipg.self.assessment"].with_user(outsider)
        self.assertFalse(SelfAssessment.search([("id", "=", assessment.id)]))
        self.assertTrue(
            SelfAssessment.with_user(self.analyst).search([("id", "=", assessment.id)])
        )


@tagged("post_install", "-at_install")
class TestMipgSelfAssessmentGaps(SelfAssessmentCase):
    def test_gaps_become_opportunities_once(self):
        assessment = self._new_assessment({"1": 59.9, "2": 60, "3": 10, "4": 95})
        wizard = (
            self.env["mipg.self.assessment.gap.wizard"]
            .with_user(self.analyst)
            .create({"assessment_id": assessment.id})
        )
        self.assertEqual(wizard.threshold, 60)
        self.assertEqual(wizard.process_id, self.process)
        self.assertEqual(wizard.gap_count, 2)
        action = wizard.action_confirm()
        opportunities = self.env["mipg.opportunity"].search(action["domain"])
        self.assertEqual(len(opportunities), 2)
        self.assertEqual(set(opportunities.mapped("source")), {"autoevaluacion"})
        self.assertEqual(opportunities.process_id, self.process)
        self.assertEqual(opportunities.policy_ids, self.policy)
        self.assertEqual(opportunities.dimension_ids, self.dimension)
        self.assertEqual(opportunities.stage_id, self.env.ref("mipg.mipg_stage_1"))
        self.assertEqual(opportunities.stage_id.phva, "plan")
        self.assertEqual(
            set(opportunities.mapped("res_id")),
            set((self._line(assessment, "1") | self._line(assessment, "3")).ids),
        )
        assessment.invalidate_recordset(["opportunity_ids"])
        self.assertEqual(assessment.opportunity_ids, opportunities)
        # Running it again creates nothing new, even with a higher threshold
        # it only adds the new gaps.
        again = assessment._create_gap_opportunities(threshold=60)
        self.assertEqual(again, opportunities)
        more = assessment._create_gap_opportunities(threshold=61)
        self.assertEqual(len(more), 3)
        self.assertEqual(
            self.env["mipg.opportunity"].search_count(
                [
                    ("res_model", "=", "mipg.self.assessment.line"),
                    ("res_id", "in", assessment.line_ids.ids),
                ]
            ),
            3,
        )

    def test_gap_wizard_as_the_screen_does(self):
        assessment = self._new_assessment({"1": 30, "3": 45})
        action = assessment.with_user(self.analyst).action_open_gap_wizard()
        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.analyst)
            .with_context(**action["context"])
        )
        with Form(Wizard) as form:
            self.assertEqual(form.process_id, self.process)
            self.assertEqual(form.gap_count, 2)
            form.threshold = 40
            self.assertEqual(form.gap_count, 1)
        form.record.action_confirm()
        self.assertEqual(len(assessment.opportunity_ids), 1)

    def test_threshold_from_system_parameter(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "mipg.self_assessment_gap_threshold", "30"
        )
        assessment = self._new_assessment({"1": 25, "3": 50})
        self.assertEqual(len(assessment._create_gap_opportunities()), 1)

    def test_gap_lines_follow_the_threshold(self):
        """The lines shown as gaps are the ones the wizard turns into
        opportunities, whatever threshold the entity configured."""
        assessment = self._new_assessment({"1": 25, "3": 50})
        self.assertEqual(
            assessment.line_ids.filtered("is_gap").mapped("code"), ["1", "3"]
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "mipg.self_assessment_gap_threshold", "30"
        )
        assessment.line_ids.invalidate_recordset(["is_gap"])
        self.assertEqual(assessment.line_ids.filtered("is_gap").mapped("code"), ["1"])

    def test_policy_without_process(self):
        self.process.policy_ids = [(5,)]
        assessment = self._new_assessment({"1": 10})
        with self.assertRaisesRegex(UserError, "not linked to any process"):
            assessment._create_gap_opportunities()
        self.assertFalse(assessment.opportunity_ids)

    def test_no_gap(self):
        assessment = self._new_assessment({"1": 90})
        wizard = (
            self.env["mipg.self.assessment.gap.wizard"]
            .with_user(self.analyst)
            .create({"assessment_id": assessment.id})
        )
        with self.assertRaisesRegex(UserError, "no gap"):
            wizard.action_confirm()


WAIT_JS = """
const wait = (selector) => new Promise((resolve, reject) => {
    let tries = 0;
    const timer = setInterval(() => {
        const element = document.querySelector(selector);
        if (element) {
            clearInterval(timer);
            resolve(element);
        } else if (++tries > 150) {
            clearInterval(timer);
            reject(new Error("Nothing matches " + selector));
        }
    }, 100);
});
"""


class SelfAssessmentBrowserCase(SelfAssessmentCase, HttpCase):
    """Open a screen in the browser and check it shows the expected texts
    without any error."""

    def _check_page(self, url, selector, expected):
        code = WAIT_JS + (
            f"wait({selector!r}).then(() => {{"
            f"  const text = document.body.innerText;"
            f"  for (const part of {expected!r}) {{"
            f"    if (!text.includes(part)) {{ throw new Error('Missing ' + part); }}"
            f"  }}"
            f"  console.log('test successful');"
            f"}}).catch((error) => console.error(error.message));"
        )
        self.browser_js(url, code, login=self.analyst.login)


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgSelfAssessmentBrowser(SelfAssessmentBrowserCase):
    def test_dimension_kanban_shows_latest_score(self):
        self._new_assessment({"1": 50, "3": 70}).action_done()
        self._check_page(
            "/odoo/action-mipg.mipg_dimension_action",
            ".o_kanban_record",
            ["Self-assessment", "60.00"],
        )

    def test_assessment_form(self):
        assessment = self._new_assessment({"1": 50, "3": 70})
        self._check_page(
            f"/odoo/action-mipg.mipg_self_assessment_action/{assessment.id}",
            ".o_form_view .o_data_row",
            ["Política de prueba", "Uno", "60.00"],
        )


@tagged("post_install", "-at_install")
class TestMipgSelfAssessmentFirstLine(SelfAssessmentCase):
    """The leader of a process scores the lines of the assessments of its
    policies from the assessment's own form, and changes nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader, cls.stranger = new_users(
            cls.env,
            {
                "sa_first_line_leader": "mipg.group_mipg_first_line",
                "sa_first_line_other": "mipg.group_mipg_first_line",
            },
        )
        cls.process.leader_id = cls.leader

    def test_leader_scores_inline(self):
        assessment = self._new_assessment({"1": 10})
        with Form(assessment.with_user(self.leader)) as form:
            with form.line_ids.edit(0) as line:
                line.score = 75
                line.observations = "Acta del comité de talento humano"
        line = assessment.line_ids[0]
        self.assertEqual(line.score, 75)
        self.assertEqual(line.observations, "Acta del comité de talento humano")
        self.assertTrue(assessment.with_user(self.leader).mipg_locked)

    def test_leader_blanks_a_line_from_the_form(self):
        """As the web client saves the assessment's form (a one2many
        command), in a later request: the blank line holds NULL."""
        assessment = self._new_assessment({"1": 10, "2": 60})
        line = self._line(assessment, "2")
        self.env.flush_all()
        self.env.invalidate_all()
        assessment.with_user(self.leader).write(
            {"line_ids": [(1, line.id, {"filled": False})]}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT score FROM mipg_self_assessment_line WHERE id = %s", [line.id]
        )
        self.assertEqual(self.env.cr.fetchall(), [(None,)])
        self.assertAlmostEqual(assessment.score, 10.0)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_leader_changes_nothing_else(self):
        assessment = self._new_assessment({"1": 10})
        other = self._new_assessment({}, year=2024)
        as_leader = assessment.with_user(self.leader)
        with self.assertRaisesRegex(UserError, "locked"):
            as_leader.write({"year": 2030})
        with self.assertRaisesRegex(UserError, "cannot be written by hand"):
            as_leader.write({"score": 99})
        # a line stays in its assessment
        with self.assertRaisesRegex(UserError, "locked"):
            as_leader.write({"line_ids": [(4, other.line_ids[0].id)]})
        with self.assertRaises(AccessError):
            as_leader.write({"line_ids": [(2, assessment.line_ids[0].id)]})
        self.assertEqual(other.line_ids[0].assessment_id, other)
        # the leader of another process does not reach it
        with self.assertRaises(AccessError):
            assessment.with_user(self.stranger).write(
                {"line_ids": [(1, assessment.line_ids[0].id, {"score": 1})]}
            )
        # finished, it is frozen for the leader too
        assessment.line_ids.filtered(lambda line: not line.filled).write(
            {"not_applicable": True}
        )
        assessment.with_user(self.analyst).action_done()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            as_leader.write(
                {"line_ids": [(1, assessment.line_ids[0].id, {"score": 5})]}
            )
