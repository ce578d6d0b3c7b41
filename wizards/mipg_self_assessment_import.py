# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_import_common import (
    CODE_RE,
    clean,
    decode_upload,
    key,
    parse_score,
    read_xlsx_rows,
)

# Header cells of Función Pública's "Autodiagnóstico" sheet (compared without
# accents, by their beginning): field -> (prefix, header as printed, required)
COLUMNS = {
    "component": ("componente", "Componentes", True),
    "category": ("categoria", "Categoría", True),
    "activity": ("actividad", "Actividades de Gestión", True),
    "criterion": ("criterio", "Criterio de Calificación", False),
    "scale": ("valoracion", "Valoración", False),
    "period": ("periodo", "Periodo de análisis", False),
    "score": ("puntaje", "Puntaje (0 - 100)", True),
    "observations": ("observacion", "Observaciones", False),
}
HEADER_SEARCH_ROWS = 40


class MipgSelfAssessmentImport(models.TransientModel):
    """Import a policy's autodiagnóstico from Función Pública's own Excel
    tool: its structure (components, categories, activities, criteria) and,
    when the sheet is filled, its scores as a new self-assessment."""

    _name = "mipg.self.assessment.import"
    _description = "Import a self-assessment tool"

    file = fields.Binary(required=True, string="Excel file (.xlsx)")
    file_name = fields.Char()
    policy_id = fields.Many2one(
        "mipg.policy",
        help="Leave empty to recognise the policy from the title of the sheet.",
    )
    year = fields.Integer(
        default=lambda self: fields.Date.context_today(self).year,
        help="Year (vigencia) of the scores, when the file has them.",
    )
    import_scores = fields.Boolean(
        default=True,
        help="Create a self-assessment with the scores filled in the file.",
    )
    assessment_id = fields.Many2one("mipg.self.assessment", readonly=True)

    def action_import(self):
        self.ensure_one()
        content = decode_upload(self.env, self.file, self.file_name)
        parsed = self._parse(content, self.file_name)
        policy = self.policy_id or self._find_policy(parsed["title"])
        activities = self._import_structure(policy, parsed["rows"])
        scored = [row for row in parsed["rows"] if row["score"] is not None]
        if self.import_scores and scored:
            self.assessment_id = self._import_scores(policy, parsed["rows"], activities)
            return {
                "type": "ir.actions.act_window",
                "res_model": "mipg.self.assessment",
                "res_id": self.assessment_id.id,
                "view_mode": "form",
            }
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_assessment_activity_action"
        )
        action["domain"] = [("policy_id", "=", policy.id)]
        return action

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------
    @api.model
    def _parse(self, content, file_name=None):
        """Rows of the sheet as dicts; raises UserError naming every bad row
        before anything is written."""
        table = [
            row
            for _number, row in read_xlsx_rows(
                self.env, content, file_name, prefix="autodiagnostico"
            )
        ]
        header_index, columns = self._find_header(table)
        title = " ".join(
            clean(cell)
            for row in table[:header_index]
            for cell in row
            if "autodiagnostico" in key(cell)
        )
        ordered = sorted(columns.values())
        activity_span = range(
            columns["activity"],
            next((c for c in ordered if c > columns["activity"]), len(table[0])),
        )
        scale_span = (
            range(
                columns["scale"],
                next(
                    (c for c in ordered if c > columns["scale"]), columns["scale"] + 1
                ),
            )
            if "scale" in columns
            else range(0)
        )
        rows, errors = [], []
        component = category = parent = subtitle = ""
        current = None
        for index in range(header_index + 1, len(table)):
            cells = table[index] + [None] * (len(table[0]) - len(table[index]))
            number = index + 1
            component = clean(cells[columns["component"]]) or component
            category = clean(cells[columns["category"]]) or category
            span = [clean(cells[c]) for c in activity_span]
            code, text = self._split_activity(span)
            if code is None and span and not span[0] and any(span[1:]):
                subtitle = " ".join(part for part in span[1:] if part)
            if code is not None:
                if span[0]:
                    parent, subtitle, name = text, "", text
                else:
                    name = " → ".join(part for part in (parent, subtitle, text) if part)
                try:
                    score = parse_score(cells[columns["score"]])
                except ValueError:
                    errors.append(
                        self.env._(
                            "Row %(row)s (activity %(code)s): the score %(value)r is "
                            "not a number from 0 to 100.",
                            row=number,
                            code=code,
                            value=clean(cells[columns["score"]]),
                        )
                    )
                    score = None
                if not component or not category:
                    errors.append(
                        self.env._(
                            "Row %(row)s (activity %(code)s) has no component or "
                            "category above it.",
                            row=number,
                            code=code,
                        )
                    )
                current = {
                    "row": number,
                    "component": component,
                    "category": category,
                    "code": code,
                    "name": name,
                    "criterion": clean(cells[columns["criterion"]])
                    if "criterion" in columns
                    else "",
                    "scale": [],
                    "score": score,
                    "observations": clean(cells[columns["observations"]])
                    if "observations" in columns
                    else "",
                }
                rows.append(current)
            if current and scale_span:
                parts = [clean(cells[c]) for c in scale_span]
                if len(parts) > 1 and parts[0] and any(parts[1:]):
                    current["scale"].append(
                        f"{parts[0]}: {' '.join(p for p in parts[1:] if p)}"
                    )
        if not rows:
            errors.append(
                self.env._("The sheet has no management activity under its header.")
            )
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct the file:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        return {"title": title, "rows": rows}

    @api.model
    def _find_header(self, table):
        """Index of the header row and the column of each known header."""
        best = (None, {})
        for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):
            columns = {}
            for column, cell in enumerate(row):
                text = key(cell)
                for name, (prefix, _label, _required) in COLUMNS.items():
                    if text.startswith(prefix) and name not in columns:
                        columns[name] = column
            if len(columns) > len(best[1]):
                best = (index, columns)
        index, columns = best
        missing = [
            label
            for name, (_prefix, label, required) in COLUMNS.items()
            if required and name not in columns
        ]
        if index is None or missing:
            row = f" ({index + 1})" if index is not None else ""
            raise UserError(
                self.env._(
                    "Nothing was imported: the sheet has no column %(columns)s in its "
                    "header row%(row)s. Use Función Pública's autodiagnóstico tool "
                    "without removing or renaming its columns.",
                    columns=", ".join(f"'{label}'" for label in missing),
                    row=row,
                )
            )
        return index, columns

    @api.model
    def _split_activity(self, span):
        """(code, text) of an activity row, (None, None) otherwise. The
        first cell holds the number of an activity; a sub-item (12A) has its
        number in the second cell."""
        if not span:
            return None, None
        if span[0] and CODE_RE.match(span[0].upper()):
            return span[0].upper(), " ".join(p for p in span[1:] if p)
        if len(span) > 2 and span[1] and CODE_RE.match(span[1].upper()):
            return span[1].upper(), " ".join(p for p in span[2:] if p)
        return None, None

    @api.model
    def _find_policy(self, title):
        """The policy whose significant words all appear in the title."""
        words = set(key(title).replace("(", " ").replace(")", " ").split())
        best, best_len = None, 0
        # The catalog holds the 19 MIPG policies.
        for policy in self.env["mipg.policy"].search([]):  # pylint: disable=no-search-all
            needed = {w for w in key(policy.name).split() if len(w) > 3}
            if needed and needed <= words and len(needed) > best_len:
                best, best_len = policy, len(needed)
        if not best:
            raise UserError(
                self.env._(
                    "Nothing was imported: the policy of this file is unknown (title "
                    "%(title)r). Choose the policy in the import window and try "
                    "again.",
                    title=title,
                )
            )
        return best

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    @api.model
    def _import_structure(self, policy, rows):
        """Create the components, categories and activities of the file that
        the policy does not have yet (matched by name and code); return the
        activity of each row, by row number."""
        Component = self.env["mipg.assessment.component"]
        Category = self.env["mipg.assessment.category"]
        Activity = self.env["mipg.assessment.activity"]
        components = {
            key(c.name): c for c in Component.search([("policy_id", "=", policy.id)])
        }
        categories = {
            (c.component_id.id, key(c.name)): c
            for c in Category.search([("policy_id", "=", policy.id)])
        }
        activities = {
            (a.category_id.id, a.code): a
            for a in Activity.search([("policy_id", "=", policy.id)])
        }
        result = {}
        for sequence, row in enumerate(rows, start=1):
            component = components.get(key(row["component"]))
            if not component:
                component = components[key(row["component"])] = Component.create(
                    {
                        "policy_id": policy.id,
                        "name": row["component"],
                        "sequence": len(components) * 10 + 10,
                    }
                )
            category = categories.get((component.id, key(row["category"])))
            if not category:
                category = categories[(component.id, key(row["category"]))] = (
                    Category.create(
                        {
                            "component_id": component.id,
                            "name": row["category"],
                            "sequence": len(component.category_ids) * 10 + 10,
                        }
                    )
                )
            activity = activities.get((category.id, row["code"]))
            if not activity:
                activity = activities[(category.id, row["code"])] = Activity.create(
                    {
                        "category_id": category.id,
                        "code": row["code"],
                        "name": row["name"],
                        "sequence": sequence * 10,
                        "criterion": row["criterion"] or False,
                        "scale_description": "\n".join(row["scale"]) or False,
                    }
                )
            result[row["row"]] = activity
        return result

    def _import_scores(self, policy, rows, activities):
        assessment = self.env["mipg.self.assessment"].create(
            {
                "policy_id": policy.id,
                "year": self.year,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "activity_id": activities[row["row"]].id,
                            "score": row["score"]
                            if row["score"] is not None
                            else False,
                            "filled": row["score"] is not None,
                            "observations": row["observations"] or False,
                        },
                    )
                    for row in rows
                ],
            }
        )
        assessment.message_post(
            body=self.env._("Scores imported from %(file)s.", file=self.file_name or "")
        )
        assessment.action_start()
        return assessment
