# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .mipg_audit import OCI_ROLES

WORK_TYPES = [
    ("auditoria_interna_proceso", "Internal process audit"),
    ("auditoria_especial", "Special audit"),
    ("informe_ley", "Legal report or follow-up"),
    ("seguimiento_plan_mejoramiento", "Follow-up of improvement plans"),
    ("asesoria_acompanamiento", "Advice and accompaniment"),
    ("comites", "Committees"),
    ("atencion_entes_control", "Attention to control bodies"),
    ("fomento_cultura_control", "Promotion of the control culture"),
]
# The residual zone of a risk as a rank: the programme audits the riskiest
# processes first.
ZONE_RANK = {"low": 1, "moderate": 2, "high": 3, "extreme": 4}


class MipgAuditProgramLine(models.Model):
    """A work planned in the audit programme, under one of the five roles of
    the Internal Control Office."""

    _name = "mipg.audit.program.line"
    _description = "MIPG audit programme line"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "program_id, sequence, id"
    _check_company_auto = True
    _mipg_frozen_parent = "program_id"

    program_id = fields.Many2one(
        "mipg.audit.program",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Work", required=True)
    role = fields.Selection(OCI_ROLES, string="OCI role", required=True)
    work_type = fields.Selection(
        WORK_TYPES, required=True, default="auditoria_interna_proceso"
    )
    process_ids = fields.Many2many(
        "mipg.process",
        "mipg_audit_program_line_process_rel",
        "line_id",
        "process_id",
        string="Processes",
        check_company=True,
    )
    date_start = fields.Date(string="Planned from")
    date_end = fields.Date(string="Planned until")
    responsible_id = fields.Many2one("res.users", string="Responsible (OCI)")
    risk_priority = fields.Float(
        string="Residual risk",
        compute="_compute_risk_priority",
        help="Highest residual risk of the processes in scope, from the risk "
        "maps: the programme audits the riskiest first.",
    )
    origin_line_id = fields.Many2one(
        "mipg.audit.program.line",
        string="Line of the previous version",
        readonly=True,
        copy=False,
        index=True,
    )
    audit_ids = fields.One2many("mipg.audit", "program_line_id", string="Audits")
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "date_order",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
            "A planned work ends on or after the day it starts.",
        ),
    ]

    def _compute_risk_priority(self):
        scores = {}
        risks = (
            self.env["mipg.risk"]
            .sudo()
            .search([("process_id", "in", self.process_ids.ids)])
        )
        for risk in risks:
            process = risk.process_id.id
            scores[process] = max(
                scores.get(process, 0), ZONE_RANK.get(risk.residual_zone, 0)
            )
        for line in self:
            line.risk_priority = max(
                (scores.get(p.id, 0.0) for p in line.process_ids), default=0.0
            )
