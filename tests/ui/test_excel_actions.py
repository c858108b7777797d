"""Excel import through the GUI: worker read, preview dialog with the bad row, import, refresh signal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from support.officer_ws import make_ctx, make_ws

from dvcq_desktop.services.excel_io import COLUMNS, area_label
from dvcq_desktop.storage import activities
from dvcq_desktop.ui.unit.excel_actions import download_template, import_excel
from dvcq_desktop.ui.unit.excel_import_dialog import ExcelImportDialog


def test_template_download_and_import_with_preview(qtbot: Any, tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    ctx = make_ctx(ws)
    parent = QWidget()
    qtbot.addWidget(parent)

    out = download_template(ctx, parent, tmp_path / "mau")  # suffix added
    assert out == tmp_path / "mau.xlsx" and load_workbook(out).sheetnames[0] == "Hoạt động"

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append([c.header for c in COLUMNS])
    a2 = area_label(ws.plan, "A2")
    good = {
        "Ngày bắt đầu": datetime(2023, 3, 1),
        "Lĩnh vực": a2,
        "Loại hoạt động": "Tuyên truyền",
        "Tên hoạt động": "Tuyên truyền pháp luật",
    }
    for row in (
        good,
        {**good, "Ngày bắt đầu": "hôm qua"},
        {**good, "Tên hoạt động": "Tin bài", "Loại hoạt động": "Tin, bài, phát thanh"},
    ):
        sheet.append([row.get(c.header) for c in COLUMNS])
    path = tmp_path / "nhap.xlsx"
    wb.save(path)

    signals = import_excel(ctx, parent, path)
    assert signals is not None
    qtbot.waitUntil(lambda: parent.findChild(ExcelImportDialog) is not None, timeout=10000)
    dialog = parent.findChild(ExcelImportDialog)
    assert "2 dòng hợp lệ, 1 dòng lỗi" in dialog.summary.text()
    model = dialog.model
    assert model.rowCount() == 3
    assert model.data(model.index(1, 0)) == "3"  # the bad row, by its number
    assert "ngày không hợp lệ" in model.data(model.index(1, 1))
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    dialog.only_errors.setChecked(True)
    assert model.rowCount() == 1
    assert dialog.import_button.text() == "Nhập 2 dòng hợp lệ"

    with qtbot.waitSignal(ctx.hub.activities_changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert activities.count(ws.db) == 2
    ctx.tasks.wait()
    ws.close()
