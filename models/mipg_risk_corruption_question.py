# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MipgRiskCorruptionQuestion(models.Model):
    """One of the 19 questions of the guide that give the impact of a
    corruption risk: 'if the risk materialised, could it...'."""

    _name = "mipg.risk.corruption.question"
    _description = "MIPG corruption impact question"
    _order = "sequence, id"

    sequence = fields.Integer(required=True)
    name = fields.Char(string="Question", required=True)
    active = fields.Boolean(default=True)
