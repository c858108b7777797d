"""The app's own line icons (resources/icons/pages/*.svg), drawn in the colour of each state.

The SVGs stroke in `currentColor`; each is drawn in the sidebar's text colour, or in white for the
selected (accent-filled) row, at the size asked for (any font scale, any screen). The svg image
plugin draws them (as it does the app icon), so no PNG is kept in the repository.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from dvcq_desktop.resources import resource_path

log = logging.getLogger(__name__)

INK = "#1f2d3a"  # the sidebar's text colour (style.py)
ON_ACCENT = "#ffffff"
DISABLED = "#9aa5b1"


def _pixmap(svg: bytes, color: str, size: int) -> QPixmap:
    data = QByteArray(svg.replace(b"currentColor", color.encode("ascii")))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return QPixmap.fromImage(reader.read())


class _LineIconEngine(QIconEngine):
    """Draws the SVG at the size and in the colour of the state asked for, when asked: the
    sidebar is painted at the first frame, and rendering every size up front cost it ~20 ms."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._cache: dict[tuple[int, str], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        color = {QIcon.Mode.Selected: ON_ACCENT, QIcon.Mode.Disabled: DISABLED}.get(mode, INK)
        if (side, color) not in self._cache:
            self._cache[(side, color)] = _pixmap(self._svg, color, side)
        return self._cache[(side, color)]

    def scaledPixmap(  # noqa: N802 - Qt override
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        # Qt's default ignores `scale`: at 150 % Windows scaling the icons would be blown up.
        device = QSize(round(size.width() * scale), round(size.height() * scale))
        out = self.pixmap(device, mode, state).copy()
        out.setDevicePixelRatio(scale)
        return out

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def clone(self) -> QIconEngine:
        return _LineIconEngine(self._svg)


@cache
def line_icon(name: str) -> QIcon:
    """The icon `resources/icons/pages/<name>.svg`; an empty icon when it is missing."""
    path = resource_path("icons", "pages", f"{name}.svg")
    try:
        svg = path.read_bytes()
    except OSError:
        log.warning("icon %s missing", path)
        return QIcon()
    return QIcon(_LineIconEngine(svg))


def page_icon(icon: str | QStyle.StandardPixmap, widget: QWidget) -> QIcon:
    """A page's sidebar icon: one of the app's line icons by name, or (for a page that has none
    yet) a standard Qt glyph."""
    if isinstance(icon, str):
        return line_icon(icon)
    return widget.style().standardIcon(icon)
