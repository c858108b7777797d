"""The one door for text that enters the app: typing, paste, Excel, packages, settings, narratives.

Text pasted from Word or a PDF carries characters such as U+000B (vertical tab), U+001F or U+0000.
They look like nothing on screen, but XML 1.0 forbids them, so a report (DOCX/XLSX) or a package
holding one could not be written. Every text is therefore cleaned once, where it enters:

- NFC (Windows' Vietnamese keyboard types decomposed letters), CRLF and CR become LF;
- control characters removed; a tab or line break is kept only where the field allows several
  lines, elsewhere it becomes a space;
- lone surrogates and the non-characters U+FFFE/U+FFFF removed (not encodable in XML or UTF-8);
- surrounding whitespace trimmed.

Length limits are the package schema's (`resources/schemas/submission.schema.json`), read from the
schema itself so the editor, the Excel import and the package can never disagree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

# C0 controls except TAB/LF/CR, DEL and the C1 block; CR is turned into LF before this runs.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Surrogates (only reachable from a broken clipboard or file) and the two XML non-characters.
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 forbids outright (renderers strip these as a last defence).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\t\n\u2028\u2029\x85]")


def entry_text(value: object, *, multiline: bool = True) -> str:
    """The text as stored: see the module docstring. None becomes ""."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\u2028", "\n").replace("\u2029", "\n")
    if not multiline:
        s = _LINE_BREAKS.sub(" ", s)
    s = _CONTROLS.sub("", s)
    s = _UNENCODABLE.sub("", s)
    return unicodedata.normalize("NFC", s).strip()


def entry_line(value: object) -> str:
    """`entry_text` for a one-line field (title, place, names): breaks and tabs become spaces."""
    return entry_text(value, multiline=False)


def xml_safe(s: str) -> str:
    """`s` without the characters XML 1.0 cannot hold; used by the renderers as a last defence
    for data that did not come through `entry_text` (an old workspace, a package)."""
    return _XML_ILLEGAL.sub("", s) if _XML_ILLEGAL.search(s) else s


def is_clean(s: str, *, multiline: bool = True) -> bool:
    return entry_text(s, multiline=multiline) == s


# ---- limits ---------------------------------------------------------------------------------------
# field key -> path into the submission schema; one-line fields are those not listed in MULTILINE.
_SCHEMA_FIELDS: dict[str, tuple[str, ...]] = {
    **{
        f"activity.{f}": ("$defs", "activity", "properties", f)
        for f in (
            "title",
            "content",
            "location",
            "lead_unit",
            "partners",
            "result",
            "doc_number",
            "doc_summary",
        )
    },
    "activity.participants": ("$defs", "activity", "properties", "participants"),
    "activity.groups": ("$defs", "activity", "properties", "groups"),
    "attachment.name": ("$defs", "activity", "properties", "attachments", "items", "properties", "name"),
    "attachment.size": ("$defs", "activity", "properties", "attachments", "items", "properties", "size"),
    "narrative.text": ("properties", "narratives", "items", "properties", "text"),
    "indicator.comment": ("properties", "indicators", "items", "properties", "comment"),
    "indicator.value": ("properties", "indicators", "items", "properties", "value"),
    "rule.comment": ("properties", "rule_results", "items", "properties", "comment"),
    **{
        f"document.{f}": ("properties", "document", "properties", f)
        for f in ("number", "symbol", "place", "parent_body", "issuer", "archive")
    },
    "document.recipient": ("properties", "document", "properties", "recipients", "items"),
    "document.cc": ("properties", "document", "properties", "cc", "items"),
    **{
        f"signer.{f}": ("properties", "document", "properties", "signer", "properties", f)
        for f in ("name", "title", "authority", "authority_body")
    },
    "unit.name": ("$defs", "unit", "properties", "name"),
    "extras.value": ("properties", "extras", "additionalProperties"),
}
MULTILINE: frozenset[str] = frozenset(
    {
        "activity.content",
        "activity.partners",
        "activity.result",
        "activity.doc_summary",
        "narrative.text",
        "indicator.comment",
        "rule.comment",
        "extras.value",
    }
)


@cache
def _schema() -> dict[str, object]:
    from dvcq_desktop.resources import resource_path

    with open(resource_path("schemas", "submission.schema.json"), encoding="utf-8") as f:
        loaded: dict[str, object] = json.load(f)
    return loaded


def _node(key: str) -> dict[str, object]:
    node: object = _schema()
    for part in _SCHEMA_FIELDS[key]:
        assert isinstance(node, dict)
        node = node[part]
    assert isinstance(node, dict)
    return node


@cache
def max_length(key: str) -> int:
    """Longest text (in characters, as JSON Schema counts them) field `key` may hold."""
    value = _node(key)["maxLength"]
    assert isinstance(value, int)
    return value


@cache
def number_range(key: str) -> tuple[int, int]:
    """(minimum, maximum) an integer field `key` may hold."""
    node = _node(key)
    lo, hi = node.get("minimum", 0), node["maximum"]
    assert isinstance(lo, int) and isinstance(hi, int)
    return lo, hi


def field_text(key: str, value: object) -> str:
    """`entry_text` with the line rule of field `key`."""
    return entry_text(value, multiline=key in MULTILINE)


def over_limit(key: str, text: str) -> int | None:
    """The limit when `text` is longer than field `key` allows, else None."""
    limit = max_length(key)
    return limit if len(text) > limit else None
