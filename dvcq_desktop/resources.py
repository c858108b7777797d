"""Locate the read-only data shipped with the app (the `resources/` folder of the repository).

One place decides where resources live, so every way of running the app finds the same files:
- a PyInstaller bundle unpacks them next to the executable (`sys._MEIPASS/resources`);
- a wheel installs them as the data package `dvcq_desktop._resources` (see setup.py), found
  through the import system like any package data;
- a checkout or an editable install reads `resources/` beside the package folder.
`DVCQ_RESOURCES` overrides all three (tests, a translator trying edited help pages).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

DATA_PACKAGE = "dvcq_desktop._resources"
CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def installed_root() -> Path | None:
    """The folder of the installed data package, or None when not installed that way."""
    try:
        spec = importlib.util.find_spec(DATA_PACKAGE)
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return None


def resources_root() -> Path:
    override = os.environ.get("DVCQ_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return installed_root() or CHECKOUT


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
