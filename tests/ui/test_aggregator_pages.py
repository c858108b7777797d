"""The receiving office's pages on real workspaces: real unit packages dropped onto Tiếp nhận,
the board, the consolidation totals, the unit detail with revisions, the roster page."""

from __future__ import annotations

import shutil
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from support.aggregator_helpers import export_units, make_units

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.rules import compute_ratio
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import history, intake
from dvcq_desktop.storage import audit, report_data
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_int, format_percent
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.devtools.demo_aggregator import correction
from dvcq_desktop.ui.office.board_page import BoardPage
from dvcq_desktop.ui.office.consolidation_page import ConsolidationPage
from dvcq_desktop.ui.office.intake_page import IntakePage
from dvcq_desktop.ui.office.unit_detail import extract_reports
from dvcq_desktop.ui.office.units_page import UnitsPage

UNITS = ("TPTN-P1", "TPTN-P2", "TPTN-HN")
NAMES = {"TPTN-P1": "Phường 1", "TPTN-P2": "Phường 2", "TPTN-HN": "Phường Hiệp Ninh"}


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_units(tmp_path_factory.mktemp("units"), UNITS, activities=15)


@pytest.fixture(scope="module")
def usb(units: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_units(units.values(), tmp_path_factory.mktemp("usb") / "bao-cao")


def _drop(page: IntakePage, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)


def _received(ws: Workspace) -> int:
    return int(ws.db.execute("SELECT count(*) FROM received").fetchone()[0])


def test_drop_folder_previews_then_confirm_updates_board(qtbot, actx: AppContext, usb: Path) -> None:  # type: ignore[no-untyped-def]
    page = IntakePage(actx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.preview_ready, timeout=20000):
        _drop(page, [usb])
    t = page.table
    assert t.rowCount() == 3
    assert [t.item(r, 4).text() for r in range(3)] == ["Mới"] * 3
    assert {t.item(r, 1).text() for r in range(3)} == set(NAMES.values())
    assert _received(actx.workspace) == 0  # a dry run stores nothing
    assert page.confirm_btn.isEnabled() and page.confirm_btn.text() == "Nhập 3 gói"
    assert "3 mới" in page.summary.text()

    with qtbot.waitSignal(actx.hub.imports_changed, timeout=20000):
        qtbot.mouseClick(page.confirm_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running)
    assert _received(actx.workspace) == 3
    assert not page.confirm_btn.isEnabled()
    assert page.log_table.rowCount() == 3
    assert {page.log_table.item(r, 4).text() for r in range(3)} == {"Mới"}

    board = BoardPage(actx)
    qtbot.addWidget(board)
    board.refresh()
    rows = {r.unit_code: r for r in board.visible_rows()}
    expected = board_service.board(actx.workspace).expected
    assert len(rows) == expected > 3
    for code in UNITS:
        assert rows[code].status in ("on_time", "late") and rows[code].revision == 1
    assert all(r.status == "missing" for c, r in rows.items() if c not in UNITS)
    assert board.cards["received"].number.text() == "3"
    assert board.cards["missing"].number.text() == format_int(expected - 3)

    reminder = board.reminder()
    missing_names = [r.unit_name for r in rows.values() if r.status == "missing"]
    assert all(name in reminder for name in missing_names)
    assert "Phường Hiệp Ninh" not in reminder and "Phường 2," not in reminder
    board.copy_reminder()
    assert QApplication.clipboard().text() == reminder

    # filter by status, accent-blind search, Vietnamese collation
    board.status_combo.setCurrentIndex(1)  # Chưa nộp
    assert {r.status for r in board.visible_rows()} == {"missing"}
    board.status_combo.setCurrentIndex(0)
    board.search.setText("hiep ninh")
    assert [r.unit_name for r in board.visible_rows()] == ["Phường Hiệp Ninh"]
    board.search.clear()
    shown = [r.unit_name for r in board.visible_rows()]
    assert shown == [r.unit_name for r in board_service.sort_rows(list(rows.values()), "name")]
    assert shown.index("Phường 2") < shown.index("Phường IV") < shown.index("Phường Hiệp Ninh")


def test_received_at_correction_changes_timeliness_and_is_audited(qtbot, actx: AppContext, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ws = actx.workspace
    intake.import_packages(ws, [usb])
    board = BoardPage(actx)
    qtbot.addWidget(board)
    board.refresh()
    row = next(r for r in board.visible_rows() if r.unit_code == "TPTN-P2")
    assert row.status == "late"  # imported today, long after 01/11/2023
    on_time = datetime.combine(ws.period.deadline - timedelta(days=1), time(10, 0), clock.VN_TZ)
    with qtbot.waitSignal(actx.hub.imports_changed):
        board.correct(str(row.package_id), on_time, "Nhận qua thư điện tử ngày 31/10")
    row = next(r for r in board.visible_rows() if r.unit_code == "TPTN-P2")
    assert row.status == "on_time" and row.label == "Đúng hạn"
    [entry] = audit.entries(ws.db, "received", str(row.package_id))
    assert entry["reason"] == "Nhận qua thư điện tử ngày 31/10"
    # no reason: refused, nothing changes
    board.correct(str(row.package_id), on_time + timedelta(days=9), "  ")
    assert "lý do" in board.message.text().lower()
    assert len(audit.entries(ws.db, "received", str(row.package_id))) == 1


def test_consolidation_totals_are_the_sums_of_the_units(
    qtbot,
    actx: AppContext,
    usb: Path,  # type: ignore[no-untyped-def]
    units: dict[str, Path],
) -> None:
    intake.import_packages(actx.workspace, [usb])
    values: dict[str, dict[str, int | None]] = {}
    for code, d in units.items():
        with Workspace.open(d, lock=False, auto_backup=False) as uw:
            values[code] = {
                k: v.value for k, v in report_data.values(uw.db, uw.plan.id, uw.period.id).items()
            }
    page = ConsolidationPage(actx)
    qtbot.addWidget(page)
    page.refresh()
    for ind in ("a2_tin_bai", "a3_ho_so_tiep_nhan"):
        total = sum(v.get(ind) or 0 for v in values.values())
        assert page.total_text(ind) == format_int(total)
    num = sum(v.get("a3_ho_so_dung_han") or 0 for v in values.values())
    den = sum(v.get("a3_ho_so_da_giai_quyet") or 0 for v in values.values())
    assert page.total_text("a3_ty_le_dung_han") == format_percent(compute_ratio(num, den))
    # the unit × indicator table: one row per unit plus the total row
    assert page.model.rowCount() == 4
    assert page.model.data(page.model.index(3, 0)) == "Tổng cộng"
    assert "3/" in page.subtitle.text()
    assert page.highlights.topLevelItemCount() == 1 + len(actx.workspace.plan.areas)


def test_unit_detail_lists_revisions_and_diff(
    qtbot,
    actx: AppContext,
    usb: Path,  # type: ignore[no-untyped-def]
    units: dict[str, Path],
    tmp_path: Path,
) -> None:
    ws = actx.workspace
    intake.import_packages(ws, [usb])
    p1 = shutil.copytree(units["TPTN-P1"], tmp_path / "p1")  # the shared unit stays at revision 1
    fix = correction(p1, tmp_path / "email")
    [o] = intake.import_packages(ws, [fix])
    assert o.outcome == "newer-revision"
    board = BoardPage(actx)
    qtbot.addWidget(board)
    board.refresh()
    dlg = board.open_detail("TPTN-P1")
    qtbot.addWidget(dlg)
    t = dlg.rev_table
    assert t.rowCount() == 2
    assert [t.item(r, 0).text() for r in range(2)] == ["1", "2"]
    assert "hiện hành" in t.item(1, 1).text() and "hiện hành" not in t.item(0, 1).text()
    diff = dlg.diff_view.toPlainText()
    assert "Tin, bài, phát thanh" in diff and "Kiến nghị, đề xuất" in diff
    assert dlg.values_table.rowCount() > 40
    current = next(r for r in history.revisions(ws, "TPTN-P1") if r.is_current)
    files = extract_reports(ws, current.inbox_path, tmp_path / "open")
    assert sorted(f.suffix for f in files) == [".docx", ".xlsx"]
    assert all(f.parent == tmp_path / "open" and f.read_bytes()[:2] == b"PK" for f in files)


def test_units_page_excludes_with_reason_and_board_follows(qtbot, actx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = UnitsPage(actx)
    qtbot.addWidget(page)
    page.refresh()
    before = board_service.board(actx.workspace).expected
    assert page.roster_table.rowCount() == before
    assert "100%" in page.note.text()
    assert not page.set_included("TPTN-PTP", False, "")  # a reason is required
    with qtbot.waitSignal(actx.hub.imports_changed):
        assert page.set_included("TPTN-PTP", False, "Không thuộc diện báo cáo năm nay")
    assert board_service.board(actx.workspace).expected == before - 1
    assert (
        page.history.rowCount() >= 2 and page.history.item(0, 3).text() == "Không thuộc diện báo cáo năm nay"
    )


def test_double_clicked_file_is_previewed(qtbot, actx: AppContext, usb: Path) -> None:  # type: ignore[no-untyped-def]
    page = IntakePage(actx)
    qtbot.addWidget(page)
    one = sorted(usb.glob("*.dvcq"))[0]
    with qtbot.waitSignal(page.preview_ready, timeout=20000):
        page.focus_target([one])
    assert page.table.rowCount() == 1 and page.table.item(0, 4).text() == "Mới"
    assert _received(actx.workspace) == 0


@pytest.mark.slow
def test_aggregator_screenshots(qapp: QApplication, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from dvcq_desktop.ui.devtools.screenshots import capture

    shots = capture(tmp_path / "out", tmp_path / "work", aggregator=True)
    names = " ".join(s.file for s in shots)
    for key in ("intake", "board", "unit-detail", "consolidation", "units", "received-at", "about"):
        assert key in names
    board = next(s for s in shots if s.name == "board")
    img = QImage(str(tmp_path / "out" / board.file))
    assert (img.width(), img.height()) == (board.width, board.height)
