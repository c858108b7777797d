"""The one shape of a progress callback: long work reports `progress(done, total, message)`.

Qt-free and importable from every layer; `ui/workers.py` turns the calls into Qt signals so the
work can run off the GUI thread. `message` is Vietnamese and shown as is.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def silent(_done: int, _total: int, _message: str) -> None:
    """A Progress that reports nowhere, for work started without one."""


def scaled(progress: Progress | None, lo: int, hi: int) -> Progress | None:
    """A part of a longer task: its own `done/total` lands between `lo` and `hi` percent of the whole."""
    if progress is None:
        return None
    outer = progress

    def part(done: int, total: int, message: str) -> None:
        outer(lo + (hi - lo) * done // max(total, 1), 100, message)

    return part
