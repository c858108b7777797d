"""Hidden start-up mode for the bundle smoke test: `DVCQ_SMOKE_SCREENSHOT=out.png dvcq-desktop`.

After the main window is shown it visits every page (so a module the bundle forgot fails here,
not on an officer's PC), saves a screenshot of the first page and quits. Exit codes: 0 all good,
3 no main window / screenshot not written, 4 an error was logged during start-up.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "DVCQ_SMOKE_SCREENSHOT"
DELAY_MS = 800


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_counter: _ErrorCounter | None = None


def smoke_path(env: dict[str, str] | None = None) -> Path | None:
    value = (os.environ if env is None else env).get(ENV, "")
    return Path(value) if value else None


def begin() -> None:
    """Start counting logged errors (call before the window is built)."""
    global _counter
    if _counter is None:
        _counter = _ErrorCounter()
        logging.getLogger().addHandler(_counter)


def say(text: str) -> None:
    if sys.stdout is not None:  # a windowed Windows exe has no stdout
        print(f"smoke: {text}", flush=True)


def arm(main_window: Callable[[], QWidget | None], path: Path, delay_ms: int = DELAY_MS) -> None:
    """Once the event loop runs: visit the pages, grab the window into `path`, quit."""
    begin()

    def shoot() -> None:
        app = QApplication.instance()
        window = main_window()
        code = 3
        if window is not None and window.isVisible():
            current = getattr(window, "current_key", None)
            say(f"page at start: {current() if callable(current) else '?'}")
            others = [
                w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window
            ]
            say(f"other windows: {others}")
            visit = getattr(window, "navigate", None)
            specs = getattr(window, "specs", [])
            for spec in specs:
                if callable(visit):
                    visit(spec.key)
                    QApplication.processEvents()
            if specs and callable(visit):
                visit(specs[0].key)
            QApplication.processEvents()
            path.parent.mkdir(parents=True, exist_ok=True)
            saved = window.grab().save(str(path))
            say(f"pages visited: {', '.join(s.key for s in specs)}")
            say(
                f"screenshot {'saved: ' + str(path) if saved else 'NOT written'} "
                f"({window.width()}x{window.height()}, title {window.windowTitle()!r})"
            )
            code = 0 if saved else 3
        else:
            say("main window not shown")
        errors = _counter.records if _counter else []
        for rec in errors:
            say(f"logged error: {rec.name}: {rec.getMessage()}")
        if errors and code == 0:
            code = 4
        say(f"exit {code}")
        if app is not None:
            app.exit(code)

    QTimer.singleShot(delay_ms, shoot)
