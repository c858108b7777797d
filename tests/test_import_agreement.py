"""Property (issue 12): for generated submissions, `verify`, a dry run and an import agree.

Agreement: when the reader refuses a file, verify, the dry run and the import all give that `pkg_*`
code and nothing is stored; when it accepts the file, the dry run and the import give the same
outcome and reason (an office reason such as a unit outside its catalogue is the import's alone).
Packages come from tests/support/spec_writer.py, the writer built from the spec.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.spec_writer import build, load_plan_json, manifest_dict, submission_dict

from dvcq_desktop.package.verify import verify_path
from dvcq_desktop.services import intake
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

PLAN = load_plan_json()
UNITS = [("TPTN-P1", "Phường 1"), ("TPTN-P2", "Phường 2"), ("TPTN-HN", "Xã Hiệp Ninh"), ("XX-9", "Không có")]
RATIO = next(d["id"] for d in PLAN["indicators"] if d["kind"] == "ratio")
TEXT = st.text(alphabet="aăâeêioôơuưyđĐ ̣̀́̉̃ÁẠẤỆỘỨ0123456789-,.", max_size=30)


def _fault_dup_activity(s: dict[str, Any], kw: dict[str, Any]) -> None:
    if s["activities"]:
        s["activities"].append(dict(s["activities"][0]))


def _fault_ratio(s: dict[str, Any], kw: dict[str, Any]) -> None:
    s["indicators"].append({"indicator_id": RATIO, "value": 80, "comment": ""})


def _fault_missing(s: dict[str, Any], kw: dict[str, Any]) -> None:
    s["indicators"].pop()


def _fault_area(s: dict[str, Any], kw: dict[str, Any]) -> None:
    if s["activities"]:
        s["activities"][-1]["area_id"] = "A0"


def _fault_chain(s: dict[str, Any], kw: dict[str, Any]) -> None:
    kw["revision"] = 2


def _fault_identity(s: dict[str, Any], kw: dict[str, Any]) -> None:
    m = manifest_dict(s, [])
    m["finalized_at"] = None
    kw["manifest"] = m


FAULTS: dict[str, Callable[[dict[str, Any], dict[str, Any]], None] | None] = {
    "none": None,
    "dup_activity": _fault_dup_activity,
    "ratio": _fault_ratio,
    "missing": _fault_missing,
    "area": _fault_area,
    "chain": _fault_chain,
    "identity": _fault_identity,
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agree") / "ws"
    init_workspace(root, role="aggregator", unit_code="TPTN").close()
    return root


def _stored(ws: Workspace) -> tuple[int, int]:
    return (
        ws.db.execute("SELECT count(*) FROM received").fetchone()[0],
        len(list(ws.inbox_dir.iterdir())),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    unit=st.sampled_from(UNITS),
    n=st.integers(0, 6),
    seed=st.integers(0, 10**6),
    title=TEXT,
    form=st.sampled_from(["NFC", "NFD"]),
    fault=st.sampled_from(sorted(FAULTS)),
)
def test_verify_dry_run_and_import_agree(
    office: Path,
    tmp_path_factory: pytest.TempPathFactory,
    unit: tuple[str, str],
    n: int,
    seed: int,
    title: str,
    form: str,
    fault: str,
) -> None:
    sub = submission_dict(
        PLAN, {"code": unit[0], "name": unit[1], "level": "phuong", "parent": "TPTN"}, n, seed
    )
    for a in sub["activities"]:
        a["title"] = unicodedata.normalize(form, f"{title} {a['title']}")
    kw: dict[str, Any] = {}
    change = FAULTS[fault]
    if change is not None:
        change(sub, kw)
    path = tmp_path_factory.mktemp("pk") / f"{uuid.uuid4().hex}.dvcq"
    path.write_bytes(build(sub, **kw))

    v = verify_path(path)
    with Workspace.open(office, auto_backup=False) as ws:
        before = _stored(ws)
        dry = intake.import_packages(ws, [path], dry_run=True)[0]
        assert _stored(ws) == before
        real = intake.import_packages(ws, [path])[0]
        after = _stored(ws)
    if not v.ok:
        assert (dry.outcome, dry.reason) == (real.outcome, real.reason) == ("rejected", v.code)
        assert after == before
    else:
        assert not dry.reason.startswith("pkg_") and (dry.outcome, dry.reason) == (real.outcome, real.reason)
        assert (after[0] - before[0]) == (1 if real.stored else 0)
    assert ((fault == "none") == v.ok) or (
        fault in ("dup_activity", "area") and n == 0
    )  # no activity to break
