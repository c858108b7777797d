"""`python -m dvcq_desktop` opens the GUI; `python -m dvcq_desktop <command>` runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from dvcq_desktop.cli import is_cli_invocation

    if is_cli_invocation(args):
        from dvcq_desktop.cli import main as cli_main

        return cli_main(args)
    from dvcq_desktop.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    # A no-op unless frozen; there a spawned reader process (services/read_pool.py) must run its
    # worker, not the app. (Unfrozen, spawn never re-runs a `__main__` module: it skips it.)
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
