"""docs/package-format.md stays complete: every error code, every schema field, a valid example."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from dvcq_desktop.cli import main
from dvcq_desktop.domain.plan_loader import content_hash, plan_from_data
from dvcq_desktop.messages.package import MESSAGES
from dvcq_desktop.package.plans import known_plans
from dvcq_desktop.package.schema import validator
from dvcq_desktop.package.verify import verify_path
from dvcq_desktop.services import intake
from dvcq_desktop.services.setup import init_workspace

DOC = (Path(__file__).resolve().parent.parent / "docs" / "package-format.md").read_text(encoding="utf-8")


def test_every_error_code_is_documented_with_its_message() -> None:
    for code, text in MESSAGES.items():
        assert f"`{code}`" in DOC, code
        assert text.replace("|", "\\|") in DOC, code


@pytest.mark.parametrize("name", ["manifest", "submission"])
def test_every_schema_field_is_documented(name: str) -> None:
    schema = validator(name).schema
    fields = set(schema["properties"])
    for sub in schema["$defs"].values():
        fields |= set(sub.get("properties", {}))
    for prop in schema["properties"].values():
        fields |= set(prop.get("properties", {}))
    missing = sorted(f for f in fields if f"`{f}`" not in DOC and not re.search(rf"\b{f}\b", DOC))
    assert not missing
    for top in schema["properties"]:
        assert f"`{top}`" in DOC, top


def _blocks() -> tuple[dict, dict, dict]:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC, re.DOTALL)
    assert len(blocks) == 3  # the plan of §2.1, then the manifest and submission of §8
    plan, manifest, sub = (json.loads(b) for b in blocks)
    return plan, manifest, sub


def test_examples_validate_against_the_schemas() -> None:
    _plan, manifest, sub = _blocks()
    for name, doc in (("manifest", manifest), ("submission", sub)):
        assert not list(validator(name).iter_errors(doc))


def test_error_table_is_the_catalogue_row_by_row() -> None:
    section = DOC.split("## 7. Reading", 1)[1].split("## 8.", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    expected = [f"| `{c}` | {t.replace('|', chr(92) + '|')} |" for c, t in MESSAGES.items()]
    assert rows == expected


def test_every_import_reason_is_documented() -> None:
    import dvcq_desktop.messages.services as services

    section = DOC.split("### 2.2 Import semantics", 1)[1].split("### 2.3", 1)[0]
    reasons = [c for c in services.MESSAGES if c.startswith("import_") and not c.endswith("_dry")]
    reasons.remove("import_nothing")  # not a file's reason: the CLI's "no .dvcq found"
    missing = [c for c in reasons if f"`{c}`" not in section]
    assert not missing


def test_content_hash_worked_example() -> None:
    plan, _m, _s = _blocks()
    stated = re.search(r"its `content_hash` is `([0-9a-f]{64})`", DOC)
    assert stated is not None
    # the algorithm as the spec words it, written here from the words, not imported
    canonical = json.dumps(plan, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert f"serialises to {len(canonical):,} bytes" in DOC
    assert canonical.decode().startswith(re.search(r"beginning\n`(.*?)`", DOC).group(1))
    assert hashlib.sha256(canonical).hexdigest() == stated.group(1) == content_hash(plan)
    assert _blocks()[1]["plan"]["content_hash"] == stated.group(1)


def test_the_worked_example_package_verifies_and_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package built from the spec's blocks alone (compact data member as §8 describes)."""
    plan, manifest, sub = _blocks()
    data = json.dumps(sub, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    listed = manifest["members"][0]
    assert (listed["sha256"], listed["size"]) == (hashlib.sha256(data).hexdigest(), len(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.dvcq.submission+zip")
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False), zipfile.ZIP_DEFLATED)
        zf.writestr("data/submission.json", data, zipfile.ZIP_DEFLATED)
    path = tmp_path / "DVCQ_2025_TPTN-P1_lan2_20250618-1405.dvcq"
    path.write_bytes(buf.getvalue())
    plan_file = tmp_path / "kh-dvcq-2025.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")

    assert verify_path(path).ok  # the plan is not shipped: structure and chain only
    checked = verify_path(path, plans=known_plans(plan_from_data(plan)))
    assert checked.ok and checked.plan_checked, checked.message
    with init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN", plan=str(plan_file)) as ws:
        out = intake.import_packages(ws, [path])[0]
    assert (out.outcome, out.reason, out.revision) == ("new", "import_new", 2), out.message
    # `dvcq verify --workspace` judges with the plans that workspace stores, as its import did
    assert main(["-w", str(tmp_path / "office"), "verify", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["plan_checked"] is True
    assert main(["verify", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["plan_checked"] is False


def _labelled(name: str) -> bytes:
    found = re.search(rf"```json {re.escape(name)}\n(.*?)\n```", DOC, re.DOTALL)
    assert found, name
    return found.group(1).encode("utf-8")


def test_the_signed_worked_example_verifies_independently_and_imports(tmp_path: Path) -> None:
    """§10.2: the §8 package as format 1.1, signed; checked with a bare Ed25519 primitive, then the app."""
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    plan, _manifest, sub = _blocks()
    manifest, sig_bytes = _labelled("signed/manifest.json"), _labelled("signed/signature.json")
    sig = json.loads(sig_bytes)
    stated = re.search(r"\(one-space indentation.*?(\d+) bytes, SHA-256 `([0-9a-f]{64})`", DOC, re.DOTALL)
    assert stated and (int(stated.group(1)), stated.group(2)) == (
        len(manifest),
        hashlib.sha256(manifest).hexdigest(),
    )
    pub = base64.b64decode(sig["public_key"])
    Ed25519PublicKey.from_public_bytes(pub).verify(base64.b64decode(sig["signature"]), manifest)
    digest = hashlib.sha256(pub).hexdigest()[:16].upper()
    assert sig["fingerprint"] == " ".join(digest[i : i + 4] for i in range(0, 16, 4))

    data = json.dumps(
        {**sub, "format_version": "1.1"}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    listed = json.loads(manifest)["members"][0]
    assert (listed["sha256"], listed["size"]) == (
        hashlib.sha256(data.encode()).hexdigest(),
        len(data.encode()),
    )
    path = tmp_path / "DVCQ_2025_TPTN-P1_lan2_20250618-1405.dvcq"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.dvcq.submission+zip")
        zf.writestr("manifest.json", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("data/submission.json", data.encode(), zipfile.ZIP_DEFLATED)
        zf.writestr("signature.json", sig_bytes, zipfile.ZIP_DEFLATED)
    checked = verify_path(path)
    assert (checked.ok, checked.signature, checked.signer) == (True, "valid", sig["fingerprint"]), (
        checked.message
    )
    plan_file = tmp_path / "kh-dvcq-2025.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    with init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN", plan=str(plan_file)) as ws:
        out = intake.import_packages(ws, [path])[0]
    assert (out.outcome, out.signature, out.signer) == ("new", "valid", sig["fingerprint"]), out.message
