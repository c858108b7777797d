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
    return render("internal")
