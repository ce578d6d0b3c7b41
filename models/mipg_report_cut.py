# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_report_format import MODALITIES, MODALITY_PROGRESS, MODALITY_SUBSCRIPTION
from .mipg_tools import attach_issued_file, download_issued_file

# Days before a cut-off date when the plan's responsible and the second line
# get their reminder.
CUT_REMINDER_DAYS = 15


class MipgReportCut(models.Model):
    """Corte: what the entity reported to the control body on a plan at a
    cut-off date (30 June, 31 December...). Issuing it freezes it: its rows
    as reported, the file delivered (with its SHA-256), the filing number and
    who issued it; later changes of the plan never alter it, and the next cut
    shows what changed since."""

    _name = "mipg.report.cut"
    _description = "MIPG report cut of an improvement plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = (
        "modality",
        "previous_cut_id",
        "issued_by_id",
        "date_issued",
        "attachment_id",
        "file_sha256",
    )
    _mipg_frozen_states = ("issued",)

    plan_id = fields.Many2one(
        "mipg.plan",
        string="Improvement plan",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    control_body_id = fields.Many2one(
        related="plan_id.control_body_id", string="Control body"
    )
    format_id = fields.Many2one(
        "mipg.report.format",
        string="Format",
        required=True,
        ondelete="restrict",
        compute="_compute_format_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Date(string="Cut-off date", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        copy=False,
    )
    modality = fields.Selection(
        MODALITIES,
        string="Registration modality",
        readonly=True,
        copy=False,
        help="The first cut issued of a plan is its subscription, the "
        "following ones its progress.",
    )
    previous_cut_id = fields.Many2one(
        "mipg.report.cut", string="Previous cut", readonly=True, copy=False
    )
    line_ids = fields.One2many(
        "mipg.report.cut.line", "cut_id", string="Rows as reported", readonly=True
    )
    filing_number = fields.Char(
        string="Filing number", help="Number given by the control body (radicado)."
    )
    filing_date = fields.Date(string="Filing date")
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False
    )
    date_issued = fields.Date(string="Issued on", readonly=True, copy=False)
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="File delivered",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    file_sha256 = fields.Char(string="File SHA-256", readonly=True, copy=False)
    note = fields.Text()
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "plan_date_unique",
            "UNIQUE (plan_id, date)",
            "The plan already has a cut at this cut-off date.",
        ),
    ]

    @api.depends("plan_id")
    def _compute_format_id(self):
        for cut in self:
            if not cut.format_id:
                cut.format_id = cut.plan_id.format_id

    @api.depends("plan_id", "date")
    def _compute_display_name(self):
        for cut in self:
            cut.display_name = f"{cut.plan_id.name or ''} - {cut.date or ''}"

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Issue")

    # ------------------------------------------------------------------
    # State methods
    # ------------------------------------------------------------------
    def action_issue(self):
        """The second line issues the cut: its rows are copied as they are
        today, the file in the plan's format is produced and kept with its
        fingerprint, and the cut is frozen."""
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) issues the cuts "
                "reported to the control bodies."
            ),
        )
        self.check_access("write")
        report = self.env["report.mipg.report_format"]
        for cut in self:
            if cut.state != "draft":
                raise UserError(self.env._("Only draft cuts are issued."))
            if cut.plan_id.state not in ("approved", "in_progress", "closed"):
                raise UserError(
                    self.env._(
                        "The plan %(ref)s is not approved: a cut reports what "
                        "was subscribed with the control body.",
                        ref=cut.plan_id.name,
                    )
                )
            if cut.date > fields.Date.context_today(self):
                raise UserError(
                    self.env._(
                        "The cut-off date %(date)s has not come yet: issue the "
                        "cut once it has.",
                        date=cut.date,
                    )
                )
            previous = self.search(
                [
                    ("plan_id", "=", cut.plan_id.id),
                    ("state", "=", "issued"),
                    ("date", "<", cut.date),
                ],
                order="date desc",
                limit=1,
            )
            later = self.search_count(
                [
                    ("plan_id", "=", cut.plan_id.id),
                    ("state", "=", "issued"),
                    ("date", ">", cut.date),
                ]
            )
            if later:
                raise UserError(
                    self.env._(
                        "A later cut of the plan %(ref)s is already issued: cuts "
                        "are issued in the order of their dates.",
                        ref=cut.plan_id.name,
                    )
                )
            modality = "progress" if previous else "subscription"
            text = MODALITY_PROGRESS if previous else MODALITY_SUBSCRIPTION
            content = report._render_xlsx(
                cut.plan_id, cut.format_id, cut_date=cut.date, modality=text
            )
            lines = report._cut_lines(cut.plan_id, cut.format_id, previous)
            attachment = attach_issued_file(
                self.env,
                {
                    "name": report._file_name(cut.plan_id, cut.format_id).replace(
                        ".xlsx", f" - {cut.date}.xlsx"
                    ),
                    "datas": base64.b64encode(content),
                    "res_model": cut._name,
                    "res_id": cut.id,
                    "mimetype": "application/vnd.openxmlformats-"
                    "officedocument.spreadsheetml.sheet",
                },
            )
            cut.sudo().write({"line_ids": [(0, 0, vals) for vals in lines]})
            cut._mipg_write_transition(
                {
                    "state": "issued",
                    "modality": modality,
                    "previous_cut_id": previous.id,
                    "issued_by_id": self.env.user.id,
                    "date_issued": fields.Date.context_today(self),
                    "attachment_id": attachment.id,
                    "file_sha256": hashlib.sha256(content).hexdigest(),
                }
            )
            cut.activity_ids.sudo().action_feedback()
        return True

    def action_download(self):
        """Download the file as it was delivered, checking its fingerprint."""
        self.ensure_one()
        return download_issued_file(
            self,
            self.env._(
                "The file of the cut %(cut)s is not the one that was issued "
                "(its fingerprint differs). Tell the Internal Control Office.",
                cut=self.display_name,
            ),
            missing=self.env._("The file of a cut is produced when the cut is issued."),
            hash_field="file_sha256",
        )

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_cut_reminders(self):
        """Daily: before each cut-off date of the control body of an
        approved plan, one to-do for the plan's responsible and each member
        of the second line, never twice for the same date."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("mipg.mipg_activity_type_cut")
        plans = self.env["mipg.plan"].search(
            [
                ("state", "in", ("approved", "in_progress")),
                ("control_body_id.cutoff_dates", "!=", False),
            ]
        )
        second_line = self._mipg_group_users("mipg.group_mipg_second_line")
        created = self.env["mail.activity"]
        for plan in plans:
            cutoff = plan.control_body_id._mipg_next_cutoff(today)
            if not cutoff or cutoff > today + timedelta(days=CUT_REMINDER_DAYS):
                continue
            waiting = plan.activity_ids.filtered(
                lambda a, cutoff=cutoff: (
                    a.activity_type_id == activity_type and a.date_deadline == cutoff
                )
            ).user_id
            for user in (plan.responsible_id | second_line) - waiting:
                created |= plan.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    date_deadline=cutoff,
                    summary=self.env._(
                        "Cut of %(date)s for %(body)s",
                        date=cutoff,
                        body=plan.control_body_id.name,
                    ),
                )
        return created
