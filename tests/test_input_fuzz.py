"""Issue 18 point 7: one place that proves the input door holds.

Arbitrary Unicode (control characters, lone surrogates, formula-looking text, RTL and zero-width
marks), huge and negative numbers and strings around the package's limits go in where an officer's
input goes in — the activity editor's model, the narrative editor, settings and document fields,
and the Excel reader. The property: every input is either refused right there with a Vietnamese
message (a known code, never the generic "lỗi ngoài dự kiến"), or the report (DOCX + XLSX), the
export and the receiving office's import of that package all succeed afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from support.officer_ws import act

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.excel_io import COLUMNS, import_rows, read_activities
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities, report_data
from dvcq_desktop.storage import settings as ws_settings
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text.entry import max_length

ENTRY_REFUSALS = {"activity_invalid", "text_too_long", "number_out_of_range", "value_negative"}
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# ---- strategies --------------------------------------------------------------------------------
NASTY = [
    "\x00",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\ud800",
    "\ufffe",
    "\u200b",
    "\u202e",
    "\u2028",
    "\r\n",
    "\t",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(1)",
    "&lt;",
    "]]>",
    "<w:t>",
    "Ho\u0323p da\u0302n",  # decomposed Vietnamese
    "ﷺ",
    "𝔘𝔫𝔦",
]
any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
texts = st.one_of(
    st.text(any_char, max_size=60),
    st.lists(st.sampled_from(NASTY) | st.text(any_char, max_size=4), max_size=12).map("".join),
)


def _near(limit: int) -> st.SearchStrategy[str]:
    return st.sampled_from([limit - 1, limit, limit + 1]).flatmap(
        lambda n: st.sampled_from(["a", "ệ", "\x0b"]).map(lambda c: c * n)
    )


counts = st.one_of(
    st.none(),
    st.integers(0, 500),
    st.integers(-(2**70), 2**70),
    st.sampled_from([10**9, 10**9 + 1, 2**31, 2**62, 2**63, -1]),
)


# ---- helpers -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with init_workspace(tmp_path_factory.mktemp("agg") / "ws", role="aggregator", unit_code="TPTN") as ws:
        yield ws


def _entered(fn: Callable[[], Any]) -> bool:
    """True when the input was accepted; a refusal must be a known entry code with its message."""
    try:
        fn()
    except DvcqError as exc:
        assert exc.code in ENTRY_REFUSALS, (exc.code, exc.detail)
        assert exc.message and "ngoài dự kiến" not in exc.message and "…" not in exc.message
        return False
    return True


def _report_export_import(ws: Workspace, office: Workspace, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    from dvcq_desktop.services.reporting import unit_report

    unit_report(ws, out / "bc.docx", out / "pl.xlsx")
    written = export_package(ws, out)
    # every example is a new unit workspace, so a new key for the same unit: accepted deliberately
    accept = {ws.unit_code: "ví dụ kiểm thử mới"}
    [outcome] = import_packages(office, [written.path], accept_keys=accept)
    assert outcome.outcome != "rejected", (outcome.reason, outcome.message)


# ---- the editor model, narratives, settings ----------------------------------------------------
@FUZZ
@given(
    title=st.one_of(texts, _near(max_length("activity.title"))),
    content=st.one_of(texts, _near(max_length("activity.content"))),
    location=texts,
    participants=counts,
    groups=counts,
    narrative=st.one_of(texts, _near(max_length("narrative.text"))),
    signer=texts,
    place=texts,
    comment=texts,
)
def test_typed_input_is_refused_at_entry_or_reports_exports_and_imports(
    tmp_path_factory: pytest.TempPathFactory,
    office: Workspace,
    title: str,
    content: str,
    location: str,
    participants: int | None,
    groups: int | None,
    narrative: str,
    signer: str,
    place: str,
    comment: str,
) -> None:
    root = tmp_path_factory.mktemp("fz")
    with init_workspace(root / "ws", role="unit", unit_code="TPTN-P1") as ws:
        plan_id, period_id = ws.plan.id, ws.period.id
        a = act(
            day=date(2023, 3, 5),
            title=title,
            content=content,
            location=location,
            participants=participants,
            groups=groups,
        )
        _entered(lambda: activities.save(ws.db, a))
        _entered(lambda: report_data.set_narrative(ws.db, plan_id, period_id, "I", narrative))
        _entered(lambda: ws_settings.put(ws.db, "signer", {"name": signer, "title": "PHÓ CHỦ TỊCH"}))
        meta = report_data.document_meta(
            ws.db, plan_id, period_id, ws.setting("doc_defaults"), ws.setting("signer")
        )
        from dataclasses import replace

        _entered(lambda: report_data.set_document_meta(ws.db, plan_id, period_id, replace(meta, place=place)))
        indicator = ws.plan.indicators[0].id
        _entered(lambda: report_data.set_value(ws.db, plan_id, period_id, indicator, None, comment))
        _report_export_import(ws, office, root / "out")


# ---- the Excel reader --------------------------------------------------------------------------
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _as_excel_writes(v: object) -> object:
    """Excel stores a control character as an _xHHHH_ escape and cannot hold a lone surrogate."""
    if not isinstance(v, str):
        return v
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", _UNWRITABLE.sub("", v))


cells = st.one_of(
    texts,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [1e20, -0.5, 3.5, 2958466, 0, "1.000.000.001", "1e20", "12,5", "31/02/2023", "01/01/0001"]
    ),
    st.dates(),
)


@FUZZ
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "Ngày bắt đầu": st.one_of(st.just(date(2023, 4, 2)), cells),
                "Lĩnh vực": st.sampled_from(["2", "Lĩnh vực lạ"]) | cells,
                "Loại hoạt động": st.just("Tuyên truyền") | cells,
                "Tên hoạt động": st.one_of(texts, _near(max_length("activity.title"))),
                "Nội dung": cells,
                "Số người tham gia": cells,
                "Số đoàn, nhóm": cells,
                "Ngày kết thúc": cells,
                "Trạng thái": cells,
            }
        ),
        min_size=1,
        max_size=6,
    )
)
def test_excel_rows_are_refused_in_the_preview_or_import_report_and_export(
    tmp_path_factory: pytest.TempPathFactory, office: Workspace, rows: list[dict[str, object]]
) -> None:
    root = tmp_path_factory.mktemp("fx")
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    headers = [c.header for c in COLUMNS]
    sheet.append(headers)
    for r in rows:
        sheet.append([_as_excel_writes(r.get(h)) for h in headers])
    wb.save(root / "nhap.xlsx")
    with init_workspace(root / "ws", role="unit", unit_code="TPTN-P1") as ws:
        preview = read_activities(root / "nhap.xlsx", ws.plan)
        for bad in preview.bad:
            assert all(e.startswith(f"Dòng {bad.row}, cột “") for e in bad.errors), bad.errors
        assert import_rows(ws.db, preview) == len(preview.good)  # nothing the preview accepted fails
        _report_export_import(ws, office, root / "out")
