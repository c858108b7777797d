"""On a small screen at a large text size the log's filters fold behind one "Lọc" button, so the table
keeps its rows (1024×600 at 175 %: five rows of fields left two rows of the log); the button says how
many folded filters are in use, and opens them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.style import apply_font_scale
from dvcq_desktop.ui.unit.activity_filters import ActivityFilterBar


def test_filters_fold_when_they_would_take_many_rows_and_say_what_is_in_use(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext
) -> None:
    apply_font_scale(qapp, 1.75)  # the largest text, as on the 1024×600 screenshots
    try:
        _fold_and_unfold(qtbot, ctx)
    finally:
        apply_font_scale(qapp, 1.0)


def _fold_and_unfold(qtbot: QtBot, ctx: AppContext) -> None:
    bar = ActivityFilterBar(ctx.workspace.plan)
    qtbot.addWidget(bar)
    bar.resize(2400, 200)
    bar.show()
    area = ctx.workspace.plan.areas[1].id
    qtbot.waitUntil(lambda: bar.area_combo.isVisible())  # wide: one row of filters, nothing folded
    assert not bar.compact and not bar.more_btn.isVisible()

    bar.resize(650, 200)  # the page's width beside the sidebar on 1024×600
    qtbot.waitUntil(lambda: bar.compact)
    assert bar.rows_needed(650) > 3
    assert bar.more_btn.isVisible() and bar.more_btn.text() == "Lọc"
    assert not bar.area_combo.isVisible() and not bar.from_edit.isVisible()
    assert bar.search_edit.isVisible()  # the search stays in view

    assert bar.show_area(area)  # e.g. "no activity in area 2" from Tổng quan sets a folded filter
    assert bar.more_btn.text() == "Lọc (1)"
    qtbot.mouseClick(bar.more_btn, Qt.MouseButton.LeftButton)  # opened on demand
    assert bar.area_combo.isVisible() and bar.to_edit.isVisible()
    qtbot.mouseClick(bar.more_btn, Qt.MouseButton.LeftButton)
    assert not bar.area_combo.isVisible()
    bar.clear()
    assert bar.more_btn.text() == "Lọc"

    bar.resize(2400, 200)  # wide again: everything back in one row
    qtbot.waitUntil(lambda: not bar.compact)
    assert bar.area_combo.isVisible() and not bar.more_btn.isVisible()
