"""The import's cheaper I/O keeps its guarantees: a staged copy's folder entry is fsynced before the
row owning it commits (one folder fsync may cover several copies), a package of many activities
is stored row for row, and the batch's checkpoint setting does not outlive the batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.spec_writer import build, load_plan_json, submission_dict

from dvcq_desktop.services import inbox, intake
from dvcq_desktop.services.inbox import StagedEntries, staging_dir
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import aggregator_repo
from dvcq_desktop.storage.workspace import Workspace

PLAN = load_plan_json()


def _packages(usb: Path, n: int, n_activities: int = 30) -> list[tuple[Path, dict[str, Any]]]:
    usb.mkdir()
    out = []
    for i in range(1, n + 1):
        unit = {"code": f"TPTN-P{i}", "name": f"Phường {i}", "level": "phuong", "parent": "TPTN"}
        sub = submission_dict(PLAN, unit, n_activities=n_activities, seed=i)
        path = usb / f"{i}.dvcq"
        path.write_bytes(build(sub))
        out.append((path, sub))
    return out


def _office(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    init_workspace(root, role="aggregator", unit_code="TPTN").close()
    return root


def test_no_row_commits_before_a_folder_fsync_that_saw_its_staged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _packages(tmp_path / "usb", 4)
    office = _office(tmp_path)
    synced: list[set[str]] = []  # names in the staging folder at each of its fsyncs
    real_fsync_dir = inbox.fsync_dir

    def recording_fsync_dir(path: Path, **kw: Any) -> None:
        if path.name == inbox.STAGING:
            synced.append({p.name for p in path.iterdir()})
        real_fsync_dir(path, **kw)

    checked: list[str] = []
    real_insert = aggregator_repo.insert_received

    def checking_insert(db: Any, row: dict[str, Any], sub: Any, *, make_current: bool) -> None:
        # inside the package's transaction, before its commit: some earlier folder fsync saw it
        assert any(any(n.startswith(row["sha256"] + ".") for n in names) for names in synced), row["sha256"]
        checked.append(row["unit_code"])
        real_insert(db, row, sub, make_current=make_current)

    monkeypatch.setattr(inbox, "fsync_dir", recording_fsync_dir)
    monkeypatch.setattr(aggregator_repo, "insert_received", checking_insert)
    with Workspace.open(office, auto_backup=False) as ws:
        outcomes = intake.import_packages(ws, [tmp_path / "usb"])
        assert [o.outcome for o in outcomes] == ["new"] * 4
        assert sorted(checked) == sorted(f"TPTN-P{i}" for i in range(1, 5))
        assert 1 <= len(synced) <= 4
        inbox_files = sorted(p.name for p in ws.inbox_dir.iterdir())
        assert inbox_files == sorted(f"{o.sha256}.dvcq" for o in outcomes)
        assert not any(staging_dir(ws).iterdir())


def test_one_folder_fsync_covers_every_copy_staged_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    fsyncs: list[set[str]] = []
    real_fsync_dir = inbox.fsync_dir

    def counting(path: Path, **kw: Any) -> None:
        fsyncs.append({p.name for p in path.iterdir()})
        real_fsync_dir(path, **kw)

    monkeypatch.setattr(inbox, "fsync_dir", counting)
    entries = StagedEntries(tmp_path / "staging")
    files = []
    for i in range(4):
        src = tmp_path / f"{i}.dvcq"
        src.write_bytes(f"paket {i}".encode())
        files.append((src, hashlib.sha256(src.read_bytes()).hexdigest()))
    numbers = [entries.stage(src, sha)[1] for src, sha in files[:3]]
    assert numbers == [1, 2, 3]
    assert fsyncs == []  # staging alone never fsyncs the folder
    entries.make_durable(2)
    assert len(fsyncs) == 1 and len(fsyncs[0]) == 3  # the fsync saw all three entries
    entries.make_durable(1)
    entries.make_durable(3)
    assert len(fsyncs) == 1  # already durable
    staged4, n4 = entries.stage(*files[3])
    entries.make_durable(n4)
    assert len(fsyncs) == 2 and staged4.name in fsyncs[1]


def test_a_package_of_many_activities_is_stored_row_for_row(tmp_path: Path) -> None:
    [(path, sub)] = _packages(tmp_path / "usb", 1, n_activities=250)
    office = _office(tmp_path)
    with Workspace.open(office, auto_backup=False) as ws:
        [o] = intake.import_packages(ws, [path])
        assert o.outcome == "new"
        stored = ws.db.execute(
            "SELECT activity_id, area_id, type_id, title, start_date, participants, status, notable "
            "FROM received_activities WHERE package_id = ? ORDER BY activity_id",
            [o.package_id],
        ).fetchall()
        expected = sorted(
            (
                a["id"],
                a["area_id"],
                a["type_id"],
                a["title"],
                a["start_date"],
                a["participants"],
                a["status"],
                int(a["notable"]),
            )
            for a in sub["activities"]
        )
        assert [tuple(r) for r in stored] == expected
        values = dict(
            ws.db.execute(
                "SELECT indicator_id, value FROM received_values WHERE package_id = ?", [o.package_id]
            ).fetchall()
        )
        assert values == {v["indicator_id"]: v["value"] for v in sub["indicators"]}


def test_the_batch_checkpoint_setting_ends_with_the_batch(tmp_path: Path) -> None:
    _packages(tmp_path / "usb", 2)
    office = _office(tmp_path)
    with Workspace.open(office, auto_backup=False) as ws:
        before = ws.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        intake.import_packages(ws, [tmp_path / "usb"])
        assert ws.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before == 1000
