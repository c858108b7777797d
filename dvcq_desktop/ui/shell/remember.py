"""What the window remembers between sessions, in the workspace's settings: the page the officer
last worked on and the column widths they dragged in each table."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QTableView, QWidget

from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)

LAST_PAGE_KEY = "last_page"
COLUMNS_KEY = "column_widths"  # {"<page>/<n>": base64 QHeaderView state}


def last_page(ws: Workspace, keys: list[str]) -> str | None:
    saved = ws.setting(LAST_PAGE_KEY)
    return saved if isinstance(saved, str) and saved in keys else None


def _tables(page: object) -> list[QTableView]:
    """The page's tables in a stable order (creation order), nested dialogs excluded."""
    if not isinstance(page, QWidget):
        return []
    return [t for t in page.findChildren(QTableView) if t.window() is page.window()]


def save(ws: Workspace, current: str | None, pages: Mapping[str, object]) -> None:
    """At close: the current page, and the header state of every table of the pages opened."""
    if current:
        ws.set_setting(LAST_PAGE_KEY, current)
    states = ws.setting(COLUMNS_KEY)
    states = dict(states) if isinstance(states, dict) else {}
    for key, page in pages.items():
        for n, table in enumerate(_tables(page)):
            state = table.horizontalHeader().saveState().toBase64().data()
            states[f"{key}/{n}"] = bytes(state).decode("ascii")
    ws.set_setting(COLUMNS_KEY, states)


def restore_columns(ws: Workspace, key: str, page: object) -> None:
    """When a page is built: the widths saved for its tables (a table whose columns changed
    since, after an update, keeps its own; Qt refuses a state that does not fit)."""
    try:
        states = ws.setting(COLUMNS_KEY)
    except Exception:  # noqa: BLE001 - widths are a comfort, never a reason to fail a page
        log.warning("column widths unavailable", exc_info=True)
        return
    if not isinstance(states, dict):
        return
    for n, table in enumerate(_tables(page)):
        saved = states.get(f"{key}/{n}")
        if isinstance(saved, str) and saved:
            header = table.horizontalHeader()
            if not header.restoreState(QByteArray.fromBase64(saved.encode("ascii"))):
                log.info("column widths of %s/%d did not fit; the table keeps its own", key, n)
