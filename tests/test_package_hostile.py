"""The hostile corpus (reliability.md T7–T18), generated here: each input is refused with its own
code, nothing is written anywhere, and the bomb is refused without being inflated."""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.package_helpers import (
    built,
    central_field,
    edit_json,
    patch_central,
    raw_zip,
    replace_consistently,
    rezip,
    with_member_name,
)
from support.zip_bomb import zip_bomb

from dvcq_desktop.messages import CATALOGUE
from dvcq_desktop.package import Limits, PackageError, read_package
from dvcq_desktop.package.model import MIMETYPE
from dvcq_desktop.package.strict_json import loads_strict

BASE = built(3)
SUB = "data/submission.json"
DOCX = "report/BaoCao_P1_2025.docx"


def _set(path: list[str | int], value: object) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _drop_manifest_entry(name: str) -> Callable[[dict], None]:
    return lambda doc: doc.__setitem__("members", [m for m in doc["members"] if m["path"] != name])


CASES: list[tuple[str, Callable[[], bytes], str]] = [
    # zip slip and other names (T7)
    ("dotdot", lambda: with_member_name(BASE, b"../x"), "pkg_bad_member_name"),
    ("absolute", lambda: with_member_name(BASE, b"/abs"), "pkg_bad_member_name"),
    ("drive", lambda: with_member_name(BASE, b"C:\\x"), "pkg_bad_member_name"),
    ("backslashes", lambda: with_member_name(BASE, b"a\\..\\..\\b"), "pkg_bad_member_name"),
    ("unc", lambda: with_member_name(BASE, b"\\\\server\\share\\x"), "pkg_bad_member_name"),
    ("nul", lambda: with_member_name(BASE, b"report/a\x00.docx"), "pkg_bad_member_name"),
    ("very_long", lambda: with_member_name(BASE, b"report/" + b"a" * 400 + b".docx"), "pkg_bad_member_name"),
    ("inner_dotdot", lambda: with_member_name(BASE, b"report/../manifest.json"), "pkg_bad_member_name"),
    ("not_nfc", lambda: rezip(BASE, add=[("report/Bao\u0301o.docx", b"x")]), "pkg_bad_member_name"),
    ("extra_exe", lambda: rezip(BASE, add=[("extra.exe", b"MZ")]), "pkg_bad_member_name"),
    (
        "nested_zip_attachment",
        lambda: rezip(BASE, add=[("attachments/" + "a" * 64 + ".zip", b"PK")]),
        "pkg_bad_member_name",
    ),
    # member types (T8)
    (
        "symlink",
        lambda: rezip(BASE, add=[(_info("report/link.docx", stat.S_IFLNK | 0o777), b"/etc/passwd")]),
        "pkg_symlink_member",
    ),
    (
        "directory",
        lambda: rezip(BASE, add=[(_info("attachments/", stat.S_IFDIR | 0o755), b"")]),
        "pkg_directory_member",
    ),
    ("unlisted", lambda: rezip(BASE, add=[("report/extra.docx", b"PK")]), "pkg_unlisted_member"),
    ("missing", lambda: rezip(BASE, drop={DOCX}), "pkg_missing_member"),
    ("missing_manifest", lambda: rezip(BASE, drop={"manifest.json"}), "pkg_missing_member"),
    (
        "missing_data",
        lambda: edit_json(rezip(BASE, drop={SUB}), "manifest.json", _drop_manifest_entry(SUB)),
        "pkg_missing_member",
    ),
    ("no_mimetype", lambda: rezip(BASE, drop={"mimetype"}), "pkg_bad_mimetype"),
    ("wrong_mimetype", lambda: rezip(BASE, replace={"mimetype": b"application/zip"}), "pkg_bad_mimetype"),
    # duplicates (T12)
    ("duplicate", lambda: rezip(BASE, add=[(SUB, b"{}")]), "pkg_duplicate_member"),
    (
        "duplicate_case",
        lambda: rezip(BASE, add=[(DOCX.replace("BaoCao", "baocao"), b"x")]),
        "pkg_duplicate_member",
    ),
    # encryption / compression (T13)
    (
        "encrypted",
        lambda: patch_central(BASE, DOCX, flags=central_field(BASE, DOCX, "flags") | 1),
        "pkg_encrypted_member",
    ),
    ("lzma", lambda: rezip(BASE, method=zipfile.ZIP_LZMA), "pkg_unsupported_compression"),
    ("bzip2", lambda: rezip(BASE, method=zipfile.ZIP_BZIP2), "pkg_unsupported_compression"),
    # tampering (T15)
    ("hash_mismatch", lambda: rezip(BASE, replace={DOCX: _zipped(BASE, DOCX)[::-1]}), "pkg_hash_mismatch"),
    ("size_mismatch", lambda: rezip(BASE, replace={DOCX: _zipped(BASE, DOCX) + b"!"}), "pkg_size_mismatch"),
    ("identity", lambda: edit_json(BASE, SUB, _set(["unit", "name"], "Phường 2")), "pkg_identity_mismatch"),
    # lying headers and overlap (T10)
    ("lying_size", lambda: patch_central(BASE, SUB, usize=10), "pkg_size_mismatch"),
    ("lying_manifest_size", lambda: patch_central(BASE, "manifest.json", usize=10), "pkg_member_corrupt"),
    ("overlap", lambda: patch_central(BASE, DOCX, offset=central_field(BASE, SUB, "offset")), "pkg_overlap"),
    # versions (T17)
    (
        "future_major",
        lambda: edit_json(BASE, "manifest.json", _set(["format_version"], "2.0")),
        "pkg_format_too_new",
    ),
    (
        "future_minor_new_field",
        lambda: edit_json(BASE, "manifest.json", _new_minor_field),
        "pkg_format_too_new",
    ),
    (
        "future_major_data",
        lambda: edit_json(BASE, SUB, _set(["format_version"], "7.3")),
        "pkg_format_too_new",
    ),
    # strict JSON and schema (T18)
    ("dup_key", lambda: replace_consistently(BASE, SUB, b'{"a": 1, "a": 2}'), "pkg_json_duplicate_key"),
    ("nan", lambda: replace_consistently(BASE, SUB, b'{"a": NaN}'), "pkg_json_nan"),
    ("infinity", lambda: replace_consistently(BASE, SUB, b'{"a": -Infinity}'), "pkg_json_nan"),
    ("huge_float", lambda: replace_consistently(BASE, SUB, b'{"a": 1e400}'), "pkg_json_nan"),
    ("surrogate", lambda: replace_consistently(BASE, SUB, b'{"a": ["ok", "\\ud800"]}'), "pkg_json_surrogate"),
    ("surrogate_key", lambda: replace_consistently(BASE, SUB, b'{"\\udc00": 1}'), "pkg_json_surrogate"),
    ("deep", lambda: replace_consistently(BASE, SUB, b"[" * 100_000 + b"]" * 100_000), "pkg_json_too_deep"),
    ("bom", lambda: replace_consistently(BASE, SUB, b"\xef\xbb\xbf{}"), "pkg_json_bom"),
    ("bad_utf8", lambda: replace_consistently(BASE, SUB, b'{"a": "\xc3\x28"}'), "pkg_json_encoding"),
    ("not_json", lambda: replace_consistently(BASE, SUB, b'{"a": }'), "pkg_json_invalid"),
    (
        "manifest_dup_key",
        lambda: rezip(BASE, replace={"manifest.json": b'{"format": 1, "format": 2}'}),
        "pkg_json_duplicate_key",
    ),
    (
        "wrong_type",
        lambda: edit_json(BASE, SUB, _set(["activities", 1, "participants"], "nhiều")),
        "pkg_schema_invalid",
    ),
    (
        "float_for_int",
        lambda: edit_json(BASE, SUB, _set(["indicators", 0, "value"], 1.5)),
        "pkg_schema_invalid",
    ),
    ("bad_date", lambda: edit_json(BASE, SUB, _set(["period", "start"], "2025-02-30")), "pkg_schema_invalid"),
    (
        "no_offset",
        lambda: edit_json(BASE, "manifest.json", _set(["created_at"], "2025-06-18T10:00:00")),
        "pkg_schema_invalid",
    ),
    ("extra_field", lambda: edit_json(BASE, SUB, _set(["secret"], "x")), "pkg_schema_invalid"),
    ("revision_zero", lambda: edit_json(BASE, "manifest.json", _set(["revision"], 0)), "pkg_schema_invalid"),
    ("top_level_array", lambda: replace_consistently(BASE, SUB, b"[]"), "pkg_schema_invalid"),
    # container (T14)
    ("empty", lambda: b"", "pkg_empty"),
    ("not_zip", lambda: b"%PDF-1.4 hello", "pkg_not_zip"),
    (
        "too_many",
        lambda: raw_zip(
            [("mimetype", MIMETYPE, len(MIMETYPE), 0)]
            + [(f"attachments/{i:064x}.pdf", b"", 0, 0) for i in range(600)]
        ),
        "pkg_too_many_members",
    ),
]


def _info(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


def _zipped(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _new_minor_field(doc: dict) -> None:
    doc["format_version"] = "1.4"
    doc["signature"] = "future"


@pytest.fixture
def quiet_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Temp files would land in tmp_path/tmp; returns a snapshot function over tmp_path."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))

    def snapshot() -> list[str]:
        return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))

    return snapshot


def _rejects(
    data: bytes, tmp_path: Path, snapshot: Callable[[], list[str]], code: str, limits: Limits = Limits()
) -> PackageError:
    path = tmp_path / "in.dvcq"
    path.write_bytes(data)
    before = snapshot()
    for source in (path, data):
        with pytest.raises(PackageError) as info:
            read_package(source, limits)
        assert info.value.code == code, (info.value.code, info.value.detail)
        assert info.value.code in CATALOGUE
    assert snapshot() == before
    return info.value


def test_base_package_is_valid() -> None:
    assert read_package(BASE).submission.activities


@pytest.mark.parametrize("name,make,code", CASES, ids=[c[0] for c in CASES])
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_hostile_case(name: str, make: Callable[[], bytes], code: str, tmp_path: Path, quiet_dirs) -> None:
    err = _rejects(make(), tmp_path, quiet_dirs, code)
    assert err.message and "{" not in err.message


def test_named_member_in_message(tmp_path: Path, quiet_dirs) -> None:
    err = _rejects(
        rezip(BASE, replace={DOCX: _zipped(BASE, DOCX)[::-1]}), tmp_path, quiet_dirs, "pkg_hash_mismatch"
    )
    assert err.message == f"Tệp {DOCX} trong gói đã bị thay đổi hoặc hỏng."
    err = _rejects(
        edit_json(BASE, SUB, _set(["activities", 1, "participants"], "x")),
        tmp_path,
        quiet_dirs,
        "pkg_schema_invalid",
    )
    assert "activities[1].participants" in err.message


def test_future_minor_without_new_fields_is_read() -> None:
    data = edit_json(BASE, "manifest.json", _set(["format_version"], "1.4"))
    data = edit_json(data, SUB, _set(["format_version"], "1.4"))  # both members carry it, equal
    assert read_package(data).manifest.format_version == "1.4"


@pytest.mark.parametrize(
    "limits,code",
    [
        (Limits(), "pkg_json_too_large"),  # a JSON member over its cap has the JSON code
        (Limits(max_submission_size=2 << 30, max_total_size=4 << 30), "pkg_ratio_exceeded"),
    ],
)
def test_gib_bomb_refused_without_inflating(limits: Limits, code: str, tmp_path: Path, quiet_dirs) -> None:
    data = zip_bomb(1 << 30)
    assert len(data) < 1_100_000
    path = tmp_path / "bomb.dvcq"
    path.write_bytes(data)
    del data
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as info:
            read_package(path, limits)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.code == code
    # Never materialised; how fast the refusal is, next to inflating the bomb, is a figure of
    # benchmarks/bench_hostile.py (timings do not belong in tests).
    assert peak < 50 * 1024 * 1024, peak


def test_truncated_at_many_offsets(tmp_path: Path, quiet_dirs) -> None:
    offsets = sorted(
        {
            1,
            2,
            3,
            4,
            10,
            29,
            30,
            38,
            73,
            100,
            len(BASE) // 3,
            len(BASE) // 2,
            len(BASE) - 100,
            len(BASE) - 22,
            len(BASE) - 21,
            len(BASE) - 10,
            len(BASE) - 1,
        }
    )
    for k in offsets:
        expected = "pkg_not_zip" if k < 4 else "pkg_truncated"
        _rejects(BASE[:k], tmp_path, quiet_dirs, expected)


EXPECTED_ON_DAMAGE = {c for c in CATALOGUE if c.startswith("pkg_")}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(PackageError) as info:
        read_package(data)
    assert info.value.code in {"pkg_empty", "pkg_not_zip", "pkg_truncated", "pkg_corrupt"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BASE) * 8 - 1))
def test_flipped_bit_is_refused_or_harmless(bit: int) -> None:
    buf = bytearray(BASE)
    buf[bit // 8] ^= 1 << (bit % 8)
    try:
        pkg = read_package(bytes(buf))
    except PackageError as exc:
        assert exc.code in EXPECTED_ON_DAMAGE
    else:  # a flip in a field nobody relies on (timestamps, "version made by"…): same content
        assert pkg.submission == read_package(BASE).submission


def test_strict_json_unit_cases() -> None:
    ok = loads_strict(
        json.dumps({"a": ["ư", 1, None, {"b": 2.5}], "😀": "\U0001f600"}).encode(), member="x", max_size=1000
    )
    assert ok["a"][3]["b"] == 2.5
    assert loads_strict(b'"[[[{{\\"}"', member="x", max_size=100, max_depth_allowed=1) == '[[[{{"}'
    with pytest.raises(PackageError) as info:
        loads_strict(b"[" * 65 + b"]" * 65, member="x", max_size=1000)
    assert info.value.code == "pkg_json_too_deep"
    assert loads_strict(b"[" * 64 + b"]" * 64, member="x", max_size=1000) is not None
    with pytest.raises(PackageError) as info:
        loads_strict(b"{}" + b" " * 100, member="x", max_size=50)
    assert info.value.code == "pkg_json_too_large"
    with pytest.raises(PackageError) as info:
        loads_strict(b'{"a": "\\ud83d\\ude00", "b": "\\udfff"}', member="x", max_size=100)
    assert info.value.code == "pkg_json_surrogate"
    assert loads_strict(b'{"a": "\\ud83d\\ude00"}', member="x", max_size=100) == {"a": "\U0001f600"}
    with pytest.raises(PackageError) as info:
        loads_strict(b'{"x": 1' + b"0" * 5000 + b"}", member="x", max_size=10_000)
    assert info.value.code == "pkg_json_invalid"


def test_reader_never_leaks_other_exceptions_on_os_error(tmp_path: Path) -> None:
    with pytest.raises(PackageError) as info:
        read_package(tmp_path)  # a directory
    assert info.value.code in {"pkg_read_error", "pkg_file_missing"}
    assert not os.listdir(tmp_path)


def test_nesting_over_the_limit_but_under_the_recursion_limit_is_too_deep() -> None:
    # Depth is measured only when the schema fails (a valid document cannot be deeper than the
    # schema allows); the error must still be the depth one, wherever the nesting sits.
    from dvcq_desktop.package import schema

    assert schema.nesting_bound("submission") == 5 and schema.nesting_bound("manifest") == 3
    doc = json.loads(zipfile.ZipFile(io.BytesIO(BASE)).read(SUB))
    deep: object = "x"
    for _ in range(200):
        deep = [deep]
    doc["extras"] = {"ghi_chu": deep}
    for blob in (json.dumps(doc).encode(), b"[" * 300 + b"]" * 300):
        with pytest.raises(PackageError) as info:
            read_package(replace_consistently(BASE, SUB, blob))
        assert info.value.code == "pkg_json_too_deep"


def test_open_or_recursive_schema_has_no_nesting_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcq_desktop.package import schema

    class _V:
        def __init__(self, s: dict) -> None:
            self.schema = s

    cases = {
        "open": {"type": "object"},
        "untyped items": {"type": "array", "items": {}},
        "recursive": {"$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"},
    }
    for name, s in cases.items():
        schema.nesting_bound.cache_clear()
        monkeypatch.setattr(schema, "validator", lambda _n, s=s: _V(s))
        assert schema.nesting_bound(name) is None, name
    schema.nesting_bound.cache_clear()
