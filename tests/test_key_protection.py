"""How a workspace's private keys are kept at rest (storage/keywrap.py): wrapped with DPAPI on
Windows, so that a copy of the data folder does not hand them over; owner-only files elsewhere.

Qt-free, so the `windows` marker (tests/conftest.py) puts this module in the Windows harness
(packaging/windows/wine_test.sh): the DPAPI branch runs there, the POSIX branch here."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import keys
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import keys_repo, keywrap
from dvcq_desktop.storage.workspace import Workspace

on_windows = pytest.mark.skipif(sys.platform != "win32", reason="DPAPI is a Windows service")
on_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _stored(db_path: Path) -> dict[str, tuple[bytes, str]]:
    """The key rows as the database file holds them, read without the app."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT purpose, private_key, wrapping FROM workspace_keys").fetchall()
    finally:
        con.close()
    return {purpose: (bytes(blob), how) for purpose, blob, how in rows}


def _file_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db_path, Path(f"{db_path}-wal")) if p.exists())


def test_private_keys_are_kept_with_the_protection_of_the_system(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "phuong", role="unit", unit_code="TPTN-P1")
    secrets = {p: keys_repo.private_of(ws.db, p) for p in ("sign", "decrypt")}
    report = keys.keys_report(ws)
    db_path = ws.db_path
    ws.close()

    stored = _stored(db_path)
    assert {how for _blob, how in stored.values()} == {keywrap.current_wrapping()}
    assert report["key_protection"] == keywrap.current_wrapping()
    if sys.platform == "win32":
        assert report["key_protection"] == "dpapi-user"
        data = _file_bytes(db_path)
        for purpose, secret in secrets.items():
            blob = stored[purpose][0]
            assert blob != secret and secret not in blob
            assert secret not in data  # neither the database file nor its journal holds it in clear
        assert b"AGE-SECRET-KEY" not in data
    else:
        assert report["key_protection"] == "plain-0600"
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700

    # Reopened (as after a restart), the same keys sign and open sealed packages again.
    again = Workspace.open(db_path.parent)
    try:
        assert {p: keys_repo.private_of(again.db, p) for p in secrets} == secrets
        assert keys.fingerprint(again) == report["fingerprint"]
    finally:
        again.close()


@on_windows
def test_dpapi_wraps_and_unwraps_and_a_damaged_blob_is_refused() -> None:
    secret = bytes(range(32))
    blob, how = keywrap.wrap(secret)
    assert how == keywrap.DPAPI and secret not in blob
    assert keywrap.unwrap(blob, how) == secret
    damaged = blob[:-8] + bytes(b ^ 0xFF for b in blob[-8:])
    with pytest.raises(DvcqError) as info:
        keywrap.unwrap(damaged, how)
    assert info.value.code == "key_unwrap_failed"


@on_posix
def test_a_dpapi_blob_carried_to_another_system_is_refused_not_misread() -> None:
    with pytest.raises(DvcqError) as info:
        keywrap.unwrap(b"\x01\x00\x00\x00\xd0\x8c\x9d\xdf", keywrap.DPAPI)
    assert info.value.code == "key_unwrap_failed"
