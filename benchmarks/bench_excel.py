"""Excel import memory: peak RSS of reading a 10,000-row workbook and hostile ones (target < 300 MB).

Each reading runs in its own process, so every peak is that reading's alone. Baselines from the same
run: a process that imports the same modules and loads the plan, then reads nothing (what Python,
openpyxl and the app cost before any workbook), and a bare openpyxl read-only pass over the same
10,000-row file (what the reader adds on top of openpyxl's streaming).

Hostile workbooks: "billion laughs" (nested entities in a sheet), a decompression bomb (a shared-
strings part that inflates to 300 MB from a few hundred kB), and amplification (one 32,767-character
shared string referenced by 20,000 rows, the case that took gigabytes before).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = """
import sys, json
sys.path.insert(0, {root!r})
from pathlib import Path
from openpyxl import load_workbook
from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.excel_io import read_activities
plan = load_builtin_plan()
mode, path = {mode!r}, Path({path!r})
outcome = ""
if mode == "read":
    try:
        p = read_activities(path, plan)
        outcome = f"{{len(p.good)}} good, {{len(p.bad)}} bad"
    except DvcqError as exc:
        outcome = exc.code
elif mode == "bare":
    wb = load_workbook(path, read_only=True, data_only=True)
    outcome = str(sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)))
    wb.close()
# VmHWM, not ru_maxrss: the latter starts from the parent's size at fork on Linux.
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps([int(hwm.split()[1]) / 1024, outcome]))
"""


def _peak(mode: str, path: Path) -> tuple[float, str]:
    code = _CHILD.format(root=str(ROOT), mode=mode, path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mb, outcome = json.loads(out.stdout.strip().splitlines()[-1])
    return float(mb), str(outcome)


def _workbook(path: Path, rows: int, content: str | None = None) -> Path:
    from openpyxl import Workbook

    from dvcq_desktop.services.excel_io import COLUMNS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Hoạt động")
    ws.append([c.header for c in COLUMNS])
    start = date(2023, 1, 2)
    for i in range(rows):
        values = {
            "start_date": start + timedelta(days=i % 300),
            "area": "2",
            "type": "Tuyên truyền",
            "title": f"Tuyên truyền pháp luật đợt {i}",
            "content": content
            if content is not None
            else f"Nội dung buổi tuyên truyền số {i} tại khu phố {i % 9}",
            "location": f"Khu phố {i % 9}",
            "participants": 20 + i % 300,
        }
        ws.append([values.get(c.key) for c in COLUMNS])
    wb.save(path)
    return path


def _shared_string_amplifier(path: Path, rows: int) -> Path:
    """Every row's "Nội dung" points at shared string 0, a 32,767-character text."""
    from dvcq_desktop.services.excel_io import COLUMNS

    cols = {c.key: i for i, c in enumerate(COLUMNS)}
    letter = {k: chr(ord("A") + v) for k, v in cols.items()}
    head = "".join(
        f'<c r="{chr(ord("A") + i)}1" t="inlineStr"><is><t>{c.header}</t></is></c>'
        for i, c in enumerate(COLUMNS)
    )
    body = [f'<row r="1">{head}</row>']
    for r in range(2, rows + 2):
        body.append(
            f'<row r="{r}"><c r="{letter["start_date"]}{r}"><v>44929</v></c>'
            f'<c r="{letter["area"]}{r}"><v>2</v></c>'
            f'<c r="{letter["type"]}{r}" t="inlineStr"><is><t>Tuyên truyền</t></is></c>'
            f'<c r="{letter["title"]}{r}" t="inlineStr"><is><t>Hoạt động {r}</t></is></c>'
            f'<c r="{letter["content"]}{r}" t="s"><v>0</v></c></row>'
        )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData>' + "".join(body) + "</sheetData></worksheet>"
    )
    sst = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" count="1" uniqueCount="1"><si><t>' + "Nội dung dài " * 2520 + "</t></si></sst>"
    )
    return _package(path, sheet, sst)


def _package(path: Path, sheet: str, sst: str | None) -> Path:
    ns = "http://schemas.openxmlformats.org"
    rels = f'<Relationships xmlns="{ns}/package/2006/relationships">'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" '
            f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + (
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>'
                if sst is not None
                else ""
            )
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            rels + f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships">'
            '<sheets><sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            rels + f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            + (
                f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" '
                'Target="sharedStrings.xml"/>'
                if sst is not None
                else ""
            )
            + "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if sst is not None:
            z.writestr("xl/sharedStrings.xml", sst)
    return path


def _laughs(path: Path) -> Path:
    ents = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">' + ents + ']><worksheet xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&l9;</t></is></c></row></sheetData></worksheet>"
    )
    return _package(path, sheet, None)


def _inflating(path: Path) -> Path:
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + " " * (300 << 20)
        + "</t></si></sst>"
    )
    return _package(path, sheet, sst)


def run() -> list[tuple[str, float, str, float]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        rows10k = _workbook(d / "10000.xlsx", 10_000)
        idle, _ = _peak("idle", rows10k)
        bare, n = _peak("bare", rows10k)
        ours, outcome = _peak("read", rows10k)
        results.append(
            (f"peak MB, read 10,000 rows ({outcome})", ours, f"bare openpyxl pass ({n} rows)", bare)
        )
        results.append(("peak MB, read 10,000 rows", ours, "same imports, nothing read", idle))
        for label, build in (
            ("billion laughs", _laughs),
            ("300 MB shared strings", _inflating),
            ("32,767-char string x 20,000 rows", lambda p: _shared_string_amplifier(p, 20_000)),
        ):
            path = build(d / "hostile.xlsx")
            mb, outcome = _peak("read", path)
            size_kb = path.stat().st_size // 1024
            results.append(
                (f"peak MB, {label} ({size_kb} kB file): {outcome}", mb, "same imports, nothing read", idle)
            )
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
