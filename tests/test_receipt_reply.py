"""The office's reply e-mail that carries a receipt back to the unit: the .eml parses with the email
package, its one attachment is byte for byte the signed receipt, Vietnamese headers are encoded, and
the unit takes the attachment as it would take the receipt file itself."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path
from typing import Any

import pytest
from support.ws_helpers import run_cli

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package.receipt_file import read_receipt
from dvcq_desktop.services import receipts
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.plan_intake import take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.receipt_reply import set_unit_email, unit_email, write_reply
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace


def _office_with_a_package(tmp_path: Path) -> tuple[Workspace, Workspace]:
    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    plan = publish_plan(office, office.period.id, tmp_path / "ph")
    unit = init_workspace(tmp_path / "unit", role="unit", unit_code="TPTN-P1")
    take_plan_file(unit, plan)
    fill_demo(unit, activities=4, seed=4)
    (tmp_path / "usb").mkdir()
    [done] = import_packages(office, [export_package(unit, tmp_path / "usb").path])
    assert done.outcome == "new"
    return office, unit


def test_reply_eml_carries_the_receipt_to_the_units_address(tmp_path: Path) -> None:
    office, unit = _office_with_a_package(tmp_path)
    set_unit_email(office, "TPTN-P1", "vanphong.phuong1@tayninh.gov.vn")
    receipt = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "usb" / "bien-nhan")
    eml = write_reply(office, receipt)
    assert eml == receipt.with_suffix(".eml")

    raw = eml.read_bytes()
    raw.decode("ascii")  # 7-bit on the wire: the Vietnamese subject is RFC 2047-encoded, not raw UTF-8
    assert b"=?utf-8?" in raw
    msg = email.message_from_bytes(raw, policy=policy.default)
    unit_name = office.catalog.unit("TPTN-P1").name
    period_phrase = office.period.label[:1].lower() + office.period.label[1:]
    assert msg["To"] == "vanphong.phuong1@tayninh.gov.vn"
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == (
        f"[DVCQ] Biên nhận báo cáo công tác dân vận chính quyền {period_phrase} - {unit_name}"
    )
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert text.startswith(f"Kính gửi: {unit_name},")
    rc = read_receipt(receipt)
    assert f"{office.own_unit.name} đã tiếp nhận" in text
    assert "- lần gửi 1: nhận lúc " in text and ("đúng hạn" in text or "trễ" in text)
    assert receipt.name in text and "Nộp báo cáo" in text

    [att] = list(msg.iter_attachments())
    assert att.get_filename() == receipt.name
    assert att.get_content_type() == "application/vnd.dvcq.receipt+zip"
    content = att.get_payload(decode=True)
    assert content == receipt.read_bytes()

    # What the unit saves from its mail client is the receipt: taken, with received_at.
    saved = tmp_path / "tai-ve" / str(att.get_filename())
    saved.parent.mkdir()
    saved.write_bytes(content)
    taken = receipts.take_receipt(unit, saved)
    assert taken.outcome == "new" and taken.count == len(rc.entries) == 1
    [row] = receipts.export_status(unit)
    assert row["received_at"] == rc.entries[0]["received_at"]


def test_without_a_known_address_the_draft_has_no_recipient_and_a_bad_address_is_refused(
    tmp_path: Path,
) -> None:
    office, _unit = _office_with_a_package(tmp_path)
    receipt = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "bn")
    msg = email.message_from_bytes(write_reply(office, receipt).read_bytes(), policy=policy.default)
    assert msg["To"] is None  # the mail client asks; nothing made up
    with pytest.raises(DvcqError) as info:
        set_unit_email(office, "TPTN-P1", "phuong 1@tayninh")
    assert info.value.code == "receipt_bad_email"
    assert unit_email(office, "TPTN-P1") == ""


def _cli_json(*args: str) -> dict[str, Any]:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr + r.stdout
    return dict(json.loads(r.stdout))


def test_dvcq_receipt_eml_over_the_cli(tmp_path: Path) -> None:
    office, unit = _office_with_a_package(tmp_path)
    office.close()
    unit.close()
    ws = str(tmp_path / "office")
    out = str(tmp_path / "usb" / "bien-nhan")
    result = _cli_json(
        "-w", ws, "receipt", "--unit", "TPTN-P1", "--out", out, "--eml", "--to", "p1@tayninh.gov.vn", "--json"
    )
    assert set(result) >= {"path", "eml"}
    msg = email.message_from_bytes(Path(result["eml"]).read_bytes(), policy=policy.default)
    [att] = list(msg.iter_attachments())
    assert att.get_payload(decode=True) == Path(result["path"]).read_bytes()
    assert msg["To"] == "p1@tayninh.gov.vn"
    # the address is remembered: the batch's drafts use it without --to
    batch = _cli_json("-w", ws, "receipt", "--all", "--out", str(tmp_path / "lo"), "--eml", "--json")
    [eml] = batch["emls"]
    assert (
        email.message_from_bytes(Path(eml).read_bytes(), policy=policy.default)["To"] == "p1@tayninh.gov.vn"
    )
    refused = run_cli("-w", ws, "receipt", "--all", "--out", str(tmp_path / "lo"), "--to", "a@b.vn")
    assert refused.returncode != 0 and "--unit" in refused.stdout + refused.stderr
