"""Errors a form can use: every problem at once, consistent paths, words for professionals."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.i18n import languages
from tests.strategies import at, new

# Words of the API that must never reach a professional through str(error).
API_WORDS = re.compile(
    r"may_codecide|skipped_reason|follow_up|client_alone|professional_alone|"
    r"ParticipantRole|DecisionRole|True|False|NoneType|\bint\b|\bstr\b|\bdict\b"
)


def test_an_option_with_several_bad_fields_names_them_all_in_field_order() -> None:
    with pytest.raises(sb.InputError) as caught:
        sb.Option(key="met spatie", title=" ", pros=["goed", ""], status_quo="ja")  # type: ignore[arg-type]

    error = caught.value
    assert ["key", "title", "pros[1]", "status_quo"] == [p.path for p in error.problems]
    assert "key" == error.field
    assert "title: dit mag niet leeg zijn." == str(error.problems[1])
    assert str(error).startswith("Er zijn 4 problemen:\n- Korte naam van de optie: ")
    assert "\n- Voordelen, nr. 2: dit mag niet leeg zijn.\n" in str(error)


def test_one_problem_reads_path_colon_message() -> None:
    with pytest.raises(sb.InputError) as caught:
        sb.Participant(name="")

    (problem,) = caught.value.problems
    assert ("name", "empty_text") == (problem.path, problem.key)
    assert "name: dit mag niet leeg zijn." == str(problem)
    assert "Naam: dit mag niet leeg zijn." == str(caught.value)
    assert "Name" == problem.where("en")
    assert "must not be empty." == problem.message("en")


def test_a_weighing_names_every_bad_value_at_its_place_in_the_mappings() -> None:
    conv = at(sb.Step.PREFERENCES)
    before = conv.to_dict()

    with pytest.raises(sb.InputError) as caught:
        conv.weigh(
            {"inkomen": 9, "met spatie": 3, "rust": 2},
            {"werkervaring": {"inkomen": "veel", "zon": 1}},
            labels={"vrij": "Vrije tijd"},
        )

    paths = [p.path for p in caught.value.problems]
    assert [
        "labels.vrij",
        "importance.inkomen",
        "importance.met spatie",
        "ratings.werkervaring.inkomen",
        "ratings.werkervaring.zon",
    ] == paths
    assert before == conv.to_dict()


def test_unknown_options_in_a_weighing_are_all_named() -> None:
    conv = at(sb.Step.PREFERENCES)

    with pytest.raises(sb.InputError) as caught:
        conv.weigh({"inkomen": 3}, {"bus": {"inkomen": 3}}, informed_preference="trein")

    assert ["ratings.bus", "informed_preference"] == [p.path for p in caught.value.problems]


def test_an_option_key_used_twice_has_the_same_path_as_a_bad_key() -> None:
    conv = new()
    conv.add_option(sb.Option(key="werk", title="Werk"))

    with pytest.raises(sb.InputError) as duplicate:
        conv.add_option(sb.Option(key="werk", title="Ander werk"))
    with pytest.raises(sb.InputError) as malformed:
        sb.Option(key="", title="Werk")

    assert "key" == duplicate.value.field == malformed.value.field


@pytest.mark.parametrize(
    "act",
    [
        lambda c: c.inform(may_codecide=False),
        lambda c: c.inform(may_codecide=True, preferred_role="alleen"),
        lambda c: c.inform(may_codecide="ja"),
    ],
)
def test_messages_for_professionals_hold_no_api_words(act: object) -> None:
    conv = new()
    with pytest.raises(sb.SamenBeslissenError) as caught:
        act(conv)  # type: ignore[operator]  # the lambdas above

    for language in languages():
        assert not API_WORDS.search(caught.value.message(language)), caught.value.message(language)


def test_the_rules_of_step_3_and_4_say_it_without_api_words() -> None:
    conv = at(sb.Step.PREFERENCES)
    with pytest.raises(sb.RuleViolationError) as skipped:
        conv.weigh()
    conv.weigh({"inkomen": 3})
    with pytest.raises(sb.RuleViolationError) as no_date:
        conv.decide("niets", decided_by=sb.DecisionRole.SHARED, rationale="Het past.")

    for error in (skipped.value, no_date.value):
        for language in languages():
            assert not API_WORDS.search(error.message(language)), error.message(language)


def test_a_choice_lists_the_roles_as_the_professional_knows_them() -> None:
    with pytest.raises(sb.InputError) as caught:
        sb.Decision(option="werk", decided_by="alleen")  # type: ignore[arg-type]

    assert "'De cliënt beslist zelf'" in str(caught.value)
    assert "'The client decides alone'" in caught.value.message("en")
    assert "got=\"'alleen'\"" in caught.value.detail


def test_the_developer_detail_keeps_the_raw_value() -> None:
    with pytest.raises(sb.InputError) as caught:
        sb.Option(key="a", title="Werk", status_quo=1)  # type: ignore[arg-type]

    assert "1" not in str(caught.value)
    assert "status_quo: expected_bool (got='int')" == caught.value.detail
    assert "field='status_quo'" in repr(caught.value)


def test_an_error_raised_outside_a_conversation_can_be_shown_in_either_language() -> None:
    with pytest.raises(sb.InputError) as caught:
        sb.Option(key="a", title="")

    assert "Titel: dit mag niet leeg zijn." == caught.value.message("nl")
    assert "Title: must not be empty." == caught.value.message("en")
    assert "must not be empty." == caught.value.problems[0].message("en")


def test_problems_take_the_language_of_the_conversation() -> None:
    conv = new(language="en")
    conv.inform(may_codecide=True)
    conv.add_option(sb.Option(key="werk", title="Werk", pros=["a"], cons=["b"]))

    with pytest.raises(sb.InputError) as caught:
        conv.add_option(sb.Option(key="werk", title="Werk"))

    assert "key: there is already an option with the short name 'werk'." == str(
        caught.value.problems[0]
    )
    assert "Short name of the option: there is already" in str(caught.value)


def test_combined_errors_keep_the_type_of_the_first() -> None:
    record = sb.RecordError("record_missing", field="id")
    other = sb.InputError("empty_text", field="question")

    combined = sb.RecordError.combine([record, other])

    assert isinstance(combined, sb.RecordError)
    assert ["id", "question"] == [p.path for p in combined.problems]
    with pytest.raises(ValueError, match="at least one"):
        sb.InputError.combine([])


def test_a_record_error_has_the_full_path_of_each_problem() -> None:
    data = at(sb.Step.DECIDE).to_dict()
    data["history"][1]["data"]["title"] = ""
    data["history"][1]["data"]["pros"] = [""]

    with pytest.raises(sb.RecordError) as caught:
        sb.Conversation.from_dict(data)

    assert ["history[1].data.title", "history[1].data.pros[0]"] == [
        p.path for p in caught.value.problems
    ]


@given(st.sampled_from(["", " ", "\n"]), st.sampled_from(["", "  "]))
def test_every_blank_field_of_a_deferral_and_evaluation_is_named(reason: str, notes: str) -> None:
    with pytest.raises(sb.InputError) as deferral:
        sb.Deferral(reason=reason, until="morgen")  # type: ignore[arg-type]
    with pytest.raises(sb.InputError) as evaluation:
        sb.Evaluation(notes=notes, decision_holds=None)  # type: ignore[arg-type]

    assert ["reason", "until"] == [p.path for p in deferral.value.problems]
    assert ["notes", "decision_holds"] == [p.path for p in evaluation.value.problems]


def test_a_single_field_error_still_names_the_date() -> None:
    conv = at(sb.Step.DECIDE)
    with pytest.raises(sb.InputError) as caught:
        conv.decide(
            "niets",
            decided_by=sb.DecisionRole.SHARED,
            rationale="Past.",
            follow_up=dt.date(2000, 1, 1),
        )
    assert "follow_up" == caught.value.field


def test_a_place_without_words_in_the_catalogue_is_shown_as_its_path() -> None:
    assert (
        "Wat de cliënt belangrijk vindt, 'inkomen'"
        == sb.Problem("importance.inkomen", "empty_text").where()
    )
    assert "Scores of the options, 'werk', 'rust'" == sb.Problem(
        "ratings.werk.rust", "empty_text"
    ).where("en")
    assert "template_dirs[0]" == sb.Problem("template_dirs[0]", "empty_text").where()
