"""Render the SVG icons in resources/icons/ to the PNG sizes and Windows .ico the installers need.

    .venv/bin/python packaging/make_icons.py OUT_DIR

Writes app-16.png … app-256.png, dvcq-file-16.png … dvcq-file-256.png, dvcq.ico (application,
all sizes) and dvcq-file.ico (the .dvcq document icon). These are build output: only the SVG
sources and this script are committed. The .ico container is written here (PNG-compressed
entries, allowed since Windows Vista) because Qt's ICO plugin stores one size per file.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "app": ROOT / "resources" / "icons" / "app.svg",
    "dvcq-file": ROOT / "resources" / "icons" / "dvcq-file.svg",
}
ICO_NAMES = {"app": "dvcq.ico", "dvcq-file": "dvcq-file.ico"}


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """An ICO file holding the given (size, PNG data) images."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"invalid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise OSError(f"cannot encode {svg} at {size}px")
    buf.close()
    return bytes(data.data())


def make_icons(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # a widgets app, so later code in the process can use widgets

    _app = QApplication.instance() or QApplication(["make_icons"])  # fonts for the "DVCQ" text
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, svg in SOURCES.items():
        pngs = [(size, render_png(svg, size)) for size in SIZES]
        for size, data in pngs:
            path = out_dir / f"{name}-{size}.png"
            path.write_bytes(data)
            written.append(path)
        ico = out_dir / ICO_NAMES[name]
        ico.write_bytes(ico_bytes(pngs))
        written.append(ico)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Cách dùng: python packaging/make_icons.py THƯ_MỤC_ĐÍCH", file=sys.stderr)
        return 2
    for path in make_icons(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
