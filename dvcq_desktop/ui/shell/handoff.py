"""One window per workspace: a second start on the same data hands its work to the open window.

The receiving office double-clicks one received `.dvcq` after another while the app is open; each
must land in that window's import preview, not in a second window told "the data is open
elsewhere". The window that holds the workspace listens on a local socket (a named pipe on
Windows) named after the workspace folder and the user; a later start that finds the workspace
busy sends it the file (or only asks it to come to the front) and exits.

Messages are one JSON object per line: {"open": "<path>"} or {"raise": true}; the window answers
"ok". Only the same user can connect (UserAccessOption).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 3000
ASFW_ANY = 0xFFFFFFFF  # (DWORD)-1: any process may set the foreground window


def server_name(root: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system: the folder alone will do
        user = ""
    key = f"{user}\n{Path(root).resolve()}".encode()
    return "dvcq-" + hashlib.sha256(key).hexdigest()[:20]


def send(root: Path, file: Path | None) -> bool:
    """Hand `file` (or, with None, only "come to the front") to the window holding `root`;
    True when that window took it."""
    message = {"open": str(Path(file).resolve())} if file is not None else {"raise": True}
    sock = QLocalSocket()
    sock.connectToServer(server_name(root))
    if not sock.waitForConnected(TIMEOUT_MS):
        return False
    allow_foreground()
    try:
        sock.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
        if not sock.waitForBytesWritten(TIMEOUT_MS):
            return False
        while not sock.canReadLine():
            if not sock.waitForReadyRead(TIMEOUT_MS):
                return False
        return bytes(sock.readLine().data()).strip() == b"ok"
    finally:
        sock.disconnectFromServer()


def allow_foreground(user32: Any = None, *, windows: bool = os.name == "nt") -> bool:
    """Let the window we hand over to take the foreground. Windows only lets the process the user
    just started (this one) bring a window to the front; without passing that right on, the open
    window only flashes in the taskbar. The receiver's pid is behind its lock, hence ASFW_ANY."""
    if not windows:
        return False
    try:
        if user32 is None:
            import ctypes
            from ctypes import wintypes

            user32 = ctypes.windll.user32  # type: ignore[attr-defined]
            user32.AllowSetForegroundWindow.argtypes = [wintypes.DWORD]
        return bool(user32.AllowSetForegroundWindow(ASFW_ANY))
    except Exception:  # noqa: BLE001 - the hand-off still works; the window only stays behind
        log.warning("AllowSetForegroundWindow failed", exc_info=True)
        return False


class HandoffServer(QObject):
    """Listens while this process holds the workspace (so a socket left by a crash is ours to
    remove). `open_file` carries a path, `raise_window` a plain "come to the front"."""

    open_file = Signal(Path)
    raise_window = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Path(root)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(root)
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("hand-off server not listening: %s", self.server.errorString())
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        # No Python closure holds a socket: Qt deletes a socket when it disconnects, and a lambda
        # capturing it would be freed from inside that deletion (a crash seen in the test run).
        while (sock := self.server.nextPendingConnection()) is not None:
            sock.readyRead.connect(self._ready_read)
            sock.disconnected.connect(sock.deleteLater)

    def _ready_read(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        while sock.canReadLine():
            line = bytes(sock.readLine().data())
            try:
                message = json.loads(line.decode("utf-8"))
                path = Path(message["open"]) if "open" in message else None
                if path is None and message.get("raise") is not True:
                    raise ValueError("no request")
            except (ValueError, TypeError, KeyError, AttributeError):
                log.warning("hand-off: unreadable message %r", line[:200])
                sock.write(b"bad\n")
                continue
            sock.write(b"ok\n")
            sock.flush()
            log.info("hand-off from another start: %s", path or "raise")
            if path is None:
                self.raise_window.emit()
            else:
                self.open_file.emit(path)
