"""docs/package-format.md stays complete: every error code, every schema field, a valid example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dvcq_desktop.messages.package import MESSAGES
from dvcq_desktop.package.schema import validator

DOC = (Path(__file__).resolve().parent.parent / "docs" / "package-format.md").read_text(encoding="utf-8")


def test_every_error_code_is_documented_with_its_message() -> None:
    for code, text in MESSAGES.items():
        assert f"`{code}`" in DOC, code
        assert text.replace("|", "\\|") in DOC, code


@pytest.mark.parametrize("name", ["manifest", "submission"])
def test_every_schema_field_is_documented(name: str) -> None:
    schema = validator(name).schema
    fields = set(schema["properties"])
    for sub in schema["$defs"].values():
        fields |= set(sub.get("properties", {}))
    for prop in schema["properties"].values():
        fields |= set(prop.get("properties", {}))
    missing = sorted(f for f in fields if f"`{f}`" not in DOC and not re.search(rf"\b{f}\b", DOC))
    assert not missing
    for top in schema["properties"]:
        assert f"`{top}`" in DOC, top


def test_examples_validate_against_the_schemas() -> None:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC, re.DOTALL)
    assert len(blocks) == 2
    for name, block in zip(("manifest", "submission"), blocks, strict=True):
        assert not list(validator(name).iter_errors(json.loads(block)))
