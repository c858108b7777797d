"""Kế hoạch & kỳ báo cáo: the office opens a year, edits and publishes its plan; a unit previews
the plan file, takes it and switches period; the page lists every period with today's one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from support.officer_ws import make_ctx

from dvcq_desktop.services import periods
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.periods.periods_page import PeriodsPage
from dvcq_desktop.ui.periods.plan_take_dialog import PlanTakeDialog


def _rows(page: PeriodsPage) -> list[str]:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def test_office_opens_edits_and_publishes_a_year(qtbot: QtBot, agg: Workspace, tmp_path: Path) -> None:
    ctx = make_ctx(agg)
    page = PeriodsPage(ctx)
    qtbot.addWidget(page)
    panel = page.office_panel
    assert panel is not None and _rows(page) == ["Năm 2023"]
    panel.year.setValue(2024)
    panel.open_button.click()
    assert _rows(page) == ["Năm 2023", "Năm 2024"]

    page.table.selectRow(1)
    with qtbot.waitSignal(ctx.hub.workspace_replaced):
        page.choose_selected()
    assert agg.chosen == ("tptn-dvcq-2024", "2024")
    panel.load_meta()
    assert panel.deadline.text() == "01/11/2024" and panel.start.text() == "01/11/2023"
    panel.deadline.setText("31/02/2024")
    panel.save_meta_button.click()
    assert "dd/mm/yyyy" in panel.meta_note.text()
    panel.deadline.setText("05/11/2024")
    panel.number.setText("12/KH-UBND")
    panel.save_meta_button.click()
    assert "phiên bản 2" in panel.meta_note.text()
    assert agg.plan_for("2024").period("2024").deadline.day == 5

    panel.email.setText("khong-hop-le")
    assert panel.publish(tmp_path / "out") is None and "thư điện tử" in panel.publish_note.text()
    panel.email.setText("phongnoivu@tayninh.gov.vn")
    path = panel.publish(tmp_path / "out")
    assert path is not None and path.is_file() and path.suffix == ".dvcqkh"

    panel.load_years()
    assert panel.trend.columnCount() == 3 and panel.trend.rowCount() > 40
    assert panel.record.rowCount() == 21
    assert "đúng hạn" in panel.chart.chart_.title()
    panel.trend.setCurrentCell(0, 0)
    assert panel.trend.item(0, 0).text() in panel.chart.chart_.title()
    assert [a.categories() for a in panel.chart.chart_.axes() if hasattr(a, "categories")] == [
        ["Năm 2023", "Năm 2024"]
    ]


def test_unit_previews_takes_the_plan_file_and_the_page_follows(qtbot: QtBot, tmp_path: Path) -> None:
    with init_workspace(tmp_path / "o", role="aggregator", unit_code="TPTN") as office:
        periods.open_year(office, 2024)
        plan_file = publish_plan(office, "2024", tmp_path / "kh")
    with init_workspace(tmp_path / "u", role="unit", unit_code="TPTN-P2", period_id="2023") as ws:
        ctx = make_ctx(ws)
        page = PeriodsPage(ctx)
        qtbot.addWidget(page)
        assert page.office_panel is None and _rows(page) == ["Năm 2023"]
        dialog = PlanTakeDialog(ws, plan_file, page)
        qtbot.addWidget(dialog)
        assert "Năm 2024" in dialog.text.text() and "01/11/2024" in dialog.text.text()
        assert "kỳ mới" in dialog.text.text() and dialog.take_button.isEnabled()
        assert _rows(page) == ["Năm 2023"]  # nothing stored by the preview
        dialog.take_button.click()
        assert dialog.outcome is not None and dialog.outcome.outcome == "new"
        page.refresh()
        assert _rows(page) == ["Năm 2023", "Năm 2024"] and ws.chosen[1] == "2024"
        assert "Đang làm việc với kỳ Năm 2024" in page.today_label.text()

        bad = tmp_path / "hong.dvcqkh"
        bad.write_bytes(b"PK\x03\x04 not really")
        refused = PlanTakeDialog(ws, bad, page)
        qtbot.addWidget(refused)
        assert not refused.take_button.isEnabled() and "Không nhận được" in refused.text.text()


def test_successor_must_be_ticked_before_taking(qtbot: QtBot, tmp_path: Path) -> None:
    with init_workspace(tmp_path / "so", role="aggregator", unit_code="TN", catalog="tay-ninh-2025") as so:
        periods.open_year(so, 2026)
        plan_file = publish_plan(so, "2026", tmp_path / "kh")
    with init_workspace(tmp_path / "hn", role="unit", unit_code="TPTN-HN", period_id="2023") as ws:
        dialog = PlanTakeDialog(ws, plan_file)
        qtbot.addWidget(dialog)
        assert "Phường Tân Ninh" in dialog.text.text() and not dialog.successor_box.isHidden()
        assert not dialog.take_button.isEnabled()
        dialog.successor_box.setChecked(True)
        dialog.take_button.click()
        assert dialog.outcome is not None and dialog.outcome.successor == "TN-TAN-NINH"
        assert ws.unit_code == "TN-TAN-NINH"


def test_wizard_i_have_a_plan_file_offers_the_roster_and_creates_the_workspace(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.planfile import read_plan_file
    from dvcq_desktop.ui.wizard.wizard_plan_file import UnitFromPlanDialog, create_from_plan

    with init_workspace(tmp_path / "so", role="aggregator", unit_code="TN", catalog="tay-ninh-2025") as so:
        periods.open_year(so, 2026)
        plan_file = publish_plan(so, "2026", tmp_path / "kh")
    dialog = UnitFromPlanDialog(read_plan_file(plan_file))
    qtbot.addWidget(dialog)
    names = [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    assert names == [
        "Phường Bình Minh (TN-BINH-MINH)",
        "Phường Ninh Thạnh (TN-NINH-THANH)",
        "Phường Tân Ninh (TN-TAN-NINH)",
    ]
    dialog.unit.setCurrentIndex(2)
    paths = AppPaths(workspace=tmp_path / "moi", log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")
    with create_from_plan(paths, plan_file, dialog.unit_code()) as ws:
        assert (ws.unit_code, ws.period.id, ws.plan.id) == ("TN-TAN-NINH", "2026", "tptn-dvcq-2026")
        assert ws.own_unit.name == "Phường Tân Ninh"


def test_preview_says_a_provisional_year_will_be_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    with init_workspace(tmp_path / "o", role="aggregator", unit_code="TPTN") as office:
        periods.open_year(office, 2024)
        plan_file = publish_plan(office, "2024", tmp_path / "kh")
    with init_workspace(tmp_path / "u", role="unit", unit_code="TPTN-P2", period_id="2023") as ws:
        periods.open_provisional(ws, 2024)
        dialog = PlanTakeDialog(ws, plan_file)
        qtbot.addWidget(dialog)
        assert "mở tạm" in dialog.text.text()
        assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "Hủy"


def test_wizard_plan_step_offers_todays_year_and_the_unsent_one(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from dvcq_desktop.domain import clock
    from dvcq_desktop.domain.plan_loader import load_builtin_plan
    from dvcq_desktop.ui.wizard.wizard_period import PeriodChoice

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 5, 9, 0, tzinfo=clock.VN_TZ))
    w = PeriodChoice()
    qtbot.addWidget(w)
    plan = load_builtin_plan()
    w.set_plan(plan, "unit")
    assert [w.combo.itemData(i) for i in range(w.combo.count())] == ["2027", "2026", "2023"]
    assert w.period_id() == "2027" and "kỳ hiện tại" in w.combo.currentText()
    assert "Năm 2026" in w.note.text() and not w.is_plan_period(plan)
    w.set_plan(plan, "aggregator")
    assert [w.combo.itemData(i) for i in range(w.combo.count())] == ["2023"] and w.is_plan_period(plan)


def test_office_edits_the_plan_content_through_json_with_validation(
    qtbot: QtBot, agg: Workspace, tmp_path: Path
) -> None:
    import json

    periods.open_year(agg, 2024)
    periods.choose(agg, "2024")
    page = PeriodsPage(make_ctx(agg))
    qtbot.addWidget(page)
    panel = page.office_panel
    assert panel is not None
    f = periods.export_plan_json(agg, "2024", tmp_path / "kh.json")
    data = json.loads(f.read_text(encoding="utf-8"))
    new = dict(data["indicators"][0], id="a1_chuyen_doi_so", label="Buổi tập huấn chuyển đổi số")
    new.pop("suggest", None)
    data["indicators"].append(new)
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    panel.content.import_json_file(f)
    assert "phiên bản 2" in panel.content.note.text()
    assert "a1_chuyen_doi_so" in {i.id for i in agg.plan_for("2024").indicators}

    data["indicators"][-1]["area_id"] = "A9"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    panel.content.import_json_file(f)
    assert "indicators[" in panel.content.note.text() and "A9" in panel.content.note.text()
    assert agg.plan_for("2024").version == "2"


def test_office_edits_the_roster_and_the_plan_content_through_excel_with_a_preview(
    qtbot: QtBot, agg: Workspace, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from dvcq_desktop.services.plan_excel import INDICATORS
    from dvcq_desktop.services.roster import roster
    from dvcq_desktop.services.roster_excel import SHEET

    periods.open_year(agg, 2024)
    periods.choose(agg, "2024")
    page = PeriodsPage(make_ctx(agg))
    qtbot.addWidget(page)
    panel = page.office_panel
    assert panel is not None
    box = panel.roster
    assert "21 đơn vị" in box.count.text()

    src = tmp_path / "ds.xlsx"
    box.export_to(src)
    assert "Đã lưu" in box.note.text()
    wb = load_workbook(src)
    sheet = wb[SHEET]
    r = next(i for i in range(2, sheet.max_row + 1) if sheet.cell(i, 1).value == "TPTN-TB")
    sheet.cell(r, 4).value = "không"
    wb.save(tmp_path / "bad.xlsx")  # excluded without a reason
    assert box.preview_file(tmp_path / "bad.xlsx") is None
    assert f"dòng {r}" in box.note.text() and "chưa ghi lý do" in box.note.text()
    assert all(e.included for e in roster(agg, "2024"))
    odd = tmp_path / "ds <b>2024 & sửa.xlsx"  # the message names the file: text, never markup
    odd.write_bytes((tmp_path / "bad.xlsx").read_bytes())
    assert box.preview_file(odd) is None
    shown = QTextDocument()
    shown.setHtml(box.note.text())
    assert odd.name in shown.toPlainText()

    sheet.cell(r, 5).value = "Giải thể theo Nghị quyết của Ủy ban Thường vụ Quốc hội"
    wb.save(tmp_path / "ok.xlsx")
    dialog = box.preview_file(tmp_path / "ok.xlsx")
    assert dialog is not None and dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (0, 2, 3)] == ["TPTN-TB", "có", "không"]
    assert all(e.included for e in roster(agg, "2024"))  # the preview stores nothing
    dialog.apply_button.click()
    assert [e.unit_code for e in roster(agg, "2024") if not e.included] == ["TPTN-TB"]
    assert "20 đơn vị" in box.count.text() and "1 đơn vị đưa ra" in box.count.text()

    content = panel.content
    plan_src = tmp_path / "kh.xlsx"
    content.export_to(plan_src)
    wb = load_workbook(plan_src)
    wb[INDICATORS].append(["", "A5", "Buổi tập huấn kỹ năng dân vận", "buổi", "số lượng", "", "", ""])
    wb.save(tmp_path / "kh2.xlsx")
    dialog = content.preview_file(tmp_path / "kh2.xlsx")
    assert dialog is not None
    assert [dialog.table.item(0, c).text() for c in (0, 1)] == [
        "Chỉ tiêu mới",
        "a5_ct1 — Buổi tập huấn kỹ năng dân vận",
    ]
    assert "phiên bản 2" in dialog.summary.text()
    dialog.apply_button.click()
    assert "phiên bản 2" in content.note.text() and "phiên bản 2" in panel.meta_period.text()
    assert agg.plan_for("2024").indicator("a5_ct1").unit == "buổi"
