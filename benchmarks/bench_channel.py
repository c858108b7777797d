"""The trusted channel's cost: export and verify of a 2,000-activity unit with signing and age
encryption for the office, next to the same without (format 1.0), measured in the same run.
Aim (issue 14): < 20 % overhead. Figures: the whole export (snapshot, Word, Excel, package, read-back),
the package step alone (write + read-back of the same submission and reports), and the office's read
(plain: strict reader; sealed: signature, decryption, strict reader, inner signature)."""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N = 2000
REPEAT = 5


def _best(fn: Any) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run() -> list[tuple[str, float, str, float]]:
    from dvcq_desktop.package import read_member, write_package
    from dvcq_desktop.package.opening import open_package
    from dvcq_desktop.services import export as export_service
    from dvcq_desktop.services import keys
    from dvcq_desktop.services.demo import fill_demo
    from dvcq_desktop.services.plan_intake import take_plan_file
    from dvcq_desktop.services.plan_publish import publish_plan
    from dvcq_desktop.services.setup import init_workspace

    with tempfile.TemporaryDirectory(prefix="dvcq-bench-channel-") as d:
        tmp = Path(d)
        office = init_workspace(tmp / "office", role="aggregator", unit_code="TPTN")
        plan_file = publish_plan(office, office.period.id, tmp / "ph")
        ws = init_workspace(tmp / "ws", role="unit", unit_code="TPTN-P1")
        take_plan_file(ws, plan_file)
        fill_demo(ws, activities=N, seed=11)
        n = iter(range(1000))

        def export(hooks: bool) -> Path:
            out = tmp / f"usb{next(n)}"
            out.mkdir()
            real = export_service.keys.export_hooks
            if not hooks:  # the same export as format 1.0: no signature, no encryption
                export_service.keys.export_hooks = lambda _ws: {}  # type: ignore[assignment]
            try:
                return export_service.export_package(ws, out).path
            finally:
                export_service.keys.export_hooks = real  # type: ignore[assignment]

        plain_path, sealed_path = export(False), export(True)
        export_plain = _best(lambda: export(False))
        export_sealed = _best(lambda: export(True))

        opened = open_package(plain_path)
        pkg = opened.package
        assert pkg is not None
        reports = {m: read_member(pkg, m) for m in pkg.report_files}
        hooks = keys.export_hooks(ws)

        def step(with_hooks: bool) -> None:
            out = tmp / f"step{next(n)}"
            out.mkdir()
            write_package(
                pkg.submission,
                reports,
                out,
                revision=1,
                supersedes=None,
                **(hooks if with_hooks else {}),
            )

        step_plain, step_sealed = _best(lambda: step(False)), _best(lambda: step(True))
        mine = keys.identities(office)
        read_plain = _best(lambda: open_package(plain_path))
        read_sealed = _best(lambda: open_package(sealed_path, mine))
        assert zipfile.ZipFile(sealed_path).namelist()[-1] == "sealed/package.dvcq.age"
        office.close()
        ws.close()
    return [
        (
            f"export {N:,} activities, signed + sealed for the office",
            export_sealed,
            "same export, format 1.0",
            export_plain,
        ),
        (
            "package step (write + read-back), signed + sealed",
            step_sealed,
            "package step, format 1.0",
            step_plain,
        ),
        (
            "office reads the sealed package (signature + decrypt + strict reader)",
            read_sealed,
            "strict reader, format 1.0",
            read_plain,
        ),
    ]


if __name__ == "__main__":
    for name, secs, bname, bsecs in run():
        print(
            f"{name}: {secs:.3f} s | {bname}: {bsecs:.3f} s | ratio {secs / bsecs:.2f} ({(secs / bsecs - 1) * 100:+.0f} %)"
        )
