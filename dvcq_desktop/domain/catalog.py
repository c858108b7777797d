"""Unit catalogues: which units report, to whom, and how each one heads its documents.

Catalogues are versioned data (`resources/catalogs/*.json`), not code: after 01/7/2025 the
district level disappeared, names were reused for different areas, and the receiving office
changed from a city's Phòng Nội vụ to a province's Sở Nội vụ. A unit therefore carries its
validity window and a successor link, and reports stay bound to the unit as it was when filed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.jsondata import (
    builtin_paths,
    check_unique,
    content_hash,
    fail,
    find_builtin,
    read_json,
    validate,
)
from dvcq_desktop.domain.records import UnitRef
from dvcq_desktop.errors import DvcqError

__all__ = [
    "Catalog",
    "Unit",
    "builtin_catalog_paths",
    "catalog_from_data",
    "load_builtin_catalog",
    "load_catalog",
]

KIND = "catalog"
DEFAULT_CATALOG_ID = "tptn-2023"
LEVELS: dict[str, str] = {
    "phuong": "Phường",
    "xa": "Xã",
    "co_quan": "Cơ quan chuyên môn",
    "don_vi_su_nghiep": "Đơn vị sự nghiệp",
    "thanh_pho": "Thành phố",
    "tinh": "Tỉnh",
}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # "Phường 1", "Phường IV", "Xã Bình Minh", "Phòng Nội vụ"…
    level: str  # key of LEVELS
    parent: str | None
    valid_from: date | None  # None = since before the catalogue's records begin
    valid_to: date | None  # None = still in existence
    successor: str | None  # unit that took over after valid_to
    issuer: str  # cơ quan ban hành, IN HOA: "ỦY BAN NHÂN DÂN PHƯỜNG 1"
    parent_body: str  # cơ quan chủ quản, IN HOA ("" if none): "UBND THÀNH PHỐ TÂY NINH"
    place: str  # địa danh for the date line: "Phường 1", "Bình Minh", "Tây Ninh"
    symbol: str  # ký hiệu of its reports: "BC-UBND", "BC-PNV"
    expected: bool  # must report to the aggregator
    editable: bool = False  # the user may edit/remove it (the agency list is not published)
    kind: str = ""  # id in resources/unit-kinds.json ("" = resolved from level and name)

    def active_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def ref(self) -> UnitRef:
        return UnitRef(code=self.code, name=self.name, level=self.level, parent=self.parent)


@dataclass(frozen=True)
class Catalog:
    id: str
    title: str
    aggregator: str  # code of the unit that collects the reports
    receiving_office: str  # "Phòng Nội vụ thành phố Tây Ninh" — for "Kính gửi"
    reports_to: str  # where the aggregator sends its summary: "Sở Nội vụ tỉnh Tây Ninh"
    units: tuple[Unit, ...]
    version: str = "1"
    note: str = ""
    content_hash: str = ""
    source: str = ""

    def unit(self, code: str) -> Unit:
        for u in self.units:
            if u.code == code:
                return u
        raise DvcqError(
            "catalog_unit_unknown", detail=f"{code!r} not in {self.id}", unit_code=code, catalog_id=self.id
        )

    def has_unit(self, code: str) -> bool:
        return any(u.code == code for u in self.units)

    @property
    def aggregator_unit(self) -> Unit:
        return self.unit(self.aggregator)

    def active(self, on: date) -> list[Unit]:
        return [u for u in self.units if u.active_on(on)]

    def reporting_units(self, on: date | None = None) -> list[Unit]:
        """Units that must report (`expected`), limited to those in existence on `on` if given."""
        return [u for u in self.units if u.expected and (on is None or u.active_on(on))]

    def children(self, code: str) -> list[Unit]:
        return [u for u in self.units if u.parent == code]

    def current(self, code: str, on: date) -> Unit:
        """Follow successor links from `code` to the unit in existence on `on` (itself if still valid)."""
        unit, seen = self.unit(code), {code}
        while not unit.active_on(on) and unit.successor and unit.successor not in seen:
            seen.add(unit.successor)
            unit = self.unit(unit.successor)
        return unit


def builtin_catalog_paths() -> list[Path]:
    return builtin_paths("catalogs")


def load_catalog(path: Path | str) -> Catalog:
    return catalog_from_data(read_json(path, KIND), path)


def load_builtin_catalog(catalog_id: str = DEFAULT_CATALOG_ID) -> Catalog:
    cat = find_builtin("catalogs", catalog_id, load_catalog)
    if cat is None:
        raise DvcqError(
            "catalog_unknown", detail=f"no built-in catalogue {catalog_id!r}", catalog_id=catalog_id
        )
    return cat


def catalog_from_data(data: Any, path: Path | str = "<dữ liệu>", *, trusted: bool = False) -> Catalog:
    """`trusted`: see `plan_loader.plan_from_data` — the workspace's own stored copy."""
    if not trusted:
        validate(data, "catalog.schema.json", KIND, path)
    units_data: list[dict[str, Any]] = data["units"]
    check_unique(KIND, path, units_data, "code", "units")
    codes = {u["code"] for u in units_data}
    if data["aggregator"] not in codes:
        fail(KIND, path, "aggregator", f"không có đơn vị mã “{data['aggregator']}” trong danh sách units")
    units = []
    for i, u in enumerate(units_data):
        where = f"units[{i}]"
        for link in ("parent", "successor"):
            ref = u[link]
            if ref is not None and (ref not in codes or ref == u["code"]):
                fail(KIND, path, f"{where}.{link}", f"không có đơn vị mã “{ref}” (hoặc trỏ về chính nó)")
        start = date.fromisoformat(u["valid_from"]) if u["valid_from"] else None
        end = date.fromisoformat(u["valid_to"]) if u["valid_to"] else None
        if start and end and start > end:
            fail(KIND, path, f"{where}.valid_to", "ngày hết hiệu lực trước ngày bắt đầu hiệu lực")
        if u["successor"] is not None and end is None:
            fail(KIND, path, f"{where}.valid_to", "đơn vị có đơn vị kế thừa phải có ngày hết hiệu lực")
        units.append(
            Unit(
                code=u["code"],
                name=u["name"],
                level=u["level"],
                parent=u["parent"],
                valid_from=start,
                valid_to=end,
                successor=u["successor"],
                issuer=u["issuer"],
                parent_body=u["parent_body"],
                place=u["place"],
                symbol=u["symbol"],
                expected=u["expected"],
                kind=u.get("kind", ""),
                editable=u.get("editable", False),
            )
        )
    _check_parent_cycles(units, path)
    return Catalog(
        id=data["id"],
        title=data["title"],
        aggregator=data["aggregator"],
        receiving_office=data["receiving_office"],
        reports_to=data["reports_to"],
        units=tuple(units),
        version=data.get("version", "1"),
        note=data.get("note", ""),
        content_hash=content_hash(data),
        source=str(path),
    )


def _check_parent_cycles(units: list[Unit], path: Path | str) -> None:
    index = {u.code: (i, u) for i, u in enumerate(units)}
    for i, u in enumerate(units):
        seen, cur = {u.code}, u.parent
        while cur is not None:
            if cur in seen:
                fail(KIND, path, f"units[{i}].parent", "quan hệ đơn vị cấp trên bị vòng lặp")
            seen.add(cur)
            cur = index[cur][1].parent
