"""Tests of the report for client councils: counts, suppression, anonymity, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import samenbeslissen as sb
from samenbeslissen.analysis.report import NAME_MARK
from samenbeslissen.rendering.renderer import render
from tests.strategies import NAMES, PRIVATE
from tests.strategies import council_conversation as conversation


def many(count: int, **kwargs: Any) -> list[sb.Conversation]:
    """``count`` distinct conversations alike: the report counts each id once."""
    return [conversation(**kwargs) for _ in range(count)]


FUTURE = json.dumps(
    {"schema_version": 9, "kind": "samenbeslissen/conversation", "client": {}}
    | {"professional": {}, "history": []}
)


def test_steps_are_counted_per_conversation() -> None:
    conversations = [conversation() for _ in range(6)] + [conversation(stop=True) for _ in range(5)]
    result = sb.report(conversations)
    assert 11 == result.total
    assert 11 == result.steps["informed"]
    assert 11 == result.steps["options_presented"]
    assert 6 == result.steps["decided"]
    assert 5 == result.steps["stopped"]
    assert 11 == result.steps["status_quo_offered"]
    assert 0 == result.steps["deferred"]
    assert {"0": 0, "1": 0, "2": 11, "3": 0, "4+": 0} == result.options_per_conversation


def test_small_counts_are_suppressed_and_zero_is_not() -> None:
    conversations = [conversation() for _ in range(7)] + many(3, deferred=True)
    result = sb.report(conversations)
    assert result.steps["deferred"] is None  # 3 < 5
    assert 0 == result.steps["stopped"]
    assert "| **Besluit een keer uitgesteld** | x |  |" in render(result, "report")
    assert "steps,deferred,x" in result.to_csv()
    assert json.loads(result.to_json())["steps"]["deferred"] is None


def test_the_threshold_can_be_raised() -> None:
    result = sb.report([conversation() for _ in range(7)], threshold=10)
    assert result.total is None
    assert all(value is None for value in result.steps.values())
    assert "Er zijn minder dan 10 gesprekken" in render(result, "report")


def test_too_few_conversations_show_nothing() -> None:
    result = sb.report(many(4, sdm=5, remark="Fijn gesprek."))
    assert result.total is None
    assert {} == result.scores
    assert {} == result.remarks
    assert "Fijn gesprek" not in render(result, "report", "html")


def test_roles_wanted_and_realised_are_grouped() -> None:
    shared_but_professional = many(5, decided_by=sb.DecisionRole.PROFESSIONAL_ALONE)
    result = sb.report(many(5) + shared_but_professional)
    assert 5 == result.roles[("collaborative", "collaborative")]
    assert 5 == result.roles[("collaborative", "passive")]


def test_instrument_scores_are_summarised() -> None:
    # SDM-Q-9 with all nine items at 4: raw 36 -> 36 x 20/9 = 80.0; at 5: 100.0.
    result = sb.report(many(3, sdm=4) + many(2, sdm=5))
    scores = result.scores["sdm_q9"]
    assert scores is not None
    assert (5, 88.0, 80.0, 80.0, 100.0) == (
        scores.count,
        scores.mean,
        scores.median,
        scores.first_quartile,
        scores.third_quartile,
    )
    assert not hasattr(scores, "lowest")  # one person's exact score
    assert not hasattr(scores, "highest")
    assert "88" in render(result, "report")
    assert "sdm_q_doc" not in result.scores  # nobody filled it in


def test_scores_of_fewer_than_threshold_answers_are_hidden() -> None:
    result = sb.report(many(4, sdm=4) + many(3))
    assert result.scores["sdm_q9"] is None


def test_the_collaborate_top_score_rate_needs_25_complete_encounters() -> None:
    tops = many(12, collaborate=(9, 9, 9))
    others = many(12, collaborate=(9, 8, 9))
    result = sb.report(tops + others)
    assert result.collaborate_top_score_rate is None
    assert 24 == result.collaborate_complete
    result = sb.report([*tops, *others, conversation(collaborate=(9, 9, 9))])
    assert 13 / 25 == result.collaborate_top_score_rate


def test_the_sure_conflict_rate_counts_scores_of_3_or_less() -> None:
    result = sb.report(many(6, sure_yes=4) + many(5, sure_yes=3))
    assert 5 / 11 == result.sure_conflict_rate
    assert 11 == result.sure_answered


def test_a_rate_that_tells_a_small_group_is_hidden() -> None:
    # 4 of 10 in doubt: the rate would show that four clients doubted.
    result = sb.report(many(6, sure_yes=4) + many(4, sure_yes=3))
    assert result.sure_conflict_rate is None
    assert 10 == result.sure_answered


def test_remarks_are_grouped_by_step_without_names_or_private_text() -> None:
    remark = "Fatima vond het fijn dat Jeroen en mevrouw Bakker eerst vroegen wat zij wilde."
    result = sb.report(many(5, remark=remark))
    (shown,) = result.remarks["inform"]["helped"][:1]
    assert "[name] vond het fijn dat [name] en mevrouw [name] eerst vroegen wat zij wilde." == shown
    for text in _every_output(result):
        for name in (*NAMES, "Fatima", "Jeroen", "Bakker"):
            assert name not in text
        assert PRIVATE not in text
        assert "Mijn buurman" not in text


def test_names_are_marked_in_the_data_and_in_the_language_of_the_document() -> None:
    result = sb.report(many(5, remark="Jeroen Visser legde het goed uit."))
    assert [f"{NAME_MARK} legde het goed uit."] * 5 == list(result.remarks["inform"]["helped"])
    assert f"{NAME_MARK} legde" in result.to_json()
    dutch, english = render(result, "report", "text"), render(result, "report", "text", "en")
    assert "- [naam] legde het goed uit." in dutch
    assert "gegevens zijn vervangen, bijvoorbeeld door [naam]." in " ".join(dutch.split())
    assert "- [name] legde het goed uit." in english
    assert "details are replaced, for example by [name]." in " ".join(english.split())
    assert "\\[naam\\] legde" in render(result, "report")  # Markdown shows it literally


def test_counts_in_the_report_take_their_plural_form() -> None:
    one = render(sb.report([conversation(sure_yes=2)], threshold=1), "report")
    assert "Dit rapport bundelt 1 gesprek." in one
    assert "SURE: 100% van de 1 cliënt twijfelde nog over de keuze." in one
    few = sb.report(many(4, remark="Fijn.") + many(4))
    hidden_nl = "1 groep opmerkingen uit minder dan 5 gesprekken niet getoond."
    assert hidden_nl in render(few, "report")
    hidden_en = "1 group of remarks from fewer than 5 conversations not shown."
    assert hidden_en in render(few, "report", language="en")


def test_a_user_template_lays_out_the_report_with_catalogue_texts(tmp_path: Path) -> None:
    (tmp_path / "_base").mkdir()
    (tmp_path / "_base" / "report.md.j2").write_text(
        '{{ _("report.title") }}: {{ total }}. {{ _("report.privacy", threshold=threshold) }}',
        encoding="utf-8",
    )
    result = sb.report(many(6))
    rendered = sb.Renderer(template_dirs=[tmp_path]).render(result, "report")
    assert rendered.startswith("Ervaringen met Samen Beslissen: 6. Er staan geen namen in.")
    assert "Elk getal gaat over minstens 5 gesprekken." in rendered


def test_a_small_group_of_remarks_is_not_shown() -> None:
    result = sb.report(many(4, remark="Heel fijn.") + many(4))
    assert {} == result.remarks
    assert 1 == result.suppressed_remark_groups
    assert "Heel fijn" not in render(result, "report")


def _every_output(result: sb.Report) -> list[str]:
    return [
        *(
            render(result, "report", f, language)
            for f in ("markdown", "html", "text")
            for language in ("nl", "en")
        ),
        result.to_csv(),
        result.to_json(),
    ]


def test_every_format_renders_and_csv_parses() -> None:
    result = sb.report(many(6, sdm=4, sure_yes=4, remark="Goed."))
    outputs = _every_output(result)
    # Order: markdown nl, en; html nl, en; text nl, en.
    assert outputs[2].startswith("<!DOCTYPE html>")
    assert "Experiences with shared decision making" in outputs[1]
    rows = list(csv.reader(io.StringIO(result.to_csv())))
    assert ["section", "key", "value"] == rows[0]
    assert ["total", "conversations", "6"] == rows[1]
    assert "<html" not in render(result, "report", "html", fragment=True)


def test_records_and_conversations_can_be_mixed_and_streamed(tmp_path: Path) -> None:
    path = tmp_path / "gesprekken.jsonl"
    with path.open("w", encoding="utf-8") as file:
        for _ in range(5):
            file.write(conversation().to_json() + "\n\n")
    streamed = (record for record in sb.read_records(path))
    result = sb.report([conversation(), *streamed])
    assert 6 == result.total


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("{kapot", "gesprekken.jsonl:2"),
        ("[1, 2]", "gesprekken.jsonl:2"),
        ('{"schema_version": 1, "kind": "x", "client": {}, "professional": {}, "history": []}',
         "gesprekken.jsonl:2.kind"),
        ('{"schema_version": 1}', "gesprekken.jsonl:2.kind"),
        (FUTURE, "gesprekken.jsonl:2.schema_version"),
        ('{"schema_version": "1"}', "gesprekken.jsonl:2.schema_version"),
        ('{"schema_version": 0}', "gesprekken.jsonl:2.schema_version"),
    ],
)  # fmt: skip
def test_a_bad_line_names_file_and_line(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "gesprekken.jsonl"
    path.write_text(conversation().to_json() + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(sb.RecordError) as info:
        sb.report(sb.read_records(path))
    assert info.value.field.endswith(field)


def test_a_record_of_the_wrong_shape_is_refused() -> None:
    record = conversation().to_dict()
    record["history"][0] = "inform"
    with pytest.raises(sb.RecordError) as info:
        sb.report([record])
    assert "conversations[0]" == info.value.field


def test_a_missing_file_is_a_record_error() -> None:
    with pytest.raises(sb.RecordError) as info:
        list(sb.read_records("bestaat-niet.jsonl"))
    assert "bestaat-niet.jsonl" == info.value.field


@pytest.mark.parametrize("threshold", [0, 101, True, "5"])
def test_a_bad_threshold_is_refused(threshold: object) -> None:
    with pytest.raises(sb.InputError):
        sb.report([], threshold=threshold)  # type: ignore[arg-type]


def test_experiences_need_a_decision_and_scorable_answers() -> None:
    conv = conversation(stop=True)
    with pytest.raises(sb.StepOrderError):
        conv.add_experience(remarks=[sb.Remark(text="Goed.")])
    decided = conversation()
    with pytest.raises(sb.ScoringError) as info:
        decided.add_experience(answers=[sb.Answers(instrument="sdm_q9", items=[7] * 9)])
    assert info.value.field.startswith("answers[0].items[0]")
    with pytest.raises(sb.InputError):
        sb.Answers(instrument="vragenlijst", items=[1])
    assert 1 == len(decided.experiences)


def test_an_incomplete_collaborate_is_kept_and_left_out_of_the_rate() -> None:
    conversations = many(5)
    for conv in conversations:
        conv.add_experience(answers=[sb.Answers(instrument="collaborate", items=[9, None, 9])])
    result = sb.report(conversations)
    assert result.collaborate_complete == 0
    with pytest.raises(sb.ScoringError):
        conversation().add_experience(
            answers=[sb.Answers(instrument="collaborate", items=[10, None, 9])]
        )


def test_a_control_preferences_answer_is_one_statement() -> None:
    conv = conversation()
    conv.add_experience(answers=[sb.Answers(instrument="control_preferences", items=[3])])
    with pytest.raises(sb.ScoringError) as info:
        conv.add_experience(answers=[sb.Answers(instrument="control_preferences", items=[3, 4])])
    assert "answers[0].items" == info.value.field


def test_a_threshold_of_one_with_one_score_gives_its_value_as_every_quartile() -> None:
    scores = sb.report([conversation(sdm=4)], threshold=1).scores["sdm_q9"]

    assert scores is not None
    assert (1, 80.0, 80.0, 80.0) == (
        scores.count,
        scores.median,
        scores.first_quartile,
        scores.third_quartile,
    )


def test_a_remark_whose_text_is_not_text_is_a_record_error() -> None:
    record = conversation(remark="Het hielp.").to_dict()
    for event in record["history"]:
        if event["action"] == "add_experience":
            for remark in event["data"]["remarks"]:
                remark["text"] = 5

    with pytest.raises(sb.RecordError) as caught:
        sb.report([record])

    assert "conversations[0]" == caught.value.field
