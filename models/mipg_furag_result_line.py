# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class MipgFuragResultLine(models.Model):
    """One FURAG index of a year: a dimension (D1-D7), a policy (P1-P19 /
    POLxx) or another sub-index (iNN), with the peer-group average."""

    _name = "mipg.furag.result.line"
    _description = "MIPG FURAG index"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _mipg_frozen_parent = "result_id"

    def _mipg_frozen_message(self):
        return self.result_id._mipg_frozen_message()

    _order = "result_id, index_type_sequence, code, id"

    result_id = fields.Many2one(
        "mipg.furag.result", required=True, index=True, ondelete="cascade"
    )
    year = fields.Integer(related="result_id.year", store=True, aggregator=None)
    company_id = fields.Many2one(related="result_id.company_id", store=True)
    index_type = fields.Selection(
        [
            ("idi", "Institutional performance index"),
            ("dimension", "Dimension"),
            ("policy", "Policy"),
            ("other", "Sub-index"),
        ],
        string="Type",
        required=True,
    )
    index_type_sequence = fields.Integer(
        compute="_compute_index_type_sequence", store=True
    )
    code = fields.Char(required=True)
    name = fields.Char(required=True)
    dimension_id = fields.Many2one("mipg.dimension", index=True, ondelete="restrict")
    policy_id = fields.Many2one("mipg.policy", index=True, ondelete="restrict")
    index_id = fields.Many2one(
        "mipg.furag.index",
        string="Catalogue index",
        index=True,
        ondelete="restrict",
        help="The index of the catalogue this code means in the year measured.",
    )
    active = fields.Boolean(related="result_id.active", store=True)
    score = fields.Float(aggregator="avg")
    peer_average = fields.Float(string="Peer-group average", aggregator="avg")
    peer_max = fields.Float(string="Peer-group best", aggregator="max")
    peer_min = fields.Float(string="Peer-group lowest", aggregator="min")
    quintile = fields.Integer(
        string="Peer-group quintile",
        aggregator=None,
        help="Quintile of the entity in its peer group, from 1 (lowest fifth) "
        "to 5 (highest fifth); 0 when the file does not give it.",
    )
    percentile = fields.Float(
        string="Peer-group percentile",
        aggregator="avg",
        help="Percentile of the entity in its peer group (0 to 100).",
    )
    difference = fields.Float(
        string="Difference with peers", compute="_compute_difference", store=True
    )
    gap_to_best = fields.Float(
        string="Gap to the best",
        compute="_compute_difference",
        store=True,
        aggregator="avg",
        help="Points the entity is below the best of its peer group.",
    )

    _sql_constraints = [
        (
            "peer_ranges",
            "CHECK(quintile BETWEEN 0 AND 5 AND percentile BETWEEN 0 AND 100)",
            "The quintile of a FURAG index goes from 1 to 5 and its percentile "
            "from 0 to 100.",
        ),
    ]

    def write(self, vals):
        # Every field of an index is imported from the official file: nobody
        # writes an index (the access rights say so too), only the import.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The FURAG results are Función Pública's official figures and "
                    "cannot be changed by hand. If the file was wrong, delete "
                    "the year's results and import the right file again."
                )
            )
        return super().write(vals)

    @api.depends("index_type")
    def _compute_index_type_sequence(self):
        order = {"idi": 0, "dimension": 1, "policy": 2, "other": 3}
        for line in self:
            line.index_type_sequence = order.get(line.index_type, 9)

    @api.depends("score", "peer_average", "peer_max")
    def _compute_difference(self):
        for line in self:
            line.difference = line.score - line.peer_average
            line.gap_to_best = max(line.peer_max - line.score, 0.0)
