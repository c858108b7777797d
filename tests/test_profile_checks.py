"""Windows profiles that delete the data at log-off are detected from the documented signals
(USERPROFILE, GetProfileType, ProfileList State, profile policies) and said in Vietnamese."""

from __future__ import annotations

from dvcq_desktop.services.profile_checks import (
    HKLM,
    PROFILE_LIST,
    SYSTEM_POLICIES,
    ProfileFacts,
    read_profile_facts,
)
from dvcq_desktop.services.startup_checks import startup_checks

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"
LOCAL = r"C:\Users\canbo\AppData\Local\dvcq-desktop"


class Registry:
    """The registry as a dictionary of keys, each a dictionary of values."""

    def __init__(self, keys: dict[str, dict[str, object]]) -> None:
        self.keys = keys

    def subkeys(self, root: str, path: str) -> list[str]:
        prefix = f"{root}\\{path}\\"
        return sorted({k[len(prefix) :].split("\\")[0] for k in self.keys if k.startswith(prefix)})

    def value(self, root: str, path: str, name: str) -> object | None:
        return self.keys.get(f"{root}\\{path}", {}).get(name)


def _profile(state: int = 0, **policies: object) -> Registry:
    keys: dict[str, dict[str, object]] = {
        f"{HKLM}\\{PROFILE_LIST}\\S-1-5-18": {
            "ProfileImagePath": r"%systemroot%\system32\config\systemprofile"
        },
        f"{HKLM}\\{PROFILE_LIST}\\{SID}": {"ProfileImagePath": r"C:\Users\canbo", "State": state},
    }
    if policies:
        keys[f"{HKLM}\\{SYSTEM_POLICIES}"] = dict(policies)
    return Registry(keys)


def _codes(workspace: str, facts: ProfileFacts) -> list[str]:
    found = startup_checks(
        workspace, platform="win32", drive_type=lambda _r: 3, sqlite_version="3.54.1", profile=facts
    )
    return [w.code for w in found]


def test_an_ordinary_profile_says_nothing() -> None:
    facts = read_profile_facts(
        {"USERPROFILE": r"C:\Users\canbo"}, profile_type=lambda: 0, registry=_profile()
    )
    assert facts == ProfileFacts(profile_dir=r"C:\Users\canbo")
    assert _codes(LOCAL, facts) == []


def test_temporary_profile_from_the_folder_name_alone() -> None:
    env = {"USERPROFILE": r"C:\Users\TEMP.PHUONG1.000"}
    facts = read_profile_facts(env, profile_type=lambda: None, registry=Registry({}))
    assert facts.temporary
    ws = r"C:\Users\TEMP.PHUONG1.000\AppData\Local\dvcq-desktop"
    found = startup_checks(
        ws, platform="win32", drive_type=lambda _r: 3, sqlite_version="3.54.1", profile=facts
    )
    assert [w.code for w in found] == ["startup_profile_temporary"]
    assert found[0].serious
    assert "TẠM THỜI" in found[0].text and ws in found[0].text and "Thư mục dữ liệu" in found[0].text


def test_temporary_from_getprofiletype_and_from_the_profilelist_state() -> None:
    env = {"USERPROFILE": r"C:\Users\canbo"}
    assert read_profile_facts(env, profile_type=lambda: 0x1, registry=_profile()).temporary
    assert read_profile_facts(env, profile_type=lambda: 0, registry=_profile(state=0x0800)).temporary


def test_mandatory_and_guest_profiles() -> None:
    env = {"USERPROFILE": r"C:\Users\canbo"}
    for facts in (
        read_profile_facts(env, profile_type=lambda: 0x4, registry=_profile()),
        read_profile_facts(env, profile_type=lambda: 0, registry=_profile(state=0x0001)),
        read_profile_facts(env, profile_type=lambda: 0, registry=_profile(state=0x0080)),
    ):
        assert facts.mandatory
        assert _codes(LOCAL, facts) == ["startup_profile_mandatory"]


def test_roaming_profile_whose_local_copy_is_deleted_at_log_off() -> None:
    env = {"USERPROFILE": r"C:\Users\canbo"}
    roaming_kept = read_profile_facts(env, profile_type=lambda: 0x2, registry=_profile())
    assert roaming_kept.roaming and _codes(LOCAL, roaming_kept) == []
    deleted = read_profile_facts(env, profile_type=lambda: 0x2, registry=_profile(DeleteRoamingCache=1))
    assert _codes(LOCAL, deleted) == ["startup_profile_roaming_deleted"]


def test_profile_clean_up_policy_names_the_days() -> None:
    env = {"USERPROFILE": r"C:\Users\canbo"}
    facts = read_profile_facts(env, profile_type=lambda: 0, registry=_profile(CleanupProfiles=30))
    found = startup_checks(
        LOCAL, platform="win32", drive_type=lambda _r: 3, sqlite_version="3.54.1", profile=facts
    )
    assert [w.code for w in found] == ["startup_profile_cleanup"]
    assert "sau 30 ngày" in found[0].text


def test_data_moved_out_of_the_profile_is_safe() -> None:
    facts = ProfileFacts(profile_dir=r"C:\Users\TEMP", temporary=True, mandatory=True)
    assert _codes(r"D:\Du lieu DVCQ", facts) == []
    assert _codes(r"\\?\C:\Users\temp\AppData\Local\dvcq-desktop", facts) == ["startup_profile_temporary"]


def test_linux_and_a_missing_registry() -> None:
    facts = ProfileFacts(profile_dir=r"C:\Users\TEMP", temporary=True)
    linux = startup_checks(
        "/home/canbo/.local/share/dvcq",
        platform="linux",
        mounts_text="",
        sqlite_version="3.54.1",
        profile=facts,
    )
    assert linux == []
    # Without winreg (not Windows) the folder name is still read.
    assert read_profile_facts({"USERPROFILE": r"C:\Users\TEMP"}, profile_type=lambda: None).temporary
