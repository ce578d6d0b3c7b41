# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MipgAuditChain(models.Model):
    """The head of a company's audit chain: the sequence and hash of its
    last row. Maintained in SQL by ``mipg.audit.log._mipg_append`` under the
    chain's lock; it is the row concurrent appends of one company update,
    which is what makes PostgreSQL refuse (and Odoo retry) an append made
    on a stale snapshot. Verify integrity compares it with the last row, so
    that removing the last rows of a chain shows too. Nobody reads or
    changes it through the ORM (no access rights, refused below)."""

    _name = "mipg.audit.chain"
    _description = "MIPG audit chain head"
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="restrict"
    )
    sequence = fields.Integer(readonly=True)
    hash = fields.Char(readonly=True)

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "One audit chain per company."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._mipg_refuse_change("create")
        return super().create(vals_list)

    def write(self, vals):
        self._mipg_refuse_change("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env["mipg.audit.log"]._mipg_read_only_message())

    def _mipg_refuse_change(self, operation):
        self.check_access(operation)
        raise UserError(self.env["mipg.audit.log"]._mipg_read_only_message())
