"""Issue 18 point 1: text is cleaned where it enters, limits are the package schema's, and the
renderers still cope with data that never went through the door (an old workspace, a package)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from support.officer_ws import act, make_ws
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import read_package
from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.xlsx_annex import render_xlsx
from dvcq_desktop.resources import resource_path
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.reporting import unit_report
from dvcq_desktop.storage import activities, report_data, settings
from dvcq_desktop.text import clean
from dvcq_desktop.text.entry import entry_line, entry_text, max_length, number_range, xml_safe

WORD_PASTE = "Họp\x0b dân\x1f khu\x00 phố\u000c 3\r\nlần 2\x7f\x85\ufffe"


def test_control_characters_are_removed_and_breaks_kept_only_where_allowed() -> None:
    assert entry_text(WORD_PASTE) == "Họp dân khu phố 3\nlần 2"
    assert entry_line("Họp\tdân\nkhu\r\nphố") == "Họp dân khu phố"
    assert entry_text("  Ho\u0323p\t dân ") == "Họp\t dân"  # NFD becomes NFC, tab kept
    assert clean(WORD_PASTE) == entry_text(WORD_PASTE)  # the old door is the same door
    assert entry_text(None) == ""
    assert xml_safe("a\x0bb\x00c\ud800") == "abc"


def test_limits_are_read_from_the_package_schema() -> None:
    with open(resource_path("schemas", "submission.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    act_props = schema["$defs"]["activity"]["properties"]
    assert max_length("activity.title") == act_props["title"]["maxLength"]
    assert max_length("activity.content") == act_props["content"]["maxLength"]
    assert (
        max_length("narrative.text")
        == (schema["properties"]["narratives"]["items"]["properties"]["text"]["maxLength"])
    )
    assert number_range("activity.participants") == (0, act_props["participants"]["maximum"])


def test_pasted_word_text_is_stored_clean_and_report_and_export_succeed(tmp_path: Path) -> None:
    with make_ws(tmp_path / "ws") as ws:
        saved = activities.save(
            ws.db,
            act(title=WORD_PASTE, content=WORD_PASTE, location="Hội\ntrường", day=date(2023, 3, 5)),
        )
        assert saved.title == "Họp dân khu phố 3 lần 2"  # one-line field
        assert saved.content == "Họp dân khu phố 3\nlần 2"
        assert saved.location == "Hội trường"
        report_data.set_narrative(ws.db, ws.plan.id, ws.period.id, "I", WORD_PASTE)
        assert report_data.narratives(ws.db, ws.plan.id, ws.period.id)["I"] == "Họp dân khu phố 3\nlần 2"
        settings.put(ws.db, "signer", {"name": "Nguyễn\x0b Văn A", "title": "PHÓ CHỦ TỊCH"})
        assert ws.setting("signer")["name"] == "Nguyễn Văn A"
        written = unit_report(ws, tmp_path / "bc.docx", tmp_path / "bc.xlsx")
        assert [p.name for p in written] == ["bc.docx", "bc.xlsx"]
        out = tmp_path / "usb"
        out.mkdir()
        pkg = read_package(export_package(ws, out).path)
    assert any(a.title == "Họp dân khu phố 3 lần 2" for a in pkg.submission.activities)


def _text_field(field: str, value: str) -> dict[str, Any]:
    return {field: value}


@pytest.mark.parametrize(
    ("field", "limit_key"), [("title", "activity.title"), ("content", "activity.content")]
)
def test_too_long_text_is_refused_at_save_naming_the_field(
    tmp_path: Path, field: str, limit_key: str
) -> None:
    too_long = "a" * (max_length(limit_key) + 1)
    with make_ws(tmp_path / "ws") as ws:
        with pytest.raises(DvcqError) as err:
            activities.save(ws.db, act(**_text_field(field, too_long)))
        assert err.value.code == "activity_invalid"
        assert activities.FIELD_LABELS[field] in err.value.message
        assert activities.count(ws.db) == 0
        just_right = "a" * max_length(limit_key)
        activities.save(ws.db, act(**_text_field(field, just_right)))


def test_too_long_narrative_and_huge_numbers_are_refused_at_entry(tmp_path: Path) -> None:
    with make_ws(tmp_path / "ws") as ws:
        with pytest.raises(DvcqError) as err:
            report_data.set_narrative(ws.db, ws.plan.id, ws.period.id, "I", "x" * 1_000_001)
        assert err.value.code == "text_too_long" and "1.000.000" in err.value.message
        with pytest.raises(DvcqError) as err:
            activities.save(ws.db, act(participants=2**62))
        assert "số người tham gia" in err.value.message
        with pytest.raises(DvcqError) as err:
            report_data.set_value(ws.db, ws.plan.id, ws.period.id, ws.plan.indicators[0].id, 10**16)
        assert err.value.code == "number_out_of_range"


def test_renderers_survive_xml_illegal_characters_in_old_data(tmp_path: Path) -> None:
    """Data that bypassed the door (written before the cleaning migration, or read from a
    package) still renders: the renderers strip what XML cannot hold."""
    plan = load_plan()
    sub = make_submission(plan, n_activities=3)
    bad = replace(sub.activities[0], title="Tiêu đề\x0b lỗi\x00", result="Kết\x1f quả")
    sub = replace(sub, activities=(bad, *sub.activities[1:]))
    docx = render_docx(build_unit_report(sub, plan), tmp_path / "r.docx")
    xlsx = render_xlsx(sub, plan, tmp_path / "r.xlsx")
    assert docx.is_file() and xlsx.is_file()
    titles = [r[3] for r in load_workbook(xlsx)["Hoạt động"].iter_rows(min_row=5, values_only=True)]
    assert "Tiêu đề lỗi" in titles
    assert not list(tmp_path.glob("*.tmp"))


def test_migration_m007_cleans_an_existing_workspace_and_logs_it(tmp_path: Path) -> None:
    """A workspace written before the door: dirty rows put straight into SQLite, then m007 runs
    again as it would at the first start of the new version."""
    from dvcq_desktop.storage.migrations import migrate
    from dvcq_desktop.storage.workspace import Workspace

    with make_ws(tmp_path / "ws") as ws:
        a = activities.save(ws.db, act(title="Hội nghị"))
        ws.db.execute(
            "UPDATE activities SET title = ?, content = ?, participants = ? WHERE id = ?",
            ["Hội\x0b nghị\x00", "x" * 300_000, 10**12, a.id],
        )
        ws.db.execute(
            "INSERT INTO narratives(plan_id, period_id, section_id, text, updated_at) "
            "VALUES (?, ?, 'I', ?, '2023-01-01T00:00:00+07:00')",
            [ws.plan.id, ws.period.id, "Đoạn\x1f một"],
        )
        ws.db.execute(
            "UPDATE settings SET value = ? WHERE key = 'signer'",
            [json.dumps({"name": "Lê\x0bThị B", "title": "CHỦ TỊCH"}, ensure_ascii=False)],
        )
        ws.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_clean_stored_text'")
        ws.db.conn.commit()
    with Workspace.open(tmp_path / "ws", auto_backup=False) as ws:
        got = activities.get(ws.db, a.id)
        assert got.title == "Hội nghị"
        assert len(got.content) == max_length("activity.content")
        assert got.participants is None
        assert report_data.narratives(ws.db, ws.plan.id, ws.period.id)["I"] == "Đoạn một"
        assert ws.setting("signer")["name"] == "LêThị B"
        cleaned = [r for r in ws.db.query("SELECT * FROM audit_log WHERE action = 'clean'")]
        assert {r["field"] for r in cleaned if r["entity"] == "activity"} == {
            "title",
            "content",
            "participants",
        }
        assert any(r["old_value"] == "Hội\x0b nghị\x00" for r in cleaned)  # the old text is kept
        assert migrate(ws.db) == []  # applied once
        row = next(iter(ws.db.query("SELECT search_text FROM activities WHERE id = ?", [a.id])))
        assert row["search_text"].startswith("hoi nghi ")
        unit_report(ws, tmp_path / "bc.docx", tmp_path / "bc.xlsx")


def test_a_valid_but_very_repetitive_narrative_still_exports(tmp_path: Path) -> None:
    """Found by the fuzz suite: a narrative at the limit made of one repeated letter deflated
    past the reader's bomb ratio, so the package refused its own read-back."""
    with make_ws(tmp_path / "ws") as ws:
        report_data.set_narrative(ws.db, ws.plan.id, ws.period.id, "I", "ệ" * max_length("narrative.text"))
        out = tmp_path / "usb"
        out.mkdir()
        pkg = read_package(export_package(ws, out).path)
    assert len(pkg.submission.narrative("I")) == max_length("narrative.text")
