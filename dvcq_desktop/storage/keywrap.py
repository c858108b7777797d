"""Protect a workspace's private keys at rest.

On Windows the key bytes are wrapped with DPAPI (`CryptProtectData`, current-user scope, through
ctypes): the database, its backups and a copy of the data folder carry only the wrapped blob, which
another Windows account (or another PC) cannot unwrap. Elsewhere there is no such service: the key
is stored as it is and the database file is made readable by its owner only (0600); the docs say so.
A blob records how it was wrapped, so a workspace moved between systems is recognised, not misread.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from dvcq_desktop.errors import DvcqError

DPAPI = "dpapi-user"
PLAIN = "plain-0600"
_ENTROPY = b"dvcq-desktop workspace key"


def current_wrapping() -> str:
    return DPAPI if sys.platform == "win32" else PLAIN


def wrap(secret: bytes) -> tuple[bytes, str]:
    """The bytes to store and the wrapping used."""
    if sys.platform == "win32":
        return _dpapi(secret, protect=True), DPAPI
    return secret, PLAIN


def unwrap(blob: bytes, wrapping: str) -> bytes:
    if wrapping == PLAIN:
        return bytes(blob)
    if wrapping == DPAPI and sys.platform == "win32":
        try:
            return _dpapi(bytes(blob), protect=False)
        except OSError as exc:
            raise DvcqError("key_unwrap_failed", detail=repr(exc)) from None
    raise DvcqError("key_unwrap_failed", detail=f"wrapping {wrapping} on {sys.platform}")


def owner_only(path: Path) -> None:
    """0600 on systems with POSIX permissions (no effect on Windows, where DPAPI does the work)."""
    if os.name == "posix":
        try:  # the folder too: its backups/ hold copies of the database
            os.chmod(path.parent, 0o700)
        except OSError:
            pass
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                os.chmod(p, 0o600)
            except OSError:  # absent (-wal/-shm), or a file system without POSIX modes
                pass


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    src_buf = ctypes.create_string_buffer(data, len(data))
    ent_buf = ctypes.create_string_buffer(_ENTROPY, len(_ENTROPY))
    src = _Blob(len(data), ctypes.cast(src_buf, ctypes.POINTER(ctypes.c_char)))
    ent = _Blob(len(_ENTROPY), ctypes.cast(ent_buf, ctypes.POINTER(ctypes.c_char)))
    out = _Blob()
    flags = 0x1  # CRYPTPROTECT_UI_FORBIDDEN
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if protect:
        ok = fn(ctypes.byref(src), "dvcq", ctypes.byref(ent), None, None, flags, ctypes.byref(out))
    else:
        ok = fn(ctypes.byref(src), None, ctypes.byref(ent), None, None, flags, ctypes.byref(out))
    if not ok:
        raise ctypes.WinError()  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)
