# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

PHVA = [
    ("plan", "Plan"),
    ("do", "Do"),
    ("check", "Check"),
    ("act", "Act"),
]


class MipgStage(models.Model):
    """A step of the entity's improvement model (Pasto: 1, 2.1 ... 4.1) on
    the PHVA cycle, plus the folded closing columns."""

    _name = "mipg.stage"
    _description = "MIPG improvement stage"
    _order = "sequence, id"

    name = fields.Char(required=True)
    code = fields.Char(required=True, index=True)
    phva = fields.Selection(PHVA, string="PHVA phase", required=True, index=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in boards")
    description = fields.Text()
    is_closed = fields.Boolean(
        string="Closing stage",
        help="Work in this stage is finished: the closing rules apply when "
        "entering it.",
    )
    is_cancelled = fields.Boolean(string="Cancellation stage")
    move_group_ids = fields.Many2many(
        "res.groups",
        "mipg_stage_move_group_rel",
        "stage_id",
        "group_id",
        string="Who may move cards here",
        help="Only members of these groups move a card into this stage by "
        "hand; empty, whoever may edit the card. MIPG itself moves the cards "
        "as the work goes (a report submitted, validated, evaluated...).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A stage with this code already exists."),
    ]

    def _mipg_check_move(self, records):
        """The current user may move ``records`` (actions or
        opportunities) by hand into this stage: the stage's groups, and the
        second line to reopen a closed or cancelled card or to cancel one
        (which needs a reason, given with the Cancel button)."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if self.is_cancelled:
            raise AccessError(
                self.env._(
                    "A card is cancelled with its Cancel button, which asks for "
                    "the reason; only the second line of defense (Planning) "
                    "cancels."
                )
            )
        if self.move_group_ids and not (self.move_group_ids & user.groups_id):
            raise AccessError(
                self.env._(
                    "Only %(groups)s move a card to the stage %(stage)s; MIPG "
                    "moves it there by itself when the work says so.",
                    groups=", ".join(self.move_group_ids.mapped("name")),
                    stage=self.name,
                )
            )
        leaving = records.sudo().stage_id.filtered(
            lambda s: s.is_closed or s.is_cancelled
        )
        if leaving and not user.has_group("mipg.group_mipg_second_line"):
            raise AccessError(
                self.env._(
                    "Only the second line of defense (Planning) reopens a closed "
                    "or cancelled card."
                )
            )

    def write(self, vals):
        res = super().write(vals)
        if {"is_closed", "is_cancelled"} & set(vals):
            # the closing rules hold for what already is in the stage, not
            # only for what enters it
            actions = (
                self.env["mipg.action"]
                .sudo()
                .with_context(active_test=False)
                .search([("stage_id", "in", self.ids)])
            )
            actions._check_closing()
            actions._check_open_in_closed_parent()
            opportunities = (
                self.env["mipg.opportunity"]
                .sudo()
                .with_context(active_test=False)
                .search([("stage_id", "in", self.ids)])
            )
            opportunities._check_closing()
            opportunities.action_ids._check_open_in_closed_parent()
        return res

    @api.model
    def _mipg_board_stages(self, stages):
        """Columns of a board: every stage, or only those of the PHVA phase
        given by the ``mipg_phva`` context key (the Plan/Do/Check/Act
        boards)."""
        domain = []
        phva = self.env.context.get("mipg_phva")
        if phva:
            domain = [("phva", "=", phva)]
        # a handful of stages: the board shows them all
        # pylint: disable=no-search-all
        return stages.search(domain, order=stages._order)
