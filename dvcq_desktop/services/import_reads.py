"""Reading an import batch: the plans to judge packages by, the order to apply files in, and the
strict reads running ahead of the inserts. No database writes here."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import plan_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.messages import render
from dvcq_desktop.package import codec, sealing
from dvcq_desktop.package.limits import DEFAULT_LIMITS
from dvcq_desktop.package.model import Package
from dvcq_desktop.package.opening import open_package
from dvcq_desktop.package.plans import PlanLookup, builtin_plans, first_of
from dvcq_desktop.package.reader import peek_manifest
from dvcq_desktop.package.signing import UNSIGNED, SignatureCheck
from dvcq_desktop.paths import DB_FILENAME
from dvcq_desktop.services.import_outcome import ImportOutcome
from dvcq_desktop.services.inbox import StagedEntries
from dvcq_desktop.storage import aggregator_repo as repo

log = logging.getLogger(__name__)
READ_AHEAD = 2  # packages read (parsed, checked) ahead of the one being stored


@dataclass
class Item:
    index: int
    path: Path
    package: Package
    submission: str  # the verified data/submission.json, stored verbatim
    rows: repo.ReceivedRows  # what insert_received adds besides `received`, built from the checked dict
    staged: Path | None = None  # its verbatim copy, staged ahead (not for a dry run)
    sig: SignatureCheck = UNSIGNED
    staged_number: int = 0  # its entry in the batch's StagedEntries (0: folder already fsynced)


def rejected(path: Path, exc: BaseException) -> ImportOutcome:
    if isinstance(exc, DvcqError):
        code, text = exc.code, exc.message
    elif isinstance(exc, OSError):
        code, text = "import_unreadable", render("import_unreadable", path=str(path))
    else:  # a bug or a fault we did not foresee: this file only; the traceback is in the log
        code, text = "import_internal_error", render("import_internal_error", path=str(path))
    return ImportOutcome(file=path, outcome="rejected", reason=code, message=text)


def folder_plans(root: Path) -> PlanLookup:
    """The same for `dvcq verify --workspace W`: the plans W stores, read on a short read-only
    connection without opening (or locking) the workspace; the shipped plans alone if W has no
    readable database."""
    path = Path(root) / DB_FILENAME
    if not path.is_file():
        return builtin_plans
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            templates = repo.plan_templates(Database(con))
        finally:
            con.close()
    except sqlite3.Error as exc:
        log.warning("plans of %s not readable for verify: %r", path, exc)
        return builtin_plans
    return stored_then_builtin(templates, str(path))


def stored_then_builtin(templates: dict[tuple[str, str], str], where: str) -> PlanLookup:
    """The plans an office stores (its own copies, e.g. of a plan file; `templates` from
    `aggregator_repo.plan_templates`), then the shipped ones: the reader judges a package's ids
    against the plan it names by id and content hash. Plain data in, so a reader process can
    build it too."""
    loaded: dict[tuple[str, str], Plan] = {}

    def stored(plan_id: str, content_hash: str) -> Plan | None:
        key = (plan_id, content_hash)
        if key not in loaded and key in templates:
            loaded[key] = plan_from_data(json.loads(templates[key]), f"{where}#plans/{plan_id}", trusted=True)
        return loaded.get(key)

    return first_of(stored, builtin_plans)


def batch_order(files: list[Path], tick: Callable[[int, Path], None]) -> list[int]:
    """File indices in the order to apply them: same slot → ascending revision (then creation
    time, then path), so r3 then r2 in one folder behaves like two imports in order. Ordered on a
    peek at each manifest, so the full reads can run ahead of the inserts; a file whose manifest
    cannot be peeked goes first (its full read will say why it is refused)."""
    keys: list[tuple[Any, ...]] = []
    for i, f in enumerate(files):
        tick(i, f)
        m = peek_manifest(f)
        if m is not None:
            keys.append((1, *m.slot, m.revision, m.created_at.isoformat(), f.as_posix(), i))
        elif (outer := _peek_sealed(f)) is not None:
            keys.append((1, *outer, f.as_posix(), i))
        else:
            keys.append((0, "", "", "", 0, "", f.as_posix(), i))
    return [k[-1] for k in sorted(keys)]


def _peek_sealed(f: Path) -> tuple[str, str, str, int, str] | None:
    """Slot, revision and creation time from a sealed package's outer manifest (which copies the
    inner identity), so sealed revisions are ordered like plain ones; None for anything else."""
    try:
        with open(f, "rb") as fp:
            size = fp.seek(0, 2)
            if not sealing.looks_sealed(fp, size):
                return None
            m = sealing.open_sealed(fp, size, None, DEFAULT_LIMITS).manifest
        created = codec.dt_from_str(m["created_at"])
        if created is None:
            return None
        return (
            m["unit"]["code"],
            m["plan"]["id"],
            m["period"]["id"],
            int(m["revision"]),
            created.isoformat(),
        )
    except Exception:  # noqa: BLE001 - only an ordering hint: the full read gives the verdict
        return None


def read_checked(i: int, f: Path, plans: PlanLookup, identities: Sequence[str]) -> Item | ImportOutcome:
    """The full, strict read of one file: the package to apply or its `rejected` outcome. Its
    signature is checked and, sealed for this office, it is decrypted with `identities`. The same
    function runs in this process and in the batch's reader process (`read_pool`), so both paths
    store identical rows."""
    try:
        opened = open_package(f, identities, plans=plans)
        pkg = opened.package
        if pkg is None:  # identities given: a sealed package is opened or refused; never here
            raise DvcqError("pkg_sealed_no_key", path=str(f))
        rows = repo.received_rows(pkg.package_id, pkg.submission_data)
        # the import needs only the rows: drop the checked dict and the in-memory bytes (only set
        # for bytes sources) to keep a big batch small and cheap to send between processes
        light = replace(pkg, data=None, submission_data={})
        return Item(i, f, light, opened.submission_text, rows, sig=opened.signature)
    except (DvcqError, OSError) as exc:
        log.info("rejected %s: %r", f, exc)
        return rejected(f, exc)
    except Exception as exc:  # noqa: BLE001 - one file's surprise never stops the batch
        log.exception("reading %s failed unexpectedly", f)
        return rejected(f, exc)


def staged(read: Item | ImportOutcome, staging: StagedEntries | None) -> Item | ImportOutcome:
    """The read with its verbatim copy staged (not for a dry run, nor for a refused file); a copy
    that cannot be written refuses the file. Always in this process: StagedEntries is its book."""
    if staging is None or not isinstance(read, Item):
        return read
    try:
        copy, number = staging.stage(read.path, read.package.sha256)
    except (DvcqError, OSError) as exc:  # e.g. the file changed since it was read
        log.info("rejected %s: %r", read.path, exc)
        return rejected(read.path, exc)
    except Exception as exc:  # noqa: BLE001 - one file's surprise never stops the batch
        log.exception("staging %s failed unexpectedly", read.path)
        return rejected(read.path, exc)
    return replace(read, staged=copy, staged_number=number)


def read_ahead(
    files: list[Path],
    order: list[int],
    begin: Callable[[int, Path], Callable[[], Item | ImportOutcome]],
    staging: StagedEntries | None,
    ahead: int = READ_AHEAD,
) -> Iterator[tuple[int, Item | ImportOutcome]]:
    """Full reads and staged copies in `order`, `ahead` files ahead of the caller on one
    thread: reading and copying the next package overlap the current one's commit and fsyncs
    (waits that release the GIL; with a reader process, the parsing too). `begin(i, path)` is
    called as a read is queued and returns the call that reads (`read_checked` here) or waits for
    the reader process (`read_pool.ReadPool.begin`). At most `ahead` + 1 packages are held in
    memory."""

    def one(finish: Callable[[], Item | ImportOutcome]) -> Item | ImportOutcome:
        return staged(finish(), staging)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dvcq-read") as pool:
        pending: deque[tuple[int, Future[Item | ImportOutcome]]] = deque()
        upcoming = iter(order)
        for i in islice(upcoming, ahead):
            pending.append((i, pool.submit(one, begin(i, files[i]))))
        while pending:
            i, future = pending.popleft()
            nxt = next(upcoming, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(one, begin(nxt, files[nxt]))))
            yield i, future.result()
