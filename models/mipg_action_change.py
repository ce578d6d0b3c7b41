# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Fields of an action that, once its plan is approved, change only through a
# request approved by the strategic line: what was agreed with the control
# body (dates, goal, quantity).
AGREED_FIELDS = (
    "date_start",
    "date_deadline",
    "goal",
    "unit",
    "target_quantity",
    "objective",
    "indicator",
)


# The fields of a change request that reformulate an activity, and the field
# of the activity each one changes.
ACTIVITY_FIELDS = {
    "date_start": "date_start",
    "date_deadline": "date_end",
    "target_quantity": "quantity",
    "unit": "unit",
}


class MipgActionChange(models.Model):
    """Solicitud de reformulación: a change of an action of an approved plan
    (dates, goal, quantity), or a new action for it, asked by the process and
    approved or rejected by the strategic line."""

    _name = "mipg.action.change"
    _description = "MIPG change request of an improvement plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    # Unique under concurrency: the database, not a search, refuses a
    # second record with the same reference ("/" is the not-yet-numbered one).
    _sql_constraints = [
        (
            "name_company_unique",
            "EXCLUDE USING btree (name WITH =, company_id WITH =) WHERE (name <> '/')",
            "There is already a change request with this reference in the entity.",
        ),
    ]
    _mipg_state_field = "state"
    _mipg_transition_fields = ("approved_by_id", "date_decided", "previous_values")
    _mipg_frozen_states = ("approved", "rejected")

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    plan_id = fields.Many2one(
        "mipg.plan",
        string="Improvement plan",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    action_id = fields.Many2one(
        "mipg.action",
        help="The action to change; empty to add a new action to the plan.",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('plan_id', '=', plan_id)]",
    )
    activity_id = fields.Many2one(
        "mipg.action.activity",
        help="The activity to reformulate: its new dates, unit or quantity.",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('action_id', '=', action_id)]",
    )
    reason = fields.Text(required=True, help="Why the plan must change.")
    previous_values = fields.Text(
        string="Original commitment",
        readonly=True,
        copy=False,
        help="What was agreed before the change, kept when it is approved.",
    )
    new_name = fields.Char(string="New action")
    new_responsible_id = fields.Many2one("res.users", string="Responsible")
    new_opportunity_id = fields.Many2one(
        "mipg.opportunity", string="Finding", check_company=True
    )
    date_start = fields.Date(string="New start date")
    date_deadline = fields.Date(string="New deadline")
    goal = fields.Char(string="New goal")
    unit = fields.Char(string="New unit of measure")
    target_quantity = fields.Float(string="New quantity")
    objective = fields.Text(string="New objective")
    indicator = fields.Char(string="New indicator")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    date_decided = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)

    @api.model
    def _mipg_create_values(self, vals):
        if vals.get("name", "/") != "/":
            return {}
        return {
            "name": self.env["ir.sequence"].next_by_code("mipg.action.change") or "/"
        }

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Request, Approve and Reject")

    def action_request(self):
        self.check_access("write")
        for change in self:
            if change.state != "draft":
                raise UserError(self.env._("Only draft change requests are sent."))
            if not change.action_id and not (
                change.new_name and change.new_responsible_id
            ):
                raise UserError(
                    self.env._(
                        "Name the new action and its responsible, or choose the "
                        "action to change."
                    )
                )
        self._mipg_write_transition({"state": "requested"})
        self._mipg_schedule(
            "mipg.mipg_activity_type_approval",
            self._mipg_group_users("mipg.group_mipg_strategic_line"),
        )
        return True

    def action_approve(self):
        """The strategic line approves: the change is made, as MIPG."""
        self._mipg_check_strategic_line()
        if self.filtered(lambda c: c.state != "requested"):
            raise UserError(self.env._("Only requested changes are approved."))
        for change in self:
            values = {name: change[name] for name in AGREED_FIELDS if change[name]}
            if change.activity_id:
                target = change.activity_id.sudo()
                values = {
                    ACTIVITY_FIELDS[name]: value
                    for name, value in values.items()
                    if name in ACTIVITY_FIELDS
                }
                change.sudo().previous_values = change._mipg_describe(target, values)
                target.write(values)
                target = change.action_id
            elif change.action_id:
                change.sudo().previous_values = change._mipg_describe(
                    change.action_id.sudo(), values
                )
                change.action_id.sudo().write(values)
                target = change.action_id
            else:
                target = (
                    self.env["mipg.action"]
                    .sudo()
                    .create(
                        dict(
                            values,
                            name=change.new_name,
                            responsible_id=change.new_responsible_id.id,
                            opportunity_id=change.new_opportunity_id.id,
                            plan_id=change.plan_id.id,
                        )
                    )
                )
            # the Internal Control Office is informed of every reformulation
            target.sudo().message_post(
                partner_ids=self._mipg_group_users(
                    "mipg.group_mipg_third_line"
                ).partner_id.ids,
                author_id=self.env.user.partner_id.id,
                body=self.env._(
                    "Change %(ref)s approved by %(user)s: %(reason)s",
                    ref=change.name,
                    user=self.env.user.name,
                    reason=change.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._mipg_write_transition(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_decided": fields.Date.context_today(self),
            }
        )
        self._mipg_done("mipg.mipg_activity_type_approval")
        return True

    @api.constrains("activity_id", "action_id")
    def _check_activity(self):
        for change in self:
            if change.activity_id and change.activity_id.action_id != change.action_id:
                raise ValidationError(
                    self.env._(
                        "The activity to reformulate must belong to the action of "
                        "the change request."
                    )
                )

    def _mipg_describe(self, record, values):
        """The current values of ``record`` for the fields of ``values``,
        one ``Label: value`` line each."""
        return "\n".join(
            f"{record._fields[name]._description_string(self.env)}: "
            f"{record[name] if record[name] is not False else ''}"
            for name in values
        )

    def action_reject(self):
        self._mipg_check_strategic_line()
        if self.filtered(lambda c: c.state != "requested"):
            raise UserError(self.env._("Only requested changes are rejected."))
        self._mipg_write_transition(
            {
                "state": "rejected",
                "approved_by_id": self.env.user.id,
                "date_decided": fields.Date.context_today(self),
            }
        )
        self._mipg_done("mipg.mipg_activity_type_approval")
        return True

    def _mipg_check_strategic_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_strategic_line",
            self.env._(
                "Only the strategic line approves or rejects the changes of an "
                "approved improvement plan."
            ),
        )
