"""The worked example of docs/plan-file-format.md: its signature checks with a bare Ed25519 call, its
hashes are the ones stated, and the plan file rebuilt from the page alone is one the app verifies
and a unit takes. An edited byte or hash on the page makes these tests fail."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dvcq_desktop.cli import main
from dvcq_desktop.services.setup import init_workspace

DOC = (Path(__file__).resolve().parents[1] / "docs" / "plan-file-format.md").read_text(encoding="utf-8")
MEMBERS = ("manifest.json", "signature.json", "plan.json", "roster.json")  # the order the page gives
SPKI_ED25519 = bytes.fromhex("302a300506032b6570032100")  # as the page words it


def _section(doc: str) -> str:
    return doc.split("### Worked example", 1)[1].split("## Reading rules", 1)[0]


def _blocks(doc: str) -> dict[str, bytes]:
    found = re.findall(r"```json plan-file/(\S+)\n(.*?)\n```", _section(doc), re.DOTALL)
    return {name: text.encode("utf-8") for name, text in found}


def _stated(doc: str) -> dict[str, tuple[int, str]]:
    rows = re.findall(r"^\| `(\S+)` \| (\d+) \| `([0-9a-f]{64})` \|$", _section(doc), re.MULTILINE)
    return {name: (int(size), sha) for name, size, sha in rows}


def _canonical(value: Any) -> Any:
    """NFC strings and keys (the canonical JSON of docs/package-format.md §2.1, from its words)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {_canonical(k): _canonical(v) for k, v in value.items()}
    return value


def _age_recipient_bytes(recipient: str) -> bytes:
    """The 32 key bytes of an `age1…` recipient (bech32; pyrage checks the checksum)."""
    pyrage.x25519.Recipient.from_str(recipient)
    alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    acc = bits = 0
    out = bytearray()
    for ch in recipient[len("age1") : -6]:
        acc, bits = (acc << 5) | alphabet.index(ch), bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def check_independently(doc: str) -> dict[str, bytes]:
    """Everything the page tells an implementer to check, done with primitives only; returns the
    member bytes. Raises (InvalidSignature, AssertionError) where the page's example is wrong."""
    blocks = _blocks(doc)
    assert sorted(blocks) == sorted(MEMBERS)
    manifest_bytes = blocks["manifest.json"]
    manifest, sig = json.loads(manifest_bytes), json.loads(blocks["signature.json"])
    section = _section(doc)

    # 1. plain Ed25519 over the exact manifest bytes
    assert (sig["algorithm"], sig["signed_member"]) == ("ed25519", "manifest.json")
    pub = base64.b64decode(sig["public_key"], validate=True)
    Ed25519PublicKey.from_public_bytes(pub).verify(base64.b64decode(sig["signature"]), manifest_bytes)
    assert f"over those {len(manifest_bytes)} bytes" in section

    # 2. the signer: the manifest names it; the fingerprint is recomputed, not read
    assert manifest["keys"]["sign"] == sig["public_key"]
    digest = hashlib.sha256(pub).hexdigest()[:16].upper()
    fp = " ".join(digest[i : i + 4] for i in range(0, 16, 4))
    assert sig["fingerprint"] == fp and f"is `{fp}`" in section and f'"signer": "{fp}"' in section

    # 3. the members: the page's table, the manifest's list and the bytes agree
    stated = _stated(doc)
    assert sorted(stated) == ["manifest.json", "plan.json", "roster.json"]
    for name, (size, sha) in stated.items():
        assert (len(blocks[name]), hashlib.sha256(blocks[name]).hexdigest()) == (size, sha), name
    listed = {m["path"]: (m["size"], m["sha256"]) for m in manifest["members"]}
    assert listed == {n: stated[n] for n in ("plan.json", "roster.json")}
    plan, roster = json.loads(blocks["plan.json"]), json.loads(blocks["roster.json"])
    canonical = json.dumps(_canonical(plan), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == manifest["plan"]["content_hash"]
    assert (plan["id"], plan["version"]) == (manifest["plan"]["id"], manifest["plan"]["version"])
    assert plan["periods"] == [manifest["period"]]
    assert (len(roster["units"]), roster["catalog_id"]) == (
        manifest["roster"]["count"],
        manifest["roster"]["catalog_id"],
    )

    # the example encryption key is the one the page says (secret bytes 0x20…0x3f)
    example = X25519PrivateKey.from_private_bytes(bytes(range(0x20, 0x40)))
    (recipient,) = manifest["keys"]["encrypt"]
    assert recipient["role"] == "office"
    raw = example.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert _age_recipient_bytes(recipient["recipient"]) == raw
    return blocks


def build(blocks: dict[str, bytes], path: Path) -> Path:
    """Zipped as the page says: `mimetype` first and stored, then the members, DEFLATE."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.dvcq.plan+zip")
        for name in MEMBERS:
            zf.writestr(name, blocks[name], zipfile.ZIP_DEFLATED)
    return path


def test_the_worked_example_verifies_independently_and_the_app_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = check_independently(DOC)
    fp = json.loads(blocks["signature.json"])["fingerprint"]
    path = build(blocks, tmp_path / "KeHoach_2025-6t_TPTN_v1.0.dvcqkh")

    assert main(["verify", str(path), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["kind"], result["ok"], result["signature"], result["signer"]) == (
        "plan",
        True,
        "valid",
        fp,
    )
    assert (result["plan_id"], result["period_id"], result["office"]) == ("kh-dvcq-2025", "2025-6t", "TPTN")

    # a unit of the roster takes it through its import, and pins the signer as its office's key
    init_workspace(tmp_path / "p1", role="unit", unit_code="TPTN-P1", period_id="2023").close()
    assert main(["-w", str(tmp_path / "p1"), "import", str(path), "--json"]) == 0
    taken = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (taken["kind"], taken["outcome"], taken["reason"]) == ("plan", "new", "plan_take_new"), taken
    assert (taken["plan_id"], taken["period_id"]) == ("kh-dvcq-2025", "2025-6t")
    assert main(["-w", str(tmp_path / "p1"), "keys", "--json"]) == 0
    held = json.loads(capsys.readouterr().out)
    assert (held["office"]["code"], held["office"]["fingerprint"]) == ("TPTN", fp)
    assert held["encrypts_for"] == ["office", "unit"]  # keys.encrypt of the example, and the unit's own


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl on this machine")
def test_the_openssl_command_of_the_page_verifies_it(tmp_path: Path) -> None:
    blocks = check_independently(DOC)
    sig = json.loads(blocks["signature.json"])
    (tmp_path / "manifest.json").write_bytes(blocks["manifest.json"])
    (tmp_path / "pub.der").write_bytes(SPKI_ED25519 + base64.b64decode(sig["public_key"]))
    (tmp_path / "sig.bin").write_bytes(base64.b64decode(sig["signature"]))
    command = re.search(r"`(openssl pkeyutl -verify [^`]*)`", _section(DOC))
    assert command is not None
    run = subprocess.run(command.group(1).split(), cwd=tmp_path, capture_output=True, text=True, check=False)
    if run.returncode != 0 and "rawin" in run.stderr:
        pytest.skip("OpenSSL older than 3 (no -rawin)")
    assert run.returncode == 0 and "Signature Verified Successfully" in run.stdout, run.stderr


def _edit_manifest(doc: str) -> str:
    return doc.replace(
        '"created_at": "2025-01-03T08:00:00+07:00"', '"created_at": "2025-01-03T09:00:00+07:00"'
    )


def _edit_stated_hash(doc: str) -> str:
    row = re.search(r"^\| `roster\.json` \| \d+ \| `([0-9a-f])", doc, re.MULTILINE)
    assert row is not None
    flipped = "0" if row.group(1) != "0" else "1"
    return doc[: row.start(1)] + flipped + doc[row.end(1) :]


def _edit_roster(doc: str) -> str:
    return doc.replace('"name": "Phường 1"', '"name": "Phường 2"', 1)


def _edit_plan(doc: str) -> str:
    return doc.replace('"number":"12/KH-UBND"', '"number":"13/KH-UBND"', 1)


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (_edit_manifest, InvalidSignature),
        (_edit_stated_hash, AssertionError),
        (_edit_roster, AssertionError),
        (_edit_plan, AssertionError),
    ],
)
def test_an_edited_example_is_caught(edit: Any, error: type[Exception]) -> None:
    edited = edit(DOC)
    assert edited != DOC
    with pytest.raises(error):
        check_independently(edited)


def test_the_app_refuses_the_example_with_an_edited_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same edit the independent check catches: the app's reader refuses it as well."""
    path = build(_blocks(_edit_manifest(DOC)), tmp_path / "sua.dvcqkh")
    assert main(["verify", str(path), "--json"]) != 0
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["ok"], result["code"]) == (False, "plf_signature_invalid")


def _resigned(
    blocks: dict[str, bytes], manifest: dict[str, Any], signature: dict[str, Any]
) -> dict[str, bytes]:
    """The example with another manifest, signed again with the page's example key (seed 00…1f)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    signature = {**signature, "signature": base64.b64encode(key.sign(raw)).decode("ascii")}
    return {**blocks, "manifest.json": raw, "signature.json": json.dumps(signature).encode("utf-8")}


def test_the_signer_named_in_another_base64_spelling_is_the_same_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`keys.sign` and the signature's `public_key` are compared as the 32 bytes: base64 spells the
    same bytes several ways (the last character's padding bits), and the schema accepts each."""
    blocks = check_independently(DOC)
    manifest, signature = json.loads(blocks["manifest.json"]), json.loads(blocks["signature.json"])
    canonical = manifest["keys"]["sign"]
    assert canonical.endswith("=") and canonical[-2] in "AQgw"  # padding bits zero, as the writer writes
    other = canonical[:-2] + chr(ord(canonical[-2]) + 1) + "="  # the same bytes, padding bits set
    assert base64.b64decode(other) == base64.b64decode(canonical) and other != canonical
    manifest["keys"]["sign"] = other
    path = build(_resigned(blocks, manifest, signature), tmp_path / "khac.dvcqkh")
    assert main(["verify", str(path), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["ok"], result["signature"]) == (True, "valid")


def test_a_signature_that_does_not_say_what_it_signs_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = check_independently(DOC)
    signature = json.loads(blocks["signature.json"])
    del signature["signed_member"]
    path = build(
        {**blocks, "signature.json": json.dumps(signature).encode("utf-8")}, tmp_path / "thieu.dvcqkh"
    )
    assert main(["verify", str(path), "--json"]) != 0
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["ok"], result["code"]) == (False, "plf_signature_invalid")
