"""The windowed activity model against the database, without a window."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from dvcq_desktop.domain.records import ACTIVITY_STATUSES, Activity
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.activities import ActivityFilter
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import fold, format_date, sort_key
from dvcq_desktop.ui.unit import activity_model as am

N = 5000
WORDS = [
    "Dân vận khéo",
    "Đối thoại",
    "đối thoại",
    "Tuyên truyền",
    "Ăn Tết",
    "Ân cần",
    "Anh hùng",
    "Ý kiến",
    "Hội nghị",
    "Hòa giải",
    "Họp dân",
    "Tiếp công dân",
    "Ông bà",
    "Ơn nghĩa",
    "Zalo",
]
PLACES = ["Khu phố 1", "Khu phố 2", "Hội trường", "Nhà văn hóa", "Trụ sở UBND"]


def _rows(ws: Workspace) -> list[Activity]:
    rng = random.Random(7)
    plan = ws.plan
    start = ws.period.start
    out: list[Activity] = []
    for i in range(N):
        t = rng.choice(plan.activity_types)
        out.append(
            Activity(
                id=f"id-{i:05d}",
                area_id=t.area_ids[0],
                type_id=t.id,
                title=f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} {i}",
                start_date=start + timedelta(days=rng.randrange(320)),
                location=rng.choice(PLACES),
                participants=rng.choice([None, rng.randrange(5, 400)]),
                status=rng.choice(list(ACTIVITY_STATUSES)),
            )
        )
    return out


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, list[Activity]]]:
    # One 5,000-row workspace for the module: these tests only read (the trash test restores).
    ws = init_workspace(tmp_path_factory.mktemp("model") / "ws", role="unit", unit_code="TPTN-P1")
    rows = _rows(ws)
    assert activities.save_many(ws.db, rows) == N
    yield ws, rows
    ws.close()


def test_row_count_and_last_row(qapp: object, filled: tuple[Workspace, list[Activity]]) -> None:
    ws, rows = filled
    model = am.ActivityTableModel(ws.db, ws.plan)
    assert model.rowCount() == N
    model.sort(am.COL_DATE, Qt.SortOrder.AscendingOrder)
    last = model.index(N - 1, am.COL_DATE)
    # Ascending by date then insertion order: the last row is the latest date, last inserted.
    latest = max(rows, key=lambda a: (a.start_date, int(a.id[3:])))
    assert last.data() == format_date(latest.start_date)
    assert last.data(am.ID_ROLE) == latest.id
    assert model.index(N - 1, am.COL_TITLE).data() == latest.title
    assert model.index(N - 1, am.COL_STATUS).data() == ACTIVITY_STATUSES[latest.status]
    people = model.index(N - 1, am.COL_PEOPLE).data()
    assert people == ("" if latest.participants is None else f"{latest.participants:,}".replace(",", "."))
    assert model.index(N, 0).data() is None
    # Only the blocks that were painted are held, never the whole table.
    assert len(model._blocks) <= am.CACHE_BLOCKS


def test_title_sort_follows_vietnamese_order(qapp: object, filled: tuple[Workspace, list[Activity]]) -> None:
    ws, _rows_ = filled
    model = am.ActivityTableModel(ws.db, ws.plan)
    model.sort(am.COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, am.COL_TITLE).data() for r in range(N)]
    keys = [sort_key(t)[:2] for t in titles]  # letters, numbers and tones
    assert keys == sorted(keys)
    firsts = [t.split()[0] for t in titles]
    # Vietnamese alphabet: A < Ă < Â < D < Đ < … < O < Ô < Ơ; locale-naive sorting puts Đ after Z.
    order = [w for w in ["Anh", "Ăn", "Ân", "Dân", "Đối", "Ông", "Ơn", "Zalo"] if w in firsts]
    assert [w for w in dict.fromkeys(firsts) if w in order] == order
    model.sort(am.COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, am.COL_TITLE).data() == titles[-1]


def _expected(rows: list[Activity], f: ActivityFilter) -> int:
    n = 0
    for a in rows:
        if f.area_id and a.area_id != f.area_id:
            continue
        if f.status and a.status != f.status:
            continue
        if f.date_from and (a.end_date or a.start_date) < f.date_from:
            continue
        if f.date_to and a.start_date > f.date_to:
            continue
        hay = fold(" ".join([a.title, a.content, a.location]))
        if not all(t in hay for t in fold(f.text).split()):
            continue
        n += 1
    return n


@pytest.mark.parametrize(
    "f",
    [
        ActivityFilter(area_id="A2"),
        ActivityFilter(status="planned"),
        ActivityFilter(date_from=date(2023, 3, 1), date_to=date(2023, 5, 31)),
        ActivityFilter(text="dan van"),
        ActivityFilter(text="DOI THOAI khu pho 2"),
        ActivityFilter(text="hoa giai", area_id="A4", status="done"),
    ],
)
def test_filters_match_sql(qapp: object, filled: tuple[Workspace, list[Activity]], f: ActivityFilter) -> None:
    ws, rows = filled
    model = am.ActivityTableModel(ws.db, ws.plan)
    model.set_filter(f)
    expected = _expected(rows, f)
    assert model.rowCount() == expected == activities.count(ws.db, f)
    assert expected > 0
    if expected:
        assert model.index(expected - 1, am.COL_TITLE).data()


def test_trash_and_reload(qapp: object, filled: tuple[Workspace, list[Activity]]) -> None:
    ws, rows = filled
    model = am.ActivityTableModel(ws.db, ws.plan)
    activities.soft_delete(ws.db, [rows[0].id, rows[1].id])
    model.reload()
    assert model.rowCount() == N - 2
    model.set_filter(ActivityFilter(deleted=True))
    assert model.rowCount() == 2
    assert {model.index(r, 0).data(am.ID_ROLE) for r in range(2)} == {rows[0].id, rows[1].id}
    activities.restore(ws.db, [rows[0].id, rows[1].id])
    model.reload()
    assert model.rowCount() == 0


@pytest.mark.parametrize(
    "f, quick",
    [
        (ActivityFilter(), True),
        (ActivityFilter(area_id="A2", status="done"), True),
        (ActivityFilter(text="dan van"), True),  # the FTS index counts alone
        (ActivityFilter(text="khu pho 2"), False),  # "2" is too short for the index
        (ActivityFilter(text="khu pho", status="done"), False),  # text with another filter
    ],
)
def test_first_rows_come_without_waiting_for_a_slow_count(
    qapp: object, filled: tuple[Workspace, list[Activity]], f: ActivityFilter, quick: bool
) -> None:
    ws, rows = filled
    expected = _expected(rows, f)
    assert expected > am.BLOCK
    count, first = am.fetch_first(ws.db, f, "start_date", True)
    assert len(first) == am.BLOCK
    assert count == (expected if quick else None)

    model = am.ActivityTableModel(ws.db, ws.plan)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    assert model.apply_result(f, model.order, count, first)
    assert model.count_pending is not quick
    assert model.rowCount() == (expected if quick else am.BLOCK)
    assert model.index(0, am.COL_TITLE).data() == first[0]["title"]
    if not quick:
        # A count for another filter (a superseded search) is ignored ...
        assert not model.apply_count(ActivityFilter(text="zzz"), 1)
        assert model.rowCount() == am.BLOCK
        # ... and the real one appends the rest, so the view keeps its place and selection.
        assert model.apply_count(f, activities.count(ws.db, f))
        assert inserted == [(am.BLOCK, expected - 1)]
        assert not model.count_pending
    assert model.rowCount() == expected
    assert model.index(expected - 1, am.COL_TITLE).data()


def test_a_count_smaller_than_the_rows_shown_starts_over(
    qapp: object, filled: tuple[Workspace, list[Activity]]
) -> None:
    ws, _rows = filled
    f = ActivityFilter(text="khu pho 2")
    _count, first = am.fetch_first(ws.db, f, "start_date", True)
    model = am.ActivityTableModel(ws.db, ws.plan)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.apply_result(f, model.order, None, first)
    assert model.apply_count(f, 150)  # rows were deleted by another window meanwhile
    assert model.rowCount() == 150 and len(resets) == 2
