"""Run every benchmark and print each figure next to its baseline (measured in the same run).

    .venv/bin/python benchmarks/run.py            # all
    .venv/bin/python benchmarks/run.py reports    # only bench_reports.py

Each module runs in its own process, so one benchmark's memory or caches never colour another's
figures (peak RSS in particular). Speed and memory targets live here, not in timed tests: CI
machines vary too much for that.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

_CHILD = """
import json, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {here!r})
import importlib
for row in importlib.import_module({name!r}).run():
    print("ROW " + json.dumps(row), flush=True)
"""


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    failed = 0
    for name in wanted:
        t0 = time.perf_counter()
        print(f"== {name}", flush=True)
        code = _CHILD.format(root=str(HERE.parent), here=str(HERE), name=name)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            if not line.startswith("ROW "):
                continue
            figure, secs, base_name, base_secs = json.loads(line[4:])
            ratio = f"{secs / base_secs:.2f}×" if base_secs else "—"
            print(f"  {figure:<60} {secs:9.3f}   vs {base_name:<40} {base_secs:9.3f}   ratio {ratio}")
        if proc.returncode:
            failed += 1
            print(f"  FAILED (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        print(f"  ({time.perf_counter() - t0:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
