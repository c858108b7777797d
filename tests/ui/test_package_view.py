"""Opening a `.dvcq`: the read-only package view, the routes applied to a real main window,
the About dialog and the app icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from support.package_helpers import built

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.file_routing import route_for
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.help.about_dialog import AboutDialog, app_icon
from dvcq_desktop.ui.shell.package_view import PackageViewDialog


def _labels(dialog: PackageViewDialog) -> str:
    return "\n".join(w.text() for w in dialog.findChildren(QLabel))


def test_valid_package_shows_its_facts(qapp: QApplication, tmp_path: Path) -> None:
    pkg = tmp_path / "DVCQ_2025_25747_lan1.dvcq"
    pkg.write_bytes(built(5))
    dialog = PackageViewDialog(pkg)
    assert dialog.summary.ok
    rows = dialog.rows
    assert rows["Đơn vị"] == "Phường 1 (25747)"
    assert rows["Kỳ báo cáo"] == "6 tháng đầu năm 2025"
    assert rows["Lần gửi"] == "1"
    assert rows["Chốt số liệu lúc"] == "18/06/2025 09:15"
    assert rows["Số hoạt động"] == "5"
    assert rows["Số chỉ tiêu có số liệu"] == "1"
    assert "/" in rows["Tạo lúc"]
    assert "Gói hợp lệ" in _labels(dialog)
    dialog.close()


def test_damaged_package_shows_the_reason(qapp: QApplication, tmp_path: Path) -> None:
    pkg = tmp_path / "hong.dvcq"
    pkg.write_bytes(built(2)[:600])
    dialog = PackageViewDialog(pkg, note="Chưa có thư mục dữ liệu")
    text = _labels(dialog)
    assert not dialog.summary.ok
    assert "Gói bị từ chối" in text and dialog.summary.message in text
    assert "Chưa có thư mục dữ liệu" in text
    assert "Số hoạt động" not in dialog.rows and dialog.rows["Tệp"] == str(pkg)
    dialog.close()


def test_routes_applied_to_the_main_window(qapp: QApplication, ctx: AppContext, tmp_path: Path) -> None:
    from dvcq_desktop.ui.shell.launcher import Launcher
    from dvcq_desktop.ui.shell.main_window import MainWindow
    from dvcq_desktop.ui.shell.post_start import apply_route

    pkg = tmp_path / "p.dvcq"
    pkg.write_bytes(built(1))
    launcher = Launcher(ctx.paths, pkg)
    launcher.ctx = ctx
    launcher.window = MainWindow(ctx)
    seen: list[tuple[str, object]] = []
    ctx.hub.navigate.connect(lambda key, target: seen.append((key, target)))
    shown = apply_route(route_for(pkg, "unit"), launcher)
    assert isinstance(shown, PackageViewDialog) and shown.isVisible() and shown.summary.ok
    assert not shown.isModal()
    shown.close()
    assert apply_route(route_for(pkg, "aggregator"), launcher) is launcher.window
    assert seen == [("intake", [pkg])]
    launcher.window.close()


def test_about_dialog_and_icon(qapp: QApplication, tmp_path: Path) -> None:
    paths = AppPaths(workspace=tmp_path / "ws", log_dir=tmp_path / "logs", config_dir=tmp_path)
    dialog = AboutDialog(paths)
    text = dialog.details.text()
    assert "Qt: 6." in text and f"Thư mục dữ liệu: {tmp_path / 'ws'}" in text and "Giấy phép: MIT" in text
    dialog.close()
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(48, 48).toImage().isNull()  # the SVG renders (QtSvg plugin present)
