"""How names in capitals fit the boxes of the Nghị định 30 header: the issuer (ô 2) broken into
lines at the most balanced word boundary, never inside a line kept whole, and the width of bold
capitals that the rules under the names are drawn to."""

from __future__ import annotations

# Widths measured from Times New Roman Bold metrics (Liberation Serif, metric-compatible):
TIEU_NGU_MM_AT_13 = 56.1
BOLD_CAPS_EM = 0.705  # mean advance of bold capitals, in em


NBSP = "\u00a0"
UBND = "ỦY BAN NHÂN DÂN"
FIT = 0.97  # keep a margin under the estimate: a line that overflows would break mid-name
# Mean advance of Times New Roman Bold capitals with Vietnamese marks, measured on LibreOffice's
# rendering of the header (Liberation Serif, metric-compatible) plus a tenth for safety.
CAPS_FIT_EM = 0.60


def fit_mm(text: str, size_pt: float) -> float:
    spaces = text.count(" ")
    return ((len(text) - spaces) * CAPS_FIT_EM + spaces * 0.25) * size_pt * 25.4 / 72


def fit_caps(text: str, box_mm: float, size: float) -> list[str]:
    """Split a name in capitals into lines that fit `box_mm`, at the most balanced word boundary,
    preferring a break after "," or "-" or before "VÀ"; a name that fits stays one line."""
    if fit_mm(text, size) <= box_mm * FIT:
        return [text]
    words = text.split(" ")
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        first, rest = " ".join(words[:i]), " ".join(words[i:])
        if fit_mm(first, size) > box_mm * FIT:
            break
        bonus = 25.0 if words[i - 1].endswith((",", "-")) or words[i] == "VÀ" else 0.0
        score = abs(fit_mm(first, size) - fit_mm(rest, size)) - bonus
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:
        return [text]
    i = best[1]
    return [" ".join(words[:i]), *fit_caps(" ".join(words[i:]), box_mm, size)]


def issuer_lines(text: str, box_mm: float, size: float = 13) -> list[str]:
    """The issuer as printed (NĐ 30, ô 2): "ỦY BAN NHÂN DÂN" on its own line, then the place name
    kept whole; other names broken only where they must, and never inside a line we keep — the
    spaces in each line are non-breaking, so no office suite splits "HIỆP / NINH" or leaves "IV"."""
    text = " ".join(text.split())
    lines: list[str] = []
    if text.startswith(UBND + " "):
        lines.append(UBND)
        text = text[len(UBND) + 1 :]
    lines += fit_caps(text, box_mm, size) if text else []
    return [line.replace(" ", NBSP) for line in lines]


def est_caps_mm(text: str, size_pt: float) -> float:
    spaces = text.count(" ")
    return ((len(text) - spaces) * BOLD_CAPS_EM + spaces * 0.25) * size_pt * 25.4 / 72
