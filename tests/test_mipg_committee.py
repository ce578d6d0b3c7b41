# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_mipg_audit_program import MipgCommitteeCase


@tagged("post_install", "-at_install")
class TestMipgCommittee(MipgCommitteeCase):
    def test_plan_approval_recorded_in_the_session(self):
        session = self._session()
        self._create_action()
        self.plan.with_user(self.mayor).write({"session_id": session.id})
        self.plan.with_user(self.mayor).action_approve()
        self.assertEqual(session.decision_ids.approved_ref, self.plan)
        # without a session the approval stays as it was
        self.assertEqual(self.plan.state, "approved")

    def test_risk_policy_approval_recorded_in_the_session(self):
        methodology = self.env.ref("mipg.mipg_risk_methodology_v6")
        action = methodology.with_user(self.planner).action_new_version()
        draft = self.env["mipg.risk.methodology"].browse(action["res_id"])
        draft.date_approval = fields.Date.today()
        session = self._session()
        draft.with_user(self.mayor).write({"session_id": session.id})
        draft.with_user(self.mayor).action_approve()
        self.assertEqual(draft.state, "approved")
        self.assertEqual(session.decision_ids.approved_ref, draft)

    def test_minutes_closed_frozen_and_hashed(self):
        session = self._session()
        self.env["mipg.committee.commitment"].with_user(self.mayor).create(
            {"session_id": session.id, "name": "Presentar el informe semestral."}
        )
        session.with_user(self.mayor).action_close()
        self.assertEqual(session.state, "closed")
        self.assertTrue(session.attachment_id.raw)
        self.assertEqual(len(session.pdf_sha256), 64)
        with self.assertRaisesRegex(UserError, "closed"):
            session.with_user(self.mayor).write({"notes": "Cambio"})
        with self.assertRaisesRegex(UserError, "closed"):
            self.env["mipg.committee.decision"].with_user(self.mayor).create(
                {"session_id": session.id, "name": "Tardía"}
            )
        with self.assertRaisesRegex(UserError, "closed"):
            session.attachment_id.with_user(self.mayor).unlink()
        # its commitments stay as signed: none added, deleted or moved in
        Commitment = self.env["mipg.committee.commitment"].with_user(self.mayor)
        with self.assertRaisesRegex(UserError, "closed"):
            Commitment.create({"session_id": session.id, "name": "Tardío"})
        with self.assertRaisesRegex(UserError, "frozen"):
            session.commitment_ids.with_user(self.mayor).unlink()
        second = self._session("T-02")
        decision = (
            self.env["mipg.committee.decision"]
            .with_user(self.mayor)
            .create({"session_id": second.id, "name": "De la segunda sesión"})
        )
        commitment = Commitment.create({"session_id": second.id, "name": "Otro"})
        for record in (decision, commitment):
            with self.assertRaisesRegex(UserError, "closed"):
                record.write({"session_id": session.id})
        with self.assertRaisesRegex(UserError, "closed"):
            second.with_user(self.mayor).write(
                {"decision_ids": [(1, decision.id, {"session_id": session.id})]}
            )
        self.assertFalse(session.decision_ids)
        self.assertEqual(len(session.commitment_ids), 1)
        # a decision is recorded only in a session in preparation
        self._create_action()
        self.plan.with_user(self.mayor).write({"session_id": session.id})
        with self.assertRaisesRegex(UserError, "closed"):
            self.plan.with_user(self.mayor).action_approve()

    def test_commitments_followed_up_in_the_next_session(self):
        first = self._session()
        commitment = (
            self.env["mipg.committee.commitment"]
            .with_user(self.mayor)
            .create(
                {"session_id": first.id, "name": "Actualizar la política de riesgos."}
            )
        )
        first.with_user(self.mayor).action_close()
        with self.assertRaisesRegex(UserError, "next session"):
            commitment.with_user(self.mayor).action_done()
        second = self._session("T-02")
        self.assertIn(commitment, second.pending_commitment_ids)
        commitment.with_user(self.mayor).action_done()
        self.assertEqual(commitment.state, "done")
        self.assertEqual(commitment.followup_session_id, second)
        second.invalidate_recordset()
        self.assertNotIn(commitment, second.pending_commitment_ids)

    def test_quorum(self):
        session = self._session()
        session.attendee_ids = self.mayor
        self.assertFalse(session.quorum_reached)
        with self.assertRaisesRegex(UserError, "quorum"):
            session.with_user(self.mayor).action_close()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_who_manages_sessions(self):
        # the secretary (the OCI here) and the strategic line manage them
        session = self._session(user=self.oci)
        session.with_user(self.oci).write({"notes": "Desarrollo"})
        for user in (self.leader, self.planner):
            with self.assertRaises(AccessError):
                self._session("T-03", user=user)
            with self.assertRaises(AccessError):
                session.with_user(user).write({"notes": "Otro"})
            self.assertFalse(
                self.env["mipg.committee.session"]
                .with_user(user)
                .search([("id", "=", session.id)])
            )
        session.with_user(self.oci).action_close()
        self.assertEqual(
            self.env["mipg.committee.session"]
            .with_user(self.leader)
            .search([("id", "=", session.id)]),
            session,
        )
