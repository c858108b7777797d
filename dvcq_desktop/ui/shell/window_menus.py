"""The main window's menu bar (Tệp, Chỉnh sửa, Đi tới, Trợ giúp) and the actions behind it.

Each item does what the page's own button does (the page is shown first, so the officer sees
the result where it belongs). Ctrl+1… to go to a page, Ctrl+Z to undo a deletion, Ctrl+Q to quit
and F1 for the current page's guide are the actions' shortcuts, so the menu shows them. Ctrl+N
and Ctrl+F stay the pages' own (they act on the page shown) and are only named in the menu.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from dvcq_desktop.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowMenus", text)


def run_on(window: MainWindow, key: str, method: str) -> None:
    """Show page `key`, then call its `method` (the page's own action)."""
    window.navigate(key)
    page = window.page(key)
    action = getattr(page, method, None)
    if callable(action):
        action()
    else:  # a page that failed to build stands in with a message, and has no actions
        log.warning("page %s has no action %s", key, method)


def show_guide(window: MainWindow) -> None:
    """F1: the guide on the current page's topic (on the guide itself: its table of contents)."""
    key = window.current_key()
    spec = next((s for s in window.specs if s.key == key), None)
    window.navigate("help", spec.help if spec is not None else "index.md")


def show_about(window: MainWindow) -> None:
    from dvcq_desktop.ui.help.about_dialog import AboutDialog

    if window.ctx is not None:
        AboutDialog(window.ctx.paths, window).exec()


def undo(window: MainWindow) -> None:
    """Ctrl+Z outside a text box: bring back the last activities moved to the trash."""
    page = window.page("activities")
    stack = getattr(page, "_undo_stack", None)
    if page is None or not stack:
        window.statusBar().showMessage(_tr("Không có thao tác xóa nào để hoàn tác."), 4000)
        return
    window.navigate("activities")
    page.undo_delete()  # type: ignore[attr-defined]


def install_menu_bar(window: MainWindow) -> dict[str, QAction]:
    """Builds (or rebuilds, for another role) the menu bar; the actions by name, for tests."""
    bar = window.menuBar()
    bar.clear()
    actions: dict[str, QAction] = {}
    role_unit = any(s.key == "activities" for s in window.specs)

    def add(menu: QMenu, name: str, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"menu_{name}")
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        actions[name] = action
        return action

    file_menu = bar.addMenu(_tr("&Tệp"))
    if role_unit:
        add(file_menu, "export", _tr("&Xuất gói báo cáo…"), lambda: run_on(window, "submit", "export"))
    else:
        add(file_menu, "import", _tr("&Nhập gói báo cáo…"), lambda: run_on(window, "intake", "choose_files"))
    add(file_menu, "backup", _tr("&Sao lưu ngay"), lambda: run_on(window, "settings", "start_backup"))
    add(file_menu, "settings", _tr("&Cài đặt"), lambda: window.navigate("settings"))
    file_menu.addSeparator()
    quit_action = add(file_menu, "quit", _tr("&Thoát"), window.close, "Ctrl+Q")
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    edit_menu = bar.addMenu(_tr("&Chỉnh sửa"))
    if role_unit:
        add(edit_menu, "undo", _tr("&Hoàn tác xóa hoạt động"), lambda: undo(window), "Ctrl+Z")
        edit_menu.addSeparator()
        # "\t" + keys: the shortcut shown, but left to the page that owns it.
        add(
            edit_menu,
            "new_activity",
            _tr("&Thêm hoạt động…") + "\tCtrl+N",
            lambda: run_on(window, "activities", "new_activity"),
        )
        add(
            edit_menu,
            "find",
            _tr("&Tìm hoạt động") + "\tCtrl+F",
            lambda: run_on(window, "activities", "focus_search"),
        )
    else:
        add(
            edit_menu,
            "find",
            _tr("&Tìm đơn vị") + "\tCtrl+F",
            lambda: run_on(window, "board", "focus_search"),
        )

    go_menu = bar.addMenu(_tr("Đ&i tới"))
    for i, spec in enumerate(window.specs):
        add(
            go_menu,
            f"go_{spec.key}",
            window.translate_label(spec.label),
            partial(window.navigate, spec.key),
            f"Ctrl+{i + 1}" if i < 9 else "",
        )

    help_menu = bar.addMenu(_tr("Trợ &giúp"))
    add(help_menu, "guide", _tr("&Hướng dẫn cho trang này"), lambda: show_guide(window), "F1")
    add(help_menu, "guide_index", _tr("&Mục lục hướng dẫn"), lambda: window.navigate("help", "index.md"))
    help_menu.addSeparator()
    about = add(help_menu, "about", _tr("&Giới thiệu…"), lambda: show_about(window))
    about.setMenuRole(QAction.MenuRole.AboutRole)
    return actions
