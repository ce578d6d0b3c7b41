# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class MipgCommitteeApprovalMixin(models.AbstractModel):
    """Documents the strategic line approves in a committee session (an
    improvement plan, the audit programme): the approving button records
    the decision in the session the user chose."""

    _name = "mipg.committee.approval.mixin"
    _description = "MIPG document approved in a committee session"

    session_id = fields.Many2one(
        "mipg.committee.session",
        string="Decided in session",
        copy=False,
        help="The committee session that approves it: approving records the "
        "decision in its minutes.",
    )

    def _mipg_record_decisions(self, required=False):
        """Called by the approving button, once it checked who acts."""
        Decision = self.env["mipg.committee.decision"]
        for record in self:
            session = record.sudo().session_id
            if not session:
                if required:
                    raise UserError(
                        self.env._(
                            "Choose the committee session that approves "
                            "%(record)s before approving it.",
                            record=record.display_name,
                        )
                    )
                continue
            session.with_env(self.env).check_access("read")
            if session.state != "open":
                raise UserError(
                    self.env._(
                        "The minutes %(session)s are closed: a decision is "
                        "recorded in a session in preparation.",
                        session=session.display_name,
                    )
                )
            Decision._mipg_record(
                session,
                record,
                self.env._("Approves %(record)s.", record=record.display_name),
            )
