"""Run every benchmark and print each figure next to its baseline (measured in the same run).

    .venv/bin/python benchmarks/run.py            # all
    .venv/bin/python benchmarks/run.py reports    # only bench_reports.py

Speed and memory targets live here, not in timed tests: CI machines vary too much for that.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    for name in wanted:
        mod = importlib.import_module(name)
        t0 = time.perf_counter()
        print(f"== {name}")
        for figure, secs, base_name, base_secs in mod.run():
            ratio = f"{secs / base_secs:.2f}×" if base_secs else "—"
            print(f"  {figure:<60} {secs:9.3f} s   vs {base_name:<40} {base_secs:9.3f} s   ratio {ratio}")
        print(f"  ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
