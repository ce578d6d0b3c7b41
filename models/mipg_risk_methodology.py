# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Levels of each scale and zones of the heat map the guide defines.
LEVEL_COUNT = 5
ZONE_CODES = ("low", "moderate", "high", "extreme")


class MipgRiskMethodology(models.Model):
    """Política de administración del riesgo: the version of Función
    Pública's guide an entity adopted, with its own scales, heat map,
    control weights, treatment options and monitoring per zone. Approved by
    the strategic line, it is frozen: a risk keeps the methodology it was
    rated with, so that a new version never rewrites past maps."""

    _name = "mipg.risk.methodology"
    _description = "MIPG risk methodology"
    _inherit = [
        "mail.thread",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.committee.approval.mixin",
    ]
    _order = "date_approval desc, id desc"
    _mipg_state_field = "state"
    _mipg_transition_fields = ("approved_by_id",)
    _mipg_frozen_states = ("approved",)

    name = fields.Char(required=True, tracking=True)
    guide_version = fields.Selection(
        [("v5", "Version 5 (2020)"), ("v6", "Version 6 (2022)"), ("v7", "Version 7")],
        string="Guide version",
        required=True,
        default="v6",
        help="Version of Función Pública's guide for risk management and "
        "the design of controls in public entities.",
    )
    date_approval = fields.Date(
        string="Approval date", help="Date of the committee session that approved it."
    )
    committee_session = fields.Char(
        help="Minutes of the Institutional Committee of Internal Control "
        "Coordination (CICCI) that approved the policy."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "mipg_risk_methodology_attachment_rel",
        "methodology_id",
        "attachment_id",
        string="Policy document",
    )
    risk_appetite = fields.Text(
        help="Risk appetite and tolerance stated by the policy; the zones "
        "marked acceptable are within it."
    )
    weight_preventive = fields.Float(default=0.25, digits=(3, 2))
    weight_detective = fields.Float(default=0.15, digits=(3, 2))
    weight_corrective = fields.Float(default=0.10, digits=(3, 2))
    weight_automatic = fields.Float(default=0.25, digits=(3, 2))
    weight_manual = fields.Float(default=0.15, digits=(3, 2))
    corruption_major_min = fields.Integer(
        string="Corruption: 'yes' answers for major",
        default=6,
        help="From this number of 'yes' answers to the corruption impact "
        "questions the impact is major (below it, moderate).",
    )
    corruption_catastrophic_min = fields.Integer(
        string="Corruption: 'yes' answers for catastrophic", default=12
    )
    level_ids = fields.One2many(
        "mipg.risk.level", "methodology_id", string="Levels", copy=True
    )
    probability_level_ids = fields.One2many(
        "mipg.risk.level",
        "methodology_id",
        domain=[("kind", "=", "probability")],
        string="Probability levels",
    )
    impact_level_ids = fields.One2many(
        "mipg.risk.level",
        "methodology_id",
        domain=[("kind", "=", "impact")],
        string="Impact levels",
    )
    zone_ids = fields.One2many(
        "mipg.risk.zone", "methodology_id", string="Zones", copy=True
    )
    cell_ids = fields.One2many(
        "mipg.risk.matrix.cell", "methodology_id", string="Heat map"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "weights_range",
            "CHECK(weight_preventive BETWEEN 0 AND 1 AND weight_detective BETWEEN 0 "
            "AND 1 AND weight_corrective BETWEEN 0 AND 1 AND weight_automatic "
            "BETWEEN 0 AND 1 AND weight_manual BETWEEN 0 AND 1)",
            "The weights of the control attributes are between 0 and 1.",
        ),
        (
            "corruption_thresholds",
            "CHECK(corruption_major_min > 0 AND corruption_catastrophic_min > "
            "corruption_major_min AND corruption_catastrophic_min <= 19)",
            "The 'yes' answers for a major corruption impact must be fewer than "
            "those for a catastrophic one, and at most 19.",
        ),
    ]

    @api.constrains(
        "weight_preventive",
        "weight_detective",
        "weight_corrective",
        "weight_automatic",
        "weight_manual",
    )
    def _check_weights(self):
        for methodology in self:
            top = max(
                methodology.weight_preventive,
                methodology.weight_detective,
                methodology.weight_corrective,
            ) + max(methodology.weight_automatic, methodology.weight_manual)
            if top >= 1:
                raise ValidationError(
                    self.env._(
                        "A control cannot remove the whole risk: the weight of a "
                        "type plus the weight of an implementation must stay below "
                        "1 (it is %(total)s).",
                        total=round(top, 2),
                    )
                )

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Approve and New version")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        self._mipg_check_group(
            "mipg.group_mipg_strategic_line",
            self.env._(
                "Only the strategic line (the mayor and the internal control "
                "committee) approves the risk management policy."
            ),
        )
        for methodology in self:
            if methodology.state != "draft":
                raise UserError(self.env._("Only a draft policy can be approved."))
            methodology._mipg_check_complete()
        self._mipg_record_decisions()
        self._mipg_write_transition(
            {"state": "approved", "approved_by_id": self.env.user.id}
        )
        return True

    def action_new_version(self):
        """A draft copy with every scale, zone and cell, for the entity to
        adapt (its SMMLV thresholds, its appetite) and approve."""
        self.ensure_one()
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) prepares a new version "
                "of the risk management policy."
            ),
        )
        copy = self.copy({"name": self.env._("%(name)s (new)", name=self.name)})
        # the cells point to the zones of the copy, not to the original's
        zones = {zone.code: zone.id for zone in copy.zone_ids}
        self.env["mipg.risk.matrix.cell"].create(
            [
                {
                    "methodology_id": copy.id,
                    "probability_rank": cell.probability_rank,
                    "impact_rank": cell.impact_rank,
                    "zone_id": zones[cell.zone_id.code],
                }
                for cell in self.cell_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": copy.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_complete(self):
        self.ensure_one()
        for kind in ("probability", "impact"):
            levels = self.level_ids.filtered(lambda x, k=kind: x.kind == k)
            ranks = sorted(levels.mapped("rank"))
            if ranks != list(range(1, LEVEL_COUNT + 1)):
                raise UserError(
                    self.env._(
                        "The policy needs the five probability levels and the five "
                        "impact levels, numbered 1 to 5, before it is approved."
                    )
                )
        if sorted(self.zone_ids.mapped("code")) != sorted(ZONE_CODES):
            raise UserError(
                self.env._(
                    "The policy needs the four zones (low, moderate, high, extreme) "
                    "before it is approved."
                )
            )
        if len(self.cell_ids) != LEVEL_COUNT * LEVEL_COUNT:
            raise UserError(
                self.env._(
                    "The heat map of the policy needs its 25 cells (five "
                    "probabilities by five impacts) before it is approved."
                )
            )

    @api.model
    def _mipg_current(self, company=None):
        """The policy in force: the last one approved of the company."""
        company = company or self.env.company
        return self.sudo().search(
            [("state", "=", "approved"), ("company_id", "=", company.id)],
            order="date_approval desc, id desc",
            limit=1,
        )

    def _mipg_tables(self):
        """Everything a rating reads, in memory: ``{'probability': levels by
        rank, 'impact': levels by rank, 'cells': {(p, i): zone}}``."""
        self.ensure_one()
        methodology = self.sudo()
        tables = {"probability": {}, "impact": {}}
        for level in methodology.level_ids:
            tables[level.kind][level.rank] = level
        tables["cells"] = {
            (cell.probability_rank, cell.impact_rank): cell.zone_id
            for cell in methodology.cell_ids
        }
        return tables
