"""PyInstaller entry point of `dvcq` (console): the command line, no Qt."""

import sys

from dvcq_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
