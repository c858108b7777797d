"""The Tổng quan page offscreen: countdown, per-area table, chart, todo items that navigate."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from support.officer_ws import act, make_ctx, make_ws

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import IndicatorValue
from dvcq_desktop.services.overview import countdown_text
from dvcq_desktop.storage import activities, exports, report_data
from dvcq_desktop.ui.unit.overview_page import ROLE_TARGET, OverviewPage


def test_overview_page(qtbot: Any, tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    plan, period = ws.plan, ws.period
    activities.save_many(
        ws.db,
        [
            act("tuyen_truyen", "A2", date(2023, 1, 3)),
            act("tiep_cong_dan", "A4", date(2023, 2, 7)),
            act("tiep_cong_dan", "A4", date(2023, 2, 8)),
        ],
    )
    report_data.set_values(
        ws.db,
        plan.id,
        period.id,
        [IndicatorValue("a4_vu_viec_tham_quyen", 5), IndicatorValue("a4_vu_viec_da_giai_quyet", 7)],
    )
    ctx = make_ctx(ws)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()

    assert page.countdown.text() == countdown_text(period.deadline, clock.today())[1]
    assert page.table.rowCount() == len(plan.areas)
    row_a4 = [a.id for a in plan.areas].index("A4")
    assert page.table.item(row_a4, 1).text() == "2" and page.table.item(row_a4, 3).text() == "1"

    sets = page.bar_sets()
    assert [s.label() for s in sets] == [f"Nội dung {a.number}" for a in plan.areas]
    axis = page.chart.axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories()[:3] == ["T12", "T1", "T2"]
    assert "12/2022 – 10/2023" in page.chart.title()
    # The legend is hidden: each table row carries its area's bar colour instead.
    assert page.table.item(row_a4, 0).data(Qt.ItemDataRole.DecorationRole) == sets[row_a4].color()
    a4 = sets[row_a4]
    assert [a4.at(i) for i in range(3)] == [0.0, 0.0, 2.0]

    items = [page.todo.item(i) for i in range(page.todo.count())]
    targets = [it.data(ROLE_TARGET) for it in items]
    assert targets[0] == ("indicators", "a4_vu_viec_da_giai_quyet")  # the error comes first
    assert ("activities", "A1") in targets and ("report", "IV") in targets
    with qtbot.waitSignal(ctx.hub.navigate, timeout=2000) as nav:
        rect = page.todo.visualItemRect(items[0])
        qtbot.mouseClick(page.todo.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert nav.args == ["indicators", "a4_vu_viec_da_giai_quyet"]
    no_activity = next(it for it in items if it.data(ROLE_TARGET) == ("activities", "A1"))
    with qtbot.waitSignal(ctx.hub.navigate, timeout=2000) as nav:
        page.todo.setCurrentItem(no_activity)
        qtbot.keyClick(page.todo, Qt.Key.Key_Return)
    assert nav.args == ["activities", "A1"]

    # fixing the error elsewhere refreshes the visible page
    report_data.set_values(ws.db, plan.id, period.id, [IndicatorValue("a4_vu_viec_da_giai_quyet", 5)])
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.hub.indicators_changed.emit()
    after = [page.todo.item(i).data(ROLE_TARGET) for i in range(page.todo.count())]
    assert ("indicators", "a4_vu_viec_da_giai_quyet") not in after
    assert page.table.item(row_a4, 3).text() == "0"
    ctx.tasks.wait()
    ws.close()


def test_headline_after_export_is_not_a_late_countdown(qtbot: Any, tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    ctx = make_ctx(ws)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert page.countdown.text() == countdown_text(ws.period.deadline, clock.today())[1]
    exports.record(
        ws.db,
        {
            "package_id": "goi-2",
            "unit_code": ws.own_unit.code,
            "plan_id": ws.plan.id,
            "period_id": ws.period.id,
            "revision": 2,
            "supersedes": "goi-1",
            "path": "/tmp/goi-2.dvcq",
            "sha256": "0" * 64,
            "size": 1,
            "created_at": "2023-10-28T09:00:00+07:00",
        },
    )
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.hub.exports_changed.emit()  # what Nộp báo cáo emits after an export
    text = page.countdown.text()
    assert text.startswith("Đã xuất gói báo cáo lần 2 ngày 28/10/2023 — ")
    if clock.today() > ws.period.deadline:
        assert "quá hạn" not in text and "#c0392b" not in page.countdown.styleSheet()
    ctx.tasks.wait()
    ws.close()
