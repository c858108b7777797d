"""The "Kế hoạch của đơn vị" page across periods, in the real window: choosing another period on
"Kế hoạch & kỳ báo cáo" shows that period's tasks, and "Chép từ năm trước" copies last year's
tasks into an empty new year."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services import periods
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.periods.periods_page import PeriodsPage
from dvcq_desktop.ui.shell.launcher import Launcher
from dvcq_desktop.ui.unit.unit_plan_page import UnitPlanPage

TASKS_2023 = (
    Task(id="t23a", area_id="A2", title="Tuyên truyền Chỉ thị 33", timeframe="Quý II"),
    Task(
        id="t23b",
        area_id="A4",
        title="Đối thoại với Nhân dân",
        date_from=date(2023, 3, 1),
        date_to=date(2023, 3, 31),
        status="done",
        manual=True,
    ),
)
TASK_2024 = Task(id="t24a", area_id="A6", title="Phối hợp Mặt trận năm 2024", timeframe="Thường xuyên")


@pytest.fixture
def launcher(qapp: QApplication, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[Launcher]:
    """A ward with its 2023 plan and a 2024 year opened (provisionally, from its last plan)."""
    monkeypatch.setattr(clock, "today", lambda: date(2024, 2, 1))
    apply_style(qapp)
    with init_workspace(app_paths.workspace, role="unit", unit_code="TPTN-P1", period_id="2023") as ws:
        for t in TASKS_2023:
            repo.save(ws.db, ws.plan.id, "2023", t)
        periods.open_provisional(ws, 2024)
    lau = Launcher(app_paths)
    assert lau.start()
    yield lau
    lau.close()


def _plan_page(lau: Launcher) -> UnitPlanPage:
    win = lau.window
    assert win is not None
    win.navigate("unit_plan")
    page = win.page("unit_plan")
    assert isinstance(page, UnitPlanPage)
    return page


def _titles(page: UnitPlanPage) -> list[str]:
    m = page.model
    return [
        str(m.index(r, 0, m.index(a, 0)).data())
        for a in range(m.rowCount())
        for r in range(m.rowCount(m.index(a, 0)))
    ]


def _choose(qtbot: QtBot, lau: Launcher, label: str) -> None:
    """Pick the period on "Kế hoạch & kỳ báo cáo" as the officer does: select its row, then
    "Làm việc với kỳ đã chọn"."""
    win = lau.window
    assert win is not None
    win.navigate("plans")
    page = win.page("plans")
    assert isinstance(page, PeriodsPage)
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text().startswith(label))
    page.table.setCurrentCell(row, 0)
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lau.window is not win)  # the launcher builds a fresh window


def test_choosing_another_period_shows_its_tasks(qtbot: QtBot, launcher: Launcher) -> None:
    page = _plan_page(launcher)
    assert sorted(_titles(page)) == sorted(t.title for t in TASKS_2023)
    assert "Năm 2023" in page.title.text()
    ws = launcher.ctx.workspace if launcher.ctx else None
    assert ws is not None
    repo.save(ws.db, ws.plan_for("2024").id, "2024", TASK_2024)
    page.refresh()
    assert "Năm 2023" in page.title.text() and TASK_2024.title not in _titles(page)
    _choose(qtbot, launcher, "Năm 2024")
    assert ws.period.id == "2024"
    page = _plan_page(launcher)
    assert _titles(page) == [TASK_2024.title]
    assert "Năm 2024" in page.title.text() and "1 nhiệm vụ" in page.title.text()
    _choose(qtbot, launcher, "Năm 2023")
    assert sorted(_titles(_plan_page(launcher))) == sorted(t.title for t in TASKS_2023)


def test_copy_from_last_year_fills_the_new_year(qtbot: QtBot, launcher: Launcher) -> None:
    _choose(qtbot, launcher, "Năm 2024")
    page = _plan_page(launcher)
    assert _titles(page) == []
    assert page.copy_btn.isEnabled() and "Năm 2023" in page.copy_btn.toolTip()
    qtbot.mouseClick(page.copy_btn, Qt.MouseButton.LeftButton)
    assert sorted(_titles(page)) == sorted(t.title for t in TASKS_2023)
    ws = page.ctx.workspace
    copied = {t.title: t for t in repo.list_tasks(ws.db, ws.plan.id, "2024")}
    assert set(copied) == {t.title for t in TASKS_2023}
    dialogue = copied["Đối thoại với Nhân dân"]
    # a new year starts again: not done yet, its dates a year on; last year's stay as they were
    assert (dialogue.effective, dialogue.date_from, dialogue.date_to) == (
        "todo",
        date(2024, 3, 1),
        date(2024, 3, 31),
    )
    assert copied["Tuyên truyền Chỉ thị 33"].timeframe == "Quý II"
    assert {t.id: t.effective for t in repo.list_tasks(ws.db, ws.plan_for("2023").id, "2023")} == {
        "t23a": "todo",
        "t23b": "done",
    }
    assert not page.copy_btn.isEnabled()  # the year has tasks now: copying again is refused
    assert "Năm 2024" in page.title.text() and f"{len(TASKS_2023)} nhiệm vụ" in page.title.text()
