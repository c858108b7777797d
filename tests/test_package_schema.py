"""The compiled validator (fastcheck) enforces the published schema files: it agrees with
jsonschema on valid documents and on many single-field mutations of them."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.package_helpers import submission, with_attachment

from dvcq_desktop.package.codec import submission_to_dict
from dvcq_desktop.package.fastcheck import SchemaViolation, compile_fast, compile_reference, compile_schema
from dvcq_desktop.package.schema import compiled, validator

DOC = submission_to_dict(submission(3))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**16),
    st.text(max_size=5),
    st.sampled_from(
        [
            "2025-02-30",
            "2025-06-18T10:00:00+07:00",
            "2025-06-18T10:00:00",
            "00000000-0000-0000-0000-000000000000",
            "done",
            "x" * 3000,
            "a\n",
        ]
    ),
    st.just([]),
    st.just({}),
    st.just({"zz": 1}),
)


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
        assert slow_ok and not fast_ok and isinstance(value, str) and value.endswith("\n"), (path, value)


def test_valid_document_passes_both() -> None:
    assert validator("submission").is_valid(DOC) and _fast_ok(DOC)


def test_unknown_keyword_is_refused() -> None:
    with pytest.raises(ValueError):
        compile_schema({"type": "string", "contentEncoding": "base64"})


# ---- the generated fast path (fastgen) must accept exactly what the reference closures accept ----
RICH = submission_to_dict(with_attachment(submission(3), "ab" * 32, 10))
RICH["extras"] = {"generator_note": "x", "k2": ""}
MANIFEST_DOC = {
    "format": "dvcq.submission",
    "format_version": "1.0",
    "package_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "revision": 2,
    "supersedes": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "created_at": "2025-06-18T09:15:00+07:00",
    "finalized_at": None,
    "generator": {"name": "dvcq-desktop", "version": "1.0"},
    "plan": RICH["plan"],
    "unit": RICH["unit"],
    "period": RICH["period"],
    "members": [{"path": "data/submission.json", "sha256": "cd" * 32, "size": 10}],
}
EXTRA_VALUES = st.one_of(
    VALUES,
    st.sampled_from(
        [
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "{0f8fad5b-d9cb-469f-a165-70867728950e}",
            "0f8fad5bd9cb469fa16570867728950e",
            "2025-13-01",
            "2025-06-18T10:00:00Z",
            "٢٠٢٥-06-18",
            "z" * 201,
            10**12,
            1.0,
            -1,
            True,
            "dvcq.submission",
            "xa",
            "planned",
            "ab" * 32,
        ]
    ),
)


def _both(name: str) -> tuple[Any, Any]:
    schema = validator(name).schema
    return compile_fast(schema), compile_reference(schema)


def _ref_error(check: Any, doc: Any) -> tuple[str, str] | None:
    try:
        check(doc)
        return None
    except SchemaViolation as exc:
        return (str(exc), exc.path)


@settings(max_examples=400, deadline=None)
@given(
    which=st.sampled_from(["submission", "manifest"]),
    data=st.data(),
    value=EXTRA_VALUES,
    drop=st.booleans(),
    add_key=st.booleans(),
)
def test_fast_path_accepts_exactly_what_reference_accepts(
    which: str, data: Any, value: Any, drop: bool, add_key: bool
) -> None:
    doc = copy.deepcopy(RICH if which == "submission" else MANIFEST_DOC)
    path = data.draw(st.sampled_from([p for p in _paths(doc) if p]))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if add_key and isinstance(parent, dict):
        parent["zz_" + str(path[-1])] = value
    elif drop and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    fast, reference = _both(which)
    ref_err = _ref_error(reference, doc)
    assert fast(doc) == (ref_err is None), (path, value, ref_err)
    # the checker the reader runs raises the reference's message and path
    assert _ref_error(compiled(which), doc) == ref_err


def test_fast_path_on_valid_documents_and_types() -> None:
    fast, reference = _both("submission")
    assert fast(RICH) and _ref_error(reference, RICH) is None
    fast_m, _ = _both("manifest")
    assert fast_m(MANIFEST_DOC)
    assert not fast([]) and not fast(None)
    assert _ref_error(compiled("submission"), []) == _ref_error(reference, [])


def test_fast_path_generic_keywords() -> None:
    # keywords our published schemas do not combine this way still agree with the reference
    schema = {
        "$defs": {"n": {"type": "integer", "minimum": 1}},
        "type": ["object", "array"],
        "minItems": 1,
        "maxItems": 2,
        "items": {"$ref": "#/$defs/n"},
        "properties": {
            "a": {"enum": [1, "1", None]},
            "b": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/n"}]},
        },
        "required": ["a"],
        "additionalProperties": {"type": "boolean"},
        "maxProperties": 3,
        "propertyNames": {"pattern": "^[a-z]+$"},
    }
    fast, reference = compile_fast(schema), compile_reference(schema)
    cases = [
        [],
        [1],
        [1, 2],
        [1, 2, 3],
        [0],
        [True],
        {"a": 1},
        {"a": True},
        {"a": None, "b": "x"},
        {"a": "1", "b": 0},
        {"a": "1", "b": 5},
        {"a": 1, "c": True},
        {"a": 1, "c": 1},
        {"a": 1, "C": True},
        {"a": 1, "b": 2, "c": True, "d": False},
        {},
        "x",
        1.0,
        None,
    ]
    for case in cases:
        assert fast(case) == (_ref_error(reference, case) is None), case


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "2025-02-30"),  # the pattern holds, the calendar does not
        ("start_date", ["2025-06-18"]),  # unhashable where a remembered value is looked up
        ("end_date", True),
        ("doc_date", 20250618),
        ("area_id", {"x": 1}),
        ("type_id", "dòng\nmới"),  # a control character
        ("created_at", "2025-06-18T24:00:00+07:00"),
        ("created_at", "2025-06-18T10:00:00+25:00"),
        ("updated_at", "2025-06-18T10:00:00"),
        ("task_id", 1),
    ],
)
def test_fast_path_on_values_repeated_across_activities(field: str, value: Any) -> None:
    """Values the first activities share are accepted each time they repeat; a later activity's
    bad value is still refused, by the fast path and by the reference alike."""
    doc = copy.deepcopy(RICH)
    first = doc["activities"][0]
    for act in doc["activities"][1:]:
        for key in ("area_id", "type_id", "start_date", "end_date", "doc_date", "created_at"):
            act[key] = first[key]
    fast, reference = _both("submission")
    assert fast(doc) and _ref_error(reference, doc) is None
    doc["activities"][-1][field] = value
    assert not fast(doc)
    assert _ref_error(reference, doc) is not None
    assert _ref_error(compiled("submission"), doc) == _ref_error(reference, doc)
