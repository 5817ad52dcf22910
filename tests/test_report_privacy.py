"""The report's promise, tried as an attacker would: people counted, hidden cells stay hidden.

A report with ``threshold=1`` hides nothing, so it gives the exact figures
that the real report is checked against.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.analysis import deidentify
from samenbeslissen.analysis.report import HIDDEN, RemarksWithheldWarning
from samenbeslissen.rendering.renderer import render
from tests.strategies import council_conversation as conversation

ROLES = list(sb.DecisionRole)


def many(count: int, **kwargs: Any) -> list[sb.Conversation]:
    return [conversation(**kwargs) for _ in range(count)]


def with_remarks(*texts: str, sdm_sets: int = 0) -> sb.Conversation:
    conv = conversation()
    conv.add_experience(
        answers=[sb.Answers(instrument="sdm_q9", items=[5] * 9) for _ in range(sdm_sets)],
        remarks=[sb.Remark(text=text, step="decide") for text in texts],
    )
    return conv


# -- counting people, not answers ------------------------------------------------------


def test_one_client_with_five_remarks_is_not_published() -> None:
    one = with_remarks(*(f"Ik woon in de Kerkstraat {i}" for i in range(5)))
    result = sb.report([one, *many(4)])
    assert {} == result.remarks
    assert 1 == result.suppressed_remark_groups
    for text in (render(result, "report"), result.to_json()):
        assert "Kerkstraat" not in text


def test_remarks_from_enough_conversations_are_published() -> None:
    result = sb.report([with_remarks("Ze luisterde goed.") for _ in range(5)])
    assert ("Ze luisterde goed.",) * 5 == result.remarks["decide"]["other"]


def test_five_answer_sets_of_one_conversation_count_once() -> None:
    result = sb.report([with_remarks(sdm_sets=5), *many(4)])
    assert result.scores["sdm_q9"] is None
    # Five conversations: one with five sets of 100, four with one set of 80 (all 4s).
    result = sb.report([with_remarks(sdm_sets=5), *many(4, sdm=4)])
    scores = result.scores["sdm_q9"]
    assert scores is not None
    assert (5, 84.0, 80.0) == (scores.count, scores.mean, scores.median)


def test_the_same_conversation_twice_is_refused(tmp_path: Path) -> None:
    conv = conversation()
    with pytest.raises(sb.RecordError) as info:
        sb.report([conv, *many(3), conv])
    assert "conversations[4]" == info.value.field
    assert "conversations[0]" in str(info.value)
    path = tmp_path / "gesprekken.jsonl"
    path.write_text(f"{conv.to_json()}\n{conversation().to_json()}\n{conv.to_json()}\n", "utf-8")
    with pytest.raises(sb.RecordError) as info:
        sb.report(sb.read_records(path))
    assert info.value.field.endswith("gesprekken.jsonl:3")


def test_a_record_without_an_id_is_refused() -> None:
    record = conversation().to_dict()
    del record["id"]
    with pytest.raises(sb.RecordError) as info:
        sb.report([record])
    assert "conversations[0].id" == info.value.field


# -- secondary suppression -------------------------------------------------------------


def _options(count: int) -> sb.Conversation:
    conv = sb.Conversation(
        "Welke hulp past?", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
    )
    conv.inform(may_codecide=True)
    for i in range(count):
        conv.add_option(sb.Option(key=f"o{i}", title=f"Optie {i}"))
    conv.stop(reason="Klaar.")
    return conv


def test_a_hidden_cell_cannot_be_worked_out_from_the_total() -> None:
    # Six conversations: five with two options, one with three. Showing '2': 5
    # and the total would tell that '3' is 1.
    result = sb.report([*(_options(2) for _ in range(5)), _options(3)])
    assert 6 == result.total
    assert result.options_per_conversation["3"] is None
    assert result.options_per_conversation["2"] is None
    assert 0 == result.options_per_conversation["0"]


def test_a_count_that_leaves_a_small_rest_is_hidden() -> None:
    # 5 of 6 informed clients heard they may co-decide: the 1 who did not would show.
    told = many(5)
    other = conversation()
    record = other.to_dict()
    record["history"][0]["data"]["may_codecide"] = False
    result = sb.report([*told, record])
    assert result.steps["told_may_codecide"] is None
    assert 6 == result.steps["informed"]


def _built(spec: tuple[int, str, sb.DecisionRole, sb.DecisionRole, int | None]) -> dict[str, Any]:
    """A record of the spec; "quiet" is a client never told they may co-decide."""
    options, outcome, wanted, decided_by, sure_yes = spec
    conv = sb.Conversation(
        "Welke hulp past bij u?",
        client=sb.Participant(name="Mevrouw Jansen"),
        professional=sb.Participant(name="Sanne de Vries"),
    )
    conv.inform(may_codecide=True, preferred_role=wanted)
    for i in range(options):
        conv.add_option(sb.Option(key=f"o{i}", title=f"Optie {i}", status_quo=i == 1))
    if options < 2 or outcome == "stop":
        conv.stop(reason="De cliënt wil niet verder.")
        return conv.to_dict()
    conv.present_options()
    conv.weigh({"vast": 5}, {"o0": {"vast": 4}})
    if outcome == "defer":
        conv.defer(reason="Eerst overleggen.")
        conv.resume()
    conv.decide("o0", decided_by=decided_by, rationale="Past.", follow_up=dt.date(2027, 1, 4))
    if sure_yes is not None:
        items = [1] * sure_yes + [0] * (4 - sure_yes)
        conv.add_experience(answers=[sb.Answers(instrument="sure", items=items)])
    record = conv.to_dict()
    if outcome == "quiet":
        record["history"][0]["data"]["may_codecide"] = False
    return record


SPECS = st.tuples(
    st.integers(0, 5),
    st.sampled_from(["decide", "stop", "defer", "quiet"]),
    st.sampled_from(ROLES),
    st.sampled_from(ROLES),
    st.none() | st.integers(0, 4),
)


def _protected(cells: dict[Any, int], hidden: set[Any], threshold: int) -> bool:
    """Hidden cells of a table with a known total: none, or two or more on enough people."""
    return not hidden or (len(hidden) >= 2 and sum(cells[k] for k in hidden) >= threshold)


@settings(max_examples=40, deadline=None)
@given(st.lists(SPECS, min_size=0, max_size=24), st.integers(2, 6))
def test_no_published_figure_rests_on_too_few_conversations(
    specs: list[Any], threshold: int
) -> None:
    conversations = [_built(spec) for spec in specs]
    exact = sb.report(conversations, threshold=1)
    shown = sb.report(conversations, threshold=threshold)
    total = len(conversations)
    assert exact.total == total
    if total < threshold:
        assert shown.total == (0 if total == 0 else None)
        assert all(value is None for value in shown.steps.values())
        assert {} == shown.options_per_conversation == shown.roles
        return

    def small(count: int) -> bool:
        return 0 < count < threshold

    for key, value in shown.steps.items():
        count = exact.steps[key]
        assert count is not None
        if value is not None:
            assert value == count
            assert not small(count), key
            assert not small(total - count), key
        else:
            assert small(count) or small(total - count), key
    options = {k: v for k, v in exact.options_per_conversation.items() if v is not None}
    hidden = {k for k, v in shown.options_per_conversation.items() if v is None}
    assert _protected(options, hidden, threshold)
    assert all(not small(v) for k, v in shown.options_per_conversation.items() if v is not None)
    decided = exact.steps["decided"]
    assert decided is not None
    roles: dict[Any, int] = {k: v for k, v in exact.roles.items() if v is not None}
    roles["undecided"] = total - decided
    hidden = {k for k, v in shown.roles.items() if v is None}
    if shown.steps["decided"] is None and decided:
        hidden.add("undecided")
    assert _protected(roles, hidden, threshold)
    if shown.sure_conflict_rate is not None:
        assert shown.sure_answered is not None
        conflicts = round(shown.sure_conflict_rate * shown.sure_answered)
        assert not small(conflicts)
        assert not small(shown.sure_answered - conflicts)


def test_the_suppression_is_checked_by_a_test_that_can_fail() -> None:
    # The property above, against a table that leaks: one hidden cell.
    assert not _protected({"2": 5, "3": 1}, {"3"}, 5)
    assert not _protected({"2": 5, "3": 1, "4": 1}, {"3", "4"}, 5)
    assert _protected({"2": 5, "3": 1}, {"2", "3"}, 5)


# -- rounding --------------------------------------------------------------------------


def test_counts_can_be_rounded_to_a_base() -> None:
    result = sb.report([*many(7), *many(6, deferred=True)], round_to=5)
    assert 15 == result.total  # 13
    assert 5 == result.steps["deferred"]  # 6
    assert 0 == result.steps["stopped"]
    assert 5 == result.round_to
    assert "Aantallen zijn afgerond op 5-tallen." in render(result, "report")
    assert "Counts are rounded to multiples of 5." in render(result, "report", language="en")
    assert sb.report(many(13), round_to=None).total == 13


@pytest.mark.parametrize("base", [0, 101, True, 2.5, "5"])
def test_a_bad_base_is_refused(base: object) -> None:
    with pytest.raises(sb.InputError) as info:
        sb.report([], round_to=base)  # type: ignore[arg-type]
    assert "round_to" == info.value.field


# -- without the de-identifier -----------------------------------------------------------


def test_without_deduce_remarks_are_withheld_and_the_report_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deidentify, "available", lambda: False)
    conversations = [with_remarks("Sanne legde het goed uit.") for _ in range(5)]
    with pytest.warns(RemarksWithheldWarning, match="samenbeslissen\\[deidentify\\]"):
        result = sb.report(conversations)
    assert {} == result.remarks
    assert result.remarks_withheld
    assert "De opmerkingen van cliënten staan niet in dit rapport." in render(result, "report")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not sb.report(many(5)).remarks_withheld  # no remarks: nothing withheld


def test_hidden_figures_read_x_in_csv() -> None:
    result = sb.report([*many(7), *many(3, deferred=True)])
    assert f"steps,deferred,{HIDDEN}" in result.to_csv()


def test_the_roles_table_counts_the_latest_wish() -> None:
    conversations = []
    for _ in range(5):
        conv = sb.Conversation(
            "Welke hulp past?",
            client=sb.Participant(name="A"),
            professional=sb.Participant(name="B"),
        )
        conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
        conv.add_option(sb.Option(key="a", title="A"))
        conv.add_option(sb.Option(key="b", title="B"))
        conv.present_options()
        conv.weigh(skipped_reason="Niet nodig.")
        conv.decide("a", decided_by=sb.DecisionRole.PROFESSIONAL_ALONE, rationale="Zo.",
                    follow_up=dt.date(2099, 1, 1),
                    wanted_role=sb.DecisionRole.PROFESSIONAL_ALONE)  # fmt: skip
        conversations.append(conv)
    assert {("passive", "passive"): 5} == sb.report(conversations).roles
