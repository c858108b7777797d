"""Báo cáo page on a real demo workspace: autosave, "Gợi ý từ dữ liệu", metadata → preview, and
Word/Excel files written by the worker and read back with python-docx / openpyxl."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.storage import report_data
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.report_files import ascii_slug, default_name
from dvcq_desktop.ui.unit.report_page import ReportPage

TypeText = Callable[[QWidget, str], None]


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ReportPage:
    fill_demo(ctx.workspace, activities=120, seed=7)
    p = ReportPage(ctx)
    qtbot.addWidget(p)
    p.resize(1166, 700)
    p.show()
    return p


def _stored_narratives(ws: Workspace) -> dict[str, str]:
    """Read back through a second, freshly opened workspace: what is on disk, not in memory."""
    with Workspace.open(ws.root, lock=False, auto_backup=False) as again:
        return report_data.narratives(again.db, again.plan.id, again.period.id)


def _vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _clear(qtbot: QtBot, page: ReportPage, section_id: str) -> None:
    page.sections.editors[section_id].clear()
    page.flush()


def test_typing_is_saved_after_the_debounce(qtbot: QtBot, page: ReportPage, type_text: TypeText) -> None:
    ws = page.ctx.workspace
    page.focus_target("II.2")
    assert page.sections.current_id() == "II.2"
    ed = page.sections.editors["II.2"]
    _clear(qtbot, page, "II.2")
    text = "Phường tổ chức đối thoại với Nhân dân khu phố 3 về chỉnh trang đô thị."
    with qtbot.waitSignal(page.ctx.hub.report_changed, timeout=3000):
        type_text(ed, text)
        assert page.has_unsaved()
        assert _stored_narratives(ws).get("II.2") == ""  # not yet: the save waits for a pause
    assert not page.has_unsaved()
    assert _stored_narratives(ws)["II.2"] == text
    # Moving to another section saves at once, without waiting for the timer.
    type_text(ed, " Thêm ý.")
    page.sections.select("II.3")
    assert _stored_narratives(ws)["II.2"] == text + " Thêm ý."


def test_suggestion_fills_the_editor_with_the_areas_figures(
    qtbot: QtBot, page: ReportPage, type_text: TypeText
) -> None:
    ws = page.ctx.workspace
    plan = ws.plan
    page.focus_target("II.2")
    _clear(qtbot, page, "II.2")
    page.sections.suggest_btn.click()
    text = page.sections.editors["II.2"].toPlainText()

    area = next(a for a in plan.areas if a.number == 2)
    sub = load_submission(ws)
    acts = [a for a in sub.activities if a.area_id == area.id and a.status != "cancelled"]
    # the draft opens from the area's most notable activity, named by its title
    assert any(a.title[1:30] in text for a in acts)
    # every declared figure once, in Vietnamese format; zeros in words, never "0 …"
    counts = [i for i in plan.indicators_of(area.id) if i.kind == "count" and sub.value(i.id)]
    assert counts and any((sub.value(i.id) or 0) >= 1000 for i in counts), (
        "a figure with a thousands separator"
    )
    for ind in counts:
        assert _vn_int(sub.value(ind.id) or 0) in text
    ratios = [i for i in plan.indicators_of(area.id) if i.kind == "ratio"]
    for ind in ratios:
        num, den = sub.value(ind.numerator or ""), sub.value(ind.denominator or "")
        if num and den:
            shown = f"{num / den * 100:.1f}".replace(".", ",")
            assert shown.removesuffix(",0") + "%" in text
    assert "None" not in text and not re.search(r"(?<![\d.,/])0 [a-zà-ỹđ]", text)

    # With text already there the officer is asked; "Thêm vào cuối" keeps their own words first.
    ed = page.sections.editors["II.2"]
    ed.clear()
    type_text(ed, "Ý của tôi.")

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == "Thêm vào cuối").click()

    QTimer.singleShot(0, answer)
    page.sections.suggest_btn.click()
    merged = ed.toPlainText()
    assert merged.startswith("Ý của tôi.\n") and merged.endswith(text)
    ed.undo()  # the suggestion is one undoable step
    assert ed.toPlainText() == "Ý của tôi."


def test_metadata_changes_update_the_preview(qtbot: QtBot, page: ReportPage, type_text: TypeText) -> None:
    page.focus_target("meta")
    form = page.meta_form
    assert page.tabs.currentWidget() is form
    form.number_edit.clear()
    type_text(form.number_edit, "7")
    form.symbol_edit.setText("BC-UBND")
    form.date_edit.set_value(date(2024, 1, 5))
    form.signer_name_edit.clear()
    type_text(form.signer_name_edit, "Nguyễn Văn Bình")
    qtbot.waitUntil(lambda: "Nguyễn Văn Bình" in page.preview_html(), timeout=4000)
    html = page.preview_html()
    # not exported yet: a draft shows no number or date, whatever the form holds
    assert "DỰ THẢO" in html and "Số: 07/BC-UBND" not in html
    assert "ngày 05 tháng 01 năm 2024" not in html
    assert "BÁO CÁO" in html and "II. KẾT QUẢ THỰC HIỆN" in html
    with Workspace.open(page.ctx.workspace.root, lock=False, auto_backup=False) as again:
        sub = load_submission(again)
    assert (sub.document.number, sub.document.date, sub.document.signer.name) == (
        "7",
        date(2024, 1, 5),
        "Nguyễn Văn Bình",
    )


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_word_and_excel_files_hold_what_was_typed(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, type_text: TypeText, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.focus_target("II.2")
    _clear(qtbot, page, "II.2")
    narrative = "Mô hình “Chợ văn minh” được Nhân dân đồng tình hưởng ứng."
    type_text(page.sections.editors["II.2"], narrative)
    page.meta_form.number_edit.setText("12")

    out_docx = tmp_path / "out" / "BaoCao.docx"
    page.generate("docx", out_docx)  # saves the pending edits first, then writes in a worker
    qtbot.waitUntil(lambda: page.last_file == out_docx and not page._busy, timeout=15000)
    text = _docx_text(out_docx)
    assert narrative in text
    # the data is not finalised (no export yet): a draft, its number left blank
    assert "DỰ THẢO" in text and "Số: 12/BC-UBND" not in text
    assert page.result_bar.isVisible() and page.open_btn.isVisible()

    # The button asks where to save, offering the exports folder and a Vietnamese-free name.
    offered: list[str] = []

    def fake_dialog(_parent: object, _caption: str, default: str, _filter: str) -> tuple[str, str]:
        offered.append(default)
        return str(tmp_path / "PhuLuc"), ""  # typed without extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    page.excel_btn.click()
    out_xlsx = tmp_path / "PhuLuc.xlsx"
    qtbot.waitUntil(lambda: page.last_file == out_xlsx and not page._busy, timeout=15000)
    assert offered == [str(page.ctx.workspace.exports_dir / "PhuLuc_Phuong1_2023.xlsx")]
    wb = openpyxl.load_workbook(out_xlsx)
    assert {"Chỉ tiêu", "Hoạt động", "Thông tin"} <= set(wb.sheetnames)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("Kèm theo Báo cáo số" in c and "/BC-UBND" in c for c in cells)
    assert len(list(wb["Hoạt động"].iter_rows())) > 100


def test_a_failed_write_is_reported_and_the_buttons_come_back(
    qtbot: QtBot, page: ReportPage, tmp_path: Path
) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    page.generate("docx", blocker / "BaoCao.docx")
    qtbot.waitUntil(lambda: not page._busy, timeout=15000)
    assert page.result_bar.isVisible()
    assert page.result_label.text().startswith("Không tạo được tệp")
    assert "Traceback" not in page.result_label.text()
    assert page.word_btn.isEnabled() and not page.open_btn.isVisible()


def test_default_file_names_are_plain_ascii() -> None:
    assert ascii_slug("Phường Hiệp Ninh") == "PhuongHiepNinh"
    assert ascii_slug("Xã Đồng Khởi") == "XaDongKhoi"
    assert default_name("docx", "Phường 1", "2023") == "BaoCao_Phuong1_2023.docx"
    assert default_name("xlsx", "Phường 1", "2023-h1") == "PhuLuc_Phuong1_2023-h1.xlsx"
