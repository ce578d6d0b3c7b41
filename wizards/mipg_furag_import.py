# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from contextlib import closing

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mipg_furag_index import normalize_code
from ..models.mipg_furag_result import check_furag_year
from .mipg_import_common import (
    clean,
    decode_upload,
    iter_rows,
    key,
    parse_score,
    read_rows,
)

# field -> (header prefix without accents, header as printed, required)
COLUMNS = {
    "type": ("tipo", "Tipo", True),
    "code": ("codigo", "Código", True),
    "name": ("nombre", "Nombre", False),
    "score": ("puntaje", "Puntaje", True),
    "peer": ("promedio", "Promedio grupo par", False),
    "recommendation": ("recomendacion", "Recomendación", False),
}
# Values of the "Tipo" column (without accents) -> kind of row
TYPES = {
    "idi": "idi",
    "indice de desempeno institucional": "idi",
    "dimension": "dimension",
    "politica": "policy",
    "subindice": "other",
    "indice": "other",
    "recomendacion": "recommendation",
}
# Open-data layout of Función Pública (one row per entity, year and index):
# field -> (header without accents, underscores as blanks; required)
LONG_COLUMNS = {
    "sigep": ("codigo sigep", True),
    "municipality": ("id municipio", False),
    "year": ("vigencia", True),
    "code": ("id indice", True),
    "name": ("indice", False),
    "score": ("puntaje entidad", True),
    "peer_average": ("promedio grupo par", True),
    "peer_max": ("maximo grupo par", False),
    "peer_min": ("minimo grupo par", False),
    "quintile": ("quintil grupo par", False),
    "percentile": ("percentil grupo par", False),
}
# Results workbook (Resultados_vigAAAA_territorio.xlsx): identification
# columns; every other column named by an index code is an index.
WIDE_SIGEP = "codigo sigep"
WIDE_IDI = "indice de desempeno institucional"
WIDE_PEER_GROUP = "grupo par"
WIDE_SHEETS = ("territorio", "nacion")
HEADER_SEARCH_ROWS = 20
MAX_ERRORS = 50
KIND_TO_TYPE = {
    "idi": "idi",
    "dimension": "dimension",
    "policy": "policy",
    "subindex": "other",
}


def header_key(value):
    return " ".join(key(value).replace("_", " ").split())


def row_key(value):
    """A code cell (SIGEP, DIVIPOLA, year) as text: 99901.0 and '99901'
    are the same code."""
    text = clean(value)
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


class MipgFuragImport(models.TransientModel):
    """Load the official FURAG results of a year from a .xlsx or .csv file
    with the columns Tipo, Código, Nombre, Puntaje, Promedio grupo par and
    Recomendación (one row per index or recommendation)."""

    _name = "mipg.furag.import"
    _description = "Import FURAG results"

    file = fields.Binary(required=True, string="File (.xlsx or .csv)")
    file_name = fields.Char()
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        help="Year (vigencia) measured by the results.",
    )
    peer_group = fields.Char(help="Peer group of the entity in the results.")
    recommendation_file = fields.Binary(
        string="Recommendations file (.xlsx)",
        help="Función Pública's recommendations workbook of the entity (sheet "
        "Recomendaciones, columns Política, Recomendación and Política "
        "relacionada), imported with the results.",
    )
    recommendation_file_name = fields.Char()
    replace = fields.Boolean(
        string="Replace the loaded results",
        help="The results of this year are already loaded: replace them by this "
        "file. The old figures are archived and stay in the history.",
    )

    def action_import(self):
        self.ensure_one()
        company = self.env.company
        existing = self.env["mipg.furag.result"].search(
            [("year", "=", self.year), ("company_id", "=", company.id)]
        )
        if existing and not self.replace:
            raise UserError(
                self.env._(
                    "The FURAG results of %(year)s are already loaded. To load them "
                    'again from another file, tick "Replace the loaded results": '
                    "the old figures stay in the history.",
                    year=self.year,
                )
            )
        content = decode_upload(self.env, self.file, self.file_name)
        values = self._parse_any(content, self.file_name, self.year, company)
        if self.recommendation_file:
            recommendations = decode_upload(
                self.env, self.recommendation_file, self.recommendation_file_name
            )
            values["recommendation_ids"] += self._parse_recommendations(
                recommendations, self.recommendation_file_name, self.year
            )
        # the official figures are read-only for everybody: the wizard (open
        # to the second line only) writes them as superuser, in the user's
        # company; the results replaced are archived first, in the same
        # transaction, so that nothing is half imported
        values["peer_group"] = values.get("peer_group") or self.peer_group
        existing.sudo().write({"active": False})
        existing.flush_recordset(["active"])
        result = (
            self.env["mipg.furag.result"]
            .sudo()
            .create(
                dict(
                    values,
                    company_id=company.id,
                    year=self.year,
                    file_name=self.file_name,
                    import_date=fields.Datetime.now(),
                )
            )
        )
        existing.sudo().write({"replaced_by_id": result.id})
        # the import is the next measurement of the gaps raised from earlier
        # FURAG results
        result._mipg_remeasure()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mipg.furag.result",
            "res_id": result.with_env(self.env).id,
            "view_mode": "form",
        }

    @api.constrains("year")
    def _check_year(self):
        # the results' own rule, said before the file is read
        check_furag_year(self)

    @api.model
    def _parse(self, content, file_name):
        """Values of a mipg.furag.result; raises UserError naming every bad
        row before anything is written."""
        rows = read_rows(self.env, content, file_name)
        rows = [(n, row) for n, row in rows if any(clean(c) for c in row)]
        if not rows:
            raise UserError(self.env._("Nothing was imported: the file is empty."))
        header_number, header = rows[0]
        columns = {}
        for index, cell in enumerate(header):
            for name, (prefix, _label, _required) in COLUMNS.items():
                if key(cell).startswith(prefix) and name not in columns:
                    columns[name] = index
        missing = [
            label
            for name, (_p, label, required) in COLUMNS.items()
            if required and name not in columns
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Nothing was imported: row %(row)s, the header, has no column "
                    "%(columns)s. The columns are: Tipo, Código, Nombre, Puntaje, "
                    "Promedio grupo par, Recomendación.",
                    row=header_number,
                    columns=", ".join(f"'{label}'" for label in missing),
                )
            )
        values = {
            "idi": 0.0,
            "peer_average": 0.0,
            "line_ids": [],
            "recommendation_ids": [],
        }
        errors = []
        for number, row in rows[1:]:
            cell = dict.fromkeys(COLUMNS, "")
            for name, index in columns.items():
                cell[name] = row[index] if index < len(row) else None
            try:
                self._parse_row(cell, values)
            except ValueError as error:
                errors.append(
                    self.env._("Row %(row)s: %(error)s", row=number, error=error)
                )
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct the file:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        return values

    @api.model
    def _parse_row(self, cell, values):
        kind = TYPES.get(key(cell["type"]))
        code = clean(cell["code"])
        if not kind:
            raise ValueError(
                self.env._(
                    "the type %(type)r is unknown (use IDI, Dimensión, Política, "
                    "Subíndice or Recomendación).",
                    type=clean(cell["type"]),
                )
            )
        if kind == "recommendation":
            text = clean(cell["recommendation"])
            if not text:
                raise ValueError(self.env._("the recommendation is empty."))
            values["recommendation_ids"].append(
                (0, 0, {"policy_id": self._find_policy(code).id, "name": text})
            )
            return
        try:
            score = parse_score(cell["score"])
            peer = parse_score(cell["peer"])
        except ValueError:
            raise ValueError(
                self.env._(
                    "the score %(score)r or the peer average %(peer)r is not a "
                    "number from 0 to 100.",
                    score=clean(cell["score"]),
                    peer=clean(cell["peer"]),
                )
            ) from None
        if score is None:
            raise ValueError(self.env._("the score of %(code)s is empty.", code=code))
        if kind == "idi":
            values.update(idi=score, peer_average=peer or 0.0)
            return
        line = {
            "index_type": kind,
            "code": code,
            "name": clean(cell["name"]) or code,
            "score": score,
            "peer_average": peer or 0.0,
        }
        if kind == "dimension":
            dimension = self._find_dimension(code)
            line.update(
                dimension_id=dimension.id, name=clean(cell["name"]) or dimension.name
            )
        elif kind == "policy":
            policy = self._find_policy(code)
            line.update(policy_id=policy.id, name=clean(cell["name"]) or policy.name)
        values["line_ids"].append((0, 0, line))

    @api.model
    def _find_dimension(self, code):
        """Dimension by FURAG code (D1-D7: its number) or by its own code."""
        Dimension = self.env["mipg.dimension"]
        text = clean(code)
        if text[:1].upper() == "D" and text[1:].isdigit():
            dimension = Dimension.search([("sequence", "=", int(text[1:]))], limit=1)
        else:
            dimension = Dimension.search([("code", "=", text)], limit=1)
        if not dimension:
            raise ValueError(
                self.env._(
                    "the dimension %(code)r is unknown (use D1 to D7).", code=text
                )
            )
        return dimension

    @api.model
    def _find_policy(self, code):
        """Policy by FURAG code (P1, POL01), or by its own code."""
        Policy = self.env["mipg.policy"]
        text = clean(code)
        candidates = [text]
        upper = text.upper()
        if upper.startswith("POL") and upper[3:].isdigit():
            candidates.append(f"P{int(upper[3:])}")
        elif upper.startswith("P") and upper[1:].isdigit():
            candidates.append(f"P{int(upper[1:])}")
        policy = Policy.search(
            ["|", ("furag_code", "in", candidates), ("code", "=", text)], limit=1
        )
        if not text or not policy:
            raise ValueError(
                self.env._(
                    "the policy %(code)r is unknown. Use its FURAG code (P1 to P19 "
                    "or POL01 to POL19) as set in Configuration > Policies.",
                    code=text,
                )
            )
        return policy

    # ------------------------------------------------------------------
    # Función Pública's published files
    # ------------------------------------------------------------------
    @api.model
    def _parse_any(self, content, file_name, year, company):
        """Values of a mipg.furag.result from any of the layouts, told apart
        by their headers: the open data (ID_ÍNDICE), the results workbook
        (Código Sigep and Índice de Desempeño Institucional), else the
        six-column file."""
        layout, header_number, header = self._detect_layout(content, file_name)
        if layout == "simple":
            values = self._parse(content, file_name)
            values["file_format"] = "simple"
            return values
        sigep = row_key(company.mipg_sigep_code)
        if not sigep:
            raise UserError(
                self.env._(
                    "Nothing was imported: the file %(name)s is Función Pública's "
                    "and holds every entity. Write the SIGEP code of %(company)s "
                    "in its company settings (MIPG) so that its rows can be found.",
                    name=file_name,
                    company=company.name,
                )
            )
        if layout == "long":
            values = self._parse_long(
                content, file_name, year, company, header_number, header
            )
        else:
            values = self._parse_wide(content, file_name, year, sigep, header_number)
        values["file_format"] = layout
        return values

    @api.model
    def _detect_layout(self, content, file_name):
        with closing(iter_rows(self.env, content, file_name, WIDE_SHEETS)) as rows:
            for number, row in rows:
                headers = {header_key(cell) for cell in row}
                if "id indice" in headers and "codigo sigep" in headers:
                    return "long", number, row
                if WIDE_SIGEP in headers and WIDE_IDI in headers:
                    return "wide", number, row
                if number >= HEADER_SEARCH_ROWS:
                    break
        return "simple", 0, []

    @api.model
    def _raise_errors(self, errors):
        if errors:
            shown = errors[:MAX_ERRORS]
            if len(errors) > MAX_ERRORS:
                shown.append(
                    self.env._(
                        "... and %(count)s more rows with errors.",
                        count=len(errors) - MAX_ERRORS,
                    )
                )
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct the file:\n%(errors)s",
                    errors="\n".join(shown),
                )
            )

    @api.model
    def _new_values(self):
        return {
            "idi": 0.0,
            "peer_average": 0.0,
            "peer_group": False,
            "line_ids": [],
            "recommendation_ids": [],
        }

    @api.model
    def _add_index(self, values, year, code, name, figures):
        """Add the line of one index (``figures``: score, peer statistics)
        to ``values``; raises ValueError on a code met twice."""
        index = self.env["mipg.furag.index"]._mipg_find_or_create(year, code, name)
        seen = values.setdefault("_codes", set())
        if index.code in seen:
            raise ValueError(
                self.env._(
                    "the index %(code)s appears twice for the entity.",
                    code=index.code,
                )
            )
        seen.add(index.code)
        if index.kind == "idi":
            values.update(idi=figures["score"], peer_average=figures["peer_average"])
        values["line_ids"].append(
            (
                0,
                0,
                dict(
                    figures,
                    index_id=index.id,
                    index_type=KIND_TO_TYPE[index.kind],
                    code=index.code,
                    name=index.name,
                    dimension_id=index.dimension_id.id,
                    policy_id=index.policy_id.id,
                ),
            )
        )

    @api.model
    def _parse_long(self, content, file_name, year, company, header_number, header):
        """The open-data layout: the entity's rows of the year, with the
        peer group's statistics of each index as published."""
        columns = {}
        headers = [header_key(cell) for cell in header]
        for name, (label, _required) in LONG_COLUMNS.items():
            if label in headers:
                columns[name] = headers.index(label)
        missing = [
            label.upper()
            for name, (label, required) in LONG_COLUMNS.items()
            if required and name not in columns
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Nothing was imported: row %(row)s, the header, has no column "
                    "%(columns)s.",
                    row=header_number,
                    columns=", ".join(f"'{label}'" for label in missing),
                )
            )
        sigep = row_key(company.mipg_sigep_code)
        divipola = row_key(company.mipg_divipola_code)
        values = self._new_values()
        errors = []
        width = max(columns.values()) + 1
        for number, row in iter_rows(self.env, content, file_name, WIDE_SHEETS):
            if number <= header_number:
                continue
            row = list(row) + [None] * (width - len(row))
            if row_key(row[columns["sigep"]]) != sigep:
                continue
            if row_key(row[columns["year"]]) != str(year):
                continue
            cell = {name: row[index] for name, index in columns.items()}
            try:
                if (
                    divipola
                    and "municipality" in columns
                    and row_key(cell["municipality"]) != divipola
                ):
                    raise ValueError(
                        self.env._(
                            "the SIGEP code %(sigep)s is the entity's but the "
                            "municipality %(found)s is not %(divipola)s (the "
                            "DIVIPOLA code of the company).",
                            sigep=sigep,
                            found=row_key(cell["municipality"]),
                            divipola=divipola,
                        )
                    )
                code = clean(cell["code"])
                if not normalize_code(code):
                    raise ValueError(
                        self.env._(
                            "the index code %(code)r is not a FURAG code (IDI, "
                            "D1-D7, POLnn, Inn).",
                            code=code,
                        )
                    )
                figures = self._long_figures(cell)
                self._add_index(values, year, code, clean(cell.get("name")), figures)
            except ValueError as error:
                errors.append(
                    self.env._("Row %(row)s: %(error)s", row=number, error=error)
                )
        self._raise_errors(errors)
        if not values["line_ids"]:
            raise UserError(
                self.env._(
                    "Nothing was imported: the file %(name)s has no row of the "
                    "entity with SIGEP code %(sigep)s for the year %(year)s.",
                    name=file_name,
                    sigep=sigep,
                    year=year,
                )
            )
        values.pop("_codes", None)
        return values

    @api.model
    def _long_figures(self, cell):
        figures = {}
        for name in ("score", "peer_average", "peer_max", "peer_min", "percentile"):
            try:
                figures[name] = parse_score(cell.get(name))
            except ValueError:
                raise ValueError(
                    self.env._(
                        "%(value)r is not a number from 0 to 100.",
                        value=clean(cell.get(name)),
                    )
                ) from None
        if figures["score"] is None:
            raise ValueError(self.env._("the score of the entity is empty."))
        quintile = row_key(cell.get("quintile"))
        if quintile and quintile not in {"1", "2", "3", "4", "5"}:
            raise ValueError(
                self.env._(
                    "the quintile %(value)r is not a whole number from 1 to 5.",
                    value=quintile,
                )
            )
        figures = {name: value or 0.0 for name, value in figures.items()}
        figures["quintile"] = int(quintile or 0)
        return figures

    @api.model
    def _parse_wide(self, content, file_name, year, sigep, header_number):
        """The results workbook: the entity's row, and the statistics of its
        peer group (the rows of the same 'Grupo par') computed per index,
        since the workbook does not publish them. Read twice, row by row:
        first the entity's row, then its peer group's."""
        with closing(iter_rows(self.env, content, file_name, WIDE_SHEETS)) as rows:
            header, entity = self._wide_entity(rows, header_number, sigep)
        headers = [header_key(cell) for cell in header]
        sigep_column = headers.index(WIDE_SIGEP)
        group_column = (
            headers.index(WIDE_PEER_GROUP) if WIDE_PEER_GROUP in headers else None
        )
        indexes = {}  # column -> (code, name)
        for column, cell in enumerate(header):
            if headers[column] == WIDE_IDI:
                indexes[column] = ("IDI", clean(cell))
                continue
            code = normalize_code(clean(cell))
            if code and code != "IDI":
                name = clean(cell).split(" ", 1)[1:] or [code]
                indexes[column] = (code, name[0])
        if entity is None:
            raise UserError(
                self.env._(
                    "Nothing was imported: the file %(name)s has no row of the "
                    "entity with SIGEP code %(sigep)s.",
                    name=file_name,
                    sigep=sigep,
                )
            )
        entity_number, entity_row = entity
        group = (
            clean(entity_row[group_column])
            if group_column is not None and group_column < len(entity_row)
            else ""
        )
        errors = []
        scores = {}
        for column in indexes:
            try:
                score = parse_score(
                    entity_row[column] if column < len(entity_row) else None
                )
            except ValueError:
                errors.append(
                    self._wide_error(entity_number, header[column], entity_row[column])
                )
                continue
            if score is not None:  # blank: the index does not apply
                scores[column] = score
        peers = {column: [] for column in scores}
        for number, row in iter_rows(self.env, content, file_name, WIDE_SHEETS):
            if number <= header_number:
                continue
            if group_column is None:
                same = number == entity_number
            else:
                same = (
                    group_column < len(row)
                    and key(row[group_column]) == key(group)
                    and row_key(row[sigep_column] if sigep_column < len(row) else "")
                )
            if not same:
                continue
            for column, values_ in peers.items():
                try:
                    value = parse_score(row[column] if column < len(row) else None)
                except ValueError:
                    errors.append(self._wide_error(number, header[column], row[column]))
                    continue
                if value is not None:
                    values_.append(value)
        self._raise_errors(errors)
        values = self._new_values()
        values["peer_group"] = group or False
        for column, score in scores.items():
            code, name = indexes[column]
            try:
                self._add_index(
                    values, year, code, name, self._peer_figures(score, peers[column])
                )
            except ValueError as error:
                errors.append(
                    self.env._("Row %(row)s: %(error)s", row=header_number, error=error)
                )
        self._raise_errors(errors)
        values.pop("_codes", None)
        return values

    @api.model
    def _wide_entity(self, rows, header_number, sigep):
        """The header and the (number, row) of the entity, or None."""
        header = []
        for number, row in rows:
            if number == header_number:
                header = row
                break
        column = [header_key(cell) for cell in header].index(WIDE_SIGEP)
        for number, row in rows:
            if column < len(row) and row_key(row[column]) == sigep:
                return header, (number, row)
        return header, None

    @api.model
    def _wide_error(self, number, header, value):
        return self.env._(
            "Row %(row)s: the column %(column)s holds %(value)r, not a number "
            "from 0 to 100 (leave it blank when the index does not apply).",
            row=number,
            column=clean(header),
            value=clean(value),
        )

    @api.model
    def _peer_figures(self, score, peers):
        """Score with the peer group's mean, best, lowest, and the entity's
        percentile (share of the group at or below its score) and quintile."""
        peers = peers or [score]
        percentile = 100.0 * sum(1 for value in peers if value <= score) / len(peers)
        return {
            "score": score,
            "peer_average": round(sum(peers) / len(peers), 2),
            "peer_max": max(peers),
            "peer_min": min(peers),
            "percentile": round(percentile, 2),
            "quintile": min(5, max(1, math.ceil(percentile / 20))),
        }

    @api.model
    def _parse_recommendations(self, content, file_name, year):
        """Lines of Función Pública's recommendations workbook: the header
        is the first row (of the first 20) with 'Política' and
        'Recomendación'; the policy is the code POLnn that starts 'Política
        relacionada', read in the catalogue of the year."""
        header_number, columns = 0, {}
        commands, errors = [], []
        Index = self.env["mipg.furag.index"]
        for number, row in iter_rows(
            self.env, content, file_name, ("recomendaciones",), max_columns=100
        ):
            if not header_number:
                headers = [header_key(cell) for cell in row]
                if "politica" in headers and any(
                    h.startswith("recomendacion") for h in headers
                ):
                    header_number = number
                    columns = {
                        "policy": headers.index("politica"),
                        "text": next(
                            i for i, h in enumerate(headers) if h.startswith("recomen")
                        ),
                        "related": headers.index("politica relacionada")
                        if "politica relacionada" in headers
                        else None,
                    }
                elif number >= HEADER_SEARCH_ROWS:
                    break
                continue
            cells = {
                name: clean(row[index])
                if index is not None and index < len(row)
                else ""
                for name, index in columns.items()
            }
            if not cells["text"]:
                continue
            index = Index._mipg_find(year, cells["related"]) or Index._mipg_find(
                year, cells["policy"]
            )
            policy = index.policy_id
            if not policy and cells["policy"]:
                policy = self.env["mipg.policy"].search(
                    [("name", "=ilike", cells["policy"])], limit=1
                )
            if not policy:
                errors.append(
                    self.env._(
                        "Row %(row)s: the policy %(policy)r is unknown in the "
                        "FURAG catalogue of %(year)s (Configuration > FURAG "
                        "indexes catalogue).",
                        row=number,
                        policy=cells["related"] or cells["policy"],
                        year=year,
                    )
                )
                continue
            commands.append((0, 0, {"policy_id": policy.id, "name": cells["text"]}))
        if not header_number:
            raise UserError(
                self.env._(
                    "Nothing was imported: the recommendations file %(name)s has no "
                    "row with the columns 'Política' and 'Recomendación' in its "
                    "first %(rows)s rows.",
                    name=file_name,
                    rows=HEADER_SEARCH_ROWS,
                )
            )
        self._raise_errors(errors)
        return commands
