"""Locate the read-only data shipped with the app (`resources/` at the project root).

One place decides where resources live, whether we run from a checkout, an editable install
or a PyInstaller bundle (which unpacks data next to the executable under `sys._MEIPASS`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_root() -> Path:
    override = os.environ.get("DVCQ_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
