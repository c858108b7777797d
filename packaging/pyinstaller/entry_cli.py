"""PyInstaller entry point of `dvcq` (console): the command line, no Qt."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First: a big import spawns reader processes (services/read_pool.py), which in a bundle are
    # this executable started again; freeze_support runs the worker there and exits, before any
    # of the app is imported or run.
    multiprocessing.freeze_support()
    from dvcq_desktop.cli import main

    sys.exit(main())
