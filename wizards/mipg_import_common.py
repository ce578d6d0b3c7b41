# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the self-assessment and FURAG imports."""

import csv
import io
import re
import unicodedata

import openpyxl

CODE_RE = re.compile(r"^\d+[A-Z]{0,3}$")


def clean(value):
    """Cell value as text with blanks and line breaks normalised."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def key(value):
    """Text without accents, in lower case: to compare headers and names."""
    text = unicodedata.normalize("NFKD", clean(value))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def parse_score(value):
    """Score of a cell: ``None`` when blank, a float otherwise. Raises
    ValueError when the cell holds text or is outside 0-100."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        score = float(value)
    else:
        text = clean(value).replace("%", "").strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        score = float(text)
    if not 0.0 <= score <= 100.0:
        raise ValueError(value)
    return score


def read_rows(content, file_name):
    """Rows of the first sheet of an .xlsx, or of a .csv file, as lists of
    cell values, with their row number in the file."""
    name = (file_name or "").lower()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [
            (number, row)
            for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1)
        ]
    return [
        (number, list(row))
        for number, row in enumerate(load_sheet(content).iter_rows(values_only=True), 1)
    ]


def load_sheet(content, prefix=None):
    """The worksheet whose name starts with ``prefix`` (compared without
    accents), else the first one. Raises ValueError if not an .xlsx."""

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
    except Exception as error:  # openpyxl raises many kinds of errors
        raise ValueError(str(error)) from error
    if prefix:
        for sheet in workbook.worksheets:
            if key(sheet.title).startswith(prefix):
                return sheet
    return workbook.worksheets[0]
