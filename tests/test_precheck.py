"""The pre-export checklist: what blocks, what warns, and where personal data hides in free text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.precheck import CheckItem, find_personal_data, has_errors, precheck
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities, report_data
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_int


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = init_workspace(tmp_path_factory.mktemp("pre") / "ws", role="unit", unit_code="TPTN-P1")
    fill_demo(ws, activities=60)
    yield ws
    ws.close()


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Ông A, CCCD 079085001234, trình bày", "cccd", "079085001234"),
        ("CCCD số 079 085 001 234", "cccd", "079 085 001 234"),
        ("CMND 280912345 cấp năm 2005", "cmnd", "280912345"),
        ("Liên hệ 0912345678", "phone", "0912345678"),
        ("ĐT: 0912 345 678.", "phone", "0912 345 678"),
        ("ĐT 0912.345.678", "phone", "0912.345.678"),
        ("gọi +84 912 345 678", "phone", "+84 912 345 678"),
        ("gọi (+84) 912345678", "phone", "(+84) 912345678"),
        ("máy bàn 0276 3822 123", "phone", "0276 3822 123"),
        ("gửi về nguyenvana@gmail.com nhé", "email", "nguyenvana@gmail.com"),
    ],
)
def test_personal_data_is_found(text: str, kind: str, found: str) -> None:
    assert (kind, found) in find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kinh phí 150.000.000 đồng",
        "Kế hoạch số 12/2023/KH-UBND ngày 05/3/2023",
        "giai đoạn 2021-2025",
        "tổng 1.234.567.890 đồng",
        "mã hồ sơ H51.22-230315-0001",
        "Phường 1 có 2.345 hộ, 9.876 nhân khẩu",
        "mã 079085001234X",
        "",
    ],
)
def test_ordinary_report_text_is_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


def test_demo_workspace_has_no_errors_and_a_summary(demo_ws: Workspace) -> None:
    items = precheck(demo_ws)
    assert not has_errors(items)
    assert items[-1].kind == "info" and "hoạt động" in items[-1].text
    assert all(isinstance(i, CheckItem) and i.text for i in items)
    # the demo data carries no personal data: a scan that flags it would cry wolf
    assert not [i for i in items if i.code.startswith("pii_")]


def test_rule_error_blocks_and_points_at_the_indicator(demo_ws: Workspace) -> None:
    plan = demo_ws.plan
    rule = next(r for r in plan.rules if r.severity == "error")
    sub = load_submission(demo_ws)
    broken = tuple(replace(v, value=10**6) if v.indicator_id == rule.left[0] else v for v in sub.indicators)
    from dvcq_desktop.domain.rules import evaluate_rules

    results = evaluate_rules(plan, {v.indicator_id: v.value for v in broken})
    items = precheck(replace(sub, indicators=broken, rule_results=tuple(results)), plan)
    assert has_errors(items)
    err = items[0]
    assert err.kind == "error" and err.code == "rule_error"
    assert (err.target_key, err.target) == ("indicators", rule.left[0])
    assert rule.message in err.text and f"({format_int(results[0].left)} > " in err.text


def test_uncommented_warning_empty_sections_areas_and_document(tmp_path: Path) -> None:
    with init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1") as ws:
        plan, period = ws.plan, ws.period
        warn = next(r for r in plan.rules if r.severity == "warning")
        report_data.set_value(ws.db, plan.id, period.id, warn.left[0], 5)
        report_data.set_value(ws.db, plan.id, period.id, warn.right[0], 1)
        activities.save(
            ws.db,
            Activity(
                id=activities.new_id(),
                area_id="A2",
                type_id="tuyen_truyen",
                title="Tuyên truyền",
                start_date=date(2023, 3, 5),
            ),
        )
        items = precheck(ws)
        codes = [i.code for i in items]
        assert not has_errors(items)
        w = next(i for i in items if i.code == "rule_warning")
        assert warn.message in w.text and w.target == warn.left[0]
        empties = [i for i in items if i.code == "narrative_empty"]
        assert {i.target for i in empties} == {s.id for s in plan.outline}
        assert all(i.target_key == "report" for i in empties)
        areas = {i.target for i in items if i.code == "area_empty"}
        assert areas == {a.id for a in plan.areas} - {"A2"}
        assert {"doc_number", "doc_date", "doc_signer", "indicator_missing"} <= set(codes)
        # explaining the warning clears it
        report_data.set_rule_comment(ws.db, plan.id, period.id, warn.id, "Có mô hình đăng ký từ năm trước")
        assert "rule_warning" not in [i.code for i in precheck(ws)]


def test_scan_names_the_activity_field_and_other_places(demo_ws: Workspace) -> None:
    plan = demo_ws.plan
    sub = load_submission(demo_ws)
    act = replace(
        sub.activities[0],
        title="Tiếp công dân định kỳ",
        start_date=date(2023, 6, 7),
        content="Bà B (CCCD 079185004321) phản ánh",
        partners="ĐT 0912 345 678",
    )
    narr = tuple(
        replace(n, text=n.text + " Liên hệ: canbo@tayninh.gov.vn") if n.section_id == "V" else n
        for n in sub.narratives
    )
    ind = tuple(replace(v, comment="CMND 280912345") if i == 0 else v for i, v in enumerate(sub.indicators))
    doc = replace(sub.document, archive="VT, 0276 3822 123")
    sub2 = replace(sub, activities=(act, *sub.activities[1:]), narratives=narr, indicators=ind, document=doc)
    pii = [i for i in precheck(sub2, plan) if i.code.startswith("pii_")]
    assert all(i.kind == "warning" for i in pii)
    texts = {i.code: i for i in pii}
    cccd = texts["pii_cccd"]
    assert cccd.text.startswith(
        "Hoạt động “Tiếp công dân định kỳ” (ngày 07/06/2023), trường Nội dung: có thể là số CCCD"
    )
    assert (cccd.target_key, cccd.target) == ("activities", act.id)
    phones = [i for i in pii if i.code == "pii_phone"]
    assert any("trường Đơn vị phối hợp" in i.text for i in phones)
    assert any(i.text.startswith("Thông tin văn bản, trường Lưu") for i in phones)
    assert texts["pii_email"].target == "V" and texts["pii_email"].target_key == "report"
    assert texts["pii_cmnd"].target_key == "indicators"
    assert texts["pii_cmnd"].target == sub.indicators[0].indicator_id
