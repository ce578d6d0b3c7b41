# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one place where the MIPG records guard their state, their review
fields, their computed figures and their frozen content, whatever the path
(web client, JSON-RPC, ``create`` as well as ``write``, context keys).

Anchors: OCA ``base_tier_validation`` (one guarded ``write`` over the state
fields) and ``sale.order.line._get_protected_fields()`` in Odoo core."""

import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mipg_audit_mixin import SKIPPED_FIELDS, SKIPPED_PREFIXES

# Every field of the record.
ALL_FIELDS = "__all__"
# Longest text a user may write in a field of each type (characters).
TEXT_LIMITS = {"char": 1000, "text": 20000, "html": 200000}
# Fields the framework maintains itself.
MAGIC_FIELDS = SKIPPED_FIELDS | {"mipg_locked"}


class MipgWorkflowMixin(models.AbstractModel):
    """Rules of change of a MIPG record. Each model declares, in one place:

    - ``_mipg_state_field``: its state field, if it has a workflow;
    - ``_mipg_transition_fields``: the review fields (approver, validator,
      dates...) that, like the state, only its state methods write, through
      :meth:`_mipg_write_transition`;
    - ``_mipg_frozen_states``: the states in which the record is frozen:
      no field, attachment or message of it changes any more;
    - ``_mipg_frozen_parent``: the many2one whose record freezes this one
      (the lines of a finished self-assessment);
    - :meth:`_mipg_locked_fields`: the fields locked in the current state,
      when only some are.

    Fields declared ``readonly`` in the model (computed figures such as
    progress, effectiveness, counts and scores, related fields, references,
    authors) are written by the model's own code only: nobody else writes
    them, on create or on write. Only the superuser passes (the state methods
    write as superuser once they have checked who acts)."""

    _name = "mipg.workflow.mixin"
    _description = "MIPG rules of change"

    _mipg_state_field = None
    _mipg_transition_fields = ()
    _mipg_frozen_states = ()
    _mipg_frozen_parent = None
    # Fields declared read-only that the users may write nonetheless.
    _mipg_writable_fields = ()

    mipg_locked = fields.Boolean(
        string="Locked",
        compute="_compute_mipg_locked",
        help="The record cannot be changed in its current state.",
    )

    def _compute_mipg_locked(self):
        for record in self:
            record.mipg_locked = bool(record._mipg_locked_fields())

    # ------------------------------------------------------------------
    # What is locked
    # ------------------------------------------------------------------
    def _mipg_is_frozen(self):
        """The record is frozen: its fields, attachments and messages no
        longer change."""
        self.ensure_one()
        record = self.sudo()
        if (
            record._mipg_state_field
            and record[record._mipg_state_field] in record._mipg_frozen_states
        ):
            return True
        parent = record._mipg_frozen_parent and record[record._mipg_frozen_parent]
        return bool(parent) and parent._mipg_is_frozen()

    def _mipg_locked_fields(self):
        """The fields of the record that cannot change in its state: a set
        of names, or ALL_FIELDS."""
        self.ensure_one()
        return ALL_FIELDS if self._mipg_is_frozen() else frozenset()

    @api.model
    def _mipg_protected_fields(self):
        """Fields nobody but the model's own code writes: the state, the
        review fields and every field declared read-only."""
        names = set(self._mipg_transition_fields)
        if self._mipg_state_field:
            names.add(self._mipg_state_field)
        for name, field in self._fields.items():
            if (
                field.readonly
                and name not in MAGIC_FIELDS
                and name not in self._mipg_writable_fields
                and not name.startswith(SKIPPED_PREFIXES)
            ):
                names.add(name)
        return names

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    @api.model
    def _mipg_check_values(self, vals):
        """Finite numbers and texts of a sensible length, for everybody."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field:
                continue
            if (
                field.type in ("float", "monetary")
                and isinstance(value, float)
                and not math.isfinite(value)
            ):
                raise ValidationError(
                    self.env._(
                        "The value of %(field)s is not a number (%(value)s). "
                        "Write a finite number.",
                        field=field._description_string(self.env),
                        value=value,
                    )
                )
            limit = TEXT_LIMITS.get(field.type)
            if limit and isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    self.env._(
                        "%(field)s is too long: %(length)s characters, at most "
                        "%(limit)s. Shorten it, or attach the full text as a "
                        "document.",
                        field=field._description_string(self.env),
                        length=len(value),
                        limit=limit,
                    )
                )

    @api.model
    def _mipg_document_label(self):
        """The name of the model in the user's language."""
        return self.env["ir.model"]._get(self._name).name or self._description

    def _mipg_field_labels(self, names):
        return ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )

    @api.model
    def _mipg_set_on_create(self, vals):
        """The fields of ``vals`` given a value other than empty or their
        default (a form sends the default state of a new record)."""
        defaults = self.default_get(
            [name for name in vals if name in self._mipg_protected_fields()]
        )
        return [
            name
            for name, value in vals.items()
            if value and value != defaults.get(name, False)
        ]

    @api.model
    def _mipg_check_protected(self, names):
        protected = self._mipg_protected_fields() & set(names)
        if self._mipg_state_field in protected or (
            protected & set(self._mipg_transition_fields)
        ):
            raise UserError(
                self.env._(
                    "The state and the review of a %(document)s change only with "
                    "its buttons (%(buttons)s), which check who acts and what the "
                    "rules say; a new one starts as a draft.",
                    document=self._mipg_document_label(),
                    buttons=self._mipg_state_buttons(),
                )
            )
        if protected:
            raise UserError(self._mipg_protected_message(protected))

    @api.model
    def _mipg_state_buttons(self):
        """The buttons that change the state, for the messages."""
        return ""

    @api.model
    def _mipg_protected_message(self, names):
        return self.env._(
            "%(fields)s of %(document)s are set by MIPG itself (its buttons and "
            "computations) and cannot be written by hand.",
            fields=self._mipg_field_labels(names),
            document=self._mipg_document_label(),
        )

    def _mipg_check_locked(self, names, files=False):
        """Refuse a change of ``names`` that the record's state locks;
        ``files``: the change is of the files of these evidence fields."""
        names = set(names)
        for record in self:
            locked = record._mipg_locked_fields()
            if locked == ALL_FIELDS:
                raise UserError(record._mipg_frozen_message())
            if not locked & names:
                continue
            labels = record._mipg_field_labels(locked & names)
            if files:
                raise UserError(
                    self.env._(
                        "%(record)s is locked in its current state: its files "
                        "(%(fields)s) can be neither added, replaced nor deleted.",
                        record=record.display_name,
                        fields=labels,
                    )
                )
            raise UserError(
                self.env._(
                    "%(record)s is locked in its current state: %(fields)s "
                    "can no longer be changed.",
                    record=record.display_name,
                    fields=labels,
                )
            )

    def _mipg_frozen_message(self):
        return self.env._(
            "%(record)s is frozen: it is part of the institutional record and "
            "can be neither changed nor deleted, nor can its attachments and "
            "messages.",
            record=self.display_name,
        )

    def _mipg_check_not_frozen(self):
        for record in self:
            if record._mipg_is_frozen():
                raise UserError(record._mipg_frozen_message())

    def _mipg_check_files_unlocked(self):
        """The files of the record (its attachments) change neither when it
        is frozen nor while its evidence fields are locked in its state."""
        self._mipg_check_locked(self._mipg_evidence_fields(), files=True)

    @api.model
    def _mipg_check_parent(self, vals):
        """No line created on, or moved into, a frozen parent (an index on
        an imported FURAG result, a score line on a finished self-assessment,
        a finding of an audit whose final report was issued)."""
        parent_field = self._mipg_frozen_parent
        if parent_field and vals.get(parent_field):
            comodel = self._fields[parent_field].comodel_name
            self.env[comodel].browse(vals[parent_field])._mipg_check_not_frozen()

    @api.model
    def _mipg_check_links(self, vals):
        """A user links a record only to MIPG records they may read: nobody
        reaches another process's plan or opportunity by linking to it."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field
                and field.type == "many2one"
                and value
                and isinstance(value, int)
                and hasattr(self.env.get(field.comodel_name), "_mipg_is_frozen")
            ):
                self.env[field.comodel_name].browse(value).check_access("read")

    @api.model
    def _mipg_clean_context(self):
        """Drop the context defaults of protected fields (``default_state``
        and the like), which would otherwise fill them after the checks."""
        protected = self._mipg_protected_fields()
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[8:] in protected)
        }
        return (
            # the whole context replaced on purpose: the keys are dropped
            self.with_context(context)  # pylint: disable=context-overridden
            if len(context) != len(self.env.context)
            else self
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # who may not create at all is told so first
            self.browse().check_access("create")
            self = self._mipg_clean_context()
        for vals in vals_list:
            self._mipg_check_values(vals)
            if not self.env.su:
                self._mipg_check_protected(self._mipg_set_on_create(vals))
                self._mipg_check_parent(vals)
                self._mipg_check_links(vals)
            vals.update(self._mipg_create_values(vals))
        records = super().create(vals_list)
        records._mipg_bind_attachments()
        return records

    def write(self, vals):
        self._mipg_check_values(vals)
        if not self.env.su:
            # who may not write this model at all is told so first, and the
            # messages below name the records only to who reads them
            self.browse().check_access("write")
            self.check_access("read")
            self._mipg_check_protected(vals)
            self._mipg_check_locked(vals)
            self._mipg_check_parent(vals)
            self._mipg_check_links(vals)
        res = super().write(vals)
        if set(vals) & set(self._mipg_evidence_fields()):
            self._mipg_bind_attachments()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        if not self.env.su:
            self._mipg_check_not_frozen()

    @api.model
    def _mipg_create_values(self, vals):
        """Values a model sets itself on the records it creates (its
        reference, its author), after the checks."""
        return {}

    def _mipg_write_transition(self, vals):
        """Write the state and review fields once the state method has
        checked who acts and what the rules say: as superuser, since
        ``write`` refuses them to everybody else (no context key opens that
        door to an RPC caller), but only on records the user may write."""
        self.check_access("write")
        return self.sudo().write(vals)

    # ------------------------------------------------------------------
    # Attachments
    # ------------------------------------------------------------------
    @api.model
    def _mipg_evidence_fields(self):
        """The stored many2many fields of files (evidence) of the model."""
        return [
            name
            for name, field in self._fields.items()
            if field.type == "many2many"
            and field.comodel_name == "ir.attachment"
            and field.store
        ]

    def _mipg_bind_attachments(self):
        """Evidence belongs to its record: files uploaded before the first
        save (not bound to any record yet) are bound to it, files of other
        records are copied to it, so that who reads the record reads its
        evidence and freezing the record freezes its evidence. A user links
        only files they may read."""
        names = self._mipg_evidence_fields()
        if not names:
            return
        for record in self:
            for name in names:
                foreign = record.sudo()[name].filtered(
                    lambda a, r=record: (
                        not (a.res_model == r._name and a.res_id == r.id)
                    )
                )
                if not foreign:
                    continue
                if not self.env.su:
                    foreign.with_env(self.env).check("read")
                unbound = foreign.filtered(lambda a: not a.res_id)
                unbound.sudo().write({"res_model": record._name, "res_id": record.id})
                others = foreign - unbound
                if others:
                    copies = (
                        others.sudo()
                        .with_context(mipg_bind=True)
                        .copy({"res_model": record._name, "res_id": record.id})
                    )
                    record.sudo().write(
                        {
                            name: [(3, a.id) for a in others]
                            + [(4, a.id) for a in copies]
                        }
                    )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_group(self, xmlid, message):
        """The one check of who presses a button: the superuser always may,
        everybody else must belong to the group."""
        if not (self.env.su or self.env.user.has_group(xmlid)):
            raise AccessError(message)

    def _mipg_schedule(self, activity_xmlid, users, note=""):
        """One to-do of the given type for each user on each record, unless
        they already have one: the next person of the cycle is told."""
        activity_type = self.env.ref(activity_xmlid)
        for record in self.sudo():
            waiting = record.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ).user_id
            for user in users - waiting:
                record.activity_schedule(
                    activity_type_id=activity_type.id, user_id=user.id, note=note
                )

    def _mipg_done(self, activity_xmlid, feedback=""):
        """The to-dos of that type on the records are done: the work they
        asked for was done, by whoever did it."""
        activity_type = self.env.ref(activity_xmlid)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=feedback)

    @api.model
    def _mipg_group_users(self, xmlid):
        """The active internal users of a group, in the current company."""
        return (
            self.env.ref(xmlid)
            .sudo()
            .users.filtered(
                lambda u: u.active and not u.share and self.env.company in u.company_ids
            )
        )

    def _mipg_names_for_user(self, records, limit=5, label=None):
        """Names of the records the current user may read (``label`` gives
        the text of one), and how many others: error messages never name
        what the user may not see."""
        readable = records.with_env(self.env)._filtered_access("read")
        names = [
            label(record) if label else record.display_name
            for record in readable[:limit]
        ]
        hidden = len(records) - len(names)
        if hidden:
            names.append(self.env._("%(count)s more", count=hidden))
        return ", ".join(names)
