# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MipgAction(models.Model):
    """Acción de mejora: what a responsible does to remove a cause."""

    _name = "mipg.action"
    _description = "MIPG improvement action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_deadline, id"

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(copy=False, readonly=True, default="/", index=True)
    plan_id = fields.Many2one("mipg.plan", index=True, tracking=True, ondelete="restrict")
    opportunity_id = fields.Many2one(
        "mipg.opportunity", index=True, tracking=True, ondelete="restrict"
    )
    action_type = fields.Selection(
        [
            ("correccion", "Correction"),
            ("correctiva", "Corrective action"),
            ("preventiva", "Preventive action"),
            ("mejora", "Improvement action"),
        ],
        string="Type",
        required=True,
        default="mejora",
    )
    objective = fields.Text()
    description = fields.Text()
    responsible_id = fields.Many2one(
        "res.users", required=True, index=True, tracking=True
    )
    process_id = fields.Many2one(
        "mipg.process", index=True, tracking=True, ondelete="restrict"
    )
    date_start = fields.Date(string="Start date", tracking=True)
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    goal = fields.Char()
    unit = fields.Char(string="Unit of measure")
    target_quantity = fields.Float()
    indicator = fields.Char()
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Progress of the last validated follow-up, from 0 to 100.",
    )
    stage_id = fields.Many2one(
        "mipg.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "mipg.mipg_stage_2_3", raise_if_not_found=False
        ),
        group_expand="_read_group_stage_ids",
    )
    phva = fields.Selection(related="stage_id.phva", store=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High")], default="0", index=True
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_action_evidence_rel",
        "action_id",
        "attachment_id",
        string="Evidence",
    )
    followup_ids = fields.One2many("mipg.followup", "action_id", string="Follow-ups")
    effective = fields.Boolean(
        compute="_compute_effective",
        store=True,
        help="Effectiveness verdict of the last validated third-line evaluation.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("followup_ids.state", "followup_ids.progress", "followup_ids.date")
    def _compute_progress(self):
        for action in self:
            validated = action.followup_ids.filtered(lambda f: f.state == "validated")
            last = validated.sorted(lambda f: (f.date, f.id))[-1:]
            action.progress = last.progress if last else 0.0

    @api.depends("followup_ids.state", "followup_ids.effective", "followup_ids.line")
    def _compute_effective(self):
        for action in self:
            evaluations = action.followup_ids.filtered(
                lambda f: f.state == "validated" and f.line == "third"
            )
            last = evaluations.sorted(lambda f: (f.date, f.id))[-1:]
            action.effective = last.effective == "effective" if last else False

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)
