# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MipgDimension(models.Model):
    _name = "mipg.dimension"
    _description = "MIPG dimension"
    _inherit = ["mipg.catalog.mixin"]
    _order = "sequence, id"

    sequence = fields.Integer(
        default=10, help="Official number of the dimension (1 to 7)."
    )
    purpose = fields.Text()
    color = fields.Integer()
    active = fields.Boolean(default=True)
    policy_ids = fields.One2many("mipg.policy", "dimension_id", string="Policies")
    policy_count = fields.Integer(compute="_compute_policy_count")
    principle_ids = fields.Many2many(
        "mipg.principle",
        "mipg_principle_dimension_rel",
        "dimension_id",
        "principle_id",
        string="Principles",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A dimension with this code already exists."),
    ]

    @api.depends("policy_ids")
    def _compute_policy_count(self):
        counts = {
            dimension.id: count
            for dimension, count in self.env["mipg.policy"]._read_group(
                [("dimension_id", "in", self.ids)], ["dimension_id"], ["__count"]
            )
        }
        for dimension in self:
            dimension.policy_count = counts.get(dimension.id, 0)

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_policy_action"
        )
        action["domain"] = [("dimension_id", "=", self.id)]
        action["context"] = {"default_dimension_id": self.id}
        return action
