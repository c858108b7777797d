"""Dates as an officer types them into a date field (day first, with or without separators)."""

from __future__ import annotations

from datetime import date

import pytest

from dvcq_desktop.text import parse_typed_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/9/2023", date(2023, 9, 15)),
        ("15/09/2023", date(2023, 9, 15)),
        ("15092023", date(2023, 9, 15)),
        ("150923", date(2023, 9, 15)),
        ("15.9.2023", date(2023, 9, 15)),
        ("15-9-23", date(2023, 9, 15)),
        (" 5/1/2024 ", date(2024, 1, 5)),
        ("5/1", date(2021, 1, 5)),  # the year of the field's date
        ("2024-01-05", date(2024, 1, 5)),
    ],
)
def test_typed_forms(typed: str, expected: date) -> None:
    assert parse_typed_date(typed, default_year=2021) == expected


@pytest.mark.parametrize(
    "typed", ["", "15", "1509", "1592023", "31/2/2024", "15/13/2023", "hôm nay", "15/9/202"]
)
def test_what_is_no_date(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_typed_date(typed, default_year=2023)
