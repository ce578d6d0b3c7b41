# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .mipg_tools import format_number


class MipgFuragResultLine(models.Model):
    """One FURAG index of a year: a dimension (D1-D7), a policy (P1-P19 /
    POLxx) or another sub-index (iNN), with the peer-group average."""

    _name = "mipg.furag.result.line"
    _description = "MIPG FURAG index"
    _inherit = [
        "mipg.opportunity.origin.mixin",
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
    ]
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
        (
            "score_range",
            "CHECK(score BETWEEN 0 AND 100)",
            "A FURAG score goes from 0 to 100.",
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

    def _mipg_catalogue_index(self):
        """The catalogue index of this line; for the six-column import,
        which gives no catalogue code, the index of the same policy,
        dimension or IDI in the year."""
        self.ensure_one()
        if self.index_id:
            return self.index_id
        kind = {"other": "subindex"}.get(self.index_type, self.index_type)
        domain = [
            ("kind", "=", kind),
            ("year_from", "<=", self.year),
            "|",
            ("year_to", "=", False),
            ("year_to", ">=", self.year),
        ]
        if kind == "policy":
            domain.append(("policy_id", "=", self.policy_id.id))
        elif kind == "dimension":
            domain.append(("dimension_id", "=", self.dimension_id.id))
        elif kind == "subindex":
            return self.env["mipg.furag.index"]._mipg_find(self.year, self.code)
        return self.env["mipg.furag.index"].search(domain, limit=1)

    def _mipg_baseline_vals(self):
        """The baseline an opportunity raised from this index keeps."""
        self.ensure_one()
        return {
            "baseline_kind": "furag",
            "baseline_index_id": self._mipg_catalogue_index().id,
            "baseline_value": self.score,
            "baseline_year": self.year,
            "baseline_peer_average": self.peer_average,
        }

    def _mipg_prepare_opportunity_vals(self):
        """The improvement opportunity (source FURAG) of a weak index, for
        the first process of its policy; the further below its peer group,
        the higher its impact."""
        vals = super()._mipg_prepare_opportunity_vals()
        policy = self.policy_id or self.index_id.policy_id
        if not policy:
            raise UserError(
                self.env._(
                    "The FURAG index %(code)s is not linked to a policy: raise "
                    "the opportunity from one of its policies' indexes.",
                    code=self.code,
                )
            )
        below = max(self.peer_average - self.score, 0.0)
        vals.update(
            {
                "title": self.env._(
                    "FURAG %(year)s, %(code)s %(name)s: %(score)s",
                    year=self.year,
                    code=self.code,
                    name=self.name,
                    score=format_number(self.env, self.score),
                ),
                "source": "furag",
                "finding_type": "oportunidad_mejora",
                "source_reference": self.result_id.name,
                "description": self.env._(
                    "The FURAG %(year)s index %(code)s %(name)s scored %(score)s "
                    "out of 100; its peer group averaged %(peer)s (best "
                    "%(best)s).",
                    year=self.year,
                    code=self.code,
                    name=self.name,
                    score=format_number(self.env, self.score),
                    peer=format_number(self.env, self.peer_average),
                    best=format_number(self.env, self.peer_max),
                ),
                "impact": min(5, 3 + round(below / 10)),
                "process_id": policy._get_lead_process(self.company_id).id,
                "policy_ids": [(6, 0, policy.ids)],
                "company_id": self.company_id.id,
                **self._mipg_baseline_vals(),
            }
        )
        return vals
