"""One clock: times the officer reads are Vietnam time (UTC+7) whatever zone the computer's clock
is set to (Windows PCs set up abroad, or left on UTC, are common)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.officer_ws import make_ctx, make_ws

from dvcq_desktop.domain import clock
from dvcq_desktop.ui.settings.settings_page import SettingsPage
from dvcq_desktop.ui.unit.indicators_page import IndicatorsPage

# 31/10/2023 17:30 UTC is already 01/11/2023 00:30 in Vietnam: the date differs too.
UTC_INSTANT = datetime(2023, 10, 31, 17, 30, tzinfo=UTC)


@pytest.fixture
def utc_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Any]:
    ws = make_ws(tmp_path / "ws")
    c = make_ctx(ws)
    yield c
    c.tasks.wait()
    ws.close()


def test_backup_list_shows_vietnam_time(qtbot: Any, ctx: Any, utc_computer: None) -> None:
    folder = ctx.workspace.backups_dir
    folder.mkdir(parents=True, exist_ok=True)
    backup = folder / "dvcq-tu-dong-20231101-003000.sqlite3"
    backup.write_bytes(b"x" * 2048)
    os.utime(backup, (UTC_INSTANT.timestamp(), UTC_INSTANT.timestamp()))
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    texts = [page.backup_list.item(i).text() for i in range(page.backup_list.count())]
    assert any(t.startswith("01/11/2023 00:30") and backup.name in t for t in texts), texts


def test_saved_at_on_the_indicators_page_is_vietnam_time(
    qtbot: Any, ctx: Any, utc_computer: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: UTC_INSTANT.astimezone(clock.VN_TZ))
    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.save_now()
    assert page.state.text() == "Đã lưu lúc 00:30:00"
