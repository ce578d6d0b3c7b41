# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CUTOFF_PATTERN = re.compile(r"^(\d{2})-(\d{2})$")


class MipgControlBody(models.Model):
    """Órgano de control: a body that audits the entity and with which it
    subscribes improvement plans (a contraloría, the Auditoría General, the
    Procuraduría...), its reporting platform and calendar, and the format of
    its plans."""

    _name = "mipg.control.body"
    _description = "MIPG control body"
    _inherit = ["mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=False)
    sequence = fields.Integer(default=10)
    body_type = fields.Selection(
        [
            ("contraloria_general", "Contraloría General de la República"),
            ("contraloria_territorial", "Territorial Contraloría"),
            ("auditoria_general", "Auditoría General de la República"),
            ("procuraduria_personeria", "Procuraduría / Personería"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="contraloria_territorial",
    )
    platform = fields.Selection(
        [
            ("sireci", "SIRECI"),
            ("sia", "SIA"),
            ("sia_misional", "SIA Misional"),
            ("other", "Other"),
        ],
        help="Platform where the entity files its plans and their progress.",
    )
    entity_code = fields.Char(
        string="Entity code",
        help="Code of the entity on the platform of the control body (in "
        "SIRECI it is not the NIT).",
    )
    subscription_days = fields.Integer(
        string="Subscription deadline (business days)",
        help="Business days the entity has to subscribe the plan after the "
        "final audit report.",
    )
    periodicity = fields.Selection(
        [
            ("quarterly", "Quarterly"),
            ("semiannual", "Semiannual"),
            ("annual", "Annual"),
        ],
        string="Reporting periodicity",
        default="semiannual",
    )
    cutoff_dates = fields.Char(
        string="Cut-off dates",
        default="06-30, 12-31",
        help="Month and day of each progress cut-off, as MM-DD separated by "
        "commas (06-30, 12-31 for the semesters).",
    )
    format_id = fields.Many2one(
        "mipg.report.format",
        string="Plan format",
        ondelete="restrict",
        help="Format in which its plans are subscribed and their progress reported.",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "subscription_days_positive",
            "CHECK (subscription_days >= 0)",
            "The subscription deadline cannot be negative.",
        ),
    ]

    @api.constrains("cutoff_dates")
    def _check_cutoff_dates(self):
        for body in self:
            body._mipg_cutoffs()

    def _mipg_cutoffs(self):
        """The (month, day) of each cut-off date, sorted."""
        self.ensure_one()
        result = []
        for part in (self.cutoff_dates or "").split(","):
            part = part.strip()
            if not part:
                continue
            match = CUTOFF_PATTERN.match(part)
            try:
                month, day = (int(x) for x in match.groups()) if match else (0, 0)
                date(2024, month, day)  # a leap year accepts 02-29
            except ValueError:
                match = None
            if not match:
                raise ValidationError(
                    self.env._(
                        "'%(value)s' is not a cut-off date. Write each one as "
                        "MM-DD (month and day, e.g. 06-30), separated by commas.",
                        value=part,
                    )
                )
            result.append((month, day))
        return sorted(set(result))

    def _mipg_next_cutoff(self, after):
        """The first cut-off date on or after ``after``."""
        self.ensure_one()
        cutoffs = self._mipg_cutoffs()
        for year in (after.year, after.year + 1):
            for month, day in cutoffs:
                try:
                    candidate = date(year, month, day)
                except ValueError:  # 02-29 out of a leap year
                    candidate = date(year, month, 28)
                if candidate >= after:
                    return candidate
        return False
