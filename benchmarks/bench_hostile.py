"""Hostile package benchmark: a 1 GiB zip bomb (about 1 MB on disk) is refused, next to the baseline
"inflate the same member with zlib" measured in the same run.

`run()` returns (figure, seconds, baseline name, baseline seconds); run standalone to print them.
Target: refused in < 2 s whatever the limits, a small fraction of inflating it (memory stays small:
tests/test_package_hostile.py checks that).
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.zip_bomb import SUB, zip_bomb  # noqa: E402

from dvcq_desktop.package import Limits, PackageError, read_package  # noqa: E402

SIZE = 1 << 30


def _inflate(path: Path) -> float:
    """The baseline: read the whole member, 1 MiB at a time, as a naive reader would."""
    started = time.perf_counter()
    with zipfile.ZipFile(path) as zf, zf.open(SUB) as member:
        while member.read(1 << 20):
            pass
    return time.perf_counter() - started


def _refused(path: Path, limits: Limits) -> float:
    started = time.perf_counter()
    try:
        read_package(path, limits)
    except PackageError:
        return time.perf_counter() - started
    raise AssertionError("the bomb was accepted")


def run() -> list[tuple[str, float, str, float]]:
    with tempfile.TemporaryDirectory(prefix="dvcq-bench-bomb-") as tmp:
        path = Path(tmp) / "bomb.dvcq"
        path.write_bytes(zip_bomb(SIZE))
        baseline = _inflate(path)
        return [
            (
                "1 GiB bomb refused, default limits (declared size)",
                _refused(path, Limits()),
                "zlib inflate",
                baseline,
            ),
            (
                "1 GiB bomb refused, size limits raised (compression ratio)",
                _refused(path, Limits(max_submission_size=2 << 30, max_total_size=4 << 30)),
                "zlib inflate",
                baseline,
            ),
        ]


if __name__ == "__main__":
    for name, secs, base_name, base in run():
        print(f"{name}: {secs:.3f} s — {base_name}: {base:.3f} s ({secs / base:.3f}×)")
