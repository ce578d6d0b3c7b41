# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MipgTransactionCase
from .mipg_lesson_common import MipgLessonCommon


@tagged("post_install", "-at_install")
class TestMipgLesson(MipgLessonCommon, MipgTransactionCase):
    def test_prefill_from_opportunity(self):
        """The 'Register lesson learned' button opens the form with
        default_opportunity_id: title, situation, origin action, process,
        policies and dimensions come from the opportunity."""
        opportunity = self._create_opportunity()
        Lesson = (
            self.env["mipg.lesson"]
            .with_user(self.leader)
            .with_context(default_opportunity_id=opportunity.id)
        )
        with Form(Lesson) as form:
            self.assertEqual(form.title, opportunity.title)
            self.assertEqual(form.situation, opportunity.description)
            self.assertEqual(form.process_id, self.process)
            self.assertEqual(form.action_id, opportunity.action_ids)
            form.recommendation = "Conciliar cada mes."
        lesson = form.record
        self.assertEqual(lesson.policy_ids, self.policy_th)
        self.assertEqual(lesson.dimension_ids, self.dimension_ti)
        self.assertEqual(lesson.dimension_id, self.dimension_ti)
        self.assertEqual(lesson.state, "draft")
        self.assertTrue(lesson.name.startswith("LA-"), lesson.name)

    def test_rule_accepts_action_at_100_evaluated_effective(self):
        opportunity = self._create_opportunity(progress=100, verdict="effective")
        self.assertEqual(opportunity.action_ids.progress, 100)
        self.assertTrue(opportunity.action_ids.effective)
        lesson = self._create_lesson(opportunity)
        self.assertEqual(lesson.opportunity_id, opportunity)

    def test_rule_rejects_action_at_80(self):
        opportunity = self._create_opportunity(progress=80, verdict="effective")
        with self.assertRaisesRegex(ValidationError, r"100%.*\(80 %\)"):
            self._create_lesson(opportunity)

    def test_rule_rejects_action_not_effective(self):
        opportunity = self._create_opportunity(progress=100, verdict="not_effective")
        with self.assertRaisesRegex(ValidationError, "evaluated every action"):
            self._create_lesson(opportunity)

    def test_rule_rejects_action_never_evaluated(self):
        opportunity = self._create_opportunity(verdict=None)
        with self.assertRaises(ValidationError):
            self._create_lesson(opportunity)

    def test_rule_rejects_one_unfinished_action_among_several(self):
        opportunity = self._create_opportunity()
        second = self.env["mipg.action"].create(
            {
                "name": "Capacitar a tesorería",
                "opportunity_id": opportunity.id,
                "responsible_id": self.leader.id,
            }
        )
        self._evaluate(second, 80, "effective")
        with self.assertRaisesRegex(ValidationError, "Capacitar a tesorería"):
            self._create_lesson(opportunity)

    def test_rule_rejects_action_of_another_opportunity(self):
        opportunity = self._create_opportunity()
        other = self._create_opportunity(title="Otra oportunidad")
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._create_lesson(opportunity, action_id=other.action_ids.id)

    def test_rule_applies_when_the_origin_changes(self):
        lesson = self._create_lesson(self._create_opportunity())
        unfinished = self._create_opportunity(progress=80)
        with self.assertRaises(ValidationError):
            lesson.opportunity_id = unfinished
        self.assertNotEqual(lesson.opportunity_id, unfinished)

    def test_state_changes_only_through_buttons(self):
        lesson = self._create_lesson(self._create_opportunity(), user=self.leader)
        for user in (self.leader, self.planner):
            # No context key opens the door: only the buttons change states.
            for context in ({}, {"mipg_lesson_state_change": True}):
                with self.assertRaises(UserError):
                    lesson.with_user(user).with_context(**context).write(
                        {"state": "verified"}
                    )
        self.assertEqual(lesson.state, "draft")
        # nor is a lesson created in another state
        with self.assertRaisesRegex(UserError, "buttons"):
            self.env["mipg.lesson"].with_user(self.planner).create(
                {
                    "opportunity_id": lesson.opportunity_id.id,
                    "recommendation": "x",
                    "state": "published",
                }
            )

    def test_yearly_verification(self):
        """The leader proposes, the second line verifies with a note."""
        lesson = self._create_lesson(self._create_opportunity(), user=self.leader)
        lesson.action_propose()
        self.assertEqual(lesson.state, "proposed")
        with self.assertRaises(AccessError):
            lesson.with_user(self.leader).action_verify()
        action = (
            lesson.with_user(self.planner)
            .with_context(mipg_decision="verify")
            .action_open_review()
        )
        wizard = (
            self.env["mipg.lesson.review"]
            .with_user(self.planner)
            .with_context(**action["context"])
            .create({"reason": "Impacto comprobado con los extractos."})
        )
        self.assertEqual(wizard.lesson_ids, lesson)
        self.assertEqual(wizard.decision, "verify")
        wizard.action_apply()
        self.assertEqual(lesson.state, "verified")
        self.assertEqual(lesson.verifier_id, self.planner)
        self.assertTrue(lesson.date_verified)
        self.assertEqual(lesson.review_note, "Impacto comprobado con los extractos.")

    def test_return_needs_a_reason(self):
        lesson = self._create_lesson(self._create_opportunity(), user=self.leader)
        lesson.action_propose()
        Review = self.env["mipg.lesson.review"].with_user(self.planner)
        wizard = Review.create(
            {"lesson_ids": [(6, 0, lesson.ids)], "decision": "return", "reason": " "}
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_apply()
        self.assertEqual(lesson.state, "proposed")
        wizard.reason = "Falta describir el impacto con cifras."
        wizard.action_apply()
        self.assertEqual(lesson.state, "draft")
        self.assertEqual(lesson.review_note, "Falta describir el impacto con cifras.")
        self.assertIn(
            "Falta describir el impacto con cifras.",
            lesson.message_ids[:1].body,
        )
        # Returned lessons can be corrected and proposed again.
        lesson.with_user(self.leader).impact = "Conciliaciones al día en 2026."
        lesson.action_propose()
        self.assertEqual(lesson.state, "proposed")

    def test_only_proposed_lessons_are_verified(self):
        lesson = self._create_lesson(self._create_opportunity())
        with self.assertRaisesRegex(UserError, "Only proposed lessons"):
            lesson.with_user(self.planner).action_verify()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_public_servant_reads_only_verified_lessons(self):
        draft = self._create_lesson(self._create_opportunity())
        verified = self._verified_lesson()
        Lesson = self.env["mipg.lesson"].with_user(self.servant)
        found = Lesson.search([("id", "in", (draft | verified).ids)])
        self.assertEqual(found, verified)
        with self.assertRaises(AccessError):
            draft.with_user(self.servant).read(["title"])
        with self.assertRaises(AccessError):
            verified.with_user(self.servant).write({"title": "Otro título"})

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_leader_sees_lessons_of_own_process_only(self):
        own = self._create_lesson(self._create_opportunity())
        other = self._create_lesson(
            self._create_opportunity(process_id=self.process_th.id)
        )
        found = (
            self.env["mipg.lesson"]
            .with_user(self.leader)
            .search([("id", "in", (own | other).ids)])
        )
        self.assertEqual(found, own)

    def test_review_fields_only_through_buttons(self):
        """The author cannot forge the second line's review nor move a lesson
        in or out of a bulletin by RPC; the buttons still set them."""
        bulletin = (
            self.env["mipg.bulletin"]
            .with_user(self.planner)
            .create({"year": self.year, "edition": 1})
        )
        lesson = self._create_lesson(self._create_opportunity(), user=self.leader)
        lesson.with_user(self.leader).action_propose()
        forged = {
            "verifier_id": self.leader.id,
            "date_verified": "2090-01-01",
            "review_note": "Verificada por mí mismo.",
            "bulletin_id": bulletin.id,
        }
        for user in (self.leader, self.planner):
            for field, value in forged.items():
                with self.assertRaisesRegex(UserError, "only with its buttons"):
                    lesson.with_user(user).write({field: value})
        self.assertFalse(lesson.verifier_id or lesson.review_note or lesson.bulletin_id)
        lesson.with_user(self.planner).action_verify(note="Impacto comprobado.")
        self.assertEqual(lesson.verifier_id, self.planner)
        self.assertEqual(lesson.review_note, "Impacto comprobado.")
        self.assertEqual(lesson.bulletin_id, bulletin)
        with self.assertRaisesRegex(UserError, "only with its buttons"):
            lesson.with_user(self.leader).write({"bulletin_id": False})
        self.assertEqual(lesson.bulletin_id, bulletin)
        lesson.with_user(self.planner).action_return("Falta el impacto con cifras.")
        self.assertFalse(lesson.verifier_id or lesson.bulletin_id)
        self.assertEqual(lesson.review_note, "Falta el impacto con cifras.")

    def test_verified_content_is_frozen(self):
        """What the second line verified is what the bulletin publishes: the
        content changes only after the lesson is returned to draft."""
        lesson = self._create_lesson(self._create_opportunity(), user=self.leader)
        lesson.with_user(self.leader).action_propose()
        lesson.with_user(self.planner).action_verify()
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "return it to draft"):
                lesson.with_user(user).write({"recommendation": "Otro texto."})
        self.assertNotEqual(lesson.recommendation, "Otro texto.")
        lesson.with_user(self.planner).action_return("Precisar la recomendación.")
        lesson.with_user(self.leader).recommendation = "Otro texto."
        self.assertEqual(lesson.recommendation, "Otro texto.")

    def test_verified_lesson_cannot_be_deleted(self):
        lesson = self._verified_lesson()
        with self.assertRaises(UserError):
            lesson.unlink()

    def test_batch_verification_from_the_yearly_list(self):
        """The header button of the yearly verification list reviews every
        selected lesson at once."""
        lessons = self._create_lesson(self._create_opportunity()) | self._create_lesson(
            self._create_opportunity()
        )
        lessons.action_propose()
        action = (
            lessons.with_user(self.planner)
            .with_context(mipg_decision="return")
            .action_open_review()
        )
        self.assertEqual(action["res_model"], "mipg.lesson.review")
        with Form(
            self.env["mipg.lesson.review"]
            .with_user(self.planner)
            .with_context(**action["context"])
        ) as form:
            self.assertEqual(form.decision, "return")
            form.decision = "verify"
        form.record.action_apply()
        self.assertEqual(set(lessons.mapped("state")), {"verified"})

    def test_register_action_opens_a_prefilled_form(self):
        """The 'Register lesson learned' button of the opportunity is a
        window action on the lesson form, given default_opportunity_id."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_lesson_action_from_opportunity"
        )
        self.assertEqual(action["res_model"], "mipg.lesson")
        self.assertEqual(action["view_mode"], "form")
        opportunity = self._create_opportunity()
        defaults = (
            self.env["mipg.lesson"]
            .with_user(self.leader)
            .with_context(default_opportunity_id=opportunity.id)
            .onchange({}, [], {"opportunity_id": {}, "title": {}, "process_id": {}})
        )
        self.assertEqual(defaults["value"]["title"], opportunity.title)
