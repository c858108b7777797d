"""Viewing only: the window of a workspace that cannot be written (a write-protected USB stick, a CD,
a folder without write permission; `Workspace.read_only`, decided when it is opened).

Storage refuses every write in that mode anyway; this module makes the window say so before the
officer tries: a calm banner above the pages, "(chỉ xem)" in the title, and every control that would
write disabled (or, for text, made read-only so it can still be selected and copied), each with a
tooltip saying why. Viewing, searching and writing Word/Excel files to another folder stay usable.

Which controls write is data: `WRITE_CONTROLS` names them per page by attribute, so pages need no
read-only code of their own. A locked control stays locked when its page enables it again
(`set_enabled_why` honours the lock, and a plain `setEnabled(True)` is undone at once).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from dvcq_desktop.ui.common.widgets import LOCKED_WHY, set_enabled_why

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from dvcq_desktop.ui.common.context import AppContext

log = logging.getLogger(__name__)

# Per page key: attribute paths of the controls that write. "a.b" follows attributes; a path ending
# in "/" is a container whose text fields, lists of choices and push buttons are all locked.
WRITE_CONTROLS: dict[str, tuple[str, ...]] = {
    "activities": ("add_btn", "edit_btn", "dup_btn", "del_btn", "restore_btn", "undo_btn", "import_btn"),
    "indicators": ("save_button", "scroll_area/"),
    "report": ("sections/", "meta_form/"),
    "submit": ("export_btn",),  # every export is recorded (its revision) in the database
    "unit_plan": (
        "number_edit",
        "meta.symbol_edit",
        "date_edit",
        "meta.write_btn",
        "add_btn",
        "delete_btn",
        "suggest_btn",
        "copy_btn",
        "content_edit",
        "tree",
    ),
    "settings": (
        "font_scale",  # kept in the workspace's settings
        "backup_button",
        "restore_selected_button",
        "restore_file_button",
        "signer_name",
        "signer_title",
        "signer_authority",
        "signer_body",
        "doc_symbol",
        "doc_place",
        "doc_parent_body",
        "doc_issuer",
        "doc_recipients",
        "doc_cc",
        "doc_archive",
        "save_signer_button",
        "data_location.move_button",
        "data_location.mirror_button",
        "data_location.mirror_clear",
    ),
    "plans": ("choose_button", "take_button", "office_panel/", "signed_box.switch"),
    # receipts are recorded and kept beside the packages; the unit's e-mail is remembered
    "intake": ("files_btn", "folder_btn", "usb_btn", "confirm_btn", "key_btn", "receipt_btn"),
    "board": ("fix_btn",),
    "units": ("include_btn", "exclude_btn", "add_btn"),  # each opens a dialog that writes
}
# The activity editor (a dialog): it still opens, to read an activity in full.
EDITOR_CONTROLS = ("form/", "att_add", "att_remove", "save_btn", "draft_restore_btn", "draft_discard_btn")
# Menu items (window_menus) that write.
MENU_ACTIONS = ("new_activity", "undo", "backup", "import")


def why() -> str:
    return QCoreApplication.translate(
        "ReadOnly", "Chế độ chỉ xem: thư mục dữ liệu không ghi được, nên không thay đổi được dữ liệu."
    )


def banner_text() -> str:
    return QCoreApplication.translate(
        "ReadOnly",
        "Chế độ chỉ xem — thư mục dữ liệu không ghi được (ổ chỉ đọc hoặc thiếu quyền). Xem và tạo "
        "tệp Word, Excel vào thư mục khác được; thêm, sửa, xóa, nhập đã tắt. Muốn sửa, hãy "
        "chép thư mục dữ liệu sang ổ ghi được rồi mở lại.",
    )


def refused(ctx: AppContext) -> bool:
    """For actions reached by a shortcut rather than a button: True (and a status line) when the
    workspace is read-only, so the caller stops before trying to write."""
    if not ctx.workspace.read_only:
        return False
    ctx.hub.status_message.emit(why())
    return True


class _StayDisabled(QObject):
    """Undoes a page's plain `setEnabled(True)` on a locked control (after a task finishes, say)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(obj, QWidget)
            and obj.isEnabled()
            and obj.property(LOCKED_WHY)
        ):
            obj.setEnabled(False)
        return False


_STAY_DISABLED = _StayDisabled()


def lock(widget: QObject, reason: str) -> None:
    """Lock one control: text stays readable and selectable, anything that acts is disabled."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        widget.setReadOnly(True)
        usual = widget.toolTip()
        widget.setProperty(LOCKED_WHY, reason)
        widget.setToolTip(f"{reason}\n{usual}" if usual else reason)
        widget.style().unpolish(widget)  # the app's sheet greys read-only text: re-read the property
        widget.style().polish(widget)
        return
    if isinstance(widget, QAbstractItemView):  # a list or tree edited in place
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        widget.setProperty(LOCKED_WHY, reason)
        return
    if isinstance(widget, QWidget) and not isinstance(
        widget, QAbstractButton | QComboBox | QCheckBox | QRadioButton
    ):
        for child in inputs_of(widget):
            lock(child, reason)
        return
    if isinstance(widget, QWidget | QAction):
        set_enabled_why(widget, False, reason)
        widget.setProperty(LOCKED_WHY, reason)
        if isinstance(widget, QWidget):
            widget.installEventFilter(_STAY_DISABLED)


def inputs_of(container: QWidget) -> list[QWidget]:
    """The controls in a container that change data: text fields, date and number boxes, lists of
    choices, push buttons and in-place editable views. Check boxes are left: in these forms they
    show or hide parts (the indicator areas), they do not store anything."""
    kinds = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    found: list[QWidget] = [w for w in container.findChildren(QWidget) if isinstance(w, kinds)]
    found += [
        b for b in container.findChildren(QAbstractButton) if not isinstance(b, QCheckBox | QRadioButton)
    ]
    # the line edit inside a spin box or combo box belongs to it: locking the box is enough
    return [
        w
        for w in found
        if not (isinstance(w, QLineEdit) and isinstance(w.parent(), QAbstractSpinBox | QComboBox))
    ]


def resolve(owner: QObject, path: str) -> QObject | None:
    target: object = owner
    for name in path.rstrip("/").split("."):
        target = getattr(target, name, None)
        if target is None:
            return None
    return target if isinstance(target, QObject) else None


def lock_named(ctx: AppContext, owner: QObject, paths: tuple[str, ...]) -> list[QObject]:
    """Lock the controls `paths` name on `owner` when the workspace is read-only; the ones locked."""
    if not ctx.workspace.read_only:
        return []
    reason = why()
    locked: list[QObject] = []
    for path in paths:
        target = resolve(owner, path)
        if target is None:  # an office-only panel on a unit's page, say
            log.debug("read-only: %s has no %s", type(owner).__name__, path)
            continue
        lock(target, reason)
        locked.append(target)
    return locked


def guard_page(ctx: AppContext, key: str, page: object) -> None:
    """Called by the window when it builds a page."""
    if isinstance(page, QObject):
        lock_named(ctx, page, WRITE_CONTROLS.get(key, ()))


def mark_window(window: QMainWindow, ctx: AppContext, unit_name: str, actions: dict[str, QAction]) -> None:
    """The window of a read-only workspace: title, banner above the pages, writing menu items."""
    if not ctx.workspace.read_only:
        window.setWindowTitle(unit_name)
        return
    window.setWindowTitle(unit_name + QCoreApplication.translate("ReadOnly", " (chỉ xem)"))
    reason = why()
    for name in MENU_ACTIONS:
        if name in actions:
            lock(actions[name], reason)
    if window.findChild(QLabel, "readOnlyBanner") is not None:
        return
    banner = QLabel(banner_text())
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "QLabel#readOnlyBanner { background: #eaf2fb; color: #1d3f66; border-bottom: 1px solid #b9d0ea;"
        " padding: 7px 12px; }"
    )
    stack = getattr(window, "stack", None)
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if not isinstance(stack, QWidget) or layout is None:
        return
    from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

    assert isinstance(layout, QBoxLayout)
    index = layout.indexOf(stack)
    layout.removeWidget(stack)
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    column.addWidget(stack, 1)
    layout.insertLayout(index, column, 1)
