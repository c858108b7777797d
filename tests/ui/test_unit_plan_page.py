"""The "Kế hoạch của đơn vị" page and the tree model behind it, driven as the officer would;
and linking an activity to a task from the activity editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import Activity
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.storage import activities
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
from dvcq_desktop.ui.unit.task_tree_model import COL_STATUS, FIELDS, TaskFilter
from dvcq_desktop.ui.unit.unit_plan_page import UnitPlanPage

TypeText = Callable[[QWidget, str], None]


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> UnitPlanPage:
    monkeypatch.setattr(clock, "today", lambda: date(2023, 8, 1))
    p = UnitPlanPage(ctx)
    qtbot.addWidget(p)
    p.show()
    return p


def _col(name: str) -> int:
    return FIELDS.index(name)


def test_suggested_set_fills_the_tree_by_area_with_progress(page: UnitPlanPage, ctx: AppContext) -> None:
    assert page.model.rowCount() == 6
    assert all(page.model.rowCount(page.model.index(r, 0)) == 0 for r in range(6))
    assert page.model.index(0, COL_STATUS).data() == "chưa có nhiệm vụ"
    page.suggest_btn.click()
    stored = repo.list_tasks(ctx.workspace.db, ctx.workspace.plan.id, "2023")
    assert sum(page.model.rowCount(page.model.index(r, 0)) for r in range(6)) == len(stored) >= 6
    assert page.model.index(0, 0).data() == "1. Quán triệt, thể chế hóa"
    assert page.model.index(0, COL_STATUS).data().startswith("0/")
    # suggesting twice adds nothing
    assert page.add_suggested() == 0


def test_inline_edit_saves_and_status_follows_or_is_set(page: UnitPlanPage, ctx: AppContext) -> None:
    db = ctx.workspace.db
    page.suggest_btn.click()
    area = page.model.index(3, 0)  # 4. tiếp công dân
    first = page.model.index(0, _col("lead"), area)
    t = page.model.task(first)
    assert t is not None
    assert page.model.setData(first, "Công chức Văn phòng - Thống kê")
    assert repo.get(db, t.id).lead == "Công chức Văn phòng - Thống kê"
    # two dates typed in "Thời gian" become the task's dates
    time_idx = page.model.index(0, _col("timeframe"), area)
    assert page.model.setData(time_idx, "01/02/2023 - 31/03/2023")
    stored = repo.get(db, t.id)
    assert (stored.date_from, stored.date_to, stored.timeframe) == (date(2023, 2, 1), date(2023, 3, 31), "")
    assert "(quá hạn)" in time_idx.data()
    # "Không thực hiện" needs a reason first: refused with a message, then accepted
    status_idx = page.model.index(0, COL_STATUS, area)
    assert not page.model.setData(status_idx, "dropped")
    assert page.message.isVisible() and "lý do" in page.message.text()
    assert page.model.setData(page.model.index(0, _col("reason"), area), "Đã chuyển sang quý sau")
    assert page.model.setData(status_idx, "dropped")
    assert status_idx.data() == "Không thực hiện"
    assert page.model.setData(status_idx, "auto")
    # following the activities: a done activity linked to it makes it "Hoàn thành"
    a = activities.save(
        db,
        Activity(
            id=activities.new_id(),
            area_id="A4",
            type_id="tiep_cong_dan",
            title="Tiếp công dân định kỳ",
            start_date=date(2023, 3, 10),
            task_id=t.id,
        ),
    )
    ctx.hub.activities_changed.emit()
    idx = page.model.index_of(t.id)
    assert page.model.index(idx.row(), COL_STATUS, idx.parent()).data() == "Hoàn thành (1 hoạt động)"
    page.focus_target(t.id)
    assert "Tiếp công dân định kỳ (10/03/2023)" in page.links_label.text()
    assert a.task_id == t.id


def test_add_content_delete_and_filters(
    qtbot: QtBot, page: UnitPlanPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, pid = ctx.workspace.db, ctx.workspace.plan.id
    page.tree.setCurrentIndex(page.model.area_index("A5"))
    new = page.add_task()
    assert new.area_id == "A5" and page.selected_task() is not None
    page.content_edit.setPlainText("Sinh hoạt chuyên đề văn hóa công vụ")
    page.flush()
    assert repo.get(db, new.id).content == "Sinh hoạt chuyên đề văn hóa công vụ"
    repo.save(
        db,
        pid,
        "2023",
        Task(id=repo.new_id(), area_id="A1", title="Quán triệt", timeframe="Quý I", lead="Văn phòng"),
    )
    page.refresh()
    page.overdue_check.setChecked(True)
    shown = [
        page.model.task(page.model.index(r, 0, page.model.index(0, 0)))
        for r in range(page.model.rowCount(page.model.index(0, 0)))
    ]
    assert [t.title for t in shown if t] == ["Quán triệt"]
    assert sum(page.model.rowCount(page.model.index(r, 0)) for r in range(6)) == 1
    page.overdue_check.setChecked(False)
    page.lead_filter.setCurrentIndex(page.lead_filter.findData("Văn phòng"))
    assert page.model.filter == TaskFilter(lead="Văn phòng")
    assert sum(page.model.rowCount(page.model.index(r, 0)) for r in range(6)) == 1
    page.lead_filter.setCurrentIndex(0)
    page.focus_target(new.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_btn.click()
    assert repo.get_or_none(db, new.id) is None


def test_plan_number_and_date_end_the_draft(page: UnitPlanPage, ctx: AppContext) -> None:
    assert "DỰ THẢO" in page.issued_label.text()
    page.number_edit.setText("15")
    page.date_edit.set_value(date(2023, 2, 21))
    page.save_meta()
    m = repo.plan_meta(ctx.workspace.db, ctx.workspace.plan.id, "2023")
    assert (m.number, m.symbol, m.date, m.issued) == ("15", "KH-UBND", date(2023, 2, 21), True)
    assert page.issued_label.text() == "Đã ban hành"


def test_copy_needs_a_previous_period(page: UnitPlanPage) -> None:
    assert not page.copy_btn.isEnabled()
    assert "kỳ trước" in page.copy_btn.toolTip()


def test_editor_links_an_activity_to_the_suggested_task(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText
) -> None:
    db, plan = ctx.workspace.db, ctx.workspace.plan
    from dvcq_desktop.services.unit_tasks import add_suggested

    add_suggested(db, plan, "2023")
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    form = editor.form
    form.area_combo.setCurrentIndex(form.area_combo.findData("A2"))
    type_text(form.edits["title"], "Đăng ký mô hình dân vận khéo khu phố 2")
    link = form.task_link
    assert link.suggest_btn.isVisible()
    assert "Dân vận khéo" in link.suggest_btn.text()
    qtbot.mouseClick(link.suggest_btn, Qt.MouseButton.LeftButton)
    chosen = link.task_id()
    assert chosen is not None and not link.suggest_btn.isVisible()
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    saved = activities.page(db)[0]
    assert activities.get(db, saved["id"]).task_id == chosen
    assert repo.get(db, chosen).linked == 1
    # reopening shows the link; choosing "(không gắn…)" removes it
    again = ActivityEditor(ctx, saved["id"])
    qtbot.addWidget(again)
    assert again.form.task_link.task_id() == chosen
    again.form.task_link.combo.setCurrentIndex(0)
    qtbot.mouseClick(again.save_btn, Qt.MouseButton.LeftButton)
    assert activities.get(db, saved["id"]).task_id is None
