"""What the layout check opens for each role: the wizard's pages, every page of the main window
(generically, from the pages it registers) and the dialogs an officer meets from those pages.

Dialogs are built the way their page builds them and shown without `exec()`, so the capture does
not block; any other dialog that appears while one is open is captured too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.ui.devtools.screenshots import Shots, each_page

if TYPE_CHECKING:
    from dvcq_desktop.ui.common.context import AppContext
    from dvcq_desktop.ui.shell.main_window import MainWindow

Opener = Callable[["MainWindow", "AppContext"], QWidget | None]


def _paths(root: Path, work: Path) -> AppPaths:
    return AppPaths(workspace=root, log_dir=work / "logs", config_dir=work / "cfg")


def _dialog(shot: Shots, name: str, open_it: Callable[[], QWidget | None]) -> None:
    """Open, capture (with its tabs and any dialog it opened), close without saving."""
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    dialog = open_it()
    if dialog is None:
        return
    dialog.show()
    shot.with_tabs(dialog, name)
    for other in QApplication.topLevelWidgets():
        if (
            isinstance(other, QDialog)
            and other.isVisible()
            and id(other) not in before
            and other is not dialog
        ):
            shot.with_tabs(other, f"{name}-{_title(other)}")
            other.close()
    if hasattr(dialog, "dirty"):
        dialog.dirty = False  # the activity editor asks before discarding edits
    dialog.close()
    shot.settle()


def _title(w: QWidget) -> str:
    from dvcq_desktop.ui.devtools.screenshots import _slug

    return _slug(w.windowTitle() or type(w).__name__)


# ---- the first-run wizard --------------------------------------------------------------------
def wizard(shot: Shots, work: Path) -> None:
    """Each page of the wizard in turn, as an officer walks through it (nothing is created)."""
    from dvcq_desktop.ui.common.screen_fit import fit_dialog
    from dvcq_desktop.ui.wizard.wizard import FirstRunWizard

    paths = AppPaths(workspace=work / "new", log_dir=work / "logs", config_dir=work / "cfg")
    wiz = FirstRunWizard(paths)
    fit_dialog(wiz)
    wiz.show()
    seen: set[int] = set()
    while wiz.currentId() not in seen:
        seen.add(wiz.currentId())
        page = wiz.currentPage()
        if page is wiz.unit_page:
            wiz.unit_page.filter_edit.setText("phuong")
        shot(wiz, f"wizard-{type(page).__name__.removesuffix('Page').lower()}")
        if page is wiz.unit_page:
            lst = wiz.unit_page.unit_list
            row = next((i for i in range(lst.count()) if not lst.item(i).isHidden()), 0)
            lst.setCurrentRow(row)
        if wiz.nextId() == -1:
            break
        wiz.next()
    wiz.close()
    wiz.deleteLater()


# ---- unit role -------------------------------------------------------------------------------
def _excel_preview(ctx: AppContext, work: Path) -> QWidget:
    from openpyxl import Workbook

    from dvcq_desktop.services.excel_io import COLUMNS, area_label, read_activities
    from dvcq_desktop.ui.unit.excel_import_dialog import ExcelImportDialog

    plan = ctx.workspace.plan
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append([c.header for c in COLUMNS])
    area = plan.areas[0].id if plan.areas else ""
    good = {
        "Ngày bắt đầu": datetime(2023, 3, 1),
        "Lĩnh vực": area_label(plan, area),
        "Loại hoạt động": "Tuyên truyền",
        "Tên hoạt động": "Tuyên truyền pháp luật về hòa giải ở cơ sở cho các tổ dân phố",
    }
    for row in (good, {**good, "Ngày bắt đầu": "hôm qua"}, {**good, "Tên hoạt động": "Tin bài"}):
        sheet.append([row.get(c.header) for c in COLUMNS])
    path = work / "nhap-thu.xlsx"
    wb.save(path)
    return ExcelImportDialog(ctx, read_activities(path, plan))


def unit(shot: Shots, work: Path) -> None:
    from dvcq_desktop.ui.help.about_dialog import AboutDialog
    from dvcq_desktop.ui.unit.activities_page import ActivitiesPage
    from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
    from dvcq_desktop.ui.wizard.demo_workspace import ensure_demo

    wizard(shot, work)
    root = ensure_demo(work / "demo")
    paths = _paths(root, work)

    def visit(window: MainWindow, ctx: AppContext, key: str) -> None:
        page = window.page(key)
        shot.with_tabs(window, key)
        if isinstance(page, ActivitiesPage):
            page.table.selectRow(0)
            _dialog(shot, "activity-editor", lambda: ActivityEditor(ctx, page.model.activity_id(0), window))
            _dialog(shot, "activity-new", lambda: ActivityEditor(ctx, None, window))
            _dialog(shot, "excel-import", lambda: _with_parent(_excel_preview(ctx, work), window))
        if key == "help":
            _dialog(shot, "about", lambda: AboutDialog(paths, window))
        if key == window.specs[-1].key:
            _dialog(shot, "package-view", lambda: _unit_package(ctx, work, window))

    each_page(paths, root, visit)


def _with_parent(dialog: QWidget, parent: QWidget) -> QWidget:
    dialog.setParent(parent, dialog.windowFlags())
    return dialog


def _unit_package(ctx: AppContext, work: Path, parent: QWidget) -> QWidget:
    from dvcq_desktop.services.export import export_package
    from dvcq_desktop.ui.shell.package_view import PackageViewDialog

    out = work / "goi"
    out.mkdir(exist_ok=True)
    return PackageViewDialog(export_package(ctx.workspace, out).path, parent)


# ---- receiving office ------------------------------------------------------------------------
def aggregator(shot: Shots, work: Path) -> None:
    from dvcq_desktop.services import history
    from dvcq_desktop.ui.devtools.demo_aggregator import ensure_aggregator_demo
    from dvcq_desktop.ui.help.about_dialog import AboutDialog
    from dvcq_desktop.ui.office.received_at_dialog import ReceivedAtDialog
    from dvcq_desktop.ui.office.units_page import ReasonDialog
    from dvcq_desktop.ui.shell.package_view import PackageViewDialog

    root = ensure_aggregator_demo(work)
    paths = _paths(root, work)

    def visit(window: MainWindow, ctx: AppContext, key: str) -> None:
        page = window.page(key)
        if key == "intake":  # a preview of the sample folders, as after a drop
            page.preview([work / "usb", work / "email", work / "usb-moi"])  # type: ignore[union-attr]
            ctx.tasks.wait(30000)
        shot.with_tabs(window, key)
        if key == "board":
            _dialog(shot, "unit-detail", lambda: page.open_detail("TPTN-P1"))  # type: ignore[union-attr]
            revs = history.revisions(ctx.workspace, "TPTN-P1")
            _dialog(shot, "received-at", lambda: ReceivedAtDialog(revs, "Phường Phan Đình Phùng", window))
            package = sorted((work / "usb").glob("*.dvcq"))[0]
            _dialog(shot, "package-view", lambda: PackageViewDialog(package, window))
        if key == "units":
            units = [(e.unit_code, e.unit_name) for e in page.entries][:3]  # type: ignore[union-attr]
            _dialog(shot, "reason", lambda: ReasonDialog("Loại khỏi danh sách phải nộp", units, window))
        if key == "help":
            _dialog(shot, "about", lambda: AboutDialog(paths, window))

    each_page(paths, root, visit)
