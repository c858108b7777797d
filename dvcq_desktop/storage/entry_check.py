"""Refusing, at entry, a text or number the package could not carry.

`text.entry` cleans and knows the schema's limits; this turns a breach into the one error the
officer sees while the field is still in front of them, naming the field as the form does
(never `activities[44].title` at export time).
"""

from __future__ import annotations

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.text import format_int
from dvcq_desktop.text.entry import field_text, number_range, over_limit


def checked_text(key: str, value: object, label: str) -> str:
    """The cleaned text of field `key`, or `DvcqError("text_too_long")` naming `label`."""
    text = field_text(key, value)
    limit = over_limit(key, text)
    if limit is not None:
        raise DvcqError(
            "text_too_long",
            detail=key,
            field=label,
            limit=format_int(limit),
            length=format_int(len(text)),
        )
    return text


def checked_number(key: str, value: int | None, label: str) -> int | None:
    """`value` when inside the schema's range of field `key`, else `DvcqError("number_out_of_range")`."""
    if value is None:
        return None
    lo, hi = number_range(key)
    if not lo <= value <= hi:
        raise DvcqError(
            "number_out_of_range", detail=key, field=label, low=format_int(lo), high=format_int(hi)
        )
    return value
