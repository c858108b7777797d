"""Test-wide setup: Qt runs offscreen; every test gets its own workspace folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DVCQ_HOME", None)
