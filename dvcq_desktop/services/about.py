"""What the About dialog and `--version` show: version, data folder, SQLite, Python, licence.

Qt-free: the GUI adds the Qt version (`about_text(info, qt=...)`) because only it loads Qt; the
`dvcq` command line never imports Qt just to print a version.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

from dvcq_desktop import APP_NAME, APP_TITLE, __version__
from dvcq_desktop.paths import AppPaths

LICENCE = "MIT"
LABELS = {
    "version": "Phiên bản",
    "data_folder": "Thư mục dữ liệu",
    "key_fingerprint": "Mã khóa ký của thư mục dữ liệu",
    "log_folder": "Thư mục nhật ký",
    "sqlite": "SQLite",
    "python": "Python",
    "qt": "Qt",
    "system": "Hệ điều hành",
    "licence": "Giấy phép",
}


def about_info(paths: AppPaths) -> dict[str, str]:
    """Plain strings, in display order (dicts keep insertion order)."""
    return {
        "name": APP_NAME,
        "title": APP_TITLE,
        "version": __version__,
        "data_folder": str(paths.workspace),
        "key_fingerprint": key_fingerprint(paths),
        "log_folder": str(paths.log_dir),
        "sqlite": sqlite3.sqlite_version,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}".strip(),
        "licence": LICENCE,
    }


def key_fingerprint(paths: AppPaths) -> str:
    """The workspace's signing-key fingerprint, read without opening (or locking) the workspace;
    "" when there is none yet."""
    from dvcq_desktop.paths import DB_FILENAME
    from dvcq_desktop.storage.fsutil import sqlite_readonly_uri

    db = paths.workspace / DB_FILENAME
    if not db.is_file():
        return ""
    try:
        con = sqlite3.connect(sqlite_readonly_uri(db), uri=True)
        try:
            row = con.execute("SELECT fingerprint FROM workspace_keys WHERE purpose = 'sign'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row else ""


def about_lines(info: dict[str, str], *, qt: str | None = None) -> list[str]:
    """ "Nhãn: giá trị" lines; `qt` is given only where Qt is loaded (the GUI)."""
    values: dict[str, Any] = dict(info)
    if qt:
        values["qt"] = qt
    return [f"{LABELS[key]}: {values[key]}" for key in LABELS if values.get(key)]


def about_notes(sqlite_version: str | None = None) -> list[str]:
    """Notes about this installation worth telling support: the full SQLite WAL-fix text (shown
    here and logged at start, never in the status bar: it is not the officer's to act on)."""
    from dvcq_desktop.services.startup_checks import check_sqlite

    return [w.text for w in check_sqlite(sqlite_version)]


def about_text(info: dict[str, str], *, qt: str | None = None, notes: Sequence[str] = ()) -> str:
    return "\n".join(
        [
            f"{info['name']} {info['version']} — {info['title']}",
            *about_lines(info, qt=qt),
            *(f"Lưu ý: {n}" for n in notes),
        ]
    )


class VersionAction(argparse.Action):
    """`--version` for argparse: prints `about_text` for the workspace named so far (or the default)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:  # noqa: A002
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        paths = AppPaths.build(getattr(namespace, "workspace", None))
        print(about_text(about_info(paths)))
        sys.stdout.flush()
        parser.exit(0)
