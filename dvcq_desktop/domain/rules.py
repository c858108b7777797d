"""Evaluate a plan's validation rules and compute its ratio indicators.

Rules are data (`Plan.rules`): sum(left) <= sum(right). Ratios are computed here and only here —
a published report printed "238/316 = 88,9 %" (it is 75,3 %), so nobody types a percentage.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import RuleResult

__all__ = ["blocking", "compute_ratio", "compute_ratios", "evaluate_rules", "uncommented_warnings"]


def evaluate_rules(
    plan: Plan,
    values: Mapping[str, int | None],
    comments: Mapping[str, str] | None = None,
) -> list[RuleResult]:
    """The violated rules, in plan order.

    A missing value counts as 0 (a partly filled form is still checked), but a rule none of whose
    inputs has been entered is skipped, so an empty form shows no errors.
    """
    comments = comments or {}
    out: list[RuleResult] = []
    for rule in plan.rules:
        inputs = rule.left + rule.right
        if all(values.get(i) is None for i in inputs):
            continue
        left = sum(values.get(i) or 0 for i in rule.left)
        right = sum(values.get(i) or 0 for i in rule.right)
        if left > right:
            out.append(
                RuleResult(
                    rule_id=rule.id,
                    severity=rule.severity,
                    message=rule.message,
                    left=left,
                    right=right,
                    comment=comments.get(rule.id, "").strip(),
                )
            )
    return out


def blocking(results: list[RuleResult]) -> list[RuleResult]:
    """The results that prevent finalising (severity "error"); empty list = may finalise."""
    return [r for r in results if r.severity == "error"]


def uncommented_warnings(results: list[RuleResult]) -> list[RuleResult]:
    """Warnings the officer has not yet explained (a warning asks for a comment)."""
    return [r for r in results if r.severity == "warning" and not r.comment.strip()]


def compute_ratio(numerator: int | None, denominator: int | None) -> float | None:
    """Percent rounded half-up to one decimal (what the report prints); None if undefined."""
    if numerator is None or not denominator:
        return None
    pct = Decimal(numerator) * 100 / Decimal(denominator)
    return float(pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def compute_ratios(plan: Plan, values: Mapping[str, int | None]) -> dict[str, float | None]:
    """Every ratio indicator of the plan → percent (e.g. 75.3), or None when the denominator is
    0 or missing, or the numerator is missing (an unknown share is not 0 %)."""
    out: dict[str, float | None] = {}
    for ind in plan.indicators:
        if ind.kind != "ratio" or ind.numerator is None or ind.denominator is None:
            continue
        out[ind.id] = compute_ratio(values.get(ind.numerator), values.get(ind.denominator))
    return out
