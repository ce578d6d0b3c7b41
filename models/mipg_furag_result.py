# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mipg_tools import check_year, year_sql_constraint


def check_furag_year(records):
    """The year of FURAG results (also the import wizard's, before it reads
    the file)."""
    check_year(
        records,
        lambda year: records.env._(
            "The year %(year)s is not valid: write the year measured by the "
            "FURAG results with four digits, e.g. 2025.",
            year=year,
        ),
    )


class MipgFuragResult(models.Model):
    """Official FURAG results of one year (vigencia), as published by Función
    Pública: they are imported, never recomputed."""

    _name = "mipg.furag.result"
    _description = "MIPG FURAG result"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "year desc, id desc"
    _sql_constraints = [
        year_sql_constraint(),
        (
            "idi_range",
            "CHECK(idi BETWEEN 0 AND 100)",
            "The Índice de Desempeño Institucional goes from 0 to 100.",
        ),
    ]
    # The official figures are read-only fields: only the import wizard
    # writes them, as superuser; the note stays open.

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True, readonly=True, aggregator=None, help="Year (vigencia) measured."
    )
    idi = fields.Float(
        string="Institutional performance index",
        readonly=True,
        aggregator="avg",
        help="Índice de Desempeño Institucional (IDI), from 0 to 100.",
    )
    peer_group = fields.Char(readonly=True, help="Peer group of the entity.")
    peer_average = fields.Float(
        string="Peer-group average",
        readonly=True,
        aggregator="avg",
        help="Average IDI of the entity's peer group.",
    )
    idi_difference = fields.Float(
        string="Difference with peers",
        compute="_compute_idi_difference",
    )
    line_ids = fields.One2many(
        "mipg.furag.result.line",
        "result_id",
        string="Indexes",
        readonly=True,
        context={"active_test": False},
    )
    recommendation_ids = fields.One2many(
        "mipg.furag.recommendation", "result_id", string="Recommendations"
    )
    recommendation_count = fields.Integer(compute="_compute_recommendation_count")
    import_date = fields.Datetime(readonly=True)
    file_name = fields.Char(string="Imported file", readonly=True)
    file_format = fields.Selection(
        [
            ("simple", "Six columns (Tipo, Código, Puntaje...)"),
            ("wide", "Función Pública results workbook (one row per entity)"),
            ("long", "Open data (one row per entity and index)"),
        ],
        readonly=True,
        default="simple",
    )
    active = fields.Boolean(
        default=True,
        readonly=True,
        help="Results replaced by a later import of the same year are archived: "
        "their figures stay in the history.",
    )
    replaced_by_id = fields.Many2one(
        "mipg.furag.result",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The import of the same year that replaced these results.",
    )
    note = fields.Html()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )

    def init(self):
        # One set of results in force per year and company; the replaced
        # ones stay archived, as history.
        self.env.cr.execute(
            "ALTER TABLE mipg_furag_result "
            "DROP CONSTRAINT IF EXISTS mipg_furag_result_year_company_unique"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS mipg_furag_result_year_active_uniq "
            "ON mipg_furag_result (year, company_id) WHERE active"
        )

    def _mipg_is_frozen(self):
        """Imported results are Función Pública's: frozen from the start
        (no new index or recommendation, no file or message rewritten)."""
        self.ensure_one()
        return True

    @api.model
    def _mipg_protected_message(self, names):
        return self.env._(
            "The FURAG results are Función Pública's official figures and "
            "cannot be changed by hand. If the file was wrong, delete the "
            "year's results and import the right file again."
        )

    def _mipg_frozen_message(self):
        return self._mipg_protected_message(set())

    def _mipg_locked_fields(self):
        self.ensure_one()
        return set(self._fields) - {"note", "message_follower_ids"}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        """Only a MIPG administrator deletes a year loaded from a wrong file,
        to import the right one."""
        self._mipg_check_group(
            "mipg.group_mipg_manager",
            self.env._(
                "Only a MIPG administrator deletes imported FURAG results, to "
                "load the right file again."
            ),
        )

    @api.depends("year")
    def _compute_name(self):
        for result in self:
            result.name = f"FURAG {result.year}"

    @api.constrains("year")
    def _check_year(self):
        check_furag_year(self)

    @api.depends("idi", "peer_average")
    def _compute_idi_difference(self):
        for result in self:
            result.idi_difference = result.idi - result.peer_average

    @api.depends("recommendation_ids")
    def _compute_recommendation_count(self):
        for result in self:
            result.recommendation_count = len(result.recommendation_ids)

    def _mipg_matching_line(self, index):
        """The line of these results that measures the same as ``index`` (a
        catalogue index of another year): the same index, else, across the
        change of codes of 2022, the same policy, dimension or IDI."""
        self.ensure_one()
        if not index:
            return self.env["mipg.furag.result.line"]
        lines = self.line_ids
        same = lines.filtered(lambda line: line.index_id == index)
        if not same and index.kind == "idi":
            same = lines.filtered(lambda line: line.index_type == "idi")
        elif not same and index.kind == "dimension":
            same = lines.filtered(
                lambda line: (
                    line.index_type == "dimension"
                    and line.dimension_id == index.dimension_id
                )
            )
        elif not same and index.kind == "policy" and index.policy_id:
            same = lines.filtered(
                lambda line: (
                    line.index_type == "policy" and line.policy_id == index.policy_id
                )
            )
        return same[:1]

    def _mipg_remeasure(self):
        """These results are the next measurement of the gaps raised from
        earlier ones (called by the import)."""
        for result in self:
            self.env["mipg.opportunity"]._mipg_remeasure_furag(result)

    def action_create_opportunities(self):
        """Turn every recommendation into an improvement opportunity."""
        return self.recommendation_ids.action_create_opportunity()
