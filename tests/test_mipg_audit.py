# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.mipg_tools import add_business_days, company_leave_days
from .common import MipgCycleCase, new_user, new_users


class MipgAuditCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oci2, cls.servant = new_users(
            cls.env,
            {
                "audit_oci2": "mipg.group_mipg_third_line",
                "audit_servant": "mipg.group_mipg_user",
            },
        )
        cls.other_process = cls.env["mipg.process"].create(
            {
                "code": "GJ-T1",
                "name": "Gestión Jurídica (prueba)",
                "leader_id": cls.other_leader.id,
            }
        )

    def _audit(self, **values):
        vals = {
            "title": "Auditoría a cuentas por pagar",
            "objective": "Verificar el soporte de las cuentas por pagar.",
            "process_ids": [(6, 0, self.process.ids)],
            "leader_id": self.oci.id,
            "team_ids": [(6, 0, self.oci2.ids)],
            "checklist_ids": [
                (0, 0, {"name": "¿Las cuentas tienen soporte?"}),
                (0, 0, {"name": "¿Se concilian mensualmente?"}),
            ],
        }
        vals.update(values)
        return self.env["mipg.audit"].with_user(self.oci).create(vals)

    def _to_preliminary(self, audit):
        audit.action_start_fieldwork()
        audit.checklist_ids[0].result = "non_compliant"
        audit.checklist_ids[1].result = "compliant"
        self.env["mipg.audit.finding"].with_user(self.oci).create(
            {
                "audit_id": audit.id,
                "name": "Cuentas por pagar sin soporte",
                "finding_type": "hallazgo",
                "process_id": self.process.id,
                "condition": "Doce cuentas sin soporte.",
                "criterion": "Procedimiento de cierre contable.",
                "cause": "El procedimiento no exige el soporte.",
                "effect": "Sobrestimación del pasivo.",
            }
        )
        self.env["mipg.audit.finding"].with_user(self.oci).create(
            {
                "audit_id": audit.id,
                "name": "Conciliación oportuna",
                "finding_type": "fortaleza",
                "process_id": self.process.id,
                "condition": "Las conciliaciones están al día.",
            }
        )
        audit.action_issue_preliminary()

    def _reply(self, audit, user=None, text="Aceptamos el hallazgo."):
        wizard = (
            self.env["mipg.audit.reply.wizard"]
            .with_user(user or self.leader)
            .create({"audit_id": audit.id, "reply": text})
        )
        return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestMipgAudit(MipgAuditCase):
    def test_audit_from_opening_to_final_report(self):
        audit = self._audit()
        self.assertTrue(audit.name.startswith("AI-"))
        self.assertEqual(audit.state, "planning")
        self._to_preliminary(audit)
        self.assertEqual(audit.state, "preliminary")
        self.assertEqual(audit.date_preliminary, self.today)
        self.assertGreaterEqual(audit.date_reply_deadline, self.today)
        # the leader of the audited process is asked for the reply
        reply_type = self.env.ref("mipg.mipg_activity_type_audit_reply")
        self.assertEqual(
            audit.activity_ids.filtered(
                lambda a: a.activity_type_id == reply_type
            ).user_id,
            self.leader,
        )
        preliminary = audit.report_ids
        self.assertEqual(preliminary.kind, "preliminary")
        self.assertTrue(preliminary.attachment_id.raw)
        self.assertEqual(
            preliminary.pdf_sha256,
            hashlib.sha256(preliminary.attachment_id.raw).hexdigest(),
        )
        # the final report waits for the reply or the deadline
        with self.assertRaisesRegex(UserError, "reply"):
            audit.action_issue_final()
        self._reply(audit)
        self.assertEqual(audit.reply, "Aceptamos el hallazgo.")
        self.assertEqual(audit.replied_by_id, self.leader)
        self.assertFalse(
            audit.activity_ids.filtered(lambda a: a.activity_type_id == reply_type)
        )
        with self.assertRaisesRegex(UserError, "already replied"):
            self._reply(audit)
        audit.action_issue_final()
        self.assertEqual(audit.state, "final")
        self.assertEqual(audit.date_final, self.today)
        final = audit.report_ids.filtered(lambda r: r.kind == "final")
        self.assertEqual(len(audit.report_ids), 2)
        self.assertEqual(
            final.pdf_sha256, hashlib.sha256(final.attachment_id.raw).hexdigest()
        )
        self.assertNotEqual(final.pdf_sha256, preliminary.pdf_sha256)
        self.assertEqual(final.action_download()["type"], "ir.actions.act_url")

    def test_finding_becomes_an_opportunity(self):
        audit = self._audit()
        self._to_preliminary(audit)
        # past the deadline without reply, the final report is issued
        audit.sudo().write(
            {
                "date_preliminary": self.today - timedelta(days=20),
                "date_reply_deadline": self.today - timedelta(days=1),
            }
        )
        audit.with_user(self.oci).action_issue_final()
        finding, strength = audit.finding_ids.sorted("id")
        opportunity = finding.opportunity_ids
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.source, "auditoria_interna_gestion")
        self.assertEqual(opportunity.finding_type, "hallazgo")
        self.assertEqual(opportunity.description, finding.condition)
        self.assertEqual(opportunity.root_cause, finding.cause)
        self.assertEqual(opportunity.effect, finding.effect)
        self.assertEqual(opportunity.process_id, self.process)
        self.assertEqual(opportunity.responsible_id, self.leader)
        self.assertEqual(opportunity.source_reference, audit.name)
        self.assertEqual(opportunity.stage_id, self.stage["1"])
        self.assertFalse(strength.opportunity_ids, "A strength is no opportunity.")
        # the process leader sees it on the Plan board
        self.assertIn(
            opportunity,
            self.env["mipg.opportunity"].with_user(self.leader).search([]),
        )

    def test_issued_reports_are_immutable(self):
        audit = self._audit()
        self._to_preliminary(audit)
        report = audit.report_ids.with_user(self.oci)
        with self.assertRaises(AccessError):
            report.write({"name": "Otro"})
        with self.assertRaises(AccessError):
            report.unlink()
        with self.assertRaisesRegex(UserError, "issued"):
            report.attachment_id.with_user(self.oci).write({"raw": b"forged"})
        with self.assertRaisesRegex(UserError, "issued"):
            report.attachment_id.with_user(self.oci).unlink()
        self._reply(audit)
        audit.action_issue_final()
        audit = audit.with_user(self.oci)
        with self.assertRaisesRegex(UserError, "final report"):
            audit.write({"conclusions": "Cambiadas"})
        with self.assertRaisesRegex(UserError, "frozen"):
            audit.finding_ids[0].write({"condition": "Cambiada"})
        with self.assertRaisesRegex(UserError, "frozen"):
            audit.checklist_ids[0].write({"result": "compliant"})
        with self.assertRaisesRegex(UserError, "final report"):
            self.env["mipg.audit.finding"].with_user(self.oci).create(
                {
                    "audit_id": audit.id,
                    "name": "Tardío",
                    "process_id": self.process.id,
                    "condition": "Agregado después.",
                }
            )
        # nor moved into it from an open audit
        other = self._audit(title="Auditoría a tesorería")
        other.action_start_fieldwork()
        late = (
            self.env["mipg.audit.finding"]
            .with_user(self.oci)
            .create(
                {
                    "audit_id": other.id,
                    "name": "Tardío",
                    "process_id": self.process.id,
                    "condition": "Movido después.",
                }
            )
        )
        for record in (late, other.checklist_ids[0]):
            with self.assertRaisesRegex(UserError, "final report"):
                record.with_user(self.oci).write({"audit_id": audit.id})
        self.assertEqual(len(audit.finding_ids), 2)
        self.assertEqual(len(audit.checklist_ids), 2)
        # a tampered file is refused at download
        final = audit.report_ids.filtered(lambda r: r.kind == "final")
        # (by the superuser itself: no user, not even under sudo(), changes
        # the file of an issued report)
        self.env["ir.attachment"].browse(final.attachment_id.id).raw = b"forged"
        with self.assertRaisesRegex(UserError, "fingerprint"):
            final.action_download()

    def test_preliminary_needs_checklist_results(self):
        audit = self._audit()
        audit.action_start_fieldwork()
        with self.assertRaisesRegex(UserError, "checklist"):
            audit.action_issue_preliminary()
        with self.assertRaisesRegex(UserError, "from"):
            audit.action_start_fieldwork()

    def test_team_of_oci_members_only(self):
        with self.assertRaisesRegex(ValidationError, "Internal Control Office"):
            self._audit(team_ids=[(6, 0, (self.oci2 | self.planner).ids)])
        audit = self._audit()
        with self.assertRaisesRegex(ValidationError, "Internal Control Office"):
            audit.write({"leader_id": self.leader.id})

    def test_finding_on_an_audited_process(self):
        audit = self._audit()
        with self.assertRaisesRegex(ValidationError, "does not cover"):
            self.env["mipg.audit.finding"].with_user(self.oci).create(
                {
                    "audit_id": audit.id,
                    "name": "Fuera de alcance",
                    "process_id": self.other_process.id,
                    "condition": "Otro proceso.",
                }
            )

    def test_dates_in_order(self):
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._audit(
                    date_opening=self.today,
                    date_fieldwork_start=self.today - timedelta(days=1),
                )

    def test_state_only_through_buttons(self):
        with self.assertRaisesRegex(UserError, "buttons"):
            self._audit(state="final")
        audit = self._audit()
        with self.assertRaisesRegex(UserError, "buttons"):
            audit.write({"state": "final"})
        with self.assertRaisesRegex(UserError, "buttons"):
            audit.write({"reply": "Falsa respuesta"})
        audit = (
            self.env["mipg.audit"]
            .with_user(self.oci)
            .with_context(default_state="final")
            .create({"title": "T", "objective": "O", "leader_id": self.oci.id})
        )
        self.assertEqual(audit.state, "planning")


@tagged("post_install", "-at_install")
class TestMipgAuditRights(MipgAuditCase):
    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_only_the_oci_plans_and_executes(self):
        for user in (self.leader, self.planner, self.mayor, self.servant):
            with self.assertRaises(AccessError):
                self.env["mipg.audit"].with_user(user).create(
                    {"title": "T", "objective": "O", "leader_id": self.oci.id}
                )
        audit = self._audit()
        for user in (self.leader, self.planner, self.mayor):
            with self.assertRaises(AccessError):
                audit.with_user(user).action_start_fieldwork()
            with self.assertRaises(AccessError):
                audit.with_user(user).write({"objective": "Otro"})
            with self.assertRaises(AccessError):
                self.env["mipg.audit.finding"].with_user(user).create(
                    {
                        "audit_id": audit.id,
                        "name": "X",
                        "process_id": self.process.id,
                        "condition": "X",
                    }
                )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_who_reads_the_audit(self):
        audit = self._audit()
        # the audited leader reads it, another leader and a servant do not
        # until the final report is issued
        mine = [("id", "=", audit.id)]
        Audit = self.env["mipg.audit"]
        self.assertEqual(Audit.with_user(self.leader).search(mine), audit)
        self.assertFalse(Audit.with_user(self.other_leader).search(mine))
        self.assertFalse(Audit.with_user(self.servant).search(mine))
        self.assertEqual(Audit.with_user(self.mayor).search(mine), audit)
        self._to_preliminary(audit)
        reports = [("audit_id", "=", audit.id)]
        self.assertFalse(
            self.env["mipg.audit.report"].with_user(self.servant).search(reports)
        )
        self._reply(audit)
        audit.action_issue_final()
        self.assertEqual(Audit.with_user(self.servant).search(mine), audit)
        self.assertEqual(
            len(self.env["mipg.audit.report"].with_user(self.servant).search(reports)),
            2,
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_only_the_audited_leader_replies(self):
        audit = self._audit()
        with self.assertRaisesRegex(UserError, "preliminary"):
            self._reply(audit)
        self._to_preliminary(audit)
        with self.assertRaises(AccessError):
            self._reply(audit, user=self.other_leader)
        director = new_user(
            self.env,
            login="audit_director",
            groups="mipg.group_mipg_first_line,mipg.group_mipg_strategic_line",
        )
        with self.assertRaisesRegex(UserError, "leader"):
            self._reply(audit, user=director)
        self.assertFalse(audit.reply)
        self._reply(audit)
        self.assertTrue(audit.reply)


@tagged("post_install", "-at_install")
class TestMipgAuditBusinessDays(MipgAuditCase):
    """The audited unit's reply deadline counts business days (días
    hábiles), as Colombian law does: Saturdays and Sundays are skipped, and
    the holidays of the company's working calendar when there is one."""

    # a week of December 2026: Monday 7 ... Sunday 13
    MONDAY = date(2026, 12, 7)

    def _skip_if_holidays(self):
        """These cases count weekends only: skipped where the company's
        working calendar holds holidays in December 2026."""
        if company_leave_days(
            self.env, self.env.company, date(2026, 11, 30), date(2027, 1, 10)
        ):
            self.skipTest("the company's working calendar has holidays here")

    def test_week_boundaries(self):
        monday = self.MONDAY
        friday, saturday, sunday = (monday + timedelta(days=n) for n in (4, 5, 6))
        next_monday = monday + timedelta(days=7)
        for start, days, expected in (
            (monday, 0, monday),
            (monday, 1, monday + timedelta(days=1)),
            (monday, 4, friday),
            (monday, 5, next_monday),
            (friday, 1, next_monday),
            (saturday, 1, next_monday),
            (sunday, 1, next_monday),
            (saturday, 5, next_monday + timedelta(days=4)),
            (friday, 10, friday + timedelta(days=14)),
            (monday - timedelta(days=3), 1, monday),  # Friday 4 to Monday 7
        ):
            with self.subTest(start=start, days=days):
                self._skip_if_holidays()
                result = add_business_days(self.env, start, days)
                self.assertEqual(result, expected)
                self.assertLess(result.weekday(), 5)

    def test_company_calendar_holidays(self):
        if "resource.calendar.leaves" not in self.env:
            self.skipTest("working calendars (resource) are not installed")
        calendar = self.env.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Día de la Inmaculada Concepción",
                "calendar_id": calendar.id,
                "date_from": "2026-12-08 05:00:00",
                "date_to": "2026-12-09 04:59:59",
            }
        )
        calendar.tz = "America/Bogota"
        self.assertEqual(add_business_days(self.env, self.MONDAY, 1), date(2026, 12, 9))

    def test_preliminary_report_sets_ten_business_days(self):
        for today, expected in (
            (date(2026, 12, 4), date(2026, 12, 18)),  # a Friday: two weeks
            (date(2026, 12, 5), date(2026, 12, 18)),  # a Saturday: the same
            (date(2026, 12, 7), date(2026, 12, 21)),  # a Monday: the Monday after
        ):
            with self.subTest(today=today), freeze_time(today):
                self._skip_if_holidays()
                audit = self._audit()
                self._to_preliminary(audit)
                self.assertEqual(audit.date_preliminary, today)
                self.assertEqual(audit.date_reply_deadline, expected)
                weekdays = sum(
                    1
                    for n in range(1, (expected - today).days + 1)
                    if (today + timedelta(days=n)).weekday() < 5
                )
                self.assertEqual(weekdays, 10)
