"""The named mutex that tells the Windows installer the app is running.

Inno Setup's `AppMutex` (packaging/windows/dvcq.iss) checks for this name before it installs an
update or uninstalls: while an officer has the app open, Setup asks them to close it instead of
replacing files under a running program (which would leave a half-old `_internal`). The app creates
the mutex at start and holds it until the process ends; Windows releases it then, even after a crash.
The workspace lock stays what guards the data: this mutex only speaks to the installer."""

from __future__ import annotations

import sys

# Must equal `#define AppMutexName` in packaging/windows/dvcq.iss (a test compares them).
APP_MUTEX_NAME = "vn.dvcq.Desktop.running"

_held: list[int] = []  # the handle, kept open for the life of the process


def hold_running_mutex(name: str = APP_MUTEX_NAME) -> int | None:
    """Create (or open) the named mutex and keep its handle open; None off Windows or on failure.

    Not acquiring it is deliberate: a second copy of the app (the `.dvcq` hand-off) must be able to
    start; what matters to Setup is only that the name exists while any copy runs."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    create = kernel32.CreateMutexW
    create.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    create.restype = wintypes.HANDLE
    handle = create(None, False, name)
    if not handle:
        return None
    _held.append(int(handle))
    return int(handle)


def mutex_exists(name: str = APP_MUTEX_NAME) -> bool:
    """Whether some process holds the named mutex (what Setup's AppMutex check asks); Windows only."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    open_mutex = kernel32.OpenMutexW
    open_mutex.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR]
    open_mutex.restype = wintypes.HANDLE
    synchronize = 0x00100000
    handle = open_mutex(synchronize, False, name)
    if not handle:
        return False
    kernel32.CloseHandle(wintypes.HANDLE(handle))
    return True
