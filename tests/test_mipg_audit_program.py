# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase, new_user
from .test_mipg_risk import AMOUNT, FREQUENCY, HEAT_MAP, MipgRiskCase


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


@tagged("post_install", "-at_install")
class TestMipgAuditProgramRisk(MipgCommitteeCase, MipgRiskCase):
    """The programme is prioritised by the residual risk of the processes
    in scope: a stored rank and zone that follow the risk maps, sortable
    and groupable, also on an approved programme, which they do not
    reopen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quiet = cls.env["mipg.process"].create(
            {
                "code": "TH-T1",
                "name": "Talento Humano (prueba)",
                "leader_id": cls.leader.id,
            }
        )

    def _rated(self, probability, impact, **values):
        risk = self._risk(
            user=self.leader,
            activity_frequency=FREQUENCY[probability],
            economic_amount=AMOUNT[impact],
            **values,
        )
        # the guide's heat map, not the code under test, says the zone
        self.assertEqual(risk.residual_zone, HEAT_MAP[probability][impact - 1])
        return risk

    def _line_of(self, program):
        return program.line_ids.filtered("process_ids")

    def test_rank_follows_the_risks_of_the_scope(self):
        program = self._program()
        line = self._line_of(program)
        self.assertEqual((line.risk_priority, line.risk_zone), (0, False))
        moderate = self._rated(3, 1)
        self.assertEqual((line.risk_priority, line.risk_zone), (2, "moderate"))
        # a riskier risk added to a process in scope raises it
        extreme = self._rated(1, 5)
        self.assertEqual((line.risk_priority, line.risk_zone), (4, "extreme"))
        # its residual zone changing lowers it again
        extreme.with_user(self.leader).write({"economic_amount": AMOUNT[4]})
        self.assertEqual(extreme.residual_zone, "high")
        self.assertEqual((line.risk_priority, line.risk_zone), (3, "high"))
        # archived, it no longer counts; restored, it counts again
        extreme.with_user(self.leader).action_archive()
        self.assertEqual((line.risk_priority, line.risk_zone), (2, "moderate"))
        extreme.with_user(self.leader).action_unarchive()
        self.assertEqual(line.risk_priority, 3)
        # moved to a process out of scope, it no longer counts
        moderate.with_user(self.planner).write({"process_id": self.quiet.id})
        self.assertEqual(line.risk_priority, 3)
        extreme.with_user(self.planner).write({"process_id": self.quiet.id})
        self.assertEqual((line.risk_priority, line.risk_zone), (0, False))
        # the scope changing: the highest of the processes now in scope
        line.with_user(self.oci).write(
            {"process_ids": [(6, 0, (self.process | self.quiet).ids)]}
        )
        self.assertEqual((line.risk_priority, line.risk_zone), (3, "high"))
        line.with_user(self.oci).write({"process_ids": [(6, 0, self.process.ids)]})
        self.assertEqual((line.risk_priority, line.risk_zone), (0, False))

    def test_lines_sorted_and_grouped_by_risk(self):
        self._rated(1, 5)
        program = self._program()
        Line = self.env["mipg.audit.program.line"].with_user(self.oci)
        low = Line.create(
            {
                "program_id": program.id,
                "name": "Auditoría a Talento Humano",
                "role": "evaluacion_seguimiento",
                "process_ids": [(6, 0, self.quiet.ids)],
            }
        )
        self._rated(1, 1, process_id=self.quiet.id)
        self.assertEqual((low.risk_priority, low.risk_zone), (1, "low"))
        # the programme lists the riskiest first, whatever the sequence
        lines = Line.search([("program_id", "=", program.id)])
        self.assertEqual(
            lines.mapped("risk_priority"),
            sorted(lines.mapped("risk_priority"), reverse=True),
        )
        self.assertEqual(lines[0], self._line_of(program) - low)
        self.assertEqual(program.with_user(self.oci).line_ids[0], lines[0])
        self.assertEqual(lines[-1].risk_priority, 0)
        # the list sorts and groups by it (stored, in the database)
        groups = Line.read_group(
            [("program_id", "=", program.id)],
            ["risk_priority:max"],
            ["risk_zone"],
            orderby="risk_zone",
        )
        by_zone = {g["risk_zone"]: g["risk_zone_count"] for g in groups}
        self.assertEqual(by_zone, {"extreme": 1, "low": 1, False: 1})
        high_first = Line.search(
            [("program_id", "=", program.id)], order="risk_priority asc"
        )
        self.assertEqual(high_first[0].risk_priority, 0)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_audit_program_line_action"
        )
        self.assertEqual(action["res_model"], "mipg.audit.program.line")

    def test_approved_programme_follows_without_reopening(self):
        """The rank is information for the OCI, not a decision of the
        committee: a risk changing after the approval updates the rank of the
        approved programme's line, without error, without a new version, and
        nobody can set it by hand."""
        risk = self._rated(3, 1)
        program = self._program()
        line = self._line_of(program)
        self._approve(program, self._session())
        self.assertEqual(program.state, "approved")
        Log = self.env["mipg.audit.log"]
        logged = Log.search_count(
            [("model", "=", line._name), ("res_id", "=", line.id)]
        )
        risk.with_user(self.leader).write({"economic_amount": AMOUNT[5]})
        self.assertEqual(risk.residual_zone, "extreme")
        # written to the database, frozen line and all, and read back
        self.env.flush_all()
        line.invalidate_recordset()
        self.assertEqual((line.risk_priority, line.risk_zone), (4, "extreme"))
        self.assertEqual(program.state, "approved")
        self.assertEqual(program.version, 1)
        self.assertEqual(
            self.env["mipg.audit.program"].search_count(
                [("previous_id", "=", program.id)]
            ),
            0,
        )
        # not a change of the programme: nothing logged as a user's write
        self.assertEqual(
            Log.search_count([("model", "=", line._name), ("res_id", "=", line.id)]),
            logged,
        )
        # a public servant reads it on the approved programme; nobody writes it
        servant = new_user(
            self.env, login="prog_servant", groups="mipg.group_mipg_user"
        )
        self.assertEqual(line.with_user(servant).risk_priority, 4)
        # the OCI may write lines (of drafts), the others no line at all
        for user, error in (
            (self.oci, UserError),
            (self.mayor, AccessError),
            (servant, AccessError),
        ):
            with self.subTest(user=user.login), self.assertRaises(error):
                line.with_user(user).write({"risk_priority": 1})
        self.assertEqual(line.risk_priority, 4)
        # nor on a draft, nor on create, nor through a context default
        draft = self._program(year=2091)
        defaulted = (
            self.env["mipg.audit.program.line"]
            .with_user(self.oci)
            .with_context(default_risk_priority=4, default_risk_zone="extreme")
            .create(
                {
                    "program_id": draft.id,
                    "name": "Sin procesos",
                    "role": "evaluacion_seguimiento",
                }
            )
        )
        self.assertEqual((defaulted.risk_priority, defaulted.risk_zone), (0, False))
        with self.assertRaisesRegex(UserError, "cannot be written by hand"):
            self._line_of(draft).with_user(self.oci).write({"risk_zone": "low"})
        with self.assertRaisesRegex(UserError, "cannot be written by hand"):
            self.env["mipg.audit.program.line"].with_user(self.oci).create(
                {
                    "program_id": draft.id,
                    "name": "Con riesgo inventado",
                    "role": "evaluacion_seguimiento",
                    "risk_priority": 1,
                }
            )
        # the line itself stays frozen for the users
        with self.assertRaisesRegex(UserError, "frozen|approved"):
            line.with_user(self.oci).write({"name": "Otra"})
