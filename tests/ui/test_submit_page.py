"""Nộp báo cáo page with a real workspace: blocking checklist, export on a worker with read-back,
history revisions, personal-data warning, email draft with the package attached, failure path."""

from __future__ import annotations

import email
from dataclasses import replace
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from dvcq_desktop.package import read_package
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.storage import activities, report_data
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.unit.submit_page import LAST_DIR_KEY, SubmitPage


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> SubmitPage:
    fill_demo(ctx.workspace, activities=30)
    p = SubmitPage(ctx)
    qtbot.addWidget(p)
    p.resize(1166, 700)
    p.show()
    return p


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url).toString()) or True)
    return urls


def _export(qtbot: QtBot, page: SubmitPage) -> None:
    qtbot.mouseClick(page.export_btn, Qt.MouseButton.LeftButton)
    assert not page.result_frame.isVisible()  # never success before the worker returns
    qtbot.waitUntil(lambda: not page.running, timeout=20000)


def test_error_blocks_then_export_twice(
    qtbot: QtBot, page: SubmitPage, ctx: AppContext, tmp_path: Path
) -> None:
    ws = ctx.workspace
    plan, period = ws.plan, ws.period
    rule = next(r for r in plan.rules if r.severity == "error")
    before = report_data.values(ws.db, plan.id, period.id)[rule.left[0]].value
    report_data.set_value(ws.db, plan.id, period.id, rule.left[0], 10**6)
    ctx.hub.indicators_changed.emit()
    errors = [i for i in page.items if i.kind == "error"]
    assert errors and rule.message in errors[0].text
    assert "lỗi phải sửa" in page.summary.text()
    assert not page.export_btn.isEnabled()
    went: list[tuple[str, object]] = []
    ctx.hub.navigate.connect(lambda key, target: went.append((key, target)))
    page.checklist.anchorClicked.emit(QUrl(f"fix:{page.items.index(errors[0])}"))
    assert went == [("indicators", rule.left[0])]

    report_data.set_value(ws.db, plan.id, period.id, rule.left[0], before)
    ctx.hub.indicators_changed.emit()
    assert not [i for i in page.items if i.kind == "error"]
    out = tmp_path / "usb"
    out.mkdir()
    page.set_destination(out)
    assert page.export_btn.isEnabled()
    _export(qtbot, page)
    assert page.result_frame.isVisible() and not page.error_label.isVisible()
    assert page.success_label.text().startswith("Đã xuất và kiểm tra xong")
    written = page.last_written
    assert written is not None and written.path.parent == out
    pkg = read_package(written.path)
    assert pkg.revision == 1 and len(pkg.submission.activities) == 30
    assert str(written.path) in page.result_label.text()
    assert page.history_table.rowCount() == 1
    assert ws.setting(LAST_DIR_KEY) == str(out)

    _export(qtbot, page)
    assert page.history_table.rowCount() == 2
    assert page.history_table.item(0, 0).text() == "2"
    assert page.history_table.item(0, 2).text() == page.last_written.path.name
    assert read_package(page.last_written.path).manifest.supersedes == pkg.package_id
    # a fresh page offers the remembered folder first
    again = SubmitPage(ctx)
    qtbot.addWidget(again)
    assert again.destination() == out


def test_citizen_id_in_activity_content_warns_naming_the_activity(page: SubmitPage, ctx: AppContext) -> None:
    db = ctx.workspace.db
    row = activities.page(db)[0]
    act = activities.get(db, row["id"] if isinstance(row, dict) else row.id)
    activities.save(db, replace(act, content=act.content + " Ông Lê Văn D, CCCD 079085001234."))
    ctx.hub.activities_changed.emit()
    hits = [i for i in page.items if i.code == "pii_cccd"]
    assert len(hits) == 1 and hits[0].kind == "warning"
    assert f"Hoạt động “{act.title[:40]}" in hits[0].text and "trường Nội dung" in hits[0].text
    assert (hits[0].target_key, hits[0].target) == ("activities", act.id)
    assert "CCCD" in page.checklist.toPlainText()
    assert page.export_btn.isEnabled()  # a warning, not a block


def test_email_draft_has_the_package_attached(
    qtbot: QtBot, page: SubmitPage, ctx: AppContext, tmp_path: Path, opened: list[str]
) -> None:
    page.set_destination(tmp_path)
    _export(qtbot, page)
    written = page.last_written
    assert written is not None
    eml = page.compose_email()
    assert eml is not None and eml.parent == ctx.workspace.exports_dir
    assert opened == [QUrl.fromLocalFile(str(eml)).toString()]
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["Subject"] == "[DVCQ] Báo cáo công tác dân vận chính quyền năm 2023 - Phường 1"
    assert (
        msg.get_body(preferencelist=("plain",))
        .get_content()
        .startswith(f"Kính gửi: {ctx.workspace.catalog.receiving_office},")
    )
    (att,) = list(msg.iter_attachments())
    assert att.get_payload(decode=True) == written.path.read_bytes()


def test_email_falls_back_to_mailto_and_reveals_the_file(
    qtbot: QtBot, page: SubmitPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        lambda url: urls.append(QUrl(url).toString()) or not QUrl(url).isLocalFile(),
    )
    page.set_destination(tmp_path)
    _export(qtbot, page)
    page.compose_email()
    assert urls[0].endswith(".eml")
    assert (
        urls[1].startswith("mailto:?subject=")
        and "Xin đính kèm tệp " + page.last_written.path.name in urls[1]
    )
    assert urls[2] == QUrl.fromLocalFile(str(tmp_path)).toString()


def test_pulled_usb_shows_the_error_and_no_success(qtbot: QtBot, page: SubmitPage, tmp_path: Path) -> None:
    gone = tmp_path / "usb"
    gone.mkdir()
    page.set_destination(gone)
    gone.rmdir()
    _export(qtbot, page)
    assert page.error_label.isVisible() and "USB" in page.error_label.text()
    assert not page.result_frame.isVisible() and page.last_written is None
    assert page.history_table.rowCount() == 0
    assert page.export_btn.isEnabled()


def test_removable_drive_heuristics(monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcq_desktop.ui.common import destinations as dst

    assert dst.is_removable("/media/canbo/KINGSTON", platform="linux")
    assert dst.is_removable("/run/media/canbo/USB", platform="linux")
    assert not dst.is_removable("/", platform="linux")
    assert not dst.is_removable("/home", platform="linux")
    assert dst.is_removable("/Volumes/USB", platform="darwin")
    monkeypatch.setattr(dst, "_windows_drive_type", lambda root: 2 if root.upper().startswith("E") else 3)
    assert dst.is_removable("E:\\", platform="win32") and not dst.is_removable("C:\\", platform="win32")
    usb = dst.Destination(Path("E:/"), "KINGSTON", True, 7_700_000_000)
    assert usb.label().startswith("USB ") and usb.label().endswith("KINGSTON — còn trống 7,2 GB")
    assert dst.format_size(850 * 1024**2) == "850 MB"
