"""Each kind of unit's report, from a real workspace with demo data, read as a clerk would read it:
its own voice and signer, lower-case "phường/xã" before a name, no "0 <noun>", no sentence or
point said twice, every content point of the plan answered, and "DỰ THẢO" until an export."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from dvcq_desktop.reports.build_unit import build_unit_report, draft_sentences
from dvcq_desktop.reports.model import DRAFT_MARK, Document, Paragraph, Section, plain_text
from dvcq_desktop.reports.wording import indicator_figure
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.precheck import precheck
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace

# code → (its name in the report's first mention, its later self-reference, signature title lines)
KINDS = {
    "TPTN-HN": (
        "Ủy ban nhân dân phường Hiệp Ninh",
        "UBND phường",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "TPTN-P4": (
        "Ủy ban nhân dân Phường IV",
        "UBND phường",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "TPTN-BM": (
        "Ủy ban nhân dân xã Bình Minh",
        "UBND xã",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "TPTN-PTP": ("Phòng Tư pháp", "Phòng", ("TRƯỞNG PHÒNG",)),
    "TPTN-TTR": ("Thanh tra thành phố", "Thanh tra thành phố", ("CHÁNH THANH TRA",)),
    "TPTN-TTVHTT": ("Trung tâm Văn hóa, Thể thao và Truyền thanh", "Trung tâm", ("GIÁM ĐỐC",)),
}
AGENCIES = ("TPTN-PTP", "TPTN-TTR", "TPTN-TTVHTT")
ZERO_NOUN = re.compile(r"(?<![\d.,/])0 (?=[a-zà-ỹđ])")
# "Phường"/"Xã" with a capital after a lower-case word or a comma: a name mid-sentence
CAPITAL_MID = re.compile(r"(?<=[a-zà-ỹđ,] )(Phường|Xã|Khu phố|Ấp) (?![0-9IVX]+\b)[A-ZĐÂĂÊÔƠƯ]")


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("kinds")
    out = {}
    for i, code in enumerate([*KINDS, "TPTN-TB"]):
        ws = init_workspace(root / code, role="unit", unit_code=code)
        with ws:
            if code != "TPTN-TB":  # Tân Bình stays empty: nothing entered yet
                fill_demo(ws, activities=70, seed=i + 1)
        out[code] = root / code
    return out


def _doc(path: Path) -> tuple[Document, Workspace]:
    ws = Workspace.open(path)
    return build_unit_report(load_submission(ws), ws.plan), ws


def _body(doc: Document) -> str:
    text = plain_text(doc)
    return text[text.index("I. ") : text.index("Trên đây là báo cáo")]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;:])\s+", text) if len(s.strip()) > 25]


def _points_by_section(blocks: tuple, out: dict[str, list[str]], where: str = "") -> None:
    for b in blocks:
        if isinstance(b, Section):
            _points_by_section(b.blocks, out, b.heading.display)
        elif isinstance(b, Paragraph) and b.label:
            out.setdefault(where, []).append(" ".join(r.text for r in b.runs).rstrip(".;"))


@pytest.mark.parametrize("code", [*KINDS, "TPTN-TB"])
def test_report_reads_right_for_the_kind(workspaces: dict[str, Path], code: str) -> None:
    doc, ws = _doc(workspaces[code])
    with ws:
        body = _body(doc)
        text = plain_text(doc)
        if code in KINDS:
            first, later, signer = KINDS[code]
            assert first in text and f"{later} " in body
            assert (*doc.signature.authority_lines, doc.signature.title) == signer
        for wrong in ("UBND Phòng", "UBND Trung tâm", "UBND Thanh tra", "Ủy ban nhân dân Phòng", "đơn vị đã"):
            assert wrong not in text, wrong
        if code in AGENCIES:
            assert "Chủ tịch UBND" not in body and "khu phố" not in body.lower()
            assert "TRƯỞNG PHÒNG" not in text or code == "TPTN-PTP"
        if code == "TPTN-BM":
            assert "khu phố" not in body.lower()  # a xã has ấp
        assert not ZERO_NOUN.search(body), ZERO_NOUN.search(body)
        assert not CAPITAL_MID.search(body), CAPITAL_MID.search(body)
        assert "None" not in text and "…/KH" not in text
        repeated = [s for s, n in Counter(_sentences(body)).items() if n > 1]
        assert not repeated, repeated
        points: dict[str, list[str]] = {}
        _points_by_section(doc.body, points)
        for where, items in points.items():
            assert len(items) == len(set(items)), (where, items)
        # the report is a draft until an export finalises the data
        assert text.startswith(DRAFT_MARK) and "Số:       /" in text


@pytest.mark.parametrize("code", ["TPTN-HN", "TPTN-TB"])
def test_every_content_point_of_the_plan_is_answered(workspaces: dict[str, Path], code: str) -> None:
    doc, ws = _doc(workspaces[code])
    with ws:
        body = _body(doc).casefold()
        sub = load_submission(ws)
        assert {p.area_id for p in ws.plan.prompts} >= {"A2", "A3", "A4", "A5", "A6"}
        for p in ws.plan.prompts:
            said = p.none.casefold() in body
            answered = any(k.casefold() in body for k in p.keywords)
            figures = [indicator_figure(ws.plan.indicator(i), sub) for i in p.indicators]
            answered |= any(f and f.casefold() in body for f in figures)
            assert said or answered, p.topic
            if code == "TPTN-TB":  # nothing entered: the report says so, point by point
                assert said, p.topic
        assert sub.finalized_at is None


def test_draft_until_exported_and_again_after_an_edit(workspaces: dict[str, Path], tmp_path: Path) -> None:
    ws = Workspace.open(workspaces["TPTN-P4"])
    with ws:
        before = plain_text(build_unit_report(load_submission(ws), ws.plan))
        assert DRAFT_MARK in before and "ngày      tháng" in before
        export_package(ws, tmp_path)
        after = plain_text(build_unit_report(load_submission(ws), ws.plan))
        assert DRAFT_MARK not in after and "Số:       /" not in after
        act = activities.live_in_window(ws.db, ws.period.start, ws.period.end)[0]
        activities.save(ws.db, replace(act, title=act.title + " (bổ sung)"))
        edited = plain_text(build_unit_report(load_submission(ws), ws.plan))
        assert DRAFT_MARK in edited


def test_precheck_asks_for_the_plan_reference_until_it_is_given(workspaces: dict[str, Path]) -> None:
    ws = Workspace.open(workspaces["TPTN-HN"])
    with ws:
        assert "plan_ref" in {i.code for i in precheck(ws)}
        ws.set_setting("plan_ref", {"plan_number": "125/KH-UBND", "plan_date": "12/5/2023"})
        assert "plan_ref" not in {i.code for i in precheck(ws)}
        # "Gợi ý từ dữ liệu" for section I now cites the plan by number and date
        text = draft_sentences(load_submission(ws), ws.plan, "I")
        assert text.startswith(
            "Thực hiện Kế hoạch số 125/KH-UBND ngày 12/5/2023 của Ủy ban nhân dân thành phố"
        )
        ws.set_setting("plan_ref", {})
