"""Pieces shared by the receiving office's pages: titles, big-number cards, colours.

Work on the database runs through `ui.workers.in_worker` (a Workspace on the worker's own connection).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from dvcq_desktop.ui.common.context import AppContext

log = logging.getLogger(__name__)

# Import outcomes: background tint and text colour (light tints keep black text readable).
OUTCOME_COLORS: dict[str, tuple[str, str]] = {
    "new": ("#e3f4e6", "#1b5e20"),
    "newer-revision": ("#e1eefa", "#0d47a1"),
    "duplicate": ("#eeeeee", "#555555"),
    "older-revision": ("#fff3d6", "#7a5200"),
    "conflict": ("#fde2e0", "#b3261e"),
    "rejected": ("#fde2e0", "#b3261e"),
}
# Board statuses (services.board constants).
STATUS_COLORS: dict[str, tuple[str, str]] = {
    "missing": ("#fde2e0", "#b3261e"),
    "on_time": ("#e3f4e6", "#1b5e20"),
    "late": ("#fff3d6", "#7a5200"),
    "revised": ("#e1eefa", "#0d47a1"),
}


def brush_pair(colors: tuple[str, str]) -> tuple[QColor, QColor]:
    return QColor(colors[0]), QColor(colors[1])


class StatCard(QFrame):
    """One big number with its caption and an optional second line (a rate)."""

    clicked = Signal()  # only once `make_clickable` was called

    def __init__(self, caption: str, color: str = "#1f2d3a", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self._clickable = False
        self.set_active(False)
        self.number = QLabel("–")
        f = self.number.font()
        f.setPointSizeF(f.pointSizeF() * 2.2)
        f.setBold(True)
        self.number.setFont(f)
        self.number.setStyleSheet(f"color: {color}; border: none;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #34495e; border: none;")
        self.extra = QLabel("")
        self.extra.setWordWrap(True)  # "hạn nộp 01/11/2023" takes two lines in a narrow card
        self.extra.setStyleSheet("color: #5f6b76; border: none;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(0)
        for w in (self.number, self.caption, self.extra):
            w.setAlignment(Qt.AlignmentFlag.AlignLeft)
            lay.addWidget(w)

    def set_value(self, number: str, extra: str = "") -> None:
        self.number.setText(number)
        self.extra.setText(extra)

    def make_clickable(self, tip: str) -> None:
        """A card that filters what is below it: a click, or Space/Enter when it has the focus."""
        self._clickable = True
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(tip)
        self.setAccessibleName(self.caption.text())

    def set_active(self, active: bool) -> None:
        """The card whose filter is on gets the accent frame."""
        border = "2px solid #2f6f9f" if active else "1px solid #dde3e9"
        self.setStyleSheet(
            f"QFrame#statCard {{ background: #f7f9fb; border: {border}; border-radius: 6px; }}"
            "QFrame#statCard:focus { border: 2px dotted #2f6f9f; }"
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self._clickable and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's program (Word, Excel, Explorer)."""
    ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    if not ok:
        log.warning("could not open %s", path)
    return bool(ok)


def period_label(ctx: AppContext, period_id: str | None) -> str:
    if not period_id:
        return ""
    try:
        return ctx.workspace.plan.period(period_id).label
    except Exception:  # noqa: BLE001 - a foreign package's period is shown as sent
        return period_id


def cell(value: Any) -> str:
    return "" if value is None else str(value)
