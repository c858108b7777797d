"""The main window's life through the launcher: nothing typed is lost on close, and a restore
from backup leaves no page on the closed database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from support.officer_ws import act

from dvcq_desktop.domain.records import IndicatorValue
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities, backups, drafts, report_data
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.settings.settings_page import request_restore
from dvcq_desktop.ui.shell.launcher import Launcher
from dvcq_desktop.ui.unit.activities_page import ActivitiesPage
from dvcq_desktop.ui.unit.activity_editor import draft_key
from dvcq_desktop.ui.unit.indicators_page import IndicatorsPage
from dvcq_desktop.ui.unit.report_page import ReportPage

TypeText = Callable[[QWidget, str], None]


@pytest.fixture
def launcher(qapp: QApplication, app_paths: AppPaths) -> Iterator[Launcher]:
    apply_style(qapp)
    init_workspace(app_paths.workspace, role="unit", unit_code="TPTN-P1").close()
    lau = Launcher(app_paths)
    assert lau.start()
    yield lau
    lau.close()


def _reopen(paths: AppPaths) -> Workspace:
    return Workspace.open(paths.workspace, auto_backup=False)


def test_close_right_after_typing_an_indicator_keeps_it(
    launcher: Launcher, app_paths: AppPaths, type_text: TypeText, caplog: pytest.LogCaptureFixture
) -> None:
    win = launcher.window
    assert win is not None
    win.navigate("indicators")
    page = win.page("indicators")
    assert isinstance(page, IndicatorsPage)
    type_text(page.field("a1_van_ban"), "12")
    assert page._dirty  # still inside the debounce: nothing written yet
    launcher.close()  # what quitting the app does
    ws = _reopen(app_paths)
    try:
        assert report_data.values(ws.db, ws.plan.id, ws.period.id)["a1_van_ban"].value == 12
    finally:
        ws.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_close_keeps_report_text_and_open_editor_draft(
    qtbot: QtBot,
    launcher: Launcher,
    app_paths: AppPaths,
    type_text: TypeText,
    caplog: pytest.LogCaptureFixture,
) -> None:
    win = launcher.window
    assert win is not None
    win.navigate("activities")
    acts = win.page("activities")
    assert isinstance(acts, ActivitiesPage)
    acts.open_editor(None)
    assert acts.editor is not None
    type_text(acts.editor.form.edits["title"], "Hoạt động chưa lưu")
    win.navigate("report")
    report = win.page("report")
    assert isinstance(report, ReportPage)
    type_text(report.sections.current_editor(), "Đánh giá chung gõ xong thì đóng")
    assert report.has_unsaved()
    win.close()  # the window's close button, then the app's exit
    launcher.close()
    ws = _reopen(app_paths)
    try:
        texts = report_data.narratives(ws.db, ws.plan.id, ws.period.id)
        assert any("gõ xong thì đóng" in t for t in texts.values()), texts
        found = drafts.load(ws.db, draft_key(None))
        assert found is not None and found[0]["form"]["title"] == "Hoạt động chưa lưu"
    finally:
        ws.close()
    qtbot.wait(700)  # a preview or autosave timer must not outlive the window
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_restore_from_settings_rebuilds_pages_on_the_restored_data(
    qtbot: QtBot, launcher: Launcher, caplog: pytest.LogCaptureFixture
) -> None:
    ctx, win = launcher.ctx, launcher.window
    assert ctx is not None and win is not None
    ws = ctx.workspace
    plan_id, period_id = ws.plan.id, ws.period.id
    activities.save_many(ws.db, [act(title="Có trong bản sao lưu")])
    report_data.set_values(ws.db, plan_id, period_id, [IndicatorValue("a1_van_ban", 7, "")])
    saved = backups.backup_to(ws.db, ws.backups_dir / backups.backup_name("thu-cong"))
    # Both pages are built and hold their state before the restore.
    for key in ("activities", "indicators"):
        win.navigate(key)
    acts = win.page("activities")
    assert isinstance(acts, ActivitiesPage)
    qtbot.waitUntil(lambda: acts.model.rowCount() == 1)
    activities.save_many(ws.db, [act(title="Sau khi sao lưu"), act(title="Cũng sau")])
    report_data.set_values(ws.db, plan_id, period_id, [IndicatorValue("a1_van_ban", 99, "")])
    win.navigate("settings")
    settings = win.page("settings")
    assert settings is not None

    assert request_restore(ctx, saved, settings, confirm=False)  # what both restore buttons call
    new = launcher.window
    assert new is not None
    replaced = new is not win and new.isVisible() and not win.isVisible()
    new.navigate("activities")
    page = new.page("activities")
    assert isinstance(page, ActivitiesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.model.sort(1, Qt.SortOrder.AscendingOrder)  # rows are read again from the database
    row = page.model.row_dict(0)
    assert row is not None and row["title"] == "Có trong bản sao lưu"
    new.navigate("indicators")
    ind = new.page("indicators")
    assert isinstance(ind, IndicatorsPage)
    assert ind.field("a1_van_ban").text() == "7"
    qtbot.waitUntil(lambda: ind.suggestions_ready)
    qtbot.wait(100)  # deferred deletes and queued refreshes run
    # the main window was rebuilt on the reopened workspace, on the page the officer was on
    assert replaced
    assert new.current_key() == "indicators"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or "closed database" in r.getMessage()]
    assert not errors, [r.getMessage() for r in errors]
