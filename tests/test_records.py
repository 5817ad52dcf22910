"""Tests of records: round trips, the JSON Schema, and bad records refused with their path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.core.records import SCHEMA_VERSION, record_schema
from tests.strategies import START, at, option_lists, ticking_clock, weighings

S = sb.Step


def record(step: sb.Step = S.DECIDED) -> dict[str, Any]:
    return at(step).to_dict()


def test_a_record_is_plain_json_with_a_schema_version() -> None:
    data = record()
    assert data == json.loads(json.dumps(data))
    assert SCHEMA_VERSION == data["schema_version"]
    assert "samenbeslissen/conversation" == data["kind"]
    assert "decided" == data["step"]
    assert {
        "action": "inform",
        "from_step": "inform",
        "to_step": "options",
        "at": "2026-03-02T09:06:00+00:00",
        "actor": "professional",
        "user": None,
        "data": {
            "may_codecide": True,
            "preferred_role": "shared",
            "goal": None,
            "client_support_offered": None,
        },
    } == data["history"][0]
    assert (6, "u", {}) == (data["revision"], data["address"], data["meta"])


@pytest.mark.parametrize("step", list(S))
def test_every_step_round_trips_through_dict_and_json(step: sb.Step) -> None:
    conv = at(step)
    assert conv == sb.Conversation.from_dict(conv.to_dict())
    assert conv == sb.Conversation.from_json(conv.to_json())
    assert conv == sb.Conversation.from_json(conv.to_json(indent=2).encode())
    jsonschema.validate(conv.to_dict(), record_schema())


def test_json_keeps_dutch_letters_readable() -> None:
    conv = at(S.STOPPED)
    assert "De cliënt wil niet verder." in conv.to_json()


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_played_conversation_replays_to_an_equal_one(data: st.DataObject) -> None:
    conv = sb.Conversation(
        "Vraag?",
        client=sb.Participant(name="Client"),
        professional=sb.Participant(name="Prof"),
        clock=ticking_clock(),
    )
    conv.inform(may_codecide=True)
    options = data.draw(option_lists())
    for option in options:
        conv.add_option(option)
    conv.present_options()
    importance, ratings = data.draw(weighings(tuple(o.key for o in options)))
    conv.weigh(importance, ratings)
    restored = sb.Conversation.from_json(conv.to_json())
    assert conv == restored
    assert conv.weighing == restored.weighing
    jsonschema.validate(conv.to_dict(), record_schema())


def broken(change: Any, step: sb.Step = S.DECIDED) -> dict[str, Any]:
    data = copy.deepcopy(record(step))
    change(data)
    return data


def refused(data: object) -> sb.RecordError:
    with pytest.raises(sb.RecordError) as info:
        sb.Conversation.from_dict(data)  # type: ignore[arg-type]
    return info.value


def test_truncated_json_is_refused_with_line_and_column() -> None:
    text = at(S.DECIDED).to_json()
    with pytest.raises(sb.RecordError) as info:
        sb.Conversation.from_json(text[: len(text) // 2])
    assert "record" == info.value.field
    assert "kolom" in str(info.value)


@pytest.mark.parametrize("text", ["", "niet json", b"\xff\xfe\x00", "[1, 2]", "null"])
def test_text_that_is_no_record_is_refused(text: str | bytes) -> None:
    with pytest.raises(sb.RecordError):
        sb.Conversation.from_json(text)


def _set(path: list[Any], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (_set(["question"], 12), "question"),
        (_set(["question"], ""), "question"),
        (_set(["client"], "Fatima"), "client"),
        (_set(["client", "name"], None), "client.name"),
        (_set(["client", "role"], "professional"), "client"),
        (_set(["others"], {}), "others"),
        (_set(["language"], "fr"), "language"),
        (_set(["policy", "min_options"], "twee"), "policy.min_options"),
        (_set(["policy", "min_options"], 0), "policy.min_options"),
        (_set(["policy", "strictness"], "hoog"), "policy.strictness"),
        (_set(["created_at"], "gisteren"), "created_at"),
        (_set(["created_at"], "2026-03-02T09:00:00"), "created_at"),
        (_set(["history"], "alles"), "history"),
        (_set(["history", 0], []), "history[0]"),
        (_set(["history", 0, "action"], "beslissen"), "history[0].action"),
        (_set(["history", 0, "from_step"], "begin"), "history[0].from_step"),
        (_set(["history", 0, "to_step"], "einde"), "history[0].to_step"),
        (_set(["history", 0, "actor"], "buurvrouw"), "history[0].actor"),
        (_set(["history", 0, "data", "may_codecide"], "ja"), "history[0].data.may_codecide"),
        (_set(["history", 1, "data", "pros"], "veel"), "history[1].data.pros"),
        (_set(["history", 1, "data", "pros"], ["goed", 3]), "history[1].data.pros[1]"),
        (_set(["history", 1, "data", "key"], "met spatie"), "history[1].data.key"),
        (_set(["history", 3, "data"], {"x": 1}), "history[3].data.x"),
        (
            _set(["history", 4, "data", "criteria", 0, "importance"], 9),
            "history[4].data.criteria[0].importance",
        ),
        (_set(["history", 5, "data", "follow_up"], "1 juni"), "history[5].data.follow_up"),
        (_set(["history", 5, "data", "option"], "cursus"), "history[5].data.option"),
        (_drop(["history", 5, "data", "decided_by"]), "history[5].data.decided_by"),
        (_drop(["history"]), "history"),
        (_drop(["schema_version"]), "schema_version"),
        (_set(["schema_version"], "1"), "schema_version"),
        (_set(["kind"], "iets anders"), "kind"),
        (_set(["step"], "klaar"), "step"),
        (_set(["step"], "decide"), "step"),
        (_set(["extra"], 1), "extra"),
    ],
)
def test_a_bad_field_is_refused_with_its_path(change: Any, field: str) -> None:
    assert field == refused(broken(change)).field


def test_a_record_from_a_newer_version_asks_to_upgrade() -> None:
    error = refused(broken(_set(["schema_version"], SCHEMA_VERSION + 1)))
    assert "schema_version" == error.field
    assert "Werk samenbeslissen bij" in str(error)
    assert "Upgrade samenbeslissen" in error.message("en")


def test_a_record_version_below_one_is_refused() -> None:
    assert "schema_version" == refused(broken(_set(["schema_version"], 0))).field


def test_events_out_of_time_order_are_refused() -> None:
    def swap_times(data: dict[str, Any]) -> None:
        history = data["history"]
        history[2]["at"], history[3]["at"] = history[3]["at"], history[2]["at"]

    error = refused(broken(swap_times))
    assert "history[3].at" == error.field


def test_an_event_before_the_conversation_started_is_refused() -> None:
    early = (START - dt.timedelta(days=1)).isoformat()
    assert "history[0].at" == refused(broken(_set(["history", 0, "at"], early))).field


def test_events_in_the_wrong_order_are_refused() -> None:
    def swap(data: dict[str, Any]) -> None:
        history = data["history"]
        history[3], history[4] = history[4], history[3]
        history[3]["at"], history[4]["at"] = history[4]["at"], history[3]["at"]

    error = refused(broken(swap))
    assert "history[3].from_step" == error.field


def test_a_history_that_skips_step_1_is_refused_by_the_rules() -> None:
    def skip_inform(data: dict[str, Any]) -> None:
        del data["history"][0]
        for event in data["history"][:2]:
            event["from_step"] = event["to_step"] = "inform"
        data["history"][2]["from_step"] = "inform"

    error = refused(broken(skip_inform))
    assert "history[2]" == error.field
    assert "mag meebeslissen" in str(error)


def test_a_tampered_codecide_statement_is_refused() -> None:
    error = refused(broken(_set(["history", 0, "data", "may_codecide"], False)))
    assert "history[0]" == error.field
    assert "mag meebeslissen" in str(error)
    assert "may_codecide" not in str(error)  # the message is for a professional


def test_an_event_claiming_another_destination_is_refused() -> None:
    error = refused(broken(_set(["history", 0, "to_step"], "decide")))
    assert "history[0].to_step" == error.field


def test_an_actor_who_does_not_take_part_is_refused() -> None:
    error = refused(broken(_set(["history", 0, "actor"], "interpreter")))
    assert "history[0].actor" == error.field


def test_data_of_presenting_the_options_is_none_or_a_presentation() -> None:
    # history[3] presents the options: nothing, or why there is no status quo.
    assert "history[3].data.no_status_quo" == (
        refused(broken(_set(["history", 3, "data"], {"no_status_quo": 5}))).field
    )
    assert "history[3].data" == refused(broken(_set(["history", 3, "data"], "geen"))).field


def test_a_record_that_is_not_an_object_is_refused() -> None:
    assert "record" == refused([1, 2, 3]).field


def test_record_errors_are_input_errors_and_speak_both_languages() -> None:
    error = refused(broken(_set(["language"], "fr")))
    assert isinstance(error, sb.InputError)
    assert isinstance(error, ValueError)
    assert "taal" in str(error)
    assert "language" in error.message("en")


def test_a_record_restored_with_a_clock_uses_it_for_new_events() -> None:
    later = dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.timezone.utc)
    conv = sb.Conversation.from_dict(record(), clock=lambda: later)
    conv.evaluate(notes="Ze werkt nu vier dagen per week.")
    assert later == conv.history[-1].at


def test_the_schema_describes_the_record_and_rejects_a_broken_one() -> None:
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    bad = broken(_set(["history", 0, "data", "may_codecide"], "ja"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_id_revision_users_meta_and_address_survive_the_record() -> None:
    conv = at(S.DECIDED, meta={"zaaknummer": "2026-0412", "teams": ["noord"]}, address="je")
    conv.evaluate(notes="Het gaat goed.", user="u-7")
    again = sb.Conversation.from_json(conv.to_json())
    assert (conv.id, conv.revision, "je") == (again.id, again.revision, again.address)
    assert {"zaaknummer": "2026-0412", "teams": ("noord",)} == dict(again.meta)
    assert "u-7" == again.history[-1].user
    assert conv == again
    assert ["noord"] == conv.to_dict()["meta"]["teams"]


def test_a_record_whose_revision_does_not_match_its_history_is_refused() -> None:
    data = at(S.DECIDE).to_dict()
    data["revision"] += 1
    with pytest.raises(sb.RecordError) as caught:
        sb.Conversation.from_dict(data)
    assert "revision" == caught.value.field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "zaak-12"}, "id"),
        ({"address": "jij"}, "address"),
        ({"meta": {"a": float("inf")}}, "meta"),
        ({"revision": "4"}, "revision"),
    ],
)
def test_bad_version_2_fields_are_refused_with_their_path(
    change: dict[str, object], field: str
) -> None:
    data = at(S.DECIDE).to_dict() | change
    with pytest.raises(sb.RecordError) as caught:
        sb.Conversation.from_dict(data)
    assert field == caught.value.field


def test_a_stored_je_conversation_is_rendered_with_je() -> None:
    conv = at(S.DECIDED, address="je")
    summary = sb.render(sb.Conversation.from_json(conv.to_json()), "summary")
    assert "Welke vragen heb je nog?" in summary
    assert "Welke vragen heeft u nog?" in sb.render(at(S.DECIDED), "summary")


def test_the_schema_of_every_version_ships() -> None:
    assert 2 == sb.record_schema()["properties"]["schema_version"]["const"]
    assert 1 == sb.record_schema(1)["properties"]["schema_version"]["const"]
    with pytest.raises(sb.InputError):
        sb.record_schema(3)
