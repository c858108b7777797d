"""The .eml draft parses back with the email package: subject, body and the exact package bytes."""

from __future__ import annotations

import email
import os
from email import policy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from dvcq_desktop.services.email_draft import mailto_url, write_eml

OFFICE = "Phòng Nội vụ thành phố Tây Ninh"


def _package(tmp_path: Path) -> Path:
    p = tmp_path / "DVCQ_2023_TPTN-P1_lan2_20231025-0930.dvcq"
    p.write_bytes(b"PK\x03\x04" + os.urandom(5000) + bytes(range(256)))
    return p


def test_eml_round_trip(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    out = write_eml(
        pkg,
        tmp_path / "exports" / "draft.eml",
        to_office=OFFICE,
        unit_name="Phường 1",
        period_label="Năm 2023",
        revision=2,
    )
    raw = out.read_bytes()
    raw.decode("ascii")  # 7-bit clean on the wire: every header and part is encoded
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "[DVCQ] Báo cáo công tác dân vận chính quyền năm 2023 - Phường 1 (lần 2)"
    assert msg["X-Unsent"] == "1"
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert text.startswith(f"Kính gửi: {OFFICE},")
    assert "Phường 1 gửi báo cáo kết quả công tác dân vận chính quyền năm 2023 (gửi lại lần 2" in text
    assert pkg.name in text
    atts = list(msg.iter_attachments())
    assert len(atts) == 1
    att = atts[0]
    assert att.get_content_type() == "application/vnd.dvcq.submission+zip"
    assert att.get_filename() == pkg.name
    assert att.get_payload(decode=True) == pkg.read_bytes()
    assert not list((tmp_path / "exports").glob("*.part"))


def test_first_revision_subject_has_no_revision_and_to_address(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    out = write_eml(
        pkg,
        tmp_path / "d.eml",
        to_office=OFFICE,
        unit_name="Xã Bình Minh",
        period_label="Năm 2023",
        revision=1,
        to_address="noivu@tayninh.gov.vn",
    )
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert msg["Subject"] == "[DVCQ] Báo cáo công tác dân vận chính quyền năm 2023 - Xã Bình Minh"
    assert msg["To"] == "noivu@tayninh.gov.vn"
    assert "gửi lại" not in msg.get_body(preferencelist=("plain",)).get_content()


def test_mailto_fallback_asks_to_attach_the_file() -> None:
    url = mailto_url(
        file_name="DVCQ_2023_TPTN-P1_lan1_20231025-0930.dvcq",
        to_office=OFFICE,
        unit_name="Phường 1",
        period_label="Năm 2023",
        revision=1,
    )
    url.encode("ascii")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    q = parse_qs(parts.query)
    assert q["subject"] == ["[DVCQ] Báo cáo công tác dân vận chính quyền năm 2023 - Phường 1"]
    body = q["body"][0]
    assert body.startswith(f"Kính gửi: {OFFICE},\r\n")
    assert "Xin đính kèm tệp DVCQ_2023_TPTN-P1_lan1_20231025-0930.dvcq" in body
