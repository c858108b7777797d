"""Issue 13 point 7: a big import batch reads its packages in reader processes (services/read_pool).

The same files imported through the reader processes and in this process give the same outcomes and
the same stored rows; the reads really happen in another process; a worker killed mid-batch, or a
pool that cannot start, or a worker that hangs, leaves every file with exactly one outcome; a small batch starts nothing."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pytest
from support.spec_writer import build, load_plan_json, submission_dict

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.services import read_pool
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import ImportOutcome, import_packages
from dvcq_desktop.services.plan_intake import take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

PLAN = load_plan_json()
UNITS = ["TPTN-P2", "TPTN-P3", "TPTN-P4", "TPTN-HN", "TPTN-NS", "TPTN-NT", "TPTN-BM", "TPTN-TB"]
MOMENT = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d")
BATCH_LINE = re.compile(r"batch read: (\d+) files in reader process \[([\d, ]*)\], (\d+) in this process")


@pytest.fixture(autouse=True)
def _pool_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DVCQ_READ_POOL", raising=False)


def unit_of(code: str) -> dict[str, str]:
    return {"code": code, "name": f"Đơn vị {code}", "level": "phuong", "parent": "TPTN"}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Path]]:
    """An office with a key and a published plan, and a batch above the pool's threshold: plain
    packages of 8 units (one of them in two revisions, listed newest first), a package sealed for
    the office in two revisions, a hostile file, a duplicate copy and a unit the office lacks."""
    root = tmp_path_factory.mktemp("pool")
    office = init_workspace(root / "office", role="aggregator", unit_code="TPTN")
    plan_file = publish_plan(office, office.period.id, root / "phat-hanh")
    office.close()
    usb = root / "usb"
    usb.mkdir()
    first_p2 = str(uuid.uuid4())
    for k, code in enumerate(UNITS):
        sub = submission_dict(PLAN, unit_of(code), n_activities=40 + k, seed=k)
        ident = {"package_id": first_p2} if code == "TPTN-P2" else {}
        (usb / f"{k:02d}_{code}.dvcq").write_bytes(build(sub, **ident))
    sub = submission_dict(PLAN, unit_of("TPTN-P2"), n_activities=12, seed=99)
    (usb / "00a_r2.dvcq").write_bytes(build(sub, revision=2, supersedes=first_p2))
    shutil.copyfile(usb / "03_TPTN-HN.dvcq", usb / "03_copy.dvcq")  # the same bytes: a duplicate
    (usb / "broken.dvcq").write_bytes(b"PK\x03\x04" + os.urandom(3000))
    stranger = {"code": "XA-LA", "name": "Xã lạ", "level": "xa", "parent": "TPTN"}
    (usb / "stranger.dvcq").write_bytes(build(submission_dict(PLAN, stranger, seed=5)))
    sealer = init_workspace(root / "unit", role="unit", unit_code="TPTN-P1")
    assert take_plan_file(sealer, plan_file).reason in ("plan_take_duplicate", "plan_take_new")
    fill_demo(sealer, activities=15, seed=3)
    (usb / "sealed").mkdir()
    export_package(sealer, usb / "sealed")
    export_package(sealer, usb / "sealed")
    sealer.close()
    return root / "office", usb, sorted(p for p in usb.rglob("*.dvcq"))


def _import(
    setup: tuple[Path, Path, list[Path]], dest: Path, *, dry_run: bool = False, **kw: Any
) -> tuple[list[ImportOutcome], Path]:
    office, usb, _files = setup
    shutil.copytree(office, dest)
    with Workspace.open(dest, auto_backup=False) as ws:
        return import_packages(ws, [usb], dry_run=dry_run, **kw), dest


def _stored(office: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import writes, less the moments it happened (received_at, the log's time and
    batch id)."""
    queries = {
        "received": "SELECT * FROM received ORDER BY package_id",
        "received_values": "SELECT * FROM received_values ORDER BY package_id, indicator_id",
        "received_activities": "SELECT * FROM received_activities ORDER BY package_id, activity_id",
        "received_tasks": "SELECT * FROM received_tasks ORDER BY package_id, task_id",
        "import_log": "SELECT file_path, file_sha256, size, outcome, reason, message, package_id, unit_code, "
        "revision, dry_run FROM import_log ORDER BY file_path, id",
        "pinned_keys": "SELECT * FROM pinned_keys ORDER BY 1",
    }
    out: dict[str, list[tuple[Any, ...]]] = {}
    with Workspace.open(office, auto_backup=False) as ws:
        for table, sql in queries.items():
            cur = ws.db.execute(sql)
            names = [d[0] for d in cur.description]
            moments = {"received_at", "pinned_at", "at", "batch_id"}
            out[table] = [
                tuple(_timeless(v) for n, v in zip(names, r, strict=True) if n not in moments) for r in cur
            ]
        out["inbox"] = [(p.name,) for p in sorted(ws.inbox_dir.iterdir())]
    return out


def _timeless(value: Any) -> Any:
    """A duplicate's message names when the first copy was imported ("đã được nhập lúc 08/12/2026
    07:27"): two imports a minute apart must still compare equal."""
    return MOMENT.sub("<lúc>", value) if isinstance(value, str) else value


def _batch_line(caplog: pytest.LogCaptureFixture) -> tuple[int, list[int], int]:
    [(remote, pids, local)] = [m.groups() for r in caplog.records if (m := BATCH_LINE.search(r.getMessage()))]
    return int(remote), [int(p) for p in pids.split(",") if p.strip()], int(local)


def _at_file(
    when: Callable[[int, int], bool], act: Callable[[BaseProcess], None]
) -> tuple[Callable[[int, int, str], None], list[int]]:
    """A progress callback that, the first time `when(done, total)` holds as a file is being stored,
    applies `act` to every reader process; and the list of the pids it acted on."""
    touched: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("Đang nhập") and when(done, total) and not touched:
            for p in multiprocessing.active_children():
                touched.append(p.pid or 0)
                act(p)

    return progress, touched


def _mid_batch(done: int, total: int) -> bool:
    return done == total // 2 + 2  # the 3rd file is being stored; later files are in flight


def _suspend(p: BaseProcess) -> None:
    os.kill(p.pid or 0, signal.SIGSTOP)


def _assert_same_as_in_process(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    out: list[ImportOutcome],
    ws: Path,
) -> None:
    """The batch, imported again with every read in this process, gives the same outcomes and rows."""
    monkeypatch.setattr(read_pool, "POOL_MIN_FILES", 10**6)
    here, here_ws = _import(setup, tmp_path / "here")
    assert [(o.file, o.outcome, o.reason) for o in out] == [(o.file, o.outcome, o.reason) for o in here]
    assert _stored(ws) == _stored(here_ws)


def test_pool_and_in_process_store_the_same_rows_and_outcomes(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    files = setup[2]
    assert len(files) >= read_pool.POOL_MIN_FILES and read_pool.cpus() >= 2
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)  # every read goes to the workers
    pooled, pooled_ws = _import(setup, tmp_path / "pooled")
    remote, pids, local = _batch_line(caplog)
    assert (remote, local) == (len(files), 0)
    assert pids and os.getpid() not in pids
    # the worker's own log lines (a refused file) reach this process's log, tagged with its pid
    assert any(
        r.getMessage().startswith("[reader process ") and "broken.dvcq" in r.getMessage()
        for r in caplog.records
    )
    assert not multiprocessing.active_children()  # no worker outlives its batch

    caplog.clear()
    monkeypatch.setattr(read_pool, "POOL_MIN_FILES", 10**6)
    here, here_ws = _import(setup, tmp_path / "here")
    assert not [r for r in caplog.records if BATCH_LINE.search(r.getMessage())]  # no pool started

    def key(o: ImportOutcome) -> tuple[Any, ...]:
        return (o.file, o.outcome, o.reason, o.message, o.sha256, o.package_id, o.revision, o.signature)

    assert [key(o) for o in pooled] == [key(o) for o in here]
    by_outcome = sorted((o.file.name, o.outcome) for o in pooled)
    assert ("broken.dvcq", "rejected") in by_outcome and ("stranger.dvcq", "rejected") in by_outcome
    assert ("00a_r2.dvcq", "newer-revision") in by_outcome and ("00_TPTN-P2.dvcq", "new") in by_outcome
    assert {"duplicate", "new", "newer-revision", "rejected"} <= {o.outcome for o in pooled}
    sealed = [o for o in pooled if o.file.parent.name == "sealed"]
    assert sorted(o.outcome for o in sealed) == ["new", "newer-revision"]
    assert {o.signature for o in sealed} == {"valid"}
    stored = _stored(pooled_ws)
    assert stored == _stored(here_ws)
    assert len(stored["received"]) == 11 and len(stored["received_activities"]) > 300
    assert stored["received_tasks"]  # the sealed unit's tasks (format 1.1) came through


def test_a_dry_run_through_the_pool_stores_nothing_and_says_the_same(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)
    dry, ws = _import(setup, tmp_path / "dry", dry_run=True)
    assert _batch_line(caplog)[0] == len(setup[2])
    assert all(not v for k, v in _stored(ws).items())
    monkeypatch.setattr(read_pool, "POOL_MIN_FILES", 10**6)
    here, _ws = _import(setup, tmp_path / "here", dry_run=True)
    assert [(o.file, o.outcome, o.message) for o in dry] == [(o.file, o.outcome, o.message) for o in here]
    assert "Sẽ nhập" in next(o.message for o in dry if o.outcome == "new")


def test_a_worker_killed_mid_batch_leaves_every_file_one_outcome(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)
    progress, killed = _at_file(_mid_batch, lambda p: p.kill())
    out, ws = _import(setup, tmp_path / "killed", progress=progress)
    assert killed
    remote, _pids, local = _batch_line(caplog)
    assert remote >= 2 and local >= 1 and remote + local == len(setup[2])
    assert any("reading in this process" in r.getMessage() for r in caplog.records)
    assert not multiprocessing.active_children()
    _assert_same_as_in_process(setup, tmp_path, monkeypatch, out, ws)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP suspends a process on POSIX only")
def test_a_hung_worker_is_killed_and_the_batch_goes_on_here(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A reader process that stops answering (suspended here with SIGSTOP, as a security product
    or a stuck pipe would leave it) must not hold the import for ever: after READ_TIMEOUT_S its
    processes are killed and the rest of the batch is read in this process."""
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)
    monkeypatch.setattr(read_pool, "READ_TIMEOUT_S", 3.0)
    progress, stopped = _at_file(_mid_batch, _suspend)
    out, ws = _import(setup, tmp_path / "hung", progress=progress)
    assert stopped
    remote, _pids, local = _batch_line(caplog)
    assert remote >= 2 and local >= 1 and remote + local == len(setup[2])
    assert any("gave no answer" in r.getMessage() for r in caplog.records)
    assert not multiprocessing.active_children()
    for pid in stopped:  # killed, not left suspended
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    _assert_same_as_in_process(setup, tmp_path, monkeypatch, out, ws)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP suspends a process on POSIX only")
def test_a_worker_that_will_not_exit_is_killed_at_the_end_of_the_batch(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every read done, the reader processes are suspended before the batch ends: the end of the
    batch waits EXIT_WAIT_S for them to exit, then kills them, and the import returns."""
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)
    monkeypatch.setattr(read_pool, "EXIT_WAIT_S", 2.0)
    # the last file is being stored: every read is done
    progress, stopped = _at_file(lambda done, total: done == total - 1, _suspend)
    result: list[tuple[list[ImportOutcome], Path]] = []
    worker = threading.Thread(
        target=lambda: result.append(_import(setup, tmp_path / "stuck", progress=progress))
    )
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # the old shutdown(wait=True) waits for ever: let the workers go
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)
        worker.join()
    assert stopped and not worker.is_alive() and result
    assert any("did not stop; killed" in r.getMessage() for r in caplog.records)
    assert not multiprocessing.active_children()
    for pid in stopped:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert _batch_line(caplog)[::2] == (len(setup[2]), 0)
    assert sum(o.outcome == "new" for o in result[0][0]) == 9


def test_a_batch_done_before_the_workers_are_up_leaves_no_traceback(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The app does not wait for its reader processes: a batch of small packages is often read here
    before they are up, and the workers then find their pipes closed. They end quietly; their
    stderr is the console of whoever ran `dvcq import`."""
    caplog.set_level(logging.INFO)
    out, _ws = _import(setup, tmp_path / "early")
    assert sum(o.outcome == "new" for o in out) == 9
    remote, _pids, local = _batch_line(caplog)
    assert remote + local == len(setup[2])
    assert not multiprocessing.active_children()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_a_pool_that_cannot_start_reads_everything_here(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)

    def no_processes(*a: Any, **kw: Any) -> Any:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", no_processes)
    out, _ws = _import(setup, tmp_path / "noproc")
    assert _batch_line(caplog)[::2] == (0, len(setup[2]))
    assert any("reader process not started" in r.getMessage() for r in caplog.records)
    assert len(out) == len(setup[2]) and sum(o.outcome == "new" for o in out) == 9


def test_the_pool_works_from_a_worker_thread_as_the_gui_runs_imports(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The GUI imports on a worker QThread: the reader processes are spawned from there."""
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(read_pool, "WAIT_FOR_WORKER_S", 120.0)
    result: list[list[ImportOutcome]] = []
    worker = threading.Thread(target=lambda: result.append(_import(setup, tmp_path / "thread")[0]))
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive() and len(result[0]) == len(setup[2])
    assert _batch_line(caplog)[::2] == (len(setup[2]), 0)
    assert sum(o.outcome == "new" for o in result[0]) == 9


def test_the_pool_can_be_turned_off(
    setup: tuple[Path, Path, list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.setenv("DVCQ_READ_POOL", "off")
    out, _ws = _import(setup, tmp_path / "off")
    assert len(out) == len(setup[2]) and sum(o.outcome == "new" for o in out) == 9
    assert not [r for r in caplog.records if BATCH_LINE.search(r.getMessage())]


def test_a_small_batch_starts_no_process(
    setup: tuple[Path, Path, list[Path]], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    dest = tmp_path / "small"
    shutil.copytree(setup[0], dest)
    few = setup[2][: read_pool.POOL_MIN_FILES - 1]
    with Workspace.open(dest, auto_backup=False) as ws:
        out = import_packages(ws, few)
    assert len(out) == len(few)
    assert not [r for r in caplog.records if BATCH_LINE.search(r.getMessage())]


@pytest.mark.parametrize(
    "exc",
    [
        DvcqError("import_unreadable", detail="EIO", path="C:/USB/Phường 1.dvcq"),
        PackageError("pkg_schema_invalid", "data/submission.json", detail="x", field="activities"),
    ],
)
def test_errors_keep_their_code_and_text_across_processes(exc: DvcqError) -> None:
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc)
    assert (back.code, back.params, back.detail, back.message) == (
        exc.code,
        exc.params,
        exc.detail,
        exc.message,
    )
