"""Layout at the smallest screen the officers have (1366×768): the Chỉ tiêu form fits the width."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.context import AppContext
from dvcq_desktop.ui.indicators_page import IndicatorsPage
from dvcq_desktop.ui.main_window import MainWindow


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
    bar = page.scroll.horizontalScrollBar()
    qtbot.wait(50)                      # let the layouts settle
    assert bar.maximum() == 0 and not bar.isVisible()
    viewport = page.scroll.viewport()
    for row in page.counts.values():    # every comment box is whole on screen and usable
        right = row.comment.mapTo(viewport, row.comment.rect().topRight()).x()
        assert right <= viewport.width()
        assert row.comment.width() >= 120
    # a long area title is wrapped, not cut
    title = page.forms["A2"].title_label
    assert title.wordWrap() and title.height() > title.fontMetrics().height() * 1.5
