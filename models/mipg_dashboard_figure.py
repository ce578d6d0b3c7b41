# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .mipg_opportunity import SOURCES
from .mipg_stage import PHVA

# The dimensions of each action: those of the policies of its opportunity.
DIMENSION_RELATION = "mipg_dashboard_figure_dimension_rel"


class MipgDashboardFigure(models.Model):
    """The figures of the entity on the dashboard: one row per active
    improvement action, with its process, PHVA phase, status and progress,
    for the graph and pivot views of the second and strategic lines.

    Its dimensions are a many2many on a database view of the dimensions of
    the action's opportunity, so that grouped by dimension each action
    counts once in every dimension it touches, while the totals (and any
    other grouping) count it once. Read-only: computed by the database."""

    _name = "mipg.dashboard.figure"
    _description = "MIPG figures of the improvement actions"
    _auto = False
    _order = "action_id"
    _rec_name = "action_id"
    _depends = {
        "mipg.action": [
            "active",
            "company_id",
            "date_deadline",
            "effective",
            "opportunity_id",
            "phva",
            "plan_id",
            "process_id",
            "progress",
            "responsible_id",
            "source",
            "stage_id",
        ],
        "mipg.opportunity": ["dimension_ids"],
        "mipg.stage": ["is_cancelled", "is_closed"],
    }

    action_id = fields.Many2one("mipg.action", readonly=True)
    opportunity_id = fields.Many2one("mipg.opportunity", readonly=True)
    plan_id = fields.Many2one("mipg.plan", string="Improvement plan", readonly=True)
    process_id = fields.Many2one("mipg.process", readonly=True)
    dimension_ids = fields.Many2many(
        "mipg.dimension",
        DIMENSION_RELATION,
        "figure_id",
        "dimension_id",
        string="Dimensions",
        readonly=True,
    )
    stage_id = fields.Many2one("mipg.stage", readonly=True)
    phva = fields.Selection(PHVA, string="PHVA phase", readonly=True)
    status = fields.Selection(
        [("open", "Open"), ("closed", "Closed"), ("cancelled", "Cancelled")],
        readonly=True,
    )
    source = fields.Selection(SOURCES, readonly=True)
    responsible_id = fields.Many2one("res.users", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    progress = fields.Float(aggregator="avg", readonly=True)
    effective = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        cr = self.env.cr
        tools.drop_view_if_exists(cr, DIMENSION_RELATION)
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT action.id AS id,
                           action.id AS action_id,
                           action.opportunity_id,
                           action.plan_id,
                           action.process_id,
                           action.stage_id,
                           action.phva,
                           CASE
                               WHEN stage.is_cancelled THEN 'cancelled'
                               WHEN stage.is_closed THEN 'closed'
                               ELSE 'open'
                           END AS status,
                           action.source,
                           action.responsible_id,
                           action.date_deadline,
                           action.progress,
                           action.effective,
                           action.company_id
                      FROM mipg_action action
                      LEFT JOIN mipg_stage stage ON stage.id = action.stage_id
                     WHERE action.active
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(relation)s AS (
                    SELECT action.id AS figure_id, rel.dimension_id
                      FROM mipg_action action
                      JOIN mipg_opportunity_dimension_rel rel
                        ON rel.opportunity_id = action.opportunity_id
                     WHERE action.active
                )
                """,
                relation=SQL.identifier(DIMENSION_RELATION),
            )
        )
