"""Issue 5 round trip: a workspace's data → `export` → `verify` ok → the reader's data equals
the workspace's data; revisions chain through `supersedes`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.package import read_package
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.storage import activities, attachments, exports
from dvcq_desktop.storage.snapshot import load_submission

UNITS = [
    "TPTN-P1",
    "TPTN-P2",
    "TPTN-P3",
    "TPTN-P4",
    "TPTN-HN",
    "TPTN-NS",
    "TPTN-NT",
    "TPTN-BM",
    "TPTN-TB",
    "TPTN-TT",
]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(1, 10_000), unit=st.sampled_from(UNITS), n=st.integers(6, 80))
def test_exported_package_carries_exactly_the_workspace_data(
    tmp_path_factory, seed: int, unit: str, n: int
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("rt")
    with new_unit_ws(root / "ws", unit) as ws:
        fill_demo(ws, activities=n, seed=seed)
        out = root / "usb"
        out.mkdir()
        written = export_package(ws, out)
        pkg = read_package(written.path)
        expected = load_submission(ws, finalized_at=pkg.submission.finalized_at)
    assert pkg.submission == expected
    assert pkg.manifest.slot == (unit, "tptn-dvcq-2023", "2023")
    assert len(pkg.submission.activities) == n
    r = run_cli("verify", str(written.path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr


def test_revisions_chain_and_history_is_recorded(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        fill_demo(ws, activities=12, seed=4)
        out = tmp_path / "out"
        out.mkdir()
        first = export_package(ws, out)
        a = activities.page(ws.db, limit=1)[0]
        full = activities.get(ws.db, a["id"])
        from dataclasses import replace

        activities.save(ws.db, replace(full, title="Tiêu đề đã sửa"))
        second = export_package(ws, out)
        p1, p2 = read_package(first.path), read_package(second.path)
        assert (p1.revision, p2.revision) == (1, 2)
        assert p2.manifest.supersedes == p1.package_id
        assert first.path.exists() and first.path != second.path  # the earlier file is untouched
        assert [r["revision"] for r in exports.history(ws.db)] == [2, 1]
        assert any(x.title == "Tiêu đề đã sửa" for x in p2.submission.activities)


def test_attachments_travel_when_asked(tmp_path: Path) -> None:
    png = tmp_path / "anh.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with new_unit_ws(tmp_path / "ws") as ws:
        fill_demo(ws, activities=8, seed=2)
        a = activities.page(ws.db, limit=1)[0]
        ref = attachments.add(ws.db, ws.attachments_dir, a["id"], png)
        out = tmp_path / "out"
        out.mkdir()
        with_files = read_package(export_package(ws, out, include_attachments=True).path)
        without = read_package(export_package(ws, out).path)
    assert f"attachments/{ref.sha256}.png" in {m.path for m in with_files.manifest.members}
    assert not any(m.path.startswith("attachments/") for m in without.manifest.members)
    assert any(x.attachments for x in with_files.submission.activities)
    assert not any(x.attachments for x in without.submission.activities)
