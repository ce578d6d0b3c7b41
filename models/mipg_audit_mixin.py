# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json

from odoo import api, fields, models, tools

# Never logged: the ORM's own columns and the chatter's and activities'
# technical fields (they change without anyone changing the record).
SKIPPED_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "__last_update",
}
SKIPPED_PREFIXES = ("message_", "activity_", "website_message_", "rating_")


class MipgAuditMixin(models.AbstractModel):
    """Writes every create, write and unlink of the inheriting model to the
    append-only audit log (mipg.audit.log), in the same transaction, as
    superuser, whatever the context (``tracking_disable``, ``mail_notrack``
    and the like silence the chatter, not this log).

    What is logged, for the user of the environment (``env.uid``, also under
    ``sudo()``):

    - create: one row per record (no field), ``new_value`` listing its
      stored fields that have a value (not False, 0 or empty) or were given
      in the values, one ``Label (name): value`` line each, sorted by
      technical name;
    - write: one row per record and per stored field of the values whose
      value really changed, with its old and new value;
    - unlink: one row per record with its name and, in ``old_value``, its
      values before deletion (as for create).

    Only what goes through ``create``, ``write`` and ``unlink`` is logged: a
    stored computed field recomputed by the ORM, or rows deleted by a
    database cascade, are not. Values as text: many2one ``id,display name``;
    x2many the display names, ordered by id, separated by ``, ``; dates and
    datetimes ISO (datetimes in UTC); booleans ``True``/``False``; selections
    ``key (label)``; binaries their SHA-256. Labels and names are those the
    user saw (the user's language). All rows of one call are inserted at
    once."""

    _name = "mipg.audit.mixin"
    _description = "MIPG audited record"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        audited = records.sudo()
        labels = audited._mipg_audit_labels()
        names = list(labels)  # the logged fields, by name
        rows = []
        for record, vals in zip(audited, vals_list, strict=False):
            summary = record._mipg_audit_summary(names, given=vals, labels=labels)
            rows.append(record._mipg_audit_row("create", new=summary))
        self.env["mipg.audit.log"]._mipg_append(rows)
        return records

    def write(self, vals):
        names = [name for name in vals if self._mipg_audit_field(name)]
        if not self or not names:
            return super().write(vals)
        labels = self._mipg_audit_labels()
        before = self.sudo()._mipg_audit_values(names, labels)
        result = super().write(vals)
        audited = self.sudo()
        after = audited._mipg_audit_values(names, labels)
        rows = []
        for record in audited:
            for name in names:
                old, new = before[record.id][name], after[record.id][name]
                if old != new:
                    rows.append(
                        record._mipg_audit_row(
                            "write",
                            field=self._fields[name],
                            old=old,
                            new=new,
                            label=labels[name][0],
                        )
                    )
        self.env["mipg.audit.log"]._mipg_append(rows)
        return result

    def unlink(self):
        audited = self.sudo()
        labels = audited._mipg_audit_labels()
        names = list(labels)
        rows = [
            record._mipg_audit_row(
                "unlink", old=record._mipg_audit_summary(names, labels=labels)
            )
            for record in audited
        ]
        result = super().unlink()
        self.env["mipg.audit.log"]._mipg_append(rows)
        return result

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def action_view_mipg_audit_trail(self):
        """The audit trail of these records: who created, changed or deleted
        what, and when (the log's own rights decide who reads it)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_audit_log_action"
        )
        action["domain"] = [("model", "=", self._name), ("res_id", "in", self.ids)]
        if len(self) == 1:
            action["name"] = self.env._(
                "Audit trail of %(record)s", record=self.display_name
            )
        return action

    def _mipg_audit_field(self, name):
        """Whether a change of the field ``name`` is logged."""
        field = self._fields.get(name)
        return bool(
            field
            and field.store
            and name not in SKIPPED_FIELDS
            and not name.startswith(SKIPPED_PREFIXES)
        )

    @api.model
    def _mipg_audit_fields(self):
        return sorted(name for name in self._fields if self._mipg_audit_field(name))

    @api.model
    @tools.ormcache("self._name", "self.env.lang")
    def _mipg_audit_labels(self):
        """``{field name: (label, {selection value: label} or None)}`` of
        the logged fields, in the user's language. Cached with the labels
        of Odoo's fields, which it reads (cleared with them): it is shared,
        never to be changed by its callers."""
        labels = {}
        for name in self._mipg_audit_fields():
            field = self._fields[name]
            selection = None
            if field.type == "selection" and not callable(field.selection):
                # a static list (a method's selection is read each time)
                selection = dict(field._description_selection(self.env))
            labels[name] = (field._description_string(self.env), selection)
        return labels

    def _mipg_audit_values(self, names, labels=None):
        """``{record id: {field name: value as text}}``."""
        labels = labels or self._mipg_audit_labels()
        return {
            record.id: {name: record._mipg_audit_text(name, labels) for name in names}
            for record in self
        }

    def _mipg_audit_summary(self, names, given=(), labels=None):
        """The values of the record, one ``Label (name): value`` line per
        field that has a value or is in ``given``."""
        self.ensure_one()
        labels = labels or self._mipg_audit_labels()
        lines = []
        for name in names:
            if self[name] or name in given:
                text = self._mipg_audit_text(name, labels)
                lines.append(f"{labels[name][0]} ({name}): {text}")
        return "\n".join(lines)

    def _mipg_audit_text(self, name, labels=None):
        """The value of the field ``name`` of the record, as text
        (``labels``: those of ``_mipg_audit_labels``, when known)."""
        self.ensure_one()
        field = self._fields[name]
        value = self[name]
        if field.type == "many2one":
            return f"{value.id},{value.display_name}" if value else ""
        if field.type in ("one2many", "many2many"):
            return ", ".join(value.sorted("id").mapped("display_name"))
        if field.type == "boolean":
            return "True" if value else "False"
        if field.type == "selection":
            if not value:
                return ""
            selection = labels[name][1] if labels and name in labels else None
            if selection is None:
                selection = dict(field._description_selection(self.env))
            label = selection.get(value)
            return f"{value} ({label})" if label else str(value)
        if field.type == "date":
            return value.isoformat() if value else ""
        if field.type == "datetime":
            return fields.Datetime.to_string(value) if value else ""
        if field.type in ("integer", "float", "monetary"):
            return str(value)
        if field.type == "binary":
            if not value:
                return ""
            raw = value if isinstance(value, bytes) else str(value).encode()
            return f"sha256:{hashlib.sha256(raw).hexdigest()}"
        if field.type in ("json", "properties"):
            return json.dumps(value, sort_keys=True, default=str) if value else ""
        if field.type == "reference":
            return f"{value._name},{value.id}" if value else ""
        return str(value) if value else ""

    def _mipg_audit_row(self, operation, field=None, old="", new="", label=None):
        self.ensure_one()
        company = self["company_id"] if "company_id" in self._fields else False
        if not company or company._name != "res.company":
            company = self.env.company
        return {
            "company_id": company.id,
            "model": self._name,
            "res_id": self.id,
            "record_name": self.display_name or "",
            "operation": operation,
            "field_name": field.name if field else "",
            "field_description": (label or field._description_string(self.env))
            if field
            else "",
            "old_value": old,
            "new_value": new,
        }
