"""The sidebar's pages: each role's pages are built through their factories and answer what the
window asks of a page (refresh, flush, focus_target); a page that fails to build is replaced by
one Vietnamese line, and the rest of the window goes on working."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from support.sweep_helpers import ErrorLog

from dvcq_desktop.messages import render
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.shell import pages
from dvcq_desktop.ui.shell.main_window import BrokenPage, MainWindow


@pytest.mark.parametrize("context", ["ctx", "actx"])
def test_every_page_of_each_role_is_built_and_answers_the_window(
    qtbot: QtBot, request: pytest.FixtureRequest, errors: ErrorLog, context: str
) -> None:
    c: AppContext = request.getfixturevalue(context)
    w = MainWindow(c)
    qtbot.addWidget(w)
    assert w.specs == pages.pages_for(c.workspace.role)
    assert w.sidebar.count() == len(w.specs)
    for row, spec in enumerate(w.specs):
        w.sidebar.setCurrentRow(row)
        page = w.page(spec.key)
        assert isinstance(page, QWidget) and not isinstance(page, BrokenPage), spec.key
        assert w.stack.currentWidget() is page
        page.refresh()
        page.flush()
        page.focus_target("no-such-target")  # an unknown target is ignored, not an error
    w.flush_pages()
    assert errors.lines() == []


def test_a_page_that_fails_to_build_says_so_and_the_others_still_open(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fails(_ctx: AppContext, _parent: QWidget | None) -> pages.Page:
        raise RuntimeError("internal detail the officer must not see")

    broken = tuple(replace(s, build=fails) if s.key == "indicators" else s for s in pages.UNIT_PAGES)
    monkeypatch.setattr(pages, "UNIT_PAGES", broken)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.navigate("indicators")
    shown = w.stack.currentWidget()
    assert isinstance(shown, BrokenPage)
    assert shown.text() == f"Không mở được trang này.\n{render('internal')}"
    assert "page indicators failed to build" in caplog.text  # the detail goes to the log
    w.navigate("report")
    assert type(w.stack.currentWidget()).__name__ == "ReportPage"
    w.flush_pages()  # the stand-in is flushed with the others without complaint
