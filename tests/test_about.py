"""About data and `--version` of both entry points; `dvcq info` prints the start-up warnings."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dvcq_desktop import __version__
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.about import about_info, about_lines, about_text
from dvcq_desktop.services.startup_checks import sqlite_has_wal_fix

ROOT = Path(__file__).resolve().parents[1]


def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(workspace=tmp_path / "ws", log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")


def test_about_info(tmp_path: Path) -> None:
    info = about_info(paths(tmp_path))
    assert info["version"] == __version__
    assert info["data_folder"] == str(tmp_path / "ws")
    assert info["sqlite"] == sqlite3.sqlite_version
    assert info["licence"] == "MIT"
    lines = about_lines(info)
    assert f"Thư mục dữ liệu: {tmp_path / 'ws'}" in lines and "Giấy phép: MIT" in lines
    assert not any(line.startswith("Qt:") for line in lines)  # only the GUI knows Qt
    assert "Qt: 6.9.9" in about_lines(info, qt="6.9.9")
    assert about_text(info).startswith(f"dvcq-desktop {__version__}")


def test_cli_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dvcq_desktop.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["-w", str(tmp_path / "ws"), "--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"Phiên bản: {__version__}" in out and f"SQLite: {sqlite3.sqlite_version}" in out
    assert str(tmp_path / "ws") in out and "Giấy phép: MIT" in out and "Qt:" not in out


def test_gui_version_adds_qt_and_opens_no_window(tmp_path: Path) -> None:
    code = "import sys; from dvcq_desktop.app import main; sys.exit(main())"
    out = subprocess.run(
        [sys.executable, "-c", code, "--version", "-w", str(tmp_path / "ws")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert f"Phiên bản: {__version__}" in out.stdout and "\nQt: 6." in out.stdout
    assert not (tmp_path / "ws").exists()  # --version creates nothing


def test_info_prints_startup_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dvcq_desktop.cli import main
    from dvcq_desktop.services.setup import init_workspace

    init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1").close()
    assert main(["-w", str(tmp_path / "ws"), "info"]) == 0
    out = capsys.readouterr().out
    assert ("Cảnh báo: Thư viện SQLite" in out) is not sqlite_has_wal_fix(sqlite3.sqlite_version)
