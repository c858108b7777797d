"""Property tests (Hypothesis) for dvcq_desktop.text: folding, collation, number and date formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dvcq_desktop.text import (
    date_line,
    date_phrase,
    fold,
    format_date,
    format_int,
    format_number,
    parse_date,
    parse_number,
    sort_key,
    upper_vi,
)

VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # unmarked, huyền, hỏi, ngã, sắc, nặng


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


toned_vowel = st.builds(lambda v, t: nfc(v + t), st.sampled_from(VOWELS), st.sampled_from(TONE_MARKS))
vi_letter = st.one_of(toned_vowel, st.sampled_from(CONSONANTS))
vi_cased_letter = st.builds(lambda c, up: c.upper() if up else c, vi_letter, st.booleans())
vi_syllable = st.lists(vi_letter, min_size=1, max_size=6).map("".join)
vi_text = st.lists(
    st.one_of(
        vi_cased_letter, st.sampled_from([" ", "  ", "\t", "\n", "-", ",", "."]), st.integers(0, 200).map(str)
    ),
    max_size=20,
).map("".join)
# Vietnamese-heavy text, arbitrary Unicode, and both in decomposed form (Windows keyboard).
any_text = st.one_of(vi_text, st.text(max_size=20), vi_text.map(nfd), st.text(max_size=20).map(nfd))

date_1000_9999 = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
DATE_LINE_RE = re.compile(
    r"(?P<place>\S.*), ngày (?P<d>0[1-9]|[12][0-9]|3[01]) tháng (?P<m>0[12]|[3-9]|1[012]) năm (?P<y>[0-9]{4})"
)


def is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M") or unicodedata.combining(ch) != 0


def strip_tones(s: str) -> str:
    return nfc("".join(ch for ch in nfd(s) if ch not in TONE_MARKS[1:]))


# --- fold --------------------------------------------------------------------------------------


@given(any_text)
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(any_text)
def test_fold_ignores_normal_form(s: str) -> None:
    assert fold(nfc(s)) == fold(nfd(s)) == fold(s)


@given(any_text)
def test_fold_output_has_no_marks_no_d_stroke_and_single_spaces(s: str) -> None:
    out = fold(s)
    assert not any(is_mark(ch) for ch in nfd(out))
    assert "đ" not in out and "Đ" not in out
    assert out == out.strip() and "  " not in out
    assert out == out.casefold()


@given(vi_text)
def test_fold_of_vietnamese_text_is_plain_ascii_and_case_blind(s: str) -> None:
    out = fold(s)
    assert out.isascii()
    assert fold(upper_vi(s)) == out == fold(s.lower())


@given(any_text)
def test_upper_vi_is_nfc_and_idempotent(s: str) -> None:
    out = upper_vi(s)
    assert unicodedata.is_normalized("NFC", out)
    assert upper_vi(out) == out


# --- sort_key ----------------------------------------------------------------------------------


@given(any_text)
def test_sort_key_ignores_normal_form(s: str) -> None:
    assert sort_key(nfd(s)) == sort_key(nfc(s)) == sort_key(s)


@given(any_text, any_text)
def test_sort_key_equal_only_for_canonically_equal_strings(a: str, b: str) -> None:
    assert (sort_key(a) == sort_key(b)) == (nfc(a) == nfc(b))


@given(any_text, any_text, any_text)
def test_sort_key_is_a_total_order(a: str, b: str, c: str) -> None:
    ka, kb, kc = sort_key(a), sort_key(b), sort_key(c)
    assert (ka < kb) + (ka == kb) + (ka > kb) == 1  # comparable, exactly one holds
    if ka <= kb and kb <= kc:
        assert ka <= kc


@given(st.data(), st.lists(any_text, max_size=12))
def test_sorting_is_stable_and_permutation_invariant(data: st.DataObject, items: list[str]) -> None:
    once = sorted(items, key=sort_key)
    assert sorted(once, key=sort_key) == once
    shuffled = data.draw(st.permutations(items))
    # strings equal up to normalisation may swap places; their NFC forms may not
    assert [nfc(x) for x in sorted(shuffled, key=sort_key)] == [nfc(x) for x in once]


@given(st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), max_size=12))
def test_plain_latin_words_sort_like_the_alphabet(words: list[str]) -> None:
    # a-z without marks: Vietnamese order (f j w z after their neighbours) equals a-z order
    assert sorted(words, key=sort_key) == sorted(words)


@given(vi_syllable, vi_syllable)
def test_tones_only_break_ties_between_equal_letters(a: str, b: str) -> None:
    base_a, base_b = strip_tones(a), strip_tones(b)
    if base_a != base_b:
        assert (sort_key(a) < sort_key(b)) == (sort_key(base_a) < sort_key(base_b))
    else:
        assert sort_key(a)[0] == sort_key(b)[0]  # same primary level


@given(st.sampled_from(VOWELS), st.integers(0, 5), st.integers(0, 5))
def test_tone_order(vowel: str, t1: int, t2: int) -> None:
    a, b = nfc("m" + vowel + TONE_MARKS[t1]), nfc("m" + vowel + TONE_MARKS[t2])
    assert (sort_key(a) < sort_key(b)) == (t1 < t2)


@given(st.integers(0, 10**30), st.integers(0, 10**30), st.sampled_from(["Phường", "Tổ", "Khu phố", "Xã"]))
def test_numbers_sort_by_value(m: int, n: int, prefix: str) -> None:
    assert (sort_key(f"{prefix} {m}") < sort_key(f"{prefix} {n}")) == (m < n)


# --- numbers -----------------------------------------------------------------------------------


@given(st.integers(-(2**53), 2**53))
def test_integers_round_trip(n: int) -> None:
    assert parse_number(format_number(n)) == n
    assert parse_number(format_int(n)) == n
    assert format_int(n) == format_number(n)


@given(st.integers(-(10**14), 10**14))
def test_one_decimal_values_round_trip(k: int) -> None:
    x = k / 10
    shown = format_number(x, 1)
    assert re.fullmatch(r"-?[1-9]?[0-9]{0,2}(\.[0-9]{3})*[0-9]?,[0-9]", shown), shown
    assert parse_number(shown) == x


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12), st.integers(0, 4))
def test_format_number_is_within_half_a_unit(x: float, decimals: int) -> None:
    shown = format_number(x, decimals)
    assert abs(parse_number(shown) - x) <= 0.5 * 10**-decimals * (1 + 1e-9) + abs(x) * 1e-15


# --- dates -------------------------------------------------------------------------------------


@given(date_1000_9999, st.sampled_from(["Phường 1", "Phường IV", "Tây Ninh", "Hiệp Ninh", "Xã Tân Bình"]))
def test_date_line_matches_the_decree_rule(d: date, place: str) -> None:
    line = date_line(place, d)
    m = DATE_LINE_RE.fullmatch(line)
    assert m, line
    assert m["place"] == place
    assert (int(m["y"]), int(m["m"]), int(m["d"])) == (d.year, d.month, d.day)
    assert (len(m["m"]) == 2) == (d.month <= 2 or d.month >= 10)
    assert line.endswith(date_phrase(d))


@given(date_1000_9999)
def test_dates_round_trip(d: date) -> None:
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day}/{d.month}/{d.year}") == d
