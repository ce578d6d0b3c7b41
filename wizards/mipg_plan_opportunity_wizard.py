# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MipgPlanOpportunityWizard(models.TransientModel):
    """Brings opportunities already registered (from a self-assessment, an
    audit, a FURAG index...) into an improvement plan, instead of typing them
    again."""

    _name = "mipg.plan.opportunity.wizard"
    _description = "Add existing opportunities to an improvement plan"

    plan_id = fields.Many2one("mipg.plan", required=True, readonly=True)
    company_id = fields.Many2one(related="plan_id.company_id")
    opportunity_ids = fields.Many2many(
        "mipg.opportunity",
        string="Opportunities",
        domain="[('plan_id', '=', False), ('company_id', '=', company_id)]",
        help="Open opportunities of the entity that belong to no plan yet.",
    )

    @api.model
    def _mipg_open(self, plan):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add existing opportunities"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": plan.id},
        }

    def action_confirm(self):
        self.ensure_one()
        plan = self.plan_id
        plan.check_access("write")
        if plan.mipg_locked:
            raise UserError(
                self.env._(
                    "The plan %(plan)s is closed or cancelled: no opportunity can "
                    "be added to it.",
                    plan=plan.display_name,
                )
            )
        if not self.opportunity_ids:
            raise UserError(self.env._("Choose at least one opportunity to add."))
        taken = self.opportunity_ids.sudo().filtered("plan_id")
        if taken:
            raise UserError(
                self.env._(
                    "These opportunities already belong to a plan: %(names)s. "
                    "Take them out of it first.",
                    names=plan._mipg_names_for_user(taken),
                )
            )
        # As the user: the record rules say which opportunities they change.
        self.opportunity_ids.write({"plan_id": plan.id})
        return {"type": "ir.actions.act_window_close"}
