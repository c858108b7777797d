"""The office's consolidated report read back: its voice, the submission statistics as of the
deadline in their own part, the units' kiến nghị gathered, tables that continue say so."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from support.aggregator_helpers import export_units, make_unit

from dvcq_desktop.reports.build_consolidated import UNITS_PER_TABLE, build_consolidated_report
from dvcq_desktop.reports.model import DRAFT_MARK, plain_text
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import intake
from dvcq_desktop.services.consolidate import aggregate_submission, consolidate
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date

CODES = ("TPTN-P1", "TPTN-HN", "TPTN-BM", "TPTN-TB", "TPTN-PTP", "TPTN-TTVHTT")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("cons")
    dirs = [make_unit(root / "units", c, seed=i + 1, activities=30) for i, c in enumerate(CODES)]
    proposals = {}
    for d in dirs:
        with Workspace.open(d) as ws:
            proposals[ws.own_unit.name] = load_submission(ws).narrative("V")
    usb = export_units(dirs, root / "usb")
    agg = init_workspace(root / "agg", role="aggregator", unit_code="TPTN")
    with agg:
        intake.import_packages(agg, [usb])
    return root / "agg", proposals


def _report(path: Path) -> tuple[str, str]:
    with Workspace.open(path) as ws:
        cons = consolidate(ws)
        b = board_service.board(ws, cons.period_id)
        doc = build_consolidated_report(ws.plan, aggregate_submission(ws, cons), cons, b)
        return plain_text(doc), format_date(b.deadline)


def test_office_voice_statistics_and_proposals(office: tuple[Path, dict[str, str]]) -> None:
    text, deadline = _report(office[0])
    body = text[text.index("I. ") : text.index("Trên đây là báo cáo")]
    assert "các cơ quan, đơn vị, UBND các phường, xã" in body
    assert not re.search(r"(^|\. )Đơn vị (không|đã)", body)  # never one "đơn vị" speaking
    # the statistics have their own heading, dated by the deadline, before mục II
    stats = body.index("Tình hình gửi báo cáo của các cơ quan, đơn vị")
    assert stats < body.index("II. KẾT QUẢ") and f"chậm nhất ngày {deadline}" in body
    assert "0 cơ quan" not in body and "0 đơn vị" not in body
    # mục V gathers what the units themselves proposed, each proposal once
    v = body[body.index("V. KIẾN NGHỊ") :]
    wanted = {t.strip().rstrip(".") for t in office[1].values() if t and not t.startswith("Không có")}
    assert wanted and all(w in v for w in wanted)
    points = re.findall(r"^[a-gđ]\) .*$", v, re.M)
    assert len(points) == len(wanted) and Counter(points).most_common(1)[0][1] == 1
    # more units than one table holds: the next table says it continues
    assert len(CODES) > UNITS_PER_TABLE and "2. Số liệu theo đơn vị (tiếp theo)" in text
    # some units have not reported: the office's report is still a draft
    assert text.startswith(DRAFT_MARK)
