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
QStatusBar QLabel[alarm="true"] {{ color: {ERROR}; font-weight: 600; }}
QPushButton {{ padding: 5px 12px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #285f88;
                       border-radius: 4px; }}
QPushButton#primary:disabled {{ background: #9bb5ca; }}
/* read-only text (a workspace open for viewing only): readable and selectable, visibly not for typing */
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {{
    background: #f1f4f7; color: #34495e; border: 1px solid #d5dde5; border-radius: 3px;
}}
QCheckBox::indicator, QRadioButton::indicator {{ width: {{ind_px}}px; height: {{ind_px}}px; }}
QGroupBox {{ font-weight: 600; margin-top: {{group_px}}px; padding-top: 4px; }}
QGroupBox::title {{ subcontrol-origin: margin; subcontrol-position: top left; left: 8px; padding: 0 4px; }}
"""


def stylesheet(scale: float = 1.0) -> str:
    """The sheet for a font scale: page titles are sized here (in points, so derived from the
    scale) so every page's title matches without each page sizing its own."""
    scale = clamp_scale(scale)
    # A group box's title sits in its top margin: the margin is a line of the scaled font, so the
    # frame's top line passes under the title at every scale, never through it.
    group_px = round(BASE_POINT_SIZE * scale * 96 / 72 * 1.45) + 2
    return (
        _SHEET.replace("{title_pt}", f"{BASE_POINT_SIZE * 1.35 * scale:.1f}")
        .replace("{group_px}", str(group_px))
        .replace("{ind_px}", str(round(13 * scale)))
    )  # check boxes grow with the text beside them


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


STYLED = "dvcqFusionStyle"  # application property: the base style is set


def apply_style(app: QApplication, scale: object = 1.0) -> None:
    """The look and the font scale, before any widget exists: the sheet is parsed once."""
    # The same look on every Windows version, and offscreen for screenshots. Once per application:
    # setStyle deletes the style that existing widgets still point to (a second call, with widgets
    # alive, crashed in the event loop later).
    if not app.property(STYLED):
        app.setStyle("Fusion")
        app.setProperty(STYLED, True)
    from dvcq_desktop.ui.common import header_fit, screen_fit

    header_fit.install(app)  # column headers as wide as their text at every font scale
    screen_fit.install(app)  # no dialog larger than the screen it opens on
    apply_font_scale(app, scale)


def app_icon() -> QIcon:
    """The app icon from its SVG source (QtSvg renders it at every size; no PNG in the repo)."""
    return QIcon(str(resource_path("icons", "app.svg")))
