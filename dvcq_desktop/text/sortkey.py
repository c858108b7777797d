"""The Vietnamese collation as a plain string, so SQLite can sort 100,000 rows with an index.

`sort_key` returns nested tuples that only Python can compare; storing this string in a column
and sorting it with SQLite's BINARY collation (UTF-8 byte order = code point order) gives the
same order for the primary and secondary levels (letters, numbers, then tones).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dvcq_desktop.text.collate import _token_key, _tokens

_LEVEL = "\x01"  # lower than anything a token encodes: shorter strings sort first
_GAP = "\x02"
_OFFSET = 0x100  # letter weights become code points above ASCII


def _enc_primary(p: tuple[int, Any]) -> str:
    kind, val = p
    if kind == 0:
        return _GAP if val == 0 else chr(0x20 + min(val, 0xD7FF - 0x20))
    if kind == 1:
        length, digits = val
        return "\x03" + chr(0x30 + min(length, 0xFF)) + digits
    return "".join(chr(_OFFSET + min(w, 0xD7FF - _OFFSET)) for w in val)


@lru_cache(maxsize=8192)
def sort_key_text(s: str) -> str:
    keys = [_token_key(t) for t in _tokens(s)]
    primary = _GAP.join(_enc_primary(k[0]) for k in keys)
    tones = "".join(chr(0x30 + t) for k in keys for t in k[1][0])
    return primary + _LEVEL + tones
