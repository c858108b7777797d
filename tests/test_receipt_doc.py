"""The worked example of docs/receipt-format.md verifies with nothing but an Ed25519 primitive,
and the four members it shows, zipped, make a receipt file the app's reader accepts."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from dvcq_desktop.package.receipt_file import MIMETYPE, read_receipt

DOC = Path(__file__).resolve().parents[1] / "docs" / "receipt-format.md"


def _blocks() -> dict[str, bytes]:
    text = DOC.read_text(encoding="utf-8")
    return {m[1]: m[2].encode("utf-8") for m in re.finditer(r"```json (\S+)\n(.*?)\n```", text, re.S)}


def test_worked_example_verifies_independently(tmp_path: Path) -> None:
    b = _blocks()
    manifest, body, sig = b["manifest.json"], b["receipt.json"], json.loads(b["signature.json"])
    pub = base64.b64decode(sig["public_key"])
    Ed25519PublicKey.from_public_bytes(pub).verify(base64.b64decode(sig["signature"]), manifest)
    digest = hashlib.sha256(pub).hexdigest()[:16].upper()
    assert sig["fingerprint"] == " ".join(digest[i : i + 4] for i in range(0, 16, 4))
    entry = json.loads(manifest)["members"][0]
    assert (entry["sha256"], entry["size"]) == (hashlib.sha256(body).hexdigest(), len(body))
    path = tmp_path / "vi-du.dvcqbn"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name in ("manifest.json", "receipt.json", "signature.json"):
            zf.writestr(name, b[name], compress_type=zipfile.ZIP_DEFLATED)
    rc = read_receipt(path)
    assert rc.signature.signer == sig["fingerprint"] and rc.entries[0]["unit_code"] == "TPTN-P1"
