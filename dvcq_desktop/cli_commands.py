"""Handlers behind each `dvcq` command. Each returns the exit code; failures raise DvcqError."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvcq_desktop.paths import AppPaths

if TYPE_CHECKING:  # imported inside the commands: the CLI starts without loading storage
    from dvcq_desktop.storage.workspace import Workspace

Handler = Callable[[argparse.Namespace, AppPaths], int]


def emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def emit_line(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """One file's outcome of a batch: a JSON Lines object (streamable by scripts) or one text line."""
    print(json.dumps(payload, ensure_ascii=False) if getattr(args, "json", False) else text)


def _open(paths: AppPaths) -> Workspace:
    from dvcq_desktop.storage.workspace import Workspace

    return Workspace.open(paths.workspace)


def cmd_init(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.setup import init_workspace

    if getattr(args, "from_plan", None):
        from dvcq_desktop.cli_periods import cmd_init_from_plan

        return cmd_init_from_plan(args, paths)
    if not args.role:
        print("dvcq init: lỗi: cần --role (unit hoặc aggregator) hoặc --from-plan TỆP", file=sys.stderr)
        return 2
    ws = init_workspace(
        paths.workspace,
        role=args.role,
        unit_code=args.unit,
        catalog=args.catalog,
        plan=args.plan,
        period_id=args.period,
        offer_today=True,
    )
    with ws:
        unit = ws.own_unit
        print(
            f"Đã tạo thư mục dữ liệu {ws.root} cho {unit.name} ({unit.code}), "
            f"kế hoạch {ws.plan.id}, kỳ {ws.period.label}."
        )
    return 0


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    import sqlite3

    from dvcq_desktop.errors import DvcqError
    from dvcq_desktop.services.demo import fill_demo

    with _open(paths) as ws:
        ws.use_period(getattr(args, "period", None))
        seed = args.seed
        if getattr(args, "period", None):  # another year's sample: its own activity ids
            seed = int(hashlib.sha256(f"{seed}/{args.period}".encode()).hexdigest()[:8], 16)
        try:
            n = fill_demo(ws, activities=args.activities, seed=seed)
        except sqlite3.IntegrityError as exc:
            # The same seed makes the same activities: they are already here (nothing was added).
            raise DvcqError("demo_exists", detail=str(exc), seed=args.seed, path=str(ws.root)) from exc
        print(f"Đã thêm {n} hoạt động mẫu và số liệu chỉ tiêu cho {ws.own_unit.name}.")
    return 0


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.storage import backups

    with _open(paths) as ws:
        dest = Path(args.out) if args.out else ws.backups_dir / backups.backup_name("thu-cong")
        backups.backup_to(ws.db, dest)
        print(f"Đã sao lưu vào {dest}")
        mirror = backups.mirror_dir_of(ws.db)
        if mirror is not None and not args.out:
            copied = backups.mirror_backup(dest, mirror)
            if copied:
                print(f"Đã chép thêm vào nơi sao lưu thứ hai: {copied}")
            else:
                print(f"Chưa chép được vào nơi sao lưu thứ hai {mirror} (ổ hoặc thư mục chưa sẵn sàng).")
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
        ws.use_period(getattr(args, "period", None))
        info = {
            "version": __version__,
            "workspace": str(ws.root),
            "role": ws.role,
            "unit": f"{ws.own_unit.code} {ws.own_unit.name}",
            "plan": ws.plan.id,
            "period": ws.period.id,
            "activities": activities.count(ws.db),
            "sqlite": sqlite3.sqlite_version,
        }
    print("\n".join(f"{k}: {v}" for k, v in info.items()))
    from dvcq_desktop.services.startup_checks import startup_warnings

    for text in startup_warnings(ws.root):  # the same warnings the GUI shows at start
        print(f"Cảnh báo: {text}")
    return 0


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.export import export_package

    out = Path(args.out)
    (out.parent if out.suffix.lower() == ".dvcq" else out).mkdir(parents=True, exist_ok=True)
    with _open(paths) as ws:
        ws.use_period(args.period)
        w = export_package(ws, out, period_id=args.period)
    emit(
        args,
        {
            "path": str(w.path),
            "package_id": w.package_id,
            "revision": w.revision,
            "sha256": w.sha256,
            "size": w.size,
        },
        f"Đã xuất và kiểm tra gói: {w.path}\npackage_id: {w.package_id}\nlần gửi (revision): {w.revision}",
    )
    return 0


def cmd_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    """Files as named; a folder: every `.dvcq` in it (the import's own scan), one result each.
    Plan files (.dvcqkh) are checked by the plan-file reader, packages by the package reader."""
    from dvcq_desktop.cli_periods import is_plan_path, verify_plan
    from dvcq_desktop.cli_trust import is_receipt, verify_receipt
    from dvcq_desktop.errors import DvcqError
    from dvcq_desktop.package import verify_paths
    from dvcq_desktop.services.import_reads import folder_plans
    from dvcq_desktop.services.package_scan import collect_files

    files = collect_files(args.paths)
    if not files:
        raise DvcqError("import_nothing")
    # with --workspace (or DVCQ_HOME), ids are also judged against the plans that workspace stores
    plans = folder_plans(paths.workspace) if args.workspace or os.environ.get("DVCQ_HOME") else None
    others = {p: verify_plan(p) for p in files if is_plan_path(p)}
    others.update({p: verify_receipt(p) for p in files if p not in others and is_receipt(p)})
    packages = iter(verify_paths([p for p in files if p not in others], plans=plans))
    results: list[dict[str, Any]] = [others[p] if p in others else next(packages).to_dict() for p in files]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if not r["ok"]:
                print(f"{r['path']}: bị từ chối — {r['message']} [{r['code']}]")
            elif r.get("kind") in ("plan", "receipt"):
                print(f"{r['path']}: hợp lệ — {r['message']}")
            else:
                print(
                    f"{r['path']}: hợp lệ — đơn vị {r['unit_code']}, kỳ {r['period_id']}, lần {r['revision']}"
                )
    return 0 if all(r["ok"] for r in results) else 1


def cmd_report_unit(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.reporting import unit_report

    with _open(paths) as ws:
        ws.use_period(args.period)
        written = unit_report(
            ws, Path(args.out), Path(args.xlsx) if args.xlsx else None, period_id=args.period
        )
    for p in written:
        print(f"Đã lập: {p}")
    return 0


def cmd_unit_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.unit_plan import write_unit_plan

    with _open(paths) as ws:
        if ws.role != "unit":
            from dvcq_desktop.errors import DvcqError

            raise DvcqError("workspace_role", role="đơn vị báo cáo")
        written = write_unit_plan(
            ws, Path(args.out), Path(args.xlsx) if args.xlsx else None, period_id=args.period
        )
    for p in written:
        print(f"Đã lập: {p}")
    return 0


HANDLERS: dict[str, Handler] = {
    "export": cmd_export,
    "verify": cmd_verify,
    "init": cmd_init,
    "demo": cmd_demo,
    "unit-plan": cmd_unit_plan,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "info": cmd_info,
}


# ---- receiving office (issue 6) ----------------------------------------------------------------
def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """Exit 0 whenever the batch ran, even if some files were rejected (each file's outcome is in
    the output); 1 only when nothing could run (wrong role, no .dvcq file found)."""
    from dvcq_desktop.errors import DvcqError
    from dvcq_desktop.services.intake import collect_files, import_packages, outcome_label, summary_text

    with _open(paths) as ws:
        role = ws.role
    if role == "unit":  # a unit takes plan files and receipts from its office
        from dvcq_desktop.cli_trust import import_on_unit

        return import_on_unit(args, paths)
    from dvcq_desktop.cli_trust import accept_keys
    from dvcq_desktop.services import keys

    accept = accept_keys(args)
    if not any(f.is_file() for f in collect_files(args.paths)):
        raise DvcqError("import_nothing")
    with _open(paths) as ws:
        extra = keys.identities_from_file(args.identity) if getattr(args, "identity", None) else None
        outcomes = import_packages(
            ws, args.paths, dry_run=args.dry_run, accept_keys=accept, extra_identities=extra
        )
    for o in outcomes:
        emit_line(args, o.to_dict(), f"{o.file.name}: {outcome_label(o.outcome)} — {o.message}")
    if not args.json:
        print(summary_text(outcomes, dry_run=args.dry_run))
    return 0


def cmd_status(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.board import board, board_to_json
    from dvcq_desktop.services.intake import require_aggregator

    with _open(paths) as ws:
        role = ws.role
    if role == "unit":  # a unit's exports, with the office's receipt once taken
        from dvcq_desktop.cli_trust import status_on_unit

        return status_on_unit(args, paths)
    with _open(paths) as ws:
        require_aggregator(ws)
        ws.use_period(args.period)
        b = board(ws, args.period)
    lines = [b.summary_text()] + [
        f"- {r.unit_name} ({r.unit_code}): {r.label}"
        + (f" — {r.timeliness_note}" if r.timeliness_note else "")
        for r in b.rows
    ]
    emit(args, board_to_json(b), "\n".join(lines))
    return 0


def cmd_report_consolidated(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.consolidate import consolidated_report

    with _open(paths) as ws:
        ws.use_period(args.period)
        docx, xlsx = consolidated_report(
            ws, Path(args.out), Path(args.xlsx) if args.xlsx else None, period_id=args.period
        )
    print(f"Đã lập báo cáo tổng hợp: {docx}" + (f" và {xlsx}" if xlsx else ""))
    return 0


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    """`report`: a unit's own report, or in the aggregator role the consolidated report."""
    with _open(paths) as ws:
        role = ws.role
    if role == "aggregator":
        return cmd_report_consolidated(args, paths)
    return cmd_report_unit(args, paths)


HANDLERS.update({"import": cmd_import, "status": cmd_status, "report": cmd_report})


def _period_command(name: str) -> Handler:
    """The period commands live in cli_periods (loaded only when one of them runs)."""

    def run(args: argparse.Namespace, paths: AppPaths) -> int:
        from dvcq_desktop import cli_periods

        handler: Handler = {
            "periods": cli_periods.cmd_periods,
            "open-period": cli_periods.cmd_open_period,
            "publish-plan": cli_periods.cmd_publish_plan,
            "export-roster": cli_periods.cmd_export_roster,
            "import-roster": cli_periods.cmd_import_roster,
            "export-plan": cli_periods.cmd_export_plan,
            "import-plan": cli_periods.cmd_import_plan,
        }[name]
        return handler(args, paths)

    return run


HANDLERS.update(
    {
        name: _period_command(name)
        for name in (
            "periods",
            "open-period",
            "publish-plan",
            "export-roster",
            "import-roster",
            "export-plan",
            "import-plan",
        )
    }
)


def _trust_command(name: str) -> Handler:
    def run(args: argparse.Namespace, paths: AppPaths) -> int:
        from dvcq_desktop import cli_trust

        handler: Handler = {"keys": cli_trust.cmd_keys, "receipt": cli_trust.cmd_receipt}[name]
        return handler(args, paths)

    return run


HANDLERS.update({name: _trust_command(name) for name in ("keys", "receipt")})
