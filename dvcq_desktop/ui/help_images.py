"""Screenshots for the user guide, under stable names: `python -m dvcq_desktop.ui.help_images OUT_DIR`.

Calls the colleague's `screenshots.capture` (real app, demo workspace, offscreen) and renames
"03-activities.png" to "activities.png", so the guide's `img/activities.png` does not change when
a page is added and the numbering shifts. Images are build output (packaging/build_bundle.sh
puts them in the bundle's resources/help/img); the checkout has none and the guide reads fine
without them.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

_NUMBER = re.compile(r"^\d+-")


def make_help_images(out_dir: Path, work_dir: Path | None = None) -> list[Path]:
    from dvcq_desktop.ui.screenshots import capture

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvcq-help-img-") as tmp:
        raw = capture(Path(tmp) / "raw", work_dir or Path(tmp) / "work")
        written: list[Path] = []
        for shot in raw:
            dest = out_dir / (_NUMBER.sub("", shot.stem) + ".png")
            shutil.copyfile(shot, dest)
            written.append(dest)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Cách dùng: python -m dvcq_desktop.ui.help_images THƯ_MỤC_ẢNH", file=sys.stderr)
        return 2
    for p in make_help_images(Path(args[0])):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
