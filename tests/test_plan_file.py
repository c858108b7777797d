"""The plan file (.dvcqkh): round trip, `dvcq verify`, and a hostile corpus in the style of the
package one — each input refused with its own reason, and a refused file changes no workspace."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from support.package_helpers import (
    central_field,
    edit_json,
    patch_central,
    raw_zip,
    replace_consistently,
    rezip,
    with_member_name,
)
from support.plan_helpers import plan_2024_text, plan_file_bytes
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.planfile import MIMETYPE, PlanFileError, read_plan_file
from dvcq_desktop.services.plan_intake import take_plan_file

BASE = plan_file_bytes()


def test_layout_mimetype_first_and_stored_manifest_lists_every_member() -> None:
    zf = zipfile.ZipFile(io.BytesIO(BASE))
    first = zf.infolist()[0]
    assert (first.filename, first.compress_type, first.header_offset) == ("mimetype", zipfile.ZIP_STORED, 0)
    assert BASE[30:38] == b"mimetype" and BASE[38 : 38 + len(MIMETYPE)] == b"application/vnd.dvcq.plan+zip"
    manifest = json.loads(zf.read("manifest.json"))
    listed = {m["path"]: m for m in manifest["members"]}
    others = {i.filename for i in zf.infolist()} - {"mimetype", "manifest.json"}
    assert set(listed) == others == {"plan.json", "roster.json"}
    for name, entry in listed.items():
        blob = zf.read(name)
        assert entry == {"path": name, "sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)}
    assert manifest["office"]["email"] == "noivu@example.vn"
    assert manifest["period"]["start"] == "2023-11-01" and manifest["period"]["deadline"] == "2024-11-01"


def test_reader_round_trip_keeps_the_plan_text_verbatim() -> None:
    pf = read_plan_file(BASE)
    assert pf.plan_text.encode("utf-8") == plan_2024_text()
    assert pf.plan.id == "tptn-dvcq-2024" and pf.period_id == "2024" and not pf.signed
    assert "TPTN-HN" in pf.roster_codes()


def test_a_signature_member_is_the_one_member_the_manifest_may_omit() -> None:
    import zipfile
    from io import BytesIO

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from dvcq_desktop.package.signing import signature_member

    manifest = zipfile.ZipFile(BytesIO(BASE)).read("manifest.json")
    signed = rezip(BASE, add=[("signature.json", signature_member(Ed25519PrivateKey.generate(), manifest))])
    pf = read_plan_file(signed)
    assert pf.signed and pf.signer is not None
    with pytest.raises(PlanFileError) as e:  # checked now: a made-up signature is refused
        read_plan_file(
            rezip(BASE, add=[("signature.json", b'{"algorithm": "ed25519", "signature": "AAAA"}')])
        )
    assert e.value.reason == "plf_signature_invalid"
    with pytest.raises(PlanFileError) as e:
        read_plan_file(rezip(BASE, add=[("signature.json", b"[1, 2")]))
    assert e.value.reason == "pkg_json_invalid"


def _manifest(edit: Callable[[dict], None]) -> bytes:
    return edit_json(BASE, "manifest.json", edit)


def _set(path: list[str | int], value: object) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _bomb() -> bytes:
    payload = zlib.compressobj(9, zlib.DEFLATED, -15)
    z = payload.compress(b"\0" * (7 * 1024 * 1024)) + payload.flush()
    return raw_zip([("mimetype", MIMETYPE, len(MIMETYPE), 0), ("plan.json", z, 7 * 1024 * 1024, 8)])


def _package_not_plan() -> bytes:
    from support.package_helpers import built

    return built(2)


PLAN = "plan.json"
CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("empty", lambda: b"", "plf_empty"),
    ("not a zip", lambda: b"hello world, not a zip", "plf_not_plan_file"),
    ("a .dvcq package", _package_not_plan, "plf_not_plan_file"),
    ("truncated", lambda: BASE[: len(BASE) // 2], "pkg_truncated"),
    (
        "mimetype deflated",
        lambda: rezip(BASE, drop={"mimetype"}, add=[("mimetype", MIMETYPE)]),
        "plf_not_plan_file",
    ),
    ("dotdot member", lambda: with_member_name(BASE, b"../x"), "pkg_bad_member_name"),
    ("unknown member", lambda: rezip(BASE, add=[("evil.exe", b"MZ")]), "pkg_bad_member_name"),
    ("directory member", lambda: rezip(BASE, add=[("plan.json/", b"")]), "pkg_directory_member"),
    ("duplicate member", lambda: rezip(BASE, add=[("PLAN.JSON", b"{}")]), "pkg_bad_member_name"),
    ("missing roster", lambda: rezip(BASE, drop={"roster.json"}), "pkg_missing_member"),
    ("missing manifest", lambda: rezip(BASE, drop={"manifest.json"}), "pkg_missing_member"),
    (
        "plan edited",
        lambda: rezip(BASE, replace={PLAN: plan_2024_text().replace(b"2024", b"2025", 1)}),
        "pkg_hash_mismatch",
    ),
    (
        "size lie",
        lambda: patch_central(BASE, PLAN, usize=central_field(BASE, PLAN, "usize") + 1),
        "pkg_size_mismatch",
    ),
    ("encrypted flag", lambda: patch_central(BASE, PLAN, flags=1), "pkg_encrypted_member"),
    ("bomb", _bomb, "pkg_ratio_exceeded"),
    ("manifest BOM", lambda: rezip(BASE, replace={"manifest.json": b"\xef\xbb\xbf{}"}), "pkg_json_bom"),
    (
        "manifest duplicate key",
        lambda: rezip(BASE, replace={"manifest.json": b'{"format": 1, "format": 2}'}),
        "pkg_json_duplicate_key",
    ),
    ("manifest NaN", lambda: rezip(BASE, replace={"manifest.json": b'{"x": NaN}'}), "pkg_json_nan"),
    (
        "manifest too deep",
        lambda: rezip(BASE, replace={"manifest.json": b"[" * 200 + b"]" * 200}),
        "pkg_json_too_deep",
    ),
    ("wrong format", lambda: _manifest(_set(["format"], "dvcq.submission")), "pkg_schema_invalid"),
    ("bad e-mail", lambda: _manifest(_set(["office", "email"], "a@b@c")), "pkg_schema_invalid"),
    ("unlisted extra", lambda: _manifest(lambda d: d["members"].pop()), "pkg_schema_invalid"),
    ("period lies", lambda: _manifest(_set(["period", "deadline"], "2024-12-31")), "plf_identity"),
    ("plan id lies", lambda: _manifest(_set(["plan", "version"], "9")), "plf_identity"),
    ("roster count lies", lambda: _manifest(_set(["roster", "count"], 3)), "plf_identity"),
    (
        "plan breaks its rules",
        lambda: replace_consistently(
            BASE, PLAN, plan_2024_text().replace(b'"area_id": "A1"', b'"area_id": "A9"', 1)
        ),
        "plf_plan_invalid",
    ),
    (
        "roster schema",
        lambda: edit_json(BASE, "roster.json", _set(["units", 0, "level"], "huyen")),
        "pkg_schema_invalid",
    ),
    (
        "roster duplicate",
        lambda: edit_json(
            BASE,
            "roster.json",
            lambda d: d["units"].append(d["units"][0]) or d.__setitem__("units", d["units"]),
        ),
        "plf_identity",
    ),
]


@pytest.mark.parametrize(("name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_hostile_plan_files_are_refused_with_their_reason(
    name: str, make: Callable[[], bytes], reason: str
) -> None:
    with pytest.raises(PlanFileError) as e:
        read_plan_file(make())
    assert e.value.reason == reason, e.value.detail
    text = e.value.message
    assert text and "gói" not in text.lower() and "…" not in text, text  # plan-file words, no blanks


def test_a_refused_plan_file_changes_nothing_in_the_unit_workspace(tmp_path: Path) -> None:
    ws = new_unit_ws(tmp_path / "ws")
    tables = ("plans", "periods", "plan_files", "settings", "units", "audit_log")

    def digest() -> dict[str, list[tuple[object, ...]]]:
        return {t: [tuple(r) for r in ws.db.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}

    before = digest()
    for name, make, reason in CASES:
        f = tmp_path / f"{abs(hash(name))}.dvcqkh"
        f.write_bytes(make())
        o = take_plan_file(ws, f)
        assert (o.outcome, o.reason) == ("rejected", reason), name
    assert digest() == before
    ws.close()


def test_verify_checks_plan_files_beside_packages(tmp_path: Path) -> None:
    good = tmp_path / "KeHoach_2024.dvcqkh"
    good.write_bytes(BASE)
    bad = tmp_path / "sua.dvcqkh"
    bad.write_bytes(rezip(BASE, replace={PLAN: b"{}"}))
    r = run_cli("verify", str(good), str(bad), "--json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert [(x["kind"], x["ok"], x["code"]) for x in out] == [
        ("plan", True, None),
        ("plan", False, "pkg_size_mismatch"),
    ]
    assert out[0]["plan_id"] == "tptn-dvcq-2024" and out[0]["signature"] == "none"
    r = run_cli("verify", str(good))
    assert r.returncode == 0 and "Tệp kế hoạch hợp lệ" in r.stdout


def test_plan_files_route_to_the_plan_page_by_extension_or_content(tmp_path: Path) -> None:
    from dvcq_desktop.services.file_routing import route_for

    renamed = tmp_path / "ke-hoach.zip"
    renamed.write_bytes(BASE)
    for f in (tmp_path / "KeHoach_2024.dvcqkh", renamed):
        for role in ("unit", "aggregator"):
            r = route_for(f, role)
            assert (r.view, r.page, r.target) == ("plan", "plans", [f])
    pkg = route_for(tmp_path / "DVCQ_2024_TPTN-P1_lan1.dvcq", "unit")
    assert pkg.view == "verify"


def test_the_plan_media_type_is_registered_like_the_package_one() -> None:
    import xml.etree.ElementTree as ET

    root_dir = Path(__file__).resolve().parent.parent
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    xml = ET.parse(root_dir / "packaging" / "linux" / "vn.dvcq.mime.xml").getroot()
    types = {t.get("type"): t for t in xml.findall("m:mime-type", ns)}
    plan = types["application/vnd.dvcq.plan+zip"]
    assert [g.get("pattern") for g in plan.findall("m:glob", ns)] == ["*.dvcqkh"]
    inner = plan.find("m:magic/m:match/m:match", ns)
    assert inner is not None and inner.get("value") == "mimetype" + MIMETYPE.decode()
    desktop = (root_dir / "packaging" / "linux" / "vn.dvcq.Desktop.desktop").read_text(encoding="utf-8")
    assert "application/vnd.dvcq.plan+zip;" in desktop
    iss = (root_dir / "packaging" / "windows" / "dvcq.iss").read_text(encoding="utf-8-sig")
    assert 'Subkey: "Software\\Classes\\.dvcqkh"' in iss and "application/vnd.dvcq.plan+zip" in iss


def test_every_plan_file_code_is_in_the_published_spec() -> None:
    from dvcq_desktop.messages.periods import MESSAGES

    doc = (Path(__file__).resolve().parent.parent / "docs" / "plan-file-format.md").read_text(
        encoding="utf-8"
    )
    for code in [c for c in MESSAGES if c.startswith("plf_")] + sorted({c[2] for c in CASES}):
        assert f"`{code}`" in doc, code
    for field in (
        "mimetype",
        "manifest.json",
        "plan.json",
        "roster.json",
        "signature.json",
        "file_id",
        "predecessors",
    ):
        assert f"`{field}`" in doc, field
