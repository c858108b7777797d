"""The layout check: every page and dialog of a role, captured at one screen size and font scale.

`python -m dvcq_desktop.ui.screenshots DIR [--aggregator] [--size WxH] [--scale S]` opens a demo
workspace on an offscreen screen of that size (default 1366×768, font scale 1), captures every
page the main window registers (and every tab of every page), the first-run wizard's pages and
the dialogs of the role (see `capture_dialogs`), and writes `DIR/summary.json`: a list of
`{"name", "file", "width", "height", "clipped"}`, where `clipped` lists the texts that do not fit
their widget (`layout_check`). A capture wider or taller than the screen, or any clipped text,
is a layout fault.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported at run time only, after QT_QPA_PLATFORM is set
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.ui.common.context import AppContext
    from dvcq_desktop.ui.shell.main_window import MainWindow

DEFAULT_SIZE = (1366, 768)
SUMMARY = "summary.json"


@dataclass
class Shot:
    """One capture: the fields of summary.json, plus the details of each clip for a reviewer."""

    name: str
    file: str
    width: int
    height: int
    clipped: list[str]
    details: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("details")
        return d


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{3,5})\s*[x×X]\s*(\d{3,5})\s*", text)
    if not m:
        raise ValueError(text)
    return int(m.group(1)), int(m.group(2))


def use_offscreen_screen(size: tuple[int, int], work: Path) -> None:
    """Before the QApplication exists: an offscreen screen of `size` at 96 dpi (Qt's offscreen
    platform reads its screens from a JSON file)."""
    config = work / "screen.json"
    w, h = size
    screen = {"name": "screen", "x": 0, "y": 0, "width": w, "height": h, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _app(scale: float) -> QApplication:
    """The offscreen application, styled as the app is, in Vietnamese, at the font scale."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.ui.common.qt_vietnamese import install as install_qt_vietnamese
    from dvcq_desktop.ui.common.style import apply_font_scale, apply_style

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    install_qt_vietnamese(app)  # Qt's own menus and buttons in Vietnamese, before any widget
    apply_style(app)
    apply_font_scale(app, scale)
    return app


def _slug(text: str) -> str:
    from dvcq_desktop.text import fold  # accent-free, lower case

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:30] or "tab"


class Shots:
    """Grabs top-level windows into numbered PNGs (`<prefix>01-<name>.png`, …) with their clips."""

    def __init__(self, app: QApplication, out_dir: Path, prefix: str = "") -> None:
        self.app, self.out_dir, self.prefix = app, out_dir, prefix
        self.taken: list[Shot] = []
        out_dir.mkdir(parents=True, exist_ok=True)
        # an earlier run's captures of this role would read as this run's
        for old in out_dir.glob(f"{prefix}[0-9][0-9]-*.png"):
            if prefix or not old.name.startswith("agg-"):
                old.unlink()

    def settle(self) -> None:
        for _ in range(4):
            self.app.processEvents()

    def __call__(self, widget: QWidget, name: str) -> Shot:
        from dvcq_desktop.ui.devtools.layout_check import clips

        self.settle()
        top = widget.window()
        file = f"{self.prefix}{len(self.taken) + 1:02d}-{name}.png"
        if not top.grab().save(str(self.out_dir / file)):
            raise OSError(f"cannot write {self.out_dir / file}")
        found = clips(top)
        texts = list(dict.fromkeys(c.text for c in found))
        shot = Shot(name, file, top.width(), top.height(), texts, [c.describe() for c in found])
        self.taken.append(shot)
        return shot

    def with_tabs(self, widget: QWidget, name: str) -> None:
        """`widget` as it is, then once more for every other tab of each tab widget it shows."""
        self(widget, name)
        for tabs in _tab_widgets(widget):
            first = tabs.currentIndex()
            for i in range(tabs.count()):
                if i == first or not tabs.isTabEnabled(i) or not tabs.isTabVisible(i):
                    continue
                tabs.setCurrentIndex(i)
                self(widget, f"{name}-{_slug(tabs.tabText(i))}")
            tabs.setCurrentIndex(first)


def _tab_widgets(widget: QWidget) -> Iterator[QTabWidget]:
    from PySide6.QtWidgets import QTabWidget

    for tabs in widget.findChildren(QTabWidget):
        if tabs.isVisibleTo(widget.window()):
            yield tabs


def show_window(window: MainWindow) -> None:
    """As the app shows it: sized from the screen (maximised on a small one)."""
    from dvcq_desktop.ui.common.screen_fit import show_main_window

    show_main_window(window)


def each_page(paths: AppPaths, root: Path, visit: Callable[[MainWindow, AppContext, str], None]) -> None:
    """Opens the workspace in the main window and calls `visit` on every page it registers."""
    from dvcq_desktop.storage.workspace import Workspace
    from dvcq_desktop.ui.shell.launcher import build_context
    from dvcq_desktop.ui.shell.main_window import MainWindow

    ws = Workspace.open(root)
    ctx = build_context(paths, ws)
    window = MainWindow(ctx)
    show_window(window)
    try:
        for spec in window.specs:
            window.navigate(spec.key)
            visit(window, ctx, spec.key)
        window.close()
    finally:
        ctx.tasks.wait(10000)
        ws.close()


def capture(
    out_dir: Path,
    work_dir: Path | None = None,
    *,
    aggregator: bool = False,
    scale: float = 1.0,
) -> list[Shot]:
    """Every page, tab and dialog of the role; the PNGs in `out_dir`, their shots returned."""
    from dvcq_desktop.ui.devtools import capture_dialogs

    app = _app(scale)
    work = work_dir or Path(tempfile.mkdtemp(prefix="dvcq-anh-"))
    shot = Shots(app, out_dir, "agg-" if aggregator else "")
    if aggregator:
        capture_dialogs.aggregator(shot, work)
    else:
        capture_dialogs.unit(shot, work)
    return shot.taken


def write_summary(out_dir: Path, shots: list[Shot]) -> Path:
    path = out_dir / SUMMARY
    path.write_text(json.dumps([s.summary() for s in shots], ensure_ascii=False, indent=2), encoding="utf-8")
    return path


USAGE = (
    "Cách dùng: python -m dvcq_desktop.ui.screenshots THƯ_MỤC_ẢNH [--aggregator] "
    "[--size RỘNGxCAO] [--scale TỈ_LỆ_CHỮ]\n"
    "Chụp mọi trang và hộp thoại của vai trò ở kích thước màn hình và cỡ chữ đã cho, ghi "
    "THƯ_MỤC_ẢNH/summary.json: mỗi ảnh một mục {name, file, width, height, clipped}; clipped là "
    "các chữ không vừa ô của nó (rỗng khi không có)."
)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(USAGE)
        return 0
    aggregator = "--aggregator" in args
    args = [a for a in args if a != "--aggregator"]
    size, scale = DEFAULT_SIZE, 1.0
    try:
        for flag in ("--size", "--scale"):
            if flag in args:
                i = args.index(flag)
                value = args[i + 1]
                del args[i : i + 2]
                if flag == "--size":
                    size = parse_size(value)
                else:
                    scale = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except (IndexError, ValueError):
        print(USAGE, file=sys.stderr)
        return 2
    if len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="dvcq-anh-"))
    use_offscreen_screen(size, work)
    shots = capture(out, work, aggregator=aggregator, scale=scale)
    write_summary(out, shots)
    for s in shots:
        print(f"{s.file} {s.width}x{s.height} clipped={len(s.clipped)}")
        for d in s.details:
            print(f"    {d}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
