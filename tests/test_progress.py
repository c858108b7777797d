"""Every long task reports in the one Progress shape `(done, total, message)`, moving forward only."""

from __future__ import annotations

from pathlib import Path

from support.package_helpers import REPORTS, submission
from support.ws_helpers import new_unit_ws

from dvcq_desktop.package import write_package
from dvcq_desktop.progress import scaled
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package

Call = tuple[int, int, str]


def _forward(calls: list[Call]) -> None:
    assert calls, "no progress reported"
    assert all(isinstance(d, int) and isinstance(t, int) and m for d, t, m in calls)
    assert all(0 <= d <= t for d, t, _ in calls)
    percents = [d * 100 // t for d, t, _ in calls]
    assert percents == sorted(percents) and percents[-1] == 100


def test_scaled_puts_a_part_inside_its_share_of_the_whole() -> None:
    seen: list[Call] = []
    part = scaled(lambda d, t, m: seen.append((d, t, m)), 60, 95)
    assert part is not None and scaled(None, 0, 50) is None
    for done in (0, 1, 2, 4):
        part(done, 4, "Đang ghi gói")
    assert [d for d, _, _ in seen] == [60, 68, 77, 95] and {t for _, t, _ in seen} == {100}


def test_package_writer_reports_percent_of_100(tmp_path: Path) -> None:
    calls: list[Call] = []
    reports = {**REPORTS, "BaoCao_P1_2025.docx": b"x" * (3 << 20)}  # several 1 MiB writes
    write_package(
        submission(2), reports, tmp_path, revision=1, supersedes=None, progress=lambda *c: calls.append(c)
    )
    _forward(calls)
    assert {t for _, t, _ in calls} == {100}
    assert calls[-1][2] == "Đã xuất và kiểm tra xong"


def test_export_carries_the_writer_steps_inside_its_own(tmp_path: Path) -> None:
    ws = new_unit_ws(tmp_path / "ws")
    fill_demo(ws, activities=5, seed=2)
    calls: list[Call] = []
    (tmp_path / "out").mkdir()
    export_package(ws, tmp_path / "out", progress=lambda *c: calls.append(c))
    _forward(calls)
    writer_steps = [d for d, _, m in calls if m == "Đang ghi gói"]
    assert writer_steps and all(60 <= d <= 95 for d in writer_steps)
