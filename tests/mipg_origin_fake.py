# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgTestOrigin(models.Model):
    """A throwaway record (think of a PQRSD) that raises opportunities."""

    _name = "mipg.test.origin"
    _description = "MIPG test origin"
    _inherit = ["mipg.opportunity.origin.mixin"]

    name = fields.Char()
    process_id = fields.Many2one("mipg.process")

    def _mipg_prepare_opportunity_vals(self):
        vals = super()._mipg_prepare_opportunity_vals()
        vals.update(
            source="pqrsd",
            process_id=self.process_id.id,
            description=f"Queja recurrente: {self.name}",
        )
        return vals
