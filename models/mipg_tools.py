# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small rules shared by several MIPG models."""

import contextvars
import hashlib
from contextlib import contextmanager
from datetime import timedelta

import pytz

from odoo import SUPERUSER_ID
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

# Set only while MIPG's own code changes what a frozen record holds (the PDF
# of a bulletin being published...). A context variable of this Python
# module: no RPC call, context key or record value can set it, and it is
# private to the thread (request) that sets it.
_TRUSTED = contextvars.ContextVar("mipg_trusted", default=False)


@contextmanager
def mipg_trusted():
    """Within this block, MIPG's own code running as superuser (``sudo()``)
    passes the freeze of files and messages."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def attach_issued_file(env, vals):
    """Attach the file a record is issued with (the PDF of a report, the
    .xlsx of a cut), as superuser and past the freeze the record enters with
    it: MIPG's own code, called once the state method checked who acts."""
    with mipg_trusted():
        return env["ir.attachment"].sudo().create(vals)


def issue_pdf(record, content, name=None):
    """Attach the PDF ``content`` that ``record`` is issued with (named after
    ``name`` or the record) and keep it and its SHA-256 on the record
    (``attachment_id``, ``pdf_sha256``): what :func:`download_issued_file`
    serves and checks. Called once the state method checked who acts."""
    attachment = attach_issued_file(
        record.env,
        {
            "name": f"{name or record.display_name}.pdf",
            "type": "binary",
            "raw": content,
            "mimetype": "application/pdf",
            "res_model": record._name,
            "res_id": record.id,
        },
    )
    record.write(
        {
            "attachment_id": attachment.id,
            "pdf_sha256": hashlib.sha256(content).hexdigest(),
        }
    )
    return attachment


def download_issued_file(record, forged, missing=None, hash_field="pdf_sha256"):
    """The download of the file ``record`` was issued with (its
    ``attachment_id``), once the file's SHA-256 is the one recorded in
    ``hash_field`` at issue: a file changed since is refused with the message
    ``forged``, a file not made yet with ``missing`` (or ``forged``)."""
    record.ensure_one()
    issued = record.sudo()
    attachment = issued.attachment_id
    if not attachment:
        raise UserError(missing or forged)
    if hashlib.sha256(attachment.raw or b"").hexdigest() != issued[hash_field]:
        raise UserError(forged)
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
    }


def mipg_bypasses_freeze(env):
    """True when the freeze of a record's files and messages does not apply:
    the superuser itself (upgrades, the shell), or MIPG's own code inside
    :func:`mipg_trusted`. A ``sudo()`` alone does not pass: several routes of
    the web client (the chatter's upload and post, an activity marked done
    with a file) work as superuser once they have checked access to the
    record, and a frozen record must stay frozen on them too."""
    return env.uid == SUPERUSER_ID or (env.su and _TRUSTED.get())


# A year (vigencia) is written with four digits.
YEAR_MIN = 2000
YEAR_MAX = 2999


def year_sql_constraint(field="year"):
    """The database's own check of a year of four digits, for a model's
    ``_sql_constraints``: it holds on every path, also where the ORM's
    constraint (``check_year``, which words the refusal) does not run."""
    return (
        f"{field}_four_digits",
        f"CHECK({field} IS NULL OR {field} BETWEEN {YEAR_MIN} AND {YEAR_MAX})",
        "A year is written with four digits, between 2000 and 2999.",
    )


def check_year(records, message, field="year"):
    """Raise a ValidationError when a record's ``field`` is not a year of
    four digits. ``message`` takes the wrong year and returns the
    (translated) text telling the user what to write, so that each model
    keeps its own wording."""
    for record in records:
        year = record[field]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(message(year))


# The five levels of Función Pública's autodiagnóstico tools, with the colours
# of the official Excel (hoja Instrucciones): (level, upper bound, colour).
LEVELS = [
    ("1", 20.0, "#8E0000"),
    ("2", 40.0, "#FF0000"),
    ("3", 60.0, "#FF6600"),
    ("4", 80.0, "#FFFF00"),
    ("5", 100.0, "#009900"),
]
LEVEL_SELECTION = [
    ("1", "Level 1 (0-20)"),
    ("2", "Level 2 (21-40)"),
    ("3", "Level 3 (41-60)"),
    ("4", "Level 4 (61-80)"),
    ("5", "Level 5 (81-100)"),
]


def score_level(score):
    """Level band of a score: 1 for 0-20, 2 for more than 20 up to 40 ...
    5 for more than 80 up to 100. ``None`` (nothing scored) has no level."""
    if score is None or score is False:
        return False
    for level, upper, _color in LEVELS:
        if score <= upper:
            return level
    return LEVELS[-1][0]


def level_color(level):
    return dict((lvl, color) for lvl, _upper, color in LEVELS).get(level, "#FFFFFF")


def mean(scores):
    """Mean of the filled scores, as the official sheet does (AVERAGE of the
    range, blank cells left out); ``None`` when nothing is filled."""
    scores = [score for score in scores if score is not None]
    return sum(scores) / len(scores) if scores else None


def shorten(text, limit):
    """``text`` cut at a word to at most ``limit`` characters, with an
    ellipsis when it was cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def format_number(env, value):
    """``value`` written as the user reads numbers in their language (45,5
    in Spanish), with one decimal only when it has one, for messages."""
    value = round(value or 0.0, 1)
    return formatLang(env, value, digits=0 if value.is_integer() else 1)


def company_leave_days(env, company, date_from, date_to):
    """The days between ``date_from`` and ``date_to`` (included) that the
    company's working calendar gives as leaves of everybody (the holidays),
    in the calendar's time zone. Empty when the Resource module (working
    calendars) is not installed or the company has no calendar: MIPG does not
    depend on it."""
    if "resource.calendar.leaves" not in env:
        return set()
    calendar = company.sudo().resource_calendar_id
    if not calendar:
        return set()
    tz = pytz.timezone(calendar.tz or "UTC")
    leaves = (
        env["resource.calendar.leaves"]
        .sudo()
        .search(
            [
                ("calendar_id", "=", calendar.id),
                ("resource_id", "=", False),
                ("date_from", "<=", f"{date_to} 23:59:59"),
                ("date_to", ">=", f"{date_from - timedelta(days=1)} 00:00:00"),
            ]
        )
    )
    days = set()
    for leave in leaves:
        start = pytz.utc.localize(leave.date_from).astimezone(tz).date()
        end = pytz.utc.localize(leave.date_to).astimezone(tz).date()
        day = max(start, date_from)
        while day <= min(end, date_to):
            days.add(day)
            day += timedelta(days=1)
    return days


def add_business_days(env, start, days, company=None):
    """The date ``days`` business days (días hábiles) after ``start``: the
    count starts the day after ``start`` and skips Saturdays, Sundays and the
    holidays of the company's working calendar (only weekends when there is
    no working calendar). Zero days is ``start`` itself."""
    company = company or env.company
    # a generous window for the holidays: two weeks of calendar per week
    horizon = start + timedelta(days=days * 2 + 14)
    holidays = company_leave_days(env, company, start, horizon)
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day > horizon:
            horizon = day + timedelta(days=days * 2 + 14)
            holidays |= company_leave_days(env, company, day, horizon)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    return day
