"""The office's Tình hình nộp: each card filters the table to exactly the units it counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.aggregator_helpers import export_units, make_units

from dvcq_desktop.services import intake
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.office.board_page import BoardPage


@pytest.fixture(scope="module")
def usb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    units = make_units(tmp_path_factory.mktemp("units"), ("TPTN-P1", "TPTN-P2"), activities=3)
    return export_units(units.values(), tmp_path_factory.mktemp("usb") / "bao-cao")


def test_each_card_filters_the_table_to_its_units(qtbot: QtBot, actx: AppContext, usb: Path) -> None:
    intake.import_packages(actx.workspace, [usb])
    board = BoardPage(actx)
    qtbot.addWidget(board)
    board.show()
    board.refresh()
    everyone = len(board.visible_rows())
    assert everyone > 2
    for key in ("received", "missing", "on_time", "late"):
        card = board.cards[key]
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        shown = board.visible_rows()
        assert len(shown) == int(card.number.text().replace(".", "")), key  # what the card counts
        assert "2px solid" in card.styleSheet()  # the card of the filter on is marked
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)  # a second click shows all again
        assert len(board.visible_rows()) == everyone
        assert "1px solid" in card.styleSheet()
    received = {r.unit_code for r in board.visible_rows() if r.status != "missing"}
    qtbot.mouseClick(board.cards["received"], Qt.MouseButton.LeftButton)
    assert {r.unit_code for r in board.visible_rows()} == received == {"TPTN-P1", "TPTN-P2"}
    # The card answers the keyboard too, and the combo takes over when chosen.
    board.cards["missing"].setFocus()
    qtbot.keyClick(board.cards["missing"], Qt.Key.Key_Space)
    assert {r.status for r in board.visible_rows()} == {"missing"}
    board.status_combo.setCurrentIndex(2)  # Đã nộp, chosen in the combo: the card's filter is off
    assert {r.unit_code for r in board.visible_rows()} == received
    assert all("1px solid" in c.styleSheet() for c in board.cards.values())
    qtbot.mouseClick(board.cards["expected"], Qt.MouseButton.LeftButton)  # Phải nộp: all of them
    assert len(board.visible_rows()) == everyone
