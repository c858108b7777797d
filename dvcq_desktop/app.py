"""`dvcq-desktop` / `python -m dvcq_desktop`: the GUI entry point."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.storage.peek import Glance
    from dvcq_desktop.ui.shell.launcher import Launcher

log = logging.getLogger("dvcq_desktop.app")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dvcq-desktop", description="Dân vận chính quyền")
    p.add_argument("--workspace", "-w", metavar="THƯ_MỤC", help="thư mục dữ liệu")
    p.add_argument("--demo", action="store_true", help="mở bộ dữ liệu mẫu (không đụng dữ liệu thật)")
    p.add_argument("file", nargs="?", metavar="TỆP.dvcq", help="tệp gói báo cáo cần mở")
    p.add_argument(
        "--version", action="store_true", help="hiện phiên bản, thư mục dữ liệu, SQLite, Qt rồi thoát"
    )
    # Qt adds its own options (-platform, -style…); leave them to QApplication.
    args, _unknown = p.parse_known_args(list(argv))
    return args


def install_excepthook() -> None:
    """An unexpected error is logged in full and shown as one Vietnamese line, never a traceback."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unhandled exception", exc_info=(kind, exc, tb))
        from PySide6.QtWidgets import QApplication, QMessageBox

        from dvcq_desktop.errors import user_message

        if QApplication.instance() is None or showing:
            print(user_message(exc), file=sys.stderr)
            return
        showing = True  # an error inside the box must not open a cascade of boxes
        try:
            QMessageBox.critical(None, QApplication.translate("App", "Lỗi"), user_message(exc))
        finally:
            showing = False

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from dvcq_desktop.logging_setup import setup_logging
    from dvcq_desktop.paths import AppPaths

    paths = AppPaths.build(args.workspace)
    if args.version:
        from dvcq_desktop.ui.help.about_dialog import print_version

        return print_version(paths)
    setup_logging(paths.log_dir)
    install_excepthook()
    from dvcq_desktop.running_mutex import hold_running_mutex

    hold_running_mutex()  # Windows: the installer's AppMutex sees the app is open

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dvcq-desktop"])
    assert isinstance(app, QApplication)
    from dvcq_desktop.ui.common.qt_vietnamese import install as install_qt_vietnamese

    install_qt_vietnamese(app)  # Qt's own menus and buttons in Vietnamese, before any widget
    from dvcq_desktop.ui.common import gc_guard

    gc_guard.install(app)  # cycles holding Qt objects are freed on this thread, never a worker's
    app.setApplicationName("dvcq-desktop")
    app.setApplicationDisplayName("Dân vận chính quyền")
    app.setOrganizationName("dvcq")

    from dvcq_desktop.paths import DB_FILENAME
    from dvcq_desktop.storage.peek import glance
    from dvcq_desktop.ui.common.style import app_icon, apply_style
    from dvcq_desktop.ui.devtools import smoke

    # The everyday start: an officer opening their own data.
    everyday = not args.demo and not args.file and (paths.workspace / DB_FILENAME).is_file()
    seen = glance(paths.workspace) if everyday else None
    apply_style(app, seen.font_scale if seen else 1.0)
    app.setWindowIcon(app_icon())
    if smoke.smoke_path() is not None:
        smoke.begin()
    if everyday:
        return _run_in_frame(app, paths, seen)
    return _run_launcher(app, paths, args)


def _run_in_frame(app: QApplication, paths: AppPaths, seen: Glance | None) -> int:
    """Show the window's frame at once, then open the workspace into it once it has painted:
    the storage layer, the pages and the open take longer than Python and Qt themselves."""
    from PySide6.QtCore import QTimer

    from dvcq_desktop.ui.shell.main_window import MainWindow

    frame = MainWindow.frame(seen)
    launchers: list[Launcher] = []
    failed: list[bool] = []

    def open_into_frame() -> None:
        if launchers or failed:
            return
        from dvcq_desktop.ui.shell import post_start
        from dvcq_desktop.ui.shell.launcher import Launcher

        launcher = Launcher(paths)
        if not launcher.start_in(frame):
            failed.append(not launcher.handed_off)  # handed off: the other window is in front
            frame.close()
            app.exit(0 if launcher.handed_off else 1)
            return
        launchers.append(launcher)
        post_start.after_start(launcher)  # start-up warnings, smoke screenshot

    # After the first paint (a zero timer would run before it); a window started minimised is
    # never painted, hence the fallback.
    frame.painted.connect(lambda: QTimer.singleShot(0, open_into_frame))
    QTimer.singleShot(500, open_into_frame)
    from dvcq_desktop.ui.common.screen_fit import show_main_window

    show_main_window(frame)  # maximised on a small screen, always inside it
    app.setQuitOnLastWindowClosed(True)
    try:
        code = int(app.exec())
        return 1 if any(failed) else code
    finally:
        for launcher in launchers:
            launcher.close()


def _run_launcher(app: QApplication, paths: AppPaths, args: argparse.Namespace) -> int:
    """First run (the wizard), the demo, or a .dvcq given on the command line."""
    from dvcq_desktop.ui.shell import post_start
    from dvcq_desktop.ui.shell.launcher import Launcher

    standalone = post_start.open_standalone(paths, args.file, demo=args.demo)
    if standalone is not None:
        return standalone
    demo_root = None
    if args.demo:
        from dvcq_desktop.ui.wizard.demo_workspace import demo_root as default_demo
        from dvcq_desktop.ui.wizard.demo_workspace import ensure_demo

        try:
            demo_root = ensure_demo(Path(args.workspace) if args.workspace else default_demo())
        except Exception as exc:  # noqa: BLE001 - shown like any start error
            from dvcq_desktop.ui.shell.launcher import show_open_error

            log.exception("demo workspace failed")
            show_open_error(exc, Path(args.workspace or default_demo()))
            return 1
    launcher = Launcher(paths, Path(args.file) if args.file else None)
    if not launcher.start(demo_root=demo_root):
        return 0 if launcher.handed_off else 1
    post_start.after_start(launcher)  # route the .dvcq, start-up warnings, smoke screenshot
    app.setQuitOnLastWindowClosed(True)
    try:
        return int(app.exec())
    finally:
        launcher.close()
