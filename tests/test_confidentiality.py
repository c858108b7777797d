"""Confidentiality (reliability.md T29): which free text travels where, checked against the policy.

A unique canary is seeded in every free-text field of a unit workspace, the workspace is exported,
and every member of the package — recursively including the XML inside the DOCX and XLSX — is
searched for each canary (UTF-8 NFC and NFD, case-insensitive, with and without diacritics). The
result must equal the table in docs/package-format.md §9, so the documented policy is checked,
not assumed. A second test asserts no field for a denouncer's identity exists anywhere.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import unicodedata
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from dvcq_desktop.domain import records
from dvcq_desktop.domain.records import Activity, DocumentMeta, IndicatorValue, Signer
from dvcq_desktop.domain.rules import evaluate_rules
from dvcq_desktop.package import read_package
from dvcq_desktop.package.schema import validator
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities, attachments, report_data
from dvcq_desktop.storage.workspace import Workspace

DOC = (Path(__file__).resolve().parent.parent / "docs" / "package-format.md").read_text(encoding="utf-8")
ACTIVITY_TEXT = (
    "title",
    "content",
    "location",
    "lead_unit",
    "partners",
    "result",
    "doc_number",
    "doc_summary",
)
DOC_TEXT = ("number", "symbol", "place", "parent_body", "issuer", "recipients", "cc", "archive")
SIGNER_TEXT = ("name", "title", "authority_body")
PLACES = ("submission", "docx", "xlsx")


def canary(key: str) -> str:
    # Vietnamese letters so NFC/NFD matter; the ASCII stem also finds a copy stripped of diacritics.
    return f"CANARY-{key}-7f3a-Ngọc Ánh"


def _stem(key: str) -> bytes:
    return f"CANARY-{key}-7f3a".lower().encode("ascii")


def _seed(ws: Workspace, tmp: Path) -> list[str]:
    """Put a canary in every free-text field; returns the keys seeded."""
    plan, period, db = ws.plan, ws.period, ws.db
    keys: list[str] = []
    fields = {f: canary(f"activity.{f}") for f in ACTIVITY_TEXT}
    act = Activity(
        id=activities.new_id(),
        area_id="A2",
        type_id="tuyen_truyen",
        start_date=date(2023, 3, 5),
        doc_date=date(2023, 3, 5),
        notable=True,
        **fields,
    )
    activities.save(db, act)
    keys += [f"activity.{f}" for f in ACTIVITY_TEXT]
    src = tmp / f"{canary('activity.attachment_name')}.pdf"
    src.write_bytes(b"%PDF-1.4 canary attachment")
    attachments.add(db, ws.attachments_dir, act.id, src)
    keys.append("activity.attachment_name")
    for s in plan.outline:
        report_data.set_narrative(
            db, plan.id, period.id, s.id, f"Nội dung phần {s.id}: {canary('narrative.' + s.id)}"
        )
        keys.append(f"narrative.{s.id}")
    current = report_data.values(db, plan.id, period.id)
    counts = [i for i in plan.indicators if i.kind == "count"]
    report_data.set_values(
        db,
        plan.id,
        period.id,
        [
            IndicatorValue(
                i.id, current[i.id].value if i.id in current else 0, canary(f"indicator.comment.{i.id}")
            )
            for i in counts
        ],
    )
    keys += [f"indicator.comment.{i.id}" for i in counts]
    # One warning rule violated (its comment travels), one rule not violated (its comment must not).
    values = {k: v.value for k, v in report_data.values(db, plan.id, period.id).items()}
    violated = None
    for rule in (r for r in plan.rules if r.severity == "warning"):
        trial = dict(values, **{rule.left[0]: sum(values.get(i) or 0 for i in rule.right) + 1})
        results = evaluate_rules(plan, trial)
        if [r.rule_id for r in results] == [rule.id]:
            violated = rule
            report_data.set_value(db, plan.id, period.id, rule.left[0], trial[rule.left[0]])
            break
    assert violated is not None
    resolved = next(r for r in plan.rules if r.id != violated.id)
    report_data.set_rule_comment(db, plan.id, period.id, violated.id, canary("rule.comment.violated"))
    report_data.set_rule_comment(db, plan.id, period.id, resolved.id, canary("rule.comment.resolved"))
    keys += ["rule.comment.violated", "rule.comment.resolved"]
    doc = {f: canary(f"document.{f}") for f in DOC_TEXT}
    report_data.set_document_meta(
        db,
        plan.id,
        period.id,
        DocumentMeta(
            number=doc["number"],
            symbol=doc["symbol"],
            date=date(2023, 10, 25),
            place=doc["place"],
            parent_body=doc["parent_body"],
            issuer=doc["issuer"],
            recipients=(doc["recipients"],),
            cc=(doc["cc"],),
            archive=doc["archive"],
            signer=Signer(
                canary("signer.name"), canary("signer.title"), "KT.", canary("signer.authority_body")
            ),
        ),
    )
    keys += [f"document.{f}" for f in DOC_TEXT] + [f"signer.{f}" for f in SIGNER_TEXT]
    return keys


def _members(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """Every leaf member, recursively opening ZIPs (the package, and the DOCX/XLSX inside it)."""
    if not data.startswith(b"PK\x03\x04"):
        return [(name, data)]
    out: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            out += _members(f"{name}!{info.filename}", zf.read(info))
    return out


def _found(key: str, data: bytes) -> bool:
    text = canary(key)
    for form in ("NFC", "NFD"):
        if unicodedata.normalize(form, text).encode("utf-8") in data:
            return True
    decoded = unicodedata.normalize("NFC", data.decode("utf-8", errors="replace")).casefold()
    return text.casefold() in decoded or _stem(key) in data.lower()


def _place(member: str) -> str:
    inner = member.split("!", 1)[1]
    if inner == "data/submission.json":
        return "submission"
    if inner == "manifest.json":
        return "manifest"
    if inner.startswith("report/") and ".docx!" in inner:
        return "docx"
    if inner.startswith("report/") and ".xlsx!" in inner:
        return "xlsx"
    return inner


def _policy() -> dict[str, set[str]]:
    section = DOC.split("## 9. Bảo mật / Confidentiality", 1)[1].split("\n## 10.", 1)[0]
    policy: dict[str, set[str]] = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*`([a-z_.*]+)`\s*\|[^|]*\|(.*)\|\s*$", line)
        if not m:
            continue
        cells = [c.strip() for c in m.group(2).split("|")]
        assert len(cells) == 3 and set(cells) <= {"có", "không"}, line
        policy[m.group(1)] = {p for p, c in zip(PLACES, cells, strict=True) if c == "có"}
    return policy


def _row_for(key: str, policy: dict[str, set[str]]) -> str:
    if key in policy:
        return key
    groups = [row for row in policy if row.endswith("*") and key.startswith(row[:-1])]
    assert len(groups) == 1, f"no policy row for {key}"
    return groups[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Workspace]:
    tmp = tmp_path_factory.mktemp("conf")
    ws = init_workspace(tmp / "ws", role="unit", unit_code="TPTN-P1")
    fill_demo(ws, activities=20)
    keys = _seed(ws, tmp)
    (tmp / "out").mkdir()
    written = export_package(ws, tmp / "out")
    yield written.path, keys, ws
    ws.close()


def test_every_canary_travels_exactly_where_the_policy_says(
    exported: tuple[Path, list[str], Workspace],
) -> None:
    path, keys, _ws = exported
    members = _members(path.name, path.read_bytes())
    # signature.json (format 1.1) holds only the unit's public key and the signature
    assert {_place(m) for m, _ in members} == {
        "submission",
        "manifest",
        "docx",
        "xlsx",
        "mimetype",
        "signature.json",
    }
    where: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for member, data in members:
            if _found(key, data):
                where[key].add(_place(member))
    policy = _policy()
    rows_used = {_row_for(k, policy) for k in keys}
    assert rows_used == set(policy), "policy rows without a seeded field (or the reverse)"
    mismatches = {
        k: (sorted(where[k]), sorted(policy[_row_for(k, policy)]))
        for k in keys
        if where[k] != policy[_row_for(k, policy)]
    }
    assert not mismatches, f"found vs documented: {mismatches}"


def test_file_name_and_manifest_carry_only_identifiers(exported: tuple[Path, list[str], Workspace]) -> None:
    path, keys, ws = exported
    assert re.fullmatch(r"DVCQ_2023_TPTN-P1_lan1_\d{8}-\d{4}\.dvcq", path.name)
    pkg = read_package(path)
    with zipfile.ZipFile(path) as zf:
        raw = zf.read("manifest.json")
    manifest = json.loads(raw)
    assert not [k for k in keys if _found(k, raw) or _found(k, path.name.encode())]
    assert set(manifest) == {
        "format",
        "format_version",
        "package_id",
        "revision",
        "supersedes",
        "created_at",
        "finalized_at",
        "generator",
        "plan",
        "unit",
        "period",
        "members",
    }
    sub = pkg.submission
    assert manifest["unit"] == {
        "code": sub.unit.code,
        "name": sub.unit.name,
        "level": sub.unit.level,
        "parent": sub.unit.parent,
    }
    assert manifest["plan"] == {
        "id": sub.plan.id,
        "version": sub.plan.version,
        "title": sub.plan.title,
        "content_hash": sub.plan.content_hash,
    }
    assert manifest["unit"]["name"] == ws.own_unit.name
    assert manifest["period"]["id"] == ws.period.id and manifest["period"]["label"] == ws.period.label
    assert set(manifest["generator"]) == {"name", "version"}
    assert all(
        re.fullmatch(r"data/submission\.json|report/BaoCao_TPTN-P1_2023\.(docx|xlsx)", m["path"])
        for m in manifest["members"]
    )


# ---- no field for a denouncer's identity, anywhere ------------------------------------------------
FORBIDDEN = re.compile(
    r"to_?cao|nguoi_?to|denounc|whistle|informant|accuser|complainant|ho_?ten|full_?name|citizen|"
    r"cccd|cmnd|id_?card|id_?number|phone|dien_?thoai|e_?mail|address|dia_?chi|but_?tich|handwrit",
    re.IGNORECASE,
)


def _dataclass_fields(cls: type, seen: set[type]) -> set[str]:
    if cls in seen or not dataclasses.is_dataclass(cls):
        return set()
    seen.add(cls)
    names = set()
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        names.add(f"{cls.__name__}.{f.name}")
        for arg in re.findall(r"\b[A-Z]\w+\b", str(hints.get(f.name, ""))):
            sub = getattr(records, arg, None)
            if isinstance(sub, type):
                names |= _dataclass_fields(sub, seen)
    return names


def _schema_props(node: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(node, dict):
        out |= set(node.get("properties", {}))
        for v in node.values():
            out |= _schema_props(v)
    elif isinstance(node, list):
        for v in node:
            out |= _schema_props(v)
    return out


def test_no_field_for_a_denouncer_identity(tmp_path: Path) -> None:
    names = _dataclass_fields(records.Submission, set())
    assert {"Activity.content", "DocumentMeta.signer", "Signer.name", "RuleResult.comment"} <= names
    with init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1") as ws:
        tables = [r["name"] for r in ws.db.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {f"{t}.{c['name']}" for t in tables for c in ws.db.query(f"PRAGMA table_info('{t}')")}
    assert "activities.content" in columns and len(columns) > 50
    props = _schema_props(validator("manifest").schema) | _schema_props(validator("submission").schema)
    assert {"activities", "content", "signer"} <= props
    bad = sorted(n for n in names | columns | props if FORBIDDEN.search(n.split(".")[-1]))
    assert not bad, bad
    assert FORBIDDEN.search("to_cao_ho_ten") and FORBIDDEN.search("nguoi_to_cao")  # the net can catch
