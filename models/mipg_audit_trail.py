# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError

LANG_PATTERN = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*(@[a-z]+)?$")

# Transactional MIPG models whose tracked changes make the audit trail.
AUDITED_MODELS = {
    "mipg.opportunity": "mipg_opportunity",
    "mipg.plan": "mipg_plan",
    "mipg.action": "mipg_action",
    "mipg.followup": "mipg_followup",
    "mipg.process": "mipg_process",
}


class MipgAuditTrail(models.Model):
    """Who changed what and when on the improvement cycle: a read-only view
    over the tracked values of the chatter. Nobody, not even the
    administrator, can alter it from here."""

    _name = "mipg.audit.trail"
    _description = "MIPG audit trail"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "record_name"

    date = fields.Datetime(readonly=True)
    author_id = fields.Many2one("res.partner", string="Changed by", readonly=True)
    model = fields.Char(readonly=True)
    model_name = fields.Char(string="Document", compute="_compute_model_name")
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="model", readonly=True
    )
    record_name = fields.Char(string="Record", readonly=True)
    field_name = fields.Char(string="Technical field name", readonly=True)
    field_description = fields.Char(string="Field", readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    message_id = fields.Many2one("mail.message", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def _compute_model_name(self):
        names = {
            model: self.env["ir.model"]._get(model).name for model in AUDITED_MODELS
        }
        for line in self:
            line.model_name = names.get(line.model, line.model)

    @property
    def _table_query(self):
        value = (
            "COALESCE({side}_value_char, {side}_value_text, "
            "to_char({side}_value_datetime, CASE WHEN f.ttype = 'date' "
            "THEN 'YYYY-MM-DD' ELSE 'YYYY-MM-DD HH24:MI:SS' END), "
            "CASE WHEN f.ttype IN ('float', 'monetary') "
            "THEN {side}_value_float::text END, {side}_value_integer::text)"
        )
        joins = "\n".join(
            f"LEFT JOIN {table} ON m.model = '{model}' AND {table}.id = m.res_id"
            for model, table in AUDITED_MODELS.items()
        )
        company = ", ".join(f"{table}.company_id" for table in AUDITED_MODELS.values())
        # The label of the field in the user's language (a code like es_CO).
        lang = self.env.lang if LANG_PATTERN.match(self.env.lang or "") else "en_US"
        models_list = ", ".join(f"'{model}'" for model in AUDITED_MODELS)
        return f"""
            SELECT
                t.id AS id,
                m.date AS date,
                m.author_id AS author_id,
                m.model AS model,
                m.res_id AS res_id,
                m.record_name AS record_name,
                f.name AS field_name,
                COALESCE(f.field_description->>'{lang}',
                         f.field_description->>'en_US') AS field_description,
                {value.format(side="old")} AS old_value,
                {value.format(side="new")} AS new_value,
                m.id AS message_id,
                COALESCE({company}) AS company_id
            FROM mail_tracking_value t
            JOIN mail_message m ON m.id = t.mail_message_id
            LEFT JOIN ir_model_fields f ON f.id = t.field_id
            {joins}
            WHERE m.model IN ({models_list})
        """

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_change("create")
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_change("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The audit trail is read-only."))

    def _refuse_change(self, operation):
        """Tell the users allowed to see the trail that it cannot change; the
        others get the access error of the operation."""
        self.check_access(operation)
        raise UserError(self.env._("The audit trail is read-only."))

    def action_open_record(self):
        """Open the document the change was made on."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
