# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mipg_audit import OCI_ROLES
from .mipg_risk_zone import ZONES

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
ZONE_OF_RANK = {rank: code for code, rank in ZONE_RANK.items()}


class MipgAuditProgramLine(models.Model):
    """A work planned in the audit programme, under one of the five roles of
    the Internal Control Office."""

    _name = "mipg.audit.program.line"
    _description = "MIPG audit programme line"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "program_id, risk_priority desc, sequence, id"
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
    # Stored to sort and group the programme by it. Information, not a
    # decision: the ORM recomputes it when a risk of a process in scope
    # changes, also on an approved programme, without reopening it (a
    # recomputation is neither a user's write nor a change of the programme).
    risk_priority = fields.Integer(
        string="Residual risk rank",
        compute="_compute_risk_priority",
        store=True,
        aggregator="max",
        help="Highest residual risk zone of the active risks of the processes "
        "in scope, from the risk maps, as a rank: 4 extreme, 3 high, "
        "2 moderate, 1 low, 0 no rated risk. The programme lists the riskiest "
        "first; it follows the risk maps, also once the programme is approved.",
    )
    risk_zone = fields.Selection(
        ZONES,
        string="Residual risk zone",
        compute="_compute_risk_priority",
        store=True,
        help="The zone of the rank: the highest residual zone of the risks of "
        "the processes in scope.",
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

    @api.depends(
        "process_ids",
        "process_ids.risk_ids",
        "process_ids.risk_ids.active",
        "process_ids.risk_ids.residual_zone_id.code",
    )
    def _compute_risk_priority(self):
        # computed as superuser (stored): every active risk of the processes
        # counts, whoever reads the programme
        for line in self:
            rank = max(
                (
                    ZONE_RANK.get(risk.residual_zone_id.code, 0)
                    for risk in line.process_ids.risk_ids
                ),
                default=0,
            )
            line.risk_priority = rank
            line.risk_zone = ZONE_OF_RANK.get(rank, False)
