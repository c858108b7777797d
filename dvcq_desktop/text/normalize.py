"""Unicode normalisation, search folding and upper-casing for Vietnamese text.

Windows' built-in Vietnamese keyboard (and text pasted from old CP1258 documents) produces
decomposed text (base letter + combining marks), UniKey produces composed text. Both look the same
on screen but compare unequal, so every input boundary goes through `nfc`, and every search goes
through `fold`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# đ/Đ have no canonical decomposition, so stripping marks alone would leave them in the search key.
# Ð (U+00D0, Icelandic eth) and Ɖ (U+0189, African D) are look-alikes that old font converters
# (TCVN3/VNI -> Unicode) leave behind instead of Đ; after casefold they are ð and ɖ.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"})


def nfc(s: str) -> str:
    """Canonical composed form with LF line ends; use at every input boundary."""
    return unicodedata.normalize("NFC", s.replace("\r\n", "\n"))


def clean(s: str | None) -> str:
    """The input door (`text.entry.entry_text`): NFC, control characters removed (tabs and line
    breaks kept), surrounding whitespace removed; None becomes ""."""
    from dvcq_desktop.text.entry import entry_text

    return entry_text(s)


def _is_mark(ch: str) -> bool:
    # Category M covers every combining mark (Mn, Mc, Me); combining() > 0 alone misses marks with
    # class 0 such as U+034F, which would make the "no marks in a search key" guarantee false.
    return unicodedata.category(ch).startswith("M") or unicodedata.combining(ch) != 0


def fold(s: str) -> str:
    """Accent-, case- and whitespace-insensitive search key: "Dân vận khéo" -> "dan van kheo".

    NFD first so NFC and NFD input give the same key; casefold can itself produce marks
    (İ -> i + U+0307), hence the second NFD before the marks are dropped.
    """
    # Folding word by word lets a cache do the work: Vietnamese text reuses a few thousand
    # syllables, so indexing 100,000 activities folds each distinct word once.
    return " ".join(w for w in map(_fold_word, s.split()) if w)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    folded = unicodedata.normalize("NFD", decomposed.casefold())
    stripped = "".join(ch for ch in folded if not _is_mark(ch)).translate(_D_MAP)
    return "".join(stripped.split())


def upper_vi(s: str) -> str:
    """Upper case for headings ("ỦY BAN NHÂN DÂN PHƯỜNG 1"), always returned in NFC.

    str.upper maps precomposed Vietnamese letters correctly, but on NFD input or for a few
    characters (ǰ -> J + U+030C) it yields decomposed output, so normalise on both sides.
    """
    return unicodedata.normalize("NFC", nfc(s).upper())
