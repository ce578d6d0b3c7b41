# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_tools import issue_pdf


class MipgCommitteeSession(models.Model):
    """A session of a committee: attendees and quorum, agenda, decisions
    and commitments; closed, its minutes are kept as a PDF with their
    fingerprint."""

    _name = "mipg.committee.session"
    _description = "MIPG committee session"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = ("attachment_id", "pdf_sha256")
    _mipg_frozen_states = ("closed",)

    committee_id = fields.Many2one(
        "mipg.committee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    name = fields.Char(string="Minutes number", required=True, tracking=True)
    date = fields.Date(required=True, tracking=True, default=fields.Date.context_today)
    session_type = fields.Selection(
        [("ordinary", "Ordinary"), ("extraordinary", "Extraordinary")],
        required=True,
        default="ordinary",
    )
    attendee_ids = fields.Many2many(
        "res.users",
        "mipg_committee_session_attendee_rel",
        "session_id",
        "user_id",
        string="Attendees",
    )
    guests = fields.Text(help="Guests without vote, one a line.")
    quorum_reached = fields.Boolean(compute="_compute_quorum_reached")
    agenda = fields.Text(required=True)
    notes = fields.Text(string="Development of the session")
    decision_ids = fields.One2many(
        "mipg.committee.decision", "session_id", string="Decisions"
    )
    commitment_ids = fields.One2many(
        "mipg.committee.commitment", "session_id", string="Commitments"
    )
    pending_commitment_ids = fields.Many2many(
        "mipg.committee.commitment",
        compute="_compute_pending_commitment_ids",
        string="Commitments to follow up",
        help="Commitments of earlier sessions of the committee not yet done.",
    )
    state = fields.Selection(
        [("open", "In preparation"), ("closed", "Closed")],
        required=True,
        default="open",
        tracking=True,
        copy=False,
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Minutes PDF", readonly=True, copy=False
    )
    pdf_sha256 = fields.Char(string="PDF SHA-256", readonly=True, copy=False)
    company_id = fields.Many2one(
        related="committee_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "name_committee_unique",
            "unique(committee_id, name)",
            "The committee already has minutes with this number.",
        ),
    ]

    @api.depends("attendee_ids", "committee_id.member_ids", "committee_id.quorum")
    def _compute_quorum_reached(self):
        for session in self:
            voting = session.attendee_ids & session.committee_id.member_ids
            session.quorum_reached = len(voting) >= session.committee_id.quorum

    @api.depends("committee_id", "date")
    def _compute_pending_commitment_ids(self):
        Commitment = self.env["mipg.committee.commitment"]
        for session in self:
            if not session.committee_id:
                session.pending_commitment_ids = Commitment
                continue
            domain = [
                ("session_id.committee_id", "=", session.committee_id.id),
                ("state", "=", "open"),
            ]
            if session.id:
                domain.append(("session_id", "!=", session.id))
            session.pending_commitment_ids = Commitment.search(domain)

    @api.depends("committee_id", "name")
    def _compute_display_name(self):
        for session in self:
            session.display_name = self.env._(
                "%(committee)s - minutes %(number)s",
                committee=session.committee_id.code or "",
                number=session.name or "",
            )

    def _mipg_frozen_message(self):
        return self.env._(
            "The minutes %(session)s are closed: they are kept as they were signed.",
            session=self.display_name,
        )

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Close minutes")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_close(self):
        """Close the minutes: the session, its decisions and commitments are
        frozen and the PDF kept with its fingerprint."""
        self._mipg_check_secretary()
        for session in self:
            if session.state != "open":
                raise UserError(self.env._("These minutes are already closed."))
            if not session.quorum_reached:
                raise UserError(
                    self.env._(
                        "The session %(session)s has no quorum: %(quorum)s "
                        "members with vote must attend for it to decide.",
                        session=session.display_name,
                        quorum=session.committee_id.quorum,
                    )
                )
        self._mipg_write_transition({"state": "closed"})
        for session in self.sudo():
            content, _type = self.env["ir.actions.report"]._render_qweb_pdf(
                "mipg.action_report_committee_session", session.ids
            )
            issue_pdf(session, content)
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_secretary(self):
        """The strategic line and the committee's secretary manage the
        sessions."""
        for session in self:
            if not (
                self.env.su
                or self.env.user.has_group("mipg.group_mipg_strategic_line")
                or self.env.user == session.committee_id.secretary_id
            ):
                self._mipg_check_group(
                    "mipg.group_mipg_strategic_line",
                    self.env._(
                        "Only the strategic line and the committee's secretary "
                        "manage its sessions."
                    ),
                )
