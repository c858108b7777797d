"""A grey sentence centred in an empty table or list ("Chưa xuất gói lần nào."), hidden as soon as
the view has a row: a blank white box reads to an officer as "the program is broken"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QLabel):
    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #5b6b7a; background: transparent; padding: 12px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update_visibility)
        self.update_visibility()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False

    def update_visibility(self) -> None:
        self.setGeometry(self.view.viewport().rect())
        self.setVisible(self.view.model().rowCount() == 0)


def empty_hint(view: QAbstractItemView, text: str) -> EmptyHint:
    """Attach the hint to `view` (kept as `view.empty_hint` for tests) and return it."""
    hint = EmptyHint(view, text)
    view.empty_hint = hint  # type: ignore[attr-defined]
    return hint
