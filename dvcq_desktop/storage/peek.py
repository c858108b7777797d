"""A glance at a workspace before it is opened: what the window's frame needs to look right.

The main window's frame (sidebar for the role, the unit in the title, the saved size) is shown
before the storage layer is even imported — that import and the full open take longer than
Python and Qt together. So this reads a few settings with the standard `sqlite3` module, on a
short-lived connection, and never raises: anything odd (a damaged file, a schema from another
version, a lock) gives None and the frame is drawn plain; `Workspace.open` then reports it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from dvcq_desktop.paths import DB_FILENAME

log = logging.getLogger(__name__)

ROLES = ("unit", "aggregator")
GEOMETRY_KEY = "window_geometry"  # the window's saved size, a workspace setting


@dataclass(frozen=True)
class Glance:
    role: str
    unit_name: str
    geometry: str  # base64 of QWidget.saveGeometry(), "" if never saved
    font_scale: object  # as stored; the GUI clamps it


def glance(root: Path) -> Glance | None:
    path = Path(root) / DB_FILENAME
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(path, timeout=0.1)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA query_only = ON")
        keys = ("role", "unit_code", GEOMETRY_KEY, "font_scale")
        values = {
            k: json.loads(v)
            for k, v in con.execute("SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)", keys)
        }
        row = con.execute(
            "SELECT name FROM units WHERE code = ? ORDER BY version DESC LIMIT 1", [values.get("unit_code")]
        ).fetchone()
        role = values.get("role")
        if role not in ROLES:
            return None
        geometry = values.get(GEOMETRY_KEY)
        return Glance(
            role=role,
            unit_name=str(row[0]) if row else "",
            geometry=geometry if isinstance(geometry, str) else "",
            font_scale=values.get("font_scale", 1.0),
        )
    except (sqlite3.Error, ValueError, TypeError):
        log.info("no glance at %s before opening it", path, exc_info=True)
        return None
    finally:
        con.close()
