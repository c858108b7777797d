"""The compiled validator (fastcheck) enforces the published schema files: it agrees with
jsonschema on valid documents and on many single-field mutations of them."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from package_helpers import submission  # noqa: E402

from dvcq_desktop.package.codec import submission_to_dict  # noqa: E402
from dvcq_desktop.package.fastcheck import SchemaViolation, compile_schema  # noqa: E402
from dvcq_desktop.package.schema import compiled, validator  # noqa: E402

DOC = submission_to_dict(submission(3))
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**16), st.text(max_size=5),
                   st.sampled_from(["2025-02-30", "2025-06-18T10:00:00+07:00", "2025-06-18T10:00:00",
                                    "00000000-0000-0000-0000-000000000000", "done", "x" * 3000, "a\n"]),
                   st.just([]), st.just({}), st.just({"zz": 1}))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, prefix + (i,))
    return out


PATHS = [p for p in _paths(DOC) if p]


def _fast_ok(doc: Any) -> bool:
    try:
        compiled("submission")(doc)
        return True
    except SchemaViolation:
        return False


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(PATHS), value=VALUES, drop=st.booleans())
def test_agrees_with_jsonschema_on_mutations(path: tuple, value: Any, drop: bool) -> None:
    doc = copy.deepcopy(DOC)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if drop and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    slow_ok = validator("submission").is_valid(doc)
    fast_ok = _fast_ok(doc)
    if slow_ok != fast_ok:
        # The only intended differences: fast is stricter on "a\n" vs `$` and on 1.0 as integer.
        assert slow_ok and not fast_ok and value == "a\n", (path, value)


def test_valid_document_passes_both() -> None:
    assert validator("submission").is_valid(DOC) and _fast_ok(DOC)


def test_unknown_keyword_is_refused() -> None:
    with pytest.raises(ValueError):
        compile_schema({"type": "string", "contentEncoding": "base64"})
