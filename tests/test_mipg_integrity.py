# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What mipg asserts holds whatever the path: computed figures nobody
writes, invariants after any write, ``create`` as strict as ``write``, frozen
records with their files and messages, no link across processes or
companies, finite and bounded input. Each test acts as the lowest user that
could try."""

import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase, new_user


@tagged("post_install", "-at_install")
class TestMipgIntegrity(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "TH-T1",
                "name": "Talento Humano (prueba)",
                "process_type": "support",
                "leader_id": cls.other_leader.id,
            }
        )
        cls.other_plan = cls.env["mipg.plan"].create(
            {
                "title": "Plan de Talento Humano",
                "source": "autoevaluacion",
                "process_id": cls.other_process.id,
                "responsible_id": cls.other_leader.id,
            }
        )
        cls.action = cls._create_action()

    def _draft(self, user=None, **values):
        vals = {"action_id": self.action.id, "line": "first", "progress": 30}
        vals.update(values)
        return self.env["mipg.followup"].with_user(user or self.leader).create(vals)

    def _file_on(self, record, user):
        """``user`` adds a file to ``record``."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": "nueva.txt",
                    "raw": b"x",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def _close_action(self, action):
        self._report(action, 100, evidence=self._attachment(self.leader))
        self._evaluate(action)
        action.stage_id = self.stage["closed"]

    # 1. Stored computed and read-only fields -------------------------------
    def test_computed_figures_refuse_writes(self):
        action = self.action.with_user(self.leader)
        for vals in ({"progress": 100}, {"effective": True}, {"reference": "AM-1"}):
            with self.assertRaisesRegex(UserError, "set by MIPG itself"):
                action.write(vals)
        for vals in ({"progress": 100}, {"action_count": 0}, {"name": "PM-X"}):
            with self.assertRaisesRegex(UserError, "set by MIPG itself"):
                self.plan.with_user(self.planner).write(vals)
        self.assertEqual(self.action.progress, 0)
        self.assertFalse(self.action.effective)
        # nor on create
        with self.assertRaisesRegex(UserError, "set by MIPG itself"):
            self.env["mipg.action"].with_user(self.leader).create(
                {
                    "name": "Acción cerrada de entrada",
                    "responsible_id": self.leader.id,
                    "opportunity_id": self.opportunity.id,
                    "progress": 100,
                    "effective": True,
                }
            )

    def test_related_company_of_followup_is_not_writable(self):
        followup = self._draft()
        other = self.env["res.company"].create({"name": "Otra alcaldía"})
        with self.assertRaisesRegex(UserError, "set by MIPG itself"):
            followup.with_user(self.leader).write({"company_id": other.id})
        self.assertEqual(self.action.company_id, self.env.company)

    # 2. Invariants after any write -----------------------------------------
    def test_stage_flag_cannot_close_open_actions(self):
        self.action.stage_id = self.stage["3.1"]
        with self.assertRaisesRegex(ValidationError, "cannot be closed yet"):
            self.stage["3.1"].write({"is_closed": True})
        self.assertFalse(self.stage["3.1"].is_closed)

    def test_closed_plan_keeps_its_actions(self):
        self.plan.with_user(self.mayor).action_approve()
        self.plan.with_user(self.planner).action_start()
        self._close_action(self.action)
        self.plan.with_user(self.planner).action_close()
        for vals in (
            {"stage_id": self.stage["3.1"].id},
            {"active": False},
            {"plan_id": self.other_plan.id},
        ):
            with self.assertRaisesRegex(UserError, "frozen"):
                self.action.with_user(self.planner).write(vals)
        # not even the superuser leaves an open action in a closed plan
        with self.assertRaisesRegex(ValidationError, "cannot stay open"):
            self.action.sudo().stage_id = self.stage["3.1"]

    def test_agreed_actions_are_not_deleted(self):
        """An action of an approved plan is cancelled with its reason, not
        deleted (nor archived); in a draft plan it is deleted."""
        extra = self._create_action(name="Acción sobrante")
        extra.with_user(self.planner).unlink()
        self.assertFalse(extra.exists())
        self.plan.with_user(self.mayor).action_approve()
        with self.assertRaisesRegex(UserError, "stays in the plan"):
            self.action.with_user(self.planner).unlink()
        self.assertTrue(self.action.exists())

    def test_approved_plan_keeps_an_action(self):
        self.plan.with_user(self.mayor).action_approve()
        # locked for its users (a change request), and not even the
        # superuser leaves an approved plan without actions
        with self.assertRaisesRegex(UserError, "locked"):
            self.action.with_user(self.planner).write({"active": False})
        with self.assertRaisesRegex(ValidationError, "no improvement action"):
            self.action.sudo().write({"active": False})
        with self.assertRaisesRegex(ValidationError, "no improvement action"):
            self.action.sudo().write({"plan_id": False})
        self.assertEqual(self.plan.action_ids, self.action)

    # 3. create as strict as write ------------------------------------------
    def test_create_refuses_review_fields(self):
        Followup = self.env["mipg.followup"].with_user(self.leader)
        for vals in (
            {"validated_by_id": self.planner.id},
            {"date_validated": self.today},
            {"state": "validated"},
        ):
            with self.assertRaisesRegex(UserError, "buttons"):
                Followup.create(dict(vals, action_id=self.action.id, progress=10))
        bulletin_vals = {"year": 2090, "edition": 1}
        for vals in (
            {"state": "published"},
            {"date_published": self.today},
            {"published_by_id": self.planner.id},
            {"pdf_sha256": "0" * 64},
        ):
            with self.assertRaises(UserError):
                self.env["mipg.bulletin"].with_user(self.planner).create(
                    dict(bulletin_vals, **vals)
                )

    def test_context_defaults_do_not_fill_protected_fields(self):
        followup = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .with_context(
                default_state="validated",
                default_validated_by_id=self.planner.id,
                default_author_id=self.planner.id,
            )
            .create({"action_id": self.action.id, "progress": 20})
        )
        self.assertEqual(followup.state, "draft")
        self.assertFalse(followup.validated_by_id)
        self.assertEqual(followup.author_id, self.leader)

    # 4. Frozen: the record, its files and its messages ---------------------
    def test_evidence_uploaded_before_saving_is_bound_to_the_report(self):
        """The web client uploads files of a new record with no record id:
        saved, the report owns them, and the second line can read them."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.leader)
            .create(
                {
                    "name": "acta.pdf",
                    "datas": base64.b64encode(b"%PDF acta"),
                    "res_model": "mipg.followup",
                    "res_id": 0,
                }
            )
        )
        followup = self._draft(evidence_ids=[(6, 0, upload.ids)])
        self.assertEqual(
            (upload.res_model, upload.res_id), ("mipg.followup", followup.id)
        )
        followup.action_submit()
        followup.with_user(self.planner).evidence_ids.read(["name", "datas"])
        followup.with_user(self.planner).action_validate()
        self.assertEqual(followup.state, "validated")

    def test_evidence_of_another_record_is_copied(self):
        attachment = self._attachment(self.leader)
        attachment.write({"res_model": "mipg.action", "res_id": self.action.id})
        followup = self._draft(evidence_ids=[(6, 0, attachment.ids)])
        self.assertNotIn(attachment, followup.evidence_ids)
        self.assertEqual(followup.evidence_ids.res_id, followup.id)
        self.assertEqual(followup.evidence_ids.raw, attachment.raw)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_nobody_links_a_file_they_cannot_read(self):
        secret = self._attachment(self.other_leader)
        secret.write({"res_model": "mipg.plan", "res_id": self.other_plan.id})
        with self.assertRaises(AccessError):
            self._draft(evidence_ids=[(6, 0, secret.ids)])

    def test_validated_report_freezes_files_and_messages(self):
        followup = self._report(self.action, 50, evidence=self._attachment(self.leader))
        evidence = followup.evidence_ids
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "frozen"):
                evidence.with_user(user).write({"raw": b"otra cosa"})
            with self.assertRaisesRegex(UserError, "frozen"):
                evidence.with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "frozen"):
                followup.with_user(user).message_post(
                    body="Otra evidencia", attachment_ids=self._attachment(user).ids
                )
            with self.assertRaisesRegex(UserError, "frozen"):
                self._file_on(followup, user)
        self.assertEqual(evidence.raw, b"acta firmada")

    def test_context_defaults_place_no_file(self):
        """``default_res_model`` and ``default_res_id`` name the record of a
        new file for every check: no file on a validated report through them,
        nor on a report that the user may not change."""
        followup = self._report(self.action, 50, evidence=self._attachment(self.leader))
        Attachment = self.env["ir.attachment"]
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "frozen"):
                Attachment.with_user(user).with_context(
                    default_res_model="mipg.followup", default_res_id=followup.id
                ).create({"name": "falsa.txt", "raw": b"x"})
        servant = new_user(self.env, "integrity_servant", "mipg.group_mipg_user")
        draft = self._draft()
        with self.assertRaises(AccessError):
            Attachment.with_user(servant).with_context(
                default_res_model="mipg.followup", default_res_id=draft.id
            ).create({"name": "falsa.txt", "raw": b"x"})
        self.assertFalse(Attachment.search([("name", "=", "falsa.txt")]))

    def test_submitted_report_locks_its_files(self):
        """Submitted, the evidence is what the second line validates: neither
        its author nor its reviewer adds, replaces or deletes a file of it;
        rejected, the author corrects it again."""
        followup = self._draft(
            progress=50, evidence_ids=[(6, 0, self._attachment(self.leader).ids)]
        )
        note = followup.message_post(body="Adjunto el acta", message_type="comment")
        followup.action_submit()
        evidence = followup.evidence_ids
        # the chatter's edit of a message (/mail/message/update_content)
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            followup._message_update_content(
                note,
                "Adjunto otra acta",
                attachment_ids=self._attachment(self.leader).ids,
            )
        followup._message_update_content(note, "Adjunto el acta firmada")
        self.assertFalse(note.attachment_ids)
        for user in (self.leader, self.planner):
            with self.assertRaisesRegex(UserError, "locked in its current state"):
                evidence.with_user(user).write({"raw": b"otra cosa"})
            with self.assertRaisesRegex(UserError, "locked in its current state"):
                evidence.with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "locked in its current state"):
                self._file_on(followup, user)
        self.assertEqual(evidence.raw, b"acta firmada")
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "mipg.followup"), ("res_id", "=", followup.id)]
            ),
            1,
        )
        reviewed = followup.with_user(self.planner)
        reviewed.comments = "Falta la firma"
        reviewed.action_reject()
        evidence.with_user(self.leader).write({"raw": b"acta con firma"})
        self.assertEqual(evidence.raw, b"acta con firma")

    def test_closed_action_keeps_its_evidence(self):
        """A closed action keeps the evidence it was closed with, on every
        path: the field, the file itself and the chatter."""
        action = self._create_action(name="Publicar el procedimiento")
        evidence = self._attachment(self.leader)
        action.with_user(self.leader).evidence_ids = [(6, 0, evidence.ids)]
        self._close_action(action)
        responsible = action.with_user(self.leader)
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            responsible.evidence_ids = [(5, 0, 0)]
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            evidence.with_user(self.leader).unlink()
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            evidence.with_user(self.leader).write({"raw": b"otra cosa"})
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            self._file_on(action, self.leader)
        with self.assertRaisesRegex(UserError, "locked in its current state"):
            responsible.message_post(
                body="Otro soporte", attachment_ids=self._attachment(self.leader).ids
            )
        self.assertEqual(action.evidence_ids, evidence)
        self.assertEqual(evidence.raw, b"acta firmada")
        responsible.message_post(body="Cerrada con el acta firmada")

    def test_messages_keep_author_date_and_record(self):
        message = self.action.with_user(self.leader).message_post(body="Avance")
        for vals in (
            {"author_id": self.planner.partner_id.id},
            {"date": "2020-01-01 00:00:00"},
            {"res_id": self.other_plan.id},
        ):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                message.with_user(self.leader).write(vals)
        followup = self._report(self.action, 40)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking messages
        tracking = self.env["mail.message"].search(
            [
                ("model", "in", ("mipg.followup", "mipg.action")),
                ("res_id", "in", (followup.id, self.action.id)),
                ("tracking_value_ids", "!=", False),
            ],
            limit=1,
        )
        self.assertTrue(tracking)
        with self.assertRaises(UserError):
            tracking.with_user(self.planner).unlink()
        note = followup.sudo().message_post(body="Nota del validador")
        with self.assertRaisesRegex(UserError, "frozen"):
            followup.with_user(self.planner)._message_update_content(note, "otra cosa")

    def test_finished_self_assessment_lines_are_frozen(self):
        policy = self.env.ref("mipg.mipg_policy_gestion_estrategica_talento_humano")
        assessment = self.env["mipg.self.assessment"].create(
            {"policy_id": policy.id, "year": 2090}
        )
        assessment.with_user(self.planner).action_start()
        line = assessment.line_ids[:1]
        line.with_user(self.planner).write({"score": 70})
        (assessment.line_ids - line).with_user(self.planner).write(
            {"not_applicable": True}
        )
        assessment.with_user(self.planner).action_done()
        with self.assertRaisesRegex(UserError, "is done"):
            line.with_user(self.planner).write({"observations": "otra"})
        with self.assertRaisesRegex(UserError, "is done"):
            self.env["mipg.self.assessment.line"].with_user(self.planner).create(
                {"assessment_id": assessment.id, "activity_id": line.activity_id.id}
            )
        with self.assertRaisesRegex(UserError, "set by MIPG itself"):
            assessment.with_user(self.planner).write({"score": 99})

    # 6. No leak across processes -------------------------------------------
    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_no_link_to_another_process_plan(self):
        with self.assertRaises(AccessError):
            self.action.with_user(self.leader).write({"plan_id": self.other_plan.id})
        with self.assertRaises(AccessError):
            self.env["mipg.action"].with_user(self.leader).create(
                {
                    "name": "Acción colada",
                    "responsible_id": self.leader.id,
                    "plan_id": self.other_plan.id,
                }
            )
        with self.assertRaises(AccessError):
            self.other_plan.with_user(self.leader).read(["title"])

    def test_errors_name_only_what_the_user_reads(self):
        hidden = self._create_action(
            name="Acción secreta de otro proceso",
            process_id=self.other_process.id,
            responsible_id=self.other_leader.id,
        )
        self.opportunity.action_ids = self.action | hidden
        with self.assertRaises(ValidationError) as error:
            self.env["mipg.lesson"].with_user(self.leader).create(
                {"opportunity_id": self.opportunity.id, "recommendation": "x"}
            )
        self.assertNotIn("secreta", str(error.exception))
        self.assertIn("1 more", str(error.exception))

    # 7. Company consistency ------------------------------------------------
    def test_records_of_one_company(self):
        other = self.env["res.company"].create({"name": "Alcaldía de Ipiales"})
        self.planner.company_ids = [(4, other.id)]
        foreign_process = self.env["mipg.process"].create(
            {"code": "X-1", "name": "Otro", "company_id": other.id}
        )
        with self.assertRaises(UserError):
            self.env["mipg.action"].create(
                {
                    "name": "Cruce de entidades",
                    "responsible_id": self.leader.id,
                    "plan_id": self.plan.id,
                    "process_id": foreign_process.id,
                }
            )
        action = self._create_action()
        self.assertEqual(action.company_id, self.plan.company_id)

    # 8. Separation of duties -----------------------------------------------
    def test_oci_own_verdict_is_marked(self):
        evaluation = self._evaluate(self.action)
        self.assertTrue(evaluation.own_verdict)
        second_oci = new_user(
            self.env, login="cycle_oci_2", groups="mipg.group_mipg_third_line"
        )
        other = (
            self.env["mipg.followup"]
            .with_user(self.oci)
            .create(
                {
                    "action_id": self.action.id,
                    "line": "third",
                    "progress": 100,
                    "effective": "effective",
                }
            )
        )
        other.with_user(second_oci).action_validate()
        self.assertFalse(other.own_verdict)

    def test_oci_never_responsible_through_archive(self):
        self.action.active = False
        with self.assertRaisesRegex(ValidationError, "Internal Control Office"):
            self.action.write({"responsible_id": self.oci.id, "active": True})

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_buttons_check_the_group(self):
        for user in (self.mayor, self.oci, self.leader):
            for method in ("action_start", "action_close", "action_cancel"):
                with self.assertRaises(AccessError):
                    getattr(self.plan.with_user(user), method)()
        bulletin = (
            self.env["mipg.bulletin"]
            .with_user(self.planner)
            .create({"year": 2090, "edition": 1})
        )
        for user in (self.mayor, self.oci):
            with self.assertRaises(AccessError):
                bulletin.with_user(user).action_update_lessons()

    # 9. Bad input ----------------------------------------------------------
    def test_numbers_are_finite(self):
        for value in (float("nan"), float("inf"), float("-inf")):
            with self.assertRaisesRegex(ValidationError, "finite number"):
                self._draft(progress=value)
            with self.assertRaisesRegex(ValidationError, "finite number"):
                self.action.with_user(self.leader).write({"target_quantity": value})

    def test_texts_have_a_limit(self):
        with self.assertRaisesRegex(ValidationError, "too long.*20000"):
            self._draft(description="x" * 5_000_000)
        with self.assertRaisesRegex(ValidationError, "too long.*1000"):
            self.action.with_user(self.leader).write({"name": "x" * 1001})

    def test_cut_off_date_not_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "future"):
            self._draft(date=self.today + timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "future"):
            self._draft(date="2099-01-01")
