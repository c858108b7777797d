"""The trusted channel as the officer sees it: the key fingerprint in Settings, the office's
receipt in the unit's export history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.officer_ws import make_ctx

from dvcq_desktop.services import keys, receipts
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.plan_intake import take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.settings.settings_page import SettingsPage
from dvcq_desktop.ui.unit.export_history import COL_RECEIPT, ExportHistoryTable


def _office_received_from_unit(tmp_path: Path, activities: int, seed: int) -> tuple[Workspace, Workspace]:
    """An office that published its plan, and TPTN-P1 that took it and whose export the office imported."""
    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    plan = publish_plan(office, office.period.id, tmp_path / "ph")
    unit = init_workspace(tmp_path / "unit", role="unit", unit_code="TPTN-P1")
    take_plan_file(unit, plan)
    fill_demo(unit, activities=activities, seed=seed)
    (tmp_path / "usb").mkdir()
    import_packages(office, [export_package(unit, tmp_path / "usb").path])
    return office, unit


def test_settings_shows_the_fingerprint_and_history_shows_the_receipt(qtbot: Any, tmp_path: Path) -> None:
    office, unit = _office_received_from_unit(tmp_path, activities=5, seed=2)
    ctx = make_ctx(unit)
    history = ExportHistoryTable(ctx)
    qtbot.addWidget(history)
    history.load(unit)
    assert history.item(0, COL_RECEIPT).text() == "Chưa có biên nhận"
    receipts.take_receipt(unit, receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "bn"))
    history.load(unit)
    assert history.item(0, COL_RECEIPT).text().startswith("Đã được tiếp nhận lúc ")
    assert "trễ" in history.item(0, COL_RECEIPT).text() or "đúng hạn" in history.item(0, COL_RECEIPT).text()

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    text = page.keys_info.text()
    assert keys.fingerprint(unit) in text and keys.fingerprint(office) in text
    ctx.tasks.wait()


def test_preview_offers_to_accept_a_new_unit_key_with_a_reason(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from dvcq_desktop.ui.office.intake_page import IntakePage

    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    for name, out in (("may-cu", "usb1"), ("may-moi", "usb2")):
        unit = init_workspace(tmp_path / name, role="unit", unit_code="TPTN-P1")
        fill_demo(unit, activities=4, seed=5)
        (tmp_path / out).mkdir()
        path = export_package(unit, tmp_path / out).path
        if name == "may-cu":
            import_packages(office, [path])
        unit.close()
    ctx = make_ctx(office)
    page = IntakePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.preview_ready, timeout=20000):
        page.preview([tmp_path / "usb2"])
    assert page.table.item(0, 4).text() == "Bị từ chối"
    assert page.key_btn.pending and "khóa khác" in page.table.item(0, 5).text()
    page.key_btn.ask_reason = lambda _parent, _text: "Phường cài lại máy, đã gọi điện so mã khóa"
    with qtbot.waitSignal(page.preview_ready, timeout=20000):
        qtbot.mouseClick(page.key_btn, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 4).text() != "Bị từ chối" and page._storable() == 1
    with qtbot.waitSignal(ctx.hub.imports_changed, timeout=20000):
        qtbot.mouseClick(page.confirm_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running)
    reasons = [r[0] for r in office.db.execute("SELECT reason FROM audit_log WHERE entity = 'pinned_key'")]
    assert "Phường cài lại máy, đã gọi điện so mã khóa" in reasons
    ctx.tasks.wait()


def test_double_clicked_receipt_is_taken_on_the_submit_page(qtbot: Any, tmp_path: Path) -> None:
    from dvcq_desktop.services.file_routing import route_for
    from dvcq_desktop.ui.unit.submit_page import SubmitPage

    office, unit = _office_received_from_unit(tmp_path, activities=4, seed=2)
    receipt = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "bn")
    route = route_for(receipt, "unit")
    assert (route.view, route.page, route.target) == ("receipt", "submit", [receipt])
    assert route_for(receipt, "aggregator").view == "intake"  # the office never takes receipts
    ctx = make_ctx(unit)
    page = SubmitPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    with qtbot.waitSignal(ctx.hub.status_message, timeout=10000) as said:
        page.focus_target(route.target)
    assert said.args[0].startswith("Đã nhận biên nhận")
    assert page.history_table.item(0, COL_RECEIPT).text().startswith("Đã được tiếp nhận lúc ")
    ctx.tasks.wait()


def test_office_turns_on_signed_only_for_a_period_and_an_unsigned_package_is_refused(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from support.aggregator_helpers import unit_submission, write

    from dvcq_desktop.messages import render
    from dvcq_desktop.ui.office.intake_page import IntakePage
    from dvcq_desktop.ui.periods.periods_page import PeriodsPage

    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    unit = init_workspace(tmp_path / "unit", role="unit", unit_code="TPTN-P1")
    fill_demo(unit, activities=4, seed=7)
    unit.close()
    old = write(unit_submission(tmp_path / "unit"), tmp_path / "usb").path  # format 1.0: unsigned
    period = office.period
    ctx = make_ctx(office)
    page = PeriodsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    box = page.signed_box
    assert box.period_id == period.id and period.label in box.switch.text()
    assert not box.switch.isChecked() and box.switch.isEnabled()
    assert "từ chối" in box.consequence.text() and "chưa ký" in box.consequence.text()
    assert not box.affected.isVisible()  # nothing unsigned received yet

    with qtbot.waitSignal(box.changed, timeout=5000) as flipped:
        qtbot.mouseClick(box.switch, Qt.MouseButton.LeftButton)
    assert flipped.args == [period.id, True] and box.switch.isChecked()
    assert keys.require_signed(office, period.id)
    audit = list(
        office.db.query("SELECT * FROM audit_log WHERE entity = 'period' AND action = 'require_signed'")
    )
    assert [(a["entity_id"], a["old_value"], a["new_value"]) for a in audit] == [(period.id, "False", "True")]

    intake = IntakePage(ctx)
    qtbot.addWidget(intake)
    with qtbot.waitSignal(intake.preview_ready, timeout=20000):
        intake.preview([old])
    unit_name = office.catalog.unit("TPTN-P1").name
    assert intake.table.item(0, 4).text() == "Bị từ chối"
    assert intake.table.item(0, 5).text() == render(
        "import_unsigned_refused", unit=unit_name, period=period.id
    )
    assert intake._storable() == 0

    # Off again: the same file is accepted, marked "chưa ký", and the box names the unit it affects.
    qtbot.mouseClick(box.switch, Qt.MouseButton.LeftButton)
    assert not keys.require_signed(office, period.id)
    with qtbot.waitSignal(intake.preview_ready, timeout=20000):
        intake.preview([old])
    assert intake._storable() == 1 and "chưa ký" in intake.table.item(0, 5).text()
    with qtbot.waitSignal(ctx.hub.imports_changed, timeout=20000):
        qtbot.mouseClick(intake.confirm_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not intake.running)
    box.show_period(period.id)
    assert box.affected.isVisible() and unit_name in box.affected.text()
    # ... and the board says it too, beside the unit's status, and in `dvcq status --json`
    from dvcq_desktop.services.board import board, board_to_json
    from dvcq_desktop.ui.office.board_model import note

    (row,) = [r for r in board(office).rows if r.unit_code == "TPTN-P1"]
    assert row.signed is False and "gói chưa ký" in note(row)
    (entry,) = [u for u in board_to_json(board(office))["units"] if u["unit"] == "TPTN-P1"]
    assert entry["signed"] is False
    assert all(r.signed is None for r in board(office).rows if r.unit_code != "TPTN-P1")
    ctx.tasks.wait()


def test_after_an_import_the_office_writes_receipts_and_a_reply_eml_next_to_the_packages(
    qtbot: Any, tmp_path: Path
) -> None:
    import email
    from email import policy

    from PySide6.QtCore import Qt

    from dvcq_desktop.services.receipt_reply import unit_email
    from dvcq_desktop.ui.office.intake_page import IntakePage

    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    plan = publish_plan(office, office.period.id, tmp_path / "ph")
    usb = tmp_path / "usb"
    usb.mkdir()
    for code, seed in (("TPTN-P1", 1), ("TPTN-P2", 2)):
        unit = init_workspace(tmp_path / code, role="unit", unit_code=code)
        take_plan_file(unit, plan)
        fill_demo(unit, activities=3, seed=seed)
        export_package(unit, usb)
        unit.close()
    ctx = make_ctx(office)
    page = IntakePage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.preview_ready, timeout=20000):
        page.preview([usb])
    assert not page.receipt_btn.isVisible()  # a dry run stored nothing: nothing to acknowledge
    with qtbot.waitSignal(page.import_done, timeout=20000):
        qtbot.mouseClick(page.confirm_btn, Qt.MouseButton.LeftButton)
    btn = page.receipt_btn
    assert btn.isVisible() and [s[0] for s in btn.slots] == ["TPTN-P1", "TPTN-P2"]
    assert "Lập biên nhận" in page.status.text()

    asked: list[str] = []
    addresses = {"Phường 1": "p1@tayninh.gov.vn", "Phường 2": ""}  # P2's address is not known

    def ask(_parent: Any, unit_name: str) -> str:
        asked.append(unit_name)
        return addresses[unit_name]

    opened: list[Path] = []
    btn.ask_address, btn.opener = ask, opened.append
    with qtbot.waitSignal(btn.written, timeout=20000) as got:
        btn.reply_action.trigger()
    written = got.args[0]
    assert sorted(asked) == ["Phường 1", "Phường 2"] and unit_email(office, "TPTN-P1") == "p1@tayninh.gov.vn"
    assert len(written) == 2 and opened == [usb / "bien-nhan"]  # several drafts: their folder opens
    for receipt, eml in written:
        assert receipt.parent == usb / "bien-nhan" and receipt.suffix == ".dvcqbn"
        msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        [att] = list(msg.iter_attachments())
        assert att.get_filename() == receipt.name and att.get_payload(decode=True) == receipt.read_bytes()
        unit_name = "Phường 1" if "TPTN-P1" in receipt.name else "Phường 2"
        assert msg["To"] == (addresses[unit_name] or None)
        assert msg.get_body(preferencelist=("plain",)).get_content().startswith(f"Kính gửi: {unit_name},")

    # Next time only the unit whose address is still unknown is asked; receipts alone need no address.
    asked.clear()
    with qtbot.waitSignal(btn.written, timeout=20000):
        btn.reply_action.trigger()
    assert asked == ["Phường 2"]
    asked.clear()
    with qtbot.waitSignal(btn.written, timeout=20000) as again:
        btn.folder_action.trigger()
    assert asked == [] and all(eml is None for _r, eml in again.args[0])
    chosen = tmp_path / "chon"
    btn.choose_folder = lambda _parent: chosen
    with qtbot.waitSignal(btn.written, timeout=20000) as there:
        btn.other_action.trigger()
    assert sorted(r.parent for r, _e in there.args[0]) == [chosen, chosen] and opened[-1] == chosen
    assert len(list((usb / "bien-nhan").glob("*.dvcqbn"))) >= 2
    ctx.tasks.wait()


# Qt 6 still takes QDragEnterEvent's QPoint form (the QPointF one is not bound): a deprecation only.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_receipt_dragged_onto_the_export_history_is_taken(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    office, unit = _office_received_from_unit(tmp_path, activities=3, seed=6)
    receipt = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "tai-ve")
    ctx = make_ctx(unit)
    history = ExportHistoryTable(ctx)
    qtbot.addWidget(history)
    history.resize(900, 300)
    history.show()
    history.load(unit)
    assert history.item(0, COL_RECEIPT).text() == "Chưa có biên nhận"

    mime = QMimeData()

    def drag_enter(path: Path) -> QDragEnterEvent:
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        enter = QDragEnterEvent(
            QPoint(50, 50),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(history.viewport(), enter)
        return enter

    other = tmp_path / "ghi-chu.txt"
    other.write_text("x", encoding="utf-8")
    assert not drag_enter(other).isAccepted()  # not a receipt: the table does not take it
    assert drag_enter(receipt).isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(ctx.hub.status_message, timeout=5000) as said:
        QApplication.sendEvent(history.viewport(), drop)
    assert said.args[0].startswith("Đã nhận biên nhận")
    assert history.item(0, COL_RECEIPT).text().startswith("Đã được tiếp nhận lúc ")
    ctx.tasks.wait()
