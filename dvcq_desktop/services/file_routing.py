"""Where a `.dvcq` opened from the file manager or `dvcq-desktop FILE.dvcq` goes (Qt-free).

- a unit workspace: the verify view (the package read strictly and shown read-only);
- the receiving office (aggregator): the import preview, i.e. page "intake" with the file list as
  its target, so nothing is stored before the officer confirms;
- no workspace on this PC (or it is open in another window): a standalone verify view;
- a plan file (`.dvcqkh`, by extension or by its media type): page "Kế hoạch & kỳ báo cáo", where
  a unit sees what the plan changes before taking it;
- a receipt (`.dvcqbn`) on a unit: page "Nộp báo cáo", which takes it and shows it in the export
  history.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from dvcq_desktop.errors import DvcqError, user_message

log = logging.getLogger(__name__)

View = Literal["verify", "intake", "standalone", "plan", "receipt"]
PLAN_PAGE = "plans"  # "Kế hoạch & kỳ báo cáo": the preview of a plan file before it is taken


@dataclass(frozen=True)
class Route:
    view: View
    path: Path
    page: str | None = None  # main-window page key to navigate to
    target: list[Path] | None = None  # what the page's focus_target receives

    @property
    def in_main_window(self) -> bool:
        return self.page is not None


def route_for(path: str | os.PathLike[str], role: str | None) -> Route:
    """`role` is the open workspace's role ("unit" / "aggregator"), None when there is none."""
    p = Path(path)
    if role is not None and _is_plan_file(p):
        # a plan file (.dvcqkh): the unit previews what changes, then takes it; the office sees it
        return Route("plan", p, page=PLAN_PAGE, target=[p])
    if role == "unit" and _is_receipt(p):
        return Route("receipt", p, page="submit", target=[p])
    if role == "aggregator":
        return Route("intake", p, page="intake", target=[p])
    if role == "unit":
        return Route("verify", p)
    return Route("standalone", p)


def _is_plan_file(p: Path) -> bool:
    from dvcq_desktop.planfile.format import EXTENSION
    from dvcq_desktop.planfile.reader import looks_like_plan_file

    return p.suffix.lower() == EXTENSION or looks_like_plan_file(p)


def _is_receipt(p: Path) -> bool:
    from dvcq_desktop.package.receipt_file import EXTENSION, looks_like_receipt

    return p.suffix.lower() == EXTENSION or looks_like_receipt(p)


@dataclass(frozen=True)
class PackageSummary:
    """What the package view shows: the facts of a valid package, or why it was refused."""

    path: Path
    ok: bool
    message: str = ""  # Vietnamese; the rejection reason when not ok
    code: str | None = None
    unit_code: str = ""
    unit_name: str = ""
    plan_title: str = ""
    period_label: str = ""
    revision: int | None = None
    package_id: str = ""
    created_at: datetime | None = None
    finalized_at: datetime | None = None
    activities: int = 0
    indicators: int = 0  # indicators with a value
    report_files: tuple[str, ...] = ()
    attachments: int = 0
    size: int = 0


def summarize_package(path: str | os.PathLike[str]) -> PackageSummary:
    """Reads the package with the strict reader; never raises for a bad file."""
    from dvcq_desktop.package.opening import open_package

    p = Path(path)
    try:
        opened = open_package(p)  # a sealed package: its envelope only (no key here)
    except DvcqError as exc:
        log.info("package %s refused: %r", p, exc)
        return PackageSummary(p, False, exc.message, exc.code)
    except Exception as exc:  # noqa: BLE001 - a hostile file must give a reason, not a crash
        log.exception("package %s could not be read", p)
        return PackageSummary(p, False, user_message(exc), "internal")
    pkg = opened.package
    if pkg is None:
        ident = opened.identity
        return PackageSummary(
            p,
            True,
            f"Gói hợp lệ, có chữ ký, đã mã hóa cho cơ quan tổng hợp: {ident['unit']['name']}, "
            f"{ident['period'].get('label', '')}, lần {ident['revision']}.",
            None,
            unit_code=ident["unit"]["code"],
            unit_name=ident["unit"]["name"],
            period_label=str(ident["period"].get("label", "")),
            revision=ident["revision"],
            package_id=ident["package_id"],
            size=opened.size,
        )
    m, sub = pkg.manifest, pkg.submission
    return PackageSummary(
        p,
        True,
        f"Gói hợp lệ: {m.unit.name}, {m.period.label}, lần {m.revision}.",
        None,
        unit_code=m.unit.code,
        unit_name=m.unit.name,
        plan_title=m.plan.title,
        period_label=m.period.label,
        revision=m.revision,
        package_id=m.package_id,
        created_at=m.created_at,
        finalized_at=m.finalized_at or sub.finalized_at,
        activities=len(sub.activities),
        indicators=sum(1 for v in sub.indicators if v.value is not None),
        report_files=pkg.report_files,
        attachments=len(pkg.attachment_files),
        size=pkg.size,
    )


def workspace_busy(root: Path) -> bool:
    """True when another window holds the workspace (its writer lock cannot be taken now)."""
    from dvcq_desktop.storage.lock import WorkspaceLock

    lock = WorkspaceLock(root)
    try:
        lock.acquire()
    except DvcqError:
        return True
    except OSError:
        return False  # unreadable folder: let the normal start-up report it
    lock.release()
    return False
