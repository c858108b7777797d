"""Dates as Vietnamese users read and write them, and the Nghị định 30 date line.

Screens show dd/mm/yyyy; storage stays ISO 8601 (date.isoformat) and is not handled here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from dvcq_desktop.text.normalize import clean

# Vietnam has kept UTC+7 without daylight saving since 1975. A fixed offset avoids zoneinfo,
# which has no time-zone database on Windows unless the tzdata package is bundled.
VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_DMY_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# NĐ 30: a place named by a number is written in full ("Phường 1", not "1" or "P.1").
_BARE_NUMBER_PLACE_RE = re.compile(r"(?:[PpQq]\.?\s*)?(?:[0-9]+|[IVXLC]+)")


def format_date(d: date | None) -> str:
    """05/01/2024; "" for None (an empty cell, not a placeholder)."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(s: str) -> date:
    """Read "5/1/2024", "05/01/2024" (day first) or ISO "2024-01-05"; ValueError otherwise."""
    text = clean(s)
    m = _DMY_RE.fullmatch(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return date(year, month, day)  # ValueError for 31/02/2024 etc.
    m = _ISO_RE.fullmatch(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return date(year, month, day)
    raise ValueError(f"not a date (expected dd/mm/yyyy): {s!r}")


_TYPED_RE = re.compile(r"([0-9]{1,2})[/.\- ]([0-9]{1,2})(?:[/.\- ]([0-9]{2}|[0-9]{4}))?")


def parse_typed_date(s: str, default_year: int) -> date:
    """A date as an officer types it into a date field: "15/9/2023", "15.09.2023", "15-9-23",
    "15092023", "150923", or "15/9" (in `default_year`). Day first, always; a two-digit year is
    20yy. ValueError for anything else, or a day that does not exist (31/02)."""
    text = clean(s).strip()
    if text.isdigit() and len(text) in (6, 8):  # ddmmyy / ddmmyyyy, typed without separators
        text = f"{text[:2]}/{text[2:4]}/{text[4:]}"
    m = _TYPED_RE.fullmatch(text)
    if not m:
        return parse_date(text)  # ISO, or the ValueError
    day, month = int(m.group(1)), int(m.group(2))
    year = default_year if m.group(3) is None else int(m.group(3))
    if m.group(3) is not None and len(m.group(3)) == 2:
        year += 2000
    return date(year, month, day)


def format_datetime(dt: datetime | None) -> str:
    """05/01/2024 14:30; aware values are shown in Vietnam time, naive ones as they are."""
    if dt is None:
        return ""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(VN_TZ)
    return f"{format_date(dt.date())} {dt.hour:02d}:{dt.minute:02d}"


def date_phrase(d: date) -> str:
    """ "ngày 05 tháng 01 năm 2024": day < 10 and months 1-2 get a leading zero, other months none."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(place: str, d: date) -> str:
    """Place-and-date line under the national motto: "Phường 1, ngày 05 tháng 01 năm 2024".

    Raises ValueError for an empty place or one that is only a number ("1", "IV", "P.1"): the
    decree wants the full name, and the caller must fix the unit name rather than print it wrong.
    """
    name = " ".join(clean(place).split())
    if not name:
        raise ValueError("date line needs a place name")
    if _BARE_NUMBER_PLACE_RE.fullmatch(name):
        raise ValueError(f"place must be written in full (e.g. 'Phường 1'), got {place!r}")
    return f"{name}, {date_phrase(d)}"
