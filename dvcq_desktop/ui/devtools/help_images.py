"""Screenshots for the user guide, under stable names: `python -m dvcq_desktop.ui.devtools.help_images OUT_DIR`.

Calls `screenshots.capture` for both roles (real app, demo workspaces, offscreen at 1366×768) and renames "03-activities.png" to "activities.png" and "agg-01-intake.png" to
"agg-intake.png", so the guide's `img/activities.png` does not change when a page is added and the
numbering shifts (the office's pages keep their "agg-" prefix: both roles have a Cài đặt page). Images are build output (packaging/build_bundle.sh
puts them in the bundle's resources/help/img); the checkout has none and the guide reads fine
without them.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

_NUMBER = re.compile(r"^(agg-)?\d+-")


def make_help_images(out_dir: Path, work_dir: Path | None = None) -> list[Path]:
    from dvcq_desktop.ui.devtools.screenshots import capture

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvcq-help-img-") as tmp:
        work = work_dir or Path(tmp) / "work"
        raw = [(Path(tmp) / "raw", s) for s in capture(Path(tmp) / "raw", work)]
        agg_dir = Path(tmp) / "raw-agg"
        raw += [(agg_dir, s) for s in capture(agg_dir, work / "office", aggregator=True)]
        written: list[Path] = []
        for folder, shot in raw:
            dest = out_dir / (_NUMBER.sub(r"\1", Path(shot.file).stem) + ".png")
            shutil.copyfile(folder / shot.file, dest)
            written.append(dest)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Cách dùng: python -m dvcq_desktop.ui.devtools.help_images THƯ_MỤC_ẢNH", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # the guide's pictures show a common laptop screen
        from dvcq_desktop.ui.devtools.screenshots import use_offscreen_screen

        screen_dir = Path(tempfile.mkdtemp(prefix="dvcq-screen-"))
        use_offscreen_screen((1366, 768), screen_dir)
    for p in make_help_images(Path(args[0])):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
