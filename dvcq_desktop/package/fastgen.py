"""Generated-code acceptance test for fastcheck: "fast accept, reference explains".

`fastcheck`'s closures cost one Python call per keyword per value. Why this module exists, in
figures (CPU time, same run): one 2,000-activity submission takes 11 ms here against 29 ms with the
closures alone; for the import benchmark (30 such packages, ~2.0 s CPU in all) that is 0.33 s
against 0.88 s, the difference between ~1.5× and ~1.8× raw-insert time, with a 2× target. Verify's
2 s budget alone would not justify it. This module turns the same schema subset into
the source of *one* Python function that only answers "valid or not": every keyword becomes an
inline condition, each object's keys are compared as a set in C (an activity with 21 required
fields and no extras is `keys() == {…}`), and arrays of objects loop over the items with the item
checks inlined. When it answers "invalid" (or raises anything), fastcheck runs its reference
closures, which raise the violation with its usual message and path, so errors are unchanged by
construction. Validity must match the reference exactly; tests/test_package_schema.py compares
the two on mutated documents. A construct this generator does not handle raises `Unsupported` and
the schema is then checked by the reference closures alone.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

Predicate = Callable[[Any], bool]
# The uuid def's own pattern: it accepts only strings `uuid.UUID` accepts, so the format call is
# implied by the pattern and skipped when both sit on one node.
CANONICAL_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class Unsupported(Exception):
    """A schema construct with no generated form (e.g. a recursive $ref)."""


def anchored(pattern: str) -> re.Pattern[str]:
    """JSON Schema patterns are searched; a final `$` must not match before a trailing newline."""
    fixed = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    return re.compile(fixed)


def _uuid_ok(v: str) -> bool:
    try:
        uuid.UUID(v)
        return True
    except ValueError:
        return False


def _date_ok(v: str) -> bool:
    try:
        return len(v) == 10 and bool(date.fromisoformat(v))
    except ValueError:
        return False


def _datetime_ok(v: str, rx: re.Pattern[str]) -> bool:
    try:
        return bool(rx.match(v)) and datetime.fromisoformat(v).tzinfo is not None
    except ValueError:
        return False


def _enum_ok(v: Any, allowed: tuple[Any, ...]) -> bool:
    return any(type(v) is type(a) and v == a for a in allowed)


_TYPE_EXPR = {
    "string": "isinstance({v}, str)",
    "integer": "(type({v}) is int or (isinstance({v}, int) and not isinstance({v}, bool)))",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
}


class _Gen:
    def __init__(self, root: dict[str, Any], datetime_rx: re.Pattern[str]) -> None:
        self.root = root
        self.ns: dict[str, Any] = {
            "_uuid_ok": _uuid_ok,
            "_date_ok": _date_ok,
            "_enum_ok": _enum_ok,
            "_datetime_ok": _datetime_ok,
            "_DT": datetime_rx,
            "_MISSING": object(),
        }
        self.n = 0
        self.funcs: list[str] = []
        self.refs: list[str] = []

    def bind(self, value: Any) -> str:
        self.n += 1
        name = f"_k{self.n}"
        self.ns[name] = value
        return name

    def var(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def function(self, s: dict[str, Any]) -> str:
        """A separate `def` returning a bool (used for anyOf alternatives)."""
        name = self.var("_f")
        body = self.block(s, "v", 1)
        self.funcs.append("\n".join([f"def {name}(v):", *body, "    return True"]))
        return name

    def block(self, s: dict[str, Any], v: str, ind: int) -> list[str]:  # noqa: C901 - one branch per keyword
        pad = "    " * ind
        out: list[str] = []
        if "$ref" in s:
            target = s["$ref"].rsplit("/", 1)[1]
            if target in self.refs:
                raise Unsupported(f"recursive $ref {target}")
            self.refs.append(target)
            out += self.block(self.root["$defs"][target], v, ind)
            self.refs.pop()
        types: set[str] = set()
        if "type" in s:
            names = [s["type"]] if isinstance(s["type"], str) else list(s["type"])
            types = set(names)
            out.append(f"{pad}if not ({' or '.join(_TYPE_EXPR[n].format(v=v) for n in names)}): return False")
        if "const" in s:
            c = s["const"]
            out.append(
                f"{pad}if not (type({v}) is {self.bind(type(c))} and {v} == {self.bind(c)}): return False"
            )
        if "enum" in s:
            allowed = tuple(s["enum"])
            if all(type(a) is str for a in allowed):
                out.append(
                    f"{pad}if not (type({v}) is str and {v} in {self.bind(frozenset(allowed))}): return False"
                )
            else:
                out.append(f"{pad}if not _enum_ok({v}, {self.bind(allowed)}): return False")
        conds = self.string_conds(s, v)
        if conds:
            guard = "" if types == {"string"} else f"not isinstance({v}, str) or "
            out.append(f"{pad}if not ({guard}({' and '.join(conds)})): return False")
        if "minimum" in s or "maximum" in s:
            rng = " and ".join(
                ([f"{self.bind(s['minimum'])} <= {v}"] if "minimum" in s else [])
                + ([f"{v} <= {self.bind(s['maximum'])}"] if "maximum" in s else [])
            )
            if types and types <= {"integer", "null"}:
                guard = f"{v} is None or " if "null" in types else ""
            else:
                guard = f"not isinstance({v}, (int, float)) or isinstance({v}, bool) or "
            out.append(f"{pad}if not ({guard}({rng})): return False")
        if {"minItems", "maxItems", "items"} & set(s):
            out += self.array(s, v, ind, guarded=types != {"array"})
        if {"properties", "required", "additionalProperties", "maxProperties", "propertyNames"} & set(s):
            out += self.obj(s, v, ind, guarded=types != {"object"})
        if "anyOf" in s:
            alts = [f"{self.function(o)}({v})" for o in s["anyOf"] if o != {"type": "null"}]
            if {"type": "null"} in s["anyOf"]:
                alts.insert(0, f"{v} is None")
            out.append(f"{pad}if not ({' or '.join(alts) or 'False'}): return False")
        return out

    def string_conds(self, s: dict[str, Any], v: str) -> list[str]:
        conds = []
        if "minLength" in s:
            conds.append(f"len({v}) >= {self.bind(s['minLength'])}")
        if "maxLength" in s:
            conds.append(f"len({v}) <= {self.bind(s['maxLength'])}")
        if "pattern" in s:
            conds.append(f"{self.bind(anchored(s['pattern']))}.search({v}) is not None")
        fmt = s.get("format")
        if fmt == "uuid" and s.get("pattern") != CANONICAL_UUID:
            conds.append(f"_uuid_ok({v})")
        elif fmt == "date":
            conds.append(f"_date_ok({v})")
        elif fmt == "date-time":
            conds.append(f"_datetime_ok({v}, _DT)")
        elif fmt not in (None, "uuid"):
            raise Unsupported(f"format {fmt}")
        return conds

    def array(self, s: dict[str, Any], v: str, ind: int, *, guarded: bool) -> list[str]:
        out: list[str] = []
        if guarded:
            out.append(f"{'    ' * ind}if isinstance({v}, list):")
            ind += 1
        pad = "    " * ind
        if "minItems" in s:
            out.append(f"{pad}if len({v}) < {self.bind(s['minItems'])}: return False")
        if "maxItems" in s:
            out.append(f"{pad}if len({v}) > {self.bind(s['maxItems'])}: return False")
        if "items" in s:
            x = self.var("x")
            body = self.block(s["items"], x, ind + 1)
            if body:
                out += [f"{pad}for {x} in {v}:", *body]
        return out if not guarded or len(out) > 1 else []

    def obj(self, s: dict[str, Any], v: str, ind: int, *, guarded: bool) -> list[str]:
        out: list[str] = []
        if guarded:
            out.append(f"{'    ' * ind}if isinstance({v}, dict):")
            ind += 1
        pad = "    " * ind
        props: dict[str, Any] = s.get("properties", {})
        required = set(s.get("required", ()))
        extra = s.get("additionalProperties", True)
        pset = self.bind(frozenset(props))
        if extra is False and "propertyNames" not in s and required == set(props):
            out.append(f"{pad}if {v}.keys() != {pset}: return False")
        else:
            if required:
                out.append(f"{pad}if not {v}.keys() >= {self.bind(frozenset(required))}: return False")
            if extra is False and "propertyNames" not in s:
                out.append(f"{pad}if not {v}.keys() <= {pset}: return False")
            elif extra is not True or "propertyNames" in s:
                k, y = self.var("k"), self.var("y")
                loop = self.block(s["propertyNames"], k, ind + 1) if "propertyNames" in s else []
                if extra is False:
                    loop.append(f"{pad}    if {k} not in {pset}: return False")
                elif isinstance(extra, dict) and (rest := self.block(extra, y, ind + 2)):
                    loop += [f"{pad}    if {k} not in {pset}:", *rest]
                if loop:
                    out += [f"{pad}for {k}, {y} in {v}.items():", *loop]
        if "maxProperties" in s:
            out.append(f"{pad}if len({v}) > {self.bind(s['maxProperties'])}: return False")
        for key, sub in props.items():
            x = self.var("p")
            if key in required:
                body = self.block(sub, x, ind)
                if body:
                    out += [f"{pad}{x} = {v}[{key!r}]", *body]
            else:
                body = self.block(sub, x, ind + 1)
                if body:
                    out += [f"{pad}{x} = {v}.get({key!r}, _MISSING)", f"{pad}if {x} is not _MISSING:", *body]
        return out if not guarded or len(out) > 1 else []


def generate(root: dict[str, Any], datetime_rx: re.Pattern[str]) -> tuple[Predicate, str]:
    """(predicate, its source) for `root`; raises `Unsupported`."""
    gen = _Gen(root, datetime_rx)
    body = gen.block(root, "v", 1)
    source = "\n\n".join([*gen.funcs, "\n".join(["def _fast(v):", *body, "    return True"])])
    exec(compile(source, "<fastcheck generated>", "exec"), gen.ns)  # noqa: S102 - our own schema files
    return gen.ns["_fast"], source
