"""The screenshot script writes one readable PNG per page, not blank canvases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from dvcq_desktop.ui.devtools.screenshots import capture


def _gray_variance(path: Path) -> float:
    img = QImage(str(path))
    assert not img.isNull()
    values = []
    for y in range(0, img.height(), 7):
        for x in range(0, img.width(), 7):
            c = img.pixelColor(x, y)
            values.append(0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue())
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def test_screenshots_are_not_blank(qapp: QApplication, tmp_path: Path) -> None:
    shots = capture(tmp_path / "out", tmp_path / "work")
    names = [p.name for p in shots]
    assert any("activities" in n for n in names) and any("wizard" in n for n in names)
    for p in shots:
        assert p.stat().st_size > 5000
        assert _gray_variance(p) > 50, p.name
    main = next(p for p in shots if "activities" in p.name)
    img = QImage(str(main))
    assert (img.width(), img.height()) == (1366, 768)
