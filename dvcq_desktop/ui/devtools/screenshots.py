"""`python -m dvcq_desktop.ui.screenshots OUT_DIR`: every main page of a demo workspace as a PNG.

Runs offscreen at 1366×768 (the commonest office laptop screen) so layout problems show up in
review without a desktop; the wizard and the activity editor are captured too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported at run time only, after QT_QPA_PLATFORM is set
    from PySide6.QtWidgets import QApplication, QWidget

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.ui.common.context import AppContext
    from dvcq_desktop.ui.shell.main_window import MainWindow


def _app() -> QApplication:
    """The offscreen application, styled as the app is, in Vietnamese, at font scale 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.ui.common.qt_vietnamese import install as install_qt_vietnamese
    from dvcq_desktop.ui.common.style import apply_font_scale, apply_style

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    install_qt_vietnamese(app)  # Qt's own menus and buttons in Vietnamese, before any widget
    apply_style(app)
    apply_font_scale(app, 1.0)
    return app


class _Shots:
    """Grabs widgets into numbered PNGs (`<prefix>01-<name>.png`, …) and keeps their paths."""

    def __init__(self, app: QApplication, out_dir: Path, prefix: str = "") -> None:
        self.app, self.out_dir, self.prefix = app, out_dir, prefix
        self.saved: list[Path] = []
        out_dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> None:
        for _ in range(3):
            self.app.processEvents()
        path = self.out_dir / f"{self.prefix}{len(self.saved) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        self.saved.append(path)


def _each_page(paths: AppPaths, root: Path, visit: Callable[[MainWindow, AppContext, str], None]) -> None:
    """Opens the workspace in a 1366×768 main window and calls `visit` on every page in turn."""
    from dvcq_desktop.storage.workspace import Workspace
    from dvcq_desktop.ui.shell.launcher import build_context
    from dvcq_desktop.ui.shell.main_window import MainWindow

    ws = Workspace.open(root)
    ctx = build_context(paths, ws)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    try:
        for spec in window.specs:
            window.navigate(spec.key)
            visit(window, ctx, spec.key)
        window.close()
    finally:
        ctx.tasks.wait(10000)
        ws.close()


def capture(out_dir: Path, work_dir: Path | None = None) -> list[Path]:
    app = _app()
    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.ui.unit.activities_page import ActivitiesPage
    from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
    from dvcq_desktop.ui.wizard.demo_workspace import ensure_demo
    from dvcq_desktop.ui.wizard.wizard import FirstRunWizard

    shot = _Shots(app, out_dir)
    work = work_dir or Path(tempfile.mkdtemp(prefix="dvcq-anh-"))
    root = ensure_demo(work / "demo")
    paths = AppPaths(workspace=root, log_dir=work / "logs", config_dir=work / "cfg")

    wizard = FirstRunWizard(
        AppPaths(workspace=work / "new", log_dir=paths.log_dir, config_dir=paths.config_dir)
    )
    wizard.resize(760, 560)
    wizard.show()
    wizard.next()
    wizard.unit_page.filter_edit.setText("phuong")
    shot(wizard, "wizard-unit")
    wizard.close()

    def visit(window: MainWindow, ctx: AppContext, key: str) -> None:
        shot(window, key)
        page = window.page(key)
        if isinstance(page, ActivitiesPage):
            page.table.selectRow(0)
            editor = ActivityEditor(ctx, page.model.activity_id(0), window)
            editor.show()
            shot(editor, "activity-editor")
            editor.dirty = False
            editor.reject()

    _each_page(paths, root, visit)
    return shot.saved


def capture_aggregator(out_dir: Path, work_dir: Path | None = None) -> list[Path]:
    """The receiving office's pages, with a sample office that received five of six units."""
    app = _app()
    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.ui.devtools.demo_aggregator import ensure_aggregator_demo

    shot = _Shots(app, out_dir, "agg-")
    work = work_dir or Path(tempfile.mkdtemp(prefix="dvcq-anh-"))
    root = ensure_aggregator_demo(work)
    paths = AppPaths(workspace=root, log_dir=work / "logs", config_dir=work / "cfg")

    def visit(window: MainWindow, ctx: AppContext, key: str) -> None:
        page = window.page(key)
        if key == "intake":  # a preview of the sample folder, as after a drop
            page.preview([work / "usb", work / "email", work / "usb-moi"])  # type: ignore[union-attr]
            ctx.tasks.wait(30000)
        shot(window, key)
        if key == "consolidation":
            page.tabs.setCurrentIndex(2)  # type: ignore[union-attr]
            shot(window, "consolidation-charts")
        if key == "board":
            dlg = page.open_detail("TPTN-P1")  # type: ignore[union-attr]
            dlg.tabs.setCurrentIndex(1)
            shot(dlg, "unit-detail")
            dlg.close()

    _each_page(paths, root, visit)
    return shot.saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    aggregator = "--aggregator" in args
    args = [a for a in args if a != "--aggregator"]
    if len(args) != 1:
        print("Cách dùng: python -m dvcq_desktop.ui.screenshots [--aggregator] THƯ_MỤC_ẢNH", file=sys.stderr)
        return 2
    for p in (capture_aggregator if aggregator else capture)(Path(args[0])):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
