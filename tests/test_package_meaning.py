"""Issue 12 point 1, 3: the reader judges meaning, before anything is stored, with the same verdict
in `verify`, a dry run and an import. Every package here comes from tests/support/spec_writer.py
(a writer built from the spec alone), never from the app's exporter."""

from __future__ import annotations

import copy
import hashlib
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.spec_writer import build, load_plan_json, submission_dict

from dvcq_desktop.package.verify import verify_path
from dvcq_desktop.services import intake
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

PLAN = load_plan_json()
UNIT = {"code": "TPTN-P1", "name": "Phường 1", "level": "phuong", "parent": "TPTN"}
RATIO = next(d["id"] for d in PLAN["indicators"] if d["kind"] == "ratio")
COUNTS = [d["id"] for d in PLAN["indicators"] if d["kind"] == "count"]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office") / "ws"
    init_workspace(root, role="aggregator", unit_code="TPTN").close()
    return root


def _good() -> dict[str, Any]:
    return submission_dict(PLAN, dict(UNIT), n_activities=4, seed=3)


def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    sub = _good()
    change(sub)
    return sub


def _dup_activity(s: dict[str, Any]) -> None:
    s["activities"][2]["id"] = s["activities"][0]["id"]


def _dup_indicator(s: dict[str, Any]) -> None:
    s["indicators"].append(copy.deepcopy(s["indicators"][1]))


def _dup_section(s: dict[str, Any]) -> None:
    s["narratives"].append({"section_id": "II.1", "text": "lặp"})


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(s: dict[str, Any]) -> None:
        node = s
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _append_indicator(ind: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda s: s["indicators"].append({"indicator_id": ind, "value": value, "comment": ""})


# (case, submission, build kwargs, expected reader code, the field the message must name)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, str]] = [
    ("duplicate activity id", _edit(_dup_activity), {}, "pkg_duplicate_activity", "activities[2].id"),
    ("duplicate indicator id", _edit(_dup_indicator), {}, "pkg_duplicate_indicator", "indicators["),
    ("duplicate narrative section", _edit(_dup_section), {}, "pkg_duplicate_section", "narratives["),
    (
        "unknown indicator",
        _edit(_append_indicator("khong_co", 3)),
        {},
        "pkg_unknown_indicator",
        "indicator_id",
    ),
    (
        "ratio indicator carried (value 80)",
        _edit(_append_indicator(RATIO, 80)),
        {},
        "pkg_indicator_computed",
        RATIO,
    ),
    (
        "ratio indicator carried (null)",
        _edit(_append_indicator(RATIO, None)),
        {},
        "pkg_indicator_computed",
        RATIO,
    ),
    (
        "count indicator missing",
        _edit(lambda s: s["indicators"].pop(0)),
        {},
        "pkg_indicator_missing",
        COUNTS[0],
    ),
    (
        "unknown area",
        _edit(_set(["activities", 1, "area_id"], "A9")),
        {},
        "pkg_unknown_area",
        "activities[1].area_id",
    ),
    (
        "unknown type",
        _edit(_set(["activities", 3, "type_id"], "la")),
        {},
        "pkg_unknown_type",
        "activities[3].type_id",
    ),
    (
        "unknown section",
        _edit(_set(["narratives", 0, "section_id"], "IX")),
        {},
        "pkg_unknown_section",
        "narratives[0]",
    ),
    (
        "revision 1 with supersedes",
        _good(),
        {"supersedes": "0b0f7a4e-7c3e-4f59-9a43-8a1f6d2d1c11"},
        "pkg_first_supersedes",
        "supersedes",
    ),
    ("revision 3 without supersedes", _good(), {"revision": 3}, "pkg_supersedes_missing", "supersedes"),
    (
        "supersedes itself",
        _good(),
        {
            "revision": 2,
            "package_id": "0b0f7a4e-7c3e-4f59-9a43-8a1f6d2d1c11",
            "supersedes": "0b0f7a4e-7c3e-4f59-9a43-8a1f6d2d1c11",
        },
        "pkg_supersedes_self",
        "supersedes",
    ),
    (
        "finalized_at differs",
        _good(),
        {"manifest_change": ("finalized_at", "2023-11-02T09:00:00+07:00")},
        "pkg_identity_mismatch",
        "finalized_at",
    ),
    (
        "format_version differs",
        _good(),
        {"manifest_change": ("format_version", "1.1")},
        "pkg_identity_mismatch",
        "format_version",
    ),
    (
        "unit name differs",
        _good(),
        {"manifest_change": ("unit", {**UNIT, "name": "Phường Một"})},
        "pkg_identity_mismatch",
        "unit.name",
    ),
    (
        "period differs",
        _good(),
        {"manifest_change": ("period", {**submission_dict(PLAN, UNIT)["period"], "deadline": "2030-01-01"})},
        "pkg_identity_mismatch",
        "period.deadline",
    ),
    (
        "attachment not named by its hash",
        _good(),
        {"attachments": {"a" * 64 + ".pdf": b"%PDF-1.4 x"}},
        "pkg_attachment_name",
        "attachments/",
    ),
]


def _package(tmp: Path, name: str, sub: dict[str, Any], kw: dict[str, Any]) -> Path:
    kw = dict(kw)
    change = kw.pop("manifest_change", None)
    if change is not None:
        from support.spec_writer import manifest_dict

        m = manifest_dict(sub, [])
        m[change[0]] = change[1]
        kw["manifest"] = m
    path = tmp / f"{name.replace(' ', '_')}.dvcq"
    path.write_bytes(build(sub, **kw))
    return path


def _stored_counts(ws: Workspace) -> tuple[int, int, int, list[str]]:
    db = ws.db
    return (
        db.execute("SELECT count(*) FROM received").fetchone()[0],
        db.execute("SELECT count(*) FROM received_activities").fetchone()[0],
        db.execute("SELECT count(*) FROM received_values").fetchone()[0],
        sorted(f.name for f in ws.inbox_dir.iterdir()),
    )


@pytest.mark.parametrize("case,sub,kw,code,field", CASES, ids=[c[0] for c in CASES])
def test_each_rule_same_verdict_in_verify_dry_run_and_import(
    case: str, sub: dict[str, Any], kw: dict[str, Any], code: str, field: str, office: Path, tmp_path: Path
) -> None:
    path = _package(tmp_path, case, sub, kw)
    v = verify_path(path)
    assert (v.ok, v.code) == (False, code), v.message
    assert field in v.message  # the Vietnamese message names the field (or the id)
    with Workspace.open(office, auto_backup=False) as ws:
        before = _stored_counts(ws)
        dry = intake.import_packages(ws, [path], dry_run=True)[0]
        real = intake.import_packages(ws, [path])[0]
        assert _stored_counts(ws) == before  # nothing stored, nothing in inbox/
    assert (dry.outcome, dry.reason) == ("rejected", code)
    assert (real.outcome, real.reason, real.message) == ("rejected", code, v.message)


def test_the_good_package_of_the_cases_is_imported(office: Path, tmp_path: Path) -> None:
    """The control: the unmutated submission passes everywhere, so each case fails for its rule."""
    good = _package(tmp_path, "good", _good(), {})
    assert verify_path(good).ok and verify_path(good).plan_checked
    with Workspace.open(office, auto_backup=False) as ws:
        assert intake.import_packages(ws, [good], dry_run=True)[0].outcome in ("new", "newer-revision")


def _nfd(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [_nfd(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfd(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("escaped", [False, True], ids=["raw-nfd", "escaped-nfd"])
def test_decomposed_text_is_stored_nfc(escaped: bool, tmp_path: Path) -> None:
    sub = _good()
    sub["unit"] = dict(UNIT)
    sub["activities"][0]["title"] = "Hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở"
    sub["narratives"][0]["text"] = "Tình hình chung ổn định"
    nfd = _nfd(sub)
    nfd["unit"], nfd["plan"], nfd["period"] = sub["unit"], sub["plan"], sub["period"]  # manifest copies
    nfd["unit"] = _nfd(sub["unit"])  # the manifest is built from the same NFD unit
    blob = json.dumps(nfd, ensure_ascii=escaped).encode("utf-8")
    assert unicodedata.normalize("NFC", blob.decode()) != blob.decode() or escaped
    path = tmp_path / "nfd.dvcq"
    path.write_bytes(build(nfd, sub_bytes=blob))
    assert verify_path(path).ok
    root = tmp_path / "ws"
    with init_workspace(root, role="aggregator", unit_code="TPTN") as ws:
        o = intake.import_packages(ws, [path])[0]
        assert o.outcome == "new", o.message
        title = ws.db.execute("SELECT title FROM received_activities WHERE title LIKE 'Hội%'").fetchone()[0]
        stored = ws.db.execute("SELECT submission FROM received").fetchone()[0]
    assert title == sub["activities"][0]["title"] and unicodedata.is_normalized("NFC", title)
    assert unicodedata.is_normalized("NFC", json.loads(stored)["narratives"][0]["text"])
    assert json.loads(stored)["unit"]["name"] == "Phường 1"
    assert "Phường 1" in o.message


def test_attachment_named_by_its_hash_is_accepted(tmp_path: Path) -> None:
    blob = b"%PDF-1.4 bien ban"
    path = tmp_path / "att.dvcq"
    path.write_bytes(build(_good(), attachments={hashlib.sha256(blob).hexdigest() + ".pdf": blob}))
    assert verify_path(path).ok
