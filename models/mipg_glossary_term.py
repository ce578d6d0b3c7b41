# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools


class MipgGlossaryTerm(models.Model):
    """A term of the entity's MIPG glossary, in the words of its booklet,
    readable by every servant; it is also the help text of the fields it
    defines."""

    _name = "mipg.glossary.term"
    _description = "MIPG glossary term"
    _inherit = ["mipg.workflow.mixin"]
    _order = "sequence, name, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Term", required=True)
    definition = fields.Text(required=True)
    field_ids = fields.Many2many(
        "ir.model.fields",
        string="Fields it defines",
        help="Fields whose help text is this definition.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "This term is already in the glossary."),
    ]

    @api.model
    @tools.ormcache("model_name")
    def _mipg_field_helps(self, model_name):
        """{field name: help} of the fields of ``model_name`` defined by
        glossary terms (several terms on one field are joined)."""
        helps = {}
        terms = self.sudo().search([("field_ids.model", "=", model_name)])
        for term in terms:
            text = f"{term.name}: {term.definition}"
            for field in term.field_ids.filtered(lambda f: f.model == model_name):
                helps[field.name] = (
                    f"{helps[field.name]}\n\n{text}" if field.name in helps else text
                )
        return helps

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
