"""Records that never break: every malformed record gives a RecordError, never another exception.

Valid records (every step, English and Dutch, with experiences) are mutated
the ways stored data goes wrong: a field deleted, duplicated into another
place, lists reordered, a value given another type, nested deep, made long.
Loading the result either succeeds or raises ``RecordError`` with a path.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samenbeslissen as sb
from tests.strategies import at, council_conversation

S = sb.Step

SOURCES = [
    at(step, language).to_dict()
    for step in (S.INFORM, S.OPTIONS, S.DECIDE, S.DEFERRED, S.STOPPED, S.EVALUATED)
    for language in ("nl", "en")
] + [council_conversation(sdm=3, remark="Het hielp.").to_dict()]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, the root included."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _deep(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


# Values that stored data turns out to hold, from the ordinary to the hostile.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.just(10**5000),  # an integer Python refuses to turn into text
    st.just(-(10**5000)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.just("\ud800"),  # a lone surrogate: text that cannot be written as UTF-8
    st.sampled_from(
        [
            "0001-01-01T00:00:00+14:00",  # before the year 1 in UTC
            "9999-12-31T23:59:59-14:00",  # after the year 9999 in UTC
            "2026-02-30",
            "2026-01-01T10:00:00",
            "x" * 200_000,
            "client",
            "decided",
            "add_option",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(50, 300).map(_deep),  # nested far beyond any record (deeper: see below)
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    record = copy.deepcopy(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(record)
        path = draw(st.sampled_from(places))
        how = draw(
            st.sampled_from(["delete", "duplicate", "reorder", "retype", "deepen", "lengthen"])
        )
        if not path:
            if how in ("retype", "deepen"):
                record = draw(ODD_VALUES) if how == "retype" else _deep(draw(st.integers(50, 300)))
            continue
        parent, key = _get(record, path[:-1]), path[-1]
        if how == "delete":
            del parent[key]
        elif how == "duplicate":
            other = _get(record, draw(st.sampled_from(places)))
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            else:
                parent[key] = copy.deepcopy(other)
        elif how == "reorder":
            value = parent[key]
            if isinstance(value, list):
                parent[key] = draw(st.permutations(value))
            elif isinstance(value, dict):
                parent[key] = dict(reversed(list(value.items())))
        elif how == "retype":
            parent[key] = draw(ODD_VALUES)
        elif how == "deepen":
            parent[key] = (
                [parent[key]] * draw(st.integers(1, 3))
                if draw(st.booleans())
                else {"x": parent[key]}
            )
        else:  # lengthen
            value = parent[key]
            if isinstance(value, str):
                parent[key] = value[:100] * draw(st.integers(2, 2_000))
            elif isinstance(value, list):
                parent[key] = [copy.deepcopy(v) for v in value * draw(st.integers(2, 30))]
            else:
                parent[key] = "lang " * 2_000
    return record


def _loaded_or_refused(load: Any, value: Any) -> None:
    refused: sb.RecordError | None = None
    try:
        conv = load(value)
    except sb.RecordError as error:
        refused = error
    if refused is not None:
        # The error can be shown, in both languages, and says where.
        assert isinstance(refused.field, str)
        assert str(refused)
        assert refused.message("en")
        assert refused.detail
        assert repr(refused)
        return
    # What loads is a conversation that saves and loads again, as UTF-8.
    text = conv.to_json()
    text.encode("utf-8")
    assert conv == sb.Conversation.from_json(text)


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_a_mutated_record_loads_or_gives_a_record_error(record: Any) -> None:
    _loaded_or_refused(sb.Conversation.from_dict, record)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_json_loads_or_gives_a_record_error(record: Any) -> None:
    try:
        text = json.dumps(record, ensure_ascii=False)
    except (ValueError, RecursionError):  # JSON that Python's own writer cannot make
        return
    _loaded_or_refused(sb.Conversation.from_json, text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 50_000 + "1" + "}" * 50_000,
        "1" * 5000,
        '{"schema_version": ' + "9" * 5000 + "}",
        '"\\ud800"',
        '{"question": "\\udc00"}',
        b"\xff\xfe",
        "\ufeff{}",
    ],
)
def test_hostile_json_gives_a_record_error(text: str | bytes) -> None:
    with pytest.raises(sb.RecordError):
        sb.Conversation.from_json(text)


@pytest.mark.parametrize(
    "act",
    [
        lambda: sb.Conversation(
            "Vraag \ud800", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
        ),
        lambda: sb.Participant(name="Fatima \udfff"),
        lambda: sb.Option(key="a", title="Werk", pros=["goed \ud83d"]),
        lambda: sb.Remark(text="\ud800"),
    ],
)
def test_text_with_a_lone_surrogate_is_refused_on_input(act: Any) -> None:
    with pytest.raises(sb.InputError) as caught:
        act()
    assert "surrogate" in caught.value.detail


@pytest.mark.parametrize("place", ["question", "meta", "client", "history", "policy", "step"])
def test_a_value_nested_far_deeper_than_python_recurses_gives_a_record_error(place: str) -> None:
    record = copy.deepcopy(SOURCES[0])
    record[place] = _deep(100_000)  # built in a loop: no recursion to make it

    with pytest.raises(sb.RecordError) as caught:
        sb.Conversation.from_dict(record)

    assert caught.value.field.startswith(place)
    assert repr(caught.value)


def _outcome(record: Any) -> Any:
    try:
        return sb.Conversation.from_dict(record).to_dict()
    except sb.RecordError as error:
        return ("refused", error.field, error.key)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_quick_decoders_agree_with_the_careful_ones(record: Any) -> None:
    """Stored records are read by a quick path; any doubt goes to the careful one.

    With the quick path switched off, every record gives the same conversation
    or the same refusal at the same place.
    """
    from unittest import mock

    from samenbeslissen.core import records

    quick = _outcome(record)
    with (
        mock.patch.object(records, "_structure", records._careful),
        mock.patch.object(records, "_event", records._careful_event),
    ):
        careful = _outcome(record)

    assert careful == quick


@pytest.mark.parametrize("source", SOURCES[:6])
def test_a_record_written_by_the_library_takes_the_quick_path(source: Any) -> None:
    from unittest import mock

    from samenbeslissen.core import records

    with (
        mock.patch.object(records, "_careful", side_effect=AssertionError("careful")),
        mock.patch.object(records, "_careful_event", side_effect=AssertionError("careful")),
    ):
        assert source == sb.Conversation.from_dict(source).to_dict()
