# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class MipgCatalogMixin(models.AbstractModel):
    """Code and name shared by the MIPG catalogs (dimensions, policies,
    principles, processes): a code without blanks and a name that is not
    only spaces."""

    _name = "mipg.catalog.mixin"
    _description = "MIPG catalog entry"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=False)

    @api.constrains("code", "name")
    def _check_code_name(self):
        for record in self:
            if not (record.name or "").strip():
                raise ValidationError(
                    self.env._(
                        "The name cannot be empty (%(model)s).", model=self._description
                    )
                )
            if not CODE_PATTERN.match(record.code or ""):
                raise ValidationError(
                    self.env._(
                        "The code %(code)r is not valid: use letters, digits, '_', "
                        "'.' or '-', without spaces.",
                        code=record.code,
                    )
                )

    @api.model
    def _add_missing_default_values(self, values):
        values = super()._add_missing_default_values(values)
        self._mipg_check_required(values, creating=True)
        return values

    def write(self, vals):
        self._mipg_check_required(vals)
        return super().write(vals)

    def _mipg_check_required(self, vals, creating=False):
        """Raise a readable error, before the database does, when a required
        field is missing or emptied."""
        for name, field in self._fields.items():
            if not field.required or field.type in ("boolean", "integer", "float"):
                continue
            if name in vals:
                missing = not vals[name]
            else:
                missing = creating and not field.compute
            if missing:
                raise ValidationError(
                    self.env._(
                        "The field '%(field)s' is required (%(model)s).",
                        field=field._description_string(self.env),
                        model=self._description,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = record.name or record.code or ""
