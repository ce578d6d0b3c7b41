# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgPrinciple(models.Model):
    _name = "mipg.principle"
    _description = "MIPG principle"
    _inherit = ["mipg.catalog.mixin"]
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    description = fields.Text()
    dimension_ids = fields.Many2many(
        "mipg.dimension",
        "mipg_principle_dimension_rel",
        "principle_id",
        "dimension_id",
        string="Dimensions",
        help="Dimensions where the principle applies.",
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_principle_policy_rel",
        "principle_id",
        "policy_id",
        string="Policies",
        help="Policies where the principle applies.",
    )
    application = fields.Text(
        string="Where it applies",
        help="Other management elements where the principle applies "
        "(user characterisation, context analysis, ...).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A principle with this code already exists."),
    ]
