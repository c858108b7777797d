"""Numbers as Vietnamese documents print them: "1.234,5", "88,9%", headings I, II, points a), đ).

Ratios are computed by the app from their parts and never typed, so `ratio_percent` is the one
place that divides; a real report printed "238/316 = 88,9 %" when the true value is 75,3 %.
"""

from __future__ import annotations

import math
import operator
import re
from decimal import ROUND_HALF_UP, Context, Decimal

from dvcq_desktop.text.normalize import clean

MISSING = "—"  # shown where a percentage cannot be computed (no denominator)

_GROUPED = {
    ".": re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"),
    ",": re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+"),
}
_DIGITS = re.compile(r"[0-9]+")
_BODY = re.compile(r"[0-9.,]+")
_SIGNS = {"-": "-", "\u2212": "-", "+": ""}  # U+2212 MINUS SIGN comes from Word and Excel

# Nghị định 30 point letters: the Vietnamese alphabet without ă â ê ô ơ ư, and no f j w z.
_POINT_LETTERS = (
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
)
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def format_int(n: int) -> str:
    """1.234 (dot groups thousands); -1.234 for negatives. Floats are refused, not truncated."""
    return f"{operator.index(n):,}".replace(",", ".")


def format_number(x: float | int, decimals: int = 1) -> str:
    """1.234,5. Ints print without decimals; floats always with `decimals` places.

    Rounding is half-up on the shortest decimal form of the float (88.95 -> "89,0", 0.25 -> "0,3"),
    which is what an officer checking the figure by hand or in Excel expects; Python's own
    formatting would give half-even on the binary value. NaN and infinities print as "—".
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    if isinstance(x, int):
        return format_int(x)
    value = float(x)
    if not math.isfinite(value):
        return MISSING
    exact = Decimal(repr(value))
    # Enough precision for any float (up to ~1e308) plus the decimals, so quantize never fails.
    ctx = Context(prec=max(28, exact.adjusted() + decimals + 2))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=ctx)
    text = f"{abs(rounded):f}"
    whole, _, frac = text.partition(".")
    out = format_int(int(whole))
    if frac:
        out += "," + frac
    return ("-" if rounded < 0 else "") + out  # Decimal("-0.0") < 0 is False: never "-0,0"


def format_percent(pct: float | None, decimals: int = 1) -> str:
    """88.94 -> "88,9%" (the input is already a percentage); None -> "—"."""
    if pct is None or not math.isfinite(pct):
        return MISSING
    return format_number(float(pct), decimals) + "%"


def ratio_percent(num: int | None, den: int | None) -> float | None:
    """100 * num / den, or None when it cannot be computed (missing part or zero denominator)."""
    if num is None or den is None or den == 0:
        return None
    return 100 * num / den


def parse_number(s: str) -> float:
    """Read a number typed by a Vietnamese user; ValueError if it is not one.

    Vietnamese first: "." groups thousands and "," is the decimal mark ("1.234,5", "2,5").
    A single "." is a thousands mark only when followed by exactly three digits after a group
    that does not start with 0 ("1.234" = 1234, "0.500" = 0.5, "1234.5" = 1234.5). When both
    marks appear the last one is the decimal mark, so "1,234.5" pasted from English Excel works.
    """
    text = clean(s)
    sign = ""
    if text[:1] in _SIGNS:
        sign, text = _SIGNS[text[0]], text[1:]
    if not _BODY.fullmatch(text):
        raise ValueError(f"not a number: {s!r}")
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        whole, frac = _split_decimal(text, decimal_mark, s)
        group_mark = "," if decimal_mark == "." else "."
        if not _GROUPED[group_mark].fullmatch(whole):
            raise ValueError(f"not a number: {s!r}")
        whole = whole.replace(group_mark, "")
    elif has_dot or has_comma:
        mark = "." if has_dot else ","
        if text.count(mark) > 1:
            if not _GROUPED[mark].fullmatch(text):
                raise ValueError(f"not a number: {s!r}")
            whole, frac = text.replace(mark, ""), ""
        elif mark == "." and _GROUPED["."].fullmatch(text):
            whole, frac = text.replace(".", ""), ""
        else:
            whole, frac = _split_decimal(text, mark, s)
    else:
        whole, frac = text, ""
    return float(f"{sign}{whole or '0'}.{frac or '0'}")


def _split_decimal(text: str, mark: str, original: str) -> tuple[str, str]:
    # The whole part is checked by the caller (it may still hold group marks); the fraction must
    # be plain digits: "5," and "1,2,3" are not numbers.
    whole, _, frac = text.partition(mark)
    if not _DIGITS.fullmatch(frac):
        raise ValueError(f"not a number: {original!r}")
    return whole, frac


def roman(n: int) -> str:
    """Roman numeral for report headings: 1 -> "I", 4 -> "IV" (1..3999)."""
    n = operator.index(n)
    if not 1 <= n <= 3999:
        raise ValueError(f"no Roman numeral for {n}")
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def point_letter(i: int) -> str:
    """Letter of the i-th point (0-based) in NĐ 30 order: a, b, c, d, đ, e, g, h, i, k, ..., y."""
    i = operator.index(i)
    if not 0 <= i < len(_POINT_LETTERS):
        raise ValueError(f"no point letter for index {i} (there are {len(_POINT_LETTERS)})")
    return _POINT_LETTERS[i]
