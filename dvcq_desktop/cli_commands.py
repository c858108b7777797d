"""Handlers behind each `dvcq` command. Each returns the exit code; failures raise DvcqError."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dvcq_desktop.paths import AppPaths

Handler = Callable[[argparse.Namespace, AppPaths], int]


def emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _open(paths: AppPaths):  # type: ignore[no-untyped-def]
    from dvcq_desktop.storage.workspace import Workspace

    return Workspace.open(paths.workspace)


def cmd_init(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.setup import init_workspace

    ws = init_workspace(paths.workspace, role=args.role, unit_code=args.unit,
                        catalog=args.catalog, plan=args.plan, period_id=args.period)
    with ws:
        unit = ws.own_unit
        print(f"Đã tạo thư mục dữ liệu {ws.root} cho {unit.name} ({unit.code}), "
              f"kế hoạch {ws.plan.id}, kỳ {ws.period.label}.")
    return 0


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.demo import fill_demo

    with _open(paths) as ws:
        n = fill_demo(ws, activities=args.activities, seed=args.seed)
        print(f"Đã thêm {n} hoạt động mẫu và số liệu chỉ tiêu cho {ws.own_unit.name}.")
    return 0


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.storage import backups

    with _open(paths) as ws:
        dest = Path(args.out) if args.out else ws.backups_dir / backups.backup_name("thu-cong")
        backups.backup_to(ws.db, dest)
        print(f"Đã sao lưu vào {dest}")
    return 0


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.setup import restore_workspace

    kept = restore_workspace(paths.workspace, Path(args.file))
    print(f"Đã khôi phục từ {args.file}. Dữ liệu cũ được giữ tại {kept}.")
    return 0


def cmd_info(args: argparse.Namespace, paths: AppPaths) -> int:
    import sqlite3

    from dvcq_desktop import __version__
    from dvcq_desktop.storage import activities

    with _open(paths) as ws:
        info = {"version": __version__, "workspace": str(ws.root), "role": ws.role,
                "unit": f"{ws.own_unit.code} {ws.own_unit.name}", "plan": ws.plan.id,
                "period": ws.period.id, "activities": activities.count(ws.db),
                "sqlite": sqlite3.sqlite_version}
    print("\n".join(f"{k}: {v}" for k, v in info.items()))
    return 0


HANDLERS: dict[str, Handler] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "info": cmd_info,
}
