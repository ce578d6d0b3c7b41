# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

SECTIONS = [
    ("waiting", "Waiting for me"),
    ("deadlines", "My deadlines"),
    ("plans", "Plans"),
    ("figures", "Figures of the entity"),
]
VIEW_TYPES = [
    ("list", "List"),
    ("kanban", "Kanban"),
    ("graph", "Graph"),
    ("pivot", "Pivot"),
]


class MipgDashboardTile(models.Model):
    """A tile of the "My work" dashboard: how many records of a model wait
    for the current user, and the list behind that number.

    The number is one ``search_count`` of the tile's domain, made as the
    user (never as superuser), so that the record rules of the lines of
    defense decide what it counts; :meth:`action_open` opens exactly those
    records. The domain is evaluated for each user with ``uid``, ``user``,
    ``today``, ``context_today()``, ``relativedelta``, ``datetime`` and
    ``company_ids``."""

    _name = "mipg.dashboard.tile"
    _description = "MIPG dashboard tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(
        translate=True, help="One line under the name: what the number counts."
    )
    sequence = fields.Integer(default=10)
    section = fields.Selection(
        SECTIONS,
        required=True,
        default="waiting",
        group_expand="_group_expand_section",
    )
    group_ids = fields.Many2many(
        "res.groups",
        "mipg_dashboard_tile_group_rel",
        "tile_id",
        "group_id",
        string="Shown to",
        help="The members of these groups (implied groups included) see the "
        "tile on their dashboard; empty: every user.",
    )
    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade")
    res_model = fields.Char(related="model_id.model", string="Model name")
    domain = fields.Char(
        required=True,
        default="[]",
        help="The records the tile counts, evaluated for each user: uid, user "
        "(e.g. user.mipg_process_ids.ids), today ('YYYY-MM-DD'), "
        "context_today(), relativedelta, datetime and company_ids can be used.",
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Window action",
        ondelete="set null",
        help="The action whose views show the records; its domain is "
        "replaced by the tile's. Empty: the model's default views.",
    )
    view_type = fields.Selection(
        VIEW_TYPES,
        string="Opens in",
        required=True,
        default="list",
        help="The view shown first when the tile is opened.",
    )
    icon = fields.Char(default="fa-tasks", help="Font Awesome icon, e.g. fa-clock-o.")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    count = fields.Integer(
        compute="_compute_count",
        help="How many of the tile's records the current user may read.",
    )
    is_mine = fields.Boolean(
        string="On my dashboard",
        compute="_compute_is_mine",
        search="_search_is_mine",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("model_id", "domain")
    @api.depends_context("uid", "tz", "allowed_company_ids")
    def _compute_count(self):
        eval_context = self._mipg_eval_context()
        for tile in self:
            Model = tile._mipg_target_model()
            if Model is None or not Model.browse().has_access("read"):
                tile.count = 0
                continue
            tile.count = Model.search_count(tile._mipg_domain(eval_context))

    @api.depends("group_ids")
    @api.depends_context("uid")
    def _compute_is_mine(self):
        groups = self.env.user.groups_id
        for tile in self:
            tile.is_mine = not tile.group_ids or bool(tile.group_ids & groups)

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("This search on the dashboard tiles is not supported.")
            )
        mine = [
            "|",
            ("group_ids", "=", False),
            ("group_ids", "in", self.env.user.groups_id.ids),
        ]
        return mine if (operator == "=") == value else ["!", *mine]

    @api.model
    def _group_expand_section(self, sections, domain):
        """The columns of the dashboard in the order of the work (what waits
        for me first), only those that have tiles."""
        return [key for key, _label in SECTIONS if key in sections]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("action_id", "model_id")
    def _check_action_model(self):
        for tile in self:
            action = tile.action_id.sudo()
            if action and action.res_model != tile.res_model:
                raise ValidationError(
                    self.env._(
                        "The window action %(action)s of the tile %(tile)s shows "
                        "%(action_model)s, not %(model)s: choose an action of "
                        "the tile's model, or none.",
                        action=action.name,
                        tile=tile.name,
                        action_model=action.res_model,
                        model=tile.res_model,
                    )
                )

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        eval_context = self._mipg_eval_context()
        for tile in self:
            Model = tile._mipg_target_model()
            if Model is None:
                continue
            try:
                with self.env.cr.savepoint():
                    Model.sudo().search_count(tile._mipg_domain(eval_context), limit=1)
            except Exception as error:  # any mistake in the domain's text
                raise ValidationError(
                    self.env._(
                        "The domain of the tile %(tile)s is not valid for "
                        "%(model)s: %(error)s. Write a list of conditions such "
                        "as [('state', '=', 'draft')].",
                        tile=tile.name,
                        model=tile.model_id.name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """The records behind the number: the tile's window action with the
        tile's domain, evaluated for the current user, and its view first."""
        self.ensure_one()
        eval_context = self._mipg_eval_context()
        if self.action_id:
            action = self.action_id._get_action_dict()
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": self.res_model,
                "views": [[False, "list"], [False, "form"]],
            }
        # Opened from the tile, the action is the tile's: no id, so that it is
        # not confused with (nor reloaded as) the action it borrows views from.
        for key in ("id", "xml_id", "path"):
            action.pop(key, None)
        views = [list(view) for view in action.get("views") or []]
        if not any(view_type == self.view_type for _id, view_type in views):
            views.insert(0, [False, self.view_type])
        views.sort(key=lambda view: view[1] != self.view_type)
        action.update(
            name=self.name,
            display_name=self.name,
            domain=self._mipg_domain(eval_context),
            views=views,
            view_mode=",".join(view_type for _id, view_type in views),
            context=self._mipg_action_context(action.get("context"), eval_context),
            target="current",
        )
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _mipg_target_model(self):
        """The tile's model in the current user's environment, never as
        superuser: the record rules decide what the tile counts."""
        self.ensure_one()
        if self.res_model not in self.env:
            return None
        return self.env[self.res_model].sudo(False)

    @api.model
    def _mipg_eval_context(self):
        today = fields.Date.context_today(self)
        return {
            "uid": self.env.uid,
            "user": self.env.user,
            "today": fields.Date.to_string(today),
            "context_today": lambda: today,
            "relativedelta": relativedelta,
            "datetime": safe_datetime,
            "company_ids": self.env.companies.ids,
        }

    def _mipg_domain(self, eval_context=None):
        self.ensure_one()
        domain = safe_eval(
            self.domain or "[]", eval_context or self._mipg_eval_context()
        )
        if not isinstance(domain, list | tuple):
            raise ValueError(self.env._("the domain must be a list"))
        return list(domain)

    @api.model
    def _mipg_action_context(self, context, eval_context):
        """The context of the borrowed action without its default filters,
        which would hide part of the tile's records."""
        if isinstance(context, str):
            try:
                context = safe_eval(
                    context, dict(eval_context, active_id=False, active_ids=[])
                )
            except Exception:  # an action's context the tile cannot evaluate
                context = {}
        return {
            key: value
            for key, value in dict(context or {}).items()
            if not key.startswith("search_default_")
        }
