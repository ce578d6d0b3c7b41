# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

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
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A stage with this code already exists."),
    ]

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
