"""Issue 12 points 2 and 5: a batch survives anything one file does; the CLI's small contracts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.spec_writer import build, load_plan_json, submission_dict

from dvcq_desktop.cli import main
from dvcq_desktop.package.verify import verify_path
from dvcq_desktop.services import import_reads, intake
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import aggregator_repo
from dvcq_desktop.storage.workspace import Workspace

PLAN = load_plan_json()


def _unit(code: str, name: str) -> dict[str, Any]:
    return {"code": code, "name": name, "level": "phuong", "parent": "TPTN"}


def _three(usb: Path) -> list[Path]:
    usb.mkdir()
    out = []
    for i, (code, name) in enumerate(
        [("TPTN-P1", "Phường 1"), ("TPTN-P2", "Phường 2"), ("TPTN-P3", "Phường 3")]
    ):
        path = usb / f"{i}_{code}.dvcq"
        path.write_bytes(build(submission_dict(PLAN, _unit(code, name), n_activities=30, seed=i)))
        out.append(path)
    return out


def _office(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    init_workspace(root, role="aggregator", unit_code="TPTN").close()
    return root


def test_good_bad_good_batch_where_the_middle_one_raises_inside_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _three(tmp_path / "usb")
    office = _office(tmp_path)
    real_insert = aggregator_repo.insert_received

    def faulty(db: Any, row: dict[str, Any], sub: Any, *, make_current: bool) -> None:
        if row["unit_code"] == "TPTN-P2":  # the fault: half the rows written, then a surprise
            real_insert(db, row, sub, make_current=make_current)
            raise RuntimeError("injected fault")
        real_insert(db, row, sub, make_current=make_current)

    monkeypatch.setattr(aggregator_repo, "insert_received", faulty)
    code = main(["-w", str(office), "import", str(tmp_path / "usb"), "--json"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [(d["file"], d["outcome"]) for d in lines] == [
        (str(files[0]), "new"),
        (str(files[1]), "rejected"),
        (str(files[2]), "new"),
    ]
    assert lines[1]["reason"] == "import_internal_error" and "Traceback" not in lines[1]["message"]
    with Workspace.open(office, auto_backup=False) as ws:
        units = [r[0] for r in ws.db.execute("SELECT unit_code FROM received ORDER BY unit_code")]
        assert units == ["TPTN-P1", "TPTN-P3"]
        assert ws.db.execute("SELECT count(*) FROM received_activities").fetchone()[0] == 60
        owned = {Path(r[0]).name for r in ws.db.execute("SELECT inbox_path FROM received")}
        assert {f.name for f in ws.inbox_dir.iterdir()} == owned  # no orphan of the middle file
        assert not list((ws.root / "inbox.staging").iterdir())
        logged = [r[0] for r in ws.db.execute("SELECT reason FROM import_log ORDER BY id")]
        assert sorted(logged) == ["import_internal_error", "import_new", "import_new"]
    monkeypatch.setattr(aggregator_repo, "insert_received", real_insert)
    assert main(["-w", str(office), "import", str(files[1]), "--json"]) == 0  # the fault is gone
    assert json.loads(capsys.readouterr().out)["outcome"] == "new"


def test_an_unexpected_error_while_reading_is_that_files_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _three(tmp_path / "usb")
    real = import_reads.open_package

    def faulty(path: Any, *a: Any, **kw: Any) -> Any:
        if Path(path) == files[0]:
            raise KeyError("surprise")
        return real(path, *a, **kw)

    monkeypatch.setattr(import_reads, "open_package", faulty)
    with Workspace.open(_office(tmp_path), auto_backup=False) as ws:
        out = intake.import_packages(ws, files)
    assert [(o.outcome, o.reason) for o in out] == [
        ("rejected", "import_internal_error"),
        ("new", "import_new"),
        ("new", "import_new"),
    ]


def test_orphans_of_older_versions_and_interrupted_renames_are_settled(tmp_path: Path) -> None:
    files = _three(tmp_path / "usb")
    office = _office(tmp_path)
    with Workspace.open(office, auto_backup=False) as ws:
        intake.import_packages(ws, files[:1])
        sha = ws.db.execute("SELECT sha256 FROM received").fetchone()[0]
        inbox = ws.inbox_dir
        staging = ws.root / "inbox.staging"
        # an older version's leftovers: an unreferenced file and a temp copy in inbox/
        (inbox / ("f" * 64 + ".dvcq")).write_bytes(b"orphan")
        (inbox / f".{'e' * 64}.0123.part").write_bytes(b"temp")
        # a crash between the commit and the rename: the owned file waits in staging
        (inbox / f"{sha}.dvcq").rename(staging / f"{sha}.dvcq")
        (staging / ("d" * 64 + ".dvcq")).write_bytes(b"never committed")
        out = intake.import_packages(ws, files[1:2])
        assert out[0].outcome == "new"
        owned = {Path(r[0]).name for r in ws.db.execute("SELECT inbox_path FROM received")}
        assert {f.name for f in inbox.iterdir()} == owned and len(owned) == 2
        assert not list(staging.iterdir())


def test_dry_run_speaks_in_the_conditional(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _three(tmp_path / "usb")
    office = _office(tmp_path)
    assert main(["-w", str(office), "import", str(files[0]), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Sẽ nhập báo cáo của Phường 1" in out and "Đã nhập" not in out
    assert main(["-w", str(office), "import", str(files[0])]) == 0
    assert "Đã nhập báo cáo của Phường 1" in capsys.readouterr().out


def test_verify_a_folder_verifies_every_package_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _three(tmp_path / "usb")
    (tmp_path / "usb" / "broken.dvcq").write_bytes(b"PK\x03\x04 not really")
    assert main(["verify", str(tmp_path / "usb"), "--json"]) == 1  # one is broken
    results = json.loads(capsys.readouterr().out)
    assert sorted(r["path"] for r in results) == sorted(
        [*map(str, files), str(tmp_path / "usb" / "broken.dvcq")]
    )
    assert [r["ok"] for r in results if r["path"] in map(str, files)] == [True] * 3
    assert main(["verify", str(tmp_path / "usb" / "0_TPTN-P1.dvcq")]) == 0


def test_export_out_file_writes_that_file_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = tmp_path / "unit"
    assert main(["-w", str(unit), "init", "--role", "unit", "--unit", "TPTN-P1"]) == 0
    assert main(["-w", str(unit), "demo", "--activities", "5"]) == 0
    capsys.readouterr()
    target = tmp_path / "usb" / "bao-cao-phuong-1.dvcq"
    assert main(["-w", str(unit), "export", "--out", str(target), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["path"] == str(target) and verify_path(target).ok
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    before = target.read_bytes()
    assert main(["-w", str(unit), "export", "--out", str(target)]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert target.read_bytes() == before and sorted(p.name for p in target.parent.iterdir()) == [target.name]


def _zero_end_record(data: bytes, keep_signature: bool) -> bytes:
    pos = data.rfind(b"PK\x05\x06")
    start = pos + 4 if keep_signature else pos
    return data[:start] + bytes(pos + 22 - start) + data[pos + 22 :]


@pytest.mark.parametrize("keep_signature", [True, False])
def test_zeroed_end_record_is_called_what_it_is(tmp_path: Path, keep_signature: bool) -> None:
    data = build(submission_dict(PLAN, _unit("TPTN-P1", "Phường 1")))
    path = tmp_path / "z.dvcq"
    path.write_bytes(_zero_end_record(data, keep_signature))
    v = verify_path(path)
    assert v.code == ("pkg_corrupt" if keep_signature else "pkg_truncated"), v.code


def test_too_many_report_files_says_how_many_of_how_many(tmp_path: Path) -> None:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(build(submission_dict(PLAN, _unit("TPTN-P1", "Phường 1")))))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, src.read(info))
        for i in range(5):
            zf.writestr(f"report/extra{i}.docx", b"x")
    path = tmp_path / "r.dvcq"
    path.write_bytes(buf.getvalue())
    v = verify_path(path)
    assert v.code == "pkg_too_many_reports"
    assert "(6, tối đa 4)" in v.message
