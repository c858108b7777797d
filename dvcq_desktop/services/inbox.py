"""The receiving office's `inbox/`: verbatim copies of imported packages, owned by their rows.

Nothing enters `inbox/` before the database row that owns it is committed: the import copies the
file into `inbox.staging/` (fsynced) inside the package's transaction and renames it into
`inbox/<sha256>.dvcq` after the commit. `recover_inbox`, run at the start of every import, finishes
a rename a crash cut short and removes (and logs) every file no row owns.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.fsutil import fsync_dir, replace_with_retry
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)
STAGING = "inbox.staging"  # verbatim copies waiting for their row's commit (beside inbox/)


def staging_dir(ws: Workspace) -> Path:
    return ws.root / STAGING


def stage(ws: Workspace, src: Path, sha256: str) -> Path:
    """Copy the verified file verbatim into the staging folder, fsynced; refuses if it changed
    since reading. It enters `inbox/` only once its row is committed (`publish`)."""
    staging = staging_dir(ws)
    staging.mkdir(exist_ok=True)
    staged = staging / f"{sha256}.dvcq"
    h = hashlib.sha256()
    try:
        with open(src, "rb") as fin, open(staged, "wb") as fout:
            while chunk := fin.read(1024 * 1024):
                h.update(chunk)
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
        if h.hexdigest() != sha256:
            raise DvcqError("import_file_changed", path=str(src))
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def publish(ws: Workspace, staged: Path) -> None:
    """After the commit: the staged copy becomes `inbox/<sha256>.dvcq`. If this fails the row is
    still right; the next import finishes the rename (`recover_inbox`)."""
    try:
        replace_with_retry(staged, ws.inbox_dir / staged.name)
        fsync_dir(ws.inbox_dir)
    except OSError:
        log.exception("moving %s into the inbox failed; the next import finishes it", staged.name)


def recover_inbox(ws: Workspace) -> None:
    """Make `inbox/` hold exactly the files the `received` rows own: finish renames a crash cut
    short, remove staged copies whose transaction never committed and orphans that earlier
    versions left in `inbox/` (each logged)."""
    owned = {str(r[0]) for r in ws.db.execute("SELECT inbox_path FROM received")}
    staging = staging_dir(ws)
    for f in sorted(staging.iterdir()) if staging.is_dir() else []:
        rel = f"inbox/{f.name}"
        if rel in owned and not (ws.root / rel).exists():
            replace_with_retry(f, ws.root / rel)
            log.warning("inbox: finished moving %s in after an interrupted import", f.name)
        else:
            f.unlink(missing_ok=True)
            log.warning("inbox: removed %s, staged by an import that did not commit", f.name)
    for f in sorted(ws.inbox_dir.iterdir()) if ws.inbox_dir.is_dir() else []:
        if f.is_file() and f"inbox/{f.name}" not in owned:
            f.unlink(missing_ok=True)
            log.warning("inbox: removed orphan %s (no received row owns it)", f.name)
    fsync_dir(ws.inbox_dir)
