# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mipg_tools import check_year, year_sql_constraint
from .mipg_workflow_mixin import ALL_FIELDS


class MipgAuditProgram(models.Model):
    """The yearly audit programme of the Internal Control Office, approved
    by the Comité Institucional de Coordinación de Control Interno. A
    change after its approval is a new version, approved again; the
    approved versions are kept as history."""

    _name = "mipg.audit.program"
    _description = "MIPG audit programme"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.committee.approval.mixin",
    ]
    _order = "year desc, version desc, id desc"
    _check_company_auto = True
    _sql_constraints = [year_sql_constraint()]
    _mipg_state_field = "state"
    _mipg_transition_fields = ("approved_by_id", "date_approved")
    _mipg_frozen_states = ("approved", "superseded")

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._("Audit programme"),
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one(
        "mipg.audit.program",
        string="Changes version",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
    )
    change_reason = fields.Text(
        string="Reason for the change",
        help="Why the approved programme changes: the committee approves the "
        "new version knowing why.",
    )
    objective = fields.Text()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To approve"),
            ("approved", "Approved"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "mipg.audit.program.line", "program_id", string="Planned work", copy=True
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    date_approved = fields.Date(string="Approval date", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def init(self):
        # one approved version and one version in preparation per year
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS mipg_audit_program_approved_uniq
                ON mipg_audit_program (year, company_id) WHERE state = 'approved';
            CREATE UNIQUE INDEX IF NOT EXISTS mipg_audit_program_open_uniq
                ON mipg_audit_program (year, company_id)
                WHERE state IN ('draft', 'to_approve');
            """
        )

    @api.constrains("year")
    def _check_year(self):
        check_year(
            self,
            lambda year: self.env._(
                "The year %(year)s is not valid: write it with four digits, e.g. 2026.",
                year=year,
            ),
        )

    @api.depends("name", "year", "version")
    def _compute_display_name(self):
        for program in self:
            program.display_name = self.env._(
                "%(title)s %(year)s (v%(version)s)",
                title=program.name or "",
                year=program.year,
                version=program.version,
            )

    def _mipg_locked_fields(self):
        """Submitted, the programme waits for the committee as it was
        submitted."""
        self.ensure_one()
        if self.state == "to_approve":
            # the strategic line says in which session the committee decides
            return frozenset(self._fields) - {"session_id"}
        return ALL_FIELDS if self.state != "draft" else super()._mipg_locked_fields()

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Submit, Approve, Return, Change")

    def _mipg_frozen_message(self):
        return self.env._(
            "The audit programme %(program)s is approved: to change it, press "
            "Change, which prepares a new version for the committee.",
            program=self.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mipg_check_one_open(
                vals.get("year") or fields.Date.context_today(self).year,
                vals.get("company_id") or self.env.company.id,
            )
        return super().create(vals_list)

    def write(self, vals):
        if {"year", "company_id"} & set(vals):
            for program in self.filtered(lambda p: p.state in ("draft", "to_approve")):
                program._mipg_check_one_open(
                    vals.get("year", program.year),
                    vals.get("company_id", program.company_id.id),
                    exclude=program,
                )
        return super().write(vals)

    @api.model
    def _mipg_check_one_open(self, year, company_id, exclude=None):
        """One programme in preparation a year (the partial unique index
        backs it; this tells the user what to do)."""
        domain = [
            ("state", "in", ("draft", "to_approve")),
            ("year", "=", year),
            ("company_id", "=", company_id),
        ]
        if exclude:
            domain.append(("id", "!=", exclude.id))
        if self.sudo().search_count(domain, limit=1):
            raise ValidationError(
                self.env._(
                    "There is already an audit programme of %(year)s in "
                    "preparation: open it instead of creating another one.",
                    year=year,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The OCI submits the programme to the committee."""
        self._mipg_check_oci()
        for program in self:
            if program.state != "draft":
                raise UserError(
                    self.env._("Only a draft programme is submitted for approval.")
                )
            if not program.line_ids:
                raise UserError(
                    self.env._(
                        "The programme %(program)s plans nothing yet: add the "
                        "audits and the work of the year before submitting it.",
                        program=program.display_name,
                    )
                )
            if program.previous_id and not (program.change_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reason for the change of %(program)s before "
                        "submitting the new version.",
                        program=program.display_name,
                    )
                )
        self._mipg_write_transition({"state": "to_approve"})
        self._mipg_schedule(
            "mipg.mipg_activity_type_approval",
            self._mipg_group_users("mipg.group_mipg_strategic_line"),
            note=self.env._("Audit programme submitted to the committee."),
        )
        return True

    def action_approve(self):
        """The strategic line records the committee's approval; the version
        it changes is kept, superseded, and its audits follow the new one."""
        self._mipg_check_strategic_line()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(
                self.env._("Only a programme submitted for approval is approved.")
            )
        self._mipg_record_decisions(required=True)
        for program in self:
            previous = program.previous_id
            if previous.state == "approved":
                # the strategic line writes only what waits for its decision:
                # the version it replaces is superseded by the approval itself
                previous.sudo().write({"state": "superseded"})
            program._mipg_write_transition(
                {
                    "state": "approved",
                    "approved_by_id": self.env.user.id,
                    "date_approved": fields.Date.context_today(self),
                }
            )
            for line in program.line_ids.filtered("origin_line_id"):
                line.origin_line_id.audit_ids.sudo().write({"program_line_id": line.id})
        self._mipg_done("mipg.mipg_activity_type_approval")
        return True

    def action_return(self):
        """The strategic line sends the programme back to the OCI."""
        self._mipg_check_strategic_line()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(
                self.env._("Only a programme submitted for approval is returned.")
            )
        self._mipg_write_transition({"state": "draft"})
        self._mipg_done("mipg.mipg_activity_type_approval")
        return True

    def action_change(self):
        """The OCI prepares a new version of the approved programme."""
        self._mipg_check_oci()
        self.ensure_one()
        if self.state != "approved":
            raise UserError(
                self.env._("Only the approved programme is changed by a new version.")
            )
        self.check_access("read")
        self.env["mipg.audit.program"].check_access("create")
        new = self.sudo().copy(
            {
                "version": self.version + 1,
                "previous_id": self.id,
                "name": self.name,
                "change_reason": False,
            }
        )
        for old, line in zip(self.line_ids, new.line_ids, strict=True):
            line.origin_line_id = old
        new = new.sudo(self.env.su)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_oci(self):
        self._mipg_check_group(
            "mipg.group_mipg_third_line",
            self.env._(
                "Only the Internal Control Office prepares the audit programme."
            ),
        )

    def _mipg_check_strategic_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_strategic_line",
            self.env._(
                "Only the strategic line records the committee's decision on the "
                "audit programme."
            ),
        )
