"""Trợ giúp: the offline Vietnamese user guide (resources/help/*.md) in a QTextBrowser.

Links between guide pages are ordinary relative Markdown links ("sao-luu.md"); QTextBrowser follows
them itself. Screenshots (img/*.png) are generated at build time; when one is missing (a checkout,
a page not written yet) an empty image is returned so the text reads normally, never a broken icon.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.resources import resource_path

log = logging.getLogger(__name__)

INDEX = "index.md"


def help_dir() -> Path:
    return resource_path("help")


def guide_pages(root: Path | None = None) -> list[str]:
    """File names of every guide page, index first."""
    names = sorted(p.name for p in (root or help_dir()).glob("*.md"))
    return sorted(names, key=lambda n: n != INDEX)


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that shows Markdown files and tolerates missing screenshots."""

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.missing_images: list[str] = []
        self.setOpenLinks(True)
        self.setOpenExternalLinks(True)  # an http link (rare) goes to the browser, not in here
        self.setSearchPaths([str(root)])

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        if kind == QTextDocument.ResourceType.ImageResource.value:
            q = url if isinstance(url, QUrl) else QUrl(url)
            local = Path(q.toLocalFile()) if q.isLocalFile() else self._relative(q.path())
            if not local.is_file():
                self.missing_images.append(q.toString())
                log.info("help image missing: %s", local)
                blank = QImage(1, 1, QImage.Format.Format_ARGB32)
                blank.fill(0)
                return blank
        return super().loadResource(kind, url)

    def _relative(self, path: str) -> Path:
        base = Path(self.source().toLocalFile()).parent if self.source().isLocalFile() else self.root
        return base / path


class HelpPage(QWidget):
    def __init__(self, ctx: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.root = help_dir()
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.home_button = QPushButton(self.tr("&Mục lục"))
        self.back_button = QPushButton(self.tr("◀ Qu&ay lại"))
        self.forward_button = QPushButton(self.tr("Tiế&p ▶"))
        self.about_button = QPushButton(self.tr("Giới thiệ&u…"))
        self.about_button.setToolTip(self.tr("Phiên bản, thư mục dữ liệu, giấy phép"))
        for b in (self.home_button, self.back_button, self.forward_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.about_button)
        lay.addLayout(bar)
        self.browser = GuideBrowser(self.root, self)
        lay.addWidget(self.browser, 1)
        self.home_button.clicked.connect(lambda: self.focus_target(INDEX))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.about_button.clicked.connect(self.show_about)
        self.focus_target(INDEX)

    def current_page(self) -> str:
        return Path(self.browser.source().toLocalFile()).name

    def refresh(self) -> None:
        """The guide does not change while the app runs."""

    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def focus_target(self, page_name: object) -> bool:
        """Open a guide page: "sao-luu", "sao-luu.md" or "sao-luu.md#phan"; False if it does not exist."""
        name, _, anchor = str(page_name).partition("#")
        if not name.endswith(".md"):
            name += ".md"
        path = self.root / name
        if not path.is_file():
            log.warning("help page %s not found", path)
            return False
        url = QUrl.fromLocalFile(str(path))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)
        return True

    def show_about(self) -> None:
        from dvcq_desktop.paths import AppPaths
        from dvcq_desktop.ui.help.about_dialog import AboutDialog

        paths = getattr(self.ctx, "paths", None)
        if not isinstance(paths, AppPaths):
            paths = AppPaths.build()
        AboutDialog(paths, self).exec()
