"""The offline guide: every page loads in the help viewer, every internal link resolves, and
every image the guide shows is produced by the screenshot script (run here into tmp_path)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.resources import resource_path
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.help.help_page import INDEX, HelpPage, guide_pages

HELP = resource_path("help")
LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")
REQUIRED = {
    "index.md",
    "cai-dat.md",
    "nhap-hoat-dong.md",
    "chi-tieu.md",
    "lap-bao-cao.md",
    "nop-bao-cao.md",
    "sao-luu.md",
    "tiep-nhan.md",
    "tinh-hinh-nop.md",
    "bao-cao-tong-hop.md",
}


def links(page: str) -> tuple[list[str], list[str]]:
    """(internal page links, image paths) of one Markdown page."""
    pages, images = [], []
    for bang, target in LINK.findall((HELP / page).read_text(encoding="utf-8")):
        if bang:
            images.append(target)
        elif not target.startswith(("http:", "https:", "mailto:")):
            pages.append(target.split("#", 1)[0])
    return pages, images


def test_guide_has_every_topic_and_index_links_them_all() -> None:
    assert REQUIRED <= set(guide_pages())
    index_links, _ = links(INDEX)
    assert REQUIRED - {INDEX} <= set(index_links)


@pytest.mark.parametrize("page", sorted(REQUIRED))
def test_internal_links_resolve(page: str) -> None:
    targets, _ = links(page)
    assert targets or page == INDEX
    for target in targets:
        assert (HELP / target).is_file(), f"{page} links to missing {target}"


def test_viewer_loads_every_page_and_follows_links(qapp: QApplication, ctx: AppContext, qtbot: QtBot) -> None:
    page = HelpPage(ctx)
    qtbot.addWidget(page)  # pytest-qt deletes it before the app goes away
    assert page.current_page() == INDEX
    for name in guide_pages():
        assert page.focus_target(name.removesuffix(".md"))
        assert page.current_page() == name
        text = page.browser.toPlainText()
        first = (HELP / name).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        assert text.startswith(first), name  # rendered as Markdown, not raw
        assert "](" not in text  # no link syntax left over
    # Clicking a link inside a page opens the target page; "Quay lại" comes back.
    page.resize(900, 700)
    page.show()
    page.focus_target(INDEX)
    QApplication.processEvents()
    click_link(page, "sao-luu.md")
    assert page.current_page() == "sao-luu.md"
    assert page.back_button.isEnabled()
    page.back_button.click()
    assert page.current_page() == INDEX
    assert not page.focus_target("khong-co-trang-nay")
    page.close()


def click_link(page: HelpPage, href: str) -> None:
    """A real mouse click on the first anchor pointing at `href`."""
    doc = page.browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + max(1, frag.length() // 2))
                page.browser.ensureCursorVisible()
                rect = page.browser.cursorRect(cursor)
                QTest.mouseClick(
                    page.browser.viewport(),
                    Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier,
                    rect.center(),
                )
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_missing_screenshots_do_not_break_the_text(
    qapp: QApplication, ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "help"
    shutil.copytree(HELP, copy, ignore=shutil.ignore_patterns("img"))
    monkeypatch.setenv("DVCQ_RESOURCES", str(tmp_path))
    page = HelpPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()  # images are fetched when the page is laid out
    page.focus_target("nhap-hoat-dong")
    QApplication.processEvents()
    assert "Thêm một hoạt động" in page.browser.toPlainText()
    assert any("activities.png" in m for m in page.browser.missing_images)
    page.close()


@pytest.mark.slow
def test_every_image_is_made_by_the_screenshot_script(
    qapp: QApplication, ctx: AppContext, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dvcq_desktop.ui.devtools.help_images import make_help_images

    produced = {p.name for p in make_help_images(tmp_path / "help" / "img", tmp_path / "work")}
    wanted = {Path(img).name for name in guide_pages() for img in links(name)[1]}
    assert wanted, "the guide shows at least one screenshot"
    assert all(img.startswith("img/") for name in guide_pages() for img in links(name)[1])
    assert wanted <= produced, f"not produced by the script: {wanted - produced}"
    # With the images in place the viewer loads them all.
    for name in guide_pages():
        shutil.copyfile(HELP / name, tmp_path / "help" / name)
    monkeypatch.setenv("DVCQ_RESOURCES", str(tmp_path))
    page = HelpPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    for name in guide_pages():
        page.focus_target(name)
        QApplication.processEvents()
    assert page.browser.missing_images == []
    page.close()
