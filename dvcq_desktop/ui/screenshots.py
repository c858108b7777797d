"""`python -m dvcq_desktop.ui.screenshots DIR [--aggregator] [--size WxH] [--scale S]`: the layout
check. Captures every page and dialog of the role at that screen size and font scale and writes
DIR/summary.json (`name`, `file`, `width`, `height`, `clipped` per capture). The command keeps
this name; the work is done in `ui/devtools/screenshots.py`."""

from __future__ import annotations

import sys

from dvcq_desktop.ui.devtools.screenshots import main

if __name__ == "__main__":
    sys.exit(main())
