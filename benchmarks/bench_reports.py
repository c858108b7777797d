"""Report export speed: DOCX (with the activity list annex) + XLSX for 2,000 and 10,000 activities,
next to the naive python-docx table of the same rows (add_table + cell.text) measured in the same run.
Targets: 2,000 activities < 5 s, 10,000 < 20 s.  Run: .venv/bin/python benchmarks/bench_reports.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from docx import Document as new_docx  # noqa: E402
from support.report_fixtures import load_plan, make_submission  # noqa: E402

from dvcq_desktop.reports.build_unit import activity_table, build_unit_report  # noqa: E402
from dvcq_desktop.reports.docx_render import render_docx  # noqa: E402
from dvcq_desktop.reports.xlsx_annex import render_xlsx  # noqa: E402

SIZES = (2_000, 10_000)


def _naive_table(headers, rows, out: Path) -> None:
    d = new_docx()
    t = d.add_table(rows=1, cols=len(headers))
    for cell, h in zip(t.rows[0].cells, headers, strict=True):
        cell.text = h
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    d.save(str(out))


def run() -> list[tuple[str, float, str, float]]:
    plan = load_plan()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            sub = make_submission(plan, n_activities=n, seed=1)
            t0 = time.perf_counter()
            render_docx(build_unit_report(sub, plan, activity_list=True), Path(tmp) / "r.docx")
            render_xlsx(sub, plan, Path(tmp) / "r.xlsx")
            ours = time.perf_counter() - t0
            table = activity_table(plan, sub)
            t0 = time.perf_counter()
            _naive_table(table.headers, table.rows, Path(tmp) / "naive.docx")
            naive = time.perf_counter() - t0
            results.append(
                (f"report DOCX+XLSX, {n} activities", ours, f"naive python-docx table, {n} rows", naive)
            )
    return results


def main() -> None:
    targets = {2_000: 5.0, 10_000: 20.0}
    for (name, secs, base_name, base), n in zip(run(), SIZES, strict=True):
        verdict = "OK" if secs < targets[n] else "OVER TARGET"
        print(
            f"{name}: {secs:.2f} s (target < {targets[n]:.0f} s, {verdict}); "
            f"{base_name}: {base:.2f} s; ratio {secs / base:.2f}"
        )


if __name__ == "__main__":
    main()
