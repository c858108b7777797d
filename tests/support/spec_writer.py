"""A `.dvcq` writer built from docs/package-format.md alone, as a third party would write one.

It shares no code with the app's writer (only the standard library), so tests can hand-build
packages that break one rule at a time and check what the app's reader makes of them.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import unicodedata
import uuid
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MIMETYPE = b"application/vnd.dvcq.submission+zip"
PLAN_FILE = ROOT / "resources" / "plans" / "tptn-dvcq-2023.json"


def canonical_nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [canonical_nfc(v) for v in value]
    if isinstance(value, dict):
        return {canonical_nfc(k): canonical_nfc(v) for k, v in value.items()}
    return value


def plan_content_hash(plan: dict[str, Any]) -> str:
    """§2.1 of the spec: SHA-256 of the canonical JSON (NFC, sorted keys, no whitespace, UTF-8)."""
    text = json.dumps(canonical_nfc(plan), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_plan_json(path: Path = PLAN_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def plan_ref(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": plan["id"],
        "title": plan["title"],
        "version": plan["version"],
        "content_hash": plan_content_hash(plan),
    }


def period_ref(plan: dict[str, Any], index: int = -1) -> dict[str, Any]:
    p = plan["periods"][index]
    return {k: p[k] for k in ("id", "label", "start", "end", "deadline")}


def submission_dict(
    plan: dict[str, Any], unit: dict[str, Any], n_activities: int = 5, seed: int = 1
) -> dict[str, Any]:
    """A valid submission for `plan`: every count indicator once, sections of the outline."""
    rng = random.Random(seed)
    period = period_ref(plan)
    types = plan["activity_types"]
    acts = []
    for i in range(n_activities):
        t = rng.choice(types)
        acts.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "area_id": rng.choice(t["area_ids"]),
                "type_id": t["id"],
                "title": f"Hoạt động số {i} — tuyên truyền pháp luật",
                "start_date": period["start"],
                "end_date": None,
                "content": "Nội dung",
                "location": "Hội trường",
                "lead_unit": "UBND",
                "partners": "",
                "participants": rng.randint(0, 300),
                "groups": None,
                "result": "Đạt",
                "doc_number": "",
                "doc_date": None,
                "doc_summary": "",
                "status": "done",
                "notable": False,
                "attachments": [],
                "created_at": "2023-03-01T08:30:00+07:00",
                "updated_at": None,
            }
        )
    return {
        "format": "dvcq.submission",
        "format_version": "1.0",
        "unit": unit,
        "plan": plan_ref(plan),
        "period": period,
        "document": {
            "number": "",
            "symbol": "BC-UBND",
            "date": None,
            "place": "",
            "parent_body": "",
            "issuer": "",
            "recipients": [],
            "cc": [],
            "archive": "",
            "signer": {"name": "", "title": "", "authority": "", "authority_body": ""},
        },
        "indicators": [
            {"indicator_id": d["id"], "value": rng.choice([None, rng.randint(0, 50)]), "comment": ""}
            for d in plan["indicators"]
            if d["kind"] == "count"
        ],
        "activities": acts,
        "narratives": [{"section_id": s["id"], "text": "Ổn định."} for s in plan["outline"]],
        "rule_results": [],
        "finalized_at": "2023-11-01T09:00:00+07:00",
        "extras": {},
    }


def manifest_dict(
    sub: dict[str, Any],
    members: list[tuple[str, bytes]],
    *,
    package_id: str | None = None,
    revision: int = 1,
    supersedes: str | None = None,
) -> dict[str, Any]:
    return {
        "format": sub["format"],
        "format_version": sub["format_version"],
        "package_id": package_id or str(uuid.uuid4()),
        "revision": revision,
        "supersedes": supersedes,
        "created_at": "2023-11-01T10:00:00+07:00",
        "finalized_at": sub["finalized_at"],
        "generator": {"name": "spec-writer", "version": "1"},
        "plan": sub["plan"],
        "unit": sub["unit"],
        "period": sub["period"],
        "members": [{"path": p, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for p, b in members],
    }


def build(
    sub: dict[str, Any],
    *,
    manifest: dict[str, Any] | None = None,
    attachments: dict[str, bytes] | None = None,
    sub_bytes: bytes | None = None,
    **identity: Any,
) -> bytes:
    """The package bytes: mimetype first and stored, manifest, data, a report, attachments.

    `attachments` maps member name → bytes (so a test can misname one); `manifest` replaces the
    computed manifest (members are still listed from the real bytes); `sub_bytes` replaces the
    serialised submission (e.g. to keep escapes); `identity`: package_id, revision, supersedes."""
    data = sub_bytes if sub_bytes is not None else json.dumps(sub, ensure_ascii=False).encode("utf-8")
    members = [("data/submission.json", data), ("report/BaoCao.docx", b"PK\x03\x04 opaque docx")]
    members += [(f"attachments/{name}", blob) for name, blob in (attachments or {}).items()]
    m = manifest_dict(sub, members, **identity)
    if manifest is not None:
        manifest = dict(manifest)
        manifest["members"] = m["members"]
        m = manifest
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "manifest.json", json.dumps(m, ensure_ascii=False, indent=1), compress_type=zipfile.ZIP_DEFLATED
        )
        for name, blob in members:
            zf.writestr(name, blob, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
