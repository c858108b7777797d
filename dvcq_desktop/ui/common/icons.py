"""The app's own line icons (resources/icons/pages/*.svg), drawn in the colour of each state.

The SVGs stroke in `currentColor`; each is rendered twice, in the sidebar's text colour and in
white for the selected (accent-filled) row, at the sizes the sidebar asks for. The svg image
plugin draws them (as it does the app icon), so no PNG is kept in the repository.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from dvcq_desktop.resources import resource_path

log = logging.getLogger(__name__)

INK = "#1f2d3a"  # the sidebar's text colour (style.py)
ON_ACCENT = "#ffffff"
SIZES = (16, 20, 24, 32, 40, 48)  # up to the sidebar at 175 % and a 2× screen


def _pixmap(svg: bytes, color: str, size: int) -> QPixmap:
    data = QByteArray(svg.replace(b"currentColor", color.encode("ascii")))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return QPixmap.fromImage(reader.read())


@cache
def line_icon(name: str) -> QIcon:
    """The icon `resources/icons/pages/<name>.svg`; an empty icon when it is missing."""
    path = resource_path("icons", "pages", f"{name}.svg")
    try:
        svg = path.read_bytes()
    except OSError:
        log.warning("icon %s missing", path)
        return QIcon()
    icon = QIcon()
    for size in SIZES:
        for mode, color in ((QIcon.Mode.Normal, INK), (QIcon.Mode.Selected, ON_ACCENT)):
            pm = _pixmap(svg, color, size)
            if not pm.isNull():
                icon.addPixmap(pm, mode)
    return icon


def page_icon(icon: str | QStyle.StandardPixmap, widget: QWidget) -> QIcon:
    """A page's sidebar icon: one of the app's line icons by name, or (for a page that has none
    yet) a standard Qt glyph."""
    if isinstance(icon, str):
        return line_icon(icon)
    return widget.style().standardIcon(icon)
