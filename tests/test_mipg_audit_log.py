# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit log: written by the records, for every change, whatever the
context; append-only for everyone; a hash chain per company that Verify
integrity recomputes; exported as .xlsx and PDF to those who read it."""

import io
from datetime import timedelta

import openpyxl

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.mipg_audit_log import GENESIS_HASH, chain_hash
from .common import (
    MipgCycleCase,
    MipgTransactionCase,
    load_spanish,
    new_user,
    new_users,
)

MIPG_GROUPS = (
    "user",
    "first_line",
    "second_line",
    "third_line",
    "strategic_line",
    "manager",
)


class MipgAuditLogCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["mipg.audit.log"]
        cls.members = {
            group: user
            for group, user in zip(
                MIPG_GROUPS,
                new_users(
                    cls.env,
                    {
                        f"audit_{group}": f"mipg.group_mipg_{group}"
                        for group in MIPG_GROUPS
                    },
                ),
                strict=True,
            )
        }
        cls.admin = cls.env.ref("base.user_admin")

    def _rows(self, record, **values):
        domain = [("model", "=", record._name), ("res_id", "in", record.ids)]
        domain += [(name, "=", value) for name, value in values.items()]
        # (chained after the commit in production; a test never commits)
        self.Log._mipg_chain()
        return self.Log.search(domain, order="sequence")

    def _verify(self, user=None, companies=None):
        log = self.Log.with_user(user or self.oci)
        if companies:
            log = log.with_context(allowed_company_ids=companies.ids)
        return log.action_verify_integrity()["params"]


@tagged("post_install", "-at_install")
class TestMipgAuditLog(MipgAuditLogCase):
    # What is logged ------------------------------------------------------

    def test_write_by_first_line_user_is_logged(self):
        action = self._create_action()
        deadline = action.date_deadline
        new_deadline = deadline + timedelta(days=15)
        action.with_user(self.leader).write(
            {"description": "Revisar el soporte", "date_deadline": new_deadline}
        )
        rows = self._rows(action, operation="write")
        self.assertEqual(rows.mapped("field_name"), ["description", "date_deadline"])
        description, date_deadline = rows
        self.assertRecordValues(
            rows,
            [
                {
                    "user_id": self.leader.id,
                    "user_name": self.leader.name,
                    "company_id": action.company_id.id,
                    "record_name": action.display_name,
                    "field_description": "Activities to carry out",
                    "old_value": False,
                    "new_value": "Revisar el soporte",
                },
                {
                    "user_id": self.leader.id,
                    "user_name": self.leader.name,
                    "company_id": action.company_id.id,
                    "record_name": action.display_name,
                    "field_description": "Deadline",
                    "old_value": deadline.isoformat(),
                    "new_value": new_deadline.isoformat(),
                },
            ],
        )
        self.assertEqual(description.date, self.env.cr.now().replace(microsecond=0))
        # one chain: each row follows the one before it
        self.assertEqual(date_deadline.sequence, description.sequence + 1)
        self.assertEqual(date_deadline.previous_hash, description.hash)
        self.assertEqual(len(description.hash), 64)

    def test_user_name_as_it_is_now(self):
        """The name of the user who made the change, as it is at the time of
        the change: read from the cache, or from the database when it is
        not in the cache."""
        action = self._create_action()
        leader = self.leader.with_user(self.leader)
        self.leader.sudo().name = "Líder renombrado"
        leader.env["mipg.action"].browse(action.id).description = "En caché"
        self.env.invalidate_all()  # flushed first
        partner = self.leader.sudo().partner_id
        partner.name = "Líder otra vez"
        self.assertFalse(leader.env.cache.contains(leader, leader._fields["name"]))
        appended = leader.env["mipg.audit.log"]._mipg_append(
            [
                {
                    "company_id": action.company_id.id,
                    "model": action._name,
                    "res_id": action.id,
                    "operation": "write",
                    "field_name": "description",
                }
            ]
        )
        rows = self._rows(action, operation="write", field_name="description")
        self.assertEqual(rows[-1], appended.sudo())
        self.assertEqual(
            rows.mapped("user_name"), ["Líder renombrado", "Líder otra vez"]
        )

    def test_values_as_text(self):
        process = self.env["mipg.process"].create(
            {"code": "AU-01", "name": "Gestión documental", "process_type": "mission"}
        )
        policy = self.env.ref("mipg.mipg_policy_integridad")
        process.write(
            {
                "leader_id": self.leader.id,
                "member_ids": [(6, 0, (self.other_leader | self.planner).ids)],
                "policy_ids": [(4, policy.id)],
                "process_type": "support",
                "active": False,
                "color": 4,
            }
        )
        values = {
            row.field_name: (row.old_value or "", row.new_value)
            for row in self._rows(process, operation="write")
        }
        members = (self.other_leader | self.planner).sorted("id")
        self.assertEqual(
            values,
            {
                "leader_id": ("", f"{self.leader.id},{self.leader.name}"),
                "member_ids": ("", ", ".join(members.mapped("name"))),
                "policy_ids": ("", policy.name),
                "process_type": ("mission (Mission)", "support (Support)"),
                "active": ("True", "False"),
                "color": ("0", "4"),
            },
        )

    def test_labels_in_the_language_of_each_user(self):
        """The labels are looked up once per language, not once per record:
        a user working in Spanish and one working in English each read
        their own, whoever changed the model first."""
        load_spanish(self.env)
        process = self.env["mipg.process"].create(
            {"code": "AU-03", "name": "Gestión jurídica", "process_type": "mission"}
        )
        for lang, process_type in (("es_CO", "support"), ("en_US", "mission")):
            process.with_context(lang=lang).process_type = process_type
        spanish, english = self._rows(process, operation="write")
        self.assertRecordValues(
            spanish | english,
            [
                {"field_description": "Tipo", "new_value": "support (Apoyo)"},
                {"field_description": "Type", "new_value": "mission (Mission)"},
            ],
        )
        created = self._rows(process, operation="create").new_value
        self.assertIn("Type (process_type): mission (Mission)", created)

    def test_only_real_changes_are_logged(self):
        process = self.env["mipg.process"].create({"code": "AU-02", "name": "P"})
        process.write({"description": "Igual"})
        process.write({"description": "Igual", "name": "P"})
        self.assertEqual(
            self._rows(process, operation="write").mapped("field_name"),
            ["description"],
        )
        # the chatter and the activities are no change of the record
        process.message_post(body="Una nota")
        self.assertEqual(len(self._rows(process, operation="write")), 1)
        for name in ("message_ids", "write_date", "write_uid", "display_name"):
            self.assertFalse(process._mipg_audit_field(name), name)
        self.assertFalse(self.env["mipg.action"]._mipg_audit_field("activity_ids"))
        # a non-stored computed field is not logged
        self.assertFalse(self.env["mipg.action"]._mipg_audit_field("is_closed"))

    def test_no_context_key_silences_the_log(self):
        contexts = [
            {"tracking_disable": True},
            {"mail_notrack": True},
            {
                "tracking_disable": True,
                "mail_notrack": True,
                "mail_create_nolog": True,
                "mail_create_nosubscribe": True,
                "mail_auto_subscribe_no_notify": True,
            },
        ]
        for number, context in enumerate(contexts):
            with self.subTest(context=context):
                Process = self.env["mipg.process"].with_user(self.planner)
                process = Process.with_context(**context).create(
                    {"code": f"AU-C{number}", "name": "Silencioso"}
                )
                process.write({"description": f"Cambio {number}"})
                self.assertEqual(
                    self._rows(process).mapped("operation"), ["create", "write"]
                )

    def test_create_and_unlink(self):
        process = (
            self.env["mipg.process"]
            .with_user(self.planner)
            .create({"code": "AU-03", "name": "Control disciplinario"})
        )
        created = self._rows(process)
        self.assertEqual(created.operation, "create")
        self.assertEqual(created.user_id, self.planner)
        self.assertFalse(created.field_name)
        lines = created.new_value.split("\n")
        self.assertIn("Code (code): AU-03", lines)
        self.assertIn("Name (name): Control disciplinario", lines)
        self.assertIn("Type (process_type): mission (Mission)", lines)
        process_id = process.id
        process.with_user(self.members["manager"]).unlink()
        self.Log._mipg_chain()
        deleted = self.Log.search(
            [
                ("model", "=", "mipg.process"),
                ("res_id", "=", process_id),
                ("operation", "=", "unlink"),
            ]
        )
        self.assertEqual(deleted.record_name, "Control disciplinario")
        self.assertIn("Code (code): AU-03", deleted.old_value)
        self.assertEqual(deleted.sequence, created.sequence + 1)

    def test_writes_are_logged_in_one_batch(self):
        """Writing a field on 20 records costs a few queries more than on 1,
        not a query (or a lock) per record or per row."""
        Process = self.env["mipg.process"]
        processes = Process.create(
            [{"code": f"AU-Q{n}", "name": f"Proceso {n}"} for n in range(22)]
        )

        def queries(records, description):
            self.env.flush_all()
            self.env.cr.flush()
            count = self.env.cr.sql_log_count
            records.write({"description": description})
            self.env.flush_all()
            self.env.cr.flush()
            return self.env.cr.sql_log_count - count

        # warm the caches (labels, access rights, the chain's lock)
        queries(processes[21], "warm")
        one = queries(processes[0], "Uno")
        with self.assertQueryCount(one + 2):
            processes[1:21].write({"description": "Veinte"})
        self.assertEqual(len(self._rows(processes[1:21], operation="write")), 20)

    # Nobody changes it -----------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_nobody_changes_the_log(self):
        self.process.write({"description": "Registro original"})
        row = self._rows(self.process, field_name="description")
        users = list(self.members.values()) + [self.admin]
        for user in users:
            for context in ({}, {"mipg_audit_append": True, "tracking_disable": True}):
                with self.subTest(user=user.login, context=context):
                    log = row.with_user(user).with_context(**context)
                    with self.assertRaises(UserError):
                        log.write({"new_value": "Falsificado"})
                    with self.assertRaises(UserError):
                        log.unlink()
                    with self.assertRaises(UserError):
                        log.create(
                            {
                                "model": "mipg.process",
                                "res_id": self.process.id,
                                "operation": "write",
                                "new_value": "Inventado",
                            }
                        )
        # not even the superuser
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            row.sudo().write({"new_value": "Falsificado"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            row.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.Log.sudo().create({"model": "mipg.process", "res_id": 1})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            row.sudo().copy()
        chain = self.env["mipg.audit.chain"].search([])
        self.assertTrue(chain)
        with self.assertRaises(UserError):
            chain.sudo().write({"hash": GENESIS_HASH})
        with self.assertRaises(UserError):
            chain.sudo().unlink()
        for user in users:
            with self.assertRaises(AccessError):
                chain.with_user(user).read(["hash"])
        row.invalidate_recordset()
        self.assertEqual(row.new_value, "Registro original")
        self.assertIn("Verify integrity", str(self._verify()))
        self.assertRegex(self._verify()["message"], r"intact \(\d+ records\)")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_who_reads_the_log(self):
        self.process.write({"description": "Leído"})
        row = self._rows(self.process, field_name="description")
        for group, user in self.members.items():
            with self.subTest(group=group):
                readers = ("third_line", "strategic_line", "manager")
                if group in readers:
                    self.assertEqual(row.with_user(user).new_value, "Leído")
                else:
                    with self.assertRaises(AccessError):
                        self.Log.with_user(user).search([("id", "=", row.id)])

    # Verify integrity -------------------------------------------------------

    def test_verify_names_the_row_changed_in_sql(self):
        action = self._create_action()
        action.write({"description": "Antes"})
        action.write({"date_deadline": action.date_deadline + timedelta(days=1)})
        row = self._rows(action, field_name="description")
        params = self._verify()
        self.assertEqual(params["type"], "success")
        count = self.Log.search_count([("company_id", "=", self.env.company.id)])
        self.assertEqual(
            params["message"], f"The audit chain is intact ({count} records)."
        )
        self.env.cr.execute(
            "UPDATE mipg_audit_log SET new_value = 'Después' WHERE id = %s", (row.id,)
        )
        params = self._verify()
        self.assertEqual(params["type"], "danger")
        self.assertIn(f"record No. {row.sequence} ", params["message"])
        self.assertIn(action.display_name, params["message"])
        self.assertIn("its content does not match its hash", params["message"])
        # a row removed in SQL: the next one is named
        self.env.cr.execute(
            "UPDATE mipg_audit_log SET new_value = 'Antes' WHERE id = %s", (row.id,)
        )
        self.assertEqual(self._verify()["type"], "success")
        self.env.cr.execute("DELETE FROM mipg_audit_log WHERE id = %s", (row.id,))
        params = self._verify()
        self.assertIn(f"record No. {row.sequence + 1} ", params["message"])
        self.assertIn("the record before it is missing", params["message"])

    def test_the_scheduled_action_chains_what_was_left(self):
        log = self.Log
        company = self.env.company
        record = log._mipg_append(
            [
                {
                    "company_id": company.id,
                    "model": "res.company",
                    "res_id": company.id,
                    "operation": "write",
                }
            ]
        )
        self.assertFalse(record.sequence)
        self.env.ref("mipg.mipg_audit_log_cron_chain").method_direct_trigger()
        self.assertTrue(record.sequence)
        self.assertEqual(len(record.hash), 64)
        self.assertFalse(log._mipg_verify_chains(company.ids)["broken"])

    def test_verify_sees_the_last_rows_removed(self):
        self.process.write({"description": "Último"})
        row = self._rows(self.process, field_name="description")
        sequence = row.sequence
        self.env.cr.execute("DELETE FROM mipg_audit_log WHERE id = %s", (row.id,))
        params = self._verify()
        self.assertEqual(params["type"], "danger")
        self.assertIn(f"record No. {sequence - 1} ", params["message"])
        self.assertIn("records after it were removed", params["message"])

    def test_verify_sees_a_row_added_at_the_end(self):
        """A row inserted in SQL with a well computed hash still does not
        match the head of the chain."""
        self.process.write({"description": "Verdadero"})
        last = self._rows(self.process, field_name="description")
        columns = [
            "sequence",
            "date",
            "company_id",
            "user_id",
            "user_name",
            "model",
            "res_id",
            "record_name",
            "operation",
            "field_name",
            "field_description",
            "old_value",
            "new_value",
            "previous_hash",
        ]
        values = dict(
            last.read(columns, load=None)[0],
            sequence=last.sequence + 1,
            old_value="Verdadero",
            new_value="Falso",
            previous_hash=last.hash,
        )
        values.pop("id")
        values["hash"] = chain_hash(values)
        self.env.cr.execute(
            f"INSERT INTO mipg_audit_log ({', '.join(values)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(values))})",
            list(values.values()),
        )
        params = self._verify()
        self.assertEqual(params["type"], "danger")
        self.assertIn(f"record No. {last.sequence + 1} ", params["message"])
        self.assertIn("it was added or rewritten", params["message"])

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_oci_and_administrator_verify(self):
        self.assertEqual(self._verify(self.members["manager"])["type"], "success")
        for group in ("user", "first_line", "second_line", "strategic_line"):
            with self.subTest(group=group), self.assertRaises(AccessError):
                self._verify(self.members[group])

    def test_chains_of_two_companies_are_independent(self):
        main = self.env.company
        other = self.env["res.company"].create({"name": "Alcaldía de Ipiales"})
        self.oci.company_ids = [(4, other.id)]
        process = self.env["mipg.process"].create(
            {"code": "IP-01", "name": "Gestión Ipiales", "company_id": other.id}
        )
        process.write({"description": "Primer cambio"})
        self.process.write({"description": "Cambio en Pasto"})
        first, second = self._rows(process)
        self.assertEqual((first.sequence, second.sequence), (1, 2))
        self.assertEqual(first.previous_hash, GENESIS_HASH)
        self.assertEqual(second.previous_hash, first.hash)
        pasto = self._rows(self.process, field_name="description")
        self.assertEqual(pasto.company_id, main)
        self.assertGreater(pasto.sequence, 2)
        # an OCI working in Pasto only sees and verifies Pasto's chain
        self.assertFalse(
            self.Log.with_user(self.oci)
            .with_context(allowed_company_ids=main.ids)
            .search([("id", "in", (first | second).ids)])
        )
        self.env.cr.execute(
            "UPDATE mipg_audit_log SET user_name = 'Otro' WHERE id = %s", (second.id,)
        )
        self.assertEqual(self._verify(companies=main)["type"], "success")
        params = self._verify(companies=main | other)
        self.assertEqual(params["type"], "danger")
        self.assertIn("Alcaldía de Ipiales", params["message"])
        self.assertIn("record No. 2 ", params["message"])
        self.assertNotIn(main.name, params["message"])

    def test_hash_is_the_documented_serialisation(self):
        self.process.write({"description": "Serializado"})
        row = self._rows(self.process, field_name="description")
        values = row.read(
            [
                "sequence",
                "date",
                "user_name",
                "model",
                "res_id",
                "record_name",
                "operation",
                "field_name",
                "field_description",
                "old_value",
                "new_value",
                "previous_hash",
            ]
        )[0]
        values.update(company_id=row.company_id.id, user_id=row.user_id.id)
        self.assertEqual(chain_hash(values), row.hash)

    # Exports -----------------------------------------------------------------

    def test_pdf_renders(self):
        self.process.write({"description": "=1+1 no es una fórmula"})
        rows = self._rows(self.process)
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(self.oci)
            ._render_qweb_html("mipg.action_report_audit_log", rows.ids)
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        self.assertIn("Audit trail", html)
        self.assertIn(self.process.name, html)
        self.assertIn("=1+1 no es una fórmula", html)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.leader)._render_qweb_html(
                "mipg.action_report_audit_log", rows.ids
            )

    def test_xlsx_export(self):
        self.process.write({"description": '=HYPERLINK("http://x")'})
        rows = self._rows(self.process)
        report = self.env["report.mipg.report_audit_log_xlsx"].with_user(self.oci)
        logs = report.env["report.mipg.report_audit_log"]._mipg_logs(
            data={"mipg_filters": {"model": "mipg.process", "res_id": self.process.id}}
        )
        self.assertEqual(logs, rows)
        sheet = openpyxl.load_workbook(io.BytesIO(report._render_xlsx(logs))).active
        header = [cell.value for cell in sheet[5]]
        self.assertEqual(header[0], "No.")
        self.assertIn("Hash", header)
        last = sheet[5 + len(rows)]
        values = dict(zip(header, [cell.value for cell in last], strict=True))
        self.assertEqual(values["No."], rows[-1].sequence)
        self.assertEqual(values["Technical field name"], "description")
        self.assertEqual(values["New value"], '=HYPERLINK("http://x")')
        cell = last[header.index("New value")]
        self.assertEqual(cell.data_type, "s", "text, not a formula")
        self.assertEqual(values["Hash"], rows[-1].hash)

    def test_trail_of_a_record_from_its_gear_menu(self):
        """The OCI opens the trail of one plan from the plan itself: its rows
        only. Those who do not read the log do not see the entry."""
        other = self.plan.copy({"title": "Otro plan"})
        self.plan.write({"audited_period": "2025"})
        server_action = self.env.ref("mipg.mipg_plan_action_audit_trail")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.oci)
            .get_bindings("mipg.plan")
            .get("action", [])
        )
        self.assertIn(server_action.id, [b["id"] for b in bindings])
        action = (
            server_action.with_user(self.oci)
            .with_context(
                active_model="mipg.plan",
                active_id=self.plan.id,
                active_ids=self.plan.ids,
            )
            .run()
        )
        rows = self.Log.with_user(self.oci).search(action["domain"])
        self.assertTrue(rows)
        self.assertEqual(set(rows.mapped("res_id")), {self.plan.id})
        self.assertIn("audited_period", rows.mapped("field_name"))
        self.assertNotIn(other.id, rows.mapped("res_id"))
        self.assertIn(self.plan.display_name, action["name"])
        # every audited model has the entry
        for model in self.env.registry.descendants(["mipg.audit.mixin"], "_inherit"):
            if model == "mipg.audit.mixin" or self.env[model]._abstract:
                continue
            with self.subTest(model=model):
                self.assertTrue(
                    self.env["ir.actions.server"].search_count(
                        [("binding_model_id.model", "=", model)]
                    )
                )
        # a process leader does not read the log: no entry, and no way to run it
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.leader)
            .get_bindings("mipg.plan")
            .get("action", [])
        )
        self.assertNotIn(server_action.id, [b["id"] for b in bindings])
        with self.assertRaises(AccessError):
            server_action.with_user(self.leader).with_context(
                active_model="mipg.plan", active_ids=self.plan.ids
            ).run()


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgAuditLogRpc(HttpCase):
    """Over JSON-RPC, nobody (the administrator included) creates, writes or
    deletes a row; the export is streamed to those who read the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oci = new_user(
            cls.env, login="audit_rpc_oci", groups="mipg.group_mipg_third_line"
        )
        cls.leader = new_user(
            cls.env, login="audit_rpc_leader", groups="mipg.group_mipg_first_line"
        )
        cls.process = cls.env["mipg.process"].create(
            {"code": "AU-RPC", "name": "Proceso RPC", "leader_id": cls.leader.id}
        )
        cls.process.write({"description": "Texto original"})
        cls.row = cls.env["mipg.audit.log"].search(
            [
                ("model", "=", "mipg.process"),
                ("res_id", "=", cls.process.id),
                ("field_name", "=", "description"),
            ]
        )

    def _call(self, model, method, args, context=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": context or {}},
            },
        )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
    def test_rpc_cannot_change_the_log(self):
        self.authenticate("admin", "admin")
        self.assertEqual(
            self._call("mipg.audit.log", "read", [self.row.ids, ["new_value"]])[0][
                "new_value"
            ],
            "Texto original",
        )
        values = {
            "model": "mipg.process",
            "res_id": self.process.id,
            "operation": "write",
            "new_value": "Inventado",
        }
        calls = [
            ("mipg.audit.log", "write", [self.row.ids, {"new_value": "Falsificado"}]),
            ("mipg.audit.log", "unlink", [self.row.ids]),
            ("mipg.audit.log", "create", [values]),
            ("mipg.audit.log", "copy", [self.row.ids]),
            ("mipg.audit.log", "_mipg_append", [[dict(values, company_id=1)]]),
            ("mipg.audit.chain", "create", [{"company_id": 1, "sequence": 0}]),
        ]
        contexts = [{}, {"mipg_audit_append": True, "tracking_disable": True}]
        for model, method, args in calls:
            for context in contexts:
                with self.subTest(method=method, context=context):
                    with self.assertRaises(JsonRpcException):
                        self._call(model, method, args, context)
        self.row.invalidate_recordset()
        self.assertEqual(self.row.new_value, "Texto original")
        self.assertEqual(
            self.env["mipg.audit.log"].search_count(
                [("model", "=", "mipg.process"), ("res_id", "=", self.process.id)]
            ),
            2,
        )

    def test_export_streams_xlsx_and_pdf_to_readers(self):
        self.authenticate("audit_rpc_oci", "audit_rpc_oci")
        url = f"/mipg/audit_log/export/xlsx?model=mipg.process&res_id={self.process.id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.max_row, 5 + 2)
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "mipg.audit.log")]
            )
        )
        response = self.url_open(f"/mipg/audit_log/export/pdf?ids={self.row.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Texto original", response.text)

    @mute_logger("odoo.http")
    def test_export_refused_to_others(self):
        self.authenticate("audit_rpc_leader", "audit_rpc_leader")
        for fmt in ("xlsx", "pdf"):
            response = self.url_open(f"/mipg/audit_log/export/{fmt}?ids={self.row.id}")
            self.assertEqual(response.status_code, 403, fmt)


@tagged("post_install", "-at_install")
class TestMipgAuditLogConcurrency(MipgTransactionCase):
    """Two transactions changing records of one company at the same time:
    neither waits for the other nor fails, and the rows of both are chained
    after their commits, one after the other, without forking the chain.
    Real cursors, committed: the rows are removed afterwards."""

    def test_concurrent_appends_do_not_wait_nor_fork_the_chain(self):
        company = self.env.ref("base.main_company")
        row = {
            "company_id": company.id,
            "model": "res.company",
            "res_id": company.id,
            "record_name": "Prueba de concurrencia",
            "operation": "write",
        }
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mipg.audit.log"]._mipg_chain()  # what a previous test left
            cr.execute(
                "SELECT sequence, hash FROM mipg_audit_chain WHERE company_id = %s",
                (company.id,),
            )
            started = cr.fetchone()
            cr.execute("SELECT coalesce(max(id), 0) FROM mipg_audit_log")
            last_id = cr.fetchone()[0]
        head = started or (0, GENESIS_HASH)

        def cleanup():
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM mipg_audit_log WHERE id > %s", (last_id,))
                if started:
                    cr.execute(
                        "UPDATE mipg_audit_chain SET sequence = %s, hash = %s "
                        "WHERE company_id = %s",
                        (head[0], head[1], company.id),
                    )
                else:
                    cr.execute(
                        "DELETE FROM mipg_audit_chain WHERE company_id = %s",
                        (company.id,),
                    )

        self.addCleanup(cleanup)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            cr2.execute("SET LOCAL lock_timeout = '2s'")
            cr2.execute("SELECT count(*) FROM mipg_audit_log")  # its snapshot
            first = env1["mipg.audit.log"]._mipg_append([row])
            # the first holds no lock of the chain: the second appends at once
            second = env2["mipg.audit.log"]._mipg_append([dict(row, res_id=0)])
            self.assertFalse(first.sequence or second.sequence, "not chained yet")
            first_id, second_id = first.id, second.id
            # committed in the other order: each commit chains what it sees
            cr2.commit()
            cr1.commit()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id, sequence, previous_hash, hash FROM mipg_audit_log "
                "WHERE id IN %s ORDER BY sequence",
                ((first_id, second_id),),
            )
            rows = cr.fetchall()
            self.assertEqual([r[1] for r in rows], [head[0] + 1, head[0] + 2])
            self.assertEqual([r[0] for r in rows], [second_id, first_id])
            self.assertEqual(rows[0][2], head[1])
            self.assertEqual(rows[1][2], rows[0][3])
            env = api.Environment(cr, SUPERUSER_ID, {})
            result = env["mipg.audit.log"]._mipg_verify_chains([company.id])
            self.assertFalse(result["broken"])
