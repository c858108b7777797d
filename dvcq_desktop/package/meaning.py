"""What the schema cannot say: the checks of meaning the reader makes before anything is stored.

A package can be a perfect ZIP with the right hashes and a schema-valid submission and still be
wrong. These checks run on the parsed (NFC) JSON of a package that passed every container and
schema check, in the order of docs/package-format.md §7.1, and stop at the first violation (in
array order), naming the field:

1. revision and supersedes chain;
2. every field the manifest and the submission both carry is equal;
3. each attachment member is named by the SHA-256 of its bytes;
4. no id repeats: activities, indicators, narrative sections;
5. against the package's plan, when it is known: every indicator id is the plan's, ratio
   indicators are not listed (the receiver computes them), every count indicator is listed;
   every activity's area and type, every narrative section is the plan's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.model import MANIFEST, SUBMISSION, MemberEntry

# The fields data/submission.json repeats from manifest.json (docs §4): all must be equal.
SHARED_FIELDS = ("format", "format_version", "unit", "plan", "period", "finalized_at")
_ATTACHMENTS = "attachments/"


def check(
    manifest: dict[str, Any], sub: dict[str, Any], entries: Iterable[MemberEntry], plan: Plan | None
) -> None:
    """Raise the first `PackageError` of meaning, in the documented order."""
    check_revision(manifest)
    check_shared(manifest, sub)
    check_attachment_names(entries)
    check_unique(sub)
    if plan is not None:
        check_against_plan(sub, plan)


def check_revision(m: dict[str, Any]) -> None:
    revision, supersedes = m["revision"], m["supersedes"]
    if revision == 1 and supersedes is not None:
        raise PackageError("pkg_first_supersedes", MANIFEST, field="supersedes", value=supersedes)
    if revision > 1 and supersedes is None:
        raise PackageError("pkg_supersedes_missing", MANIFEST, field="supersedes", revision=revision)
    if supersedes is not None and supersedes == m["package_id"]:
        raise PackageError("pkg_supersedes_self", MANIFEST, field="supersedes", value=supersedes)


def check_shared(m: dict[str, Any], sub: dict[str, Any]) -> None:
    for key in SHARED_FIELDS:
        a, b = m[key], sub[key]
        if a == b and type(a) is type(b):
            continue
        field = key
        if isinstance(a, dict) and isinstance(b, dict):  # name the inner field that differs
            field = next((f"{key}.{k}" for k in sorted(a) if a.get(k) != b.get(k)), key)
        raise PackageError("pkg_identity_mismatch", SUBMISSION, field=field)


def check_attachment_names(entries: Iterable[MemberEntry]) -> None:
    """`attachments/<sha256>.<ext>`: the name is the hash the manifest lists (and the reader has
    just verified against the bytes), so a renamed or swapped file cannot pass."""
    for e in entries:
        if e.path.startswith(_ATTACHMENTS):
            named = e.path[len(_ATTACHMENTS) :].split(".", 1)[0]
            if named != e.sha256:
                raise PackageError("pkg_attachment_name", e.path, field="members")


def _first_repeat(values: list[str]) -> tuple[int, str] | None:
    if len(set(values)) == len(values):  # the usual case, decided in C
        return None
    seen: set[str] = set()
    for i, v in enumerate(values):
        if v in seen:
            return i, v
        seen.add(v)
    return None


def check_unique(sub: dict[str, Any]) -> None:
    for code, array, key in (
        ("pkg_duplicate_activity", "activities", "id"),
        ("pkg_duplicate_indicator", "indicators", "indicator_id"),
        ("pkg_duplicate_section", "narratives", "section_id"),
        ("pkg_duplicate_task", "tasks", "id"),  # optional since format 1.1
    ):
        found = _first_repeat([item[key] for item in sub.get(array, ())])
        if found is not None:
            i, value = found
            raise PackageError(code, SUBMISSION, field=f"{array}[{i}].{key}", value=value)


def check_against_plan(sub: dict[str, Any], plan: Plan) -> None:
    kinds = {i.id: i.kind for i in plan.indicators}
    listed: set[str] = set()
    for i, v in enumerate(sub["indicators"]):
        ind = v["indicator_id"]
        kind = kinds.get(ind)
        if kind is None:
            raise PackageError(
                "pkg_unknown_indicator",
                SUBMISSION,
                field=f"indicators[{i}].indicator_id",
                value=ind,
                plan=plan.id,
            )
        if kind != "count":  # a ratio is recomputed from its summed parts, never carried
            raise PackageError("pkg_indicator_computed", SUBMISSION, field=f"indicators[{i}]", value=ind)
        listed.add(ind)
    missing = [i.id for i in plan.indicators if i.kind == "count" and i.id not in listed]
    if missing:
        raise PackageError(
            "pkg_indicator_missing", SUBMISSION, field="indicators", value=missing[0], plan=plan.id
        )
    areas = {a.id for a in plan.areas}
    task_ids = {t["id"] for t in sub.get("tasks", ())}
    # (array, key, the ids it may name, code), checked item by item in this order (docs §7)
    _known_ids(
        sub,
        plan,
        "activities",
        (
            ("area_id", areas, "pkg_unknown_area"),
            ("type_id", {t.id for t in plan.activity_types}, "pkg_unknown_type"),
        ),
    )
    _known_ids(sub, plan, "tasks", (("area_id", areas, "pkg_unknown_area"),))
    _known_ids(sub, plan, "activities", (("task_id", task_ids, "pkg_unknown_task"),))
    _known_ids(
        sub, plan, "narratives", (("section_id", {s.id for s in plan.outline}, "pkg_unknown_section"),)
    )


def _known_ids(
    sub: dict[str, Any], plan: Plan, array: str, checks: tuple[tuple[str, set[str], str], ...]
) -> None:
    """Refuse the first item of `sub[array]` naming an id its plan (or package) does not have; an
    absent or null optional id (an activity's task) names nothing."""
    for i, item in enumerate(sub.get(array, ())):
        for key, known, unknown_code in checks:
            value = item.get(key)
            if value is not None and value not in known:
                raise PackageError(
                    unknown_code, SUBMISSION, field=f"{array}[{i}].{key}", value=value, plan=plan.id
                )
