"""`python -m dvcq_desktop.ui.screenshots [--aggregator] OUT_DIR`: every main page of a demo workspace
as a PNG. The command keeps this name; the work is done in `ui/devtools/screenshots.py`."""

from __future__ import annotations

import sys

from dvcq_desktop.ui.devtools.screenshots import main

if __name__ == "__main__":
    sys.exit(main())
