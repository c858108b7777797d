"""Time in Vietnam (UTC+7, no DST): deadlines are end of day Asia/Ho_Chi_Minh."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    return datetime.now(VN_TZ).replace(microsecond=0)


def today() -> date:
    return now().date()


@contextmanager
def pretend(day: date, hour: int = 9) -> Iterator[None]:
    """Sample data only: the app's clock reads `day` at `hour`:30 (restored afterwards), so that a
    demo package is exported on a believable day rather than today."""
    global now
    real = now
    now = lambda: datetime.combine(day, time(hour, 30), VN_TZ)  # noqa: E731 - swapped back below
    try:
        yield
    finally:
        now = real


def days_late(received: datetime, deadline: date) -> int:
    """Whole calendar days after the deadline day (0 when on time)."""
    local = received.astimezone(VN_TZ).date()
    return max(0, (local - deadline).days)


def iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.isoformat(timespec="seconds")


def parse_iso(s: str) -> datetime:
    dt = datetime.fromisoformat(s)
    return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)
