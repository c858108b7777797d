"""The Chỉ tiêu page driven offscreen: live rules, ratios, suggestions, saving."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from support.officer_ws import act, make_ctx, make_ws, type_text

from dvcq_desktop.storage import activities, report_data
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.unit.indicators_page import IndicatorsPage


@pytest.fixture
def ind_ctx(tmp_path: Path) -> Iterator[Any]:
    ws = make_ws(tmp_path / "ws")
    ctx = make_ctx(ws)
    yield ctx
    ctx.tasks.wait()
    ctx.workspace.close()


def _page(qtbot: Any, ctx: Any) -> IndicatorsPage:
    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.suggestions_ready)
    return page


def _type(qtbot: Any, page: IndicatorsPage, iid: str, text: str) -> None:
    box = page.field(iid)
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)


def test_rule_error_in_red_blocks_and_clears(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    assert not page.has_blocking_errors()
    assert not page.rule_row("r_a4_da_giai_quyet").message.isVisible()  # empty form: no errors
    _type(qtbot, page, "a4_vu_viec_tham_quyen", "5")
    _type(qtbot, page, "a4_vu_viec_da_giai_quyet", "7")
    row = page.rule_row("r_a4_da_giai_quyet")
    assert row.message.isVisible() and "#c0392b" in row.message.styleSheet()
    assert "không được lớn hơn số vụ việc thuộc thẩm quyền" in row.message.text()
    assert "#c0392b" in page.field("a4_vu_viec_da_giai_quyet").styleSheet()
    assert "#c0392b" in page.field("a4_vu_viec_tham_quyen").styleSheet()
    assert page.has_blocking_errors()
    assert "1 lỗi cần sửa" in page.summary.text()

    _type(qtbot, page, "a4_vu_viec_da_giai_quyet", "5")
    assert not page.has_blocking_errors()
    assert not row.message.isVisible()
    assert page.field("a4_vu_viec_tham_quyen").styleSheet() == ""


def test_warning_asks_for_a_comment_which_is_saved(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    _type(qtbot, page, "a5_phan_anh_thai_do", "1")
    _type(qtbot, page, "a5_phan_anh_da_xu_ly", "2")
    row = page.rule_row("r_a5_phan_anh_xu_ly")
    assert row.message.isVisible() and "#9a6700" in row.message.styleSheet()
    assert row.comment.isVisible() and "cảnh báo cần ghi lý do" in page.summary.text()
    assert not page.has_blocking_errors()  # a warning does not block
    type_text(row.comment, "Có 1 phản ánh từ năm 2022 chuyển sang")
    assert "cảnh báo" not in page.summary.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    ws = ind_ctx.workspace
    assert (
        report_data.rule_comments(ws.db, ws.plan.id, ws.period.id)["r_a5_phan_anh_xu_ly"]
        == "Có 1 phản ánh từ năm 2022 chuyển sang"
    )


def test_ratio_is_computed_live(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    label = page.ratio_label("a4_ty_le_giai_quyet")
    assert label.text() == "—"
    _type(qtbot, page, "a4_vu_viec_tham_quyen", "316")
    _type(qtbot, page, "a4_vu_viec_da_giai_quyet", "238")
    assert label.text() == "75,3%"
    _type(qtbot, page, "a4_vu_viec_tham_quyen", "")
    assert label.text() == "—"


def test_suggestion_applies_the_activity_log_count(qtbot: Any, ind_ctx: Any) -> None:
    ws = ind_ctx.workspace
    activities.save_many(
        ws.db,
        [
            act("tuyen_truyen", participants=1000),
            act("tuyen_truyen", participants=230),
            act("tuyen_truyen", participants=5, status="cancelled"),
        ],
    )
    page = _page(qtbot, ind_ctx)
    row = page.counts["a2_buoi_tuyen_truyen"]
    assert row.suggestion.isVisible() and row.apply.isVisible()
    # one line, shortened with "…" when narrow: the whole sentence is held and in the tooltip
    assert row.suggestion.full_text() == "Theo nhật ký hoạt động: 2 buổi, 1.230 lượt người"
    assert row.suggestion.toolTip() == row.suggestion.full_text()
    assert not page.counts["a4_don_tiep_nhan"].apply.isVisible()  # the log cannot support it
    with qtbot.waitSignal(ind_ctx.hub.indicators_changed, timeout=5000):
        qtbot.mouseClick(page.counts["a2_luot_nguoi_tuyen_truyen"].apply, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(row.apply, Qt.MouseButton.LeftButton)
    assert page.field("a2_buoi_tuyen_truyen").text() == "2"
    assert page.field("a2_luot_nguoi_tuyen_truyen").text() == "1.230"
    assert not row.apply.isVisible() and not row.suggestion.isVisible()  # applied: nothing to offer
    stored = report_data.values(ws.db, ws.plan.id, ws.period.id)  # saved by the debounce timer
    assert stored["a2_buoi_tuyen_truyen"].value == 2 and stored["a2_luot_nguoi_tuyen_truyen"].value == 1230

    # a new activity refreshes the suggestion
    activities.save_many(ws.db, [act("tuyen_truyen", participants=1)])
    with qtbot.waitSignal(page.suggestions_loaded, timeout=5000):
        ind_ctx.hub.activities_changed.emit()
    assert row.suggested == 3 and row.apply.isVisible()


def test_values_persist_after_reopening(qtbot: Any, tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    ctx = make_ctx(ws)
    page = _page(qtbot, ctx)
    _type(qtbot, page, "a1_van_ban", "12")
    type_text(page.counts["a1_van_ban"].comment, "Gồm 3 kế hoạch")
    _type(qtbot, page, "a3_ho_so_tiep_nhan", "1.500")
    page.flush()  # what happens when the page is hidden or the window closes
    ctx.tasks.wait()
    ws.close()

    ws2 = Workspace.open(tmp_path / "ws", auto_backup=False)
    ctx2 = make_ctx(ws2)
    page2 = _page(qtbot, ctx2)
    assert page2.field("a1_van_ban").text() == "12"
    assert page2.counts["a1_van_ban"].comment.text() == "Gồm 3 kế hoạch"
    assert page2.field("a3_ho_so_tiep_nhan").text() == "1.500"
    assert page2.field("a1_hoi_nghi_quan_triet").text() == ""  # blank stays "chưa nhập"
    assert report_data.values(ws2.db, ws2.plan.id, ws2.period.id)["a3_ho_so_tiep_nhan"].value == 1500
    ctx2.tasks.wait()
    ws2.close()


def test_focus_target_scrolls_to_the_field(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    page.forms["A6"].setChecked(False)  # collapsed group re-opens
    page.focus_target("a6_y_kien_da_giai_quyet")
    target = page.field("a6_y_kien_da_giai_quyet")
    qtbot.waitUntil(lambda: target.hasFocus())
    assert page.forms["A6"].isChecked()
    assert page.scroll_area.verticalScrollBar().value() > 0
    page.focus_target("r_a4_da_giai_quyet")  # no violation: its first figure
    qtbot.waitUntil(lambda: page.field("a4_vu_viec_da_giai_quyet").hasFocus())


def _visible_texts(page: IndicatorsPage, needle: str) -> list[str]:
    return [w.text() for w in page.findChildren(QLabel) if w.isVisible() and needle in w.text()]


def test_a_violation_is_said_once_and_the_rows_below_do_not_move(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    below = page.field("a4_vu_viec_ton_dong")  # a figure after the rule's line
    y_before = below.mapTo(page.scroll_area.widget(), below.rect().topLeft()).y()
    _type(qtbot, page, "a4_vu_viec_tham_quyen", "5")
    _type(qtbot, page, "a4_vu_viec_da_giai_quyet", "7")
    said = _visible_texts(page, "không được lớn hơn số vụ việc thuộc thẩm quyền")
    assert len(said) == 1, said
    # Both figures it compares are marked, and say why when hovered, without repeating the line.
    for iid in ("a4_vu_viec_tham_quyen", "a4_vu_viec_da_giai_quyet"):
        assert "không được lớn hơn" in page.field(iid).toolTip()
    qtbot.wait(50)  # the layout settles
    assert below.mapTo(page.scroll_area.widget(), below.rect().topLeft()).y() == y_before

    # A warning's comment box appears in its reserved place too.
    row = page.rule_row("r_a5_phan_anh_xu_ly")
    below = page.field("a5_vi_pham") if "a5_vi_pham" in page.counts else row.comment
    y_before = below.mapTo(page.scroll_area.widget(), below.rect().topLeft()).y()
    _type(qtbot, page, "a5_phan_anh_thai_do", "1")
    _type(qtbot, page, "a5_phan_anh_da_xu_ly", "2")
    assert row.comment.isVisible()
    qtbot.wait(50)
    assert below.mapTo(page.scroll_area.widget(), below.rect().topLeft()).y() == y_before


def test_the_rule_line_sits_with_the_figures_it_compares(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)
    _type(qtbot, page, "a4_vu_viec_tham_quyen", "5")
    _type(qtbot, page, "a4_vu_viec_da_giai_quyet", "7")
    body = page.scroll_area.widget()

    def y(w: QWidget) -> int:
        return w.mapTo(body, w.rect().topLeft()).y()

    line = page.rule_row("r_a4_da_giai_quyet").message
    figures = [page.field("a4_vu_viec_tham_quyen"), page.field("a4_vu_viec_da_giai_quyet")]
    assert max(y(f) for f in figures) < y(line)
    # …directly under the last of them: no other figure in between.
    others = [row.input for iid, row in page.counts.items() if iid.startswith("a4_")]
    between = [w for w in others if max(y(f) for f in figures) < y(w) < y(line)]
    assert between == []


def test_no_suggestion_of_zero(qtbot: Any, ind_ctx: Any) -> None:
    page = _page(qtbot, ind_ctx)  # an empty log: every suggestion would be 0
    row = page.counts["a2_buoi_tuyen_truyen"]
    assert row.suggested == 0
    assert not row.suggestion.isVisible() and not row.apply.isVisible()
    assert _visible_texts(page, "Theo nhật ký") == []
