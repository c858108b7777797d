"""Kinds of reporting unit (UBND phường/xã, phòng, Thanh tra, Trung tâm, the receiving office).

What differs between kinds is data in `resources/unit-kinds.json`: how the unit names itself in
the report (first mention, later mentions), who signs and under which block (TM./KT.), which
sentences apply (the Chủ tịch UBND's own duties only for a UBND) and the words for its places.
A unit's kind is the catalogue's `kind` when given, else the first kind whose level (and name
prefix, for agencies) matches — so a report read back from a package, which carries only the
unit's level and name, resolves the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dvcq_desktop.domain.jsondata import check_unique, read_json, validate
from dvcq_desktop.resources import resource_path

__all__ = [
    "UnitKind",
    "all_kinds",
    "kind_by_id",
    "kind_for",
    "mid_sentence",
    "lower_admin_nouns",
    "admin_nouns",
]

KIND = "unit_kinds"
_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass(frozen=True)
class SignerRule:
    collective: str | None  # "ỦY BAN NHÂN DÂN": a collective body signs "TM." (None: the head signs)
    head_title: str  # "CHỦ TỊCH", "TRƯỞNG PHÒNG", "GIÁM ĐỐC"…
    deputy_title: str  # "PHÓ CHỦ TỊCH"…


@dataclass(frozen=True)
class UnitKind:
    id: str
    label: str
    levels: tuple[str, ...]
    name_prefixes: tuple[str, ...]
    ubnd: bool  # a People's Committee: sentences about its Chủ tịch apply
    first_mention: str  # "Ủy ban nhân dân {name}" / "{name}"
    later: str  # "UBND phường" / "Phòng" / "{name}"
    head: str  # "Chủ tịch UBND phường", "Trưởng phòng", "Giám đốc Trung tâm"
    signer: SignerRule
    locality: str | None  # "khu phố" / "ấp" / None (an agency has no residential areas)
    area_phrase: str  # "trên địa bàn phường", "trong cơ quan"
    staff: str  # "cán bộ, công chức" / "viên chức"
    members: str = ""  # a receiving office's reporting units: "các cơ quan, đơn vị, UBND các phường, xã"

    def matches(self, level: str, name: str) -> bool:
        if level not in self.levels:
            return False
        return not self.name_prefixes or name.strip().startswith(self.name_prefixes)

    def name_first(self, name: str) -> str:
        """First mention: "Ủy ban nhân dân phường Hiệp Ninh", "Phòng Tư pháp"."""
        return self.first_mention.format(name=mid_sentence(name))

    def name_later(self, name: str) -> str:
        """Later mentions: "UBND phường", "Phòng", "Thanh tra thành phố"."""
        return self.later.format(name=mid_sentence(name))

    def deputy_signature(self) -> tuple[tuple[str, ...], str]:
        s = self.signer
        lines = ([f"TM. {s.collective}"] if s.collective else []) + [f"KT. {s.head_title}"]
        return tuple(lines), s.deputy_title

    def head_signature(self) -> tuple[tuple[str, ...], str]:
        s = self.signer
        return ((f"TM. {s.collective}",) if s.collective else ()), s.head_title


@dataclass(frozen=True)
class _Table:
    admin_nouns: tuple[str, ...]
    kinds: tuple[UnitKind, ...]


@lru_cache(maxsize=1)
def _table() -> _Table:
    path = resource_path("unit-kinds.json")
    data = read_json(path, KIND)
    validate(data, "unit-kinds.schema.json", KIND, path)
    check_unique(KIND, path, data["kinds"], "id", "kinds")
    kinds = tuple(
        UnitKind(
            id=k["id"],
            label=k["label"],
            levels=tuple(k["levels"]),
            name_prefixes=tuple(k["name_prefixes"]),
            ubnd=k["ubnd"],
            first_mention=k["first_mention"],
            later=k["later"],
            head=k["head"],
            signer=SignerRule(**k["signer"]),
            locality=k["locality"],
            area_phrase=k["area_phrase"],
            staff=k["staff"],
            members=k.get("members", ""),
        )
        for k in data["kinds"]
    )
    # longest first, so "Thành phố" is tried before a shorter noun that begins the same way
    nouns = tuple(sorted(data["admin_nouns"], key=len, reverse=True))
    return _Table(nouns, kinds)


def all_kinds() -> tuple[UnitKind, ...]:
    return _table().kinds


def admin_nouns() -> tuple[str, ...]:
    return _table().admin_nouns


def kind_by_id(kind_id: str) -> UnitKind | None:
    return next((k for k in _table().kinds if k.id == kind_id), None)


def kind_for(level: str, name: str, explicit: str = "") -> UnitKind:
    """The unit's kind: the catalogue's own word first, else by level and name."""
    if explicit:
        found = kind_by_id(explicit)
        if found is not None:
            return found
    for k in _table().kinds:
        if k.matches(level, name):
            return k
    # an unknown level (a newer catalogue): speak as an agency, which is never wrong about a UBND
    return next(k for k in _table().kinds if k.id == "phong")


def _numbered(word: str) -> bool:
    return word[:1].isdigit() or bool(_ROMAN.match(word))


def mid_sentence(name: str) -> str:
    """NĐ 30 Phụ lục II: "Phường Hiệp Ninh" → "phường Hiệp Ninh"; "Phường 1", "Phường IV" keep
    the capital (the name is a number); organisation names ("Phòng Tư pháp") are unchanged."""
    name = " ".join(name.split())
    for noun in admin_nouns():
        if name.startswith(noun + " "):
            rest = name[len(noun) + 1 :]
            if rest and rest[:1].isupper() and not _numbered(rest.split()[0]):
                return noun.lower() + " " + rest
            return name
    return name


def lower_admin_nouns(text: str) -> str:
    """The same rule inside running text: every "Khu phố Ninh Phú", "Xã Bình Minh" not at the
    start of the text becomes lower-case; numbered names and everything else stay as typed."""
    nouns = "|".join(re.escape(n) for n in admin_nouns())
    pattern = re.compile(rf"(?<=[\s,(;:])({nouns}) (?=(\S+))")

    def repl(m: re.Match[str]) -> str:
        nxt = m.group(2)
        if nxt[:1].isupper() and not _numbered(nxt.rstrip(",.;)")):
            return m.group(1).lower() + " "
        return m.group(0)

    return pattern.sub(repl, text)
