# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CONTROL_TYPES = [
    ("preventive", "Preventive"),
    ("detective", "Detective"),
    ("corrective", "Corrective"),
]


class MipgRiskControl(models.Model):
    """A control of a risk, written as the guide says (a post, an action,
    a complement) and rated by the weights of the risk's policy: its type
    and implementation give its rating; preventive and detective controls
    lower the probability, corrective ones the impact, one after the
    other in their order."""

    _name = "mipg.risk.control"
    _description = "MIPG risk control"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "risk_id, sequence, id"
    _check_company_auto = True

    risk_id = fields.Many2one(
        "mipg.risk", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(
        default=10, help="Order in which the control is applied to the risk."
    )
    responsible_post = fields.Char(
        string="Responsible (post)",
        required=True,
        help="The post that runs the control, never a person's name.",
    )
    action = fields.Char(
        required=True, help="What the post does, a verb in present tense: verifies..."
    )
    complement = fields.Text(
        help="On what, how often, and what happens with the deviations."
    )
    name = fields.Char(string="Description", compute="_compute_name", store=True)
    control_type = fields.Selection(
        CONTROL_TYPES, string="Type", required=True, default="preventive"
    )
    implementation = fields.Selection(
        [("automatic", "Automatic"), ("manual", "Manual")],
        required=True,
        default="manual",
    )
    documentation = fields.Selection(
        [("documented", "Documented"), ("undocumented", "Undocumented")]
    )
    frequency = fields.Selection([("continuous", "Continuous"), ("random", "Random")])
    evidence = fields.Selection(
        [("with_record", "With record"), ("without_record", "Without record")]
    )
    affects = fields.Selection(
        [("probability", "Probability"), ("impact", "Impact")],
        compute="_compute_rating",
        store=True,
    )
    rating = fields.Float(compute="_compute_rating", store=True, digits=(3, 2))
    probability_after = fields.Float(
        string="Probability after the control",
        compute="_compute_after",
        digits=(5, 4),
    )
    impact_after = fields.Float(
        string="Impact after the control", compute="_compute_after", digits=(5, 4)
    )
    test_ids = fields.One2many(
        "mipg.risk.control.test", "control_id", string="Executions and tests"
    )
    active = fields.Boolean(default=True)
    process_id = fields.Many2one(
        related="risk_id.process_id", store=True, index=True, string="Process"
    )
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)

    @api.depends("responsible_post", "action", "complement")
    def _compute_name(self):
        for control in self:
            control.name = " ".join(
                part.strip()
                for part in (
                    control.responsible_post,
                    control.action,
                    control.complement,
                )
                if part and part.strip()
            )

    @api.depends(
        "control_type",
        "implementation",
        "risk_id.methodology_id",
    )
    def _compute_rating(self):
        for control in self:
            methodology = control.risk_id.methodology_id.sudo()
            control.affects = (
                "impact" if control.control_type == "corrective" else "probability"
            )
            if not methodology or not control.control_type:
                control.rating = 0.0
                continue
            control.rating = (
                methodology[f"weight_{control.control_type}"]
                + methodology[f"weight_{control.implementation}"]
            )

    @api.depends(
        "rating",
        "sequence",
        "active",
        "risk_id.inherent_probability_id",
        "risk_id.inherent_impact_id",
    )
    def _compute_after(self):
        for risk in self.risk_id:
            __, __, steps = risk._mipg_residual_steps(
                risk.inherent_probability_id.value, risk.inherent_impact_id.value
            )
            for control in self.filtered(lambda c, r=risk: c.risk_id == r):
                control.probability_after, control.impact_after = steps.get(
                    control.id, (0.0, 0.0)
                )
        for control in self.filtered(lambda c: not c.risk_id):
            control.probability_after = control.impact_after = 0.0

    def write(self, vals):
        res = super().write(vals)
        if not self.env.su and "risk_id" in vals:
            # the record rules are checked before a write: a user does not
            # move a record out of their scope either
            self.check_access("write")
        return res

    @api.constrains("control_type", "implementation", "sequence", "active", "risk_id")
    def _check_risk_treatment(self):
        """A control changes the residual zone: the treatment of its risk
        must still be one the policy allows there."""
        self.risk_id._check_treatment()

    @api.constrains("responsible_post")
    def _check_responsible_post(self):
        for control in self:
            if not (control.responsible_post or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write the post responsible for the control (for example "
                        "'Profesional universitario de Tesorería')."
                    )
                )
