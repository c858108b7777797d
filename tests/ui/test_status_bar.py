"""The status bar tells each role what matters about the deadline."""

from __future__ import annotations

from pathlib import Path

from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.shell.main_window import MainWindow


def test_office_sees_reports_received_not_a_countdown(qtbot, actx: AppContext) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(actx)
    qtbot.addWidget(w)
    expected = len([u for u in actx.workspace.catalog.units if u.expected])
    assert w.deadline_label.text() == f"Đã nhận 0/{expected} báo cáo · hạn 01/11/2023"


def test_unit_that_exported_is_told_so(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert w.deadline_label.text().startswith("Đã quá hạn")
    assert w.deadline_label.property("alarm") is True
    fill_demo(ctx.workspace, activities=10, seed=2)
    out = tmp_path / "usb"
    out.mkdir()
    export_package(ctx.workspace, out)
    ctx.hub.exports_changed.emit()
    assert w.deadline_label.text().startswith("Đã xuất gói lần 1 ngày ")
    assert w.deadline_label.property("alarm") is False  # no longer shown in red
