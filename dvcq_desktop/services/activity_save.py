"""Saving one activity from the editor: its new attachments copied in first, then one transaction.

Copying a video or a scanned dossier from a USB stick takes seconds, so the editor runs this on a
worker thread with a progress bar. The files are copied before anything is written to the
database: blobs are content-addressed, so a copy left behind by a failure is harmless, and the
activity, the removed links and the new ones are saved together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.package.limits import DEFAULT_LIMITS
from dvcq_desktop.progress import Progress
from dvcq_desktop.storage import activities, attachments
from dvcq_desktop.storage.workspace import Workspace


def save_activity(
    ws: Workspace,
    activity: Activity,
    *,
    removed: Iterable[str] = (),
    pending: Sequence[Path] = (),
    progress: Progress | None = None,
) -> Activity:
    """Returns the saved activity with its attachments. `progress(done, total, file name)` counts
    KiB, so a file over 2 GB still fits the 32-bit ints of a Qt signal."""
    sizes = []
    limit = DEFAULT_LIMITS.max_attachment_size  # what a package may carry: refused now, not at export
    for p in pending:
        with attachments.open_regular(p, limit):
            pass
        sizes.append(p.stat().st_size)
    total = sum(sizes)
    stored: list[tuple[Path, str, int]] = []
    done = 0
    for p in pending:

        def report(n: int, before: int = done, name: str = p.name) -> None:
            if progress is not None:
                progress((before + n) // 1024, total // 1024, name)

        sha, size = attachments.store_blob(ws.attachments_dir, p, report, max_size=limit)
        stored.append((p, sha, size))
        done += size
    with ws.db.atomic():
        saved = activities.save(ws.db, activity)
        for sha in removed:
            attachments.remove(ws.db, saved.id, sha)
        for p, sha, size in stored:
            attachments.link(ws.db, saved.id, p.name, sha, size)
    return activities.get(ws.db, saved.id)
