# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small rules shared by several MIPG models."""

from odoo.exceptions import ValidationError

# A year (vigencia) is written with four digits.
YEAR_MIN = 2000
YEAR_MAX = 2999


def check_year(records, message, field="year"):
    """Raise a ValidationError when a record's ``field`` is not a year of
    four digits. ``message`` takes the wrong year and returns the
    (translated) text telling the user what to write, so that each model
    keeps its own wording."""
    for record in records:
        year = record[field]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(message(year))
