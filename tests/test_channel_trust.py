"""The trusted channel end to end: signed packages, pinned keys, packages sealed for the office,
signed receipts back to the unit, keys surviving backup → restore. Real workspaces, real files."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from support.package_helpers import replace_consistently

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.package.opening import open_package
from dvcq_desktop.package.verify import verify_path
from dvcq_desktop.services import keys, receipts
from dvcq_desktop.services.consolidate import consolidated_report
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.plan_intake import take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.setup import init_workspace, restore_workspace
from dvcq_desktop.storage import activities, backups
from dvcq_desktop.storage.workspace import Workspace

SECRET = "Mô hình Dân vận khéo “Tổ Zalo an toàn” khu phố Ngọc Ánh 7f3a"


def _office(root: Path) -> tuple[Workspace, Path]:
    office = init_workspace(root / "office", role="aggregator", unit_code="TPTN")
    return office, publish_plan(office, office.period.id, root / "phat-hanh")


def _unit(root: Path, name: str, plan_file: Path | None, code: str = "TPTN-P1") -> Workspace:
    ws = init_workspace(root / name, role="unit", unit_code=code)
    if plan_file is not None:
        assert take_plan_file(ws, plan_file).reason in ("plan_take_duplicate", "plan_take_new")
    fill_demo(ws, activities=6, seed=3)
    activities.save(
        ws.db,
        Activity(
            id=activities.new_id(),
            area_id="A2",
            type_id="mo_hinh_dan_van_kheo",
            start_date=date(2023, 3, 5),
            title=SECRET,
            status="done",
            notable=True,
        ),
    )
    return ws


def _export(ws: Workspace, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    return export_package(ws, out).path


def _leaves(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """Every leaf member, opening nested ZIPs (a DOCX/XLSX inside a package)."""
    if not data.startswith(b"PK\x03\x04"):
        return [(name, data)]
    out: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            out += _leaves(f"{name}!{info.filename}", zf.read(info))
    return out


def _contains(data: bytes, text: str) -> bool:
    for form in ("NFC", "NFD"):
        if unicodedata.normalize(form, text).encode("utf-8") in data:
            return True
    return "tổ zalo an toàn" in unicodedata.normalize("NFC", data.decode("utf-8", "replace")).casefold()


# ---- signatures ------------------------------------------------------------------------------------
def test_signed_package_edited_after_signing_is_refused(tmp_path: Path) -> None:
    office, _plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", None)  # no office key: signed, not sealed
    path = _export(unit, tmp_path / "usb")
    good = verify_path(path).to_dict()
    assert (good["ok"], good["signature"], good["signer"]) == (True, "valid", keys.fingerprint(unit))
    # change the data, re-hash it in the manifest, leave the signature as it was
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sub = json.loads(zf.read("data/submission.json"))
    sub["activities"][0]["title"] += " (sửa sau khi ký)"
    forged = replace_consistently(data, "data/submission.json", json.dumps(sub).encode())
    bad_path = tmp_path / "sua" / path.name
    bad_path.parent.mkdir()
    bad_path.write_bytes(forged)
    bad = verify_path(bad_path).to_dict()
    assert (bad["ok"], bad["code"], bad["signature"]) == (False, "pkg_signature_invalid", "invalid")
    [o] = import_packages(office, [bad_path])
    assert (o.outcome, o.reason) == ("rejected", "pkg_signature_invalid")
    # dropping signature.json from a 1.1 package does not make it an "old unsigned" one
    stripped = tmp_path / "bo-chu-ky" / path.name
    stripped.parent.mkdir()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(stripped, "w") as dst:
        for info in src.infolist():
            if info.filename != "signature.json":
                dst.writestr(info, src.read(info))
    assert verify_path(stripped).code == "pkg_signature_invalid"
    [ok] = import_packages(office, [path])
    assert (ok.outcome, ok.signature, ok.signer) == ("new", "valid", keys.fingerprint(unit))


def test_signature_is_plain_ed25519_over_the_manifest_bytes(tmp_path: Path) -> None:
    """What an independent implementation checks, with the library's primitive only."""
    from base64 import b64decode

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    unit = _unit(tmp_path, "unit", None)
    with zipfile.ZipFile(_export(unit, tmp_path / "usb")) as zf:
        manifest, sig = zf.read("manifest.json"), json.loads(zf.read("signature.json"))
    assert sig["algorithm"] == "ed25519" and json.loads(manifest)["format_version"] == "1.1"
    pub = b64decode(sig["public_key"])
    Ed25519PublicKey.from_public_bytes(pub).verify(b64decode(sig["signature"]), manifest)
    digest = hashlib.sha256(pub).hexdigest()[:16].upper()
    assert (
        sig["fingerprint"] == keys.fingerprint(unit) == " ".join(digest[i : i + 4] for i in range(0, 16, 4))
    )


# ---- pinned keys -----------------------------------------------------------------------------------
def test_second_workspace_for_a_unit_is_refused_until_its_key_is_accepted_with_a_reason(
    tmp_path: Path,
) -> None:
    office, _plan = _office(tmp_path)
    first = _unit(tmp_path, "may-cu", None)
    [o1] = import_packages(office, [_export(first, tmp_path / "usb1")])
    assert o1.outcome == "new"
    second = _unit(tmp_path, "may-moi", None)  # the ward reinstalled its PC: new workspace, new key
    _export(second, tmp_path / "usb2")  # its history starts again at revision 1; the second is 2
    newer = _export(second, tmp_path / "usb3")
    [o2] = import_packages(office, [newer])
    old_fp, new_fp = keys.fingerprint(first), keys.fingerprint(second)
    assert (o2.outcome, o2.reason) == ("rejected", "import_key_changed")
    assert old_fp in o2.message and new_fp in o2.message and old_fp != new_fp
    [o3] = import_packages(
        office, [newer], accept_keys={"TPTN-P1": "Phường cài lại máy, đã gọi điện so mã khóa"}
    )
    assert (o3.outcome, o3.signer) == ("newer-revision", new_fp)
    pinned = keys.keys_report(office)["units"]
    assert [(u["code"], u["fingerprint"]) for u in pinned] == [("TPTN-P1", new_fp)]
    reasons = [r[0] for r in office.db.execute("SELECT reason FROM audit_log WHERE entity = 'pinned_key'")]
    assert "Phường cài lại máy, đã gọi điện so mã khóa" in reasons


def test_unsigned_packages_marked_then_refused_once_the_period_requires_signatures(tmp_path: Path) -> None:
    from support.aggregator_helpers import unit_submission, write

    office, _plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", None)
    unit.close()
    old = write(unit_submission(tmp_path / "unit"), tmp_path / "cu")  # the 1.0 writer: no signature
    assert verify_path(old.path).signature == "none"
    keys.set_require_signed(office, office.period.id, True)
    [refused] = import_packages(office, [old.path])
    assert (refused.outcome, refused.reason) == ("rejected", "import_unsigned_refused")
    keys.set_require_signed(office, office.period.id, False)
    [taken] = import_packages(office, [old.path])
    assert taken.outcome == "new" and taken.signature == "none" and "chưa ký" in taken.message


# ---- sealed for the office -------------------------------------------------------------------------
def test_sealed_package_shows_no_activity_text_and_the_office_reads_it(tmp_path: Path) -> None:
    office, plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", plan)
    path = _export(unit, tmp_path / "usb")
    leaves = _leaves(path.name, path.read_bytes())
    assert {n.split("!", 1)[1] for n, _data in leaves} == {
        "mimetype",
        "manifest.json",
        "signature.json",
        "sealed/package.dvcq.age",
    }
    assert not [n for n, data in leaves if _contains(data, SECRET)]
    # the same check finds the text once the unit opens its own export with its own key
    inner = open_package(path, keys.identities(unit)).package
    assert inner is not None and inner.data is not None
    assert [n for n, d in _leaves("inner", inner.data) if _contains(d, SECRET)]
    # anyone else: valid, signed, unreadable
    stranger = _unit(tmp_path, "nguoi-khac", None, code="TPTN-P2")
    v = verify_path(path)
    assert (v.ok, v.signature, v.encrypted, v.signer) == (True, "valid", True, keys.fingerprint(unit))
    with pytest.raises(Exception) as exc:
        open_package(path, keys.identities(stranger))
    assert getattr(exc.value, "code", "") == "pkg_sealed_no_key"
    # the office decrypts transparently and its consolidated report carries the text
    [o] = import_packages(office, [path])
    assert (o.outcome, o.signature) == ("new", "valid")
    (tmp_path / "th").mkdir()
    docx, xlsx = consolidated_report(
        office, tmp_path / "th" / "TongHop.docx", tmp_path / "th" / "TongHop.xlsx"
    )
    assert xlsx is not None
    found = [n for f in (docx, xlsx) for n, d in _leaves(f.name, f.read_bytes()) if _contains(d, SECRET)]
    assert found


def test_sealed_revisions_in_one_batch_apply_in_revision_order(tmp_path: Path) -> None:
    office, plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", plan)
    first = _export(unit, tmp_path / "usb" / "b")
    second = _export(unit, tmp_path / "usb" / "a")  # listed first by path
    outcomes = import_packages(office, [tmp_path / "usb"])
    assert [(o.file, o.outcome, o.revision) for o in outcomes] == [
        (second, "newer-revision", 2),
        (first, "new", 1),
    ]


def test_backup_restore_keeps_decrypting_and_signing(tmp_path: Path) -> None:
    office, plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", plan)
    path = _export(unit, tmp_path / "usb")
    fp = keys.fingerprint(office)
    backup = backups.backup_to(office.db, tmp_path / "sao-luu" / "office.sqlite3")
    office.close()
    restored_root = tmp_path / "office-moi"  # the office's data folder is lost; its backup is not
    restore_workspace(restored_root, backup)
    with Workspace.open(restored_root) as again:
        assert keys.fingerprint(again) == fp
        [o] = import_packages(again, [path])
        assert o.outcome == "new"
        r = receipts.make_receipt(again, "TPTN-P1", None, tmp_path / "bien-nhan")
    assert receipts.take_receipt(unit, r).outcome == "new"  # signed by the pinned office key


# ---- receipts --------------------------------------------------------------------------------------
def test_receipt_taken_back_shows_received_at_and_forgeries_change_nothing(tmp_path: Path) -> None:
    office, plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", plan)
    path = _export(unit, tmp_path / "usb")
    import_packages(office, [path])
    r = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "usb" / "bien-nhan")
    assert r.suffix == ".dvcqbn"

    # a forged office (another key) issues a receipt for the same package
    other_office, _p = _office(tmp_path / "gia")
    other_unit = _unit(tmp_path / "gia", "unit", None)
    other_path = _export(other_unit, tmp_path / "gia" / "usb")
    import_packages(other_office, [other_path])
    forged = receipts.make_receipt(other_office, "TPTN-P1", None, tmp_path / "gia" / "bn")
    before = list(unit.db.query("SELECT * FROM receipts"))
    out = receipts.take_receipt(unit, forged)
    assert (out.outcome, out.reason) == ("rejected", "receipt_key_mismatch")
    # the real office's receipt for another workspace's package
    other_for_real = _unit(tmp_path, "unit-khac", None, code="TPTN-P2")
    p2 = _export(other_for_real, tmp_path / "usb")
    import_packages(office, [p2])
    foreign = receipts.make_receipt(office, "TPTN-P2", None, tmp_path / "bn2")
    out2 = receipts.take_receipt(unit, foreign)
    assert (out2.outcome, out2.reason) == ("rejected", "receipt_unknown_package")
    assert list(unit.db.query("SELECT * FROM receipts")) == before == []

    ok = receipts.take_receipt(unit, r)
    assert (ok.outcome, ok.count) == ("new", 1)
    [row] = receipts.export_status(unit)
    received = office.db.execute("SELECT received_at FROM received").fetchone()[0]
    assert row["received_at"] == received
    assert row["receipt_text"].startswith("Đã được tiếp nhận lúc ")
    from dvcq_desktop.services.overview import overview

    assert "Đã được tiếp nhận lúc " in overview(unit, unit.plan, unit.period).headline


def test_receipt_with_a_changed_entry_is_refused(tmp_path: Path) -> None:
    office, plan = _office(tmp_path)
    unit = _unit(tmp_path, "unit", plan)
    import_packages(office, [_export(unit, tmp_path / "usb")])
    r = receipts.make_receipt(office, "TPTN-P1", None, tmp_path / "bn")
    data = r.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = json.loads(zf.read("receipt.json"))
    body["receipts"][0]["received_at"] = "2023-10-01T08:00:00+07:00"  # "on time", after the fact
    forged = tmp_path / "gia.dvcqbn"
    forged.write_bytes(replace_consistently(data, "receipt.json", json.dumps(body).encode()))
    assert receipts.take_receipt(unit, forged).reason == "receipt_signature_invalid"
    assert sqlite3.connect(unit.db_path).execute("SELECT count(*) FROM receipts").fetchone()[0] == 0


def test_fingerprint_shown_in_about_and_by_dvcq_keys(tmp_path: Path) -> None:
    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.services.about import about_info, about_lines

    unit = _unit(tmp_path, "unit", None)
    fp = keys.fingerprint(unit)
    assert len(fp) == 19 and fp.count(" ") == 3
    info = about_info(AppPaths.build(workspace=unit.root))
    assert info["key_fingerprint"] == fp
    assert f"Mã khóa ký của thư mục dữ liệu: {fp}" in about_lines(info)
    assert keys.keys_report(unit)["fingerprint"] == fp


def test_office_lost_with_its_pc_recovers_with_the_backup_key(tmp_path: Path) -> None:
    office, _old_plan = _office(tmp_path)
    key_file = tmp_path / "khoa-du-phong.txt"
    secret, recipient = keys.new_backup_identity()
    key_file.write_text(f"# giữ kín\n{secret}\n", encoding="utf-8")
    keys.set_backup_recipient(office, recipient)
    plan = publish_plan(office, office.period.id, tmp_path / "ph2")
    unit = _unit(tmp_path, "unit", plan)
    assert [r.role for r in keys.office_recipients(unit)] == ["office", "office-backup", "unit"]
    path = _export(unit, tmp_path / "usb")
    # a brand-new office workspace (other keys): the backup key opens what the old one would have
    fresh = init_workspace(tmp_path / "office-moi", role="aggregator", unit_code="TPTN")
    [no] = import_packages(fresh, [path])
    assert (no.outcome, no.reason) == ("rejected", "pkg_sealed_no_key")
    [yes] = import_packages(fresh, [path], extra_identities=keys.identities_from_file(str(key_file)))
    assert yes.outcome == "new"
