"""The one error type the core raises for anything a user can meet.

Each error carries a stable code; the Vietnamese text comes from the single catalogue in
`dvcq_desktop.messages`, so the CLI and the GUI show the same words. Technical detail goes to the
log, never to the user.
"""

from __future__ import annotations

from typing import Any


class DvcqError(Exception):
    def __init__(self, code: str, detail: str | None = None, **params: Any) -> None:
        self.code = code
        self.params = params
        self.detail = detail
        super().__init__(f"{code}: {detail or ''} {params or ''}".strip())

    @property
    def message(self) -> str:
        from dvcq_desktop.messages import render

        return render(self.code, **self.params)

    def __str__(self) -> str:
        return self.message


def user_message(exc: BaseException) -> str:
    """The Vietnamese line to show for any exception (unknown ones get the generic text)."""
    from dvcq_desktop.messages import render

    if isinstance(exc, DvcqError):
        return exc.message
    if isinstance(exc, OSError):
        from dvcq_desktop.messages import os_error_code

        return render(os_error_code(exc), path=getattr(exc, "filename", "") or "")
    code = sqlite_error_code(exc)
    if code:
        return render(code, path="")
    return render("internal")


def sqlite_error_code(exc: BaseException) -> str | None:
    """SQLite reports disk-full, read-only and busy as OperationalError with a text; map them."""
    import sqlite3

    if not isinstance(exc, sqlite3.OperationalError):
        return None
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text and "full" in text:
        return "disk_full"
    if "readonly" in text or "read-only" in text:
        return "not_writable"
    if "locked" in text or "busy" in text:
        return "db_busy"
    if "disk i/o" in text:
        return "io_error"
    return None
