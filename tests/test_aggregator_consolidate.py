"""Consolidation: totals equal the sums of the units' current values; ratios come from summed parts."""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.aggregator_helpers import TEN_UNITS, big_catalog, builtin_plan, synthetic_submission

from dvcq_desktop.domain.records import IndicatorValue, UnitRef
from dvcq_desktop.domain.rules import compute_ratio
from dvcq_desktop.package.codec import submission_to_dict
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services.consolidate import consolidate
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.workspace import Workspace

PLAN = builtin_plan()
COUNT_IDS = [i.id for i in PLAN.indicators if i.kind == "count"]
RATIOS = [i for i in PLAN.indicators if i.kind == "ratio"]
BASE = synthetic_submission(PLAN, "X", "X", 3, seed=1)

value = st.one_of(st.none(), st.integers(0, 10**6))
unit_values = st.fixed_dictionaries({i: value for i in COUNT_IDS})
# each unit: one or two revisions; only the last one (current) may count
units_st = st.lists(
    st.tuples(st.sampled_from(TEN_UNITS), st.lists(unit_values, min_size=1, max_size=2)),
    min_size=0,
    max_size=6,
    unique_by=lambda t: t[0],
)


def _store(db, code: str, revision: int, values: dict[str, int | None], current: bool) -> None:  # type: ignore[no-untyped-def]
    sub = replace(
        BASE,
        unit=UnitRef(code, code, "phuong", "TPTN"),
        indicators=tuple(IndicatorValue(k, v) for k, v in values.items()),
    )
    row = {
        "package_id": str(uuid.uuid4()),
        "sha256": "0" * 64,
        "size": 1,
        "unit_code": code,
        "plan_id": PLAN.id,
        "period_id": sub.period.id,
        "revision": revision,
        "supersedes": None,
        "format_version": "1.0",
        "created_at": "2023-10-30T08:00:00+07:00",
        "finalized_at": None,
        "received_at": "2023-10-30T08:00:00+07:00",
        "status": "newer" if revision > 1 else "new",
        "inbox_path": "inbox/x.dvcq",
        "submission": "{}",
    }
    repo.insert_received(
        db, row, repo.received_rows(row["package_id"], submission_to_dict(sub)), make_current=current
    )


class _Rollback(Exception):
    pass


_SHARED: list[Workspace] = []


def _shared_workspace() -> Workspace:
    """One aggregator for all examples (each example rolls back its rows): creating a workspace per
    example would dominate the run time."""
    if not _SHARED:
        tmp = tempfile.mkdtemp(prefix="dvcq-prop-")
        _SHARED.append(init_workspace(Path(tmp) / "agg", role="aggregator", unit_code="TPTN"))
    return _SHARED[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units_st)
def test_totals_are_sums_of_current_values_and_ratios_come_from_summed_parts(units) -> None:  # type: ignore[no-untyped-def]
    ws = _shared_workspace()
    if True:
        try:
            with ws.db.atomic():
                for code, revs in units:
                    for n, vals in enumerate(revs, 1):
                        _store(ws.db, code, n, vals, current=True)
                cons = consolidate(ws)
                current = {code: revs[-1] for code, revs in units}
                for ind in COUNT_IDS:
                    known = [v[ind] for v in current.values() if v[ind] is not None]
                    assert cons.totals[ind] == (sum(known) if known else None)
                for r in RATIOS:
                    assert r.numerator and r.denominator
                    assert cons.ratios[r.id] == compute_ratio(
                        cons.totals[r.numerator], cons.totals[r.denominator]
                    )
                assert {c for c, _ in cons.units} == set(current)
                raise _Rollback
        except _Rollback:
            pass


def test_ratio_is_not_the_mean_of_unit_ratios(tmp_path: Path) -> None:
    ind = next(i for i in RATIOS if i.id == "a3_ty_le_dung_han")
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as ws:
        _store(ws.db, "TPTN-P1", 1, {ind.numerator: 1, ind.denominator: 2}, True)  # 50 %
        _store(ws.db, "TPTN-P2", 1, {ind.numerator: 100, ind.denominator: 100}, True)  # 100 %
        cons = consolidate(ws)
        assert cons.ratios[ind.id] == 99.0  # 101/102, not (50 + 100) / 2 = 75
        assert cons.per_unit_ratios["TPTN-P1"][ind.id] == 50.0


def test_board_for_100_units_counts_each_expected_unit_once(tmp_path: Path) -> None:
    """Its speed is a figure of benchmarks/bench_aggregator.py ("board for N expected units")."""
    cat = big_catalog(tmp_path / "cat.json", 100)
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN", catalog=str(cat)) as ws:
        codes = [f"X{i:03d}" for i in range(1, 101)]
        with ws.db.atomic():
            for c in codes[:80]:
                _store(ws.db, c, 1, dict.fromkeys(COUNT_IDS, 1), True)
        b = board_service.board(ws)
        assert b.expected == 121 and b.received == 80
