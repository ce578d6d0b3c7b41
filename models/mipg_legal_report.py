# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class MipgLegalReport(models.Model):
    """A legal report due in a year: generated with the year's calendar,
    delivered with its file and filing reference."""

    _name = "mipg.legal.report"
    _description = "MIPG legal report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "date_due, id"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = ("date_delivered", "delivered_by_id")
    _mipg_frozen_states = ("delivered",)

    type_id = fields.Many2one(
        "mipg.legal.report.type", required=True, index=True, ondelete="restrict"
    )
    deadline_id = fields.Many2one(
        "mipg.legal.report.deadline", index=True, ondelete="set null"
    )
    year = fields.Integer(required=True)
    period = fields.Char(string="Period reported")
    date_due = fields.Date(string="Due date", required=True, tracking=True)
    to_verify = fields.Boolean(related="type_id.to_verify", string="Verify")
    legal_basis = fields.Text(related="type_id.legal_basis")
    state = fields.Selection(
        [("pending", "Pending"), ("delivered", "Delivered")],
        required=True,
        default="pending",
        tracking=True,
        index=True,
        copy=False,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    filing_reference = fields.Char(
        help="Filing number, platform receipt or web address where it was published."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "mipg_legal_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Delivered file",
    )
    date_delivered = fields.Date(string="Delivered on", readonly=True, copy=False)
    delivered_by_id = fields.Many2one(
        "res.users", string="Delivered by", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def init(self):
        # a due date of the calendar gives one report a year and company
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS mipg_legal_report_deadline_year_uniq
                ON mipg_legal_report (deadline_id, year, company_id)
                WHERE deadline_id IS NOT NULL
            """
        )

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = report.state == "pending" and report.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue reports with Yes or No."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "pending"), ("date_due", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("type_id", "period", "year")
    def _compute_display_name(self):
        for report in self:
            report.display_name = (
                f"{report.type_id.name} - {report.period or report.year}"
            )

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Deliver")

    def _mipg_frozen_message(self):
        return self.env._(
            "The legal report %(report)s was delivered: it is kept as it was "
            "delivered.",
            report=self.display_name,
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_deliver(self):
        self._mipg_check_group(
            "mipg.group_mipg_third_line",
            self.env._("Only the Internal Control Office delivers its legal reports."),
        )
        for report in self:
            if report.state != "pending":
                raise UserError(self.env._("This legal report was already delivered."))
            if not (report.attachment_ids and (report.filing_reference or "").strip()):
                raise UserError(
                    self.env._(
                        "Attach the delivered file of %(report)s and write its "
                        "filing reference before marking it delivered.",
                        report=report.display_name,
                    )
                )
        self._mipg_write_transition(
            {
                "state": "delivered",
                "date_delivered": fields.Date.context_today(self),
                "delivered_by_id": self.env.user.id,
            }
        )
        self._mipg_done("mipg.mipg_activity_type_legal_report")
        return True

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_legal_calendar(self):
        """Generate the year's legal reports (once) and remind the Internal
        Control Office of those due soon."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].sudo().search([]):
            self.with_company(company)._mipg_generate_year(today.year)
        self._mipg_remind(today)

    @api.model
    def _mipg_generate_year(self, year):
        """The reports of the year for the current company, from the
        calendar; those already generated are not generated again."""
        company = self.env.company
        Report = self.sudo()
        deadlines = (
            self.env["mipg.legal.report.deadline"]
            .sudo()
            .search([("type_id.active", "=", True)])
        )
        existing = set(
            Report.search(
                [("year", "=", year), ("company_id", "=", company.id)]
            ).deadline_id.ids
        )
        vals_list = []
        for deadline in deadlines:
            if deadline.id in existing:
                continue
            last_day = calendar.monthrange(year, deadline.month)[1]
            vals_list.append(
                {
                    "type_id": deadline.type_id.id,
                    "deadline_id": deadline.id,
                    "year": year,
                    "period": f"{deadline.period} ({year})",
                    "date_due": date(year, deadline.month, min(deadline.day, last_day)),
                    "company_id": company.id,
                }
            )
        return Report.create(vals_list)

    @api.model
    def _mipg_remind(self, today):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("mipg.legal_report_warning_days", 15)
        )
        due = self.sudo().search(
            [
                ("state", "=", "pending"),
                ("date_due", "<=", today + timedelta(days=days)),
            ]
        )
        for company, reports in due.grouped("company_id").items():
            users = (
                self.env.ref("mipg.group_mipg_third_line")
                .sudo()
                .users.filtered(
                    lambda u, c=company: u.active and not u.share and c in u.company_ids
                )
            )
            activity_type = self.env.ref("mipg.mipg_activity_type_legal_report")
            for report in reports:
                waiting = report.activity_ids.filtered(
                    lambda a, t=activity_type: a.activity_type_id == t
                ).user_id
                for user in users - waiting:
                    report.activity_schedule(
                        activity_type_id=activity_type.id,
                        user_id=user.id,
                        date_deadline=report.date_due,
                        note=self.env._("Legal report due soon or overdue."),
                    )
