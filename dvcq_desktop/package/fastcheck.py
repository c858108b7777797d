"""A compiled validator for the subset of JSON Schema 2020-12 our two schemas use.

`jsonschema` needs ~4 s for a 10,000-activity submission; verify must take < 2 s. The published
schema files stay the single source: this module compiles them into closures and refuses any keyword
it does not implement, so the files cannot silently drift from what is enforced. It is deliberately
*stricter* than jsonschema in two places: an "integer" must be a JSON integer (not 1.0), and a
pattern's final `$` does not match before a trailing newline. tests/test_package_schema.py checks
that both validators agree on generated documents.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from dvcq_desktop.package.fastgen import Unsupported, anchored, generate

Check = Callable[[Any], None]
_IGNORED = {"$schema", "$id", "title", "description", "$defs", "$comment"}
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})\Z")


class SchemaViolation(Exception):
    """Raised at the failing value; each enclosing container prepends its key on the way out,
    so a successful check never spends time building paths."""

    def __init__(self, message: str, key: str | int | None = None) -> None:
        super().__init__(message)
        self.parts: list[str | int] = [] if key is None else [key]

    @property
    def path(self) -> str:
        out = ""
        for key in self.parts:
            out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
        return out or "(gốc)"


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def _format_ok(fmt: str, value: str) -> bool:
    try:
        if fmt == "uuid":
            uuid.UUID(value)
            return True
        if fmt == "date":
            return len(value) == 10 and bool(date.fromisoformat(value))
        if fmt == "date-time":
            return bool(_DATETIME.match(value)) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
    raise ValueError(f"unsupported format {fmt!r}")


def compile_schema(root: dict[str, Any]) -> Check:
    """The checker the reader runs: the generated predicate accepts valid documents in one pass;
    anything it does not accept goes through the reference closures, which raise the violation
    (same message, same path) — see fastgen."""
    reference = compile_reference(root)
    try:
        fast, _source = generate(root, _DATETIME)
    except Unsupported:
        return reference

    def check(v: Any) -> None:
        try:
            if fast(v):
                return
        except Exception:  # noqa: BLE001, S110 - any surprise: the reference decides and explains
            pass
        reference(v)

    return check


def compile_fast(root: dict[str, Any]) -> Callable[[Any], bool]:
    """The generated predicate alone (tests compare it with the reference closures)."""
    compile_reference(root)  # refuses unsupported keywords exactly like compile_schema
    return generate(root, _DATETIME)[0]


def compile_reference(root: dict[str, Any]) -> Check:
    """One closure per keyword: slower, and the only code that builds error messages."""
    defs: dict[str, Check] = {}

    def ref(name: str) -> Check:
        def check(v: Any) -> None:
            defs[name](v)

        return check

    def build(s: dict[str, Any]) -> Check:  # noqa: C901 - one branch per keyword is the point
        unknown = (
            set(s)
            - _IGNORED
            - {
                "type",
                "properties",
                "required",
                "additionalProperties",
                "const",
                "enum",
                "pattern",
                "maxLength",
                "minLength",
                "minimum",
                "maximum",
                "minItems",
                "maxItems",
                "items",
                "$ref",
                "anyOf",
                "format",
                "maxProperties",
                "propertyNames",
            }
        )
        if unknown:
            raise ValueError(f"schema keyword not supported: {sorted(unknown)}")
        checks: list[Check] = []
        if "$ref" in s:
            target = s["$ref"]
            if not target.startswith("#/$defs/"):
                raise ValueError(f"only local $defs refs: {target}")
            checks.append(ref(target.rsplit("/", 1)[1]))
        if "type" in s:
            names = [s["type"]] if isinstance(s["type"], str) else list(s["type"])
            tests = [_TYPES[n] for n in names]
            first = tests[0]

            def c_type(v: Any) -> None:
                if not first(v) and not any(t(v) for t in tests[1:]):
                    raise SchemaViolation(f"expected {'/'.join(names)}")

            checks.append(c_type)
        if "const" in s:
            const = s["const"]

            def c_const(v: Any) -> None:
                if type(v) is not type(const) or v != const:
                    raise SchemaViolation(f"expected {const!r}")

            checks.append(c_const)
        if "enum" in s:
            allowed = list(s["enum"])

            def c_enum(v: Any) -> None:
                if not any(type(v) is type(a) and v == a for a in allowed):
                    raise SchemaViolation("value not allowed")

            checks.append(c_enum)
        checks.extend(_string_checks(s))
        checks.extend(_number_checks(s))
        checks.extend(_container_checks(s, build))
        if set(s) - _IGNORED == {"type", "maxLength"} and s["type"] == "string":
            return _plain_string(s["maxLength"])  # most fields: one closure instead of three
        if "anyOf" in s:
            nullable = {"type": "null"} in s["anyOf"]
            options = [build(o) for o in s["anyOf"] if o != {"type": "null"}]

            def c_any(v: Any) -> None:
                if v is None and nullable:
                    return
                for option in options:
                    try:
                        option(v)
                        return
                    except SchemaViolation:
                        continue
                raise SchemaViolation("no alternative matches")

            checks.append(c_any)
        if len(checks) == 1:
            return checks[0]

        def c_all(v: Any) -> None:
            for c in checks:
                c(v)

        return c_all

    for name, sub in root.get("$defs", {}).items():
        defs[name] = build(sub)
    return build(root)


def _plain_string(max_length: int) -> Check:
    def check(v: Any) -> None:
        if not isinstance(v, str):
            raise SchemaViolation("expected string")
        if len(v) > max_length:
            raise SchemaViolation("length out of range")

    return check


def _string_checks(s: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    lo, hi = s.get("minLength"), s.get("maxLength")
    if lo is not None or hi is not None:
        lo_, hi_ = lo or 0, hi if hi is not None else float("inf")

        def c_len(v: Any) -> None:
            if isinstance(v, str) and not lo_ <= len(v) <= hi_:
                raise SchemaViolation("length out of range")

        out.append(c_len)
    if "pattern" in s:
        rx = anchored(s["pattern"])

        def c_pat(v: Any) -> None:
            if isinstance(v, str) and not rx.search(v):
                raise SchemaViolation("does not match pattern")

        out.append(c_pat)
    if "format" in s:
        fmt = s["format"]
        _format_ok(fmt, "") if fmt not in ("uuid", "date", "date-time") else None

        def c_fmt(v: Any) -> None:
            if isinstance(v, str) and not _format_ok(fmt, v):
                raise SchemaViolation(f"not a valid {fmt}")

        out.append(c_fmt)
    return out


def _number_checks(s: dict[str, Any]) -> list[Check]:
    if "minimum" not in s and "maximum" not in s:
        return []
    lo, hi = s.get("minimum", float("-inf")), s.get("maximum", float("inf"))

    def c_range(v: Any) -> None:
        if isinstance(v, (int, float)) and not isinstance(v, bool) and not lo <= v <= hi:
            raise SchemaViolation("number out of range")

    return [c_range]


def _container_checks(s: dict[str, Any], build: Callable[[dict[str, Any]], Check]) -> list[Check]:
    out: list[Check] = []
    if "minItems" in s or "maxItems" in s or "items" in s:
        lo, hi = s.get("minItems", 0), s.get("maxItems", float("inf"))
        item = build(s["items"]) if "items" in s else None

        def c_items(v: Any) -> None:
            if not isinstance(v, list):
                return
            if not lo <= len(v) <= hi:
                raise SchemaViolation("wrong number of items")
            if item is not None:
                for i, x in enumerate(v):
                    try:
                        item(x)
                    except SchemaViolation as exc:
                        exc.parts.insert(0, i)
                        raise

        out.append(c_items)
    if {"properties", "required", "additionalProperties", "maxProperties", "propertyNames"} & set(s):
        props = {k: build(v) for k, v in s.get("properties", {}).items()}
        required = list(s.get("required", ()))
        extra = s.get("additionalProperties", True)
        extra_check = build(extra) if isinstance(extra, dict) else None
        names = build(s["propertyNames"]) if "propertyNames" in s else None
        max_props = s.get("maxProperties", float("inf"))

        def c_obj(v: Any) -> None:
            if not isinstance(v, dict):
                return
            for k in required:
                if k not in v:
                    raise SchemaViolation("required field missing", k)
            if len(v) > max_props:
                raise SchemaViolation("too many fields")
            for k, x in v.items():
                sub = props.get(k)
                try:
                    if names is not None:
                        names(k)
                    if sub is not None:
                        sub(x)
                    elif extra is False:
                        raise SchemaViolation("field not allowed")
                    elif extra_check is not None:
                        extra_check(x)
                except SchemaViolation as exc:
                    exc.parts.insert(0, k)
                    raise

        out.append(c_obj)
    return out
