"""The font scale reaches widgets that already exist, even under the app style sheet."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.common.style import BASE_POINT_SIZE, apply_font_scale, apply_style, clamp_scale


def test_font_scale_reaches_existing_widgets(qapp: QApplication, qtbot: QtBot) -> None:
    apply_style(qapp)
    apply_font_scale(qapp, 1.0)
    label = QLabel("Cỡ chữ")
    qtbot.addWidget(label)
    label.show()
    try:
        apply_font_scale(qapp, 1.4)
        qtbot.waitUntil(lambda: label.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.4))
    finally:
        apply_font_scale(qapp, 1.0)


def test_clamp_scale() -> None:
    assert clamp_scale("1.25") == 1.25
    assert clamp_scale(None) == 1.0
    assert clamp_scale(9) == 2.0 and clamp_scale(0.1) == 0.8


def test_styling_again_keeps_the_style_that_widgets_use(qapp: QApplication, qtbot: QtBot) -> None:
    """Every test context styles the application as the app does at start; a second setStyle would
    delete the style that live widgets still point to (the suite crashed in the event loop later)."""
    apply_style(qapp)
    label = QLabel("Kiểu")
    qtbot.addWidget(label)
    label.show()
    before = (qapp.style(), label.style())
    apply_style(qapp)
    assert (qapp.style(), label.style()) == before
