# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules of change tried as an adversary would: the lowest login, over
the web client's own routes (JSON-RPC, the chatter's upload, post, edit and
delete routes, activities marked done with a file). Several of these routes
work as superuser once they have checked access: a validated report must
stay as validated nonetheless."""

import base64

from odoo import http
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgIntegrityRpc(MipgCycleCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._create_action()
        cls.plan.action_send_for_approval()
        cls.plan.with_user(cls.mayor).action_approve()
        cls.evidence = (
            cls.env["ir.attachment"]
            .with_user(cls.leader)
            .create({"name": "acta.txt", "datas": base64.b64encode(b"acta firmada")})
        )
        cls.followup = (
            cls.env["mipg.followup"]
            .with_user(cls.leader)
            .create(
                {
                    "action_id": cls.action.id,
                    "line": "first",
                    "progress": 40,
                    "evidence_ids": [(6, 0, cls.evidence.ids)],
                }
            )
        )
        cls.note = cls.followup.with_user(cls.leader).message_post(
            body="Se adjunta el acta del comité.", message_type="comment"
        )
        cls.followup.with_user(cls.leader).action_submit()
        cls.followup.with_user(cls.planner).action_validate()
        # Seen by the test itself as superuser from here on.
        cls.followup = cls.env["mipg.followup"].browse(cls.followup.id)
        cls.evidence = cls.env["ir.attachment"].browse(cls.evidence.id)
        cls.note = cls.env["mail.message"].browse(cls.note.id)

    def setUp(self):
        super().setUp()
        self.assertEqual(self.followup.state, "validated")
        self.authenticate(self.leader.login, self.leader.login)

    def _call(self, model, method, args, kwargs=None, context=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": dict(kwargs or {}, context=context or {}),
            },
        )

    def _files_of_followup(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "mipg.followup"), ("res_id", "=", self.followup.id)]
        )

    def _reviewers_and_author(self):
        """The author of the report, the second line that validated it and
        the OCI, each of whom reaches the report's chatter."""
        return self.leader | self.planner | self.oci

    def _pending_file(self, user):
        """A file ``user`` uploaded in the chatter's composer: not yet
        linked to any record, as the web client leaves it."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": "nueva_evidencia.txt",
                    "datas": base64.b64encode(b"otra acta"),
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )

    @mute_logger("odoo.http")
    def test_chatter_upload_adds_no_file_to_a_validated_report(self):
        files = self._files_of_followup()
        for user in self._reviewers_and_author():
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                self.url_open(
                    "/mail/attachment/upload",
                    {
                        "csrf_token": http.Request.csrf_token(self),
                        "thread_id": self.followup.id,
                        "thread_model": "mipg.followup",
                    },
                    files={"ufile": ("otra.txt", b"evidencia cambiada", "text/plain")},
                )
                self.assertEqual(self._files_of_followup(), files)

    @mute_logger("odoo.http")
    def test_chatter_post_with_a_file_is_refused(self):
        messages = self.followup.message_ids
        for user in self._reviewers_and_author():
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                pending = self._pending_file(user)
                with self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request(
                        "/mail/message/post",
                        {
                            "thread_model": "mipg.followup",
                            "thread_id": self.followup.id,
                            "post_data": {
                                "body": "Reemplazo la evidencia.",
                                "attachment_ids": pending.ids,
                                "message_type": "comment",
                            },
                        },
                    )
                self.followup.invalidate_recordset()
                self.assertEqual(self.followup.message_ids, messages)
                self.assertEqual(self._files_of_followup(), self.evidence)

    @mute_logger("odoo.http")
    def test_chatter_message_edit_and_file_delete_are_refused(self):
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/update_content",
                {
                    "message_id": self.note.id,
                    "body": "Texto cambiado después de validar.",
                    "attachment_ids": [],
                },
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/attachment/delete", {"attachment_id": self.evidence.id}
            )
        self.note.invalidate_recordset()
        self.assertIn("acta del comité", self.note.body)
        self.assertTrue(self.evidence.exists())

    @mute_logger("odoo.http")
    def test_activity_done_with_a_file_adds_no_file(self):
        for user in self._reviewers_and_author():
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                activity = self.followup.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id
                )
                pending = self._pending_file(user)
                with self.assertRaises(JsonRpcException):
                    self._call(
                        "mail.activity",
                        "action_feedback",
                        [activity.ids],
                        {"feedback": "Hecho", "attachment_ids": pending.ids},
                    )
                self.assertEqual(self._files_of_followup(), self.evidence)
                self.assertFalse(
                    self.followup.message_ids.filtered(
                        lambda m, pending=pending: pending in m.attachment_ids
                    )
                )

    @mute_logger("odoo.http")
    def test_evidence_file_cannot_be_replaced_or_deleted(self):
        for method, args in (
            (
                "write",
                [self.evidence.ids, {"datas": base64.b64encode(b"falsa").decode()}],
            ),
            ("write", [self.evidence.ids, {"res_id": self.action.id}]),
            ("unlink", [self.evidence.ids]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self._call("ir.attachment", method, args)
        self.evidence.invalidate_recordset()
        self.assertEqual(base64.b64decode(self.evidence.datas), b"acta firmada")

    @mute_logger("odoo.http")
    def test_computed_figures_and_review_fields_refused(self):
        calls = [
            ("mipg.action", "write", [self.action.ids, {"progress": 100}]),
            ("mipg.action", "write", [self.action.ids, {"effective": "effective"}]),
            ("mipg.plan", "write", [self.plan.ids, {"progress": 100}]),
            ("mipg.followup", "write", [self.followup.ids, {"progress": 100}]),
            (
                "mipg.followup",
                "create",
                [
                    {
                        "action_id": self.action.id,
                        "line": "first",
                        "progress": 90,
                        "validated_by_id": self.planner.id,
                    }
                ],
            ),
        ]
        for model, method, args in calls:
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException):
                    self._call(model, method, args)
        self.action.invalidate_recordset()
        self.assertEqual(self.action.progress, 40)
        self.assertFalse(self.action.effective)
        self.assertEqual(self.followup.progress, 40)

    def test_review_fields_from_context_are_dropped(self):
        new_id = self._call(
            "mipg.followup",
            "create",
            [{"action_id": self.action.id, "line": "first", "progress": 60}],
            context={
                "default_validated_by_id": self.planner.id,
                "default_state": "validated",
            },
        )
        followup = self.env["mipg.followup"].browse(new_id)
        self.assertEqual(followup.state, "draft")
        self.assertFalse(followup.validated_by_id)
