"""Export of a 2,000-activity unit workspace as a real `.dvcq` (snapshot, Word report, Excel
annex, package written atomically and read back), next to the baseline "json.dumps + zipfile of
the same data" measured in the same run. Target (issue 5): export < 5 s."""

from __future__ import annotations

import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N = 2000


def run() -> list[tuple[str, float, str, float]]:
    from dvcq_desktop.package import submission_to_dict
    from dvcq_desktop.services.demo import fill_demo
    from dvcq_desktop.services.export import export_package
    from dvcq_desktop.services.setup import init_workspace
    from dvcq_desktop.storage.snapshot import load_submission

    with tempfile.TemporaryDirectory(prefix="dvcq-bench-export-") as d:
        tmp = Path(d)
        with init_workspace(tmp / "ws", role="unit", unit_code="TPTN-P1") as ws:
            fill_demo(ws, activities=N, seed=11)
            out = tmp / "usb"
            out.mkdir()
            t = time.perf_counter()
            export_package(ws, out)
            ours = time.perf_counter() - t
            data = submission_to_dict(load_submission(ws))
        t = time.perf_counter()
        with zipfile.ZipFile(tmp / "baseline.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("data.json", json.dumps(data, ensure_ascii=False, default=str))
        base = time.perf_counter() - t
    return [
        (
            f"export {N:,} activities (DOCX + XLSX + package + read-back)",
            ours,
            "json.dumps + zipfile of the same data",
            base,
        )
    ]


if __name__ == "__main__":
    for name, secs, bname, bsecs in run():
        print(f"{name}: {secs:.3f} s | {bname}: {bsecs:.3f} s | ratio {secs / bsecs:.1f}")
