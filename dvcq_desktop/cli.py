"""`dvcq` command line: the same use cases as the GUI, for scripts and for the receiving office.

Exit codes: 0 success, 1 handled failure (one Vietnamese line on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services.about import VersionAction

log = logging.getLogger(__name__)

COMMANDS = (
    "init",
    "demo",
    "export",
    "verify",
    "import",
    "status",
    "report",
    "unit-plan",
    "backup",
    "restore",
    "info",
    "periods",
    "open-period",
    "publish-plan",
    "export-roster",
    "import-roster",
    "export-plan",
    "import-plan",
    "keys",
    "receipt",
)


def is_cli_invocation(args: Sequence[str]) -> bool:
    """True when the arguments name a CLI command (or ask for help/version); else the GUI opens."""
    skip_next = False
    for a in args:
        if skip_next:
            skip_next = False
            continue
        if a in ("--workspace", "-w"):
            skip_next = True
            continue
        if a in ("-h", "--help", "--version"):
            return True
        if a.startswith("-"):
            continue
        return a in COMMANDS
    return False


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: lỗi: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="dvcq", description="Sổ theo dõi và báo cáo công tác dân vận chính quyền.", add_help=False
    )
    p.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
    p.add_argument(
        "--version", action=VersionAction, help="hiện phiên bản, thư mục dữ liệu, SQLite, giấy phép rồi thoát"
    )
    p.add_argument(
        "--workspace",
        "-w",
        metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: DVCQ_HOME hoặc thư mục dữ liệu của người dùng)",
    )
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    sub.required = True

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_, add_help=False)
        sp.add_argument("-h", "--help", action="help", help="hiện hướng dẫn của lệnh")
        return sp

    s = cmd("init", "tạo thư mục dữ liệu mới cho đơn vị báo cáo hoặc cơ quan tổng hợp")
    s.add_argument(
        "--role",
        choices=["unit", "aggregator"],
        help="unit = đơn vị báo cáo; aggregator = cơ quan tổng hợp (bắt buộc, trừ khi có --from-plan)",
    )
    s.add_argument(
        "--from-plan",
        metavar="TỆP.dvcqkh",
        help="tạo thư mục dữ liệu của đơn vị từ tệp kế hoạch do cơ quan tổng hợp phát hành",
    )
    s.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị trong danh mục, ví dụ TPTN-P1")
    s.add_argument("--catalog", metavar="TỆP_HOẶC_MÃ", help="danh mục đơn vị (tệp JSON hoặc mã có sẵn)")
    s.add_argument("--plan", metavar="TỆP_HOẶC_MÃ", help="kế hoạch (tệp JSON hoặc mã có sẵn)")
    s.add_argument(
        "--period",
        metavar="KỲ",
        help="kỳ báo cáo (mặc định: đơn vị — kỳ có khoảng số liệu chứa ngày hôm nay, mở tạm theo kế hoạch "
        "năm trước nếu chưa có; cơ quan tổng hợp — kỳ cuối của kế hoạch)",
    )

    s = cmd("demo", "điền dữ liệu mẫu (cố định theo --seed) vào thư mục dữ liệu")
    s.add_argument("--activities", type=int, default=None, metavar="N", help="số hoạt động (mặc định 60–150)")
    s.add_argument("--seed", type=int, default=1, metavar="S", help="hạt giống ngẫu nhiên")
    s.add_argument("--period", metavar="KỲ", help="kỳ báo cáo (mặc định: kỳ đang chọn)")

    s = cmd("export", "xuất gói báo cáo .dvcq")
    s.add_argument(
        "--out",
        required=True,
        metavar="ĐƯỜNG_DẪN",
        help="thư mục đích (tên tệp đặt theo quy định), hoặc tệp .dvcq đích (không ghi đè tệp đã có)",
    )
    s.add_argument("--period", metavar="KỲ")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    s = cmd(
        "verify",
        "kiểm tra gói .dvcq, tệp kế hoạch .dvcqkh hoặc biên nhận .dvcqbn (không cần thư mục dữ liệu; "
        "với --workspace, đối chiếu thêm các kế hoạch mà thư mục dữ liệu đó lưu; "
        "JSON: ok, code, signature = valid / invalid / none, signer)",
    )
    s.add_argument(
        "paths",
        nargs="+",
        metavar="ĐƯỜNG_DẪN",
        help="tệp .dvcq, .dvcqkh hoặc .dvcqbn, hoặc thư mục: kiểm tra mọi tệp .dvcq trong đó",
    )
    s.add_argument("--json", action="store_true")

    s = cmd(
        "import",
        "cơ quan tổng hợp: nhập các gói .dvcq từ tệp hoặc thư mục; đơn vị: nhận tệp kế hoạch .dvcqkh "
        "và biên nhận .dvcqbn (kind = receipt) "
        "(kết quả new / duplicate / older-revision / rejected, kind = plan)",
    )
    s.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN")
    s.add_argument("--dry-run", action="store_true", help="chỉ xem trước kết quả, không lưu gì")
    s.add_argument(
        "--accept-successor",
        action="store_true",
        help="đơn vị: nếu kế hoạch nêu đơn vị kế thừa, tiếp tục thư mục dữ liệu dưới mã và tên đơn vị kế thừa "
        "cho các kỳ mới (các kỳ trước giữ mã cũ)",
    )
    s.add_argument(
        "--accept-key",
        action="append",
        metavar="MÃ",
        help="cơ quan tổng hợp: chấp nhận khóa mới của đơn vị MÃ (đã so mã khóa qua điện thoại); cần --reason",
    )
    s.add_argument("--reason", metavar="LÝ_DO", help="lý do chấp nhận khóa mới, ghi vào nhật ký")
    s.add_argument(
        "--identity",
        metavar="TỆP_KHÓA",
        help="cơ quan: mở gói đã mã hóa bằng khóa dự phòng trong TỆP_KHÓA (khi máy cũ đã mất)",
    )
    s.add_argument(
        "--json",
        action="store_true",
        help="mỗi tệp một đối tượng JSON; mã thoát 0 khi đã chạy xong lượt nhập",
    )

    s = cmd(
        "status",
        "cơ quan tổng hợp: tình hình nộp báo cáo; đơn vị: các gói đã xuất và biên nhận "
        "(JSON: exports[], mỗi gói có received_at khi đã có biên nhận)",
    )
    s.add_argument("--period", metavar="KỲ")
    s.add_argument("--json", action="store_true")

    s = cmd("report", "lập báo cáo Word (và phụ lục Excel)")
    s.add_argument("--out", required=True, metavar="TỆP.docx")
    s.add_argument("--xlsx", metavar="TỆP.xlsx")
    s.add_argument("--period", metavar="KỲ")

    s = cmd(
        "unit-plan",
        "lập Kế hoạch của đơn vị (Word, kèm phụ lục danh mục nhiệm vụ) và danh sách nhiệm vụ (Excel); "
        "là DỰ THẢO cho đến khi kế hoạch có số và ngày ban hành",
    )
    s.add_argument("--out", required=True, metavar="TỆP.docx", help="tệp Word của Kế hoạch")
    s.add_argument("--xlsx", metavar="TỆP.xlsx", help="thêm tệp Excel danh sách nhiệm vụ")
    s.add_argument("--period", metavar="KỲ", help="kỳ của kế hoạch (mặc định: kỳ đang làm)")

    s = cmd("backup", "sao lưu dữ liệu")
    s.add_argument("--out", metavar="TỆP", help="tệp sao lưu (mặc định: trong thư mục backups/)")

    s = cmd("restore", "khôi phục dữ liệu từ tệp sao lưu (dữ liệu hiện tại được giữ lại)")
    s.add_argument("file", metavar="TỆP")

    s = cmd("info", "thông tin thư mục dữ liệu, kế hoạch, đơn vị")
    s.add_argument("--period", metavar="KỲ")

    s = cmd(
        "periods",
        "các kỳ báo cáo của thư mục dữ liệu (JSON: id, label, start, end, deadline, plan_id, current, "
        "chosen, provisional, submitted, unsent_earlier)",
    )
    s.add_argument("--json", action="store_true")

    s = cmd(
        "open-period",
        "cơ quan tổng hợp: mở kỳ báo cáo năm YEAR, lập kế hoạch và danh sách đơn vị từ năm trước",
    )
    s.add_argument(
        "year", metavar="YEAR", help="năm, ví dụ 2024 (số liệu 01/11 năm trước – 31/10, hạn 01/11)"
    )
    s.add_argument("--json", action="store_true")

    s = cmd("publish-plan", "cơ quan tổng hợp: phát hành tệp kế hoạch .dvcqkh của kỳ cho các đơn vị")
    s.add_argument("--period", required=True, metavar="KỲ")
    s.add_argument("--out", required=True, metavar="THƯ_MỤC")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (trường path)")

    s = cmd("export-roster", "cơ quan tổng hợp: xuất danh sách đơn vị phải báo cáo của kỳ ra Excel để sửa")
    s.add_argument("--period", required=True, metavar="KỲ")
    s.add_argument("--out", required=True, metavar="TỆP.xlsx")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (trường path)")
    s = cmd(
        "import-roster",
        "cơ quan tổng hợp: nhập danh sách đơn vị của kỳ từ Excel (đưa vào/đưa ra kèm lý do); "
        "tệp có lỗi thì không thay đổi gì",
    )
    s.add_argument("file", metavar="TỆP.xlsx")
    s.add_argument("--period", required=True, metavar="KỲ")
    s.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và in các thay đổi, không lưu")
    s.add_argument(
        "--json", action="store_true", help="in dạng JSON (period_id, changes, unchanged, applied)"
    )
    s = cmd(
        "export-plan",
        "cơ quan tổng hợp: xuất nội dung kế hoạch của kỳ ra Excel (lĩnh vực, chỉ tiêu, loại hoạt động, "
        "đề cương, quy tắc)",
    )
    s.add_argument("--period", required=True, metavar="KỲ")
    s.add_argument("--out", required=True, metavar="TỆP.xlsx")
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (trường path)")
    s = cmd(
        "import-plan",
        "cơ quan tổng hợp: nhập nội dung kế hoạch đã sửa từ Excel, lưu thành phiên bản mới; "
        "tệp có lỗi thì không thay đổi gì",
    )
    s.add_argument("file", metavar="TỆP.xlsx")
    s.add_argument("--period", required=True, metavar="KỲ")
    s.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và in các thay đổi, không lưu")
    s.add_argument(
        "--json",
        action="store_true",
        help="in dạng JSON (period_id, new, changed, retired, others, version, republish)",
    )

    s = cmd(
        "keys",
        "mã khóa (fingerprint) của thư mục dữ liệu; cơ quan tổng hợp: cả khóa các đơn vị đã ghi nhận",
    )
    s.add_argument("--json", action="store_true", help="in dạng JSON (trường fingerprint, units / office)")
    s.add_argument(
        "--backup-recipient", metavar="age1…", help="cơ quan: khóa dự phòng (công khai) của lãnh đạo"
    )
    s.add_argument(
        "--new-backup-key",
        metavar="TỆP",
        help="cơ quan: tạo khóa dự phòng mới, ghi khóa bí mật vào TỆP để cất giữ",
    )
    s.add_argument(
        "--require-signed",
        choices=("on", "off"),
        help="cơ quan: chỉ nhận gói có chữ ký trong kỳ (--period, mặc định kỳ đang chọn)",
    )
    s.add_argument("--period", metavar="KỲ")

    s = cmd("receipt", "cơ quan tổng hợp: lập biên nhận có chữ ký cho các gói đã nhận của một đơn vị")
    who = s.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="MÃ", help="biên nhận cho một đơn vị (JSON: path)")
    who.add_argument(
        "--all", action="store_true", help="mỗi đơn vị đã nộp trong kỳ một biên nhận (JSON: paths)"
    )
    s.add_argument("--period", metavar="KỲ")
    s.add_argument("--out", required=True, metavar="THƯ_MỤC")
    s.add_argument(
        "--eml",
        action="store_true",
        help="kèm mỗi biên nhận một thư trả lời .eml (bản nháp) đính kèm biên nhận (JSON: eml / emls)",
    )
    s.add_argument(
        "--to",
        metavar="THƯ_ĐIỆN_TỬ",
        help="với --unit: địa chỉ thư điện tử của đơn vị (được ghi nhớ cho lần sau)",
    )
    s.add_argument("--json", action="store_true", help="in kết quả dạng JSON (trường path)")
    return p


def utf8_when_not_a_console(streams: Sequence[Any] | None = None) -> None:
    """Piped or redirected output leaves as UTF-8. On Windows a pipe gets the ANSI code page
    (cp1252, cp1258, cp437), which cannot encode "ậ": `dvcq info | more` or a script reading
    `--json` died with a garbled error. A console is left alone (Windows writes it as UTF-16)."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue  # replaced by a test harness or None under pythonw
        try:
            if stream.isatty():
                continue
        except (ValueError, OSError):
            continue
        if str(getattr(stream, "encoding", "")).lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")


def _log_unraisable(u: Any) -> None:
    log.warning("ignored in %r: %r", u.object, u.exc_value)


def main(argv: Sequence[str] | None = None) -> int:
    utf8_when_not_a_console()
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    from dvcq_desktop.logging_setup import setup_logging
    from dvcq_desktop.paths import AppPaths

    paths = AppPaths.build(args.workspace)
    setup_logging(paths.log_dir)
    # A log file that cannot be written (full disk) must not print tracebacks over the one line,
    # nor may a half-written workbook's ZIP complaining when it is collected.
    logging.raiseExceptions = False
    sys.unraisablehook = _log_unraisable
    from dvcq_desktop.cli_commands import HANDLERS

    handler: Callable[[argparse.Namespace, AppPaths], int] = HANDLERS[args.command]
    try:
        return handler(args, paths)
    except DvcqError as exc:
        log.warning("command %s failed: %r", args.command, exc)
        print(exc.message, file=sys.stderr)
        return 1
    except OSError as exc:
        log.exception("command %s failed", args.command)
        print(user_message(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        log.exception("command %s crashed", args.command)
        print(user_message(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
