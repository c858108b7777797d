"""A catalogue unit as a row of the `units` table and back (the table is the workspace's own,
editable copy of the catalogue)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from dvcq_desktop.domain.catalog import Unit


def unit_row(u: Unit, catalog_id: str, *, custom: bool = False) -> dict[str, Any]:
    d = asdict(u)
    for k in ("valid_from", "valid_to"):
        if isinstance(d.get(k), date):
            d[k] = d[k].isoformat()
    d["expected"] = int(bool(d.get("expected", True)))
    d["editable"] = int(bool(d.get("editable", False)))
    d.pop("kind", None)  # resolved from level and name (domain.unit_kinds); not a stored column
    d.update(catalog_id=catalog_id, version=1, custom=int(custom))
    return d


def unit_from_row(r: dict[str, Any]) -> Unit:
    return Unit(
        code=r["code"],
        name=r["name"],
        level=r["level"],
        parent=r["parent"],
        valid_from=date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
        valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
        successor=r["successor"],
        issuer=r["issuer"],
        parent_body=r["parent_body"],
        place=r["place"],
        symbol=r["symbol"],
        expected=bool(r["expected"]),
        editable=bool(r["editable"]),
    )
