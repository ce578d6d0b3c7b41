# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MipgOpportunityOriginMixin(models.AbstractModel):
    """Lets any record (a self-assessment line, a FURAG recommendation, a
    PQRSD, a risk, a contract...) raise improvement opportunities and list
    them.

    Inherit it, override :meth:`_mipg_prepare_opportunity_vals` to say what
    the opportunity is about (at least ``title``, ``description``,
    ``source`` and ``process_id``), and put in the form::

        <button name="action_mipg_raise_opportunity" type="object"
                string="Raise improvement opportunity"/>
        <button name="action_view_opportunities" type="object"
                class="oe_stat_button" icon="fa-lightbulb-o"
                invisible="not opportunity_count">
            <field name="opportunity_count" widget="statinfo"
                   string="Opportunities"/>
        </button>

    Opportunities are linked by ``res_model``/``res_id``;
    :meth:`_mipg_create_opportunities` never creates a second one for a
    record that already has one (archived ones included).
    """

    _name = "mipg.opportunity.origin.mixin"
    _description = "MIPG improvement opportunity origin"

    opportunity_ids = fields.Many2many(
        "mipg.opportunity",
        compute="_compute_opportunity_ids",
        string="Improvement opportunities",
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_ids")

    def _compute_opportunity_ids(self):
        groups = {}
        if self.ids:
            for res_id, ids in self.env["mipg.opportunity"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["id:array_agg"],
            ):
                groups[res_id] = ids
        Opportunity = self.env["mipg.opportunity"]
        for record in self:
            opportunities = Opportunity.browse(groups.get(record.id, []))
            record.opportunity_ids = opportunities
            record.opportunity_count = len(opportunities)

    def _mipg_prepare_opportunity_vals(self):
        """Values of the opportunity raised by ``self`` (one record).
        Override it; the origin fields are added by the caller."""
        self.ensure_one()
        return {
            "title": self.display_name,
            "description": self.display_name,
        }

    def _mipg_create_opportunities(self):
        """Raise one opportunity per record of ``self`` that has none yet;
        return the opportunities created."""
        Opportunity = self.env["mipg.opportunity"]
        # the user raises opportunities from records they may read, and must
        # be allowed to create opportunities
        self.check_access("read")
        Opportunity.check_access("create")
        # one per origin, even if the user cannot see the existing one
        existing = set(
            Opportunity.sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
            .mapped("res_id")
        )
        vals_list = []
        for record in self:
            if record.id in existing:
                continue
            vals = record._mipg_prepare_opportunity_vals()
            vals.update(res_model=record._name, res_id=record.id)
            vals_list.append(vals)
            existing.add(record.id)
        if not vals_list:
            return Opportunity
        # as superuser, since only the origin may set res_model/res_id; the
        # record rules of the user still apply to what was created
        opportunities = Opportunity.sudo().create(vals_list).sudo(self.env.su)
        opportunities.check_access("create")
        self.invalidate_recordset(["opportunity_ids", "opportunity_count"])
        return opportunities

    def action_mipg_raise_opportunity(self):
        """Button: raise the opportunity (or find the existing one) and open
        it."""
        self._mipg_create_opportunities()
        return self.action_view_opportunities()

    def action_view_opportunities(self):
        opportunities = self.env["mipg.opportunity"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        if not opportunities:
            raise UserError(
                self.env._("No improvement opportunity was raised from this record.")
            )
        return opportunities._mipg_action_open()

    @api.ondelete(at_uninstall=False)
    def _mipg_unlink_keep_opportunities(self):
        """Opportunities outlive their origin: detach nothing, but forbid
        deleting an origin whose opportunity is already being worked on."""
        # as superuser: an opportunity the user cannot see still blocks it
        opportunities = (
            self.env["mipg.opportunity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("action_ids", "!=", False),
                ],
                limit=1,
            )
        )
        if opportunities:
            raise UserError(
                self.env._(
                    "This record raised the improvement opportunity %(ref)s, which "
                    "already has actions: archive the record instead of deleting "
                    "it.",
                    ref=opportunities.name,
                )
            )
