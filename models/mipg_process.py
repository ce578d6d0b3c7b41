# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Fields the record rules of the first line depend on (through
# res.users.mipg_process_ids).
RULE_FIELDS = {"leader_id", "member_ids"}


class MipgProcess(models.Model):
    _name = "mipg.process"
    _description = "MIPG process"
    _inherit = [
        "mipg.catalog.mixin",
        "mail.thread",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
    _order = "process_type_sequence, code, id"

    process_type = fields.Selection(
        [
            ("strategic", "Strategic"),
            ("mission", "Mission"),
            ("support", "Support"),
            ("evaluation", "Evaluation"),
        ],
        "Type",
        required=True,
        default="mission",
        tracking=True,
    )
    process_type_sequence = fields.Integer(
        compute="_compute_process_type_sequence", store=True
    )
    leader_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="Process leader (first line of defense): secretary or head of office.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "mipg_process_member_rel",
        "process_id",
        "user_id",
        string="Members",
    )
    policy_ids = fields.Many2many(
        "mipg.policy",
        "mipg_process_policy_rel",
        "process_id",
        "policy_id",
        string="Policies",
    )
    description = fields.Text()
    # the active risks of the process, for the priorities that follow them
    # (the audit programme); risks are written on their own form
    risk_ids = fields.One2many("mipg.risk", "process_id", string="Risks", readonly=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    color = fields.Integer()
    risk_count = fields.Integer(string="Number of risks", compute="_compute_risk_count")

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "A process with this code already exists in this company.",
        ),
    ]

    @api.depends("process_type")
    def _compute_process_type_sequence(self):
        order = {"strategic": 1, "mission": 2, "support": 3, "evaluation": 4}
        for process in self:
            process.process_type_sequence = order.get(process.process_type, 9)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_risk_count(self):
        """The risks of the process the user reads (none without access to
        risks, as a public servant)."""
        Risk = self.env["mipg.risk"]
        counts = {}
        if self.ids and Risk.has_access("read"):
            counts = {
                process.id: count
                for process, count in Risk._read_group(
                    [("process_id", "in", self.ids)], ["process_id"], ["__count"]
                )
            }
        for process in self:
            process.risk_count = counts.get(process.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        processes = super().create(vals_list)
        if any(vals.get("leader_id") or vals.get("member_ids") for vals in vals_list):
            processes._mipg_invalidate_record_rules()
        return processes

    def write(self, vals):
        res = super().write(vals)
        if RULE_FIELDS.intersection(vals):
            self._mipg_invalidate_record_rules()
        return res

    def unlink(self):
        res = super().unlink()
        self._mipg_invalidate_record_rules()
        return res

    def action_view_risk_heat_map(self):
        """The heat maps of the process's risks (the client action reads the
        process from its context)."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "mipg.mipg_risk_action_heat_map_client"
        )
        action["name"] = self.env._("Heat map: %(process)s", process=self.name)
        action["context"] = {"active_process_id": self.id}
        return action

    def action_view_risks(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("mipg.mipg_risk_action")
        action["domain"] = [("process_id", "=", self.id)]
        action["context"] = {"default_process_id": self.id}
        return action

    def _mipg_invalidate_record_rules(self):
        """The record rules of the first line read ``user.mipg_process_ids``
        when ir.rule computes their domain, and ir.rule caches that domain
        (``_compute_domain`` is an ormcache of the registry's default cache):
        a new leader or member must see their records at once, a former one
        must stop seeing them."""
        self.env["res.users"].invalidate_model(
            ["mipg_process_ids", "mipg_led_process_ids"]
        )
        self.env.registry.clear_cache()
