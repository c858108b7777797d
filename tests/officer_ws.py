"""Helpers for the officer-page tests (indicators, overview, settings, Excel, suggestions).

A real unit workspace in tmp_path built through the same use case the wizard and CLI use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.workspace import Workspace


def make_ws(root: Path) -> Workspace:
    return init_workspace(root, role="unit", unit_code="TPTN-P1")


def act(type_id: str = "tuyen_truyen", area_id: str = "A2", day: date = date(2023, 3, 5),
        **kw: Any) -> Activity:
    fields: dict[str, Any] = {"title": f"Hoạt động {type_id}", "status": "done"} | kw
    return Activity(id=activities.new_id(), area_id=area_id, type_id=type_id, start_date=day, **fields)
