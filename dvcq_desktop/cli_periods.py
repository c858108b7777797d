"""Handlers of the period-series commands (`periods`, `open-period`, `publish-plan`), of plan files
on a unit (`import FILE.dvcqkh`, `init --from-plan`) and of `verify` for plan files."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvcq_desktop.cli_commands import _open, emit, emit_line
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.planfile.format import EXTENSION
from dvcq_desktop.text.dates import format_date

if TYPE_CHECKING:
    from dvcq_desktop.storage.workspace import Workspace


def cmd_periods(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.periods import period_dicts

    with _open(paths) as ws:
        items = period_dicts(ws)
    lines = []
    for d in items:
        marks = [m for m, on in (("đang làm", d["current"]), ("đang chọn", d["chosen"])) if on]
        if d["unsent_earlier"]:
            marks.append("chưa nộp")
        if d["provisional"]:
            marks.append(d["note"])
        lines.append(
            f"{d['id']}: {d['label']}, số liệu {format_date(_d(d['start']))}–{format_date(_d(d['end']))}, "
            f"hạn nộp {format_date(_d(d['deadline']))}, kế hoạch {d['plan_id']}"
            + (f" ({'; '.join(marks)})" if marks else "")
        )
    emit(args, items, "\n".join(lines))
    return 0


def _d(text: str) -> date:
    return date.fromisoformat(text)


def cmd_open_period(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.periods import open_year, period_dicts

    with _open(paths) as ws:
        info = open_year(ws, args.year)
        d = next(x for x in period_dicts(ws) if x["id"] == info.id and x["plan_id"] == info.plan_id)
        n = ws.db.execute(
            "SELECT count(*) FROM roster WHERE plan_id = ? AND period_id = ? AND included = 1",
            [info.plan_id, info.id],
        ).fetchone()[0]
    d["roster_count"] = n
    emit(
        args,
        d,
        f"Đã mở kỳ {info.label} theo kế hoạch {info.plan_id} (số liệu {format_date(info.start)}–"
        f"{format_date(info.end)}, hạn nộp {format_date(info.deadline)}); {n} đơn vị phải báo cáo.",
    )
    return 0


def cmd_publish_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.plan_publish import publish_plan

    with _open(paths) as ws:
        path = publish_plan(ws, args.period, Path(args.out))
        plan_id, period_id = ws.chosen
    emit(
        args,
        {"path": str(path), "plan_id": plan_id, "period_id": period_id},
        f"Đã phát hành tệp kế hoạch: {path}",
    )
    return 0


def plan_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob(f"*{EXTENSION}")) if p.is_dir() else [p])
    return out


def cmd_import_plans(args: argparse.Namespace, paths: AppPaths) -> int:
    """`dvcq import` on a unit workspace: plan files from the office (JSON Lines with --json)."""
    from dvcq_desktop.services.plan_intake import take_plan_file

    with _open(paths) as ws:
        outcomes = [
            take_plan_file(ws, f, accept_successor=args.accept_successor) for f in plan_files(args.paths)
        ]
    for o in outcomes:
        emit_line(args, o.to_dict(), f"{o.file.name}: {o.outcome} — {o.message}")
    return 0 if outcomes else 1


def cmd_init_from_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.plan_intake import init_from_plan

    with init_from_plan(paths.workspace, Path(args.from_plan), args.unit) as ws:
        print(
            f"Đã tạo thư mục dữ liệu {ws.root} cho {ws.own_unit.name} ({ws.own_unit.code}) "
            f"từ tệp kế hoạch: kế hoạch {ws.plan.id}, kỳ {ws.period.label}."
        )
    return 0


def verify_plan(path: Path) -> dict[str, Any]:
    from dvcq_desktop.planfile.format import PlanFileError
    from dvcq_desktop.planfile.reader import read_plan_file

    try:
        pf = read_plan_file(path)
    except PlanFileError as exc:
        sig = "invalid" if exc.reason == "plf_signature_invalid" else None
        return {
            "path": str(path),
            "kind": "plan",
            "ok": False,
            "code": exc.reason,
            "message": exc.message,
            "signature": sig,
        }
    return {
        "path": str(path),
        "kind": "plan",
        "ok": True,
        "code": None,
        "message": f"Tệp kế hoạch hợp lệ: {pf.plan.id}, {pf.manifest['period']['label']}, "
        f"{pf.office['name']}, {len(pf.roster['units'])} đơn vị.",
        "plan_id": pf.plan.id,
        "plan_version": pf.plan.version,
        "period_id": pf.period_id,
        "office": pf.office["code"],
        "signature": "valid" if pf.signed else "none",
        "signer": pf.signer,
        "sha256": pf.sha256,
        "size": pf.size,
    }


def is_plan_path(path: Path) -> bool:
    from dvcq_desktop.planfile.reader import looks_like_plan_file

    return path.suffix.lower() == EXTENSION or looks_like_plan_file(path)


def _export_workbook(
    args: argparse.Namespace, paths: AppPaths, write: Callable[[Workspace, str, Path], Path], what: str
) -> int:
    """export-roster and export-plan: one workbook for the period, JSON `path` and `period_id`."""
    with _open(paths) as ws:
        path = write(ws, args.period, Path(args.out))
    emit(args, {"path": str(path), "period_id": args.period}, f"Đã lưu {what} kỳ {args.period}: {path}")
    return 0


def cmd_export_roster(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.roster_excel import write_roster_xlsx

    return _export_workbook(args, paths, write_roster_xlsx, "danh sách đơn vị")


def cmd_import_roster(args: argparse.Namespace, paths: AppPaths) -> int:
    """Check the whole file, print the changes; store them unless --dry-run (all or nothing)."""
    from dvcq_desktop.services.roster_excel import apply_roster_import, read_roster_xlsx

    with _open(paths) as ws:
        imp = read_roster_xlsx(ws, args.period, Path(args.file))
        applied = 0 if args.dry_run else apply_roster_import(ws, imp)
    mark = {None: "—", True: "có", False: "không"}
    lines = [f"{c.code} ({c.name}): {mark[c.before]} → {mark[c.after]} — {c.reason}" for c in imp.changes]
    lines.append(
        f"{len(imp.changes)} thay đổi, {imp.unchanged} đơn vị giữ nguyên"
        + ("; chưa lưu (--dry-run)." if args.dry_run else "; đã lưu.")
    )
    payload = {
        "period_id": imp.period_id,
        "changes": [
            {"code": c.code, "name": c.name, "before": c.before, "after": c.after, "reason": c.reason}
            for c in imp.changes
        ],
        "unchanged": imp.unchanged,
        "applied": applied,
    }
    emit(args, payload, "\n".join(lines))
    return 0


def cmd_export_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.plan_excel import write_plan_xlsx

    return _export_workbook(args, paths, write_plan_xlsx, "nội dung kế hoạch")


def cmd_import_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """Check the workbook as a plan, print new/changed/retired indicators; store it as the next plan
    version unless --dry-run."""
    from dvcq_desktop.services.plan_excel_read import apply_plan_import, read_plan_xlsx

    with _open(paths) as ws:
        imp = read_plan_xlsx(ws, args.period, Path(args.file))
        version = None if args.dry_run or imp.empty else apply_plan_import(ws, imp).version
    lines = [f"Chỉ tiêu mới: {x}" for x in imp.new]
    lines += [f"Chỉ tiêu sửa: {x}" for x in imp.changed]
    lines += [f"Thôi dùng: {x}" for x in imp.retired]
    lines += list(imp.others)
    if imp.empty:
        lines.append("Không có thay đổi nào so với kế hoạch của kỳ.")
    elif version is None:
        lines.append("Chưa lưu (--dry-run).")
    else:
        lines.append(f"Đã lưu thành phiên bản {version} của kế hoạch.")
        if imp.published:
            lines.append("Phiên bản trước đã phát hành: hãy phát hành lại tệp kế hoạch (publish-plan).")
    payload = {
        "period_id": imp.period_id,
        "new": list(imp.new),
        "changed": list(imp.changed),
        "retired": list(imp.retired),
        "others": list(imp.others),
        "version": version,
        "republish": bool(version and imp.published),
    }
    emit(args, payload, "\n".join(lines))
    return 0
