# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_import_common import clean, decode_upload, key, parse_score, read_rows

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

    def action_import(self):
        self.ensure_one()
        existing = self.env["mipg.furag.result"].search(
            [("year", "=", self.year), ("company_id", "=", self.env.company.id)]
        )
        if existing:
            raise UserError(
                self.env._(
                    "The FURAG results of %(year)s are already loaded. Delete them "
                    "first if you need to load them again.",
                    year=self.year,
                )
            )
        content = decode_upload(self.env, self.file, self.file_name)
        values = self._parse(content, self.file_name)
        # the official figures are read-only for everybody: the wizard (open
        # to the second line only) writes them as superuser, in the user's
        # company
        results = self.env["mipg.furag.result"].sudo()
        result = results.create(
            dict(
                values,
                company_id=self.env.company.id,
                year=self.year,
                peer_group=self.peer_group,
                file_name=self.file_name,
                import_date=fields.Datetime.now(),
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mipg.furag.result",
            "res_id": result.with_env(self.env).id,
            "view_mode": "form",
        }

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
