"""The single catalogue of user-facing messages (Vietnamese), keyed by stable codes.

The catalogue is split by layer into sibling modules only to keep files small and let people work
in parallel; `CATALOGUE` merges them and refuses duplicate codes, so it stays one catalogue.
"""

from __future__ import annotations

import errno
import importlib
from typing import Any

_PARTS = (
    "general",
    "storage",
    "domain",
    "package",
    "services",
    "reports",
    "export",
    "install",
    "periods",
    "trust",
)


def _load() -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in _PARTS:
        mod = importlib.import_module(f"dvcq_desktop.messages.{part}")
        for code, text in mod.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"duplicate message code {code!r} in {part}")
            merged[code] = text
    return merged


CATALOGUE: dict[str, str] = _load()


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def render(code: str, **params: Any) -> str:
    template = CATALOGUE.get(code)
    if template is None:
        template = CATALOGUE["internal"]
    return template.format_map(_Default(params))


def os_error_code(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "disk_full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not_writable"
    if exc.errno == errno.ENOENT:
        return "file_missing"
    return "io_error"
