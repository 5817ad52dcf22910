"""Records written by earlier versions load with today's code, and keep what they said."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import samenbeslissen as sb
from samenbeslissen.core.records import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "records"
V1 = sorted((FIXTURES / "v1").glob("*.json"))


def test_there_are_records_of_every_kind_to_load() -> None:
    assert len(V1) >= 20
    steps = {json.loads(path.read_text(encoding="utf-8"))["step"] for path in V1}
    assert {step.value for step in sb.Step} == steps


@pytest.mark.parametrize("path", V1, ids=lambda path: path.stem)
def test_a_version_1_record_loads_and_keeps_its_history(path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert 1 == stored["schema_version"]
    conv = sb.Conversation.from_json(path.read_bytes())
    assert len(stored["history"]) == len(conv.history)
    assert stored["step"] == conv.step.value
    again = conv.to_dict()
    jsonschema.validate(again, sb.record_schema())
    # Written again by the version that wrote it: the very same record. A new
    # schema version changes this line to what its migration promises.
    assert SCHEMA_VERSION == 1
    assert stored == again
