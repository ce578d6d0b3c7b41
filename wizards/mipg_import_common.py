# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the self-assessment and FURAG imports."""

import base64
import codecs
import csv
import io
import re
import unicodedata
import zipfile

import openpyxl

from odoo.exceptions import UserError

CODE_RE = re.compile(r"^\d+[A-Z]{0,3}$")
MB = 1024 * 1024
# What an import reads at most. Función Pública's tools are about 1 MB,
# 6 MB uncompressed, with sheets of 1,000 rows and 34 columns.
MAX_UPLOAD_BYTES = 10 * MB
MAX_UNCOMPRESSED_BYTES = 50 * MB
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_BYTES = 1 * MB  # smaller parts may be compressed any ratio
MAX_ROWS = 5000
MAX_COLUMNS = 100
# Función Pública's own files (FURAG results) are read row by row, never
# whole: the open-data layout has one row per entity and index (tens of
# thousands of rows), the results workbook a column per index.
MAX_STREAM_ROWS = 300000
MAX_STREAM_COLUMNS = 400


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


def decode_upload(env, data, file_name):
    """The bytes of an uploaded (base64) file, refused over the size limit
    before they are even decoded."""
    name = file_name or env._("(unnamed)")
    data = data or b""
    if len(data) > (MAX_UPLOAD_BYTES + 2) // 3 * 4 + 4:
        raise _too_big(env, name)
    try:
        content = base64.b64decode(data)
    except ValueError as error:  # binascii.Error
        raise _unreadable(env, name, error) from error
    if len(content) > MAX_UPLOAD_BYTES:
        raise _too_big(env, name)
    return content


def read_rows(env, content, file_name):
    """Rows of the first sheet of an .xlsx, or of a .csv file, as lists of
    cell values, with their row number in the file."""
    if (file_name or "").lower().endswith(".csv"):
        return read_csv_rows(env, content, file_name)
    return read_xlsx_rows(env, content, file_name)


def read_csv_rows(env, content, file_name):
    """Rows of a .csv file (UTF-8, UTF-16 with its mark, or Windows-1252,
    the encoding Excel uses in Spanish), with their row number."""
    name = file_name or env._("(unnamed)")
    text, dialect = _decode_csv(env, content, name)
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
            if number > MAX_ROWS or len(row) > MAX_COLUMNS:
                raise _too_many_cells(env, name, number, len(row))
            rows.append((number, row))
    except csv.Error as error:
        raise _unreadable(env, name, error) from error
    return rows


def _decode_csv(env, content, name):
    """Text and dialect of a .csv file (UTF-8, UTF-16 with its mark, or
    Windows-1252)."""
    try:
        if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = content.decode("utf-16")
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UserError(
            env._(
                "Cannot read the file %(name)s: its text is neither UTF-8 nor "
                'Windows-1252. Save it from Excel or LibreOffice as "CSV UTF-8" '
                "and try again.",
                name=name,
            )
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return text, dialect


def iter_rows(
    env,
    content,
    file_name,
    prefixes=(),
    max_rows=MAX_STREAM_ROWS,
    max_columns=MAX_STREAM_COLUMNS,
):
    """Rows of a .csv file, or of the first worksheet of an .xlsx whose name
    starts with one of ``prefixes`` (else of the first one), one at a time
    with their row number: nothing but the current row is kept, so that a
    file of many thousands of rows is read in little memory. Same checks as
    :func:`read_xlsx_rows`, with the limits given."""
    name = file_name or env._("(unnamed)")
    if (file_name or "").lower().endswith(".csv"):
        text, dialect = _decode_csv(env, content, name)
        try:
            reader = csv.reader(io.StringIO(text), dialect)
            for number, row in enumerate(reader, 1):
                if number > max_rows or len(row) > max_columns:
                    raise _too_many_cells(
                        env, name, number, len(row), limits=(max_rows, max_columns)
                    )
                yield number, row
        except csv.Error as error:
            raise _unreadable(env, name, error) from error
        return
    check_archive(env, content, name)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds of errors
        raise _unreadable(env, name, error) from error
    try:
        sheet = workbook.worksheets[0]
        for prefix in prefixes:
            picked = _pick_sheet(workbook, prefix)
            if key(picked.title).startswith(prefix):
                sheet = picked
                break
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if (declared_rows or 0) > max_rows or (declared_columns or 0) > max_columns:
            raise _too_many_cells(
                env,
                name,
                declared_rows or 0,
                declared_columns or 0,
                sheet.title,
                limits=(max_rows, max_columns),
            )
        cells = sheet.iter_rows(
            max_col=declared_columns or max_columns, values_only=True
        )
        for number, row in enumerate(cells, 1):
            if number > max_rows:
                raise _too_many_cells(
                    env, name, number, len(row), sheet.title, (max_rows, max_columns)
                )
            yield number, list(row)
    except UserError:
        raise
    except Exception as error:  # openpyxl parses the sheet while iterating
        raise _unreadable(env, name, error) from error
    finally:
        workbook.close()


def read_xlsx_rows(env, content, file_name, prefix=None):
    """Rows of the worksheet whose name starts with ``prefix`` (compared
    without accents), else of the first one, with their row number.

    Nothing is loaded before the archive passes ``check_archive``; the
    workbook is read in read-only mode, a sheet whose declared size is over
    the limits is refused before its rows are read, and no row is read
    wider than the declared (or the maximum) number of columns."""
    name = file_name or env._("(unnamed)")
    check_archive(env, content, name)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds of errors
        raise _unreadable(env, name, error) from error
    try:
        sheet = _pick_sheet(workbook, prefix)
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if (declared_rows or 0) > MAX_ROWS or (declared_columns or 0) > MAX_COLUMNS:
            raise _too_many_cells(
                env, name, declared_rows or 0, declared_columns or 0, sheet.title
            )
        rows = []
        # a sheet without a declared size: at most MAX_COLUMNS columns, and
        # refused at the first row past MAX_ROWS
        cells = sheet.iter_rows(
            max_col=declared_columns or MAX_COLUMNS, values_only=True
        )
        for number, row in enumerate(cells, 1):
            if number > MAX_ROWS:
                raise _too_many_cells(env, name, number, len(row), sheet.title)
            rows.append((number, list(row)))
    except UserError:
        raise
    except Exception as error:  # openpyxl parses the sheet while iterating
        raise _unreadable(env, name, error) from error
    finally:
        workbook.close()
    return rows


def check_archive(env, content, name):
    """Refuse, before anything is decompressed, what is not a zip archive
    (an .xlsx is one) or would be a zip bomb: more than MAX_UNCOMPRESSED_BYTES
    once uncompressed, or a part compressed more than MAX_COMPRESSION_RATIO
    times. The sizes are those the archive declares; Python's zipfile never
    decompresses a part past its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UserError(
            env._(
                "Cannot read the file %(name)s: it is not an Excel workbook "
                "(.xlsx). Open it in Excel or LibreOffice, save it as .xlsx "
                '("Excel Workbook") and try again.',
                name=name,
            )
        ) from None
    total = sum(member.file_size for member in members)
    bomb = total > MAX_UNCOMPRESSED_BYTES or any(
        member.file_size > RATIO_CHECK_BYTES
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if bomb:
        raise UserError(
            env._(
                "Cannot read the file %(name)s: uncompressed it would take more "
                "than %(limit)s MB, or one of its parts is compressed more than "
                "%(ratio)s times. It is not a normal workbook: copy its data to a "
                "new workbook and try again.",
                name=name,
                limit=MAX_UNCOMPRESSED_BYTES // MB,
                ratio=MAX_COMPRESSION_RATIO,
            )
        )


def _pick_sheet(workbook, prefix):
    if prefix:
        for sheet in workbook.worksheets:
            if key(sheet.title).startswith(prefix):
                return sheet
    return workbook.worksheets[0]


def _too_big(env, name):
    return UserError(
        env._(
            "Cannot read the file %(name)s: it is larger than %(limit)s MB. Keep "
            "only the sheet to import (remove images and other sheets) and try "
            "again.",
            name=name,
            limit=MAX_UPLOAD_BYTES // MB,
        )
    )


def _too_many_cells(env, name, rows, columns, sheet=None, limits=None):
    max_rows, max_columns = limits or (MAX_ROWS, MAX_COLUMNS)
    limits = {"max_rows": max_rows, "max_columns": max_columns}
    if sheet is None:
        message = env._(
            "Cannot read the file %(name)s: it reaches row %(rows)s and column "
            "%(columns)s, beyond the %(max_rows)s rows and %(max_columns)s "
            "columns an import reads. Delete the rows and columns after the "
            "data and try again.",
            name=name,
            rows=rows,
            columns=columns,
            **limits,
        )
    else:
        message = env._(
            "Cannot read the file %(name)s: its sheet %(sheet)s reaches row "
            "%(rows)s and column %(columns)s, beyond the %(max_rows)s rows and "
            "%(max_columns)s columns an import reads. Delete the rows and "
            "columns after the data, or copy the data to a new workbook, and "
            "try again.",
            name=name,
            sheet=sheet,
            rows=rows,
            columns=columns,
            **limits,
        )
    return UserError(message)


def _unreadable(env, name, error):
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    return UserError(
        env._(
            "Cannot read the file %(name)s: %(error)s. Open it in Excel or "
            'LibreOffice, save it again as .xlsx (or as "CSV UTF-8") and try '
            "again.",
            name=name,
            error=detail,
        )
    )
