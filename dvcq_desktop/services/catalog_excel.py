"""The office's unit catalogue to and from Excel: the shipped province catalogue is an example,
so the office exports it, corrects it in Excel (real codes, names, validity, successors) and
imports it back. The whole sheet is checked with the catalogue schema and references before any
row is stored; a changed unit becomes a new version of its code (history kept), audited."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from dvcq_desktop.domain.catalog import LEVELS, Unit, catalog_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.services.excel_guard import open_xlsx
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.storage import audit
from dvcq_desktop.storage.unit_rows import unit_row
from dvcq_desktop.storage.workspace import Workspace

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Mã đơn vị"),
    ("name", "Tên đơn vị"),
    ("level", "Cấp"),
    ("parent", "Mã đơn vị cấp trên"),
    ("valid_from", "Hiệu lực từ ngày"),
    ("valid_to", "Hiệu lực đến ngày"),
    ("successor", "Mã đơn vị kế thừa"),
    ("issuer", "Cơ quan ban hành (IN HOA)"),
    ("parent_body", "Cơ quan chủ quản (IN HOA)"),
    ("place", "Địa danh"),
    ("symbol", "Ký hiệu báo cáo"),
    ("expected", "Phải báo cáo (có/không)"),
)
_LEVEL_BY_LABEL = {v.casefold(): k for k, v in LEVELS.items()} | {k: k for k in LEVELS}


@dataclass(frozen=True)
class CatalogImport:
    added: int
    changed: int
    unchanged: int


def write_catalog_xlsx(ws: Workspace, path: Path) -> Path:
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "DanhMucDonVi"
    sheet.append([label for _key, label in COLUMNS])
    for r, u in enumerate(ws.catalog.units, start=2):
        d = asdict(u)
        for c, (key, _label) in enumerate(COLUMNS, start=1):
            v = d[key]
            if key == "level":
                v = LEVELS.get(v, v)
            elif key == "expected":
                v = "có" if v else "không"
            elif isinstance(v, date):
                v = v.strftime("%d/%m/%Y")
            put(sheet, r, c, "" if v is None else v)  # names come from an edited workbook: never a formula
    wb.save(str(path))
    return path


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v).strip()


def _iso(text: str, where: str) -> str | None:
    if not text:
        return None
    try:
        if "/" in text:
            d, m, y = (int(x) for x in text.split("/"))
            return date(y, m, d).isoformat()
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise DvcqError(
            "catalog_excel_row", row=where, problem=f"ngày “{text}” không đúng dạng dd/mm/yyyy"
        ) from None


def read_catalog_xlsx(ws: Workspace, path: Path) -> list[Unit]:
    """Every row as a unit, checked as one catalogue (schema, parents, successors, cycles)."""
    wb = open_xlsx(Path(path))
    sheet = wb.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(v).casefold() for v in next(rows, ())]
    index = {}
    for key, label in COLUMNS:
        if label.casefold() not in header:
            raise DvcqError("excel_missing_columns", path=Path(path).name, columns=label)
        index[key] = header.index(label.casefold())
    units: list[dict[str, Any]] = []
    for n, raw in enumerate(rows, start=2):
        cells = {k: _cell(raw[i]) if i < len(raw) else "" for k, i in index.items()}
        if not any(cells.values()):
            continue
        where = f"dòng {n}"
        level = _LEVEL_BY_LABEL.get(cells["level"].casefold())
        if level is None:
            raise DvcqError(
                "catalog_excel_row", row=where, problem=f"cấp “{cells['level']}” không có trong danh sách"
            )
        units.append(
            {
                "code": cells["code"],
                "name": cells["name"],
                "level": level,
                "parent": cells["parent"] or None,
                "valid_from": _iso(cells["valid_from"], where),
                "valid_to": _iso(cells["valid_to"], where),
                "successor": cells["successor"] or None,
                "issuer": cells["issuer"] or cells["name"].upper(),
                "parent_body": cells["parent_body"],
                "place": cells["place"] or cells["name"],
                "symbol": cells["symbol"] or "BC-UBND",
                "expected": cells["expected"].casefold() in ("có", "co", "x", "1", "true", "yes"),
            }
        )
    cat = ws.catalog
    data = {
        "id": cat.id,
        "title": cat.title,
        "aggregator": cat.aggregator,
        "receiving_office": cat.receiving_office,
        "reports_to": cat.reports_to,
        "units": units,
    }
    return list(catalog_from_data(data, Path(path).name).units)


def import_catalog_xlsx(ws: Workspace, path: Path) -> CatalogImport:
    """Office: store the corrected catalogue (new codes added, changed units as new versions).
    Rosters already fixed for a period do not move; open a new period to use the new list."""
    require_aggregator(ws)
    units = read_catalog_xlsx(ws, path)
    current = {u.code: u for u in ws.catalog.units}
    added = changed = same = 0
    with ws.db.atomic():
        for u in units:
            old = current.get(u.code)
            if old is not None and asdict(old) | {"editable": False} == asdict(u) | {"editable": False}:
                same += 1
                continue
            row = unit_row(u, ws.catalog.id)
            if old is not None:
                (version,) = ws.db.execute(
                    "SELECT max(version) FROM units WHERE code = ?", [u.code]
                ).fetchone()
                row["version"] = int(version) + 1
                changed += 1
            else:
                added += 1
            ws.db.table("units").insert(row)
            audit.record(
                ws.db,
                "unit",
                u.code,
                "import-excel",
                old=None if old is None else json.dumps(asdict(old), default=str, ensure_ascii=False),
                new=json.dumps(asdict(u), default=str, ensure_ascii=False),
                reason=Path(path).name,
            )
    ws.refresh()
    return CatalogImport(added, changed, same)
