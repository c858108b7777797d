"""Windows sized from the screen they open on, never larger than it.

Ward offices still use 1024×600 netbooks and 1366×768 laptops, often at a large font scale: a
window of fixed pixel size would put its Lưu/Hủy buttons below the screen. Every dialog asks for
a size as a share of the screen's available geometry (work area without the task bar), capped by
what it would like, and the main window opens maximised on a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# Below this the main window opens maximised: a smaller window would hide half its tables.
SMALL_SCREEN = QSize(1280, 720)
MAIN_SIZE = QSize(1280, 760)


def available(widget: QWidget | None = None) -> QRect:
    """The work area of the screen `widget` is on (its parent's, or the primary screen)."""
    screen = None
    w = widget
    while w is not None and screen is None:
        screen = w.screen() if w.isWindow() or w.parentWidget() is None else None
        w = w.parentWidget()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def bounded(want: QSize, area: QRect, share: float = 0.95) -> QSize:
    """`want`, shrunk to `share` of the work area (never below a usable 320×240)."""
    return QSize(
        max(320, min(want.width(), int(area.width() * share))),
        max(240, min(want.height(), int(area.height() * share))),
    )


def fit_dialog(dialog: QWidget, want: QSize | None = None, share: float = 0.95) -> None:
    """Size `dialog` for its screen: what it wants (its size hint by default) but within the work
    area, its minimum never larger than the screen; centred over its parent or the screen."""
    area = available(dialog)
    hint = want or dialog.sizeHint()
    size = bounded(hint.expandedTo(dialog.minimumSize()), area, share)
    limit = bounded(QSize(area.width(), area.height()), area, share)
    dialog.setMinimumSize(dialog.minimumSize().boundedTo(limit))
    dialog.resize(size)
    parent = dialog.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else area.center()
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(centre)
    dialog.move(_inside(rect, area).topLeft())


def _inside(rect: QRect, area: QRect) -> QRect:
    r = QRect(rect)
    r.setWidth(min(r.width(), area.width()))
    r.setHeight(min(r.height(), area.height()))
    r.moveLeft(max(area.left(), min(r.left(), area.right() - r.width() + 1)))
    r.moveTop(max(area.top(), min(r.top(), area.bottom() - r.height() + 1)))
    return r


def is_small(area: QRect) -> bool:
    return area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()


def clamp_to_screen(window: QWidget) -> None:
    """After `restoreGeometry`: a window saved on a larger screen (or a second monitor since
    unplugged) is brought back inside the current work area, smaller if it must be."""
    area = available(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    if window.minimumWidth() > area.width() or window.minimumHeight() > area.height():
        window.setMinimumSize(window.minimumSize().boundedTo(area.size() - extra))
    inside = _inside(frame, area)
    if inside != frame:
        window.resize(inside.size() - extra)
        window.move(inside.topLeft())


def initial_main_size(area: QRect) -> QSize:
    return bounded(MAIN_SIZE, area, 0.96)


def show_main_window(window: QWidget) -> None:
    """Show the main window as it should open on this screen: maximised on a small screen (or
    when it was closed maximised), otherwise at its restored or default size, inside the screen."""
    area = available(window)
    clamp_to_screen(window)
    if is_small(area) or window.isMaximized():
        window.showMaximized()
    else:
        window.show()


def widen_for_hints(dialog: QWidget) -> None:
    """A text box whose example ("Ví dụ: …") is longer than the box gets the room to show it,
    as far as the screen allows."""
    from PySide6.QtWidgets import QLineEdit

    limit = int(available(dialog).width() * 0.6)
    grown = False
    for edit in dialog.findChildren(QLineEdit):
        hint = edit.placeholderText()
        if (
            not hint
            or edit.parent() is None
            or type(edit.parent()).__name__ in ("QComboBox", "QAbstractSpinBox")
        ):
            continue
        need = edit.fontMetrics().horizontalAdvance(hint) + 24
        if edit.width() < need and edit.minimumWidth() < need:
            edit.setMinimumWidth(min(need, limit))
            grown = True
    if grown:
        dialog.resize(dialog.size().expandedTo(dialog.sizeHint()))


def grow_for_wrapped_text(dialog: QWidget) -> None:
    """A dialog sized from its size hint is too short for its word-wrapped labels at a large
    font (Qt's hint ignores height-for-width): make it as tall as its layout needs at its width,
    within the screen."""
    lay = dialog.layout()
    if lay is None or not lay.hasHeightForWidth():
        return
    area = available(dialog)
    width = dialog.width()
    need = lay.totalHeightForWidth(width)
    # taller than the screen: widen (up to the screen) so the lines get longer and fewer
    cap = int(area.width() * 0.95)
    while need > area.height() and width < cap:
        width = min(cap, int(width * 1.25) + 1)
        need = lay.totalHeightForWidth(width)
    if need > dialog.height() or width > dialog.width():
        dialog.resize(width, min(max(need, dialog.height()), area.height()))


class _ScreenGuard(QObject):
    """App-wide: any dialog about to be shown larger than its screen's work area (a message box
    with a long text, a dialog a page sized for a big screen) is shrunk and moved inside it."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QDialog) and obj.isWindow():
            widen_for_hints(obj)
            grow_for_wrapped_text(obj)
            area = available(obj)
            if (
                obj.width() > area.width()
                or obj.height() > area.height()
                or not area.contains(obj.frameGeometry())
            ):
                clamp_to_screen(obj)
        return False


_guard: _ScreenGuard | None = None


def install(app: QApplication) -> None:
    """Once per application, before any dialog is shown."""
    global _guard
    if _guard is None:
        _guard = _ScreenGuard(app)
        app.installEventFilter(_guard)
