"""Imports point down the layers of README/CONTRIBUTING, and only ui/ and app.py import Qt.

Every import counts, also those inside functions and under TYPE_CHECKING: a lazy import still
ties the layers together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import dvcq_desktop

PACKAGE = Path(dvcq_desktop.__file__).resolve().parent

# Higher imports lower. The foundation (error catalogue, errors, progress type, paths, resources,
# logging, the package's own name and version) may be imported from anywhere and imports only itself.
RANK = {
    "text": 0,
    "domain": 1,
    "storage": 2,
    "package": 3,
    "planfile": 3,  # the plan file: the package's container rules for the office's file
    "reports": 4,
    "services": 5,
    "cli": 6,
    "cli_commands": 6,
    "cli_periods": 6,
    "cli_trust": 6,
    "ui": 7,
    "app": 7,
    "running_mutex": 7,  # the single-instance mutex the installer checks (app.py only)
    "gc_policy": 7,  # when cycles are collected: the GUI thread only (ui/ and the test suite)
    "__main__": 8,
}
FOUNDATION = {"messages", "errors", "progress", "paths", "resources", "logging_setup", ""}
QT_ALLOWED = {"ui", "app"}


def _part(module: str) -> str:
    """The top-level part of dvcq_desktop a module belongs to ("" for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dvcq_desktop":  # a submodule, or a name of the package itself
                found += [
                    (node.lineno, f"dvcq_desktop.{a.name}" if _is_module(a.name) else "dvcq_desktop")
                    for a in node.names
                ]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def _modules() -> list[tuple[Path, str]]:
    return [
        (p, _part(".".join(("dvcq_desktop", *p.relative_to(PACKAGE).with_suffix("").parts))))
        for p in sorted(PACKAGE.rglob("*.py"))
    ]


def test_every_part_has_a_place() -> None:
    for _path, part in _modules():
        if part == "__init__":
            continue
        assert part in RANK or part in FOUNDATION, f"{part}: add it to the layer diagram and this test"


def test_imports_point_down() -> None:
    wrong = []
    for path, part in _modules():
        if part == "__init__":
            continue
        for line, target in _imports(path):
            if not target.startswith("dvcq_desktop"):
                continue
            to = _part(target)
            if to in (part, "__init__"):
                continue
            if part in FOUNDATION:
                ok = to in FOUNDATION
            else:
                ok = to in FOUNDATION or RANK.get(to, 99) <= RANK[part]  # same rank: one layer (cli, app)
            if not ok:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert wrong == []


def test_only_ui_and_app_import_qt() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path, part in _modules()
        if part not in QT_ALLOWED
        for line, target in _imports(path)
        if target.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert wrong == []
