"""Strict JSON for untrusted package members (reliability.md §2.5).

Python's `json` accepts duplicate keys (last wins), NaN/Infinity, a UTF-8 BOM on bytes, lone
surrogate escapes (which crash later at SQLite bind) and recurses until RecursionError on deep
nesting. Every one of those is refused here with its own `pkg_json_*` code, before any content is
used. Depth is measured on the parsed value; input nested past Python's recursion limit makes the
C parser raise RecursionError, which is mapped to the same error.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import fmt_mb

_BOM = b"\xef\xbb\xbf"
# Both searched in the raw bytes, where an escape is the same ASCII as in the text: a search of
# the decoded text (2 bytes a character for Vietnamese) cost ~1.5 ms per 1.7 MB submission, and
# most submissions hold no backslash at all, which one memchr finds out (~0.02 ms).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# An escape of a character outside ASCII (\u0080 and up): the only way a JSON text already NFC
# as a whole can decode to a string that is not.
_NON_ASCII_ESCAPE = re.compile(rb"\\u(?!00[0-7][0-9a-fA-F])[0-9a-fA-F]{4}")


class _Dup(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


class _Nan(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Built in C; only a dict shorter than its pairs has a repeated key to look for (a Python loop
    # over every pair cost a third of parsing a 2,000-activity submission).
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Dup(key)
            seen.add(key)
    return obj


def _constant(name: str) -> Any:
    raise _Nan(name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # "1e400" parses to inf without ever spelling Infinity
        raise _Nan(text)
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Nesting depth of a parsed value, without recursion. Measuring after the C parser (which
    itself stops at Python's recursion limit) costs 7 ms on a 2,000-activity submission, where
    the bracket pre-scan of the text cost 39 ms."""
    if not isinstance(value, (dict, list)):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def check_depth(value: Any, member: str, limit: int) -> None:
    if _deeper_than(value, limit):
        raise PackageError("pkg_json_too_deep", member, limit=limit)


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def loads_strict(data: bytes, *, member: str, max_size: int, max_depth_allowed: int | None = 64) -> Any:
    """Parse `data` (one JSON document) or raise `PackageError` with a `pkg_json_*` code.

    `max_depth_allowed=None` leaves the depth measurement to the caller (`check_depth`), for a
    document a schema will bound anyway; nesting past the recursion limit is refused regardless.
    Every string of the result (keys too) is NFC."""
    return loads_strict_nfc(data, member=member, max_size=max_size, max_depth_allowed=max_depth_allowed)[0]


def loads_strict_nfc(
    data: bytes, *, member: str, max_size: int, max_depth_allowed: int | None = 64
) -> tuple[Any, bool]:
    """`loads_strict` plus whether `data` was already NFC (False: a caller keeping the bytes
    verbatim must keep a re-serialisation instead, so what it stores is what was checked)."""
    value, text = loads_strict_text(
        data, member=member, max_size=max_size, max_depth_allowed=max_depth_allowed
    )
    return value, text is not None


def loads_strict_text(
    data: bytes, *, member: str, max_size: int, max_depth_allowed: int | None = 64
) -> tuple[Any, str | None]:
    """`loads_strict` plus `data` as text when it was already NFC (the member verbatim, decoded
    once for a caller storing it as text), None when it was not (that caller must keep a
    re-serialisation instead, so what it stores is what was checked).

    The text is normalised as a whole before parsing: JSON's own syntax is ASCII and no ASCII
    character composes with a following mark, so this equals normalising each string, and costs
    one C call. Only `\\uXXXX` escapes of non-ASCII characters escape it; then each string of the
    parsed value is normalised too. Two keys that become equal are a duplicate key."""
    if len(data) > max_size:
        raise PackageError("pkg_json_too_large", member, limit=fmt_mb(max_size))
    if data.startswith(_BOM):
        raise PackageError("pkg_json_bom", member)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise PackageError("pkg_json_encoding", member, detail=str(exc)) from None
    normal = unicodedata.normalize("NFC", text)
    was_nfc = normal is text or normal == text
    escaped = b"\\" in data and _NON_ASCII_ESCAPE.search(data) is not None
    try:
        value = json.loads(normal, object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float)
        if escaped:
            value, changed = _nfc_value(value)
            was_nfc = was_nfc and not changed
    except _Dup as exc:
        raise PackageError("pkg_json_duplicate_key", member, field=_printable(exc.key)) from None
    except _Nan as exc:
        raise PackageError("pkg_json_nan", member, detail=str(exc)) from None
    except RecursionError:  # nesting deeper than Python's recursion limit
        raise PackageError("pkg_json_too_deep", member, limit=max_depth_allowed or "?") from None
    except ValueError as exc:  # JSONDecodeError, int digits limit
        raise PackageError("pkg_json_invalid", member, detail=str(exc)) from None
    if max_depth_allowed is not None:
        check_depth(value, member, max_depth_allowed)
    # Strict UTF-8 decoding already refused raw surrogates; only \uD8xx escapes can make them.
    if escaped and _SURROGATE_ESCAPE.search(data) and _has_surrogate(value):
        raise PackageError("pkg_json_surrogate", member)
    return value, (normal if was_nfc else None)


def _nfc_value(value: Any) -> tuple[Any, bool]:
    """NFC every string (keys too) of a parsed value; (new value, whether anything changed).
    Recursion is bounded: the parser refused nesting past the recursion limit."""
    if isinstance(value, str):
        normal = unicodedata.normalize("NFC", value)
        return normal, normal != value
    if isinstance(value, list):
        pairs = [_nfc_value(v) for v in value]
        return [v for v, _c in pairs], any(c for _v, c in pairs)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        changed = False
        for k, v in value.items():
            nk = unicodedata.normalize("NFC", k)
            if nk in out:
                raise _Dup(nk)
            nv, c = _nfc_value(v)
            out[nk] = nv
            changed = changed or c or nk != k
        return out, changed
    return value, False


def _printable(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("utf-8")[:80]


def dumps_canonical(value: Any, *, pretty: bool = False) -> bytes:
    """How the writer serialises JSON members: UTF-8, no BOM, real characters, sorted keys.

    `pretty` indents (for the small manifest); the data member stays compact because `json` only
    uses its C encoder without indentation, which matters at 10,000 activities.
    """
    if pretty:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True, indent=1)
    else:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")
