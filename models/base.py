# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The fields a MIPG glossary term defines take its definition as
        their help text."""
        res = super().fields_get(allfields, attributes)
        if (
            self._name.startswith("mipg.")
            and "mipg.glossary.term" in self.env
            and (attributes is None or "help" in attributes)
        ):
            helps = self.env["mipg.glossary.term"]._mipg_field_helps(self._name)
            for name, text in helps.items():
                if name in res:
                    res[name]["help"] = text
        return res
