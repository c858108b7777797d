"""Property: the drafted Ưu điểm and Hạn chế never contradict the figures they are drawn from.

For any values: a ratio named among the strengths meets its target, one named among the
limitations does not, no ratio is in both; "đồng bộ" only when every area has an activity; an
area without activity is named among the limitations; nothing is called "kịp thời"."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop.domain.records import IndicatorValue
from dvcq_desktop.reports.evaluation import draft_han_che, draft_uu_diem, target_of
from dvcq_desktop.reports.wording import lower_first, ratio_value

PLAN = load_plan()
BASE = make_submission(PLAN, n_activities=30, seed=4)
RATIOS = [i for i in PLAN.indicators if i.kind == "ratio"]
PARTS = sorted({p for i in RATIOS for p in (i.numerator, i.denominator) if p})


@st.composite
def submissions(draw):  # type: ignore[no-untyped-def]
    values = {}
    for i in RATIOS:
        den = draw(st.one_of(st.none(), st.integers(0, 500)))
        num = None if den is None else draw(st.integers(0, den))
        values[i.denominator] = den
        values[i.numerator] = num
    indicators = tuple(
        IndicatorValue(v.indicator_id, values.get(v.indicator_id, v.value)) for v in BASE.indicators
    )
    kept_areas = draw(st.sets(st.sampled_from([a.id for a in PLAN.areas])))
    acts = tuple(a for a in BASE.activities if a.area_id in kept_areas)
    return replace(BASE, indicators=indicators, activities=acts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions())
def test_strengths_and_limitations_agree_with_the_figures(sub) -> None:  # type: ignore[no-untyped-def]
    good, weak = draft_uu_diem(PLAN, sub), draft_han_che(PLAN, sub)
    for ind in RATIOS:
        label = lower_first(ind.label)
        pct = ratio_value(sub, ind)
        in_good, in_weak = f"{label} đạt" in good, f"{label} chỉ đạt" in weak
        assert not (in_good and in_weak), ind.id
        if pct is None:
            assert not in_good and not in_weak, ind.id
        elif pct >= target_of(ind):
            assert in_good and not in_weak, (ind.id, pct)
        else:
            assert in_weak and not in_good, (ind.id, pct)
    used = {a.area_id for a in sub.activities if a.status != "cancelled"}
    empty = [a for a in PLAN.areas if a.id not in used]
    assert ("đồng bộ" in good) == (not empty and bool(used))
    for area in empty:
        assert lower_first(area.short_title) in weak, area.id
    assert "kịp thời" not in good + weak
