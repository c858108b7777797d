"""The sample workspace a newcomer can open from the wizard or with `--demo`.

It lives apart from the officer's real data (in the temp folder), so trying the app never
mixes sample activities into a real report.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from dvcq_desktop.progress import silent
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)

DEMO_UNIT = "TPTN-P1"


def demo_root() -> Path:
    return Path(tempfile.gettempdir()) / "dvcq-du-lieu-mau"


def ensure_demo(
    root: Path | None = None,
    *,
    activities: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Path:
    """Create and fill the demo workspace unless it exists; returns its folder (left closed)."""
    root = root or demo_root()
    if Workspace.exists(root):
        return root
    if progress:
        progress(0, 0, "Đang tạo dữ liệu mẫu…")
    with init_workspace(root, role="unit", unit_code=DEMO_UNIT) as ws:
        try:
            from dvcq_desktop.services.demo_years import fill_demo_years
        except ImportError:
            # The generator ships separately; an empty sample is still a usable workspace.
            log.warning("services.demo not available; demo workspace left empty")
            return root
        years = fill_demo_years(ws, activities=activities, progress=progress or silent)
        log.info("demo workspace %s filled for %s", root, ", ".join(years))
    return root
