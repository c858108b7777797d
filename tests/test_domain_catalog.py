"""Built-in unit catalogues load; broken copies are rejected naming file and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dvcq_desktop.domain.catalog import builtin_catalog_paths, load_builtin_catalog, load_catalog
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.resources import resource_path

WARDS_2023 = [
    "TPTN-P1",
    "TPTN-P2",
    "TPTN-P3",
    "TPTN-P4",
    "TPTN-HN",
    "TPTN-NS",
    "TPTN-NT",
    "TPTN-BM",
    "TPTN-TB",
    "TPTN-TT",
]


def raw(name: str = "tptn-2023") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("catalogs", f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_builtin_catalogues_load() -> None:
    ids = {load_catalog(p).id for p in builtin_catalog_paths()}
    assert ids == {"tptn-2023", "tay-ninh-2025"}


def test_2023_catalogue_has_the_ten_wards() -> None:
    cat = load_builtin_catalog()
    assert cat.id == "tptn-2023" and cat.aggregator == "TPTN"
    assert cat.aggregator_unit.name == "Thành phố Tây Ninh"
    assert "Phòng Nội vụ" in cat.receiving_office and cat.reports_to == "Sở Nội vụ tỉnh Tây Ninh"
    wards = [u for u in cat.units if u.level in ("phuong", "xa")]
    assert [u.code for u in wards] == WARDS_2023
    assert sum(u.level == "phuong" for u in wards) == 7 and sum(u.level == "xa" for u in wards) == 3
    p4 = cat.unit("TPTN-P4")
    assert (p4.name, p4.place, p4.issuer) == ("Phường IV", "Phường IV", "ỦY BAN NHÂN DÂN PHƯỜNG IV")
    bm = cat.unit("TPTN-BM")
    assert (bm.name, bm.place, bm.symbol, bm.parent_body) == (
        "Xã Bình Minh",
        "Bình Minh",
        "BC-UBND",
        "UBND THÀNH PHỐ TÂY NINH",
    )
    agencies = [u for u in cat.units if u.level in ("co_quan", "don_vi_su_nghiep")]
    assert len(agencies) == 11 and all(u.editable and u.expected for u in agencies)
    assert cat.unit("TPTN-PNV").symbol == "BC-PNV" and cat.unit("TPTN-PNV").issuer == "PHÒNG NỘI VỤ"
    reporting = cat.reporting_units(date(2023, 10, 1))
    assert len(reporting) == 21 and "TPTN" not in {u.code for u in reporting}
    assert cat.unit("TPTN-P1").ref().parent == "TPTN"
    with pytest.raises(DvcqError) as info:
        cat.unit("XX")
    assert info.value.code == "catalog_unit_unknown" and "XX" in info.value.message


def test_2025_catalogue_maps_every_2023_ward_to_a_successor() -> None:
    cat = load_builtin_catalog("tay-ninh-2025")
    assert cat.aggregator == "TN" and "Sở Nội vụ" in cat.receiving_office
    assert "minh họa" in cat.note
    after, before = date(2025, 7, 1), date(2025, 6, 30)
    new = {u.code for u in cat.reporting_units(after)}
    assert {cat.unit(c).name for c in new} == {"Phường Tân Ninh", "Phường Bình Minh", "Phường Ninh Thạnh"}
    for code in WARDS_2023:
        old = cat.unit(code)
        assert old.valid_to == before and old.successor in new
        assert old.active_on(before) and not old.active_on(after)
        assert cat.current(code, after).code == old.successor
        assert cat.current(code, before).code == code
    assert cat.unit("TPTN-NT").successor == "TN-NINH-THANH"
    assert {u.code for u in cat.active(after)} == new | {"TN"}


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["units"][3].pop("issuer"), "units[3].issuer"),
        (lambda d: d["units"][2].__setitem__("parent", "KHONG-CO"), "units[2].parent"),
        (lambda d: d["units"][2].__setitem__("expected", "có"), "units[2].expected"),
        (lambda d: d["units"][2].__setitem__("level", "huyen"), "units[2].level"),
        (lambda d: d["units"][4].__setitem__("code", d["units"][1]["code"]), "units[4].code"),
        (lambda d: d.__setitem__("aggregator", "XX"), "aggregator"),
        (lambda d: d["units"][1].update(valid_to="2025-06-30", successor="NOWHERE"), "units[1].successor"),
        (lambda d: d["units"][1].update(valid_from="2025-07-01", valid_to="2025-06-30"), "units[1].valid_to"),
    ],
)
def test_broken_catalogue_names_file_and_field(tmp_path: Path, mutate: Any, field: str) -> None:
    data = raw()
    mutate(data)
    path = tmp_path / "cat.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DvcqError) as info:
        load_catalog(path)
    assert info.value.code == "catalog_invalid"
    assert info.value.params["field"] == field
    assert str(path) in info.value.message and f"“{field}”" in info.value.message


def test_unreadable_and_unknown_catalogue(tmp_path: Path) -> None:
    bad = tmp_path / "cat.json"
    bad.write_bytes(b"\xff\xfe not json")
    with pytest.raises(DvcqError) as info:
        load_catalog(bad)
    assert info.value.code == "catalog_unreadable" and str(bad) in info.value.message
    with pytest.raises(DvcqError) as info:
        load_catalog(tmp_path / "none.json")
    assert info.value.code == "catalog_missing"
    with pytest.raises(DvcqError) as info:
        load_builtin_catalog("nope")
    assert info.value.code == "catalog_unknown"
