"""The receiving office sees each unit's tasks: a column on the board, a tab in the unit's detail."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from support.task_helpers import unit_with_tasks

from dvcq_desktop.services.board import board
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.office.board_model import COL_TASKS, BoardModel
from dvcq_desktop.ui.office.unit_detail import UnitDetailDialog


def test_board_column_and_detail_tab(qtbot: QtBot, actx: AppContext, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    ws, _ = unit_with_tasks(tmp_path / "p1")
    with ws:
        export_package(ws, usb)
    import_packages(actx.workspace, [usb])
    model = BoardModel()
    model.set_rows(list(board(actx.workspace).rows))
    shown = {model.index(r, 0).data(): model.index(r, COL_TASKS).data() for r in range(model.rowCount())}
    assert shown["TPTN-P1"] == "1/3" and shown["TPTN-P2"] == ""
    dlg = UnitDetailDialog(actx, "TPTN-P1")
    qtbot.addWidget(dlg)
    tab = dlg.tasks_tab
    assert tab.table.rowCount() == 3
    titles = [tab.table.item(r, 1).text() for r in range(3)]
    assert titles == ["Tuyên truyền", "Đối thoại", "Mô hình mới"]
    assert tab.table.item(2, 6).text() == "Thiếu kinh phí"
    assert "hoàn thành 1" in tab.summary.text()
    empty = UnitDetailDialog(actx, "TPTN-P2")
    qtbot.addWidget(empty)
    assert empty.tasks_tab.table.rowCount() == 0
