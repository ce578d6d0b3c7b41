# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mipg_tools import add_business_days

# The five roles of the Internal Control Office (Decreto 648 de 2017, art.
# 2.2.21.5.3), in the order of the decree.
OCI_ROLES = [
    ("liderazgo_estrategico", "Strategic leadership"),
    ("enfoque_prevencion", "Focus on prevention"),
    ("evaluacion_riesgo", "Evaluation of risk management"),
    ("evaluacion_seguimiento", "Evaluation and follow-up"),
    ("entes_externos", "Relation with external control bodies"),
]
# Business days (días hábiles) the audited unit has to reply to the
# preliminary report, when the Internal Control Office does not set a
# deadline.
REPLY_DAYS = 10


class MipgAudit(models.Model):
    """An internal audit of the Internal Control Office: planning, fieldwork,
    preliminary report, reply of the audited unit, final report."""

    _name = "mipg.audit"
    _description = "MIPG internal audit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "date_opening desc, id desc"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = (
        "reply",
        "date_reply",
        "replied_by_id",
        "date_preliminary",
        "date_final",
    )
    _mipg_frozen_states = ("final",)

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    program_line_id = fields.Many2one(
        "mipg.audit.program.line",
        string="Planned in",
        index=True,
        check_company=True,
        help="The line of the audit programme this audit executes.",
    )
    role = fields.Selection(
        OCI_ROLES,
        string="OCI role",
        required=True,
        default="evaluacion_seguimiento",
    )
    process_ids = fields.Many2many(
        "mipg.process",
        "mipg_audit_process_rel",
        "audit_id",
        "process_id",
        string="Audited processes",
        check_company=True,
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_audit_policy_rel",
        "audit_id",
        "policy_id",
        string="Policies in scope",
    )
    risk_scope = fields.Text(string="Risks in scope")
    objective = fields.Text(required=True)
    scope = fields.Text(help="Period evaluated and subjects.")
    criteria = fields.Text(help="Rules, procedures and policies audited against.")
    leader_id = fields.Many2one(
        "res.users",
        string="Lead auditor",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    team_ids = fields.Many2many(
        "res.users",
        "mipg_audit_team_rel",
        "audit_id",
        "user_id",
        string="Audit team",
    )
    date_opening = fields.Date(string="Opening meeting", tracking=True)
    date_fieldwork_start = fields.Date(string="Fieldwork from")
    date_fieldwork_end = fields.Date(string="Fieldwork until")
    date_preliminary = fields.Date(
        string="Preliminary report", readonly=True, copy=False
    )
    date_reply_deadline = fields.Date(
        string="Reply deadline",
        tracking=True,
        help="Last day for the audited unit to reply to the preliminary "
        "report. When left empty (or already past), ten business days after it "
        "is issued: Saturdays and Sundays are skipped, and so are the holidays "
        "of the company's working calendar when working calendars are "
        "installed; without one only weekends are skipped, so set the date by "
        "hand when a holiday falls within the term.",
    )
    reply = fields.Text(string="Reply of the audited unit", readonly=True, copy=False)
    date_reply = fields.Date(string="Replied on", readonly=True, copy=False)
    replied_by_id = fields.Many2one(
        "res.users", string="Replied by", readonly=True, copy=False
    )
    date_final = fields.Date(string="Final report", readonly=True, copy=False)
    conclusions = fields.Text()
    recommendations = fields.Text()
    state = fields.Selection(
        [
            ("planning", "Planning"),
            ("fieldwork", "Fieldwork"),
            ("preliminary", "Preliminary report"),
            ("final", "Final report"),
        ],
        required=True,
        default="planning",
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    checklist_ids = fields.One2many(
        "mipg.audit.checklist", "audit_id", string="Checklist", copy=True
    )
    finding_ids = fields.One2many("mipg.audit.finding", "audit_id", string="Findings")
    finding_count = fields.Integer(compute="_compute_counts")
    report_ids = fields.One2many(
        "mipg.audit.report", "audit_id", string="Issued reports", readonly=True
    )
    report_count = fields.Integer(compute="_compute_counts")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "fieldwork_after_opening",
            "CHECK(date_fieldwork_start IS NULL OR date_opening IS NULL "
            "OR date_fieldwork_start >= date_opening)",
            "The fieldwork starts on or after the opening meeting.",
        ),
        (
            "fieldwork_order",
            "CHECK(date_fieldwork_end IS NULL OR date_fieldwork_start IS NULL "
            "OR date_fieldwork_end >= date_fieldwork_start)",
            "The fieldwork ends on or after the day it starts.",
        ),
        (
            "reply_deadline_after_preliminary",
            "CHECK(date_reply_deadline IS NULL OR date_preliminary IS NULL "
            "OR date_reply_deadline >= date_preliminary)",
            "The reply deadline is on or after the day the preliminary report "
            "is issued.",
        ),
    ]

    @api.depends("finding_ids", "report_ids")
    def _compute_counts(self):
        for audit in self:
            audit.finding_count = len(audit.finding_ids)
            audit.report_count = len(audit.report_ids)

    @api.constrains("leader_id", "team_ids")
    def _check_team_is_oci(self):
        for audit in self:
            outsiders = (audit.leader_id | audit.team_ids).filtered(
                lambda u: not u.has_group("mipg.group_mipg_third_line")
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "Only members of the Internal Control Office audit: "
                        "%(users)s cannot be in the audit team of %(audit)s.",
                        users=", ".join(outsiders.mapped("name")),
                        audit=audit.display_name,
                    )
                )

    @api.constrains("process_ids", "program_line_id", "company_id")
    def _check_programme(self):
        for audit in self:
            program = audit.program_line_id.program_id
            if program and program.state not in ("approved",):
                raise ValidationError(
                    self.env._(
                        "The audit programme %(program)s is not approved: an "
                        "audit executes a line of the approved programme.",
                        program=program.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _mipg_create_values(self, vals):
        if vals.get("name", "/") != "/":
            return {}
        return {"name": self.env["ir.sequence"].next_by_code("mipg.audit") or "/"}

    @api.model
    def _mipg_state_buttons(self):
        return self.env._(
            "Start fieldwork, Issue preliminary report, Reply, Issue final report"
        )

    def _mipg_frozen_message(self):
        return self.env._(
            "The final report of the audit %(audit)s was issued: the audit, its "
            "checklist and its findings can no longer change.",
            audit=self.display_name,
        )

    @api.depends("name", "title")
    def _compute_display_name(self):
        for audit in self:
            audit.display_name = (
                f"{audit.name} {audit.title}"
                if audit.name and audit.name != "/"
                else audit.title or ""
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start_fieldwork(self):
        self._mipg_check_oci()
        self._mipg_check_state_from("planning")
        for audit in self:
            if not audit.process_ids:
                raise UserError(
                    self.env._(
                        "Say which processes the audit %(audit)s covers before "
                        "starting its fieldwork.",
                        audit=audit.display_name,
                    )
                )
        today = fields.Date.context_today(self)
        for audit in self:
            vals = {"state": "fieldwork"}
            if not audit.date_opening:
                vals["date_opening"] = today
            if not audit.date_fieldwork_start:
                vals["date_fieldwork_start"] = max(today, audit.date_opening or today)
            audit._mipg_write_transition(vals)
        return True

    def action_issue_preliminary(self):
        """Issue the preliminary report (a frozen PDF with its fingerprint)
        and ask the leaders of the audited processes for their reply."""
        self._mipg_check_oci()
        self._mipg_check_state_from("fieldwork")
        for audit in self:
            if not audit.checklist_ids.filtered("result"):
                raise UserError(
                    self.env._(
                        "The checklist of %(audit)s has no result yet: record what "
                        "was verified before issuing the preliminary report.",
                        audit=audit.display_name,
                    )
                )
        today = fields.Date.context_today(self)
        for audit in self:
            deadline = audit.date_reply_deadline
            if not deadline or deadline < today:
                deadline = add_business_days(
                    self.env, today, REPLY_DAYS, audit.company_id
                )
            audit._mipg_write_transition(
                {
                    "state": "preliminary",
                    "date_preliminary": today,
                    "date_reply_deadline": deadline,
                    "date_fieldwork_end": audit.date_fieldwork_end
                    or max(today, audit.date_fieldwork_start or today),
                }
            )
            audit._mipg_issue_report("preliminary")
            audit._mipg_schedule(
                "mipg.mipg_activity_type_audit_reply",
                audit.process_ids.leader_id.filtered("active"),
                note=self.env._("Reply to the preliminary audit report."),
            )
        return True

    def action_open_reply(self):
        self.ensure_one()
        self._mipg_check_can_reply()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply to the preliminary report"),
            "res_model": "mipg.audit.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_audit_id": self.id},
        }

    def _mipg_submit_reply(self, reply):
        """The leader of an audited process answers the preliminary
        report: once, before the final report."""
        self.ensure_one()
        self._mipg_check_can_reply()
        if not (reply or "").strip():
            raise UserError(self.env._("Write the reply before sending it."))
        # The audited unit reads the audit but never writes it: its reply is
        # written as superuser once checked who answers.
        self.sudo().write(
            {
                "reply": reply.strip(),
                "date_reply": fields.Date.context_today(self),
                "replied_by_id": self.env.user.id,
            }
        )
        self._mipg_done("mipg.mipg_activity_type_audit_reply")
        self.sudo().message_post(
            author_id=self.env.user.partner_id.id,
            body=self.env._("The audited unit replied to the preliminary report."),
        )
        return True

    def action_issue_final(self):
        """Issue the final report: the audit is frozen, its PDF kept with its
        fingerprint, and its findings become improvement opportunities."""
        self._mipg_check_oci()
        self._mipg_check_state_from("preliminary")
        today = fields.Date.context_today(self)
        for audit in self:
            if not audit.date_reply and today <= audit.date_reply_deadline:
                raise UserError(
                    self.env._(
                        "The audited unit has until %(date)s to reply to the "
                        "preliminary report of %(audit)s: wait for its reply or "
                        "for the deadline.",
                        date=fields.Date.to_string(audit.date_reply_deadline),
                        audit=audit.display_name,
                    )
                )
        # the opportunities first: they are raised by the OCI, with its rights
        self.finding_ids._mipg_raise_opportunities()
        for audit in self:
            audit._mipg_write_transition({"state": "final", "date_final": today})
            audit._mipg_done("mipg.mipg_activity_type_audit_reply")
            audit._mipg_issue_report("final")
        return True

    def action_view_findings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Findings"),
            "res_model": "mipg.audit.finding",
            "view_mode": "list,form",
            "domain": [("audit_id", "=", self.id)],
            "context": {"default_audit_id": self.id},
        }

    def action_view_reports(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issued reports"),
            "res_model": "mipg.audit.report",
            "view_mode": "list,form",
            "domain": [("audit_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_oci(self):
        self._mipg_check_group(
            "mipg.group_mipg_third_line",
            self.env._("Only the Internal Control Office plans and executes audits."),
        )

    def _mipg_check_state_from(self, state):
        label = dict(self._fields["state"]._description_selection(self.env))
        for audit in self:
            if audit.state != state:
                raise UserError(
                    self.env._(
                        "The audit %(audit)s is in %(current)s; this step is taken "
                        "from %(expected)s.",
                        audit=audit.display_name,
                        current=label[audit.state],
                        expected=label[state],
                    )
                )

    def _mipg_check_can_reply(self):
        self.ensure_one()
        self.check_access("read")
        if self.state != "preliminary":
            raise UserError(
                self.env._(
                    "Only a preliminary report waits for the reply of the audited unit."
                )
            )
        if self.date_reply:
            raise UserError(
                self.env._(
                    "The audited unit already replied to the preliminary report "
                    "of %(audit)s on %(date)s.",
                    audit=self.display_name,
                    date=fields.Date.to_string(self.date_reply),
                )
            )
        if not (self.env.su or self.env.user in self.sudo().process_ids.leader_id):
            raise UserError(
                self.env._(
                    "Only the leader of an audited process answers the "
                    "preliminary report of %(audit)s.",
                    audit=self.display_name,
                )
            )

    def _mipg_issue_report(self, kind):
        """Render the report PDF and keep it, frozen, with its SHA-256."""
        self.ensure_one()
        return self.env["mipg.audit.report"].sudo()._mipg_issue(self, kind)
