"""Limits the reader enforces on an untrusted package, all checked before anything is inflated.

Defaults follow reliability.md §2.6: generous for a real ward report (a few MB of JSON, two
renderings of ~1 MB, some scanned attachments), tiny next to what a bomb claims. Every limit is a
field so the receiving office can tune it without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass

# One unit for every limit, in code, spec and messages: 1 MB = 10^6 bytes (SI, as USB-stick and
# disk makers count), so a third-party writer reads the same number everywhere.
MB = 1_000_000


def fmt_mb(n: int) -> str:
    """A byte limit as people read it ("200 MB"), in the one unit the spec uses."""
    return f"{n / MB:g} MB"


# Attachments are opaque evidence (scans, photos). Archive formats (zip, docx, xlsx…) are refused so
# the package never carries a nested archive (docs/package-format.md §1).
ATTACHMENT_EXTENSIONS: frozenset[str] = frozenset(
    {"pdf", "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "heic", "txt"}
)


@dataclass(frozen=True)
class Limits:
    max_file_size: int = 200 * MB  # the whole .dvcq file
    max_report_files: int = 4  # report/*.docx + report/*.xlsx
    max_attachments: int = 500
    max_manifest_size: int = 4 * MB  # manifest.json (500 attachments ≈ 100 kB)
    max_submission_size: int = 50 * MB  # data/submission.json
    max_report_size: int = 30 * MB  # each report/*.docx, report/*.xlsx
    max_attachment_size: int = 25 * MB  # each attachments/*
    max_total_size: int = 500 * MB  # sum of declared uncompressed sizes
    max_ratio: int = 200  # file_size / compress_size; plain DEFLATE bombs reach ~1030
    ratio_min_size: int = 1 * MB  # below this a high ratio is harmless (e.g. empty JSON arrays)
    max_json_depth: int = 64  # nesting of arrays/objects in any JSON member
    max_name_length: int = 255  # bytes of a member name (UTF-8)
    read_chunk: int = 1 * MB  # streaming read size; reading stops past the declared size

    @property
    def max_members(self) -> int:
        # mimetype + manifest.json + signature.json + data/submission.json + reports + attachments
        return 4 + self.max_report_files + self.max_attachments


DEFAULT_LIMITS = Limits()
