"""The layout check: every page and dialog of both roles fits a 1024×600 netbook at 175 % text and
a 1366×768 laptop at 100 %, with no text cut; and the check itself catches a cut text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QStandardItemModel
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.devtools.layout_check import clipped_texts

FIELDS = {"name", "file", "width", "height", "clipped"}


def _gray_variance(path: Path) -> float:
    img = QImage(str(path))
    assert not img.isNull()
    values = []
    for y in range(0, img.height(), 9):
        for x in range(0, img.width(), 9):
            c = img.pixelColor(x, y)
            values.append(0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue())
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def _run(out: Path, size: str, scale: str, aggregator: bool) -> list[dict[str, object]]:
    cmd = [sys.executable, "-m", "dvcq_desktop.ui.screenshots", str(out), "--size", size, "--scale", scale]
    if aggregator:
        cmd.append("--aggregator")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the tool sets its screen
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert isinstance(summary, list)
    return summary


@pytest.mark.slow
@pytest.mark.parametrize(("size", "scale"), [("1024x600", "1.75"), ("1366x768", "1.0")])
def test_every_capture_fits_the_screen_with_no_text_cut(tmp_path: Path, size: str, scale: str) -> None:
    width, height = (int(v) for v in size.split("x"))
    shots: list[dict[str, object]] = []
    for aggregator in (False, True):
        out = tmp_path / ("office" if aggregator else "unit")
        shots += _run(out, size, scale, aggregator)
        for s in shots[-1:]:
            assert (out / str(s["file"])).is_file()
    names = [str(s["name"]) for s in shots]
    assert len(shots) >= 20
    for wanted in ("wizard-unit", "activities", "activity-editor", "excel-import", "about", "unit-detail"):
        assert wanted in names, names
    problems = []
    for s in shots:
        assert set(s) == FIELDS
        if not (0 < int(s["width"]) <= width and 0 < int(s["height"]) <= height):  # type: ignore[call-overload]
            problems.append(f"{s['name']}: {s['width']}×{s['height']} is larger than the screen")
        if s["clipped"]:
            problems.append(f"{s['name']}: {s['clipped']}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_captures_are_real_pictures(tmp_path: Path) -> None:
    shots = _run(tmp_path, "1366x768", "1.0", aggregator=False)
    for s in shots:
        path = tmp_path / str(s["file"])
        img = QImage(str(path))
        assert (img.width(), img.height()) == (s["width"], s["height"])
        assert _gray_variance(path) > 50, s["name"]


def test_the_check_sees_cut_labels_buttons_headers_and_titles(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    lay = QVBoxLayout(top)
    label = QLabel("Thời điểm xuất gói báo cáo")
    wrapped = QLabel("Sửa")
    wrapped.setWordWrap(True)
    button = QPushButton("Chọn thư mục khác…")
    box = QGroupBox("Các lần đã xuất")
    table = QTableView()
    model = QStandardItemModel(0, 1)
    model.setHorizontalHeaderLabels(["Thời điểm nhận gói"])
    table.setModel(model)
    table.horizontalHeader().resizeSection(0, 400)
    for w in (label, wrapped, button, box, table):
        lay.addWidget(w)
    top.show()
    qtbot.waitExposed(top)
    qtbot.wait(50)  # the app-wide header fitter (when installed) runs once after the show
    header = table.horizontalHeader()
    assert clipped_texts(top) == []

    # a plain header (neither fitted by the app nor eliding with a tooltip) cut to 20 px
    header.setProperty("fullTextTooltip", False)
    header.setTextElideMode(Qt.TextElideMode.ElideNone)
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(label.text()) // 2)
    wrapped.setFixedWidth(wrapped.fontMetrics().horizontalAdvance("Sửa") // 2)
    button.setFixedWidth(40)
    box.setFixedWidth(30)
    header.resizeSection(0, 20)
    qtbot.wait(10)
    assert clipped_texts(top) == [
        "Thời điểm xuất gói báo cáo",
        "Sửa",
        "Chọn thư mục khác…",
        "Các lần đã xuất",
        "Thời điểm nhận gói",
    ]
    # a header the model explains in a tooltip may be elided (with "…", not cut on both sides)
    model.setHeaderData(0, Qt.Orientation.Horizontal, "Thời điểm nhận gói", Qt.ItemDataRole.ToolTipRole)
    header.resizeSection(0, 20)  # (the app's fitter widens it again when the header data changes)
    assert "Thời điểm nhận gói" in clipped_texts(top)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    assert "Thời điểm nhận gói" not in clipped_texts(top)


def test_headers_are_widened_to_their_text_at_a_large_font(qtbot: QtBot, qapp: QApplication) -> None:
    from dvcq_desktop.ui.common.header_fit import fit_header, text_need
    from dvcq_desktop.ui.common.style import apply_style

    apply_style(qapp)  # installs the app-wide header fitter, as the app does at start

    table = QTableView()
    qtbot.addWidget(table)
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Thời điểm nhận gói", "Lần"])
    table.setModel(model)
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.75)
    table.setFont(font)
    header = table.horizontalHeader()
    header.resizeSection(0, 40)
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: header.sectionSize(0) >= text_need(header, 0))  # the app-wide filter
    header.resizeSection(0, 40)  # the officer drags it narrower: it stays
    qtbot.wait(20)
    assert header.sectionSize(0) == 40
    fit_header(header)
    assert header.sectionSize(0) >= text_need(header, 0) > 40
