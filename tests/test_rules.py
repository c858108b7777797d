"""Validation rules and computed ratios of the built-in plan."""

from __future__ import annotations

from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.domain.rules import (
    blocking,
    compute_ratio,
    compute_ratios,
    evaluate_rules,
    uncommented_warnings,
)

PLAN = load_builtin_plan()


def test_resolved_more_than_in_jurisdiction_is_an_error() -> None:
    results = evaluate_rules(PLAN, {"a4_vu_viec_tham_quyen": 316, "a4_vu_viec_da_giai_quyet": 320})
    assert [r.rule_id for r in results] == ["r_a4_da_giai_quyet"]
    r = results[0]
    assert (r.severity, r.left, r.right) == ("error", 320, 316)
    assert "thẩm quyền" in r.message
    assert blocking(results) == results


def test_consistent_values_give_no_results() -> None:
    values = {
        "a4_vu_viec_tham_quyen": 316,
        "a4_vu_viec_da_giai_quyet": 238,
        "a3_ho_so_tiep_nhan": 100,
        "a3_ho_so_da_giai_quyet": 90,
        "a3_ho_so_dung_han": 85,
        "a3_ho_so_qua_han": 5,
        "a3_ho_so_dang_giai_quyet": 10,
        "a3_ho_so_truc_tuyen": 60,
    }
    assert evaluate_rules(PLAN, values) == []


def test_empty_form_has_no_results_but_missing_inputs_count_as_zero() -> None:
    assert evaluate_rules(PLAN, {}) == []
    assert evaluate_rules(PLAN, {i.id: None for i in PLAN.indicators}) == []
    # đã giải quyết entered, thẩm quyền missing → 5 > 0
    results = evaluate_rules(PLAN, {"a4_vu_viec_da_giai_quyet": 5})
    assert [(r.rule_id, r.left, r.right) for r in results] == [("r_a4_da_giai_quyet", 5, 0)]


def test_sum_rule_and_required_rules_present() -> None:
    results = evaluate_rules(
        PLAN,
        {
            "a3_ho_so_tiep_nhan": 10,
            "a3_ho_so_dung_han": 6,
            "a3_ho_so_qua_han": 3,
            "a3_ho_so_dang_giai_quyet": 2,
            "a3_ho_so_da_giai_quyet": 9,
        },
    )
    assert [(r.rule_id, r.left, r.right) for r in results] == [
        ("r_a3_ho_so_tong", 11, 10),
        ("r_a3_da_giai_quyet_tong", 11, 10),
    ]
    by_pair = {(r.left, r.right): r.severity for r in PLAN.rules}
    assert by_pair[(("a4_don_du_dieu_kien",), ("a4_don_tiep_nhan",))] == "error"
    assert by_pair[(("a4_luot_tiep",), ("a4_luot_nguoi_tiep",))] == "error"
    assert by_pair[(("a5_ky_luat",), ("a5_vi_pham",))] == "error"
    assert by_pair[(("a3_ho_so_truc_tuyen",), ("a3_ho_so_tiep_nhan",))] == "error"
    assert by_pair[(("a2_mo_hinh_cong_nhan",), ("a2_mo_hinh_dang_ky",))] == "warning"
    assert (
        by_pair[
            (("a4_don_khieu_nai", "a4_don_to_cao", "a4_don_phan_anh_kien_nghi"), ("a4_don_du_dieu_kien",))
        ]
        == "warning"
    )
    assert by_pair[(("a6_kien_nghi_tiep_thu",), ("a6_kien_nghi_giam_sat",))] == "error"
    assert by_pair[(("a6_y_kien_da_giai_quyet",), ("a6_y_kien_neu",))] == "error"


def test_warning_takes_comment_and_does_not_block() -> None:
    values = {"a2_mo_hinh_dang_ky": 3, "a2_mo_hinh_cong_nhan": 5}
    results = evaluate_rules(PLAN, values)
    assert [r.severity for r in results] == ["warning"]
    assert blocking(results) == [] and uncommented_warnings(results) == results
    explained = evaluate_rules(PLAN, values, {"r_a2_mo_hinh_cong_nhan": " 2 mô hình đăng ký năm 2022 "})
    assert explained[0].comment == "2 mô hình đăng ký năm 2022"
    assert uncommented_warnings(explained) == []


def test_ratio_is_computed_not_copied() -> None:
    ratios = compute_ratios(PLAN, {"a4_vu_viec_da_giai_quyet": 238, "a4_vu_viec_tham_quyen": 316})
    assert ratios["a4_ty_le_giai_quyet"] == 75.3
    assert ratios["a4_ty_le_giai_quyet"] != 88.9
    assert set(ratios) == {i.id for i in PLAN.indicators if i.kind == "ratio"}
    assert ratios["a3_ty_le_truc_tuyen"] is None


def test_ratio_edge_cases() -> None:
    assert compute_ratio(0, 0) is None
    assert compute_ratio(5, None) is None
    assert compute_ratio(None, 10) is None
    assert compute_ratio(0, 10) == 0.0
    assert compute_ratio(10, 10) == 100.0
    assert compute_ratio(1, 8) == 12.5  # exact
    assert compute_ratio(1, 16) == 6.3  # 6.25 rounds half up, not to even
    assert compute_ratio(2, 3) == 66.7
