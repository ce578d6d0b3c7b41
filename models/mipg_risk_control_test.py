# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# Who records each line's reviews of a control.
LINE_GROUP = {
    "first": "mipg.group_mipg_first_line",
    "second": "mipg.group_mipg_second_line",
    "third": "mipg.group_mipg_third_line",
}


class MipgRiskControlTest(models.Model):
    """What each line of defense does with a control in a period: the first
    line reports that it ran it, with evidence; the second line records its
    monitoring; the Internal Control Office tests its design and its
    execution. Once confirmed it is frozen; a failed test of the Internal
    Control Office raises an improvement opportunity."""

    _name = "mipg.risk.control.test"
    _description = "MIPG control execution, monitoring or test"
    _inherit = [
        "mail.thread",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.opportunity.origin.mixin",
    ]
    _order = "period_start desc, id desc"
    _rec_name = "control_id"
    _check_company_auto = True
    _mipg_state_field = "state"
    _mipg_transition_fields = ("date_confirmed",)
    _mipg_frozen_states = ("done",)

    control_id = fields.Many2one(
        "mipg.risk.control",
        required=True,
        index=True,
        # a confirmed execution or test outlives nothing it reviewed: the
        # control cannot be deleted under it (archive it instead)
        ondelete="restrict",
        check_company=True,
    )
    risk_id = fields.Many2one(
        related="control_id.risk_id", store=True, index=True, string="Risk"
    )
    process_id = fields.Many2one(
        related="control_id.process_id", store=True, index=True, string="Process"
    )
    line = fields.Selection(
        [
            ("first", "Execution (first line)"),
            ("second", "Monitoring (second line)"),
            ("third", "Test (Internal Control Office)"),
        ],
        string="Line of defense",
        required=True,
        default="first",
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    description = fields.Text(help="What was done or found, and how.")
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_risk_control_test_evidence_rel",
        "test_id",
        "attachment_id",
        string="Evidence",
    )
    result = fields.Selection(
        [("pass", "Passed"), ("fail", "Failed")],
        help="First line: the control was run as designed. Second line: the "
        "monitoring found it working. Internal Control Office: the execution "
        "passed the test.",
    )
    design_result = fields.Selection(
        [("adequate", "Adequate"), ("inadequate", "Inadequate")],
        string="Design",
        help="Internal Control Office only: whether the design of the control "
        "is adequate.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    date_confirmed = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(
        related="control_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "period_order",
            "CHECK(period_end >= period_start)",
            "The end of the period cannot be before its start.",
        ),
        (
            "one_per_period",
            "unique(control_id, line, period_start)",
            "This line already recorded this control for that period: open the "
            "existing record.",
        ),
    ]

    @api.constrains("line", "design_result")
    def _check_design_third_line(self):
        for test in self:
            if test.design_result and test.line != "third":
                raise ValidationError(
                    self.env._(
                        "Only the Internal Control Office rates the design of a "
                        "control: leave Design empty on executions and monitoring."
                    )
                )

    @api.constrains("period_start")
    def _check_period_not_future(self):
        today = fields.Date.context_today(self)
        for test in self:
            if test.period_start > today:
                raise ValidationError(
                    self.env._(
                        "The period starts on %(date)s, in the future: record a "
                        "period that has begun.",
                        date=format_date(self.env, test.period_start),
                    )
                )

    # ------------------------------------------------------------------
    # Rules of change (mipg.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Confirm")

    @api.model
    def _mipg_create_values(self, vals):
        return {} if self.env.su else {"author_id": self.env.uid}

    @api.model_create_multi
    def create(self, vals_list):
        tests = super().create(vals_list)
        for test in tests:
            test._mipg_check_line_user()
        return tests

    def write(self, vals):
        res = super().write(vals)
        if not self.env.su and {"line", "control_id"} & set(vals):
            # the record rules are checked before a write: nobody moves a
            # review to another line or out of their scope
            self.check_access("write")
            for test in self:
                test._mipg_check_line_user()
        return res

    # ------------------------------------------------------------------
    # State methods
    # ------------------------------------------------------------------
    def action_confirm(self):
        for test in self:
            test._mipg_check_line_user()
            if test.state != "draft":
                raise UserError(self.env._("This record is already confirmed."))
            if not test.result:
                raise UserError(
                    self.env._(
                        "Choose the result (passed or failed) before confirming."
                    )
                )
            if test.line == "third" and not test.design_result:
                raise UserError(
                    self.env._(
                        "Rate the design of the control (adequate or inadequate) "
                        "before confirming the test."
                    )
                )
        self._mipg_write_transition(
            {"state": "done", "date_confirmed": fields.Date.context_today(self)}
        )
        failed = self.filtered(
            lambda t: (
                t.line == "third"
                and (t.result == "fail" or t.design_result == "inadequate")
            )
        )
        failed._mipg_create_opportunities()
        # the monitoring the second line was reminded of is recorded
        self.filtered(lambda t: t.line == "second").risk_id._mipg_done(
            "mipg.mipg_activity_type_risk_monitoring"
        )
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_check_line_user(self):
        """The current user records this line's work: the first line only on
        the controls of its processes."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        labels = dict(self._fields["line"]._description_selection(self.env))
        if not user.has_group(LINE_GROUP[self.line]):
            raise AccessError(
                self.env._(
                    "You cannot record a %(line)s: it is reserved to that line of "
                    "defense.",
                    line=labels[self.line].lower(),
                )
            )
        if self.line == "first" and self.sudo().process_id not in user.mipg_process_ids:
            raise AccessError(
                self.env._(
                    "You report the execution only of the controls of your processes."
                )
            )

    def _mipg_prepare_opportunity_vals(self):
        self.ensure_one()
        test = self.sudo()
        return {
            "title": self.env._(
                "Control failed its test: %(control)s", control=test.control_id.name
            )[:200],
            "description": self.env._(
                "The Internal Control Office tested the control %(control)s of the "
                "risk %(risk)s (%(start)s to %(end)s). Design: %(design)s. "
                "Execution: %(result)s. %(description)s",
                control=test.control_id.name,
                risk=test.risk_id.name,
                start=format_date(self.env, test.period_start),
                end=format_date(self.env, test.period_end),
                design=dict(
                    self._fields["design_result"]._description_selection(self.env)
                ).get(test.design_result, ""),
                result=dict(
                    self._fields["result"]._description_selection(self.env)
                ).get(test.result, ""),
                description=test.description or "",
            ),
            "source": "auditoria_interna_gestion",
            "finding_type": "hallazgo",
            "process_id": test.process_id.id,
        }
