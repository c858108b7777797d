"""Vietnamese text helpers (pure stdlib, no Qt): normalisation, search folding, collation,
dates and numbers in the forms Vietnamese administrative documents use."""

from dvcq_desktop.text.collate import sort_key
from dvcq_desktop.text.dates import (
    date_line,
    date_phrase,
    format_date,
    format_datetime,
    parse_date,
    parse_typed_date,
)
from dvcq_desktop.text.entry import entry_line, entry_text, xml_safe
from dvcq_desktop.text.normalize import clean, fold, nfc, upper_vi
from dvcq_desktop.text.numbers import (
    format_int,
    format_number,
    format_percent,
    parse_number,
    point_letter,
    ratio_percent,
    roman,
)

__all__ = [
    "clean",
    "date_line",
    "date_phrase",
    "entry_line",
    "entry_text",
    "fold",
    "format_date",
    "format_datetime",
    "format_int",
    "format_number",
    "format_percent",
    "nfc",
    "parse_date",
    "parse_number",
    "parse_typed_date",
    "point_letter",
    "ratio_percent",
    "roman",
    "sort_key",
    "upper_vi",
    "xml_safe",
]
