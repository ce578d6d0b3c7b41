# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class MipgCommitteeCommitment(models.Model):
    """A commitment taken in a session, followed up in the next ones."""

    _name = "mipg.committee.commitment"
    _description = "MIPG committee commitment"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = ("followup_session_id", "date_done")
    _mipg_frozen_parent = "session_id"

    session_id = fields.Many2one(
        "mipg.committee.session",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    name = fields.Text(string="Commitment", required=True)
    responsible_id = fields.Many2one("res.users", string="Responsible")
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")],
        required=True,
        default="open",
        copy=False,
    )
    date_done = fields.Date(string="Done on", readonly=True, copy=False)
    followup_session_id = fields.Many2one(
        "mipg.committee.session",
        string="Followed up in",
        readonly=True,
        copy=False,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="session_id.company_id", store=True, index=True
    )

    def _mipg_is_frozen(self):
        """Done, or taken in closed minutes: it stays as signed, neither
        changed nor deleted; a later session follows it up (action_done)."""
        self.ensure_one()
        return self.state == "done" or self.sudo().session_id.state == "closed"

    def action_done(self):
        """The session following the commitment up marks it done: the open
        session of the committee records it."""
        self.check_access("read")
        for commitment in self:
            session = self.env["mipg.committee.session"].search(
                [
                    ("committee_id", "=", commitment.session_id.committee_id.id),
                    ("state", "=", "open"),
                    ("id", "!=", commitment.session_id.id),
                ],
                order="date desc, id desc",
                limit=1,
            )
            if not session:
                raise UserError(
                    self.env._(
                        "A commitment is followed up in a later session of the "
                        "committee: open the next session first."
                    )
                )
            session._mipg_check_secretary()
            commitment.sudo().write(
                {
                    "state": "done",
                    "date_done": fields.Date.context_today(self),
                    "followup_session_id": session.id,
                }
            )
        return True
