"""The built-in plan loads and is consistent; broken copies are rejected naming file and field."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from dvcq_desktop.domain.plan_loader import builtin_plan_paths, content_hash, load_builtin_plan, load_plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.resources import resource_path

PLAN_FILE = resource_path("plans", "tptn-dvcq-2023.json")
# The seed plan text the built-in plan was transcribed from sits beside the checkout, not in it.
SEED = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "seed"
    / "ke-hoach-dan-van-chinh-quyen-tp-tay-ninh-2023.txt"
)

SEED_TITLES = [
    "Tổ chức quán triệt và thể chế hóa chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác dân vận",
    "Tiếp tục đẩy mạnh công tác tuyên truyền, giáo dục nâng cao nhận thức về công tác dân vận; gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Thực hiện Chương trình cải cách hành chính, chương trình chuyển đổi số và thực hiện Quy chế dân chủ ở cơ sở",
    "Thực hiện có hiệu quả công tác tiếp dân, xử lý đơn thư khiếu nại, tố cáo",
    "Nâng cao đạo đức công vụ, tinh thần trách nhiệm, ý thức phục vụ nhân dân của cán bộ công chức, viên chức",
    "Phối hợp chặt chẽ với Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội",
]


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any, name: str = "plan.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_builtin_plan_loads() -> None:
    plan = load_builtin_plan()
    assert plan.id == "tptn-dvcq-2023" and plan.version == "1"
    assert plan.number == "…/KH-UBND" and plan.issued == "05/2023"
    # the trích yếu says what the report is about (REPORT-LANGUAGE.md); the plan title cites the directive
    assert plan.trich_yeu == "Kết quả thực hiện công tác dân vận chính quyền năm 2023"
    assert "33/CT-TTg" in plan.title
    assert any("1243/KH-UBND" in line for line in plan.legal_basis)
    assert PLAN_FILE in builtin_plan_paths()
    assert len(plan.content_hash) == 64 and plan.source == str(PLAN_FILE)


def test_six_areas_in_order_with_seed_titles() -> None:
    plan = load_builtin_plan()
    assert [a.id for a in plan.areas] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert [a.number for a in plan.areas] == [1, 2, 3, 4, 5, 6]
    assert [a.title for a in plan.areas] == SEED_TITLES
    assert all(a.short_title and len(a.short_title) < 40 for a in plan.areas)


@pytest.mark.skipif(
    not SEED.exists(), reason="seed plan text not found at ../shared/seed/ beside the checkout"
)
def test_areas_match_the_seed_plan_text() -> None:
    """The built-in plan has not drifted from the seed it was transcribed from."""
    plan = load_builtin_plan()
    seed = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    for a in plan.areas:
        assert f"{a.number}. {a.title}" in seed
        assert a.description.split(";")[0][:80] in seed


def test_indicators_areas_and_references_are_consistent() -> None:
    plan = load_builtin_plan()
    areas = {a.id for a in plan.areas}
    types = {t.id for t in plan.activity_types}
    assert all(i.area_id in areas for i in plan.indicators)
    assert all(plan.indicators_of(a) for a in areas), "every area has indicators"
    for i in plan.indicators:
        assert i.sentence and "{value}" in i.sentence
        if i.kind == "ratio":
            assert i.unit == "%" and i.aggregate == "ratio" and i.suggest is None
            assert plan.indicator(i.numerator or "").kind == "count"
            assert plan.indicator(i.denominator or "").kind == "count"
        else:
            assert i.kind == "count" and i.aggregate == "sum"
        if i.suggest:
            assert set(i.suggest.activity_types) <= types
    ids = {i.id for i in plan.indicators}
    for r in plan.rules:
        assert set(r.left) | set(r.right) <= ids
        assert r.severity in ("error", "warning")
    for needed in (
        "a1_van_ban",
        "a2_buoi_tuyen_truyen",
        "a4_don_tiep_nhan",
        "a4_ty_le_giai_quyet",
        "a3_ty_le_dung_han",
        "a3_ty_le_truc_tuyen",
        "a2_ty_le_mo_hinh_cong_nhan",
    ):
        assert needed in ids
    assert plan.indicator("a2_buoi_tuyen_truyen").suggest is not None
    assert plan.indicator("a2_luot_nguoi_tuyen_truyen").suggest.measure == "participants"  # type: ignore[union-attr]


def test_activity_types_period_and_outline() -> None:
    plan = load_builtin_plan()
    assert 12 <= len(plan.activity_types) <= 16
    assert {"tuyen_truyen", "tiep_cong_dan", "khac"} <= {t.id for t in plan.activity_types}
    assert set(plan.activity_type("khac").area_ids) == {a.id for a in plan.areas}
    p = plan.period("2023")
    assert (p.label, p.kind) == ("Năm 2023", "year")
    assert (p.start.isoformat(), p.end.isoformat(), p.deadline.isoformat()) == (
        "2022-12-15",
        "2023-10-31",
        "2023-11-01",
    )
    assert [s.id for s in plan.outline] == [
        "I",
        "II.1",
        "II.2",
        "II.3",
        "II.4",
        "II.5",
        "II.6",
        "III.uu_diem",
        "III.han_che",
        "III.nguyen_nhan",
        "IV",
        "V",
    ]
    assert [s.area_id for s in plan.outline if s.area_id] == ["A1", "A2", "A3", "A4", "A5", "A6"]


def test_content_hash_is_canonical(tmp_path: Path) -> None:
    data = raw()
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(data, ensure_ascii=True, indent=4), encoding="utf-8")
    decomposed = copy.deepcopy(data)
    decomposed["issuer"] = unicodedata.normalize("NFD", decomposed["issuer"])
    p2 = write(tmp_path, decomposed, "nfd.json")
    base = load_builtin_plan().content_hash
    assert load_plan(pretty).content_hash == base == content_hash(data)
    assert load_plan(p2).content_hash == base
    assert load_plan(p2).issuer == data["issuer"]  # normalised to NFC on load
    changed = copy.deepcopy(data)
    changed["version"] = "2"
    assert content_hash(changed) != base


def _broken(tmp_path: Path, mutate: Any) -> DvcqError:
    data = raw()
    mutate(data)
    path = write(tmp_path, data)
    with pytest.raises(DvcqError) as info:
        load_plan(path)
    err = info.value
    assert err.code == "plan_invalid"
    assert str(path) in err.message
    return err


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["indicators"][3].pop("label"), "indicators[3].label"),
        (lambda d: d.pop("trich_yeu"), "trich_yeu"),
        (lambda d: d["rules"][2]["left"].__setitem__(0, "khong_co"), "rules[2].left[0]"),
        (lambda d: d["indicators"][0].__setitem__("area_id", "A9"), "indicators[0].area_id"),
        (lambda d: d["areas"][1].__setitem__("number", "hai"), "areas[1].number"),
        (lambda d: d["indicators"][8].__setitem__("numerator", 5), "indicators[8].numerator"),
        (
            lambda d: d["indicators"][0]["suggest"].__setitem__("measure", "sum"),
            "indicators[0].suggest.measure",
        ),
        (lambda d: d["periods"][0].__setitem__("deadline", "01/11/2023"), "periods[0].deadline"),
        (lambda d: d["periods"][0].__setitem__("end", "2022-01-01"), "periods[0].end"),
        (lambda d: d["indicators"][0].__setitem__("kind", "percent"), "indicators[0].kind"),
        (lambda d: d["indicators"][0].__setitem__("extra", 1), "indicators[0].extra"),
        (lambda d: d["indicators"][1].__setitem__("id", d["indicators"][0]["id"]), "indicators[1].id"),
        (lambda d: d["outline"][1].__setitem__("area_id", "A7"), "outline[1].area_id"),
    ],
)
def test_broken_plan_names_file_and_field(tmp_path: Path, mutate: Any, field: str) -> None:
    err = _broken(tmp_path, mutate)
    assert err.params["field"] == field
    assert f"“{field}”" in err.message


def test_bad_ratio_and_suggestion_references(tmp_path: Path) -> None:
    def bad_ratio(d: dict[str, Any]) -> None:
        idx = next(i for i, x in enumerate(d["indicators"]) if x["kind"] == "ratio")
        d["indicators"][idx]["numerator"] = "khong_co"
        d["_idx"] = idx

    data = raw()
    bad_ratio(data)
    idx = data.pop("_idx")
    with pytest.raises(DvcqError) as info:
        load_plan(write(tmp_path, data))
    assert info.value.params["field"] == f"indicators[{idx}].numerator"

    def bad_suggest(d: dict[str, Any]) -> None:
        d["indicators"][0]["suggest"]["activity_types"] = ["khong_co"]

    assert _broken(tmp_path, bad_suggest).params["field"] == "indicators[0].suggest.activity_types[0]"


def test_unreadable_missing_unknown(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x",\n  "version": }', encoding="utf-8")
    with pytest.raises(DvcqError) as info:
        load_plan(bad)
    assert info.value.code == "plan_unreadable" and str(bad) in info.value.message
    assert "dòng 2" in info.value.message
    with pytest.raises(DvcqError) as info:
        load_plan(tmp_path / "khong-co.json")
    assert info.value.code == "plan_missing" and "khong-co.json" in info.value.message
    dup = tmp_path / "dup.json"
    dup.write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    with pytest.raises(DvcqError) as info:
        load_plan(dup)
    assert info.value.code == "plan_unreadable"
    with pytest.raises(DvcqError) as info:
        load_builtin_plan("khong-co")
    assert info.value.code == "plan_unknown" and "khong-co" in info.value.message


def test_every_shipped_schema_is_a_valid_json_schema() -> None:
    import json

    from jsonschema import Draft202012Validator

    from dvcq_desktop.resources import resource_path

    schemas = sorted(resource_path("schemas").glob("*.json"))
    assert len(schemas) >= 4
    for path in schemas:
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
