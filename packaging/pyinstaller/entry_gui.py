"""PyInstaller entry point of `dvcq-desktop` (windowed on Windows): the GUI, `--version`, a `.dvcq` path."""

import sys

from dvcq_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
