"""Activity repository: NFC at the boundary, accent-insensitive search, Vietnamese sort, trash."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import activities, attachments
from dvcq_desktop.storage.activities import ActivityFilter


def act(title: str, **kw: object) -> Activity:
    base: dict[str, object] = dict(
        id=activities.new_id(), area_id="A2", type_id="tuyen_truyen", title=title, start_date=date(2023, 4, 1)
    )
    base.update(kw)
    return Activity(**base)  # type: ignore[arg-type]


def test_nfd_input_is_stored_nfc_and_found_without_accents(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        nfd = unicodedata.normalize("NFD", "Mô hình “Dân vận khéo” tại Hiệp Ninh")
        a = activities.save(ws.db, act(nfd))
        assert a.title == unicodedata.normalize("NFC", nfd)
        activities.save(ws.db, act("Tiếp công dân định kỳ"))
        for q in ("dan van kheo", "DÂN VẬN", "hiep ninh", "kheo dan"):
            rows = activities.page(ws.db, ActivityFilter(text=q))
            assert [r["id"] for r in rows] == [a.id], q
        assert activities.count(ws.db, ActivityFilter(text="không có")) == 0


def test_title_sort_follows_vietnamese_order(tmp_path: Path) -> None:
    titles = ["Đối thoại", "Dân vận", "Ăn Tết", "An toàn", "Âm nhạc", "Bồi dưỡng", "Phường 10", "Phường 2"]
    with new_unit_ws(tmp_path / "ws") as ws:
        for t in titles:
            activities.save(ws.db, act(t))
        got = [r["title"] for r in activities.page(ws.db, order_by="title", descending=False)]
    assert got == [
        "An toàn",
        "Ăn Tết",
        "Âm nhạc",
        "Bồi dưỡng",
        "Dân vận",
        "Đối thoại",
        "Phường 2",
        "Phường 10",
    ]


def test_filters_and_trash_with_restore(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        a = activities.save(ws.db, act("Tuyên truyền", start_date=date(2023, 2, 1)))
        b = activities.save(
            ws.db,
            act(
                "Tiếp dân",
                area_id="A4",
                type_id="tiep_cong_dan",
                start_date=date(2023, 6, 1),
                status="in_progress",
            ),
        )
        assert activities.count(ws.db, ActivityFilter(area_id="A4")) == 1
        assert activities.count(ws.db, ActivityFilter(status="in_progress")) == 1
        assert activities.count(ws.db, ActivityFilter(date_from=date(2023, 3, 1))) == 1
        assert activities.count(ws.db, ActivityFilter(date_to=date(2023, 3, 1))) == 1
        activities.soft_delete(ws.db, [a.id])
        assert activities.count(ws.db) == 1
        assert [r["id"] for r in activities.page(ws.db, ActivityFilter(deleted=True))] == [a.id]
        activities.restore(ws.db, [a.id])
        assert activities.count(ws.db) == 2
        copy = activities.duplicate(ws.db, b.id)
        assert copy.id != b.id and copy.title.startswith("Tiếp dân") and copy.area_id == "A4"


@pytest.mark.parametrize(
    "bad", [dict(title="   "), dict(end_date=date(2023, 1, 1)), dict(participants=-1), dict(status="lost")]
)
def test_invalid_activity_is_refused_with_vietnamese_reason(tmp_path: Path, bad: dict[str, object]) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        with pytest.raises(DvcqError) as err:
            activities.save(ws.db, act(**{"title": "Hợp lệ", **bad}))
        assert err.value.code == "activity_invalid"
        assert activities.count(ws.db) == 0


def test_attachments_are_content_addressed(tmp_path: Path) -> None:
    src = tmp_path / "ảnh hội nghị.jpg"
    src.write_bytes(b"\xff\xd8\xff" + b"x" * 1000)
    with new_unit_ws(tmp_path / "ws") as ws:
        a = activities.save(ws.db, act("Hội nghị"))
        b = activities.save(ws.db, act("Hội nghị 2"))
        r1 = attachments.add(ws.db, ws.attachments_dir, a.id, src)
        r2 = attachments.add(ws.db, ws.attachments_dir, b.id, src)
        assert r1.sha256 == r2.sha256
        blobs = [p for p in ws.attachments_dir.rglob("*") if p.is_file()]
        assert len(blobs) == 1 and blobs[0].name == r1.sha256
        assert activities.get(ws.db, a.id).attachments[0].name == "ảnh hội nghị.jpg"
        attachments.remove(ws.db, a.id, r1.sha256)
        assert activities.get(ws.db, a.id).attachments == ()
        assert activities.get(ws.db, b.id).attachments[0].sha256 == r1.sha256


def test_trigram_index_gives_the_same_hits_as_a_scan(tmp_path: Path) -> None:
    from dvcq_desktop.services.demo import fill_demo
    from dvcq_desktop.storage import search_index

    with new_unit_ws(tmp_path / "ws") as ws:
        assert search_index.available(ws.db)
        fill_demo(ws, activities=600, seed=5)
        a = activities.save(ws.db, act("Đối thoại với hộ kinh doanh"))
        activities.save(ws.db, act("Đối thoại với hộ kinh doanh — sửa", id=a.id))  # update path
        activities.soft_delete(ws.db, [a.id])
        for q in (
            "dan van kheo",
            "tuyen truyen dat dai",
            "ho kinh doanh",
            "hoi nghi",
            "ap",
            "ba",
            "khu phố 2",
        ):
            for deleted in (False, True):
                f = ActivityFilter(text=q, deleted=deleted)
                fts_where, fts_args = f.where(True)
                scan_where, scan_args = f.where(False)
                got = {r[0] for r in ws.db.execute(f"select id from activities where {fts_where}", fts_args)}
                want = {
                    r[0] for r in ws.db.execute(f"select id from activities where {scan_where}", scan_args)
                }
                assert got == want, q
                assert activities.count(ws.db, f) == len(want), q  # the index-only count too
        restored = activities.page(ws.db, ActivityFilter(text="ho kinh doanh sua", deleted=True))
        activities.restore(ws.db, [r["id"] for r in restored])
        assert activities.count(ws.db, ActivityFilter(text="ho kinh doanh sua")) == 1
        activities.soft_delete(ws.db, [r["id"] for r in restored])
        assert activities.count(ws.db, ActivityFilter(text="ho kinh doanh sua")) == 0
        assert activities.count(ws.db, ActivityFilter(text="ho kinh doanh sua", deleted=True)) == 1


def test_date_range_count_reads_the_index_alone(tmp_path: Path) -> None:
    # Without end_date in the index every row in range is read from the table (0.2 s at 100,000).
    with new_unit_ws(tmp_path / "ws") as ws:
        activities.save(ws.db, act("Hội nghị", start_date=date(2023, 2, 27), end_date=date(2023, 3, 2)))
        activities.save(ws.db, act("Đối thoại", start_date=date(2023, 2, 1)))
        f = ActivityFilter(date_from=date(2023, 3, 1), date_to=date(2023, 6, 30))
        assert activities.count(ws.db, f) == 1  # the range that began before 01/03 still counts
        where, args = f.where(from_matches=True)
        plan = " ".join(
            r[3]
            for r in ws.db.execute(
                f"EXPLAIN QUERY PLAN SELECT count(*) FROM activities WHERE {where}", args
            ).fetchall()
        )
        assert "COVERING INDEX idx_activities_live_date" in plan


@pytest.mark.parametrize("order_by", ["start_date", "title", "area_id", "status", "participants"])
def test_every_sort_reads_its_window_off_an_index(tmp_path: Path, order_by: str) -> None:
    # A window deep in a 100,000-row log must not sort every row first (0.27 s vs 7 ms).
    with new_unit_ws(tmp_path / "ws") as ws:
        activities.save(ws.db, act("Hội nghị"))
        traced: list[str] = []
        ws.db.conn.set_trace_callback(traced.append)
        activities.page(ws.db, order_by=order_by, offset=100)
        ws.db.conn.set_trace_callback(None)
        sql = next(t for t in traced if t.lstrip().upper().startswith("SELECT ID, AREA_ID"))
        plan = " ".join(r[3] for r in ws.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "TEMP B-TREE" not in plan, plan
