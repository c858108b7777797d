"""The app's calm look: one light stylesheet and the font scale for older eyes.

Sizes in the stylesheet are in relative units or pixels for spacing only, never font points, so
the font scale set on the QApplication reaches every widget (the Cài đặt page calls
`apply_font_scale` again when the officer changes it).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from dvcq_desktop.resources import resource_path

BASE_POINT_SIZE = 10.0
MIN_SCALE, MAX_SCALE = 0.8, 2.0

ACCENT = "#2f6f9f"
ERROR = "#b3261e"
WARNING = "#9a6700"

_SHEET = f"""
QListWidget#sidebar {{
    background: #eef2f6; border: none; border-right: 1px solid #d5dde5;
    padding-top: 8px; outline: none;
}}
QListWidget#sidebar::item {{ padding-left: 12px; margin: 2px 8px; border-radius: 5px; color: #1f2d3a; }}
QListWidget#sidebar::item:hover {{ background: #dde6ee; }}
QListWidget#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#pageTitle {{ font-weight: 600; color: #1f2d3a; font-size: {{title_pt}}pt; }}
QWizard QListWidget::item {{ padding: 3px 2px; }}
QLabel#fieldError {{ color: {ERROR}; }}
QLabel#fieldWarning {{ color: {WARNING}; }}
QFrame#undoBar, QFrame#draftBar {{
    background: #fff6d6; border: 1px solid #e6d38a; border-radius: 5px;
}}
QTableView {{ gridline-color: #e3e8ee; selection-background-color: #cfe0ef;
              selection-color: #111; alternate-background-color: #f7f9fb; }}
QHeaderView::section {{ background: #f1f4f7; border: none; border-bottom: 1px solid #d5dde5;
                        border-right: 1px solid #e3e8ee; padding: 5px 6px; font-weight: 600; }}
QStatusBar {{ background: #f4f6f8; border-top: 1px solid #dde3e9; }}
QStatusBar QLabel {{ padding: 0 8px; color: #34495e; }}
QPushButton {{ padding: 5px 12px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #285f88;
                       border-radius: 4px; }}
QPushButton#primary:disabled {{ background: #9bb5ca; }}
QGroupBox {{ font-weight: 600; margin-top: 10px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
"""


def stylesheet(scale: float = 1.0) -> str:
    """The sheet for a font scale: page titles are sized here (in points, so derived from the
    scale) so every page's title matches without each page sizing its own."""
    return _SHEET.replace("{title_pt}", f"{BASE_POINT_SIZE * 1.35 * clamp_scale(scale):.1f}")


def clamp_scale(value: object) -> float:
    try:
        scale = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return min(MAX_SCALE, max(MIN_SCALE, scale))


def apply_font_scale(app: QApplication, scale: object) -> None:
    """Sets the app-wide font and the sheet sized for it; widgets created before follow because
    none set their own size."""
    scale = clamp_scale(scale)
    sheet = stylesheet(scale)
    if app.font().pointSizeF() == BASE_POINT_SIZE * scale and app.styleSheet() == sheet:
        return  # re-setting the sheet would re-polish every widget for nothing
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    if app.styleSheet():
        # With a style sheet, Qt pins each widget's font when it is polished, so existing widgets
        # would keep the old size; clearing the sheet first re-polishes them with the new font.
        app.setStyleSheet("")
    app.setStyleSheet(sheet)


def apply_style(app: QApplication, scale: object = 1.0) -> None:
    """The look and the font scale, before any widget exists: the sheet is parsed once."""
    app.setStyle("Fusion")  # the same look on every Windows version, and offscreen for screenshots
    apply_font_scale(app, scale)


def app_icon() -> QIcon:
    """The app icon from its SVG source (QtSvg renders it at every size; no PNG in the repo)."""
    return QIcon(str(resource_path("icons", "app.svg")))
