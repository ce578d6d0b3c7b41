# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SOURCES = [
    ("autoevaluacion", "Self-assessment"),
    ("auditoria_interna_gestion", "Internal management audit (OCI)"),
    ("auditoria_interna_calidad", "Internal quality audit"),
    ("auditoria_externa_certificacion", "External certification audit"),
    ("contraloria_general", "Contraloría General de la República"),
    ("contraloria_territorial", "Territorial Contraloría"),
    ("procuraduria_personeria", "Procuraduría / Personería"),
    ("otros_entes_control", "Other control bodies"),
    ("furag", "FURAG"),
    ("pqrsd", "PQRSD"),
    ("gestion_riesgo", "Risk management"),
    ("indicadores", "Indicators"),
    ("revision_direccion", "Management review"),
    ("rendicion_cuentas_participacion", "Accountability and participation"),
]
EXTERNAL_SOURCES = (
    "auditoria_externa_certificacion",
    "contraloria_general",
    "contraloria_territorial",
    "procuraduria_personeria",
    "otros_entes_control",
)
FINDING_TYPES = [
    ("hallazgo", "Finding"),
    ("no_conformidad", "Nonconformity"),
    ("oportunidad_mejora", "Improvement opportunity"),
    ("observacion", "Observation"),
]


class MipgOpportunity(models.Model):
    """Improvement opportunity, finding, nonconformity or observation."""

    _name = "mipg.opportunity"
    _description = "MIPG improvement opportunity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority_score desc, date_detected desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    finding_type = fields.Selection(
        FINDING_TYPES, string="Type", required=True, default="oportunidad_mejora"
    )
    source = fields.Selection(SOURCES, required=True, tracking=True, index=True)
    source_reference = fields.Char(
        help="Report, audit or request number where the situation was detected."
    )
    description = fields.Text(required=True)
    criterion = fields.Text(help="Requirement or criterion that is not met.")
    root_cause = fields.Text()
    root_cause_method = fields.Selection(
        [
            ("five_whys", "5 whys"),
            ("ishikawa", "Ishikawa diagram"),
            ("brainstorming", "Brainstorming"),
            ("pareto", "Pareto"),
        ],
        string="Cause analysis method",
    )
    effect = fields.Text()
    process_id = fields.Many2one(
        "mipg.process", required=True, index=True, tracking=True, ondelete="restrict"
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_opportunity_policy_rel",
        "opportunity_id",
        "policy_id",
        string="Policies",
    )
    dimension_ids = fields.Many2many(
        "mipg.dimension",
        "mipg_opportunity_dimension_rel",
        "opportunity_id",
        "dimension_id",
        string="Dimensions",
        compute="_compute_dimension_ids",
        store=True,
    )
    impact = fields.Integer(default=3, help="Impact of the situation, from 1 to 5.")
    feasibility = fields.Integer(
        default=3, help="Feasibility of solving it, from 1 to 5."
    )
    priority_score = fields.Integer(
        string="Priority",
        compute="_compute_priority_score",
        store=True,
        help="Impact × feasibility (1 to 25).",
    )
    stage_id = fields.Many2one(
        "mipg.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.ref("mipg.mipg_stage_1", raise_if_not_found=False),
        group_expand="_read_group_stage_ids",
    )
    plan_id = fields.Many2one("mipg.plan", index=True, tracking=True)
    action_ids = fields.One2many("mipg.action", "opportunity_id", string="Actions")
    date_detected = fields.Date(
        string="Detection date", required=True, default=fields.Date.context_today
    )
    effective = fields.Boolean(
        compute="_compute_effective",
        store=True,
        help="Set by the closing effectiveness evaluation of the Internal "
        "Control Office.",
    )
    res_model = fields.Char(
        string="Origin model", index=True, readonly=True, help="Record that raised it."
    )
    res_id = fields.Many2oneReference(
        string="Origin record", model_field="res_model", index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("policy_ids.dimension_id")
    def _compute_dimension_ids(self):
        for opportunity in self:
            opportunity.dimension_ids = opportunity.policy_ids.dimension_id

    @api.depends("impact", "feasibility")
    def _compute_priority_score(self):
        for opportunity in self:
            opportunity.priority_score = (opportunity.impact or 0) * (
                opportunity.feasibility or 0
            )

    @api.depends("action_ids.effective")
    def _compute_effective(self):
        for opportunity in self:
            actions = opportunity.action_ids
            opportunity.effective = bool(actions) and all(actions.mapped("effective"))

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)
