"""Write → read gives back the same Submission; container layout and manifest as published."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.package_helpers import REPORTS, submission, with_attachment

from dvcq_desktop.domain.records import (
    Activity,
    AttachmentRef,
    DocumentMeta,
    IndicatorValue,
    NarrativeSection,
    PeriodRef,
    PlanRef,
    RuleResult,
    Signer,
    Submission,
    UnitRef,
)
from dvcq_desktop.package import build_package, read_member, read_package, write_package
from dvcq_desktop.package.codec import submission_from_dict, submission_to_dict

VN_ALPHABET = (
    "abcdeghiklmnopqrstuvxyĐđăâêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
    "úùủũụứừửữựýỳỷỹỵ ÁÀẢÃẠÂẤẦĂẮẰƯỨỪƠỚỜ0123456789.,;:-–()\"'/\n\t%"
)
text = st.text(alphabet=VN_ALPHABET, max_size=40)
ident = st.text(alphabet="ABCIVX0123456789._-", min_size=1, max_size=12)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
offsets = st.sampled_from([timezone(timedelta(hours=7)), UTC, timezone(timedelta(hours=-5))])
aware = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2098, 1, 1), timezones=offsets)
uuids = st.uuids().map(str)
sha = st.binary(min_size=1, max_size=8).map(lambda b: hashlib.sha256(b).hexdigest())
opt_int = st.none() | st.integers(min_value=0, max_value=10**9)

attachments = st.builds(
    AttachmentRef,
    sha256=sha,
    name=text,
    size=st.integers(0, 10**9),
    mime=st.sampled_from(["application/pdf", "image/jpeg"]),
)
activities = st.builds(
    Activity,
    id=uuids,
    area_id=ident,
    type_id=ident,
    title=text,
    start_date=dates,
    end_date=st.none() | dates,
    content=text,
    location=text,
    lead_unit=text,
    partners=text,
    participants=opt_int,
    groups=opt_int,
    result=text,
    doc_number=text,
    doc_date=st.none() | dates,
    doc_summary=text,
    status=st.sampled_from(["planned", "in_progress", "done", "cancelled"]),
    notable=st.booleans(),
    attachments=st.lists(attachments, max_size=2).map(tuple),
    created_at=st.none() | aware,
    updated_at=st.none() | aware,
)
submissions = st.builds(
    Submission,
    unit=st.builds(
        UnitRef,
        code=ident,
        name=text.filter(bool),
        level=st.sampled_from(["phuong", "xa", "co_quan"]),
        parent=st.none() | ident,
    ),
    plan=st.builds(PlanRef, id=ident, version=ident, title=text.filter(bool), content_hash=sha),
    period=st.builds(PeriodRef, id=ident, label=text.filter(bool), start=dates, end=dates, deadline=dates),
    indicators=st.lists(
        st.builds(IndicatorValue, indicator_id=ident, value=opt_int, comment=text),
        max_size=8,
        unique_by=lambda v: v.indicator_id,  # a repeated id is refused (tests/test_package_meaning.py)
    ).map(tuple),
    activities=st.lists(activities, max_size=50, unique_by=lambda a: a.id).map(tuple),
    narratives=st.lists(
        st.builds(NarrativeSection, section_id=ident, text=text), max_size=6, unique_by=lambda n: n.section_id
    ).map(tuple),
    document=st.builds(
        DocumentMeta,
        number=text,
        symbol=text,
        date=st.none() | dates,
        place=text,
        parent_body=text,
        issuer=text,
        recipients=st.lists(text, max_size=3).map(tuple),
        cc=st.lists(text, max_size=3).map(tuple),
        archive=text,
        signer=st.builds(
            Signer, name=text, title=text, authority=st.sampled_from(["", "TM.", "KT."]), authority_body=text
        ),
    ),
    rule_results=st.lists(
        st.builds(
            RuleResult,
            rule_id=ident,
            severity=st.sampled_from(["error", "warning"]),
            message=text,
            left=st.integers(-(10**6), 10**6),
            right=st.integers(-(10**6), 10**6),
            comment=text,
        ),
        max_size=3,
    ).map(tuple),
    finalized_at=st.none() | aware,
    extras=st.dictionaries(ident, text, max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sub=submissions)
def test_codec_and_package_round_trip(sub: Submission) -> None:
    assert submission_from_dict(submission_to_dict(sub)) == sub
    built = build_package(sub, REPORTS, revision=1, supersedes=None)
    back = read_package(built.data).submission
    assert back == sub
    assert back.extras == sub.extras
    assert all(isinstance(a.attachments, tuple) for a in back.activities)


def test_written_file_layout_and_manifest(tmp_path: Path) -> None:
    pdf = tmp_path / "bb.pdf"
    pdf.write_bytes(b"%PDF-1.4 bien ban")
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    sub = with_attachment(submission(4), digest, pdf.stat().st_size)
    prev = "0b0f7a4e-7c3e-4f59-9a43-8a1f6d2d1c11"
    now = datetime(2025, 6, 18, 14, 5, tzinfo=timezone(timedelta(hours=7)))
    out = tmp_path / "out"
    out.mkdir()
    w = write_package(sub, REPORTS, out, revision=2, supersedes=prev, attachments={digest: pdf}, now=now)
    assert w.path.name == "DVCQ_2025_25747_lan2_20250618-1405.dvcq"
    assert re.fullmatch(r"DVCQ_\d{4}_[A-Za-z0-9._-]+_lan\d+_\d{8}-\d{4}\.dvcq", w.path.name)
    assert sorted(p.name for p in out.iterdir()) == [w.path.name]  # no .part left
    raw = w.path.read_bytes()
    assert raw[:4] == b"PK\x03\x04" and raw[30:38] == b"mimetype"
    assert raw[38 : 38 + 35] == b"application/vnd.dvcq.submission+zip"
    assert w.sha256 == hashlib.sha256(raw).hexdigest() and w.size == len(raw)
    zf = zipfile.ZipFile(io.BytesIO(raw))
    infos = zf.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    manifest = json.loads(zf.read("manifest.json"))
    listed = {m["path"]: m for m in manifest["members"]}
    assert set(listed) == {i.filename for i in infos} - {"mimetype", "manifest.json"}
    assert f"attachments/{digest}.pdf" in listed
    for path, m in listed.items():
        blob = zf.read(path)
        assert m["sha256"] == hashlib.sha256(blob).hexdigest() and m["size"] == len(blob)
    assert manifest["revision"] == 2 and manifest["supersedes"] == prev
    assert manifest["created_at"] == "2025-06-18T14:05:00+07:00"
    pkg = read_package(w.path)
    assert pkg.submission == sub and pkg.revision == 2 and pkg.manifest.supersedes == prev
    assert pkg.manifest.slot == ("25747", "kh-dvcq-2025", "2025-6t")
    assert read_member(pkg, f"attachments/{digest}.pdf") == pdf.read_bytes()
    assert read_member(pkg, "report/BaoCao_P1_2025.docx") == REPORTS["BaoCao_P1_2025.docx"]


def test_second_export_same_minute_keeps_the_first(tmp_path: Path) -> None:
    now = datetime(2025, 6, 18, 14, 5, tzinfo=timezone(timedelta(hours=7)))
    a = write_package(submission(1), REPORTS, tmp_path, revision=1, supersedes=None, now=now)
    before = a.path.read_bytes()
    b = write_package(submission(1), REPORTS, tmp_path, revision=1, supersedes=None, now=now)
    assert a.path != b.path and a.path.read_bytes() == before
    assert a.package_id != b.package_id


def test_naive_datetimes_are_taken_as_vietnam_time() -> None:
    sub = submission(1)
    naive = Submission(**{**sub.__dict__, "finalized_at": datetime(2025, 6, 18, 9, 0)})
    d = submission_to_dict(naive)
    assert d["finalized_at"] == "2025-06-18T09:00:00+07:00"
