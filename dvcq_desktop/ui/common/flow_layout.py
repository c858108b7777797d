"""A row of buttons and fields that wraps onto a second line when the window is too narrow.

A toolbar laid out in a QHBoxLayout squeezes its buttons below their text ("Tải mẫu E…") on a
1024×600 screen or at 175 % text. In a `FlowLayout` every item keeps its size hint and moves to
the next line when the line is full; on each line, the room left over goes to the items that can
grow (search boxes, combo boxes: horizontal policy Expanding), so a wide window looks like the old
single row. A stretch (`addStretch`) pushes the items after it to the right end of their line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._widgets: list[QWidget] = []
        self._spacing = spacing
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    # ---- QLayout's bookkeeping ---------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def addStretch(self, _stretch: int = 1) -> None:  # noqa: N802 - the QBoxLayout name
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def addSpacing(self, size: int) -> None:  # noqa: N802 - the QBoxLayout name
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    def addWidget(self, widget: QWidget, _stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        # A widget added before the layout has a parent widget has no owner yet: keep it alive
        # (Python would delete it and Qt would lay out a dangling pointer).
        self._widgets.append(widget)
        super().addWidget(widget)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """One line: every item side by side."""
        width = sum(self._hint(i).width() for i in self._visible()) + self._spacing * max(
            0, len(self._visible()) - 1
        )
        height = max((self._hint(i).height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as the widest single item."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(self._hint(item))
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ---- laying out --------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty() or isinstance(i, QSpacerItem)]

    @staticmethod
    def _stretch(item: QLayoutItem) -> bool:
        return (
            isinstance(item, QSpacerItem)
            and item.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
        )

    @classmethod
    def _hint(cls, item: QLayoutItem) -> QSize:
        if isinstance(item, QSpacerItem):
            return QSize(0 if cls._stretch(item) else item.sizeHint().width(), 0)
        return item.sizeHint().expandedTo(item.minimumSize())

    @staticmethod
    def _grows(item: QLayoutItem) -> bool:
        w = item.widget()
        grow = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        return w is not None and w.sizePolicy().horizontalPolicy() in grow

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = self._hint(item).width()
            if lines[-1] and used + self._spacing + w > width and not isinstance(item, QSpacerItem):
                lines.append([])
                used = 0
            if not lines[-1] and isinstance(item, QSpacerItem):
                continue  # a stretch at the start of a line does nothing
            used += (self._spacing if lines[-1] else 0) + w
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = inner.y()
        for line in self._lines(max(1, inner.width())):
            hints = [self._hint(i) for i in line]
            height = max(h.height() for h in hints)
            spare = inner.width() - sum(h.width() for h in hints) - self._spacing * (len(line) - 1)
            growers = [i for i in line if self._grows(i)]
            spacers = [i for i in line if self._stretch(i)]
            takers = growers or spacers
            x = inner.x()
            for item, hint in zip(line, hints, strict=True):
                w = hint.width()
                if spare > 0 and item in takers:
                    w += spare // len(takers)
                if apply and not isinstance(item, QSpacerItem):
                    item.setGeometry(
                        QRect(QPoint(x, y + (height - hint.height()) // 2), QSize(w, hint.height()))
                    )
                x += w + self._spacing
            y += height + self._spacing
        return y - self._spacing - inner.y() + m.top() + m.bottom() if self._items else 0
