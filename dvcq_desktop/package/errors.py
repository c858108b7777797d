"""`PackageError`: every reason a package is refused, with a stable `pkg_*` code and the member."""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import Any

from dvcq_desktop.errors import DvcqError


class PackageError(DvcqError):
    """A package (or a member of it) violates format 1. `code` keys `messages/package.py`."""

    def __init__(
        self, code: str, member: str | None = None, detail: str | None = None, **params: Any
    ) -> None:
        if not code.startswith("pkg_"):
            raise ValueError(f"package error codes start with pkg_: {code!r}")
        params.setdefault("member", member or "")
        params.setdefault("field", "")
        super().__init__(code, detail=detail, **params)
        self.member = member


# What the standard library raises on hostile bytes (ZIP, deflate, JSON): the package reader and the
# plan-file reader both turn exactly these into their "corrupt" code.
HOSTILE_BYTES_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    struct.error,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    KeyError,
    IndexError,
    TypeError,
    UnicodeError,
)
