# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date


class MipgRiskEvent(models.Model):
    """Materialización: a risk happened. Once reported it is frozen and
    raises an improvement opportunity on the Planear board."""

    _name = "mipg.risk.event"
    _description = "MIPG risk event"
    _inherit = [
        "mail.thread",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.opportunity.origin.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_frozen_states = ("reported",)

    risk_id = fields.Many2one(
        "mipg.risk", required=True, index=True, ondelete="restrict", check_company=True
    )
    process_id = fields.Many2one(
        related="risk_id.process_id", store=True, index=True, string="Process"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char(string="Summary", required=True)
    description = fields.Text(required=True)
    source = fields.Selection(
        [
            ("pqrsd", "PQRSD"),
            ("it_help_desk", "IT help desk"),
            ("legal_office", "Legal office"),
            ("audit", "Audit"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        help="Where the event was learnt of.",
    )
    loss_amount = fields.Monetary(string="Losses", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("reported", "Reported")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "loss_positive",
            "CHECK(loss_amount IS NULL OR loss_amount >= 0)",
            "The losses of an event cannot be negative.",
        ),
    ]

    @api.constrains("date")
    def _check_date_not_future(self):
        today = fields.Date.context_today(self)
        for event in self:
            if event.date > today:
                raise ValidationError(
                    self.env._(
                        "The event is dated %(date)s, in the future: record the "
                        "date it happened.",
                        date=format_date(self.env, event.date),
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if not self.env.su and "risk_id" in vals:
            # the record rules are checked before a write: a user does not
            # move a record out of their scope either
            self.check_access("write")
        return res

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Report")

    def action_report(self):
        """Report the event: frozen, and an improvement opportunity raised
        for its process."""
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("mipg.group_mipg_first_line")
            or user.has_group("mipg.group_mipg_second_line")
        ):
            raise AccessError(
                self.env._(
                    "The process (first line of defense) or Planning (second line) "
                    "reports the events of a risk."
                )
            )
        for event in self:
            if event.state != "draft":
                raise UserError(self.env._("This event is already reported."))
        self._mipg_write_transition({"state": "reported"})
        self._mipg_create_opportunities()
        return True

    def _mipg_prepare_opportunity_vals(self):
        self.ensure_one()
        event = self.sudo()
        return {
            "title": self.env._("Risk materialised: %(event)s", event=event.name)[:200],
            "description": self.env._(
                "The risk %(risk)s materialised on %(date)s: %(description)s",
                risk=event.risk_id.name,
                date=format_date(self.env, event.date),
                description=event.description,
            ),
            "source": "gestion_riesgo",
            "finding_type": "hallazgo",
            "process_id": event.process_id.id,
        }
