"""A zip bomb shaped like a package: `size` zeros as data/submission.json in about size/1000 bytes.

Shared by the hostile-package tests and the benchmark of refusing it.
"""

from __future__ import annotations

import zlib

from dvcq_desktop.package.model import MIMETYPE
from support.package_helpers import central_entries, raw_zip

SUB = "data/submission.json"


def zip_bomb(size: int) -> bytes:
    """`size` zeros as data/submission.json, DEFLATE built from one repeated full-flush block."""
    mib = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size >> 20) + c.flush()
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(mib, crc)
    data = raw_zip([("mimetype", MIMETYPE, len(MIMETYPE), 0), (SUB, stream, size, 8)])
    # raw_zip writes CRC 0; put the honest CRC into both headers of the bomb member.
    buf = bytearray(data)
    local = data.find(b"PK\x03\x04", 1)
    buf[local + 14 : local + 18] = crc.to_bytes(4, "little")
    pos = [p for p, n in central_entries(data) if n == SUB][0]
    buf[pos + 16 : pos + 20] = crc.to_bytes(4, "little")
    return bytes(buf)
