"""Windows fit the screen they open on, and charts say what they will show when empty."""

from __future__ import annotations

from PySide6.QtCharts import QHorizontalBarSeries
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.screen_fit import available, clamp_to_screen, fit_dialog
from dvcq_desktop.ui.shell.main_window import MainWindow
from dvcq_desktop.ui.unit.overview_page import OverviewPage


def test_a_dialog_asking_for_more_than_the_screen_gets_the_screen(qtbot: QtBot) -> None:
    dlg = QDialog()
    qtbot.addWidget(dlg)
    area = available(dlg)
    dlg.setMinimumSize(area.width() + 300, 200)
    fit_dialog(dlg, QSize(area.width() * 2, area.height() * 2))
    assert dlg.width() <= area.width() and dlg.height() <= area.height()
    assert dlg.minimumWidth() <= area.width()
    assert area.contains(QRect(dlg.pos(), dlg.size()))


def test_geometry_saved_on_a_larger_screen_is_brought_inside(qtbot: QtBot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    area = available(win)
    win.setGeometry(area.right() - 100, area.bottom() - 50, area.width() + 500, area.height() + 400)
    clamp_to_screen(win)
    assert area.contains(win.frameGeometry())


def test_main_window_sidebar_follows_the_font(qtbot: QtBot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    fm = win.sidebar.fontMetrics()
    longest = max(fm.horizontalAdvance(win.sidebar.item(i).text()) for i in range(win.sidebar.count()))
    assert win.sidebar.width() > longest + win.sidebar.iconSize().width()


def test_empty_overview_chart_says_what_will_appear(qtbot: QtBot, ctx: AppContext) -> None:
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert page.chart_pane.is_empty()
    text = page.chart_pane.empty_label.text()
    assert "theo từng tháng" in text and "Hoạt động" in text


def test_per_unit_bars_are_horizontal_with_full_names(qtbot: QtBot, actx: AppContext) -> None:
    from dvcq_desktop.services.board import board
    from dvcq_desktop.services.consolidate import Consolidation
    from dvcq_desktop.ui.office.consolidation_charts import ConsolidationCharts

    plan = actx.workspace.plan
    charts = ConsolidationCharts(plan)
    qtbot.addWidget(charts)
    count = next(i.id for i in plan.indicators if i.kind == "count")
    cons = Consolidation(
        plan_id=plan.id,
        period_id=actx.workspace.period.id,
        units=(("TPTN-HN", "Phường Hiệp Ninh"), ("TPTN-NS", "Phường Ninh Sơn")),
        per_unit={"TPTN-HN": {count: 3}, "TPTN-NS": {count: 1}},
        per_unit_ratios={},
        totals={count: 4},
        ratios={},
        dan_van_kheo=(),
        notable=(),
    )
    charts.show_data(cons, board(actx.workspace))
    assert not charts.bar_pane.is_empty()
    series = charts.bar_chart.series()[0]
    assert isinstance(series, QHorizontalBarSeries)
    axis = charts.bar_chart.axes()[0]
    assert set(axis.categories()) == {"Phường Hiệp Ninh", "Phường Ninh Sơn"}  # type: ignore[attr-defined]
