"""Read and check the JSON data files shipped in `resources/` (plans, unit catalogues).

Plans and catalogues are edited by hand and may be imported by users, so every failure must tell
the user which file and which field is wrong, in Vietnamese. Errors are `DvcqError` with codes
`<kind>_missing`, `<kind>_unreadable`, `<kind>_invalid` (kind = "plan" | "catalog"), params
`file`, `field` (a JSON path such as `indicators[3].numerator`) and `reason`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeVar

from dvcq_desktop.errors import DvcqError

if TYPE_CHECKING:  # jsonschema costs 0.2 s to import: only loaded when a file is validated
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
from dvcq_desktop.resources import resource_path

log = logging.getLogger(__name__)

_TYPES_VI = {
    "string": "chuỗi văn bản",
    "integer": "số nguyên",
    "number": "số",
    "object": "đối tượng {…}",
    "array": "danh sách […]",
    "boolean": "true hoặc false",
    "null": "null",
}


def nfc(value: Any) -> Any:
    """NFC-normalise every string (keys too): hand-edited files may hold decomposed Vietnamese."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def content_hash(data: Any) -> str:
    """SHA-256 hex of the canonical JSON: NFC strings, sorted keys, no whitespace, UTF-8.

    Formatting or key order of the file does not change the hash; any content change does.
    """
    canonical = json.dumps(nfc(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def json_path(parts: Iterable[str | int]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out or "(toàn bộ tệp)"


def fail(kind: str, path: Path | str, field: str, reason: str, detail: str = "") -> NoReturn:
    raise DvcqError(f"{kind}_invalid", detail=detail or reason, file=str(path), field=field, reason=reason)


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json silently keeps the last duplicate; in a hand-edited file that hides a mistake
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def read_json(path: Path | str, kind: str) -> Any:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError as exc:
        raise DvcqError(f"{kind}_missing", detail=str(exc), file=str(p)) from exc
    except IsADirectoryError as exc:
        raise DvcqError(f"{kind}_missing", detail=str(exc), file=str(p)) from exc
    except OSError as exc:
        raise DvcqError(
            f"{kind}_unreadable",
            detail=str(exc),
            file=str(p),
            reason="không đọc được tệp (không có quyền đọc hoặc lỗi ổ đĩa)",
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DvcqError(
            f"{kind}_unreadable", detail=str(exc), file=str(p), reason="tệp không phải văn bản mã UTF-8"
        ) from exc
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        raise DvcqError(
            f"{kind}_unreadable",
            detail=f"duplicate key {exc}",
            file=str(p),
            reason=f"mục “{exc}” xuất hiện hai lần trong cùng một đối tượng",
        ) from exc
    except json.JSONDecodeError as exc:
        raise DvcqError(
            f"{kind}_unreadable",
            detail=str(exc),
            file=str(p),
            reason=f"sai cú pháp JSON ở dòng {exc.lineno}, cột {exc.colno}",
        ) from exc
    return nfc(data)


@lru_cache(maxsize=8)
def _validator(schema_name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    # The schemas ship with the app and are checked against the meta-schema by the tests;
    # checking them again at every start cost half a second of the officer's time.
    schema = json.loads(resource_path("schemas", schema_name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _explain(err: ValidationError) -> tuple[list[str | int], str]:
    """(JSON path of the offending field, Vietnamese reason) for one schema error."""
    path: list[str | int] = list(err.absolute_path)
    v, want, inst = err.validator, err.validator_value, err.instance
    if v == "required" and isinstance(inst, dict):
        missing = [k for k in want if k not in inst]
        return path + missing[:1], "thiếu mục bắt buộc"
    if v == "additionalProperties" and isinstance(inst, dict):
        allowed = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
        extra = sorted(k for k in inst if k not in allowed)
        return path + extra[:1], "mục không được phép (có thể viết sai tên mục)"
    if v == "type":
        names = [want] if isinstance(want, str) else list(want)
        return path, "sai kiểu dữ liệu, cần " + " hoặc ".join(_TYPES_VI.get(n, n) for n in names)
    if v == "enum":
        return path, "giá trị không hợp lệ, chỉ được dùng: " + ", ".join(
            json.dumps(x, ensure_ascii=False) for x in want
        )
    if v == "format" and want == "date":
        return path, "ngày không hợp lệ (cần dạng NNNN-TT-NN, ví dụ 2023-11-01)"
    if v == "minLength" or (v == "pattern" and isinstance(inst, str) and not inst.strip()):
        return path, "không được để trống"
    if v == "pattern":
        return path, "sai định dạng"
    if v == "minItems":
        return path, "danh sách không được rỗng"
    if v == "minimum":
        return path, f"giá trị phải lớn hơn hoặc bằng {want}"
    if v in ("anyOf", "oneOf"):
        # nullable fields are anyOf[schema, null]: explain the branch whose type did match, if any
        type_errs = [e for e in err.context if e.validator == "type"]
        other = [e for e in err.context if e.validator != "type"]
        if other:
            return _explain(other[0])
        wanted = [
            n
            for e in type_errs
            for n in ([e.validator_value] if isinstance(e.validator_value, str) else e.validator_value)
        ]
        if wanted:
            return path, "sai kiểu dữ liệu, cần " + " hoặc ".join(
                _TYPES_VI.get(n, n) for n in dict.fromkeys(wanted)
            )
        return path, "sai kiểu dữ liệu hoặc sai định dạng"
    return path, "không đúng cấu trúc quy định"


def validate(data: Any, schema_name: str, kind: str, path: Path | str) -> None:
    errors = list(_validator(schema_name).iter_errors(data))
    if not errors:
        return
    from jsonschema.exceptions import best_match

    for e in errors:
        log.debug("%s: %s at %s", path, e.message, json_path(e.absolute_path))
    err = best_match(errors)
    assert err is not None
    field_parts, reason = _explain(err)
    fail(kind, path, json_path(field_parts), reason, detail=err.message)


def check_unique(kind: str, path: Path | str, items: list[dict[str, Any]], key: str, where: str) -> None:
    seen: set[Any] = set()
    for i, item in enumerate(items):
        value = item[key]
        if value in seen:
            fail(kind, path, f"{where}[{i}].{key}", f"mã “{value}” bị trùng")
        seen.add(value)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Loaded = TypeVar("Loaded", bound=_HasId)


def builtin_paths(folder: str) -> list[Path]:
    """The JSON files shipped in `resources/<folder>`, in name order."""
    return sorted(resource_path(folder).glob("*.json"))


def find_builtin(folder: str, wanted_id: str, load: Callable[[Path], Loaded]) -> Loaded | None:
    """The shipped item (plan, catalogue) with that id, or None if there is none."""
    # by convention the file is named after the id; fall back to scanning in case it was renamed
    candidate = resource_path(folder, f"{wanted_id}.json")
    for p in [candidate] if candidate.is_file() else builtin_paths(folder):
        item = load(p)
        if item.id == wanted_id:
            return item
    return None
