"""Saving an activity with attachments: files first, then one transaction; nothing half-saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.activity_save import save_activity
from dvcq_desktop.storage import activities, attachments


def _activity(title: str) -> Activity:
    return Activity(
        id=activities.new_id(), area_id="A2", type_id="tuyen_truyen", title=title, start_date=date(2023, 4, 1)
    )


def test_files_are_stored_once_by_content_with_progress_in_kib(tmp_path: Path) -> None:
    one = tmp_path / "biên bản.pdf"
    one.write_bytes(b"a" * 3_000_000)
    other = tmp_path / "ảnh.jpg"
    other.write_bytes(b"b" * 3_000_000)
    same = tmp_path / "bản sao biên bản.pdf"
    same.write_bytes(b"a" * 3_000_000)
    seen: list[tuple[int, int, str]] = []
    with new_unit_ws(tmp_path / "ws") as ws:
        saved = save_activity(
            ws, _activity("Hội nghị"), pending=[one, other], progress=lambda d, t, n: seen.append((d, t, n))
        )
        assert [(r.name, r.size) for r in saved.attachments] == [
            ("biên bản.pdf", 3_000_000),
            ("ảnh.jpg", 3_000_000),
        ]
        again = save_activity(ws, _activity("Hội nghị lần 2"), pending=[same])
        assert again.attachments[0].sha256 == saved.attachments[0].sha256
        blobs = sorted(p for p in ws.attachments_dir.rglob("*") if p.is_file())
        assert blobs == sorted(attachments.blob_path(ws.attachments_dir, r.sha256) for r in saved.attachments)
        assert blobs[0].read_bytes() in (one.read_bytes(), other.read_bytes())
    assert seen[-1] == (6_000_000 // 1024, 6_000_000 // 1024, "ảnh.jpg")
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_a_missing_file_saves_nothing(tmp_path: Path) -> None:
    good = tmp_path / "ảnh.jpg"
    good.write_bytes(b"x" * 100)
    with new_unit_ws(tmp_path / "ws") as ws:
        a = _activity("Tiếp dân")
        with pytest.raises(DvcqError) as info:
            save_activity(ws, a, pending=[good, tmp_path / "đã rút USB.mp4"])
        assert info.value.code == "attachment_missing" and "đã rút USB.mp4" in info.value.message
        assert activities.get_or_none(ws.db, a.id) is None


def test_a_failure_in_the_transaction_rolls_back_the_activity_too(tmp_path: Path) -> None:
    src = tmp_path / "ảnh.jpg"
    src.write_bytes(b"x" * 100)
    with new_unit_ws(tmp_path / "ws") as ws:
        first = save_activity(ws, _activity("Bản đầu"))
        ws.db.execute("""CREATE TRIGGER refuse_links BEFORE INSERT ON activity_attachments
                         BEGIN SELECT RAISE(ABORT, 'disk full'); END""")
        changed = Activity(**{**first.__dict__, "title": "Bản sửa", "attachments": ()})
        with pytest.raises(Exception, match="disk full"):
            save_activity(ws, changed, pending=[src])
        assert activities.get(ws.db, first.id).title == "Bản đầu"
        assert not list(ws.attachments_dir.glob("*.part"))
