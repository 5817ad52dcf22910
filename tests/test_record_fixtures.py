"""Records written by earlier versions load with today's code, and keep what they said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


_ADDED = {
    "decide": ("wanted_role", "reflection_offered", "teach_back", "formal_decision"),
    "inform": ("client_support_offered",),
    "add_option": ("picture",),
}
"""The fields version 2 added to the data of an event, by action: all empty for old records."""


def _as_version_2(event: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the user to each event, and a few fields to some of their data."""
    upgraded = {**event, "user": None}
    if event["action"] in _ADDED:
        upgraded["data"] = {**event["data"], **dict.fromkeys(_ADDED[event["action"]])}
        if event["action"] == "decide":
            upgraded["data"]["agreements"] = []
            upgraded["data"]["consent"] = []
    if event["action"] == "weigh":
        criteria = [{**c, "owner": None} for c in event["data"]["criteria"]]
        upgraded["data"] = {**event["data"], "criteria": criteria}
    if event["action"] == "add_experience":
        answers = [{**answer, "version": None} for answer in event["data"]["answers"]]
        upgraded["data"] = {**event["data"], "answers": answers}
    return upgraded


def _person(person: dict[str, Any]) -> dict[str, Any]:
    return {**person, "speaks": None, "contact": None, "age_group": None}


@pytest.mark.parametrize("path", V1, ids=lambda path: path.stem)
def test_a_version_1_record_loads_as_version_2_and_keeps_its_history(path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert 1 == stored["schema_version"]
    jsonschema.validate(stored, sb.record_schema(1))
    conv = sb.Conversation.from_json(path.read_bytes())
    again = conv.to_dict()
    jsonschema.validate(again, sb.record_schema())
    assert 2 == SCHEMA_VERSION == again["schema_version"]
    # What version 1 said is said again; version 2 adds its own fields.
    added = {"id", "revision", "address", "timezone", "meta"}
    assert {k: v for k, v in again.items() if k not in added | {"schema_version", "policy"}} == {
        k: v for k, v in stored.items() if k not in {"schema_version", "policy", "history"}
    } | {
        "history": [_as_version_2(event) for event in stored["history"]],
        "client": _person(stored["client"]),
        "professional": _person(stored["professional"]),
        "others": [_person(other) for other in stored["others"]],
    }
    new_rules = {"require_user": False, "max_text": 10_000, "max_options": 20, "max_criteria": 30}
    new_rules |= {"require_client_support_offer": False, "require_minor_consent": True}
    new_rules |= {"max_participants": 10, "max_events": 10_000}
    assert {**stored["policy"], **new_rules} == again["policy"]
    assert (len(stored["history"]), "u", "Europe/Amsterdam", {}) == (
        again["revision"],
        again["address"],
        again["timezone"],
        again["meta"],
    )
    # The id comes from the record itself: the same every time it is read.
    assert conv.id == sb.Conversation.from_json(path.read_bytes()).id
    assert conv == sb.Conversation.from_dict(again)
