# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit log: who changed what, when, on the MIPG records.

Written by the records themselves (``mipg.audit.mixin``), in the transaction
of the change, and never rewritten. Every row carries the SHA-256 of its own
canonical content and the hash of the row before it in its company's chain,
so that a row altered, removed or inserted behind the ORM's back (in SQL)
shows up in *Verify integrity*.

Canonical content of a row (what its ``hash`` is the SHA-256 of): the UTF-8
bytes of ``json.dumps(payload, sort_keys=True, ensure_ascii=False,
separators=(",", ":"))`` where ``payload`` has exactly the keys of
``CHAIN_FIELDS``: ``sequence``, ``company_id``, ``user_id`` and ``res_id`` as
integers; ``date`` as ``"YYYY-MM-DD HH:MM:SS"`` (UTC, the transaction's
time, to the second); every other key as text, an empty value being ``""``;
``previous_hash`` is the hash of the previous row of the same company
(``GENESIS_HASH`` for the first one).

Order and concurrency: a change appends its rows in its own transaction,
without a number (``sequence`` empty), so that concurrent changes never
wait for one another. The rows are then *chained*: right after the commit
(a post-commit hook, in a transaction of its own), by the scheduled action
"Chain the audit log" as a backstop, and by *Verify integrity* before it
verifies. Chaining takes the transaction-level advisory lock
``(LOCK_NAMESPACE, company id)`` and the company's head row
(``mipg.audit.chain``) ``FOR UPDATE``, numbers the company's unchained rows
in the order of their ids from the head's sequence (``sequence`` numbers
the rows of each company from 1, without gaps, unique per company), and
writes their ``previous_hash`` and ``hash``: one chainer at a time, so the
chain never forks.
"""

import hashlib
import json
import logging
import zlib
from datetime import datetime

import psycopg2
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime

# The content hashed, in the order the columns are read back to verify it.
CHAIN_FIELDS = (
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
)
INTEGER_FIELDS = {"sequence", "company_id", "user_id", "res_id"}
GENESIS_HASH = "0" * 64
# First key of the advisory lock of the chains (the second is the company).
LOCK_NAMESPACE = zlib.crc32(b"mipg.audit.log") & 0x7FFFFFFF
# Rows read at once when a chain is verified.
VERIFY_BATCH = 5000

# Key of the companies whose rows wait for the post-commit chaining, in the
# cursor's post-commit data.
PENDING_KEY = "mipg.audit.log.unchained"

_logger = logging.getLogger(__name__)


def chain_hash(values):
    """SHA-256 (hex) of the canonical content of a row given as a dict with
    the keys of CHAIN_FIELDS (values as written or as read back in SQL)."""
    payload = {}
    for name in CHAIN_FIELDS:
        value = values.get(name)
        if name in INTEGER_FIELDS:
            value = int(value or 0)
        elif isinstance(value, datetime):
            value = fields.Datetime.to_string(value)
        else:
            value = value or ""
        payload[name] = value
    text = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class MipgAuditLog(models.Model):
    """One change of a MIPG record: a created record (its values in
    ``new_value``), a changed field (its old and new value) or a deleted
    record (its values in ``old_value``). Append-only: nobody, not even the
    superuser, creates, writes or deletes a row through the ORM; the audited
    models append their rows in SQL (``_mipg_append``)."""

    _name = "mipg.audit.log"
    _description = "MIPG audit log"
    _order = "date desc, sequence desc, id desc"
    _rec_name = "record_name"

    sequence = fields.Integer(
        readonly=True,
        index=True,
        help="Position of the row in the audit chain of its company, from 1; "
        "empty for the moment between the change and its chaining.",
    )
    date = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Changed by",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    user_name = fields.Char(
        string="Name of the user",
        readonly=True,
        help="The name of the user when the change was made.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )
    model = fields.Char(required=True, readonly=True, index=True)
    model_name = fields.Char(string="Document", compute="_compute_model_name")
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="model",
        required=True,
        readonly=True,
        index=True,
    )
    record_name = fields.Char(string="Record", readonly=True)
    operation = fields.Selection(
        [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")],
        required=True,
        readonly=True,
    )
    field_name = fields.Char(string="Technical field name", readonly=True)
    field_description = fields.Char(string="Field", readonly=True)
    old_value = fields.Text(readonly=True)
    new_value = fields.Text(readonly=True)
    previous_hash = fields.Char(readonly=True)
    hash = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "company_sequence_uniq",
            "unique(company_id, sequence)",
            "Another change was being recorded in the audit log at the same "
            "time. Save your change again.",
        ),
    ]

    def _compute_model_name(self):
        names = {
            model: self.env["ir.model"]._get(model).name or model
            for model in set(self.mapped("model"))
        }
        for line in self:
            line.model_name = names.get(line.model, line.model)

    # ------------------------------------------------------------------
    # CRUD: append-only
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._mipg_refuse_change("create")
        return super().create(vals_list)

    def write(self, vals):
        self._mipg_refuse_change("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self._mipg_read_only_message())

    def copy(self, default=None):
        self._mipg_refuse_change("create")
        return super().copy(default)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_record(self):
        """Open the document the change was made on."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    def action_verify_integrity(self):
        """Recompute the chain of every company the user works in (the
        companies selected in the switcher) and tell whether it is intact
        or which row is the first one that breaks it."""
        self._mipg_check_verifier()
        companies = self.env.companies
        self.sudo()._mipg_chain(companies.ids)
        result = self.sudo()._mipg_verify_chains(companies.ids)
        if not result["broken"]:
            message = self.env._(
                "The audit chain is intact (%(count)s records).",
                count=result["count"],
            )
            kind = "success"
        else:
            message = "\n".join(
                self._mipg_broken_message(broken) for broken in result["broken"]
            )
            kind = "danger"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Verify integrity"),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
            },
        }

    def action_export_xlsx(self):
        """Download the selected rows as .xlsx."""
        self.check_access("read")
        ids = ",".join(str(i) for i in self.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"/mipg/audit_log/export/xlsx?ids={ids}",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_read_only_message(self):
        return self.env._(
            "The audit log cannot be changed: the MIPG records write it "
            "themselves when they are created, changed or deleted, and nobody, "
            "not even the administrator, edits or deletes it."
        )

    def _mipg_refuse_change(self, operation):
        """Those who may not even read the log get the access error of the
        operation; the others (and the superuser) learn that it is
        append-only."""
        self.check_access(operation)
        raise UserError(self._mipg_read_only_message())

    def _mipg_check_verifier(self):
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("mipg.group_mipg_third_line")
            or user.has_group("mipg.group_mipg_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the Internal Control Office (third line) or a MIPG "
                    "administrator verifies the integrity of the audit log."
                )
            )

    @api.model
    def _mipg_export_domain(
        self, ids=None, model=None, res_id=None, date_from=None, date_to=None
    ):
        """The rows of an export: given rows, or the trail of a record
        and/or of a period (dates included, in UTC)."""
        domain = []
        if ids:
            domain.append(("id", "in", list(ids)))
        if model:
            domain.append(("model", "=", model))
        if res_id:
            domain.append(("res_id", "=", int(res_id)))
        if date_from:
            domain.append(("date", ">=", fields.Datetime.to_datetime(date_from)))
        if date_to:
            end = fields.Datetime.to_datetime(date_to)
            if len(str(date_to)) <= 10:  # a date: the whole day
                end = end.replace(hour=23, minute=59, second=59)
            domain.append(("date", "<=", end))
        return domain

    @api.model
    def _mipg_append(self, rows):
        """Append ``rows`` (dicts with company_id, model, res_id,
        record_name, operation, field_name, field_description, old_value
        and new_value) to the log, as the user of this environment, at the
        transaction's time. One INSERT for all rows, in SQL: the ORM's
        ``create`` of the log refuses everybody, the superuser included, so
        that no other path writes it. The rows are chained after the commit
        (see the module's docstring)."""
        if not rows:
            return self.browse()
        cr = self.env.cr
        now = cr.now().replace(microsecond=0)
        uid = self.env.uid
        user_name = self._mipg_user_name()
        values = [
            (
                row["company_id"],
                row["model"],
                row["res_id"],
                row.get("record_name") or None,
                row["operation"],
                row.get("field_name") or None,
                row.get("field_description") or None,
                row.get("old_value") or None,
                row.get("new_value") or None,
                now,
                uid,
                user_name,
                uid,
                now,
                uid,
                now,
            )
            for row in rows
        ]
        cr.execute(
            SQL(
                "INSERT INTO mipg_audit_log (company_id, model, res_id, "
                "record_name, operation, field_name, field_description, "
                "old_value, new_value, date, user_id, user_name, create_uid, "
                "create_date, write_uid, write_date) VALUES %s RETURNING id",
                SQL(", ").join(SQL("%s", row) for row in values),
            )
        )
        records = self.browse([row_id for (row_id,) in cr.fetchall()])
        self._mipg_chain_after_commit({row["company_id"] for row in rows})
        return records

    @api.model
    def _mipg_user_name(self):
        """The name of the user of this environment as it is now (a change
        not yet written to the database included): from the cache, else in
        one query (reading the user through the ORM fetches every column of
        the user and of its contact)."""
        user = self.env.user
        if self.env.cache.contains(user, user._fields["name"]):
            return user.name or None
        self.env["res.partner"].flush_model(["name"])
        self.env["res.users"].flush_model(["partner_id"])
        self.env.cr.execute(
            "SELECT partner.name FROM res_users AS u "
            "JOIN res_partner AS partner ON partner.id = u.partner_id "
            "WHERE u.id = %s",
            (user.id,),
        )
        return self.env.cr.fetchone()[0] or None

    @api.model
    def _mipg_chain_after_commit(self, company_ids):
        """Chain the rows of these companies once this transaction has
        committed, in a short transaction of its own."""
        postcommit = self.env.cr.postcommit
        pending = postcommit.data.get(PENDING_KEY)
        if pending is None:
            pending = postcommit.data[PENDING_KEY] = set()
            registry = self.env.registry

            @postcommit.add
            def chain():
                try:
                    with registry.cursor() as cr:
                        # READ COMMITTED: once it has the lock, the chainer
                        # sees every row committed before, whatever its start
                        cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                        cr.execute("SET LOCAL lock_timeout = '5s'")
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        env["mipg.audit.log"]._mipg_chain(sorted(pending))
                except psycopg2.OperationalError as error:
                    # the scheduled action or Verify integrity chains them
                    _logger.info("audit log rows left to chain later: %s", error)
                except Exception:
                    # the change is committed: never answer it with an error
                    # (the user would make it again); the rows are chained
                    # later, and the failure is logged for the administrator
                    _logger.exception("audit log rows could not be chained")

        pending.update(company_ids)

    @api.model
    def _mipg_chain(self, company_ids=None):
        """Chain the rows not chained yet of these companies (all when
        None), each company in the order of the rows' ids. Returns the
        number of rows chained."""
        cr = self.env.cr
        if company_ids is None:
            cr.execute(
                "SELECT DISTINCT company_id FROM mipg_audit_log WHERE sequence IS NULL"
            )
            company_ids = [company_id for (company_id,) in cr.fetchall()]
        columns = ", ".join(("id",) + CHAIN_FIELDS)
        chained = 0
        # always in the same order, so that two chainers never wait for each
        # other's lock
        for company_id in sorted(company_ids):
            sequence, previous = self._mipg_lock_chain(company_id)
            cr.execute(
                f"SELECT {columns} FROM mipg_audit_log "  # noqa: S608
                "WHERE company_id = %s AND sequence IS NULL ORDER BY id",
                (company_id,),
            )
            updates = []
            for row in cr.dictfetchall():
                sequence += 1
                row.update(sequence=sequence, previous_hash=previous)
                previous = chain_hash(row)
                updates.append((row["id"], sequence, row["previous_hash"], previous))
            if not updates:
                continue
            execute_values(
                cr._obj,
                "UPDATE mipg_audit_log AS log SET sequence = v.sequence, "
                "previous_hash = v.previous_hash, hash = v.hash "
                "FROM (VALUES %s) AS v(id, sequence, previous_hash, hash) "
                "WHERE log.id = v.id",
                updates,
                page_size=1000,
            )
            cr.execute(
                "UPDATE mipg_audit_chain SET sequence = %s, hash = %s "
                "WHERE company_id = %s",
                (sequence, previous, company_id),
            )
            chained += len(updates)
        if chained:
            self.invalidate_model(["sequence", "previous_hash", "hash"])
        return chained

    @api.model
    def _mipg_cron_chain(self):
        """Scheduled action: chain what the post-commit chaining left (a
        server stopped in between, a lock that timed out)."""
        self.sudo()._mipg_chain()

    @api.model
    def _mipg_lock_chain(self, company_id):
        """Lock the chain of a company for this transaction and return its
        last sequence and hash."""
        cr = self.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, company_id))
        # FOR UPDATE: in a transaction that is not READ COMMITTED, if another
        # one chained (and committed) after this one took its snapshot,
        # PostgreSQL raises a serialisation failure here (Odoo replays the
        # request) instead of letting the chain fork
        cr.execute(
            "SELECT sequence, hash FROM mipg_audit_chain "
            "WHERE company_id = %s FOR UPDATE",
            (company_id,),
        )
        head = cr.fetchone()
        if head:
            return head[0], head[1]
        # the first row of this company (ON CONFLICT: the same serialisation
        # failure if a concurrent first row was committed meanwhile)
        cr.execute(
            "INSERT INTO mipg_audit_chain (company_id, sequence, hash) "
            "VALUES (%s, 0, %s) ON CONFLICT (company_id) DO NOTHING RETURNING id",
            (company_id, GENESIS_HASH),
        )
        if not cr.fetchone():
            raise UserError(
                self.env._(
                    "The audit chain of the company could not be started; save "
                    "your change again."
                )
            )
        return 0, GENESIS_HASH

    @api.model
    def _mipg_verify_chains(self, company_ids):
        """Recompute the chains of the given companies, in order. Return
        ``{"count": rows checked, "broken": [first broken row of each broken
        chain, as a dict]}``."""
        cr = self.env.cr
        count = 0
        broken = []
        columns = ", ".join(("id",) + CHAIN_FIELDS + ("hash",))
        for company_id in sorted(company_ids):
            cr.execute(
                "SELECT sequence, hash FROM mipg_audit_chain WHERE company_id = %s",
                (company_id,),
            )
            head = cr.fetchone() or (0, GENESIS_HASH)
            expected, previous, last = 1, GENESIS_HASH, None
            problem = None
            while not problem:
                cr.execute(
                    f"SELECT {columns} FROM mipg_audit_log "  # noqa: S608
                    "WHERE company_id = %s AND sequence >= %s "
                    "ORDER BY sequence, id LIMIT %s",
                    (company_id, expected, VERIFY_BATCH),
                )
                batch = cr.dictfetchall()
                for row in batch:
                    count += 1
                    if row["sequence"] != expected:
                        problem = (row, "gap")
                    elif row["previous_hash"] != previous:
                        problem = (row, "link")
                    elif chain_hash(row) != row["hash"]:
                        problem = (row, "content")
                    if problem:
                        break
                    expected += 1
                    previous = row["hash"]
                    last = row
                if len(batch) < VERIFY_BATCH:
                    break
            if not problem and (head[0], head[1]) != (expected - 1, previous):
                # rows removed from the end, or the last one rewritten
                problem = (last, "tail")
            if problem:
                row, reason = problem
                broken.append(dict(row or {}, company_id=company_id, reason=reason))
        return {"count": count, "broken": broken}

    def _mipg_broken_message(self, broken):
        company = self.env["res.company"].sudo().browse(broken["company_id"])
        reasons = {
            "gap": self.env._("the record before it is missing"),
            "link": self.env._("it does not follow the record before it"),
            "content": self.env._("its content does not match its hash"),
            "tail": self.env._(
                "the chain does not end with it as it should: records after it "
                "were removed, or it was added or rewritten"
            ),
        }
        if not broken.get("id"):
            return self.env._(
                "The audit chain of %(company)s is broken: its records are missing.",
                company=company.name,
            )
        return self.env._(
            "The audit chain of %(company)s is broken at record No. %(sequence)s "
            "(%(date)s, %(record)s, %(model)s #%(res_id)s): %(reason)s. Report it "
            "to the Internal Control Office and to the system administrator; the "
            "records before it are intact.",
            company=company.name,
            sequence=broken["sequence"],
            date=format_datetime(self.env, broken["date"]),
            record=broken["record_name"] or "",
            model=broken["model"],
            res_id=broken["res_id"],
            reason=reasons[broken["reason"]],
        )
