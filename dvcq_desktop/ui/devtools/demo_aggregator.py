"""A sample receiving-office workspace for screenshots and trying the aggregator pages.

Real unit workspaces are filled with demo data and export real packages; the office imports them,
one unit sends a correction. The clock is set to dates around the deadline while the sample is
built (each unit "finishes" a day before its file "arrives"), so the board shows on-time, late,
revised and missing units with consistent times.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from dvcq_desktop.domain import clock
from dvcq_desktop.services import intake
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import report_data
from dvcq_desktop.storage.workspace import Workspace

DEMO_UNITS = ("TPTN-P1", "TPTN-P2", "TPTN-P3", "TPTN-HN", "TPTN-NS", "TPTN-BM")
# days relative to the deadline at which each demo unit's file "arrived" (positive = late)
ARRIVALS = {"TPTN-P1": -3, "TPTN-P2": -1, "TPTN-P3": 2, "TPTN-HN": 0, "TPTN-NS": -2, "TPTN-BM": 5}


def build_units(
    work: Path, codes: tuple[str, ...] = DEMO_UNITS, activities: int = 20, deadline: date | None = None
) -> tuple[dict[str, Path], Path]:
    """Unit workspaces with demo data and their exported packages in `work/usb`."""
    usb = work / "usb"
    usb.mkdir(parents=True, exist_ok=True)
    units: dict[str, Path] = {}
    for i, code in enumerate(codes):
        with init_workspace(work / "units" / code, role="unit", unit_code=code) as ws:
            fill_demo(ws, activities=activities, seed=i + 1)
            day = (deadline or ws.period.deadline) + timedelta(days=ARRIVALS.get(code, 0) - 1)
            with clock.pretend(day, 15):
                export_package(ws, usb)
        units[code] = work / "units" / code
    return units, usb


def correction(unit_dir: Path, out: Path) -> Path:
    """The unit fixes one figure and a narrative, then exports revision 2."""
    out.mkdir(parents=True, exist_ok=True)
    with Workspace.open(unit_dir, auto_backup=False) as ws:
        old = report_data.values(ws.db, ws.plan.id, ws.period.id)["a2_tin_bai"].value
        report_data.set_value(ws.db, ws.plan.id, ws.period.id, "a2_tin_bai", (old or 0) + 5)
        report_data.set_narrative(
            ws.db, ws.plan.id, ws.period.id, "V", "Kiến nghị bổ sung kinh phí tuyên truyền."
        )
        with clock.pretend(ws.period.deadline + timedelta(days=2), 16):
            return export_package(ws, out).path


def ensure_aggregator_demo(work: Path) -> Path:
    """Create (once) an office workspace that received 5 of the demo units, one of them twice."""
    root = work / "van-phong"
    if Workspace.exists(root):
        return root
    units, usb = build_units(work)
    # One unit's file has not arrived yet: it waits in a second folder with a damaged file, so the
    # intake preview of both folders shows new, duplicate, newer and rejected outcomes.
    units.pop("TPTN-BM")
    later = work / "usb-moi"
    later.mkdir(exist_ok=True)
    for f in usb.glob("*TPTN-BM*"):
        f.rename(later / f.name)
    (later / "BaoCao_gui_nham.dvcq").write_bytes(b"PK\x03\x04 not a real package")
    with init_workspace(root, role="aggregator", unit_code="TPTN") as ws:
        roster_service.roster(ws)  # the roster is fixed when the period opens
        deadline = ws.period.deadline
        for code in units:
            with clock.pretend(deadline + timedelta(days=ARRIVALS[code])):
                intake.import_packages(ws, list(usb.glob(f"*{code}_*")))
        fix = correction(units["TPTN-P1"], work / "email")
        with clock.pretend(deadline + timedelta(days=3)):
            intake.import_packages(ws, [fix])
    return root
