# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# What a committee decision may approve.
APPROVABLE = [
    ("mipg.plan", "Improvement plan"),
    ("mipg.audit.program", "Audit programme"),
    ("mipg.risk.methodology", "Risk management policy"),
    ("mipg.policy", "Policy"),
]


class MipgCommitteeDecision(models.Model):
    """A decision of a committee session, pointing to what it approves."""

    _name = "mipg.committee.decision"
    _description = "MIPG committee decision"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "session_id, sequence, id"
    _check_company_auto = True
    _mipg_frozen_parent = "session_id"

    session_id = fields.Many2one(
        "mipg.committee.session",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Decision", required=True)
    approved_ref = fields.Reference(
        APPROVABLE, string="Approves", help="The document the decision approves."
    )
    company_id = fields.Many2one(
        related="session_id.company_id", store=True, index=True
    )

    @api.model
    def _mipg_record(self, session, record, text):
        """Record in the session the decision approving ``record`` (as
        superuser, once the approving button checked who acts)."""
        return self.sudo().create(
            {
                "session_id": session.id,
                "name": text,
                "approved_ref": f"{record._name},{record.id}",
            }
        )
