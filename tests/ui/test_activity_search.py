"""A search the index cannot count at once shows its first rows first, then the full count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.storage import activities
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.unit import activity_model as am
from dvcq_desktop.ui.unit.activities_page import ActivitiesPage

MATCHING = 450


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ActivitiesPage:
    """The log over 750 activities, 450 of them in "khu phố 2"."""
    ws = ctx.workspace
    t = ws.plan.activity_types[0]
    rows = [
        Activity(
            id=f"a{i}",
            area_id=t.area_ids[0],
            type_id=t.id,
            title=f"Họp dân khu phố {2 if i < MATCHING else 5}",
            start_date=ws.period.start + timedelta(days=i % 300),
        )
        for i in range(MATCHING + 300)
    ]
    activities.save_many(ws.db, rows)
    shown = ActivitiesPage(ctx)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_short_term_search_shows_rows_then_the_count(
    qtbot: QtBot, page: ActivitiesPage, type_text: Callable[[QWidget, str], None]
) -> None:
    seen: list[tuple[int, bool, str]] = []
    page.rows_shown.connect(
        lambda: seen.append((page.model.rowCount(), page.model.count_pending, page.count_label.text()))
    )
    with qtbot.waitSignal(page.filter_applied, timeout=10000):
        type_text(page.search_edit, "khu pho 2")  # "2": too short for the trigram index
    assert seen[-1][:2] == (am.BLOCK, True)
    assert "Đang đếm" in seen[-1][2] and "200" in seen[-1][2]
    assert page.model.rowCount() == MATCHING and not page.model.count_pending
    assert page.count_label.text() == "450 hoạt động"
    ids = {page.model.activity_id(r) for r in range(MATCHING)}
    assert ids == {f"a{i}" for i in range(MATCHING)}


def test_a_search_the_index_counts_arrives_in_one_step(
    qtbot: QtBot, page: ActivitiesPage, type_text: Callable[[QWidget, str], None]
) -> None:
    seen: list[bool] = []
    page.rows_shown.connect(lambda: seen.append(page.model.count_pending))
    with qtbot.waitSignal(page.filter_applied, timeout=10000):
        type_text(page.search_edit, "hop dan")
    assert seen[-1] is False
    assert page.model.rowCount() == MATCHING + 300
