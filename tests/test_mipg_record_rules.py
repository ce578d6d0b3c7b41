# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scoping of the record rules: what each line of defense sees and may
change, process by process and company by company."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgTransactionCase, new_user, new_users


@tagged("post_install", "-at_install")
class TestMipgRecordRules(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        first = "mipg.group_mipg_first_line"
        (
            cls.hacienda,
            cls.salud,
            cls.member,
            cls.planeacion,
            cls.oci,
            cls.alcalde,
            cls.servidor,
        ) = new_users(
            cls.env,
            {
                "rr_hacienda": first,
                "rr_salud": first,
                "rr_member": first,
                "rr_planeacion": "mipg.group_mipg_second_line",
                "rr_oci": "mipg.group_mipg_third_line",
                "rr_alcalde": "mipg.group_mipg_strategic_line",
                "rr_servidor": "mipg.group_mipg_user",
            },
        )
        Process = cls.env["mipg.process"]
        cls.gf = Process.create(
            {
                "code": "RR-GF",
                "name": "Gestión Financiera",
                "leader_id": cls.hacienda.id,
                "member_ids": [(4, cls.member.id), (4, cls.servidor.id)],
            }
        )
        cls.sa = Process.create(
            {"code": "RR-SA", "name": "Salud Pública", "leader_id": cls.salud.id}
        )
        cls.records = {process: cls._cycle(process) for process in (cls.gf, cls.sa)}

    @classmethod
    def _cycle(cls, process):
        """A plan, an opportunity, an action and a first-line follow-up of
        the process, led by its leader."""
        plan = cls.env["mipg.plan"].create(
            {
                "title": f"Plan {process.code}",
                "source": "furag",
                "process_id": process.id,
            }
        )
        opportunity = cls.env["mipg.opportunity"].create(
            {
                "title": f"Finding {process.code}",
                "source": "furag",
                "description": "Low score in the FURAG.",
                "process_id": process.id,
                "plan_id": plan.id,
            }
        )
        action = cls.env["mipg.action"].create(
            {
                "name": f"Action {process.code}",
                "responsible_id": process.leader_id.id,
                "process_id": process.id,
                "plan_id": plan.id,
                "opportunity_id": opportunity.id,
            }
        )
        followup = cls.env["mipg.followup"].create(
            {"action_id": action.id, "line": "first", "progress": 20}
        )
        return {
            "mipg.plan": plan,
            "mipg.opportunity": opportunity,
            "mipg.action": action,
            "mipg.followup": followup,
        }

    def _search(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    # First line ---------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_first_line_sees_only_its_processes(self):
        for user, own, other in (
            (self.hacienda, self.gf, self.sa),
            (self.salud, self.sa, self.gf),
        ):
            for model in (
                "mipg.plan",
                "mipg.opportunity",
                "mipg.action",
                "mipg.followup",
            ):
                mine = self.records[own][model]
                theirs = self.records[other][model]
                found = self._search(user, model, mine | theirs)
                self.assertEqual(found, mine, f"{user.login} searches {model}")
                self.assertFalse(
                    self.env[model]
                    .with_user(user)
                    .search_count([("id", "=", theirs.id)])
                )
                with self.assertRaises(AccessError, msg=f"{user.login} reads {model}"):
                    theirs.with_user(user).read(["display_name"])
                with self.assertRaises(AccessError, msg=f"{user.login} writes {model}"):
                    theirs.with_user(user).write({"description": "Hacked"})

    def test_process_member_sees_its_process(self):
        action = self.records[self.gf]["mipg.action"]
        found = self._search(
            self.member, "mipg.action", action | self.records[self.sa]["mipg.action"]
        )
        self.assertEqual(found, action)
        action.with_user(self.member).write({"description": "Member's report"})
        self.assertEqual(action.description, "Member's report")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_membership_changes_apply_at_once(self):
        """The rules read the user's processes once and ir.rule caches the
        domain: a change of leader or members shows at once, in the same
        transaction, for reading and for writing."""
        process = self.env["mipg.process"].create({"code": "RR-TMP", "name": "Temp"})
        action = self.env["mipg.action"].create(
            {
                "name": "Of a process without leader",
                "responsible_id": self.planeacion.id,
                "process_id": process.id,
            }
        )

        def sees(user):
            # search, then read and write (the rules of each mode are cached)
            found = self._search(user, "mipg.action", action)
            if found:
                found.with_user(user).read(["name"])
                found.with_user(user).write({"description": f"By {user.login}"})
            return bool(found)

        for user in (self.hacienda, self.member, self.salud):
            self.assertFalse(sees(user), user.login)
        process.member_ids = [(4, self.member.id)]
        self.assertTrue(sees(self.member))
        self.assertFalse(sees(self.hacienda))
        process.leader_id = self.hacienda
        self.assertTrue(sees(self.hacienda))
        process.write({"leader_id": self.salud.id, "member_ids": [(5, 0, 0)]})
        self.assertTrue(sees(self.salud))
        for user in (self.hacienda, self.member):
            self.assertFalse(sees(user), user.login)
            with self.assertRaises(AccessError):
                action.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                action.with_user(user).write({"description": "No longer mine"})
        # an archived process still belongs to its leader, as before
        process.active = False
        self.assertTrue(sees(self.salud))
        # a new process gives its leader its records at once
        new = self.env["mipg.process"].create(
            {"code": "RR-NEW", "name": "New", "leader_id": self.member.id}
        )
        self.assertFalse(sees(self.member))
        action.process_id = new
        self.assertTrue(sees(self.member))
        self.assertFalse(sees(self.salud))

    def test_user_processes_helper(self):
        self.assertEqual(self.hacienda.mipg_process_ids, self.gf)
        self.assertEqual(self.hacienda.mipg_led_process_ids, self.gf)
        self.assertEqual(self.member.mipg_process_ids, self.gf)
        self.assertFalse(self.member.mipg_led_process_ids)
        self.sa.member_ids = [(4, self.hacienda.id)]
        self.assertEqual(self.hacienda.mipg_process_ids, self.gf | self.sa)
        self.assertEqual(self.hacienda.mipg_led_process_ids, self.gf)
        # the rule becomes a plain list of ids, not a subquery per record
        domain = (
            self.env["ir.rule"]
            .with_user(self.member)
            ._compute_domain("mipg.action", "read")
        )
        self.assertIn(("process_id", "in", self.gf.ids), domain)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_first_line_creates_only_in_its_processes(self):
        Action = self.env["mipg.action"].with_user(self.hacienda)
        own = Action.create(
            {
                "name": "Conciliar",
                "responsible_id": self.member.id,
                "process_id": self.gf.id,
            }
        )
        self.assertEqual(own.process_id, self.gf)
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "name": "Intrusa",
                    "responsible_id": self.salud.id,
                    "process_id": self.sa.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["mipg.opportunity"].with_user(self.hacienda).create(
                {
                    "title": "Intrusa",
                    "source": "autoevaluacion",
                    "description": "Of another process.",
                    "process_id": self.sa.id,
                }
            )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_responsible_of_another_process_action(self):
        """A first-line user made responsible of an action of another process
        sees and updates that action and its follow-ups, and nothing else of
        that process."""
        other = self.records[self.sa]
        shared = self.env["mipg.action"].create(
            {
                "name": "Shared",
                "responsible_id": self.hacienda.id,
                "process_id": self.sa.id,
            }
        )
        found = self._search(
            self.hacienda, "mipg.action", shared | other["mipg.action"]
        )
        self.assertEqual(found, shared)
        followup = (
            self.env["mipg.followup"]
            .with_user(self.hacienda)
            .create({"action_id": shared.id, "line": "first", "progress": 50})
        )
        self.assertEqual(followup.action_id, shared)
        self.assertEqual(
            shared.with_user(self.hacienda).process_id.name, "Salud Pública"
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_first_line_records_only_first_line_followups(self):
        action = self.records[self.gf]["mipg.action"]
        Followup = self.env["mipg.followup"].with_user(self.hacienda)
        for line in ("second", "third"):
            with self.assertRaises(AccessError, msg=line):
                Followup.create({"action_id": action.id, "line": line, "progress": 30})
        draft = Followup.create(
            {"action_id": action.id, "line": "first", "progress": 30}
        )
        submitted = self.records[self.gf]["mipg.followup"]
        submitted.sudo().state = "submitted"
        with self.assertRaises(AccessError):
            submitted.with_user(self.hacienda).unlink()
        draft.unlink()
        self.assertFalse(draft.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_public_servant_sees_no_cycle(self):
        """A public servant member of a process reads the catalog, not the
        improvement cycle."""
        self.assertTrue(self.gf.with_user(self.servidor).name)
        for model in ("mipg.plan", "mipg.opportunity", "mipg.action", "mipg.followup"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.servidor).search([])

    # Second, third and strategic lines ---------------------------------

    def test_other_lines_see_everything(self):
        for user in (self.planeacion, self.oci, self.alcalde):
            for model in (
                "mipg.plan",
                "mipg.opportunity",
                "mipg.action",
                "mipg.followup",
            ):
                records = self.records[self.gf][model] | self.records[self.sa][model]
                self.assertEqual(
                    self._search(user, model, records), records, f"{user.login} {model}"
                )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_second_line_never_writes_third_line_evaluations(self):
        action = self.records[self.sa]["mipg.action"]
        Followup = self.env["mipg.followup"].with_user(self.planeacion)
        with self.assertRaises(AccessError):
            Followup.create(
                {"action_id": action.id, "line": "third", "effective": "effective"}
            )
        evaluation = self.env["mipg.followup"].create(
            {"action_id": action.id, "line": "third", "progress": 40}
        )
        with self.assertRaises(AccessError):
            evaluation.with_user(self.planeacion).write({"effective": "effective"})
        with self.assertRaises(AccessError):
            evaluation.with_user(self.planeacion).unlink()
        second = Followup.create(
            {"action_id": action.id, "line": "second", "progress": 40}
        )
        self.assertEqual(second.line, "second")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_third_line_stays_independent(self):
        gf = self.records[self.gf]
        Opportunity = self.env["mipg.opportunity"].with_user(self.oci)
        finding = Opportunity.create(
            {
                "title": "Conciliaciones bancarias sin firma",
                "source": "auditoria_interna_gestion",
                "description": "Internal audit 2025, finding 3.",
                "process_id": self.gf.id,
            }
        )
        self.assertEqual(finding.source, "auditoria_interna_gestion")
        with self.assertRaises(AccessError):
            Opportunity.create(
                {
                    "title": "Not an audit",
                    "source": "autoevaluacion",
                    "description": "The OCI records audit findings only.",
                    "process_id": self.gf.id,
                }
            )
        with self.assertRaises(AccessError):
            finding.write({"description": "Rewritten after creation"})
        with self.assertRaises(AccessError):
            gf["mipg.action"].with_user(self.oci).write({"description": "Done"})
        with self.assertRaises(AccessError):
            gf["mipg.plan"].with_user(self.oci).write({"title": "Other"})
        with self.assertRaises(AccessError):
            gf["mipg.followup"].with_user(self.oci).write({"progress": 90})
        with self.assertRaises(AccessError):
            gf["mipg.followup"].with_user(self.oci).unlink()
        Followup = self.env["mipg.followup"].with_user(self.oci)
        for line in ("first", "second"):
            with self.assertRaises(AccessError, msg=line):
                Followup.create({"action_id": gf["mipg.action"].id, "line": line})
        evaluation = Followup.create(
            {
                "action_id": gf["mipg.action"].id,
                "line": "third",
                "progress": 80,
                "effective": "not_effective",
            }
        )
        evaluation.write({"progress": 70})
        self.assertEqual(evaluation.progress, 70)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_strategic_line_approves_plans_and_never_writes_followups(self):
        gf = self.records[self.gf]
        gf["mipg.plan"].with_user(self.alcalde).action_approve()
        self.assertEqual(gf["mipg.plan"].state, "approved")
        with self.assertRaises(AccessError):
            self.env["mipg.followup"].with_user(self.alcalde).create(
                {"action_id": gf["mipg.action"].id, "line": "first"}
            )
        with self.assertRaises(AccessError):
            gf["mipg.followup"].with_user(self.alcalde).write({"progress": 100})
        with self.assertRaises(AccessError):
            gf["mipg.action"].with_user(self.alcalde).write({"description": "No"})

    # Audit trail and companies -------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_audit_trail_is_read_only_history(self):
        action = self.records[self.gf]["mipg.action"]
        action.with_user(self.hacienda).write({"date_deadline": "2030-06-30"})
        trail = self.env["mipg.audit.log"].with_user(self.oci)
        line = trail.search(
            [
                ("model", "=", "mipg.action"),
                ("res_id", "=", action.id),
                ("operation", "=", "write"),
            ]
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line.user_id, self.hacienda)
        self.assertEqual(line.field_name, "date_deadline")
        self.assertEqual(line.field_description, "Deadline")
        self.assertFalse(line.old_value)
        self.assertEqual(line.new_value, "2030-06-30")
        self.assertEqual(line.company_id, action.company_id)
        with self.assertRaises(AccessError):
            line.write({"new_value": "2027-01-01"})
        with self.assertRaises(AccessError):
            line.unlink()
        with self.assertRaises(UserError):
            line.sudo().write({"new_value": "2027-01-01"})
        with self.assertRaises(UserError):
            line.sudo().unlink()
        self.assertEqual(line.new_value, "2030-06-30")
        with self.assertRaises(AccessError):
            trail.with_user(self.planeacion).search([])
        with self.assertRaises(AccessError):
            trail.with_user(self.hacienda).search([])
        # the rows of another company's records stay in that company
        other_company = self.env["res.company"].create({"name": "Otra alcaldía"})
        process = self.env["mipg.process"].create(
            {"code": "OT-02", "name": "Otro", "company_id": other_company.id}
        )
        self.assertFalse(
            trail.search([("model", "=", "mipg.process"), ("res_id", "=", process.id)])
        )
        self.oci.company_ids = [(4, other_company.id)]
        self.assertEqual(
            trail.with_context(allowed_company_ids=[other_company.id])
            .search([("model", "=", "mipg.process"), ("res_id", "=", process.id)])
            .company_id,
            other_company,
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Otra alcaldía"})
        other_leader = new_user(
            self.env,
            login="rr_other_leader",
            groups="mipg.group_mipg_first_line",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        process = self.env["mipg.process"].create(
            {
                "code": "OT-01",
                "name": "Otro",
                "company_id": other_company.id,
                "leader_id": other_leader.id,
                # a member outside the company sees nothing of it
                "member_ids": [(4, self.hacienda.id)],
            }
        )
        action = self.env["mipg.action"].create(
            {
                "name": "Other company's",
                "responsible_id": other_leader.id,
                "process_id": process.id,
                "company_id": other_company.id,
            }
        )
        self.assertEqual(self._search(other_leader, "mipg.action", action), action)
        for user in (self.planeacion, self.oci, self.alcalde, self.hacienda):
            self.assertFalse(self._search(user, "mipg.action", action), user.login)
            with self.assertRaises(AccessError):
                action.with_user(user).read(["name"])
        self.planeacion.company_ids = [(4, other_company.id)]
        self.assertEqual(
            self.env["mipg.action"]
            .with_user(self.planeacion)
            .with_context(allowed_company_ids=[other_company.id])
            .search([("id", "=", action.id)]),
            action,
        )
