"""A workspace folder: the database, attachments, backups, exports and (aggregator) inbox.

`Workspace.open()` takes the writer lock, checks the file, migrates (after a backup copy)
and makes the daily rotating backup. Worker threads call `for_thread()` (or `connect()` for a bare
connection) to work on their own connection.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.catalog import Catalog, Unit
from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import DB_FILENAME
from dvcq_desktop.storage import backups, keys_repo, settings
from dvcq_desktop.storage.db import connect, environment_error, integrity_ok, looks_like_sqlite
from dvcq_desktop.storage.lock import WorkspaceLock
from dvcq_desktop.storage.migrations import migrate, pending_migrations
from dvcq_desktop.storage.peek import ROLES
from dvcq_desktop.storage.unit_rows import unit_from_row, unit_row
from dvcq_desktop.storage.workspace_defaults import default_doc, default_signer

log = logging.getLogger(__name__)

# Present while a process has the workspace open; still there at the next open = unclean exit.
SESSION_MARKER = ".dvcq.session"
SUBDIRS = ("attachments", "backups", "exports", "inbox")


def writable(root: Path) -> bool:
    """False on a read-only medium (a write-protected USB stick, a CD) or without write permission."""
    db = root / DB_FILENAME
    return os.access(root, os.W_OK) and (not db.exists() or os.access(db, os.W_OK))


class Workspace:
    def __init__(
        self, root: Path, db: Database, lock: WorkspaceLock | None, *, read_only: bool = False
    ) -> None:
        self.root = root
        self.db = db
        self._lock = lock
        self._chosen: tuple[str, str] | None = None  # (plan_id, period_id) for this session only
        # Opened from a medium that cannot be written: viewing and reports to another folder only.
        self.read_only = read_only

    # ---- locations -------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def inbox_dir(self) -> Path:
        return self.root / "inbox"

    @staticmethod
    def exists(root: Path) -> bool:
        return (root / DB_FILENAME).is_file()

    # ---- lifecycle -------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, lock: bool = True, auto_backup: bool = True) -> Workspace:
        root = Path(root)
        path = root / DB_FILENAME
        if not path.is_file():
            raise DvcqError("workspace_missing", path=str(root))
        if not writable(root):
            return cls._open_read_only(root, path)
        ws_lock = WorkspaceLock(root) if lock else None
        if ws_lock:
            ws_lock.acquire()
        try:
            marker = root / SESSION_MARKER
            cls._check_file(root, path, full=marker.exists())
            try:
                db = connect(path)
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except (sqlite3.DatabaseError, DvcqError) as exc:
                if isinstance(exc, DvcqError) and exc.code != "db_corrupt_no_backup":
                    raise
                log.exception("cannot read %s", path)
                env = environment_error(exc, path) if isinstance(exc, sqlite3.DatabaseError) else None
                if env is not None:  # a full disk is not a damaged database
                    raise DvcqError(env, detail=str(exc), path=str(root)) from exc
                cls._raise_corrupt(root, path, str(exc))
            marker.write_text("open\n", encoding="utf-8")
            migrate(
                db, backup=lambda kind: backups.backup_to(db, root / "backups" / backups.backup_name(kind))
            )
            keys_repo.ensure_own(db, path)  # workspaces from before signing get their keys here
            for d in SUBDIRS:
                (root / d).mkdir(exist_ok=True)
            ws = cls(root, db, ws_lock)
            if auto_backup:
                backups.auto_backup_if_due(db, ws.backups_dir, mirror_dir=backups.mirror_dir_of(db))
            return ws
        except BaseException:
            if ws_lock:
                ws_lock.release()
            raise

    @classmethod
    def _open_read_only(cls, root: Path, path: Path) -> Workspace:
        """No lock, no marker, no migration, no backup: nothing may be written. A database that
        still needs upgrading cannot be shown without writing, so it is refused with the reason."""
        log.info("workspace %s is not writable: opening read-only", root)
        cls._check_file(root, path, full=False)
        db = connect(path, readonly=True)
        try:
            if pending_migrations(db):
                raise DvcqError("workspace_read_only_old", path=str(root))
        except BaseException:
            db.conn.close()
            raise
        return cls(root, db, None, read_only=True)

    @classmethod
    def _check_file(cls, root: Path, path: Path, *, full: bool) -> None:
        """Refuse a damaged database without touching it, naming the newest good backup.

        A full scan (quick_check reads every page: seconds on a large workspace) runs only after
        an unclean exit; otherwise the header check plus reading the schema at open is enough.
        """
        if not looks_like_sqlite(path):
            cls._raise_corrupt(root, path, "header")
        if full:
            log.info("previous session did not close cleanly; checking %s", path)
            if not integrity_ok(path, quick=True):
                if environment_error(sqlite3.OperationalError("disk I/O error"), path) == "disk_full":
                    raise DvcqError("disk_full", detail="quick_check on a full disk", path=str(root))
                cls._raise_corrupt(root, path, "quick_check")

    @staticmethod
    def _raise_corrupt(root: Path, path: Path, detail: str) -> NoReturn:
        good = backups.newest_good_backup(root / "backups")
        if good is None:
            raise DvcqError("db_corrupt_no_backup", detail=detail, path=str(path))
        raise DvcqError("db_corrupt", detail=detail, path=str(path), backup=str(good))

    @classmethod
    def create(
        cls,
        root: Path,
        *,
        role: str,
        unit_code: str,
        plan: Plan,
        plan_template: str,
        catalog: Catalog,
        catalog_template: str,
        custom_unit: Unit | None = None,
        signer: dict[str, str] | None = None,
        doc_defaults: dict[str, Any] | None = None,
        period_id: str | None = None,
    ) -> Workspace:
        root = Path(root)
        if role not in ROLES:
            raise ValueError(role)
        if cls.exists(root):
            raise DvcqError("workspace_exists", path=str(root))
        units = list(catalog.units)
        if custom_unit is not None:
            units.append(custom_unit)
        own = next((u for u in units if u.code == unit_code), None)
        if own is None:
            raise DvcqError("unit_unknown", unit_code=unit_code, catalog=catalog.id)
        root.mkdir(parents=True, exist_ok=True)
        lock = WorkspaceLock(root)
        lock.acquire()
        try:
            db = connect(root / DB_FILENAME)
            migrate(db)
            now = clock.iso(clock.now())
            period = plan.period(period_id) if period_id else plan.periods[-1]
            with db.atomic():
                db.table("plans").insert(
                    {
                        "id": plan.id,
                        "version": plan.version,
                        "content_hash": plan.content_hash,
                        "template": plan_template,
                        "loaded_at": now,
                    }
                )
                db.table("periods").insert_all(
                    [
                        {
                            "plan_id": plan.id,
                            "id": p.id,
                            "label": p.label,
                            "kind": p.kind,
                            "start": p.start.isoformat(),
                            "end": p.end.isoformat(),
                            "deadline": p.deadline.isoformat(),
                            "opened_at": None,
                        }
                        for p in plan.periods
                    ]
                )
                db.table("units").insert_all(
                    [unit_row(u, catalog.id, custom=(u is custom_unit)) for u in units]
                )
                settings.put_many(
                    db,
                    {
                        "role": role,
                        "unit_code": unit_code,
                        "plan_id": plan.id,
                        "period_id": period.id,
                        "catalog_id": catalog.id,
                        "catalog_template": catalog_template,
                        "created_at": now,
                        "signer": signer or default_signer(own, role),
                        "doc_defaults": doc_defaults or default_doc(own, catalog, role),
                    },
                )
            keys_repo.ensure_own(db, root / DB_FILENAME)
            for d in SUBDIRS:
                (root / d).mkdir(exist_ok=True)
            (root / SESSION_MARKER).write_text("open\n", encoding="utf-8")
            return cls(root, db, lock)
        except BaseException:
            lock.release()
            raise

    def connect(self) -> Database:
        """A fresh connection for a worker thread."""
        return connect(self.db_path, readonly=self.read_only)

    def for_thread(self) -> Workspace:
        """The same folder on a fresh connection, for a worker thread (sqlite: one connection per
        thread). It holds no lock, so its `close()` only closes that connection."""
        ws = Workspace(self.root, self.connect(), None, read_only=self.read_only)
        ws._chosen = self._chosen
        return ws

    def close(self) -> None:
        try:
            self.db.conn.close()
            if self._lock:
                (self.root / SESSION_MARKER).unlink(missing_ok=True)
        finally:
            if self._lock:
                self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- what this workspace is ------------------------------------------------------------
    @property
    def role(self) -> str:
        return str(settings.get(self.db, "role"))

    @property
    def unit_code(self) -> str:
        """The unit reporting the chosen period: a successor continues new periods under its own
        code while earlier periods keep the code they were reported under."""
        plan_id, period_id = self.chosen
        from dvcq_desktop.storage.periods_repo import period_unit_code

        return period_unit_code(self.db, plan_id, period_id) or str(settings.get(self.db, "unit_code"))

    @property
    def chosen(self) -> tuple[str, str]:
        """(plan_id, period_id) every page, command, report and package works on."""
        if self._chosen is not None:
            return self._chosen
        return str(settings.get(self.db, "plan_id")), str(settings.get(self.db, "period_id"))

    def use_period(self, period_id: str | None, *, remember: bool = False) -> None:
        """Work on `period_id` (any plan version's); `remember` makes it the workspace's choice."""
        if period_id is None or (not remember and self._chosen and self._chosen[1] == period_id):
            return
        from dvcq_desktop.storage.periods_repo import find

        row = find(self.db, str(period_id))
        if row is None:
            raise DvcqError("period_unknown", period=period_id, plan=self.chosen[0])
        self._chosen = (row["plan_id"], row["id"])
        if remember:
            settings.put_many(self.db, {"plan_id": row["plan_id"], "period_id": row["id"]})
        self.refresh()

    def refresh(self) -> None:
        """Forget cached plan and catalogue (after a period change or a new plan version)."""
        for key in ("plan", "catalog"):
            self.__dict__.pop(key, None)

    def plan_for(self, period_id: str | None) -> Plan:
        """The plan version governing `period_id` (the chosen period's when None)."""
        if period_id is None or period_id == self.chosen[1]:
            return self.plan
        from dvcq_desktop.domain.plan_loader import plan_from_data
        from dvcq_desktop.storage.periods_repo import find

        row = find(self.db, str(period_id))
        if row is None:
            raise DvcqError("period_unknown", period=period_id, plan=self.chosen[0])
        tmpl = next(iter(self.db.query("SELECT template FROM plans WHERE id = ?", [row["plan_id"]])))
        return plan_from_data(
            json.loads(tmpl["template"]), f"{self.db_path}#plans/{row['plan_id']}", trusted=True
        )

    @cached_property
    def plan(self) -> Plan:
        from dvcq_desktop.domain.plan_loader import plan_from_data

        pid = self.chosen[0]
        row = next(iter(self.db.query("SELECT template FROM plans WHERE id = ?", [pid])))
        return plan_from_data(json.loads(row["template"]), f"{self.db_path}#plans/{pid}", trusted=True)

    @cached_property
    def catalog(self) -> Catalog:
        """The catalogue as edited in this workspace (units table is the source of truth)."""
        from dvcq_desktop.domain.catalog import catalog_from_data

        base = catalog_from_data(
            json.loads(settings.get(self.db, "catalog_template")), f"{self.db_path}#catalog", trusted=True
        )
        units = tuple(
            unit_from_row(r)
            for r in self.db.query(
                "SELECT * FROM units u WHERE version = (SELECT max(version) FROM units v "
                "WHERE v.code = u.code) ORDER BY rowid"
            )
        )
        from dataclasses import replace

        return replace(base, units=units)

    @property
    def own_unit(self) -> Unit:
        return self.catalog.unit(self.unit_code)

    @property
    def period(self) -> Period:
        return self.plan.period(self.chosen[1])

    def setting(self, key: str, default: Any = None) -> Any:
        return settings.get(self.db, key, default)

    def set_setting(self, key: str, value: Any) -> None:
        settings.put(self.db, key, value)
