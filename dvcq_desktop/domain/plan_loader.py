"""Load a plan template (`resources/plans/*.json`) into a checked `Plan`.

Two layers of checks: the JSON Schema (`resources/schemas/plan.schema.json`) for shape and types,
then cross-references the schema cannot express (an indicator's area exists, a rule names real
count indicators, …). Any failure is a `DvcqError("plan_invalid", file=…, field=…, reason=…)`
naming the JSON path, so whoever edits a plan file can find the mistake.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.jsondata import builtin_paths, check_unique, fail, find_builtin, read_json, validate
from dvcq_desktop.domain.jsondata import content_hash as content_hash
from dvcq_desktop.domain.plan import (
    ActivityType,
    Area,
    Indicator,
    OutlineSection,
    Period,
    Plan,
    Prompt,
    Rule,
    Suggestion,
)
from dvcq_desktop.errors import DvcqError

__all__ = ["builtin_plan_paths", "content_hash", "load_builtin_plan", "load_plan", "plan_from_data"]

KIND = "plan"
DEFAULT_PLAN_ID = "tptn-dvcq-2023"


def builtin_plan_paths() -> list[Path]:
    return builtin_paths("plans")


def load_plan(path: Path | str) -> Plan:
    data = read_json(path, KIND)
    return plan_from_data(data, path)


def load_builtin_plan(plan_id: str = DEFAULT_PLAN_ID) -> Plan:
    plan = find_builtin("plans", plan_id, load_plan)
    if plan is None:
        raise DvcqError("plan_unknown", detail=f"no built-in plan {plan_id!r}", plan_id=plan_id)
    return plan


def plan_from_data(data: Any, path: Path | str = "<dữ liệu>", *, trusted: bool = False) -> Plan:
    """Validate already-parsed JSON (e.g. a plan carried inside a package) and build the `Plan`.

    `trusted`: the data was schema-validated when it entered the workspace (its stored copy);
    the reference checks still run, the JSON Schema pass (and its 0.2 s import) is skipped."""
    if not trusted:
        validate(data, "plan.schema.json", KIND, path)
    _check_references(data, path)
    periods = tuple(_period(p, i, path) for i, p in enumerate(data["periods"]))
    return Plan(
        id=data["id"],
        version=data["version"],
        number=data["number"],
        issued=data["issued"],
        issuer=data["issuer"],
        title=data["title"],
        trich_yeu=data["trich_yeu"],
        legal_basis=tuple(data["legal_basis"]),
        areas=tuple(
            Area(a["id"], a["number"], a["title"], a["short_title"], a["description"])
            for a in sorted(data["areas"], key=lambda a: a["number"])
        ),
        indicators=tuple(_indicator(d) for d in data["indicators"]),
        rules=tuple(
            Rule(r["id"], tuple(r["left"]), tuple(r["right"]), r["severity"], r["message"])
            for r in data["rules"]
        ),
        activity_types=tuple(
            ActivityType(t["id"], t["label"], tuple(t["area_ids"]), t.get("people"), t.get("group"))
            for t in data["activity_types"]
        ),
        periods=periods,
        outline=tuple(OutlineSection(s["id"], s["title"], s.get("area_id")) for s in data["outline"]),
        prompts=tuple(
            Prompt(
                p["id"],
                p["area_id"],
                p["topic"],
                p.get("hint", ""),
                tuple(p.get("keywords", ())),
                tuple(p.get("indicators", ())),
                tuple(p.get("activity_types", ())),
                p.get("none", ""),
            )
            for p in data.get("prompts", ())
        ),
        content_hash=content_hash(data),
        source=str(path),
        derived_from=data.get("derived_from"),
        retired_ids=tuple(r["id"] for r in data.get("retired_indicators", [])),
    )


def _indicator(d: dict[str, Any]) -> Indicator:
    s = d.get("suggest")
    return Indicator(
        id=d["id"],
        area_id=d["area_id"],
        label=d["label"],
        unit=d["unit"],
        kind=d["kind"],
        numerator=d.get("numerator"),
        denominator=d.get("denominator"),
        sentence=d.get("sentence"),
        suggest=Suggestion(tuple(s["activity_types"]), s["measure"]) if s else None,
        aggregate=d.get("aggregate", "ratio" if d["kind"] == "ratio" else "sum"),
        zero=d.get("zero"),
        ubnd_only=bool(d.get("ubnd_only", False)),
        target=d.get("target"),
    )


def _period(p: dict[str, Any], i: int, path: Path | str) -> Period:
    start, end = date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
    if start > end:
        fail(KIND, path, f"periods[{i}].end", "ngày kết thúc kỳ số liệu trước ngày bắt đầu")
    # the deadline may precede the window end (the seed's 01/11 vs NĐ 09's 14/12: "ước thực hiện")
    return Period(p["id"], p["label"], p["kind"], start, end, date.fromisoformat(p["deadline"]))


def _check_references(data: dict[str, Any], path: Path | str) -> None:
    for key in ("areas", "indicators", "rules", "activity_types", "periods", "outline"):
        check_unique(KIND, path, data[key], "id", key)
    check_unique(KIND, path, data["areas"], "number", "areas")

    areas = {a["id"] for a in data["areas"]}
    kinds = {d["id"]: d["kind"] for d in data["indicators"]}
    for i, r in enumerate(data.get("retired_indicators", [])):
        if r["id"] in kinds:  # a retired id is reserved forever, never reused for a new indicator
            fail(KIND, path, f"retired_indicators[{i}].id", f"mã chỉ tiêu “{r['id']}” đã thôi dùng")
    types = {t["id"] for t in data["activity_types"]}

    for i, t in enumerate(data["activity_types"]):
        for j, a in enumerate(t["area_ids"]):
            if a not in areas:
                fail(KIND, path, f"activity_types[{i}].area_ids[{j}]", f"không có nội dung (lĩnh vực) “{a}”")

    for i, d in enumerate(data["indicators"]):
        where = f"indicators[{i}]"
        if d["area_id"] not in areas:
            fail(KIND, path, f"{where}.area_id", f"không có nội dung (lĩnh vực) “{d['area_id']}”")
        sentence = d.get("sentence")
        if sentence is not None:
            try:
                ok = "{value}" in sentence and sentence.format(value=1) is not None
            except (KeyError, IndexError, ValueError):
                ok = False
            if not ok:
                fail(KIND, path, f"{where}.sentence", "câu mẫu phải chứa đúng một chỗ trống {value}")
        if d["kind"] == "ratio":
            for part in ("numerator", "denominator"):
                ref = d.get(part)
                if ref is None:
                    fail(KIND, path, f"{where}.{part}", "chỉ tiêu tỷ lệ phải có tử số và mẫu số")
                if kinds.get(ref) != "count":
                    fail(KIND, path, f"{where}.{part}", f"không có chỉ tiêu đếm “{ref}”")
            if d.get("aggregate", "ratio") != "ratio":
                fail(
                    KIND,
                    path,
                    f"{where}.aggregate",
                    'chỉ tiêu tỷ lệ phải tổng hợp bằng cách tính lại ("ratio")',
                )
            if d.get("suggest"):
                fail(KIND, path, f"{where}.suggest", "chỉ tiêu tỷ lệ được tính tự động, không có gợi ý")
        else:
            for part in ("numerator", "denominator"):
                if d.get(part) is not None:
                    fail(KIND, path, f"{where}.{part}", "chỉ tiêu đếm không có tử số, mẫu số")
            if d.get("aggregate", "sum") != "sum":
                fail(KIND, path, f"{where}.aggregate", 'chỉ tiêu đếm phải tổng hợp bằng cách cộng ("sum")')
        suggest = d.get("suggest") or {}
        for j, t in enumerate(suggest.get("activity_types", [])):
            if t not in types:
                fail(KIND, path, f"{where}.suggest.activity_types[{j}]", f"không có loại hoạt động “{t}”")

    for i, r in enumerate(data["rules"]):
        for side in ("left", "right"):
            for j, ref in enumerate(r[side]):
                if kinds.get(ref) != "count":
                    fail(KIND, path, f"rules[{i}].{side}[{j}]", f"không có chỉ tiêu đếm “{ref}”")

    for i, p in enumerate(data.get("prompts", ())):
        if p["area_id"] not in areas:
            fail(KIND, path, f"prompts[{i}].area_id", f"không có nội dung (lĩnh vực) “{p['area_id']}”")
        for j, ref in enumerate(p.get("indicators", ())):
            if ref not in kinds:
                fail(KIND, path, f"prompts[{i}].indicators[{j}]", f"không có chỉ tiêu “{ref}”")
        for j, t in enumerate(p.get("activity_types", ())):
            if t not in types:
                fail(KIND, path, f"prompts[{i}].activity_types[{j}]", f"không có loại hoạt động “{t}”")

    covered: set[str] = set()
    for i, s in enumerate(data["outline"]):
        a = s.get("area_id")
        if a is None:
            continue
        if a not in areas:
            fail(KIND, path, f"outline[{i}].area_id", f"không có nội dung (lĩnh vực) “{a}”")
        covered.add(a)
    for i, a in enumerate(data["areas"]):
        if a["id"] not in covered:
            fail(
                KIND,
                path,
                f"areas[{i}].id",
                "nội dung này chưa có mục tương ứng trong đề cương báo cáo (outline)",
            )
