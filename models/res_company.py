# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mipg_sigep_code = fields.Char(
        string="SIGEP code",
        help="Code of the entity in SIGEP: the FURAG imports take the rows of "
        "Función Pública's files that carry this code.",
    )
    mipg_divipola_code = fields.Char(
        string="DIVIPOLA municipality code",
        help="DANE code of the municipality (e.g. 52001 for Pasto): the FURAG "
        "imports check that the rows of the entity are of this municipality.",
    )

    @api.constrains("mipg_sigep_code", "mipg_divipola_code")
    def _check_mipg_codes(self):
        for company in self:
            for code in (company.mipg_sigep_code, company.mipg_divipola_code):
                if code and not code.strip().isdigit():
                    raise ValidationError(
                        self.env._(
                            "The code %(code)r is not valid: the SIGEP and "
                            "DIVIPOLA codes are written with digits only.",
                            code=code,
                        )
                    )
