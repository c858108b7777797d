"""The receiving office's `inbox/`: verbatim copies of imported packages, owned by their rows.

Nothing enters `inbox/` before the database row that owns it is committed: the import copies the
file into `inbox.staging/` (fsynced) before the package's transaction and renames it into
`inbox/<sha256>.dvcq` after the commit. `recover_inbox`, run at the start of every import, finishes
a rename a crash cut short and removes (and logs) every file no row owns.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import uuid
from pathlib import Path

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.fsutil import fsync_dir, replace_with_retry
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)
STAGING = "inbox.staging"  # verbatim copies waiting for their row's commit (beside inbox/)


def staging_dir(ws: Workspace) -> Path:
    return ws.root / STAGING


def inbox_name(sha256: str) -> str:
    return f"{sha256}.dvcq"


def stage(staging: Path, src: Path, sha256: str, *, sync_folder: bool = True) -> Path:
    """Copy the verified file verbatim into `staging` (file and folder fsynced, so a committed
    row can always find it after a power cut); refuses if it changed since reading. The name is
    unique (`<sha256>.<random>.dvcq`): the same bytes may be staged twice in one batch. It enters
    `inbox/` only once its row is committed (`publish`); staging runs ahead of the inserts.

    `sync_folder=False`: the caller makes the folder entry durable before the commit that needs
    it (`StagedEntries`); the file's own bytes are fsynced here either way."""
    staging.mkdir(exist_ok=True)
    staged = staging / f"{sha256}.{uuid.uuid4().hex[:12]}.dvcq"
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
        if sync_folder:
            fsync_dir(staging)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


class StagedEntries:
    """The staging folder of one batch, whose entries are made durable in groups.

    The read-ahead stages each copy (its bytes fsynced) without fsyncing the folder and takes a
    number; before the commit of a row owning an entry not yet durable, one folder fsync covers
    every entry staged so far. With the read-ahead up to two files on, 100 packages took 51 folder
    fsyncs instead of 100 (measured), and still none commits before its copy's folder entry is
    on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._staged = 0  # entries created (numbered from 1)
        self._durable = 0  # entries 1.._durable are known to be on disk

    def stage(self, src: Path, sha256: str) -> tuple[Path, int]:
        """`stage` without the folder fsync: the copy and its number for `make_durable`."""
        staged = stage(self.folder, src, sha256, sync_folder=False)
        with self._lock:
            self._staged += 1
            return staged, self._staged

    def make_durable(self, number: int) -> None:
        """Before committing the row that owns entry `number`: fsync the folder unless an
        fsync that began after that entry was created has already done so."""
        with self._lock:
            if number <= self._durable:
                return
            upto = self._staged  # every entry counted here exists before the fsync starts
        fsync_dir(self.folder)
        with self._lock:
            self._durable = max(self._durable, upto)


def publish(ws: Workspace, staged: Path) -> None:
    """After the commit: the staged copy becomes `inbox/<sha256>.dvcq`. No folder fsync: if the
    rename is lost (power cut) or fails, the copy is still in staging, durable, and the next import
    finishes the move (`recover_inbox`); the row is right either way."""
    try:
        replace_with_retry(staged, ws.inbox_dir / inbox_name(_sha_of_name(staged)))
    except OSError:
        log.exception("moving %s into the inbox failed; the next import finishes it", staged.name)


def discard(staged: Path | None) -> None:
    """A staged copy whose package was not stored (duplicate, refused, failed)."""
    if staged is not None:
        try:
            staged.unlink(missing_ok=True)
        except OSError:  # the next import removes it
            log.warning("could not remove staged %s", staged.name)


def _sha_of_name(staged: Path) -> str:
    return staged.name.split(".", 1)[0]


def recover_inbox(ws: Workspace) -> None:
    """Make `inbox/` hold exactly the files the `received` rows own: finish renames a crash cut
    short, remove staged copies whose transaction never committed and orphans that earlier
    versions left in `inbox/` (each logged)."""
    owned = {str(r[0]) for r in ws.db.execute("SELECT inbox_path FROM received")}
    staging = staging_dir(ws)
    changed = False
    for f in sorted(staging.iterdir()) if staging.is_dir() else []:
        rel = f"inbox/{inbox_name(_sha_of_name(f))}"
        if rel in owned and not (ws.root / rel).exists():
            replace_with_retry(f, ws.root / rel)
            log.warning("inbox: finished moving %s in after an interrupted import", f.name)
        else:
            f.unlink(missing_ok=True)
            log.warning("inbox: removed %s, staged by an import that did not store it", f.name)
        changed = True
    for f in sorted(ws.inbox_dir.iterdir()) if ws.inbox_dir.is_dir() else []:
        if f.is_file() and f"inbox/{f.name}" not in owned:
            f.unlink(missing_ok=True)
            log.warning("inbox: removed orphan %s (no received row owns it)", f.name)
            changed = True
    if changed:
        fsync_dir(ws.inbox_dir)
