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
construction. A schema without arrays or objects (a nullable date, an id) becomes one inline
condition, and inside a loop the values a condition already accepted are remembered for the rest of
the call: dates, area and type ids repeat across activities (8.4 ms against 11.4 ms per
2,000-activity submission, same run). Validity must match the reference exactly;
tests/test_package_schema.py compares the two on mutated documents. A construct this generator does not handle raises `Unsupported` and
the schema is then checked by the reference closures alone.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

Predicate = Callable[[Any], bool]
# The uuid def's own pattern: it accepts only strings `uuid.UUID` accepts, so the format call is
# implied by the pattern and skipped when both sit on one node.
CANONICAL_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# The datetime def's own pattern: every string it matches also matches fastcheck's _DATETIME and
# carries an offset, so only the calendar (fromisoformat) is left to check on such a node.
DATETIME_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$"
)


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


_STRUCTURE = frozenset(
    {
        "items",
        "minItems",
        "maxItems",
        "properties",
        "required",
        "additionalProperties",
        "maxProperties",
        "propertyNames",
    }
)


def _types(s: dict[str, Any]) -> set[str]:
    if "type" not in s:
        return set()
    return {s["type"]} if isinstance(s["type"], str) else set(s["type"])


@dataclass(frozen=True)
class _Leaf:
    cond: str  # "" when the schema accepts anything
    kinds: set[str] | None  # the JSON types it can accept (None: any)
    costly: bool  # a pattern or a date: worth remembering accepted values


class _Gen:
    def __init__(self, root: dict[str, Any], datetime_rx: re.Pattern[str]) -> None:
        self.root = root
        self.ns: dict[str, Any] = {
            "_uuid_ok": _uuid_ok,
            "_enum_ok": _enum_ok,
            "_DT": datetime_rx,
            "_date": date.fromisoformat,
            "_datetime": datetime.fromisoformat,
            "_MISSING": object(),
        }
        self.n = 0
        self.funcs: list[str] = []
        self.refs: list[str] = []
        self.memos: list[str] = []  # sets of values already accepted, made anew on each call
        self.loops = 0  # > 0 while generating the body of a loop over items
        self.in_function = False  # an anyOf alternative's own def cannot see _fast's memos

    def bind(self, value: Any) -> str:
        self.n += 1
        name = f"_k{self.n}"
        self.ns[name] = value
        return name

    def var(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def function(self, s: dict[str, Any]) -> str:
        """A separate `def` returning a bool (used for anyOf alternatives with structure)."""
        name = self.var("_f")
        outer, self.in_function = self.in_function, True
        body = self.block(s, "v", 1)
        self.in_function = outer
        self.funcs.append("\n".join([f"def {name}(v):", *body, "    return True"]))
        return name

    def block(self, s: dict[str, Any], v: str, ind: int) -> list[str]:
        pad = "    " * ind
        leaf = self.leaf(s, v)
        if leaf is not None:
            return self.leaf_lines(leaf, v, pad)
        out: list[str] = []
        if "$ref" in s:
            out += self.block(self.deref(s), v, ind)
            self.refs.pop()
        types = _types(s)
        out += [f"{pad}if not ({c}): return False" for c in self.scalar_conds(s, v, types)]
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

    def deref(self, s: dict[str, Any]) -> dict[str, Any]:
        """The schema `s["$ref"]` names, pushed on `self.refs` (the caller pops it)."""
        target = s["$ref"].rsplit("/", 1)[1]
        if target in self.refs:
            raise Unsupported(f"recursive $ref {target}")
        self.refs.append(target)
        return dict(self.root["$defs"][target])

    def scalar_conds(self, s: dict[str, Any], v: str, types: set[str]) -> list[str]:
        """The conditions of `type`, `const`, `enum`, the string keywords and the range."""
        out: list[str] = []
        if types:
            out.append(" or ".join(_TYPE_EXPR[n].format(v=v) for n in sorted(types)))
        if "const" in s:
            c = s["const"]
            out.append(f"type({v}) is {self.bind(type(c))} and {v} == {self.bind(c)}")
        if "enum" in s:
            allowed = tuple(s["enum"])
            if all(type(a) is str for a in allowed):
                out.append(f"type({v}) is str and {v} in {self.bind(frozenset(allowed))}")
            else:
                out.append(f"_enum_ok({v}, {self.bind(allowed)})")
        conds = self.string_conds(s, v)
        if conds:
            guard = "" if types == {"string"} else f"not isinstance({v}, str) or "
            out.append(f"{guard}({' and '.join(conds)})")
        if "minimum" in s or "maximum" in s:
            rng = " and ".join(
                ([f"{self.bind(s['minimum'])} <= {v}"] if "minimum" in s else [])
                + ([f"{v} <= {self.bind(s['maximum'])}"] if "maximum" in s else [])
            )
            if types and types <= {"integer", "null"}:
                guard = f"{v} is None or " if "null" in types else ""
            else:
                guard = f"not isinstance({v}, (int, float)) or isinstance({v}, bool) or "
            out.append(f"{guard}({rng})")
        return out

    def leaf(self, s: dict[str, Any], v: str) -> _Leaf | None:
        """One condition for a schema without arrays or objects (None for one with them): a
        nullable date is then `v is None or (...)` inline instead of a call per activity."""
        if _STRUCTURE & set(s):
            return None
        parts: list[str] = []
        kinds: set[str] | None = None  # the JSON types it can accept; None: any
        costly = False
        if "$ref" in s:
            sub = self.leaf(self.deref(s), v)
            self.refs.pop()
            if sub is None:
                return None
            parts += [sub.cond] if sub.cond else []
            kinds, costly = sub.kinds, sub.costly
        types = _types(s)
        if types:
            kinds = types if kinds is None else kinds & types
        parts += [f"({c})" for c in self.scalar_conds(s, v, types)]
        costly = costly or "pattern" in s or s.get("format") in ("date", "date-time")
        if "anyOf" in s:
            alts = [self.leaf(o, v) for o in s["anyOf"]]
            if any(a is None for a in alts):
                return None
            ok = [a for a in alts if a is not None]
            parts.append("(" + (" or ".join(f"({a.cond or 'True'})" for a in ok) or "False") + ")")
            union: set[str] | None = set()
            for a in ok:
                union = None if union is None or a.kinds is None else union | a.kinds
            if union is not None:
                kinds = union if kinds is None else kinds & union
            costly = costly or any(a.costly for a in ok)
        return _Leaf(" and ".join(parts), kinds, costly)

    def leaf_lines(self, leaf: _Leaf, v: str, pad: str) -> list[str]:
        if not leaf.cond:
            return []
        check = f"if not ({leaf.cond}): return False"
        # Inside a loop, a value already accepted is accepted again (the check depends on the value
        # alone): dates, area, type and task ids repeat across 2,000 activities (an activity's own
        # id does not, and costs ~0.1 µs more). Only strings and None are remembered, so
        # 1 == True == 1.0 cannot alias.
        remember = (
            self.loops
            and not self.in_function
            and leaf.costly
            and leaf.kinds is not None
            and leaf.kinds <= {"string", "null"}
        )
        if not remember:
            return [f"{pad}{check}"]
        memo = self.var("_m")
        self.memos.append(memo)
        return [f"{pad}if {v} not in {memo}:", f"{pad}    {check}", f"{pad}    {memo}.add({v})"]

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
        elif fmt == "date":  # a bad date raises ValueError: the caller's reference check explains
            conds.append(f"len({v}) == 10 and _date({v}) is not None")
        elif fmt == "date-time" and s.get("pattern") == DATETIME_PATTERN:
            conds.append(f"_datetime({v}) is not None")  # the pattern implies _DT and an offset
        elif fmt == "date-time":
            conds.append(f"_DT.match({v}) is not None and _datetime({v}).tzinfo is not None")
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
            self.loops += 1
            body = self.block(s["items"], x, ind + 1)
            self.loops -= 1
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
    memos = [f"    {m} = set()" for m in gen.memos]
    source = "\n\n".join([*gen.funcs, "\n".join(["def _fast(v):", *memos, *body, "    return True"])])
    exec(compile(source, "<fastcheck generated>", "exec"), gen.ns)  # noqa: S102 - our own schema files
    fast = gen.ns["_fast"]

    def predicate(v: Any) -> bool:
        # Inline checks may raise on a bad value (an impossible date, an unhashable value tested
        # against a memo): that value is not accepted, and the reference closures explain why.
        try:
            return bool(fast(v))
        except Exception:  # noqa: BLE001
            return False

    return predicate, source
