"""Package benchmarks: verify a 10,000-activity package and write a 2,000-activity one, each next to
the baseline "json.dumps + zipfile of the same data" measured in the same run.

`run()` returns (figure, seconds, baseline name, baseline seconds); run standalone to print them.
Targets (issue 5): verify < 2 s, export < 5 s.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.package_helpers import submission  # noqa: E402

from dvcq_desktop.package import build_package, verify_paths, write_package  # noqa: E402
from dvcq_desktop.package.codec import submission_to_dict  # noqa: E402

BASELINE = "json.dumps + zipfile"


def _baseline(sub_dict: dict, reports: dict[str, bytes]) -> float:
    started = time.perf_counter()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(sub_dict, ensure_ascii=False))
        for name, blob in reports.items():
            zf.writestr(name, blob)
    return time.perf_counter() - started


def _best(fn, repeat: int = 3) -> float:
    return min(_timed(fn) for _ in range(repeat))


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run() -> list[tuple[str, float, str, float]]:
    results: list[tuple[str, float, str, float]] = []
    # Realistic renderings: a ~1.5 MB DOCX and ~0.6 MB XLSX (already-compressed bytes).
    reports = {"BaoCao.docx": os.urandom(1_500_000), "PhuLuc.xlsx": os.urandom(600_000)}
    with tempfile.TemporaryDirectory() as tmp:
        big = submission(10_000)
        built = build_package(big, reports, revision=1, supersedes=None)
        path = Path(tmp) / "big.dvcq"
        path.write_bytes(built.data)
        verify_s = _best(lambda: verify_paths([path]))
        assert verify_paths([path])[0].ok
        base_s = min(_baseline(submission_to_dict(big), reports) for _ in range(3))
        results.append(("verify 10,000 activities", verify_s, BASELINE, base_s))

        mid = submission(2_000)
        out = Path(tmp) / "out"
        out.mkdir()
        # revision 1 each time (a later revision needs a supersedes); names get -2, -3… suffixes
        write_s = _best(lambda: write_package(mid, reports, out, revision=1, supersedes=None))
        base_s = min(_baseline(submission_to_dict(mid), reports) for _ in range(3))
        results.append(("write+verify 2,000 activities", write_s, BASELINE, base_s))
    return results


if __name__ == "__main__":
    for figure, secs, base, base_secs in run():
        print(f"{figure:32s} {secs:7.3f} s   {base}: {base_secs:7.3f} s   ({secs / base_secs:.1f}×)")
