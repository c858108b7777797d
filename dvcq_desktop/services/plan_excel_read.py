"""Reading the plan-content workbook back (see `plan_excel`): every sheet checked row by row, the
changes listed for the office to look at, then stored as the period's next plan version through
`periods.update_plan` (plan schema, references, version bump, audit) — or nothing at all.

Ids are the contract between years and units: an existing id is never changed or reused; a row
with an empty code is new and gets the next free id of its kind; an indicator is retired, never
deleted, and its id is reserved; an existing area or activity type cannot be dropped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import plan_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import periods
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.services.plan_excel import (
    AREA_COLS,
    AREAS,
    INDICATOR_COLS,
    INDICATORS,
    KIND_LABELS,
    OUTLINE,
    OUTLINE_COLS,
    RULE_COLS,
    RULES,
    SEVERITY_LABELS,
    TYPE_COLS,
    TYPES,
    template_of,
)
from dvcq_desktop.services.sheet_read import Col, Row, Sheet, id_list, open_book, read_sheet, yes_no
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import fold

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_KINDS = {fold(v): k for k, v in KIND_LABELS.items()} | {"ty le": "ratio", "count": "count", "ratio": "ratio"}
_SEVERITIES = {fold(v): k for k, v in SEVERITY_LABELS.items()} | {"error": "error", "warning": "warning"}


@dataclass(frozen=True)
class PlanContentImport:
    period_id: str
    path: Path
    base_version: str
    data: dict[str, Any]
    new: tuple[str, ...]  # "mã — tên" of new indicators
    changed: tuple[str, ...]
    retired: tuple[str, ...]
    others: tuple[str, ...]  # one line per other part that changed
    published: bool  # the version being replaced went out as a plan file: publish the new one

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.retired or self.others)


def _col(cols: Sequence[Col], key: str) -> Col:
    return next(c for c in cols if c.key == key)


def _free_id(stem: str, taken: set[str]) -> str:
    k = 1
    while f"{stem}{k}" in taken:
        k += 1
    taken.add(f"{stem}{k}")
    return f"{stem}{k}"


class _Reader:
    def __init__(self, book: Any, path: Path, old: dict[str, Any]) -> None:
        self.book, self.path, self.old = book, path, old
        self.retired_old = {r["id"]: r for r in old.get("retired_indicators", [])}
        self.taken = (
            {i["id"] for i in old["indicators"]}
            | set(self.retired_old)
            | {t["id"] for t in old["activity_types"]}
            | {a["id"] for a in old["areas"]}
        )

    def sheet(self, name: str, cols: Sequence[Col]) -> Sheet:
        return read_sheet(self.book, self.path, name, cols)

    def code(self, sheet: Sheet, row: Row, seen: dict[str, int], what: str, new_id: Callable[[], str]) -> str:
        code = row.cells["id"]
        if not code:
            code = new_id()
        elif not _ID.match(code):
            raise sheet.fail(row.number, f"mã {what} “{code}” chỉ được gồm chữ không dấu, số, “_”, “-”, “.”")
        if code in seen:
            raise sheet.fail(row.number, f"mã {what} “{code}” trùng với dòng {seen[code]}")
        seen[code] = row.number
        return code

    def need(self, sheet: Sheet, row: Row, cols: Sequence[Col], *keys: str) -> None:
        for key in keys:
            if not row.cells.get(key):
                raise sheet.fail(row.number, f"chưa ghi “{_col(cols, key).header}”")

    def keep_all(self, sheet: Sheet, seen: dict[str, int], old: list[dict[str, Any]], what: str) -> None:
        for item in old:
            if item["id"] not in seen:
                raise DvcqError(
                    "plan_excel_missing", path=self.path.name, sheet=sheet.name, what=what, item=item["id"]
                )

    def areas(self) -> list[dict[str, Any]]:
        sheet = self.sheet(AREAS, AREA_COLS)
        old = {a["id"]: a for a in self.old["areas"]}
        seen: dict[str, int] = {}
        numbers: dict[int, int] = {}
        out = []
        for row in sheet.rows:
            self.need(sheet, row, AREA_COLS, "number", "title")
            code = self.code(sheet, row, seen, "lĩnh vực", lambda: _free_id("A", self.taken))
            if not row.cells["number"].isdigit() or int(row.cells["number"]) < 1:
                raise sheet.fail(row.number, f"số thứ tự “{row.cells['number']}” phải là số nguyên dương")
            if int(row.cells["number"]) in numbers:
                raise sheet.fail(
                    row.number,
                    f"số thứ tự {row.cells['number']} trùng với dòng {numbers[int(row.cells['number'])]}",
                )
            numbers[int(row.cells["number"])] = row.number
            out.append(
                {
                    **old.get(code, {}),
                    "id": code,
                    "number": int(row.cells["number"]),
                    "title": row.cells["title"],
                    "short_title": row.cells["short_title"] or row.cells["title"],
                    "description": row.cells["description"],
                }
            )
        self.keep_all(sheet, seen, self.old["areas"], "lĩnh vực")
        return out

    def indicators(self, areas: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        sheet = self.sheet(INDICATORS, INDICATOR_COLS)
        old = {i["id"]: i for i in self.old["indicators"]}
        seen: dict[str, int] = {}
        active: list[tuple[Row, dict[str, Any]]] = []
        retired = list(self.old.get("retired_indicators", []))
        retiring: set[str] = set()
        for row in sheet.rows:
            off = yes_no(sheet, row, _col(INDICATOR_COLS, "retired"), empty=False)
            given = row.cells["id"]
            if given in self.retired_old:
                if not off:
                    raise sheet.fail(
                        row.number,
                        f"chỉ tiêu “{given}” đã thôi dùng, mã không dùng lại được; thêm dòng mới và để trống mã",
                    )
                self.code(sheet, row, seen, "chỉ tiêu", str)
                continue
            self.need(sheet, row, INDICATOR_COLS, "area_id", "label", "unit", "kind")
            area = row.cells["area_id"]
            if area not in areas:
                raise sheet.fail(row.number, f"mã lĩnh vực “{area}” không có ở trang “{AREAS}”")
            code = self.code(
                sheet, row, seen, "chỉ tiêu", partial(_free_id, f"{area.lower()}_ct", self.taken)
            )
            kind = _KINDS.get(fold(row.cells["kind"]))
            if kind is None:
                raise sheet.fail(row.number, f"loại “{row.cells['kind']}” phải là “số lượng” hoặc “tỉ lệ”")
            prev = old.get(code)
            if prev is not None and prev["kind"] != kind:
                raise sheet.fail(
                    row.number,
                    f"không đổi được loại của chỉ tiêu đã có “{code}”; hãy thôi dùng nó và thêm chỉ tiêu mới",
                )
            if off and prev is None:
                raise sheet.fail(row.number, "chỉ tiêu mới không thể đánh dấu thôi dùng")
            item = {
                **(copy.deepcopy(prev) if prev else {"aggregate": "sum" if kind == "count" else "ratio"}),
                "id": code,
                "area_id": area,
                "label": row.cells["label"],
                "unit": row.cells["unit"],
                "kind": kind,
            }
            if off:
                retiring.add(code)
                retired.append({"id": code, "label": item["label"], "retired_in": self.old["id"]})
                continue
            active.append((row, item))
        self.keep_all(sheet, seen, self.old["indicators"], "chỉ tiêu")
        counts = {i["id"] for _r, i in active if i["kind"] == "count"}
        for row, item in active:
            if item["kind"] != "ratio":
                item.pop("numerator", None)
                item.pop("denominator", None)
                continue
            for part in ("numerator", "denominator"):
                ref = row.cells.get(part, "")
                header = _col(INDICATOR_COLS, part).header
                if not ref:
                    raise sheet.fail(row.number, f"chỉ tiêu tỉ lệ cần ghi cột “{header}”")
                if ref in retiring:
                    raise sheet.fail(
                        row.number,
                        f"tỉ lệ dùng chỉ tiêu “{ref}” đang được thôi dùng; thôi dùng cả tỉ lệ này hoặc đổi “{header}”",
                    )
                if ref not in counts:
                    raise sheet.fail(row.number, f"“{header}”: không có chỉ tiêu loại số lượng mã “{ref}”")
                item[part] = ref
        return [i for _r, i in active], retired

    def types(self, areas: set[str]) -> list[dict[str, Any]]:
        sheet = self.sheet(TYPES, TYPE_COLS)
        old = {t["id"]: t for t in self.old["activity_types"]}
        seen: dict[str, int] = {}
        out = []
        for row in sheet.rows:
            self.need(sheet, row, TYPE_COLS, "label", "area_ids")
            code = self.code(sheet, row, seen, "loại hoạt động", lambda: _free_id("loai_", self.taken))
            ids = id_list(row.cells["area_ids"])
            bad = [a for a in ids if a not in areas]
            if bad:
                raise sheet.fail(row.number, f"mã lĩnh vực “{bad[0]}” không có ở trang “{AREAS}”")
            out.append({**old.get(code, {}), "id": code, "label": row.cells["label"], "area_ids": ids})
        self.keep_all(sheet, seen, self.old["activity_types"], "loại hoạt động")
        return out

    def outline(self, areas: set[str]) -> list[dict[str, Any]]:
        sheet = self.sheet(OUTLINE, OUTLINE_COLS)
        seen: dict[str, int] = {}
        out = []
        for row in sheet.rows:
            self.need(sheet, row, OUTLINE_COLS, "id", "title")
            code = self.code(sheet, row, seen, "mục đề cương", str)
            area = row.cells.get("area_id") or None
            if area is not None and area not in areas:
                raise sheet.fail(row.number, f"mã lĩnh vực “{area}” không có ở trang “{AREAS}”")
            out.append({"id": code, "title": row.cells["title"], "area_id": area})
        if not out:
            raise DvcqError("sheet_row", path=self.path.name, sheet=OUTLINE, row=2, problem="đề cương trống")
        return out

    def rules(self, counts: set[str], retiring: set[str]) -> tuple[list[dict[str, Any]], int]:
        sheet = self.sheet(RULES, RULE_COLS)
        taken = {r["id"] for r in self.old["rules"]}
        seen: dict[str, int] = {}
        out, dropped = [], 0
        for row in sheet.rows:
            self.need(sheet, row, RULE_COLS, "left", "right", "severity", "message")
            code = self.code(sheet, row, seen, "quy tắc", lambda: _free_id("r_moi_", taken))
            sides = {side: id_list(row.cells[side]) for side in ("left", "right")}
            if set(sides["left"] + sides["right"]) & retiring:
                dropped += 1  # a rule on a retired figure cannot be checked any more
                continue
            for side, ids in sides.items():
                bad = [i for i in ids if i not in counts]
                if bad or not ids:
                    header = _col(RULE_COLS, side).header
                    raise sheet.fail(
                        row.number,
                        f"“{header}”: không có chỉ tiêu loại số lượng mã “{bad[0] if bad else ''}”",
                    )
            severity = _SEVERITIES.get(fold(row.cells["severity"]))
            if severity is None:
                raise sheet.fail(row.number, f"mức “{row.cells['severity']}” phải là “lỗi” hoặc “cảnh báo”")
            out.append({"id": code, **sides, "severity": severity, "message": row.cells["message"]})
        return out, dropped


def read_plan_xlsx(ws: Workspace, period_id: str, path: Path) -> PlanContentImport:
    """The period's plan with the workbook's content, checked as a plan; nothing stored."""
    path = Path(path)
    old = template_of(ws, period_id)
    book = open_book(path)
    try:
        r = _Reader(book, path, old)
        areas = r.areas()
        area_ids = {a["id"] for a in areas}
        indicators, retired = r.indicators(area_ids)
        retiring = {x["id"] for x in retired} - set(r.retired_old)
        types = r.types(area_ids)
        outline = r.outline(area_ids)
        rules, dropped = r.rules({i["id"] for i in indicators if i["kind"] == "count"}, retiring)
    finally:
        book.close()
    data = copy.deepcopy(old)
    data.update(
        areas=areas,
        indicators=indicators,
        retired_indicators=retired,
        activity_types=types,
        outline=outline,
        rules=rules,
    )
    for prompt in data.get("prompts", []):  # a prompt keeps its question, not the retired figures
        if "indicators" in prompt:
            prompt["indicators"] = [i for i in prompt["indicators"] if i not in retiring]
    plan_from_data(data, path.name)  # the plan schema and references, as for any plan
    published = str(old["version"]) in periods_repo.published_versions(ws.db, old["id"])
    return _changes(period_id, path, old, data, dropped, published)


def _changes(
    period_id: str, path: Path, old: dict[str, Any], data: dict[str, Any], dropped: int, published: bool
) -> PlanContentImport:
    keys = ("area_id", "label", "unit", "numerator", "denominator")
    before = {i["id"]: i for i in old["indicators"]}
    new = tuple(f"{i['id']} — {i['label']}" for i in data["indicators"] if i["id"] not in before)
    changed = tuple(
        f"{i['id']} — {i['label']}"
        for i in data["indicators"]
        if i["id"] in before and any(i.get(k) != before[i["id"]].get(k) for k in keys)
    )
    was_retired = {r["id"] for r in old.get("retired_indicators", [])}
    retired = tuple(
        f"{r['id']} — {r['label']}" for r in data["retired_indicators"] if r["id"] not in was_retired
    )
    others = []
    for key, label in (
        ("areas", "lĩnh vực"),
        ("activity_types", "loại hoạt động"),
        ("outline", "mục đề cương"),
        ("rules", "quy tắc"),
    ):
        was = {x["id"]: x for x in old[key]}
        now = {x["id"]: x for x in data[key]}
        added = len(set(now) - set(was))
        edited = sum(1 for k in set(now) & set(was) if now[k] != was[k])
        gone = len(set(was) - set(now))
        if added or edited or gone or list(was) != list(now):
            parts = [f"{n} {what}" for n, what in ((added, "mới"), (edited, "sửa"), (gone, "bỏ")) if n]
            others.append(f"{label.capitalize()}: {', '.join(parts) or 'đổi thứ tự'}")
    if dropped:
        others.append(f"Quy tắc bỏ vì dùng chỉ tiêu thôi dùng: {dropped}")
    return PlanContentImport(
        period_id, path, str(old["version"]), data, new, changed, retired, tuple(others), published
    )


def apply_plan_import(ws: Workspace, imp: PlanContentImport) -> Plan:
    """Store the content as the period's next plan version (checked again by `update_plan`)."""
    require_aggregator(ws)
    if str(template_of(ws, imp.period_id)["version"]) != imp.base_version:
        raise DvcqError("plan_excel_stale", period=imp.period_id)
    return periods.update_plan(ws, imp.period_id, imp.data)
