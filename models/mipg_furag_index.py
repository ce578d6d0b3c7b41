# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mipg_tools import check_year

# How Función Pública writes an index code in its files: "IDI", "D4" or
# "D04", "POL6" or "POL06", "i64" or "I64" (and the name after it).
CODE_RE = re.compile(r"^\s*(IDI|D|POL|I)\s*0*(\d*)\b", re.IGNORECASE)


def normalize_code(text):
    """The catalogue code of a FURAG index: 'IDI', 'D1'-'D7', 'POL01',
    'I05'; ``False`` when the text does not start with a code."""
    match = CODE_RE.match(text or "")
    if not match:
        return False
    prefix, number = match.group(1).upper(), match.group(2)
    if prefix == "IDI":
        return "IDI"
    if not number:
        return False
    if prefix == "D":
        return f"D{int(number)}"
    return f"{prefix}{int(number):02d}"


class MipgFuragIndex(models.Model):
    """An index of Función Pública's Medición del Desempeño Institucional
    in the years it kept the same code and meaning. The policy codes changed
    in 2022 (POL06 was Gobierno Digital until 2021, POL07 is since 2022):
    an index is always found by year and code."""

    _name = "mipg.furag.index"
    _description = "MIPG FURAG index (catalogue)"
    _inherit = ["mipg.catalog.mixin", "mipg.workflow.mixin"]
    _order = "year_from desc, kind_sequence, code, id"

    kind = fields.Selection(
        [
            ("idi", "Institutional performance index"),
            ("dimension", "Dimension"),
            ("policy", "Policy"),
            ("subindex", "Sub-index"),
        ],
        required=True,
        default="subindex",
    )
    kind_sequence = fields.Integer(compute="_compute_kind_sequence", store=True)
    year_from = fields.Integer(
        string="From year",
        required=True,
        aggregator=None,
        help="First year (vigencia) measured with this code and meaning.",
    )
    year_to = fields.Integer(
        string="To year",
        aggregator=None,
        help="Last year measured with this code and meaning; empty while it is "
        "still in use.",
    )
    dimension_id = fields.Many2one(
        "mipg.dimension",
        compute="_compute_dimension_id",
        store=True,
        readonly=False,
        index=True,
        ondelete="restrict",
        help="MIPG dimension the index measures.",
    )
    policy_id = fields.Many2one(
        "mipg.policy",
        index=True,
        ondelete="restrict",
        help="MIPG policy the index measures (or the policy of the sub-index).",
    )
    parent_id = fields.Many2one(
        "mipg.furag.index",
        string="Parent index",
        index=True,
        ondelete="restrict",
        help="The index this one is part of: the dimension of a policy, the "
        "policy of a sub-index.",
    )
    uncatalogued = fields.Boolean(
        readonly=True,
        help="Created by an import for a code the catalogue did not have, with "
        "the name found in the file: check it and link its policy.",
    )
    description = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "year_order",
            "CHECK(year_to IS NULL OR year_to = 0 OR year_to >= year_from)",
            "The last year of a FURAG index cannot be before its first year.",
        ),
    ]

    @api.depends("kind")
    def _compute_kind_sequence(self):
        order = {"idi": 0, "dimension": 1, "policy": 2, "subindex": 3}
        for index in self:
            index.kind_sequence = order.get(index.kind, 9)

    @api.depends("policy_id", "kind")
    def _compute_dimension_id(self):
        for index in self:
            # a dimension index keeps the dimension it was given
            index.dimension_id = index.policy_id.dimension_id or index.dimension_id

    @api.depends("code", "name", "year_from", "year_to")
    def _compute_display_name(self):
        for index in self:
            years = (
                f"{index.year_from}-{index.year_to}"
                if index.year_to
                else f"{index.year_from}-"
            )
            index.display_name = f"{index.code} {index.name} ({years})"

    @api.constrains("year_from", "year_to")
    def _check_years(self):
        message = lambda year: self.env._(  # noqa: E731
            "The year %(year)s is not valid: write the years of a FURAG index "
            "with four digits, e.g. 2022.",
            year=year,
        )
        check_year(self, message, field="year_from")
        check_year(self.filtered("year_to"), message, field="year_to")

    @api.constrains("code", "year_from", "year_to", "active")
    def _check_overlap(self):
        """One meaning per code and year: two active indexes with the same
        code cannot cover the same year."""
        for index in self.filtered("active"):
            others = self.search(
                [
                    ("id", "!=", index.id),
                    ("code", "=", index.code),
                    "|",
                    ("year_to", "=", False),
                    ("year_to", ">=", index.year_from),
                ]
            )
            for other in others:
                if not index.year_to or other.year_from <= index.year_to:
                    raise ValidationError(
                        self.env._(
                            "The FURAG index %(code)s already has a meaning in "
                            "the years %(other)s; set the years of each one so "
                            "that they do not overlap.",
                            code=index.code,
                            other=other.display_name,
                        )
                    )

    @api.model
    def _mipg_find(self, year, code):
        """The index of ``code`` (any spelling Función Pública uses) in the
        year measured, or an empty recordset."""
        code = normalize_code(code)
        if not code:
            return self.browse()
        return self.search(
            [
                ("code", "=", code),
                ("year_from", "<=", year),
                "|",
                ("year_to", "=", False),
                ("year_to", ">=", year),
            ],
            limit=1,
        )

    @api.model
    def _mipg_find_or_create(self, year, code, name):
        """The index of ``code`` in ``year``; a code the catalogue does not
        know is created for that year only, marked uncatalogued, with the
        name the file gives it (the import never drops a published figure)."""
        index = self._mipg_find(year, code)
        if index:
            return index
        code = normalize_code(code)
        kind = {"I": "subindex", "P": "policy", "D": "dimension"}.get(code[:1], "idi")
        return self.sudo().create(
            {
                "code": code,
                "name": name or code,
                "kind": kind,
                "year_from": year,
                "year_to": year,
                "uncatalogued": True,
            }
        )
