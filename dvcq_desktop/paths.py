"""Where things live on disk. Built once in `main()` and passed down; nothing is computed at import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dvcq_desktop import APP_NAME

DB_FILENAME = "dvcq.sqlite3"
# In the config folder: where the officer moved the data to (Cài đặt → Thư mục dữ liệu).
POINTER_FILENAME = "thu-muc-du-lieu.json"


@dataclass(frozen=True)
class AppPaths:
    """Where the workspace, logs and settings are; the workspace's own layout (database,
    attachments, backups, exports, inbox) belongs to `storage.workspace.Workspace`."""

    workspace: Path
    log_dir: Path
    config_dir: Path

    @classmethod
    def build(
        cls, workspace: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
    ) -> AppPaths:
        """`--workspace` wins, then `DVCQ_HOME`, then the platform's user data dir."""
        import platformdirs

        env = dict(os.environ if env is None else env)
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        home = env.get("DVCQ_HOME")
        if workspace is not None:
            ws = Path(workspace)
        elif home:
            ws = Path(home)
        else:
            ws = moved_workspace(Path(dirs.user_config_dir)) or Path(dirs.user_data_dir)
        if home or workspace is not None:
            # Keep logs beside an explicit workspace so tests and portable installs stay self-contained.
            log_dir = ws / "logs"
            config_dir = ws
        else:
            log_dir = Path(dirs.user_log_dir)
            config_dir = Path(dirs.user_config_dir)
        return cls(
            workspace=ws.expanduser().resolve(),
            log_dir=log_dir.expanduser().resolve(),
            config_dir=config_dir.expanduser().resolve(),
        )


def moved_workspace(config_dir: Path) -> Path | None:
    """The data folder recorded by a move, when it holds data. A folder that is not there (a
    drive letter that changed, a share offline) gives None: the default folder, where the old
    copy was kept, opens instead of an empty new workspace."""
    import json
    import logging

    pointer = config_dir / POINTER_FILENAME
    try:
        record = json.loads(pointer.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        logging.getLogger(__name__).warning("unreadable %s", pointer, exc_info=True)
        return None
    target = record.get("workspace") if isinstance(record, dict) else None
    if not isinstance(target, str) or not (Path(target) / DB_FILENAME).is_file():
        logging.getLogger(__name__).warning("moved data folder %r not found; using the default", target)
        return None
    return Path(target)
