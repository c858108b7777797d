"""Every message an officer can meet is filled in: each raise site passes every `{name}` its
Vietnamese template uses, and no template shows `{detail}` (the detail is for the log; a template
asking for it shows "…" or, worse, an English exception text).

The raise sites are found by walking the package's source (AST): `DvcqError(...)`, its subclasses,
`render(...)`, and the small helpers that build an error for a fixed code. A call whose code is
computed must be listed in DYNAMIC with the codes it can produce, so a new one cannot slip by.
"""

from __future__ import annotations

import ast
import string
from dataclasses import dataclass
from pathlib import Path

import dvcq_desktop
from dvcq_desktop.messages import CATALOGUE

PACKAGE = Path(dvcq_desktop.__file__).parent
ENV_CODES = {"disk_full", "not_writable", "db_busy", "io_error"}  # storage.db.environment_error
OS_CODES = {"disk_full", "not_writable", "file_missing", "io_error"}  # messages.os_error_code
JSON_KINDS = ("plan", "catalog", "unit_kinds")  # domain.jsondata's callers (read_json, fail)

# Calls that raise or render: name -> (index of the code argument, names they fill in themselves).
RAISERS: dict[str, tuple[int, set[str]]] = {
    "DvcqError": (0, set()),
    "ReceiptError": (0, set()),
    "PackageError": (0, {"member", "field"}),
    "PlanFileError": (0, {"member", "what"}),
    "render": (0, set()),
}
# Helpers that raise a fixed code with the names they pass: name -> (code, names).
HELPERS: dict[str, tuple[str | None, set[str]]] = {
    "_invalid": ("activity_invalid", {"reason"}),  # storage.activities
    "fail": ("{kind}_invalid", {"file", "field", "reason"}),  # domain.jsondata
}
# (module, source of the computed code) -> the codes it can be.
DYNAMIC: dict[tuple[str, str], set[str]] = {
    ("domain/jsondata.py", "f'{kind}_invalid'"): {f"{k}_invalid" for k in JSON_KINDS},
    ("domain/jsondata.py", "f'{kind}_missing'"): {f"{k}_missing" for k in JSON_KINDS},
    ("domain/jsondata.py", "f'{kind}_unreadable'"): {f"{k}_unreadable" for k in JSON_KINDS},
    ("package/writer.py", "os_error_code(exc)"): OS_CODES,
    ("errors.py", "os_error_code(exc)"): OS_CODES,
    ("errors.py", "code"): ENV_CODES,
    ("storage/db.py", "code"): ENV_CODES,
    ("storage/workspace.py", "env"): ENV_CODES,
    ("services/excel_guard.py", "code"): {
        "excel_empty",
        "excel_encrypted",
        "excel_old_format",
        "excel_unreadable",
        "excel_hostile",
    },
    ("services/receipts.py", "code"): {"receipt_taken", "receipt_taken_tofu"},
    ("package/meaning.py", "code"): {
        "pkg_duplicate_activity",
        "pkg_duplicate_indicator",
        "pkg_duplicate_section",
        "pkg_duplicate_task",
    },
    ("package/meaning.py", "unknown_code"): {
        "pkg_unknown_area",
        "pkg_unknown_type",
        "pkg_unknown_task",
        "pkg_unknown_section",
    },
    ("package/zipcheck.py", "code"): {"pkg_json_too_large", "pkg_member_too_large"},
    ("planfile/format.py", "reason"): set(),  # passes every container name; checked by its own tests
}


@dataclass
class Site:
    where: str
    code: str
    names: set[str] | None  # None: passed through **params, cannot be checked here


def _fields(template: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0] for _t, name, _s, _c in string.Formatter().parse(template) if name
    }


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _sites() -> tuple[list[Site], list[str]]:
    sites: list[Site] = []
    unknown: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("messages/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{rel}:{node.lineno}"
            if name in HELPERS:
                code, passed = HELPERS[name]
                codes = (
                    {code.format(kind=k) for k in JSON_KINDS} if code and "{kind}" in code else {str(code)}
                )
                sites += [Site(where, c, set(passed)) for c in codes]
                continue
            if name not in RAISERS:
                continue
            index, implicit = RAISERS[name]
            if len(node.args) <= index:
                continue
            arg = node.args[index]
            names: set[str] | None = {k.arg for k in node.keywords if k.arg} | implicit
            if any(k.arg is None for k in node.keywords):
                names = None
            if name != "render" and names is not None:
                names.discard("detail")  # DvcqError's detail goes to the log, never to the template
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                sites.append(Site(where, arg.value, names))
                continue
            key = (rel, ast.unparse(arg))
            if names is None and key not in DYNAMIC:
                continue  # a computed code passed on with its parameters (re-raised, rendered)
            if key not in DYNAMIC:
                unknown.append(f"{where}: {key[1]}")
                continue
            sites += [Site(where, c, names) for c in DYNAMIC[key]]
    return sites, unknown


def test_no_template_asks_for_the_log_only_detail() -> None:
    assert [code for code, text in CATALOGUE.items() if "detail" in _fields(text)] == []


def test_every_raise_site_fills_its_message() -> None:
    sites, unknown = _sites()
    assert len(sites) > 300  # the walk really finds the package's raise sites
    assert unknown == [], "a computed message code: list what it can be in DYNAMIC"
    missing_code = [f"{s.where}: {s.code}" for s in sites if s.code not in CATALOGUE]
    assert missing_code == []
    empty_slots = [
        f"{s.where}: {s.code} lacks {sorted(_fields(CATALOGUE[s.code]) - s.names)}"
        for s in sites
        if s.names is not None and _fields(CATALOGUE[s.code]) - s.names
    ]
    assert empty_slots == []


def _exception_text(value: ast.expr, caught: set[str]) -> bool:
    """`str(exc)`, `repr(exc)` or a slice of them, for a name bound by `except … as exc`."""
    if isinstance(value, ast.Subscript):
        value = value.value
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in ("str", "repr")
        and len(value.args) == 1
        and isinstance(value.args[0], ast.Name)
        and value.args[0].id in caught
    )


def test_no_message_parameter_is_an_exception_text() -> None:
    """Python's and the libraries' exception texts are English and technical: they belong in
    `detail` (the log), never in a parameter the Vietnamese template shows."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        caught = {h.name for h in ast.walk(tree) if isinstance(h, ast.ExceptHandler) and h.name}
        assigned = {  # `field = str(exc)…` first, then `field=field` in the raise
            t.id
            for a in ast.walk(tree)
            if isinstance(a, ast.Assign) and _exception_text(a.value, caught)
            for t in a.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (_call_name(node) in RAISERS):
                for k in node.keywords:
                    if k.arg in (None, "detail"):
                        continue
                    if _exception_text(k.value, caught) or (
                        isinstance(k.value, ast.Name) and k.value.id in assigned
                    ):
                        found.append(f"{rel}:{node.lineno} {k.arg}={ast.unparse(k.value)}")
    assert found == []
