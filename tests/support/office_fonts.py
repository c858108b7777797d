"""The office-suite tests need a font metric-compatible with Times New Roman.

The reports are set in Times New Roman. Without it (or a metric-compatible substitute) LibreOffice
falls back to a wider serif and the header wraps, so a later assertion fails for a reason that says
nothing about fonts. This check runs first and names what is missing.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

# Families with Times New Roman's advance widths: the font itself and its metric-compatible clones.
METRIC_COMPATIBLE = ("Times New Roman", "Liberation Serif", "Tinos")


def times_new_roman_family() -> str | None:
    """The family fontconfig gives for "Times New Roman", or None when fc-match is not installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    out = subprocess.run(
        [fc_match, "--format=%{family[0]}", "Times New Roman"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return out.stdout.strip()


def require_times_new_roman_metrics() -> None:
    """Fail (not skip: the reports would look wrong) unless a metric-compatible family resolves."""
    family = times_new_roman_family()
    if family is None:
        pytest.fail("fc-match is missing: install fontconfig (bash scripts/setup.sh does)", pytrace=False)
    if family not in METRIC_COMPATIBLE:
        pytest.fail(
            f'fc-match "Times New Roman" gives "{family}", which is not metric-compatible with '
            "Times New Roman: the report header would wrap. Install fonts-liberation2 "
            "(bash scripts/setup.sh does), or Tinos, or Times New Roman itself.",
            pytrace=False,
        )
