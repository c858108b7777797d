"""The first-run wizard as a new officer meets it: typing goes to the search box the page asks
for, long plan titles wrap, and only the units that report are offered to a reporting unit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.ui.wizard.wizard import FirstRunWizard


@pytest.fixture
def wizard(qtbot: QtBot, app_paths: AppPaths) -> Iterator[FirstRunWizard]:
    wiz = FirstRunWizard(app_paths)
    qtbot.addWidget(wiz)
    wiz.resize(720, 540)
    wiz.show()
    qtbot.waitExposed(wiz)
    wiz.activateWindow()
    yield wiz


def _codes(lst: QListWidget) -> list[str]:
    return [str(lst.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(lst.count())]


def test_the_unit_page_takes_typing_in_its_search_box(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    wizard.next()
    page = wizard.unit_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.filter_edit, timeout=2000)
    typed_into = QApplication.focusWidget()
    assert typed_into is not None
    qtbot.keyClicks(typed_into, "hiep ninh")  # the space as well: it must not open the combo
    assert page.filter_edit.text() == "hiep ninh"
    assert not page.catalog_combo.view().isVisible()
    visible = [
        page.unit_list.item(i) for i in range(page.unit_list.count()) if not page.unit_list.item(i).isHidden()
    ]
    assert visible and all("Hiệp Ninh" in item.text() for item in visible)


def test_a_reporting_unit_is_not_offered_the_receiving_office(wizard: FirstRunWizard) -> None:
    wizard.next()
    page = wizard.unit_page
    cat = page.catalog()
    codes = _codes(page.unit_list)
    assert cat.aggregator not in codes
    assert codes and set(codes) == {u.code for u in cat.reporting_units()} - {cat.aggregator}


def test_the_receiving_office_finds_itself_chosen(wizard: FirstRunWizard) -> None:
    wizard.role_page.agg_radio.setChecked(True)
    wizard.next()
    page = wizard.unit_page
    assert page.unit().code == page.catalog().aggregator


def test_long_plan_titles_wrap(wizard: FirstRunWizard) -> None:
    wizard.next()
    wizard.next()
    lst = wizard.plan_page.plan_list
    assert lst.isVisible() and lst.count() > 0
    for i in range(lst.count()):
        item = lst.item(i)
        width = lst.viewport().width() - 12  # the item's margins
        needed = lst.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        assert lst.visualItemRect(item).height() >= needed.height(), item.text()
