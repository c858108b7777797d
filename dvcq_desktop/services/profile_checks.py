"""Will Windows delete the data at log-off? The profile signals Windows documents, read at start.

The data folder defaults to %LOCALAPPDATA%, inside the user's profile. The profile itself can be
thrown away:
- a temporary profile (Windows could not load the user's own: USERPROFILE is C:\\Users\\TEMP or
  TEMP.<domain>…; GetProfileType says PT_TEMPORARY; ProfileList State has 0x0800) is deleted
  at log-off;
- a mandatory profile (PT_MANDATORY, State 0x0001) or a guest profile (State 0x0080) discards
  every change at log-off;
- with a roaming profile, the policy "Delete cached copies of roaming profiles"
  (DeleteRoamingCache) removes the local copy at log-off, and %LOCALAPPDATA% never roams;
- the policy "Delete user profiles older than N days" (CleanupProfiles) removes whole profiles.
Each says so in Vietnamese and points to Cài đặt → Thư mục dữ liệu. Nothing is said when the
data folder is outside the profile. Every reader is injectable, so this runs on any machine.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any, Protocol

from dvcq_desktop.storage.fsutil import strip_long_prefix

log = logging.getLogger(__name__)

HKLM = "HKEY_LOCAL_MACHINE"
PROFILE_LIST = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList"
SYSTEM_POLICIES = r"SOFTWARE\Policies\Microsoft\Windows\System"

# GetProfileType (userenv.h)
PT_TEMPORARY, PT_ROAMING, PT_MANDATORY = 0x1, 0x2, 0x4
# ProfileList\<SID>\State bits
STATE_MANDATORY, STATE_GUEST, STATE_TEMP_ASSIGNED = 0x0001, 0x0080, 0x0800


class Registry(Protocol):
    def subkeys(self, root: str, path: str) -> list[str]: ...
    def value(self, root: str, path: str, name: str) -> object | None: ...


@dataclass(frozen=True)
class ProfileFacts:
    profile_dir: str = ""
    temporary: bool = False
    mandatory: bool = False
    roaming: bool = False
    delete_roaming_cache: bool = False
    cleanup_days: int = 0


class WinRegistry:
    """The real registry (winreg), read-only; anything unreadable reads as absent."""

    def __init__(self) -> None:
        self.winreg: Any = importlib.import_module("winreg")  # Windows only; untyped elsewhere

    def _open(self, root: str, path: str) -> Any:
        return self.winreg.OpenKey(getattr(self.winreg, root), path)

    def subkeys(self, root: str, path: str) -> list[str]:
        winreg = self.winreg
        try:
            with self._open(root, path) as key:
                return [winreg.EnumKey(key, i) for i in range(winreg.QueryInfoKey(key)[0])]
        except OSError:
            return []

    def value(self, root: str, path: str, name: str) -> object | None:
        try:
            with self._open(root, path) as key:
                return self.winreg.QueryValueEx(key, name)[0]
        except OSError:
            return None


def windows_profile_type() -> int | None:
    """GetProfileType's flags for the current user, None when it cannot be asked."""
    try:
        import ctypes
        from ctypes import wintypes

        flags = wintypes.DWORD(0)
        if ctypes.windll.userenv.GetProfileType(ctypes.byref(flags)):  # type: ignore[attr-defined]
            return int(flags.value)
    except (OSError, AttributeError, ImportError):
        pass
    return None


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _is_temp_folder(profile_dir: str) -> bool:
    name = PureWindowsPath(profile_dir).name.upper()
    return name == "TEMP" or name.startswith("TEMP.")


def read_profile_facts(
    env: Mapping[str, str],
    *,
    profile_type: Callable[[], int | None] = windows_profile_type,
    registry: Registry | None = None,
) -> ProfileFacts:
    profile_dir = env.get("USERPROFILE", "")
    try:
        reg: Registry = registry if registry is not None else WinRegistry()
    except ImportError:
        return ProfileFacts(profile_dir=profile_dir, temporary=_is_temp_folder(profile_dir))
    ptype = profile_type() or 0
    state, central = 0, ""
    if profile_dir:
        for sid in reg.subkeys(HKLM, PROFILE_LIST):
            key = f"{PROFILE_LIST}\\{sid}"
            image = reg.value(HKLM, key, "ProfileImagePath")
            if isinstance(image, str) and PureWindowsPath(os.path.expandvars(image)) == PureWindowsPath(
                profile_dir
            ):
                state = _int(reg.value(HKLM, key, "State"))
                central = str(reg.value(HKLM, key, "CentralProfile") or "")
                break
    return ProfileFacts(
        profile_dir=profile_dir,
        temporary=_is_temp_folder(profile_dir)
        or bool(ptype & PT_TEMPORARY)
        or bool(state & STATE_TEMP_ASSIGNED),
        mandatory=bool(ptype & PT_MANDATORY) or bool(state & (STATE_MANDATORY | STATE_GUEST)),
        roaming=bool(ptype & PT_ROAMING) or bool(central),
        delete_roaming_cache=_int(reg.value(HKLM, SYSTEM_POLICIES, "DeleteRoamingCache")) == 1,
        cleanup_days=_int(reg.value(HKLM, SYSTEM_POLICIES, "CleanupProfiles")),
    )


def _inside_profile(workspace: str, profile_dir: str) -> bool:
    if not profile_dir:
        return False
    ws, prof = PureWindowsPath(strip_long_prefix(workspace)), PureWindowsPath(strip_long_prefix(profile_dir))
    return ws == prof or prof in ws.parents


def profile_problems(workspace: str, facts: ProfileFacts) -> list[tuple[str, dict[str, str]]]:
    """(message code, params) for each way the profile may take the data folder with it."""
    if not _inside_profile(workspace, facts.profile_dir):
        return []
    params = {"path": workspace, "profile": facts.profile_dir}
    if facts.temporary:
        return [("startup_profile_temporary", params)]
    if facts.mandatory:
        return [("startup_profile_mandatory", params)]
    found: list[tuple[str, dict[str, str]]] = []
    if facts.roaming and facts.delete_roaming_cache:
        found.append(("startup_profile_roaming_deleted", params))
    if facts.cleanup_days > 0:
        found.append(("startup_profile_cleanup", {**params, "days": str(facts.cleanup_days)}))
    return found
