"""The `dvcq` command line contract: exit codes, Vietnamese one-line failures, init + demo."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support.ws_helpers import ROOT, run_cli


def test_init_and_demo_create_a_valid_workspace_with_all_six_areas(tmp_path: Path) -> None:
    ws = tmp_path / "W"
    r = run_cli("--workspace", str(ws), "init", "--role", "unit", "--unit", "TPTN-HN")
    assert r.returncode == 0, r.stderr
    assert "Hiệp Ninh" in r.stdout
    r = run_cli("--workspace", str(ws), "demo")
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(str(ws / "dvcq.sqlite3"))
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    areas = {row[0] for row in con.execute("SELECT DISTINCT area_id FROM activities")}
    n = con.execute("SELECT count(*) FROM activities").fetchone()[0]
    con.close()
    assert areas == {"A1", "A2", "A3", "A4", "A5", "A6"}
    assert 60 <= n <= 150


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    titles = []
    for name in ("a", "b"):
        ws = tmp_path / name
        assert run_cli("-w", str(ws), "init", "--role", "unit", "--unit", "TPTN-P2").returncode == 0
        assert run_cli("-w", str(ws), "demo", "--seed", "7", "--activities", "40").returncode == 0
        con = sqlite3.connect(str(ws / "dvcq.sqlite3"))
        titles.append(
            con.execute(
                "SELECT group_concat(id || title, '|') FROM (SELECT id, title FROM activities ORDER BY id)"
            ).fetchone()[0]
        )
        con.close()
    assert titles[0] == titles[1]


def test_demo_values_satisfy_every_rule(tmp_path: Path) -> None:
    from support.ws_helpers import new_unit_ws

    from dvcq_desktop.services.demo import fill_demo
    from dvcq_desktop.storage.snapshot import load_submission

    for seed in range(1, 6):
        with new_unit_ws(tmp_path / f"ws{seed}") as ws:
            fill_demo(ws, seed=seed, activities=30)
            sub = load_submission(ws)
            assert sub.rule_results == ()
            assert all(v.value is not None for v in sub.indicators)


@pytest.mark.parametrize(
    "args,needle",
    [
        (["init", "--role", "unit", "--unit", "KHONG-CO"], "KHONG-CO"),
        (["demo"], "Chưa có dữ liệu"),
        (["init", "--role", "unit", "--unit", "TPTN-P1", "--plan", "/nonexistent/kh.json"], "kh.json"),
    ],
)
def test_handled_failures_print_one_vietnamese_line(tmp_path: Path, args: list[str], needle: str) -> None:
    r = run_cli("--workspace", str(tmp_path / "W"), *args)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and needle in lines[0]


def test_broken_plan_file_names_file_and_field(tmp_path: Path) -> None:
    from dvcq_desktop.resources import resource_path

    data = json.loads(resource_path("plans", "tptn-dvcq-2023.json").read_text(encoding="utf-8"))
    data["indicators"][3]["kind"] = 42
    bad = tmp_path / "ke-hoach-loi.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run_cli(
        "--workspace", str(tmp_path / "W"), "init", "--role", "unit", "--unit", "TPTN-P1", "--plan", str(bad)
    )
    assert r.returncode == 1
    assert "ke-hoach-loi.json" in r.stderr and "indicators[3]" in r.stderr
    assert not (tmp_path / "W" / "dvcq.sqlite3").exists()


def test_broken_extra_plan_does_not_stop_the_builtins(tmp_path: Path) -> None:
    from dvcq_desktop.services.setup import available_plans

    (tmp_path / "hong.json").write_text("{ không phải json", encoding="utf-8")
    choices = available_plans([tmp_path])
    assert any(c.plan is not None and c.plan.id == "tptn-dvcq-2023" for c in choices)
    broken = [c for c in choices if c.plan is None]
    assert len(broken) == 1 and "hong.json" in (broken[0].problem or "")


def test_usage_error_exits_2(tmp_path: Path) -> None:
    r = run_cli("--workspace", str(tmp_path), "init", "--role", "nobody", "--unit", "X")
    assert r.returncode == 2
    assert "lỗi" in r.stderr


def test_help_is_vietnamese() -> None:
    r = run_cli("--help")
    assert r.returncode == 0
    assert "tạo thư mục dữ liệu mới" in r.stdout and "xuất gói báo cáo" in r.stdout


def test_not_writable_workspace_gives_a_clear_message(tmp_path: Path) -> None:
    # /proc refuses new directories even for root, which CI runs as.
    r = run_cli("--workspace", "/proc/dvcq-test/ws", "init", "--role", "unit", "--unit", "TPTN-P1")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "/proc/dvcq-test" in r.stderr or "Không ghi được" in r.stderr or "Không tìm thấy" in r.stderr


def test_core_layers_do_not_load_qt() -> None:
    code = (
        "import sys; import dvcq_desktop.domain, dvcq_desktop.storage, dvcq_desktop.text, "
        "dvcq_desktop.cli, dvcq_desktop.cli_commands, dvcq_desktop.package, "
        "dvcq_desktop.reports.build_unit, dvcq_desktop.reports.docx_render, "
        "dvcq_desktop.services.export, dvcq_desktop.services.demo, dvcq_desktop.storage.snapshot; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_piped_output_is_utf8_even_when_the_pipe_encoding_is_ansi(tmp_path: Path) -> None:
    """On Windows a pipe gets the ANSI code page; PYTHONIOENCODING=cp1252 makes that pipe here.
    `dvcq info | more` must still carry "ậ" (cp1252 has no such letter) and succeed."""
    ws = tmp_path / "dvcq kiểm thử #1" / "Phường Tân Lập"
    assert run_cli("--workspace", str(ws), "init", "--role", "unit", "--unit", "TPTN-HN").returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "DVCQ_HOME")}
    env.update(PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    out = subprocess.run(
        [sys.executable, "-m", "dvcq_desktop", "--workspace", str(ws), "info"],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    text = out.stdout.decode("utf-8")  # strict: any cp1252 byte or "?" stand-in would show
    assert f"workspace: {ws}" in text
    assert "Phường Tân Lập" in text and "?" not in text.splitlines()[1]
    bad = subprocess.run(
        [sys.executable, "-m", "dvcq_desktop", "--workspace", str(tmp_path / "không có"), "info"],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert bad.returncode == 1
    assert "Chưa có dữ liệu" in bad.stderr.decode("utf-8")
