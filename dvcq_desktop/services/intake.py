"""The receiving office takes in `.dvcq` packages: one outcome per file, never a half import.

Semantics are docs/package-format.md §2.2 "Import semantics" (ODK's instanceID/409 rule, DHIS2's dry run):
same package_id + same bytes → duplicate; same id + other bytes → conflict; first package of a
slot → new; higher revision → newer-revision (becomes current); lower/equal revision with a new id
→ older-revision (kept in history, flagged, not current); anything unreadable or foreign → rejected.

Design choices (documented for the README):
- A batch is applied slot by slot in revision order (then creation time, then path; ordered on a
  peek at each manifest), so two files of the same slot in one batch give the same result whatever
  the folder order. The full reads run one thread ahead of the inserts (`import_reads`).
- Every file is judged by the same reader as `dvcq verify` (container, schema, meaning, the ids of
  the package's plan as this office stores it), so verify, a dry run and an import agree.
- Each file is processed in isolation: its own transaction and its own error boundary. Whatever
  one file does (even an unexpected error, reported `rejected` / `import_internal_error` with the
  traceback in the log), the batch goes on.
- Nothing enters `inbox/` before the database row that owns it is committed: the verbatim copy is
  written and fsynced in `inbox.staging/` before the package's transaction commits, renamed into
  `inbox/<sha256>.dvcq` after the commit. The next import first finishes such a rename cut short
  by a crash and removes (and logs) any file that no row owns, including orphans that earlier
  versions left in `inbox/`.
- Every file is opened by `package.opening` (the same as `dvcq verify`): its signature checked, a
  package sealed for this office decrypted with the office's keys; the unit's key is pinned on its
  first package and a later one signed by another key is refused until accepted with a reason.
- A dry run executes the very same code inside one outer transaction that is rolled back, skips
  the copy, and writes no import-log row: "stores nothing" is meant literally (the app log file
  still records that a dry run happened). Its messages are in the conditional ("Sẽ nhập…").
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.messages import CATALOGUE, render
from dvcq_desktop.package import codec
from dvcq_desktop.package.model import Package
from dvcq_desktop.package.reader import read_package, read_package_with_submission  # noqa: F401 - re-exported
from dvcq_desktop.package.signing import SignatureCheck
from dvcq_desktop.progress import Progress
from dvcq_desktop.services import keys, read_pool
from dvcq_desktop.services.import_outcome import (
    ACCEPTED,
    OUTCOMES,
    ImportOutcome,
    outcome_label,
    summary,
    summary_text,
)
from dvcq_desktop.services.import_reads import (
    READ_AHEAD,
    Item,
    batch_order,
    read_ahead,
    read_checked,
    rejected,
    stored_then_builtin,
)
from dvcq_desktop.services.inbox import (
    StagedEntries,
    discard,
    inbox_name,
    publish,
    recover_inbox,
    stage,
    staging_dir,
)
from dvcq_desktop.services.package_scan import collect_files
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.db import batch_checkpoints
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)
__all__ = [
    "ACCEPTED",
    "OUTCOMES",
    "ImportOutcome",
    "collect_files",
    "import_packages",
    "outcome_label",
    "recover_inbox",
    "summary",
    "summary_text",
]


def require_aggregator(ws: Workspace) -> None:
    if ws.role != "aggregator":
        raise DvcqError("workspace_role", role="cơ quan tổng hợp (--role aggregator)")


# ---- one file --------------------------------------------------------------------------------
def _outcome(
    path: Path,
    outcome: str,
    reason: str,
    pkg: Package | None = None,
    prev_rev: int | None = None,
    *,
    dry_run: bool = False,
    **params: Any,
) -> ImportOutcome:
    m = pkg.manifest if pkg else None
    if m is not None:
        params.setdefault("unit_code", m.unit.code)
        params.setdefault("unit", m.unit.name)
        params.setdefault("revision", m.revision)
        params.setdefault("plan", m.plan.id)
        params.setdefault("period", m.period.id)
    params.setdefault("path", str(path))
    return ImportOutcome(
        file=path,
        outcome=outcome,
        reason=reason,
        # a dry run speaks in the conditional ("Sẽ nhập…"): nothing was imported
        message=render(f"{reason}_dry" if dry_run and f"{reason}_dry" in CATALOGUE else reason, **params),
        sha256=pkg.sha256 if pkg else None,
        package_id=m.package_id if m else None,
        unit_code=m.unit.code if m else None,
        unit_name=m.unit.name if m else None,
        plan_id=m.plan.id if m else None,
        period_id=m.period.id if m else None,
        revision=m.revision if m else None,
        previous_revision=prev_rev,
    )


def _foreign(ws: Workspace, pkg: Package) -> str | None:
    """Why the package does not belong to this office, or None (T23)."""
    m, db = pkg.manifest, ws.db
    if not db.execute("SELECT 1 FROM units WHERE code = ?", [m.unit.code]).fetchone():
        return "import_unit_not_in_catalog"
    plan = db.execute("SELECT content_hash FROM plans WHERE id = ?", [m.plan.id]).fetchone()
    if plan is None:
        return "import_plan_unknown"
    if plan[0] != m.plan.content_hash:
        return "import_plan_mismatch"
    if not db.execute(
        "SELECT 1 FROM periods WHERE plan_id = ? AND id = ?", [m.plan.id, m.period.id]
    ).fetchone():
        return "import_period_unknown"
    return None


def _log(ws: Workspace, o: ImportOutcome, batch_id: str, size: int | None) -> None:
    repo.log_import(
        ws.db,
        {
            "at": clock.iso(clock.now()),
            "batch_id": batch_id,
            "file_path": str(o.file),
            "file_sha256": o.sha256,
            "size": size,
            "outcome": o.outcome,
            "reason": o.reason,
            "message": o.message,
            "package_id": o.package_id,
            "unit_code": o.unit_code,
            "revision": o.revision,
            "dry_run": 0,
        },
    )


def _apply(
    ws: Workspace,
    item: Item,
    *,
    dry_run: bool,
    batch_id: str,
    accept: dict[str, str],
    staging: StagedEntries | None = None,
) -> ImportOutcome:
    """Decide and (unless dry run) store one package, all in one transaction; its verbatim copy,
    staged ahead, enters `inbox/` only after the commit (and is discarded if not stored)."""
    stored = False
    try:
        with ws.db.atomic():
            o, status = _decide(ws, item, dry_run=dry_run, accept=accept)
            o = _signed(o, item.sig)
            if status is not None and not dry_run:
                if item.staged is None:  # an item read without staging (not via the batch)
                    item.staged = stage(staging_dir(ws), item.path, item.package.sha256)
                elif item.staged_number and staging is not None:  # its folder entry, before the commit
                    staging.make_durable(item.staged_number)
                inbox = ws.inbox_dir / inbox_name(item.package.sha256)
                repo.insert_received(
                    ws.db,
                    _row(ws, item, inbox, status),
                    item.rows,
                    make_current=status != "older",
                )
                stored = True
            if not dry_run:
                _log(ws, o, batch_id, item.package.size)
    except BaseException:
        discard(item.staged)
        raise
    if stored and item.staged is not None:
        publish(ws, item.staged)
    else:
        discard(item.staged)
    return o


def _decide(
    ws: Workspace, item: Item, *, dry_run: bool, accept: dict[str, str]
) -> tuple[ImportOutcome, str | None]:
    """The outcome of one read package against what this office holds, and the status its row
    gets when it is stored (None: nothing to store). Identity cases: docs/package-format.md §2."""
    pkg, path, db = item.package, item.path, ws.db
    m = pkg.manifest
    known = repo.by_package_id(db, m.package_id)
    if known is not None:
        received = _shown_time(known["received_at"])
        if known["sha256"] == pkg.sha256:
            return _outcome(
                path, "duplicate", "import_duplicate", pkg, known["revision"], received=received
            ), None
        return _outcome(path, "conflict", "import_conflict", pkg, known["revision"], received=received), None
    if (why := _foreign(ws, pkg)) is not None:
        return _outcome(path, "rejected", why, pkg), None
    refused = keys.check_unit_signer(ws, m.unit.code, m.unit.name, m.period.id, item.sig, accept)
    if refused is not None:  # pinned key changed / unsigned where a signature is required
        return _outcome(path, "rejected", refused[0], pkg, **refused[1]), None
    current = repo.current_of_slot(db, *m.slot)
    prev = current["revision"] if current else None
    if current is None:
        return _outcome(path, "new", "import_new", pkg, dry_run=dry_run), "new"
    if m.revision > current["revision"]:
        o = _outcome(path, "newer-revision", "import_newer", pkg, prev, dry_run=dry_run, previous=prev)
        return o, "newer"
    code = "import_competing" if m.revision == prev else "import_older"
    return _outcome(path, "older-revision", code, pkg, prev, dry_run=dry_run, current=prev), "older"


def _signed(o: ImportOutcome, sig: SignatureCheck) -> ImportOutcome:
    """Carry the signature check; an accepted unsigned (format 1.0) package says so."""
    message = o.message
    if sig.status == "none" and o.stored:
        message = f"{message} ({render('import_unsigned_note')})"
    return replace(o, signature=sig.status, signer=sig.signer, message=message)


def _row(ws: Workspace, item: Item, inbox: Path, status: str) -> dict[str, Any]:
    pkg, src = item.package, item.path
    m = pkg.manifest
    return {
        "package_id": m.package_id,
        "sha256": pkg.sha256,
        "size": pkg.size,
        "unit_code": m.unit.code,
        "plan_id": m.plan.id,
        "period_id": m.period.id,
        "revision": m.revision,
        "supersedes": m.supersedes,
        "format_version": m.format_version,
        "created_at": codec.dt_to_str(m.created_at),
        "finalized_at": codec.dt_to_str(m.finalized_at),
        "received_at": clock.iso(clock.now()),
        "status": status,
        "inbox_path": inbox.relative_to(ws.root).as_posix(),
        "source_path": str(src),
        # the member's own bytes as verified by the reader, not a re-serialisation: verbatim and
        # ~20× cheaper (and not inflated and hashed a second time)
        "submission": item.submission,
    }


def _shown_time(iso_text: str) -> str:
    from dvcq_desktop.text import format_datetime

    return format_datetime(clock.parse_iso(iso_text))


class _DryRunRollback(Exception):
    """Raised to roll back the outer transaction of a dry run."""


# ---- the batch -------------------------------------------------------------------------------
def import_packages(
    ws: Workspace,
    paths: Iterable[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    accept_keys: dict[str, str] | None = None,
    extra_identities: list[str] | None = None,
) -> list[ImportOutcome]:
    """Import files/folders; exactly one outcome per file, in `collect_files` order.

    `accept_keys`: unit code → the reason for accepting that unit's new key (kept in the audit
    log); `extra_identities`: more age keys to open sealed packages with (the office's backup key)."""
    require_aggregator(ws)
    accept = dict(accept_keys or {})
    mine = keys.identities(ws) + list(extra_identities or [])
    report = progress or (lambda done, total, msg: None)
    if not dry_run:
        _guard("inbox recovery", lambda: recover_inbox(ws))
    templates = repo.plan_templates(ws.db)
    plans = stored_then_builtin(templates, str(ws.db_path))
    files = collect_files(paths)
    total = 2 * len(files)
    batch_id = uuid.uuid4().hex
    outcomes: dict[int, ImportOutcome] = {}
    unlogged: list[int] = []  # rejected before/while applying: logged after the batch
    # a big batch reads in a second process (read_pool); started first, so that it boots while
    # the manifests are peeked
    with read_pool.batch_reader(len(files), templates, str(ws.db_path), plans, mine) as remote:
        order = batch_order(files, lambda i, f: report(i, total, f"Đang kiểm tra {f.name}"))
        done = len(files)

        def begin(i: int, f: Path) -> Callable[[], Item | ImportOutcome]:
            return partial(read_checked, i, f, plans, mine) if remote is None else remote.begin(i, f)

        def run_all() -> None:
            nonlocal done
            staging = None if dry_run else StagedEntries(staging_dir(ws))
            for i, item in read_ahead(files, order, begin, staging, remote.ahead if remote else READ_AHEAD):
                report(done, total, f"Đang nhập {files[i].name}")
                done += 1
                if isinstance(item, ImportOutcome):  # the reader refused it
                    outcomes[i] = item
                    unlogged.append(i)
                    continue
                outcomes[i] = _apply_or_reject(ws, item, dry_run, batch_id, accept, staging, unlogged)

        if dry_run:
            try:
                with ws.db.atomic():
                    run_all()
                    raise _DryRunRollback
            except _DryRunRollback:
                pass
            log.info("dry run of %d files: nothing stored", len(files))
        else:
            with batch_checkpoints(ws.db):  # a transaction per package, not a checkpoint per 2 packages
                run_all()
    if not dry_run:

        def log_rejected() -> None:
            with ws.db.atomic():
                for i in sorted(unlogged):
                    _log(ws, outcomes[i], batch_id, None)

        _guard("import log of rejected files", log_rejected)
    report(total, total, "Đã xong")
    return [outcomes[i] for i in range(len(files))]


def _apply_or_reject(
    ws: Workspace,
    item: Item,
    dry_run: bool,
    batch_id: str,
    accept: dict[str, str],
    staging: StagedEntries | None,
    unlogged: list[int],
) -> ImportOutcome:
    """`_apply`, with the package as its own error boundary: its transaction rolled back, it is
    rejected (logged after the batch) and the batch goes on (Briefcase #837)."""
    try:
        return _apply(ws, item, dry_run=dry_run, batch_id=batch_id, accept=accept, staging=staging)
    except Exception as exc:  # noqa: BLE001 - each file is its own error boundary
        if isinstance(exc, (DvcqError, OSError)):
            log.warning("import of %s failed: %r", item.path, exc)
        else:
            log.exception("import of %s failed unexpectedly", item.path)
        unlogged.append(item.index)
        return replace(
            rejected(item.path, exc),
            sha256=item.package.sha256,
            package_id=item.package.package_id,
            unit_code=item.package.manifest.unit.code,
            revision=item.package.revision,
        )


def _guard(what: str, step: Callable[[], None]) -> None:
    """Book-keeping around the batch must not cost the user the outcomes: logged, not raised."""
    try:
        step()
    except Exception:  # noqa: BLE001
        log.exception("%s failed", what)
