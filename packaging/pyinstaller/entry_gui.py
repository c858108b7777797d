"""PyInstaller entry point of `dvcq-desktop` (windowed on Windows): the GUI, `--version`, a `.dvcq` path."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First: a big import spawns reader processes (services/read_pool.py), which in a bundle are
    # this executable started again; freeze_support runs the worker there and exits, so a child
    # never imports Qt nor opens a second window.
    multiprocessing.freeze_support()
    from dvcq_desktop.app import main

    sys.exit(main())
