"""The Cài đặt page offscreen: font scale app-wide, backup now, restore, signer defaults, plan info."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.officer_ws import act, make_ctx, make_ws, type_text

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import moved_workspace
from dvcq_desktop.storage import activities, backups
from dvcq_desktop.ui.common.style import BASE_POINT_SIZE, apply_font_scale
from dvcq_desktop.ui.settings.backup_actions import restore_into_context
from dvcq_desktop.ui.settings.data_location import move_into_context
from dvcq_desktop.ui.settings.settings_page import SettingsPage, request_restore


@pytest.fixture
def settings_page(qtbot: Any, tmp_path: Path) -> Iterator[SettingsPage]:
    ws = make_ws(tmp_path / "ws")
    ctx = make_ctx(ws)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    yield page
    ctx.tasks.wait()
    ctx.workspace.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_font_scale(app, 1.0)  # other tests expect the normal size


def test_font_scale_applies_app_wide_and_is_saved(qtbot: Any, settings_page: SettingsPage) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with qtbot.waitSignal(settings_page.ctx.hub.settings_changed):
        settings_page.font_scale.setCurrentIndex(settings_page.font_scale.findText("150%"))
    assert app.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.5)
    # existing widgets follow (Qt delivers the font change through the event loop)
    qtbot.waitUntil(
        lambda: settings_page.font_scale.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.5)
    )
    assert settings_page.ctx.workspace.setting("font_scale") == 1.5
    settings_page.refresh()  # stored value shown, not re-applied
    assert settings_page.font_scale.currentText() == "150%"


def test_backup_now_and_restore(qtbot: Any, settings_page: SettingsPage) -> None:
    ctx = settings_page.ctx
    activities.save_many(ctx.workspace.db, [act(title="Trước khi sao lưu")])
    with qtbot.waitSignal(settings_page.backup_done, timeout=20000) as done:
        qtbot.mouseClick(settings_page.backup_button, Qt.MouseButton.LeftButton)
    path: Path = done.args[0]
    backups.validate_backup(path)  # a real, checked SQLite copy
    assert path.parent == ctx.workspace.backups_dir
    assert any(
        path.name in settings_page.backup_list.item(i).text()
        for i in range(settings_page.backup_list.count())
    )
    assert "Đã sao lưu" in settings_page.backup_status.text()

    activities.save_many(ctx.workspace.db, [act(title="Sau khi sao lưu")])
    assert activities.count(ctx.workspace.db) == 2
    old_ws = ctx.workspace
    with qtbot.waitSignal(ctx.hub.activities_changed):
        assert request_restore(ctx, path, settings_page, confirm=False)
    assert ctx.workspace is not old_ws
    assert activities.count(ctx.workspace.db) == 1
    kept = [p for p in backups.list_backups(ctx.workspace.backups_dir) if "truoc-khoi-phuc" in p.name]
    assert kept, "the replaced database is kept"

    # a file that is not a backup changes nothing and leaves the workspace open
    junk = ctx.workspace.root / "khong-phai-sao-luu.sqlite3"
    junk.write_bytes(b"not a database")
    same = ctx.workspace
    with pytest.raises(DvcqError):
        restore_into_context(ctx, junk)
    assert ctx.workspace is same and activities.count(ctx.workspace.db) == 1


def test_signer_and_document_defaults(settings_page: SettingsPage) -> None:
    ws = settings_page.ctx.workspace
    settings_page.signer_name.clear()
    type_text(settings_page.signer_name, "Nguyễn Văn Bình")
    settings_page.signer_authority.setCurrentIndex(settings_page.signer_authority.findData("TM."))
    settings_page.signer_body.setText("ỦY BAN NHÂN DÂN")
    settings_page.doc_cc.setPlainText("TT. Đảng ủy phường\n\n  Lưu hồ sơ  ")
    settings_page.save_signer()
    signer = ws.setting("signer")
    assert signer["name"] == "Nguyễn Văn Bình" and signer["authority"] == "TM."
    assert signer["authority_body"] == "ỦY BAN NHÂN DÂN"
    assert ws.setting("doc_defaults")["cc"] == ["TT. Đảng ủy phường", "Lưu hồ sơ"]
    assert "recipients" in ws.setting("doc_defaults")


def test_plan_catalogue_info_and_folders(settings_page: SettingsPage) -> None:
    ws = settings_page.ctx.workspace
    text = settings_page.info.text()
    digest = ws.plan.content_hash  # shown in groups of eight so it wraps on a narrow window
    assert ws.plan.id in text and ws.catalog.id in text
    assert " ".join(digest[i : i + 8] for i in range(0, len(digest), 8)) in text
    assert f"{len(ws.plan.areas)} / {len(ws.plan.indicators)} / {len(ws.plan.rules)}" in text
    assert settings_page.folder_labels["workspace"].full_text() == str(ws.root)
    assert settings_page.folder_labels["logs"].full_text() == str(settings_page.ctx.paths.log_dir)


def test_move_data_folder_and_second_backup_destination(qtbot: Any, settings_page: SettingsPage) -> None:
    ctx = settings_page.ctx
    box = settings_page.data_location
    old_root = ctx.workspace.root
    activities.save_many(ctx.workspace.db, [act(title="Hoạt động trước khi chuyển")])
    assert "chưa đặt" in box.mirror_label.text()

    usb = old_root.parent / "USB #1"
    usb.mkdir()
    box.set_mirror(usb)
    assert str(usb) in box.mirror_label.text() and box.mirror_clear.isEnabled()
    with qtbot.waitSignal(settings_page.backup_done, timeout=20000) as done:
        qtbot.mouseClick(settings_page.backup_button, Qt.MouseButton.LeftButton)
    made: Path = done.args[0]
    qtbot.waitUntil(lambda: (usb / made.name).is_file())
    backups.validate_backup(usb / made.name)

    # A folder inside the current one is refused before anything is closed.
    same = ctx.workspace
    with pytest.raises(DvcqError) as refused:
        move_into_context(ctx, old_root / "exports" / "moi")
    assert refused.value.code == "move_target_inside"
    assert ctx.workspace is same and activities.count(same.db) == 1

    target = old_root.parent / "Ổ D" / "Dữ liệu DVCQ #2"
    with qtbot.waitSignal(ctx.hub.workspace_replaced):
        assert box.request_move(target, confirm=False)
    assert ctx.workspace.root == target and ctx.paths.workspace == target
    assert [r["title"] for r in activities.page(ctx.workspace.db, activities.ActivityFilter())] == [
        "Hoạt động trước khi chuyển"
    ]
    assert backups.mirror_dir_of(ctx.workspace.db) == usb  # the settings moved with the data
    assert (old_root / "dvcq.sqlite3").is_file()  # the old copy is kept
    assert moved_workspace(ctx.paths.config_dir) == target
