"""Layout at the smallest screen the officers have (1366×768): the Chỉ tiêu form fits the width."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.shell.main_window import MainWindow
from dvcq_desktop.ui.unit.indicators_page import IndicatorsPage


def test_indicators_fit_1366_without_horizontal_scroll(qtbot: QtBot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.navigate("indicators")
    page = win.page("indicators")
    assert isinstance(page, IndicatorsPage)
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: page.suggestions_ready)
    bar = page.scroll_area.horizontalScrollBar()
    qtbot.wait(50)  # let the layouts settle
    assert bar.maximum() == 0 and not bar.isVisible()
    viewport = page.scroll_area.viewport()
    for row in page.counts.values():  # every comment box is whole on screen and usable
        right = row.comment.mapTo(viewport, row.comment.rect().topRight()).x()
        assert right <= viewport.width()
        assert row.comment.width() >= 120
    # a long area title is wrapped, not cut
    title = page.forms["A2"].title_label
    assert title.wordWrap() and title.height() > title.fontMetrics().height() * 1.5


def test_history_and_import_log_headers_are_not_cut(qtbot, ctx, actx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.ui.common.style import apply_font_scale, apply_style
    from dvcq_desktop.ui.office.intake_page import IntakePage
    from dvcq_desktop.ui.unit.export_history import ExportHistoryTable

    app = QApplication.instance()
    apply_style(app)  # the app's header font, as the officer sees it
    apply_font_scale(app, 1.25)  # and a larger scale chosen for older eyes
    try:
        history = ExportHistoryTable(ctx)
        qtbot.addWidget(history)
        intake = IntakePage(actx)
        qtbot.addWidget(intake)
        for table in (history, intake.table, intake.log_table):
            h = table.horizontalHeader()
            for col in range(h.count() - 1):  # the last section stretches
                assert h.sectionSize(col) >= h.sectionSizeHint(col), (table, col)
    finally:
        apply_font_scale(app, 1.0)
