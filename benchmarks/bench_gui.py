"""GUI benchmarks on a 100,000-activity workspace: open the log, search, scroll to the end; cold
start to the main window next to a bare PySide6 QMainWindow started in the same run; peak RSS.

`run()` returns (figure, seconds, baseline name, baseline seconds); run standalone to print them.
Targets (issue 3): log shown < 1 s, search < 100 ms, start ≤ 1.5× bare window, peak RSS < 400 MB.
For figures without a natural baseline the "baseline" is the target itself.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N = 100_000
STARTS = 9

_FILL = """
import sys
from pathlib import Path
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.services.demo import fill_demo
with init_workspace(Path(sys.argv[1]), role="unit", unit_code="TPTN-P1") as ws:
    fill_demo(ws, activities=int(sys.argv[2]))
"""

# Each child prints "frame" at the first paint of its main window and, for the app, "ready" at
# the first paint of the page shown once the workspace is open; then "rss" and quits. Paints are
# seen through paintEvent overrides and a filter on that one page only: an app-wide Python event
# filter would have PySide wrap every event type of every widget (40 ms here), and a zero timer
# fires before the first paint.
_DONE = """
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def done():
    print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    QApplication.instance().quit()
"""

_APP = (
    _DONE
    + """
from dvcq_desktop.ui.shell import main_window as mw

class _PageWatch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print("ready", flush=True)
            QTimer.singleShot(0, done)
        return False

_page_watch = _PageWatch()
_paint, _attach = mw.MainWindow.paintEvent, mw.MainWindow.attach

def _paint_watched(self, event):
    _paint(self, event)
    if not getattr(self, "_bench_framed", False):
        self._bench_framed = True
        print("frame", flush=True)

def _attach_watched(self, ctx):
    _attach(self, ctx)
    self.stack.currentWidget().installEventFilter(_page_watch)

mw.MainWindow.paintEvent, mw.MainWindow.attach = _paint_watched, _attach_watched
from dvcq_desktop.app import main
sys.exit(main(["--workspace", sys.argv[1]]))
"""
)

_BARE_WINDOW = (
    _DONE
    + """
class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("frame", flush=True)
        QTimer.singleShot(0, done)
"""
)

_BARE = (
    _BARE_WINDOW
    + """
app = QApplication([])
w = Window()
w.resize(1280, 760)
w.show()
sys.exit(app.exec())
"""
)

# For context, not a target: the same window with one line of Vietnamese text.
_LABEL = (
    _BARE_WINDOW
    + """
from PySide6.QtWidgets import QLabel
app = QApplication([])
w = Window()
w.setCentralWidget(QLabel("Dân vận chính quyền"))
w.resize(1280, 760)
w.show()
sys.exit(app.exec())
"""
)


def _time_to_shown(code: str, *args: str) -> tuple[float, float, int]:
    """(seconds to the first paint of the main window, seconds to the first paint of its page
    with the workspace open — equal for the bare window —, peak RSS in kB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    frame = ready = 0.0
    for line in proc.stdout:
        if line.startswith("frame"):
            frame = ready = time.perf_counter() - started
        elif line.startswith("ready"):
            ready = time.perf_counter() - started
        elif line.startswith("rss") and frame:
            proc.wait(60)
            return frame, ready, int(line.split()[1])
    proc.wait(60)
    raise RuntimeError(f"child exited with {proc.returncode} before showing a window")


def _wait_applied(page: object, app: object) -> tuple[float, float, float]:
    """Runs one search through the real path (worker threads) and returns (seconds until the
    table shows the first rows, seconds until the full count is shown, longest stretch the GUI
    thread was blocked meanwhile)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    loop = QEventLoop()
    page.filter_applied.connect(loop.quit)  # type: ignore[attr-defined]
    ticks = QElapsedTimer()
    longest = [0.0]
    first_rows = [0.0]
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def beat() -> None:
        longest[0] = max(longest[0], ticks.restart() / 1000)

    def shown() -> None:
        first_rows[0] = time.perf_counter() - started

    heartbeat.timeout.connect(beat)
    page.rows_shown.connect(shown)  # type: ignore[attr-defined]
    started = time.perf_counter()
    ticks.start()
    heartbeat.start()
    page.apply_filter()  # type: ignore[attr-defined]
    beat()
    loop.exec()
    elapsed = time.perf_counter() - started
    heartbeat.stop()
    page.filter_applied.disconnect(loop.quit)  # type: ignore[attr-defined]
    page.rows_shown.disconnect(shown)  # type: ignore[attr-defined]
    _settle(app)
    return first_rows[0], elapsed, longest[0]


def _settle(app: object, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def run() -> list[tuple[str, float, str, float]]:
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.storage.workspace import Workspace
    from dvcq_desktop.ui.common.style import apply_font_scale, apply_style
    from dvcq_desktop.ui.shell.launcher import build_context
    from dvcq_desktop.ui.unit.activities_page import ActivitiesPage

    tmp = Path(tempfile.mkdtemp(prefix="dvcq-bench-gui-"))
    reuse = os.environ.get("DVCQ_BENCH_GUI_WS")  # a filled workspace from an earlier run
    root = Path(reuse) if reuse else tmp / "ws"
    if not reuse:
        # Generation runs in a child so its memory does not count against the GUI's peak RSS.
        subprocess.run([sys.executable, "-c", _FILL, str(root), str(N)], check=True, cwd=ROOT)

    results: list[tuple[str, float, str, float]] = []
    # Cold starts first, before this process loads Qt itself.
    # An installed app (the PyInstaller bundle, a pip install) runs from bytecode; a checkout run
    # with PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    compileall.compile_dir(ROOT / "dvcq_desktop", quiet=1)
    # Interleaved, so a slow spell of this shared machine falls on both sides of the ratio.
    app_runs, bare_runs, label_runs = [], [], []
    for _ in range(STARTS):
        app_runs.append(_time_to_shown(_APP, str(root)))
        bare_runs.append(_time_to_shown(_BARE))
        label_runs.append(_time_to_shown(_LABEL))
    bare_start = statistics.median(t for t, _, _ in bare_runs)
    results.append(
        (
            f"cold start: main window shown, {N:,} activities (median of {STARTS})",
            statistics.median(t for t, _, _ in app_runs),
            "bare PySide6 QMainWindow",
            bare_start,
        )
    )
    results.append(
        (
            "  … workspace open and Tổng quan drawn in it",
            statistics.median(t for _, t, _ in app_runs),
            "bare PySide6 QMainWindow",
            bare_start,
        )
    )
    results.append(
        (
            "  first start of this run (may include a migration)",
            app_runs[0][1],
            "bare PySide6 QMainWindow",
            bare_start,
        )
    )
    label_start = statistics.median(t for t, _, _ in label_runs)
    results.append(
        (
            "  (context) bare QMainWindow with one Vietnamese QLabel",
            label_start,
            "bare PySide6 QMainWindow",
            bare_start,
        )
    )

    app = QApplication.instance() or QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    apply_font_scale(app, 1.0)  # type: ignore[arg-type]
    ws = Workspace.open(root)
    ctx = build_context(AppPaths(workspace=root, log_dir=tmp / "logs", config_dir=tmp), ws)
    try:
        started = time.perf_counter()
        page = ActivitiesPage(ctx)
        page.resize(1366, 768)
        page.show()
        _settle(app)
        shown = time.perf_counter() - started
        assert page.model.rowCount() == N and page.model._blocks, "log not populated"
        results.append((f"activity log shown ({N:,} rows)", shown, "target", 1.0))

        for term in ("dan van", "tiep cong dan khu pho 3", "khongcochunay"):
            page.search_edit.setText(term)
            first, full, stall = _wait_applied(page, app)  # what the 150 ms debounce timer calls
            results.append((f"search “{term}”: first rows shown", first, "target", 0.1))
            results.append((f"  … and the count ({page.model.rowCount():,} rows)", full, "target", 0.1))
            results.append(("  longest GUI-thread stall during that search", stall, "target", 0.1))
        page.search_edit.setText("")
        page.from_edit.set_value(date(2023, 3, 1))
        page.to_edit.set_value(date(2023, 6, 30))
        first, full, stall = _wait_applied(page, app)
        results.append(("date range 01/03–30/06: first rows shown", first, "target", 0.1))
        results.append((f"  … and the count ({page.model.rowCount():,} rows)", full, "target", 0.1))
        page.from_edit.clear_value()
        page.to_edit.clear_value()
        _wait_applied(page, app)

        started = time.perf_counter()
        page.table.scrollToBottom()
        _settle(app)
        results.append(("scroll to the end of the log", time.perf_counter() - started, "target", 0.5))
        started = time.perf_counter()
        page.table.sortByColumn(3, page.table.horizontalHeader().sortIndicatorOrder())
        _settle(app)
        results.append(("sort by title (Vietnamese order)", time.perf_counter() - started, "target", 1.0))
        page.close()
    finally:
        ctx.tasks.wait(10000)
        ws.close()
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = max(r for _, _, r in app_runs) / 1024
    results.append(("peak RSS, MB: benchmark process with the log open", own_mb, "target MB", 400.0))
    results.append(("peak RSS, MB: app at start", child_mb, "target MB", 400.0))
    return results


def main() -> int:
    for name, value, base_name, base in run():
        ratio = value / base if base else float("nan")
        print(f"{name:<62} {value:9.3f}   {base_name}: {base:.3f}   ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
