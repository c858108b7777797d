"""The receiving office takes in `.dvcq` packages: one outcome per file, never a half import.

Semantics are PACKAGE-FORMAT.md "Import semantics" (ODK's instanceID/409 rule, DHIS2's dry run):
same package_id + same bytes → duplicate; same id + other bytes → conflict; first package of a
slot → new; higher revision → newer-revision (becomes current); lower/equal revision with a new id
→ older-revision (kept in history, flagged, not current); anything unreadable or foreign → rejected.

Design choices (documented for the README):
- A batch is read first, then applied slot by slot in revision order (then creation time, then
  path), so two files of the same slot in one batch give the same result whatever the folder order.
- Each package is applied in one `db.atomic()`; its file is copied to `inbox/<sha256>.dvcq`
  (temp + fsync + replace) *before* the commit, so a committed row always has its file. A crash
  after the copy leaves only an unreferenced, content-addressed file that a re-import reuses.
- A dry run executes the very same code inside one outer transaction that is rolled back, skips
  the inbox copy, and writes no import-log row: "stores nothing" is meant literally (the app log
  file still records that a dry run happened).
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.messages import render
from dvcq_desktop.package import codec
from dvcq_desktop.package.model import Package
from dvcq_desktop.package.opening import open_package
from dvcq_desktop.package.reader import read_package, read_package_with_submission  # noqa: F401 - read_package re-exported
from dvcq_desktop.package.signing import UNSIGNED, SignatureCheck
from dvcq_desktop.progress import Progress
from dvcq_desktop.services import keys
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.fsutil import fsync_dir, replace_with_retry
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)

OUTCOMES = ("new", "newer-revision", "duplicate", "older-revision", "conflict", "rejected")
ACCEPTED = ("new", "newer-revision", "older-revision")  # outcomes that store a revision
_TEMP_SUFFIXES = (".part", ".tmp", ".partial", ".crdownload", ".download")


@dataclass(frozen=True)
class ImportOutcome:
    file: Path
    outcome: str  # one of OUTCOMES
    reason: str  # stable code (pkg_* for format violations, import_* otherwise)
    message: str  # Vietnamese, for the preview table / CLI
    sha256: str | None = None
    package_id: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    plan_id: str | None = None
    period_id: str | None = None
    revision: int | None = None
    previous_revision: int | None = None  # the slot's current revision before this file
    signature: str | None = None  # valid / none (an invalid one is rejected: pkg_signature_invalid)
    signer: str | None = None  # the signer's key fingerprint

    @property
    def stored(self) -> bool:
        return self.outcome in ACCEPTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "outcome": self.outcome,
            "reason": self.reason,
            "message": self.message,
            "unit": self.unit_code,
            "revision": self.revision,
            "package_id": self.package_id,
            "sha256": self.sha256,
            "period": self.period_id,
            "signature": self.signature,
            "signer": self.signer,
        }


def require_aggregator(ws: Workspace) -> None:
    if ws.role != "aggregator":
        raise DvcqError("workspace_role", role="cơ quan tổng hợp (--role aggregator)")


# ---- finding files ---------------------------------------------------------------------------
def _skipped_name(name: str) -> bool:
    low = name.lower()
    return name.startswith((".", "~$")) or low.endswith(_TEMP_SUFFIXES)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named explicitly (whatever their extension: the user chose them, the reader will say
    what is wrong) plus every `*.dvcq` under named folders, recursively, skipping hidden folders
    and files (e.g. `System Volume Information` is hidden on Windows, `.Trashes` on macOS) and
    partial downloads/copies. A missing path is kept so that it gets its own "rejected" outcome.
    Order: arguments in order, each folder's files sorted by relative path; duplicates dropped."""
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        root = Path(raw)
        if not root.is_dir():
            add(root)
            continue
        found: list[Path] = []
        # followlinks=False: a symlink loop on a USB stick must not hang the scan.
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=lambda e: None):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "System Volume Information"]
            for name in filenames:
                p = Path(dirpath, name)
                if name.lower().endswith(".dvcq") and not _skipped_name(name) and not p.is_symlink():
                    found.append(p)
        for p in sorted(found, key=lambda f: f.relative_to(root).as_posix()):
            add(p)
    return out


# ---- one file --------------------------------------------------------------------------------
@dataclass
class _Item:
    index: int
    path: Path
    package: Package
    submission: str  # the verified data/submission.json, stored verbatim
    sig: SignatureCheck = UNSIGNED


def _outcome(
    path: Path,
    outcome: str,
    reason: str,
    pkg: Package | None = None,
    prev_rev: int | None = None,
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
        message=render(reason, **params),
        sha256=pkg.sha256 if pkg else None,
        package_id=m.package_id if m else None,
        unit_code=m.unit.code if m else None,
        unit_name=m.unit.name if m else None,
        plan_id=m.plan.id if m else None,
        period_id=m.period.id if m else None,
        revision=m.revision if m else None,
        previous_revision=prev_rev,
    )


def _rejected(path: Path, exc: BaseException) -> ImportOutcome:
    if isinstance(exc, DvcqError):
        code, text = exc.code, exc.message
    else:
        code, text = "import_unreadable", user_message(exc)
    return ImportOutcome(file=path, outcome="rejected", reason=code, message=text)


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


def _copy_to_inbox(ws: Workspace, src: Path, sha256: str) -> Path:
    """Copy the verified file verbatim to inbox/<sha256>.dvcq; refuses if it changed since reading."""
    dest = ws.inbox_dir / f"{sha256}.dvcq"
    if dest.is_file() and _sha_of(dest) == sha256:
        return dest  # left by an earlier import or an interrupted one: content-addressed, reuse
    tmp = ws.inbox_dir / f".{sha256}.{uuid.uuid4().hex}.part"
    h = hashlib.sha256()
    try:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            while chunk := fin.read(1024 * 1024):
                h.update(chunk)
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
        if h.hexdigest() != sha256:
            raise DvcqError("import_file_changed", path=str(src))
        replace_with_retry(tmp, dest)
        fsync_dir(ws.inbox_dir)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def _sha_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


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
    ws: Workspace, item: _Item, *, dry_run: bool, batch_id: str, accept: dict[str, str]
) -> ImportOutcome:
    """Decide and (unless dry run) store one package, all in one transaction."""
    pkg, path, db = item.package, item.path, ws.db
    m = pkg.manifest
    with db.atomic():
        known = repo.by_package_id(db, m.package_id)
        if known is not None:
            received = _shown_time(known["received_at"])
            if known["sha256"] == pkg.sha256:
                o = _outcome(path, "duplicate", "import_duplicate", pkg, known["revision"], received=received)
            else:
                o = _outcome(path, "conflict", "import_conflict", pkg, known["revision"], received=received)
        elif (why := _foreign(ws, pkg)) is not None:
            o = _outcome(path, "rejected", why, pkg)
        elif refused := keys.check_unit_signer(ws, m.unit.code, m.unit.name, m.period.id, item.sig, accept):
            o = _outcome(path, "rejected", refused[0], pkg, **refused[1])
        else:
            current = repo.current_of_slot(db, *m.slot)
            prev = current["revision"] if current else None
            if current is None:
                o, status = _outcome(path, "new", "import_new", pkg), "new"
            elif m.revision > current["revision"]:
                o, status = (
                    _outcome(path, "newer-revision", "import_newer", pkg, prev, previous=prev),
                    "newer",
                )
            else:
                code = "import_competing" if m.revision == prev else "import_older"
                o, status = _outcome(path, "older-revision", code, pkg, prev, current=prev), "older"
            if not dry_run:
                inbox = _copy_to_inbox(ws, path, pkg.sha256)
                repo.insert_received(
                    db, _row(ws, item, inbox, status), pkg.submission, make_current=status != "older"
                )
        o = _signed(o, item.sig)
        if not dry_run:
            _log(ws, o, batch_id, pkg.size)
        return o


def _signed(o: ImportOutcome, sig: SignatureCheck) -> ImportOutcome:
    """Carry the signature check; an accepted unsigned (format 1.0) package says so."""
    message = o.message
    if sig.status == "none" and o.stored:
        message = f"{message} ({render('import_unsigned_note')})"
    return replace(o, signature=sig.status, signer=sig.signer, message=message)


def _row(ws: Workspace, item: _Item, inbox: Path, status: str) -> dict[str, Any]:
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
    """Import files/folders; exactly one outcome per file, in `collect_files` order."""
    require_aggregator(ws)
    accept = dict(accept_keys or {})  # unit code → reason for accepting its new key
    mine = keys.identities(ws) + list(extra_identities or [])  # e.g. the office's backup key
    report = progress or (lambda done, total, msg: None)
    files = collect_files(paths)
    total = 2 * len(files)
    batch_id = uuid.uuid4().hex
    outcomes: dict[int, ImportOutcome] = {}
    unlogged: list[int] = []  # rejected before/while applying: logged after the batch
    items: list[_Item] = []
    for i, f in enumerate(files):
        report(i, total, f"Đang kiểm tra {f.name}")
        try:
            opened = open_package(f, mine)  # signature checked; sealed packages decrypted
            pkg, raw = opened.package, opened.raw_submission
            assert pkg is not None  # identities given: a sealed package is opened or refused
            # drop the in-memory bytes (only set for bytes sources) to keep a big batch small;
            # the reader decoded the submission as strict UTF-8 already, so this cannot fail
            items.append(_Item(i, f, replace(pkg, data=None), raw.decode("utf-8"), opened.signature))
        except (DvcqError, OSError) as exc:
            log.info("rejected %s: %r", f, exc)
            outcomes[i] = _rejected(f, exc)
            unlogged.append(i)
    # Same slot → ascending revision, so r3 then r2 in one folder behaves like two imports in order.
    items.sort(
        key=lambda it: (
            *it.package.manifest.slot,
            it.package.revision,
            it.package.manifest.created_at,
            it.path.as_posix(),
        )
    )
    done = len(files)

    def run_all() -> None:
        nonlocal done
        for it in items:
            report(done, total, f"Đang nhập {it.path.name}")
            try:
                outcomes[it.index] = _apply(ws, it, dry_run=dry_run, batch_id=batch_id, accept=accept)
            except (DvcqError, OSError) as exc:
                # the package's transaction was rolled back; the batch goes on (Briefcase #837)
                log.warning("import of %s failed: %r", it.path, exc)
                outcomes[it.index] = replace(
                    _rejected(it.path, exc),
                    sha256=it.package.sha256,
                    package_id=it.package.package_id,
                    unit_code=it.package.manifest.unit.code,
                    revision=it.package.revision,
                )
                unlogged.append(it.index)
            done += 1

    if dry_run:
        try:
            with ws.db.atomic():
                run_all()
                raise _DryRunRollback
        except _DryRunRollback:
            pass
        log.info("dry run of %d files: nothing stored", len(files))
    else:
        run_all()
        with ws.db.atomic():
            for i in sorted(unlogged):
                _log(ws, outcomes[i], batch_id, None)
    report(total, total, "Đã xong")
    return [outcomes[i] for i in range(len(files))]


def summary(outcomes: list[ImportOutcome]) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOMES, 0)
    for o in outcomes:
        counts[o.outcome] += 1
    return counts


def summary_text(outcomes: list[ImportOutcome], *, dry_run: bool = False) -> str:
    c = summary(outcomes)
    head = "Xem trước (chưa lưu gì)" if dry_run else "Kết quả nhập"
    return (
        f"{head}: {len(outcomes)} tệp — {c['new']} mới, {c['newer-revision']} bản sửa đổi mới hơn, "
        f"{c['duplicate']} trùng (đã nhập trước), {c['older-revision']} bản cũ hơn/cạnh tranh, "
        f"{c['conflict']} xung đột, {c['rejected']} bị từ chối."
    )


def outcome_label(outcome: str) -> str:
    return {
        "new": "Mới",
        "newer-revision": "Bản sửa đổi mới hơn",
        "duplicate": "Trùng, đã nhập",
        "older-revision": "Bản cũ hơn",
        "conflict": "Xung đột",
        "rejected": "Bị từ chối",
    }[outcome]
