"""Examples from DOMAIN.md for dvcq_desktop.text: normalisation, search, collation, dates, numbers."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

import dvcq_desktop.text as text
from dvcq_desktop.text import (
    clean,
    date_line,
    date_phrase,
    fold,
    format_date,
    format_datetime,
    format_int,
    format_number,
    format_percent,
    nfc,
    parse_date,
    parse_number,
    point_letter,
    ratio_percent,
    roman,
    sort_key,
    upper_vi,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def vi_sorted(items: list[str]) -> list[str]:
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=sort_key)


# Windows' built-in Vietnamese keyboard types a precomposed vowel (or a plain one) followed by a
# combining tone mark, e.g. "ê" + U+0323 for "ệ"; CP1258 text converts the same way.
WINDOWS_HIEP_NINH = "Hi\u00ea\u0323p Ninh"
WINDOWS_DAN_VAN_KHEO = "Da\u0302n va\u0302\u0323n khe\u0301o"


def test_public_api_is_exported() -> None:
    expected = {
        "nfc",
        "clean",
        "fold",
        "sort_key",
        "format_date",
        "parse_date",
        "format_datetime",
        "date_line",
        "date_phrase",
        "format_int",
        "format_number",
        "format_percent",
        "ratio_percent",
        "parse_number",
        "roman",
        "point_letter",
        "upper_vi",
    }
    assert expected <= set(text.__all__)
    assert all(callable(getattr(text, name)) for name in expected)


# --- normalisation -----------------------------------------------------------------------------


def test_nfc_composes_windows_keyboard_input_and_fixes_line_ends() -> None:
    assert WINDOWS_HIEP_NINH != "Hiệp Ninh"
    assert nfc(WINDOWS_HIEP_NINH) == "Hiệp Ninh"
    assert nfc(WINDOWS_DAN_VAN_KHEO) == "Dân vận khéo"
    assert nfc("dòng 1\r\ndòng 2\r\n") == "dòng 1\ndòng 2\n"
    assert nfc("  giữ khoảng trắng ") == "  giữ khoảng trắng "  # nfc does not strip


def test_clean_strips_and_accepts_none() -> None:
    assert clean(None) == ""
    assert clean("  " + nfd("Ninh Thạnh") + "\r\n") == "Ninh Thạnh"
    assert clean("") == ""


def test_fold_examples_from_domain() -> None:
    assert fold("Dân vận khéo") == "dan van kheo"
    assert fold("HIỆP NINH") == "hiep ninh"
    assert fold("Hiệp Ninh") == fold("hiep ninh")
    assert fold(WINDOWS_HIEP_NINH) == "hiep ninh"
    assert fold(WINDOWS_DAN_VAN_KHEO) == "dan van kheo"


def test_fold_maps_d_with_stroke_and_collapses_whitespace() -> None:
    assert fold("Đoàn  Thanh\tniên\n") == "doan thanh nien"
    assert fold("đảng ủy") == "dang uy"
    assert "dan" in fold("Nhân dân") and "dan" in fold("Đảng viên đăng ký")  # đ is searchable as d
    assert fold("ĐẠI ĐỒNG") == "dai dong"


def test_upper_vi_keeps_diacritics_and_returns_nfc() -> None:
    assert upper_vi("ủy ban nhân dân phường 1") == "ỦY BAN NHÂN DÂN PHƯỜNG 1"
    assert upper_vi(nfd("đảng ủy phường IV")) == "ĐẢNG ỦY PHƯỜNG IV"
    out = upper_vi(WINDOWS_HIEP_NINH)
    assert out == "HIỆP NINH" and unicodedata.is_normalized("NFC", out)


# --- collation ---------------------------------------------------------------------------------


def test_alphabet_order_and_foreign_letters() -> None:
    letters = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    assert vi_sorted(letters) == letters
    # f j w z sit right after their Latin neighbours; code-point order would put đ after z.
    assert vi_sorted(["g", "f", "ê", "k", "j", "i", "x", "w", "v", "z", "y", "đ"]) == [
        "đ",
        "ê",
        "f",
        "g",
        "i",
        "j",
        "k",
        "v",
        "w",
        "x",
        "y",
        "z",
    ]


def test_breve_and_circumflex_are_letters_not_accents() -> None:
    # Folding accents would give "an" < "ăn" < "anh"; in Vietnamese every a-word precedes ă-words.
    assert vi_sorted(["ăn", "ân", "anh", "an", "ấm", "bà"]) == ["an", "anh", "ăn", "ấm", "ân", "bà"]
    assert vi_sorted(["ơi", "ôm", "ong", "ốc"]) == ["ong", "ốc", "ôm", "ơi"]
    assert vi_sorted(["ưa", "uống", "vui"]) == ["uống", "ưa", "vui"]


def test_d_before_d_with_stroke() -> None:
    assert vi_sorted(["Đông", "Dương", "Dân", "Em", "đa"]) == ["Dân", "Dương", "đa", "Đông", "Em"]
    assert sort_key("dz") < sort_key("đa")


def test_tone_order_is_secondary() -> None:
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sorted(tones) == tones
    # tones only break ties between equal base letters: "mạ" < "mai" < "màn"
    assert vi_sorted(["màn", "mai", "mạ"]) == ["mạ", "mai", "màn"]
    # a tone on the first syllable does not outweigh a different base letter later on
    assert vi_sorted(["Bà Rịa", "Ba Đình"]) == ["Ba Đình", "Bà Rịa"]


def test_case_is_tertiary() -> None:
    assert vi_sorted(["Ân", "ân", "an", "An"]) == ["an", "An", "ân", "Ân"]
    assert vi_sorted(["bình", "An", "Ân"]) == ["An", "Ân", "bình"]  # not "Ân" after "b" (code point)


def test_old_and_new_tone_placement_stay_together() -> None:
    # "hoà" (old style) and "hòa" (new style) are the same word: equal up to the tie-breaker.
    assert sort_key("hoà")[:3] == sort_key("hòa")[:3]
    assert vi_sorted(["hoàn", "hòa", "hoa", "hoà"]) == ["hoa", "hoà", "hòa", "hoàn"]


def test_natural_number_order() -> None:
    assert vi_sorted(["Phường 10", "Phường 2", "Phường 1", "Phường 3"]) == [
        "Phường 1",
        "Phường 2",
        "Phường 3",
        "Phường 10",
    ]
    assert vi_sorted(["Tổ 02", "Tổ 2", "Tổ 11"]) == ["Tổ 2", "Tổ 02", "Tổ 11"]
    big = "9" * 5000  # longer than int()'s default digit limit
    assert sort_key("Khu " + big) > sort_key("Khu 10")


def test_phuong_iv_sorts_as_four_among_numbered_wards() -> None:
    units = ["Phường 10", "Phường IV", "Phường 2", "Phường 1", "Phường 3", "Phường 5"]
    assert vi_sorted(units) == ["Phường 1", "Phường 2", "Phường 3", "Phường IV", "Phường 5", "Phường 10"]
    assert vi_sorted(["Khu phố XII", "Khu phố IX", "Khu phố 10"]) == [
        "Khu phố IX",
        "Khu phố 10",
        "Khu phố XII",
    ]
    # Letters that only look like numerals stay letters.
    assert vi_sorted(["Khu C", "Khu A", "Khu B"]) == ["Khu A", "Khu B", "Khu C"]
    assert vi_sorted(["Ấp Vĩnh", "Ấp V"]) == ["Ấp V", "Ấp Vĩnh"]


def test_tay_ninh_catalogue_order() -> None:
    units = [
        "Phường 1",
        "Phường 2",
        "Phường 3",
        "Phường IV",
        "Hiệp Ninh",
        "Ninh Sơn",
        "Ninh Thạnh",
        "Bình Minh",
        "Tân Bình",
        "Thạnh Tân",
    ]
    assert vi_sorted(units) == [
        "Bình Minh",
        "Hiệp Ninh",
        "Ninh Sơn",
        "Ninh Thạnh",
        "Phường 1",
        "Phường 2",
        "Phường 3",
        "Phường IV",
        "Tân Bình",
        "Thạnh Tân",
    ]


def test_sort_key_ignores_input_form_and_is_total() -> None:
    assert sort_key(nfd("Hiệp Ninh")) == sort_key("Hiệp Ninh") == sort_key(WINDOWS_HIEP_NINH)
    assert sort_key("Phường  1") != sort_key("Phường 1")  # equal order, but a deterministic tie-break
    assert sort_key("Phường  1")[:3] == sort_key("Phường 1")[:3]
    mixed = ["", " ", "-", "1", "a", "Ω", "\u0301", "a\u0301\u0301", "²", "١٢", "ǅ", "İ", "ß", "A-1"]
    assert vi_sorted(mixed) == sorted(mixed, key=sort_key)  # no TypeError, order independent of input


# --- dates -------------------------------------------------------------------------------------


def test_date_line_examples_from_decree_30() -> None:
    assert date_line("Phường 1", date(2024, 1, 5)) == "Phường 1, ngày 05 tháng 01 năm 2024"
    assert date_line("Tây Ninh", date(2023, 10, 25)) == "Tây Ninh, ngày 25 tháng 10 năm 2023"
    assert date_line("Phường IV", date(2023, 6, 9)) == "Phường IV, ngày 09 tháng 6 năm 2023"
    assert date_line(nfd(" Hiệp Ninh "), date(2024, 2, 29)) == "Hiệp Ninh, ngày 29 tháng 02 năm 2024"
    assert date_phrase(date(2023, 12, 1)) == "ngày 01 tháng 12 năm 2023"
    assert date_phrase(date(2023, 3, 10)) == "ngày 10 tháng 3 năm 2023"


@pytest.mark.parametrize("place", ["", "   ", "1", "IV", "P.1", "P. IV", "Q1"])
def test_date_line_refuses_missing_or_bare_number_place(place: str) -> None:
    with pytest.raises(ValueError):
        date_line(place, date(2024, 1, 5))


def test_format_and_parse_date() -> None:
    assert format_date(date(2024, 1, 5)) == "05/01/2024"
    assert format_date(None) == ""
    for s in ["5/1/2024", "05/01/2024", "2024-01-05", " 05/01/2024 "]:
        assert parse_date(s) == date(2024, 1, 5)
    assert parse_date("31/12/2023") == date(2023, 12, 31)  # day first, never month first


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "2024",
        "31/02/2024",
        "13/13/2024",
        "5/1/24",
        "01-05-2024",
        "2024/01/05",
        "5.1.2024",
        "2024-1-5",
        "١/١/٢٠٢٤",
        "ngày 5/1/2024",
    ],
)
def test_parse_date_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


def test_format_datetime() -> None:
    assert format_datetime(datetime(2024, 1, 5, 14, 30, 59)) == "05/01/2024 14:30"
    assert format_datetime(None) == ""
    # aware values show in Vietnam time (UTC+7): 23:10 UTC is the next morning in Tây Ninh
    assert format_datetime(datetime(2024, 10, 31, 23, 10, tzinfo=UTC)) == "01/11/2024 06:10"
    plus2 = timezone(timedelta(hours=2))
    assert format_datetime(datetime(2024, 1, 5, 9, 0, tzinfo=plus2)) == "05/01/2024 14:00"


# --- numbers -----------------------------------------------------------------------------------


def test_format_int_and_number() -> None:
    assert format_int(1234) == "1.234"
    assert format_int(0) == "0"
    assert format_int(-1234567) == "-1.234.567"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1234) == "1.234"  # ints print without decimals
    assert format_number(-1234.56) == "-1.234,6"
    assert format_number(3.0) == "3,0"
    assert format_number(0.126, 2) == "0,13"
    assert format_number(7.5, 0) == "8"
    with pytest.raises(TypeError):
        format_int(3.7)  # type: ignore[arg-type]


def test_format_number_rounds_half_up_like_a_person() -> None:
    assert format_number(0.25) == "0,3"  # f"{0.25:.1f}" gives "0.2"
    assert format_number(2.675, 2) == "2,68"
    assert format_number(-0.04) == "0,0"  # no "-0,0"
    assert format_number(float("nan")) == "—"


def test_percentages() -> None:
    assert format_percent(88.94) == "88,9%"
    assert format_percent(None) == "—"
    assert format_percent(100) == "100,0%"
    # the published report's "238/316 = 88,9 %" is really 75,3 %
    assert format_percent(ratio_percent(238, 316)) == "75,3%"
    assert ratio_percent(1, 0) is None
    assert ratio_percent(None, 5) is None
    assert ratio_percent(5, None) is None
    assert ratio_percent(0, 7) == 0.0
    assert ratio_percent(1, 3) == pytest.approx(33.3333333)


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("1.234,5", 1234.5),
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1.234", 1234.0),
        ("1.234.567", 1234567.0),
        ("2,5", 2.5),
        ("0.500", 0.5),
        ("1.23", 1.23),
        ("1.2345", 1.2345),
        ("1,234.5", 1234.5),
        ("-2,5", -2.5),
        ("\u22123", -3.0),
        ("+7", 7.0),
        (" 42 ", 42.0),
        (",5", 0.5),
        ("0", 0.0),
    ],
)
def test_parse_number_accepts(s: str, value: float) -> None:
    assert parse_number(s) == value


@pytest.mark.parametrize(
    "bad",
    [
        "",
        " ",
        "abc",
        "5,",
        "1,2,3",
        "1.23.4",
        ".",
        ",",
        "--1",
        "1 234",
        "88,9%",
        "1.234,5,6",
        "12.34,5",
        "1e5",
        "١٢",
    ],
)
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


def test_roman_and_point_letters() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 5, 9, 14, 40, 1994)] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "IX",
        "XIV",
        "XL",
        "MCMXCIV",
    ]
    with pytest.raises(ValueError):
        roman(0)
    letters = [point_letter(i) for i in range(23)]
    assert "".join(letters) == "abcdđeghiklmnopqrstuvxy"
    assert not {"f", "j", "w", "z"} & set(letters)
    with pytest.raises(ValueError):
        point_letter(23)
    with pytest.raises(ValueError):
        point_letter(-1)
