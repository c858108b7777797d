"""Vietnamese collation key, independent of the platform locale.

Windows, Linux and macOS disagree on Vietnamese collation (and most locales put đ after z), so the
order is defined here. The key has four levels, compared in turn:

1. primary   - base letters in the Vietnamese alphabet (a ă â b c d đ e ê g ...; f j w z after
               their Latin neighbours), digit runs as whole numbers, whitespace runs as one gap;
2. secondary - tone of each syllable (unmarked < huyền < hỏi < ngã < sắc < nặng), then any
               non-Vietnamese diacritics;
3. tertiary  - case (lower before upper), leading zeros, Roman vs Arabic numerals;
4. the NFC string itself, so the order is total and deterministic.

Each level is a tuple of per-token entries; a token is a syllable (run of letters), a number, a
whitespace gap or one punctuation character. Comparing syllable by syllable gives dictionary order
("ba b" < "bab"), and tone per syllable makes "hòa" and "hoà" (old and new tone placement) equal
up to level 4.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from dvcq_desktop.text.normalize import fold

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_WEIGHT = {letter: i for i, letter in enumerate(_ALPHABET)}
_OTHER_LETTER_BASE = 1000  # letters outside the table sort after z, by code point

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# The three vowel modifiers make new letters of the alphabet only on these bases.
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
# huyền, hỏi, ngã, sắc, nặng
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# A Roman numeral right after one of these words is a number ("Phường IV" sorts as Phường 4).
# Only I, V, X (1-39): "Khu C" and "Lô D" must stay letters.
_DESIGNATORS = frozenset(
    {"phuong", "quan", "khu", "pho", "ap", "to", "khom", "xom", "thon", "doi", "phan", "chuong", "muc", "luc"}
)
_ROMAN_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

_SEP, _PUNCT, _NUM, _WORD = "sep", "punct", "num", "word"


@dataclass
class _Cluster:
    base: str
    marks: str = ""


@dataclass
class _Token:
    kind: str
    clusters: list[_Cluster] = field(default_factory=list)
    roman: int = 0  # value when a Roman numeral was read as a number


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M") or unicodedata.combining(ch) != 0


def _clusters(s: str) -> list[_Cluster]:
    out: list[_Cluster] = []
    for ch in unicodedata.normalize("NFD", s):
        if _is_mark(ch) and out and not out[-1].base.isspace():
            out[-1].marks += ch
        else:
            # A mark with nothing to attach to becomes a punctuation-like cluster of its own.
            out.append(_Cluster(ch))
    return out


def _kind(c: _Cluster) -> str:
    if c.base.isspace():
        return _SEP
    if unicodedata.decimal(c.base, None) is not None:
        return _NUM
    if c.base.isalpha():
        return _WORD
    return _PUNCT


def _tokens(s: str) -> list[_Token]:
    tokens: list[_Token] = []
    for c in _clusters(s):
        kind = _kind(c)
        if tokens and kind in (_SEP, _NUM, _WORD) and tokens[-1].kind == kind:
            tokens[-1].clusters.append(c)
        else:
            tokens.append(_Token(kind, [c]))
    # Leading/trailing whitespace does not change the order (level 4 still sees it).
    while tokens and tokens[0].kind == _SEP:
        tokens.pop(0)
    while tokens and tokens[-1].kind == _SEP:
        tokens.pop()
    _read_roman_numerals(tokens)
    return tokens


def _roman_value(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _read_roman_numerals(tokens: list[_Token]) -> None:
    for i in range(2, len(tokens)):
        token = tokens[i]
        if token.kind != _WORD or tokens[i - 1].kind != _SEP or tokens[i - 2].kind != _WORD:
            continue
        if any(c.marks for c in token.clusters):
            continue
        text = "".join(c.base for c in token.clusters)
        if not text or not _ROMAN_RE.fullmatch(text):
            continue
        previous = fold("".join(c.base + c.marks for c in tokens[i - 2].clusters))
        if previous in _DESIGNATORS:
            token.kind = _NUM
            token.roman = _roman_value(text)


def _letter(c: _Cluster) -> tuple[int, int, tuple[int, str] | None, int]:
    """(primary weight, tone, leftover marks, is_upper) of one letter cluster."""
    lower = c.base.lower()
    if len(lower) != 1:
        lower = c.base
    marks = c.marks
    letter = lower
    for modifier in (_BREVE, _CIRCUMFLEX, _HORN):
        if modifier in marks and (lower, modifier) in _MODIFIED:
            letter = _MODIFIED[(lower, modifier)]
            marks = marks.replace(modifier, "", 1)
            break
    weight = _LETTER_WEIGHT.get(letter, _OTHER_LETTER_BASE + ord(letter[0]))
    tone = 0
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
            marks = marks.replace(mark, "", 1)
            break
    return weight, tone, (0, marks) if marks else None, int(c.base != lower)


def _digits(token: _Token) -> str:
    if token.roman:
        return str(token.roman)
    return "".join(str(unicodedata.decimal(c.base)) for c in token.clusters)


def _token_key(token: _Token) -> tuple[tuple[int, Any], tuple[Any, ...], tuple[int, ...]]:
    """Primary, secondary and tertiary entry of one token; same shapes for every kind."""
    others = tuple((i, c.marks) for i, c in enumerate(token.clusters) if c.marks)
    if token.kind == _SEP:
        return (0, 0), ((), ()), ()
    if token.kind == _PUNCT:
        return (0, 1 + ord(token.clusters[0].base)), ((), others), ()
    if token.kind == _NUM:
        digits = _digits(token)
        significant = digits.lstrip("0") or "0"
        # (length, digits) orders whole numbers of any size without int() and its digit limit.
        primary = (1, (len(significant), significant))
        return primary, ((), others), (int(bool(token.roman)), len(digits))
    weights: list[int] = []
    tones: list[int] = []
    leftovers: list[tuple[int, str]] = []
    cases: list[int] = []
    for i, c in enumerate(token.clusters):
        weight, tone, leftover, upper = _letter(c)
        weights.append(weight)
        if tone:
            tones.append(tone)
        if leftover is not None:
            leftovers.append((i, leftover[1]))
        cases.append(upper)
    return (2, tuple(weights)), (tuple(tones), tuple(leftovers)), tuple(cases)


def sort_key(s: str) -> tuple[Any, ...]:
    """Key for `sorted(names, key=sort_key)` in Vietnamese dictionary order (see module doc)."""
    keys = [_token_key(t) for t in _tokens(s)]
    primary = tuple(k[0] for k in keys)
    secondary = tuple(k[1] for k in keys)
    tertiary = tuple(k[2] for k in keys)
    return primary, secondary, tertiary, unicodedata.normalize("NFC", s)
