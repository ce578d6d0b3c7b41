# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase


class MipgCommitteeCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cicci = cls.env.ref("mipg.mipg_committee_cicci")
        cls.cicci.write(
            {
                "president_id": cls.mayor.id,
                "secretary_id": cls.oci.id,
                "member_ids": [(6, 0, (cls.mayor | cls.planner).ids)],
                "quorum": 2,
            }
        )

    def _session(self, name="T-01", user=None):
        return (
            self.env["mipg.committee.session"]
            .with_user(user or self.mayor)
            .create(
                {
                    "committee_id": self.cicci.id,
                    "name": name,
                    "agenda": "1. Aprobación del programa anual de auditoría.",
                    "attendee_ids": [(6, 0, (self.mayor | self.planner).ids)],
                }
            )
        )

    def _program(self, year=2090):
        return (
            self.env["mipg.audit.program"]
            .with_user(self.oci)
            .create(
                {
                    "year": year,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Auditoría a Gestión Financiera",
                                "role": "evaluacion_seguimiento",
                                "process_ids": [(6, 0, self.process.ids)],
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "name": "Informe semestral del SCI",
                                "role": "liderazgo_estrategico",
                                "work_type": "informe_ley",
                            },
                        ),
                    ],
                }
            )
        )

    def _approve(self, program, session):
        program.with_user(self.oci).action_submit()
        program.with_user(self.mayor).write({"session_id": session.id})
        program.with_user(self.mayor).action_approve()


@tagged("post_install", "-at_install")
class TestMipgAuditProgram(MipgCommitteeCase):
    def test_approval_in_a_cicci_session(self):
        program = self._program()
        session = self._session()
        with self.assertRaisesRegex(AccessError, "strategic line"):
            program.with_user(self.oci).action_approve()
        program.with_user(self.oci).action_submit()
        # submitted, its content waits as it is
        with self.assertRaisesRegex(UserError, "locked|approved"):
            program.with_user(self.oci).write({"objective": "Otro"})
        with self.assertRaisesRegex(UserError, "session"):
            program.with_user(self.mayor).action_approve()
        program.with_user(self.mayor).write({"session_id": session.id})
        program.with_user(self.mayor).action_approve()
        self.assertEqual(program.state, "approved")
        self.assertEqual(program.approved_by_id, self.mayor)
        decision = session.decision_ids
        self.assertEqual(len(decision), 1)
        self.assertEqual(decision.approved_ref, program)
        with self.assertRaisesRegex(UserError, "frozen"):
            program.line_ids[0].with_user(self.oci).write({"name": "Otra"})

    def test_changes_go_through_a_new_approval(self):
        program = self._program()
        self._approve(program, self._session())
        audit = (
            self.env["mipg.audit"]
            .with_user(self.oci)
            .create(
                {
                    "title": "Auditoría a Gestión Financiera",
                    "objective": "Verificar el cierre.",
                    "program_line_id": program.line_ids[0].id,
                    "process_ids": [(6, 0, self.process.ids)],
                    "leader_id": self.oci.id,
                }
            )
        )
        action = program.with_user(self.oci).action_change()
        new = self.env["mipg.audit.program"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(new.previous_id, program)
        self.assertEqual(new.state, "draft")
        self.assertEqual(len(new.line_ids), 2)
        new.with_user(self.oci).write(
            {
                "line_ids": [
                    (0, 0, {"name": "Auditoría especial", "role": "enfoque_prevencion"})
                ]
            }
        )
        with self.assertRaisesRegex(UserError, "reason"):
            new.with_user(self.oci).action_submit()
        new.with_user(self.oci).change_reason = "Denuncia ciudadana."
        self.assertEqual(program.state, "approved", "The approved one still rules.")
        self._approve(new, self._session("T-02"))
        self.assertEqual(new.state, "approved")
        self.assertEqual(program.state, "superseded")
        self.assertEqual(len(program.line_ids), 2, "The history is kept.")
        self.assertEqual(audit.program_line_id.program_id, new)

    def test_one_programme_in_preparation_a_year(self):
        self._program()
        with self.assertRaisesRegex(ValidationError, "preparation"):
            self._program()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_rights(self):
        for user in (self.leader, self.planner, self.mayor):
            with self.assertRaises(AccessError):
                self.env["mipg.audit.program"].with_user(user).create({"year": 2091})
        program = self._program()
        # drafts are the OCI's; approved, everybody reads them
        mine = [("id", "=", program.id)]
        for user in (self.leader, self.planner):
            self.assertFalse(
                self.env["mipg.audit.program"].with_user(user).search(mine)
            )
        with self.assertRaises(AccessError):
            program.with_user(self.planner).action_submit()
        self._approve(program, self._session())
        for user in (self.leader, self.planner):
            self.assertEqual(
                self.env["mipg.audit.program"].with_user(user).search(mine), program
            )

    def test_audit_only_of_an_approved_programme(self):
        program = self._program()
        with self.assertRaisesRegex(ValidationError, "not approved"):
            self.env["mipg.audit"].with_user(self.oci).create(
                {
                    "title": "T",
                    "objective": "O",
                    "program_line_id": program.line_ids[0].id,
                    "leader_id": self.oci.id,
                }
            )
