"""A `.dvcq` opened from the file manager: which view it goes to, and what the view reads."""

from __future__ import annotations

from pathlib import Path

from support.package_helpers import built

from dvcq_desktop.services.file_routing import route_for, summarize_package, workspace_busy
from dvcq_desktop.storage.lock import WorkspaceLock


def test_route_by_role(tmp_path: Path) -> None:
    pkg = tmp_path / "DVCQ_2023_TPTN-P1_lan1.dvcq"
    unit = route_for(pkg, "unit")
    assert (unit.view, unit.page, unit.target, unit.in_main_window) == ("verify", None, None, False)
    agg = route_for(str(pkg), "aggregator")
    assert (agg.view, agg.page, agg.target, agg.in_main_window) == ("intake", "intake", [pkg], True)
    alone = route_for(pkg, None)
    assert (alone.view, alone.page) == ("standalone", None)
    assert alone.path == pkg


def test_summary_of_a_valid_package(tmp_path: Path) -> None:
    pkg = tmp_path / "p.dvcq"
    pkg.write_bytes(built(4))
    s = summarize_package(pkg)
    assert s.ok and s.code is None
    assert (s.unit_code, s.unit_name, s.period_label, s.revision) == (
        "25747",
        "Phường 1",
        "6 tháng đầu năm 2025",
        1,
    )
    assert s.activities == 4
    assert s.indicators == 1  # I1 has a value, I2 is blank
    assert s.finalized_at is not None and s.created_at is not None
    assert sorted(Path(f).name for f in s.report_files) == ["BaoCao_P1_2025.docx", "PhuLuc_P1_2025.xlsx"]
    assert s.size == pkg.stat().st_size


def test_summary_of_a_damaged_or_missing_package(tmp_path: Path) -> None:
    bad = tmp_path / "hong.dvcq"
    bad.write_bytes(built(2)[:700])
    s = summarize_package(bad)
    assert not s.ok and s.code is not None and s.code.startswith("pkg_")
    assert s.message and "Traceback" not in s.message
    missing = summarize_package(tmp_path / "khong-co.dvcq")
    assert not missing.ok and missing.code == "pkg_file_missing"


def test_workspace_busy_follows_the_writer_lock(tmp_path: Path) -> None:
    assert not workspace_busy(tmp_path)
    lock = WorkspaceLock(tmp_path)
    lock.acquire()
    try:
        # flock is per open file description, so a second open in this process conflicts too.
        assert workspace_busy(tmp_path)
    finally:
        lock.release()
    assert not workspace_busy(tmp_path)
