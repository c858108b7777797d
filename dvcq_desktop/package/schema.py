"""The published JSON Schemas (resources/schemas/) and how a violation becomes a `PackageError`."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.fastcheck import Check, SchemaViolation, compile_schema
from dvcq_desktop.resources import resource_path

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")


def _checker() -> FormatChecker:
    checker = FormatChecker(["uuid"])

    @checker.checks("date", raises=ValueError)
    def _date(value: object) -> bool:
        return not isinstance(value, str) or bool(date.fromisoformat(value)) and len(value) == 10

    @checker.checks("date-time", raises=ValueError)
    def _datetime(value: object) -> bool:
        # jsonschema only asserts date-time with an optional extra package; do it with the stdlib.
        if not isinstance(value, str):
            return True
        return bool(_DATETIME.match(value)) and datetime.fromisoformat(value).tzinfo is not None

    return checker


@cache
def validator(name: str) -> Draft202012Validator:
    """`name` is "manifest" or "submission"."""
    with open(resource_path("schemas", f"{name}.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    return Draft202012Validator(schema, format_checker=_checker())


@cache
def nesting_bound(name: str) -> int | None:
    """The deepest array/object nesting any document valid against schema `name` can have, or
    None when the schema allows unbounded nesting (an open object, untyped items, a recursive
    `$ref`). With a bound at or under the depth limit, the reader can skip measuring depth of
    documents that pass the schema: they cannot be too deep."""
    schema = validator(name).schema
    defs = schema.get("$defs", {})

    def depth(node: Any, seen: frozenset[str]) -> int | None:
        if not isinstance(node, dict):
            return 0 if node is False else None  # `true` / missing accepts anything
        ref = node.get("$ref")
        if isinstance(ref, str):
            key = ref.rsplit("/", 1)[-1]
            if not ref.startswith("#/$defs/") or key in seen or key not in defs:
                return None
            return depth(defs[key], seen | {key})
        subs = [d for k in ("anyOf", "oneOf", "allOf") for d in node.get(k, [])]
        if subs:
            found = [depth(x, seen) for x in subs]
            return None if None in found else max(d for d in found if d is not None)
        if "const" in node or "enum" in node:
            literals = [node["const"]] if "const" in node else list(node["enum"])
            return max(_literal_depth(v) for v in literals) if literals else 0
        raw = node.get("type")
        types = set(raw) if isinstance(raw, list) else {raw} if raw else set()
        if not types:
            return None  # untyped: could be any container
        if not types & {"object", "array"}:
            return 0
        children: list[Any] = []
        if "object" in types:
            children += list(node.get("properties", {}).values())
            extra = node.get("additionalProperties", True)
            if extra is not False:
                children.append(extra)
            children += list(node.get("patternProperties", {}).values())
        if "array" in types:
            children.append(node.get("items", True))
        found = [depth(c, seen) for c in children]
        if None in found:
            return None
        return 1 + max([d for d in found if d is not None], default=0)

    return depth(schema, frozenset())


def _literal_depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_literal_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_literal_depth(v) for v in value), default=0)
    return 0


@cache
def compiled(name: str) -> Check:
    """The same schema compiled for speed (see fastcheck); this is what the reader enforces."""
    return compile_schema(validator(name).schema)


def validate(name: str, instance: Any, member: str) -> None:
    try:
        compiled(name)(instance)
    except SchemaViolation as exc:
        raise PackageError("pkg_schema_invalid", member, detail=str(exc), field=exc.path) from None
