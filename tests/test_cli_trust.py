"""`dvcq keys`, `dvcq verify`, `dvcq import`, `dvcq receipt` and `dvcq status` with their exact JSON
field names, run as a user would (a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from support.ws_helpers import run_cli


def _ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr + r.stdout
    return r.stdout


def test_keys_verify_import_receipt_status_over_the_cli(tmp_path: Path) -> None:
    office, unit, usb = str(tmp_path / "office"), str(tmp_path / "unit"), tmp_path / "usb"
    _ok("--workspace", office, "init", "--role", "aggregator", "--unit", "TPTN")
    _ok("--workspace", unit, "init", "--role", "unit", "--unit", "TPTN-P1")
    _ok("--workspace", unit, "demo", "--activities", "8")
    office_keys = json.loads(_ok("--workspace", office, "keys", "--json"))
    unit_keys = json.loads(_ok("--workspace", unit, "keys", "--json"))
    assert office_keys["units"] == [] and unit_keys["office"] is None
    plan = json.loads(
        _ok(
            "--workspace", office, "publish-plan", "--period", "2023", "--out", str(tmp_path / "ph"), "--json"
        )
    )
    _ok("--workspace", unit, "import", plan["path"], "--json")
    assert (
        json.loads(_ok("--workspace", unit, "keys", "--json"))["office"]["fingerprint"]
        == office_keys["fingerprint"]
    )

    exported = json.loads(_ok("--workspace", unit, "export", "--out", str(usb), "--period", "2023", "--json"))
    [v] = json.loads(_ok("verify", exported["path"], "--json"))
    assert (v["ok"], v["signature"], v["signer"], v["encrypted"]) == (
        True,
        "valid",
        unit_keys["fingerprint"],
        True,
    )
    [o] = [json.loads(line) for line in _ok("--workspace", office, "import", str(usb), "--json").splitlines()]
    assert (o["outcome"], o["signature"], o["signer"]) == ("new", "valid", unit_keys["fingerprint"])
    assert [u["code"] for u in json.loads(_ok("--workspace", office, "keys", "--json"))["units"]] == [
        "TPTN-P1"
    ]

    r = run_cli("--workspace", office, "import", str(usb), "--accept-key", "TPTN-P1")
    assert r.returncode != 0 and "lý do" in (r.stdout + r.stderr)

    rc = json.loads(
        _ok(
            "--workspace",
            office,
            "receipt",
            "--unit",
            "TPTN-P1",
            "--period",
            "2023",
            "--out",
            str(usb / "bien-nhan"),
            "--json",
        )
    )
    assert rc["path"].endswith(".dvcqbn")
    [taken] = [
        json.loads(line) for line in _ok("--workspace", unit, "import", rc["path"], "--json").splitlines()
    ]
    assert (taken["kind"], taken["outcome"]) == ("receipt", "new")
    status = json.loads(_ok("--workspace", unit, "status", "--json"))
    [e] = status["exports"]
    assert e["package_id"] == exported["package_id"] and e["received_at"]
    batch = json.loads(
        _ok(
            "--workspace",
            office,
            "receipt",
            "--all",
            "--period",
            "2023",
            "--out",
            str(tmp_path / "lo"),
            "--json",
        )
    )
    assert len(batch["paths"]) == 1 and batch["paths"][0].endswith(".dvcqbn")
    [vr] = json.loads(_ok("verify", rc["path"], "--json"))
    assert (vr["kind"], vr["ok"], vr["signature"], vr["signer"]) == (
        "receipt",
        True,
        "valid",
        office_keys["fingerprint"],
    )
