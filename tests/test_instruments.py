"""Tests of the scoring instruments: worked examples, ranges, monotonicity, bad input."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen import instruments
from samenbeslissen.core.answers import ANSWER_SHAPES, ANSWER_VERSIONS, check_answers
from samenbeslissen.core.model import INSTRUMENT_NAMES
from tests.strategies import council_conversation, instrument_answers, ticking_clock

# -- strategies (local: they serve this module only) --------------------------


@st.composite
def answers(draw: st.DrawFn, count: int, high: int, max_missing: int = 0) -> list[int | None]:
    """``count`` answers 0-``high``, with up to ``max_missing`` of them None."""
    items: list[int | None] = list(
        draw(st.lists(st.integers(0, high), min_size=count, max_size=count))
    )
    for index in draw(st.lists(st.integers(0, count - 1), max_size=max_missing, unique=True)):
        items[index] = None
    return items


@st.composite
def dcs_answers(draw: st.DrawFn) -> list[int | None]:
    """Sixteen DCS answers 0-4, with at most one None per subscale."""
    items: list[int | None] = list(draw(st.lists(st.integers(0, 4), min_size=16, max_size=16)))
    for subscale in instruments.INSTRUMENTS["decisional_conflict"].subscales:
        gap = draw(st.none() | st.sampled_from(subscale.items))
        if gap is not None:
            items[gap - 1] = None
    return items


def raised(items: list[int | None], high: int, data: st.DataObject) -> list[int | None]:
    """``items`` with one answered item below ``high`` raised by one (or unchanged)."""
    room = [i for i, value in enumerate(items) if value is not None and value < high]
    if not room:
        return list(items)
    index = data.draw(st.sampled_from(room))
    higher = list(items)
    higher[index] = (items[index] or 0) + 1
    return higher


# -- SDM-Q-9 and SDM-Q-Doc ---------------------------------------------------


def test_sdm_q9_sums_the_items_and_scales_by_twenty_ninths() -> None:
    # 3+4+5+4+3+4+5+4+4 = 36 -> 36 x 20/9 = 80.0
    result = instruments.sdm_q9([3, 4, 5, 4, 3, 4, 5, 4, 4])
    assert 36 == result.raw
    assert 80.0 == result.scaled
    assert not result.prorated
    assert () == result.missing


def test_sdm_q9_at_the_extremes_is_zero_and_one_hundred() -> None:
    # 9 x 0 = 0 -> 0; 9 x 5 = 45 -> 45 x 20/9 = 100
    assert (0, 0.0) == (instruments.sdm_q9([0] * 9).raw, instruments.sdm_q9([0] * 9).scaled)
    assert (45, 100.0) == (instruments.sdm_q9([5] * 9).raw, instruments.sdm_q9([5] * 9).scaled)


def test_sdm_q9_prorates_one_missing_item_from_the_mean_of_the_others() -> None:
    # answered 1+2+3+4+5+0+1+2 = 18 over 8 items: raw = 18 / 8 x 9 = 20.25,
    # scaled = 20.25 x 20/9 = 45.0
    result = instruments.sdm_q9([1, 2, 3, 4, 5, 0, 1, 2, None])
    assert 20.25 == result.raw
    assert 45.0 == result.scaled
    assert result.prorated
    assert (9,) == result.missing


def test_sdm_q9_refuses_two_missing_items_and_names_them() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.sdm_q9([1, None, 3, 4, None, 0, 1, 2, 3])
    assert "items" == caught.value.field
    assert "vragen 2 en 5" in str(caught.value)
    assert "items 2 and 5" in caught.value.message("en")


def test_sdm_q_doc_is_scored_like_the_sdm_q9() -> None:
    # 5+5+4+4+3+3+2+2+1 = 29 -> 29 x 20/9 = 64.44...
    result = instruments.sdm_q_doc([5, 5, 4, 4, 3, 3, 2, 2, 1])
    assert "sdm_q_doc" == result.instrument
    assert 29 == result.raw
    assert 580 / 9 == result.scaled
    # one missing: 4 x 8 = 32 over 8 -> raw 36, scaled 80
    assert 80.0 == instruments.sdm_q_doc([4, 4, 4, None, 4, 4, 4, 4, 4]).scaled


def test_sdm_q_interpretations_give_the_score_in_plain_language() -> None:
    client = instruments.sdm_q9([4] * 9)
    assert client.interpretation().startswith("Score 80 van de 100.")
    assert "de cliënt vond" in client.interpretation()
    assert "the professional felt" in instruments.sdm_q_doc([4] * 9).interpretation("en")
    prorated = instruments.sdm_q9([1, 2, 3, 4, 5, 0, 1, 2, None])
    assert prorated.interpretation().startswith("Score 45 van de 100.")
    assert "Eén antwoord ontbrak" in prorated.interpretation()
    # 29 x 20/9 = 64.44 -> one decimal, with a decimal comma in Dutch
    doc = instruments.sdm_q_doc([5, 5, 4, 4, 3, 3, 2, 2, 1])
    assert doc.interpretation().startswith("Score 64,4 van de 100.")
    assert doc.interpretation("en").startswith("Score 64.4 out of 100.")


@given(answers(9, 5, max_missing=1))
def test_sdm_q9_scores_stay_within_their_ranges(items: list[int | None]) -> None:
    result = instruments.sdm_q9(items)
    assert 0 <= result.raw <= 45
    assert 0 <= result.scaled <= 100


@given(answers(9, 5, max_missing=1), st.data())
def test_raising_one_sdm_q9_answer_never_lowers_the_score(
    items: list[int | None], data: st.DataObject
) -> None:
    assert instruments.sdm_q9(items).scaled <= instruments.sdm_q9(raised(items, 5, data)).scaled


# -- CollaboRATE -------------------------------------------------------------


def test_collaborate_gives_a_top_score_only_when_all_three_are_nine() -> None:
    top = instruments.collaborate([9, 9, 9])
    assert (True, 9.0) == (top.top_score, top.mean)
    # 9+8+9 = 26 -> mean 26/3; one 8 is enough to miss the top score
    near = instruments.collaborate([9, 8, 9])
    assert (False, 26 / 3) == (near.top_score, near.mean)
    assert "Topscore" in top.interpretation()
    assert "Average mark: 8.7 out of 9." in near.interpretation("en")


def test_collaborate_refuses_a_missing_answer_for_one_encounter() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.collaborate([9, None, 9])
    assert "items[1]" == caught.value.field
    assert "vraag 2" in str(caught.value)


def test_a_group_of_24_complete_encounters_has_no_rate_yet() -> None:
    # 24 complete (all top scores) plus 3 incomplete ones, which do not count
    responses: list[list[int | None]] = [[9, 9, 9]] * 24
    responses += [[9, None, 9], [None, None, None], [0, 0, None]]
    group = instruments.collaborate_group(responses)
    assert (27, 24, 24) == (group.total, group.complete, group.top_scores)
    assert group.top_score_rate is None
    assert group.mean is None
    assert not group.reliable
    assert "24 volledige vragenlijsten" in group.interpretation()
    assert "at least 25 are needed" in group.interpretation("en")


def test_a_group_of_25_complete_encounters_has_a_rate_over_complete_ones_only() -> None:
    # 20 top scores and 5 near misses among 25 complete: rate 20/25 = 0.8;
    # mean of means = (20 x 27 + 5 x 26) / (25 x 3) = 670/75;
    # the incomplete encounter (all 9s but one missing) is left out
    responses = [[9, 9, 9]] * 20 + [[9, 9, 8]] * 5 + [[9, 9, None]]
    group = instruments.collaborate_group(responses)
    assert (26, 25, 20) == (group.total, group.complete, group.top_scores)
    assert 0.8 == group.top_score_rate
    assert 670 / 75 == group.mean
    assert group.reliable
    assert group.interpretation().startswith("80% van de 25 volledige vragenlijsten")


def test_a_group_accepts_encounters_as_any_kind_of_list() -> None:
    responses = ((9, 9, 9) for _ in range(25))
    assert 1.0 == instruments.collaborate_group(responses).top_score_rate


@given(st.lists(answers(3, 9, max_missing=1), max_size=40))
def test_a_group_rate_is_a_share_of_the_complete_encounters(
    responses: list[list[int | None]],
) -> None:
    group = instruments.collaborate_group(responses)
    complete = [r for r in responses if None not in r]
    assert len(complete) == group.complete
    assert (group.top_score_rate is None) == (len(complete) < 25)
    if group.top_score_rate is not None and group.mean is not None:
        assert 0 <= group.top_score_rate <= 1
        assert 0 <= group.mean <= 9


@given(answers(3, 9))
def test_collaborate_mean_stays_within_nought_to_nine(items: list[int | None]) -> None:
    result = instruments.collaborate(items)
    assert 0 <= result.mean <= 9
    assert result.top_score == (items == [9, 9, 9])


# -- OPTION-5 and OPTION-12 ---------------------------------------------------


def test_option5_sums_and_multiplies_by_five() -> None:
    # 4+3+2+1+0 = 10 -> 10 x 5 = 50
    result = instruments.option5([4, 3, 2, 1, 0])
    assert (10, 50.0) == (result.raw, result.scaled)
    assert "Score 50 out of 100." in result.interpretation("en")


def test_option12_scales_by_48_and_marks_the_basic_skill_level_per_item() -> None:
    # (0+1+2+3+4) x 2 + 0 + 1 = 21 -> 21 / 48 x 100 = 43.75
    result = instruments.option12([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1])
    assert (21, 43.75) == (result.raw, result.scaled)
    skill = (False, False, True, True, True, False, False, True, True, True, False, False)
    assert skill == result.minimum_skill
    assert 6 == result.minimum_skill_count
    assert "Op 6 van de 12 punten" in result.interpretation()
    assert "Score 43,8 van de 100." in result.interpretation()


def test_scores_in_sentences_are_rounded_half_up_to_one_decimal() -> None:
    # 1+1+1 = 3 -> 3 / 48 x 100 = 6.25 -> "6,3" (round() would give 6.2)
    result = instruments.option12([1, 1, 1] + [0] * 9)
    assert 6.25 == result.scaled
    assert result.interpretation().startswith("Score 6,3 van de 100.")
    assert result.interpretation("en").startswith("Score 6.3 out of 100.")


def test_observer_scales_allow_no_missing_rating() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.option5([4, 3, None, 1, 0])  # type: ignore[list-item]  # the point of the test
    assert "items[2]" == caught.value.field
    assert "OPTION-5, vraag 3: dit antwoord ontbreekt." in str(caught.value)


@given(answers(5, 4), st.data())
def test_option5_stays_within_range_and_rises_with_any_rating(
    items: list[int | None], data: st.DataObject
) -> None:
    result = instruments.option5([i or 0 for i in items])
    assert 0 <= result.scaled <= 100
    higher = instruments.option5([i or 0 for i in raised(items, 4, data)])
    assert result.scaled <= higher.scaled


@given(answers(12, 4), st.data())
def test_option12_stays_within_range_and_rises_with_any_rating(
    items: list[int | None], data: st.DataObject
) -> None:
    result = instruments.option12([i or 0 for i in items])
    assert 0 <= result.scaled <= 100
    higher = instruments.option12([i or 0 for i in raised(items, 4, data)])
    assert result.scaled <= higher.scaled


# -- SURE -------------------------------------------------------------------


def test_sure_counts_the_yes_answers_and_flags_three_or_less() -> None:
    # 4 x yes = 4 -> no conflict
    sure = instruments.sure([True, True, True, True])
    assert (4, False) == (sure.raw, sure.conflict)
    assert "voelt zich zeker" in sure.interpretation()
    # yes, yes, no, yes = 3 -> conflict
    doubt = instruments.sure([True, True, False, True])
    assert (3, True) == (doubt.raw, doubt.conflict)
    assert "Score 3 out of 4" in doubt.interpretation("en")


def test_sure_accepts_one_and_zero_for_yes_and_no() -> None:
    assert instruments.sure([True, False, True, True]) == instruments.sure([1, 0, 1, 1])


@given(st.lists(st.booleans(), min_size=4, max_size=4))
def test_sure_flags_conflict_exactly_when_any_answer_is_no(items: list[bool]) -> None:
    result = instruments.sure(items)
    assert sum(items) == result.raw
    assert (not all(items)) == result.conflict


# -- Control Preferences Scale ---------------------------------------------


@pytest.mark.parametrize(
    ("answer", "role", "group"),
    [
        (1, sb.DecisionRole.CLIENT_ALONE, sb.RoleGroup.ACTIVE),
        (2, sb.DecisionRole.CLIENT_AFTER_ADVICE, sb.RoleGroup.ACTIVE),
        (3, sb.DecisionRole.SHARED, sb.RoleGroup.COLLABORATIVE),
        (4, sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, sb.RoleGroup.PASSIVE),
        (5, sb.DecisionRole.PROFESSIONAL_ALONE, sb.RoleGroup.PASSIVE),
        (sb.DecisionRole.SHARED, sb.DecisionRole.SHARED, sb.RoleGroup.COLLABORATIVE),
    ],
)
def test_control_preferences_map_the_position_to_the_role_and_its_group(
    answer: int | sb.DecisionRole, role: sb.DecisionRole, group: sb.RoleGroup
) -> None:
    preference = instruments.control_preferences(answer)
    assert (role, role.position, group) == (
        preference.role,
        preference.position,
        preference.group,
    )


def test_control_preferences_read_as_a_sentence() -> None:
    preference = instruments.control_preferences(3)
    assert (
        "Voorkeur van de cliënt: Cliënt en professional beslissen samen. Groep: samen."
        == preference.interpretation()
    )
    assert "Group: collaborative." in preference.interpretation("en")


# -- Decisional Conflict Scale ----------------------------------------------

# informed 0,1,2 (sum 3); values 1,1,1 (3); support 0,0,0 (0); uncertainty
# 4,4,4 (12); effective decision 2,2,2,2 (8). Total 26 -> 26 / 16 x 25 = 40.625.
DCS_EXAMPLE: list[int | None] = [0, 1, 2, 1, 1, 1, 0, 0, 0, 4, 4, 4, 2, 2, 2, 2]


def test_decisional_conflict_scores_the_total_and_five_subscales() -> None:
    result = instruments.decisional_conflict(DCS_EXAMPLE)
    assert 26 == result.raw
    assert 40.625 == result.scaled
    # each subscale: sum / n x 25 -> 3/3 x 25, 3/3 x 25, 0, 12/3 x 25, 8/4 x 25
    assert {
        "informed": 25.0,
        "values_clarity": 25.0,
        "support": 0.0,
        "uncertainty": 100.0,
        "effective_decision": 50.0,
    } == dict(result.subscales)
    assert result.conflict
    assert "high" == result.level
    # Uncertainty (100) is an outcome: the advice points at what can change,
    # here informed and values clarity, tied at 25.
    assert (
        "de meeste twijfel zit bij geïnformeerd zijn en weten wat telt. Begin daar."
        in result.interpretation()
    )
    assert "onzekerheid" not in result.interpretation()


def test_decisional_conflict_fills_a_missing_item_from_its_own_subscale() -> None:
    # informed 0, None, 2: the mean 1 stands in, so the sums (and scores) are
    # the same as in the complete example
    items = list(DCS_EXAMPLE)
    items[1] = None
    result = instruments.decisional_conflict(items)
    assert (26, 40.625) == (result.raw, result.scaled)
    assert 25.0 == result.subscales["informed"]
    assert (2,) == result.imputed


def test_decisional_conflict_fills_one_missing_item_in_each_subscale() -> None:
    # 0, None, 2 -> 1 (filled sum 3); None, 1, 1 -> 1 (3); 0, 0, None -> 0 (0);
    # 4, None, 4 -> 4 (12); 2, 2, 2, None -> 2 (8): total 26 -> 40.625
    items = [0, None, 2, None, 1, 1, 0, 0, None, 4, None, 4, 2, 2, 2, None]
    result = instruments.decisional_conflict(items)
    assert 40.625 == result.scaled
    assert (2, 4, 9, 11, 16) == result.imputed


def test_decisional_conflict_refuses_two_missing_in_one_subscale() -> None:
    items = list(DCS_EXAMPLE)
    items[9] = items[11] = None
    with pytest.raises(sb.ScoringError) as caught:
        instruments.decisional_conflict(items)
    assert "items" == caught.value.field
    assert "in het deel 'onzekerheid' ontbreken 2 antwoorden (vragen 10 en 12)" in str(caught.value)
    assert "in the part 'uncertainty'" in caught.value.message("en")


@pytest.mark.parametrize(
    ("items", "scaled", "level", "conflict"),
    [
        ([0] * 16, 0.0, "low", False),  # 0 / 16 x 25 = 0
        ([1] * 15 + [0], 23.4375, "low", False),  # 15 / 16 x 25
        ([1] * 16, 25.0, "moderate", False),  # 16 / 16 x 25
        ([2] * 8 + [1] * 8, 37.5, "moderate", False),  # 24 / 16 x 25: not above 37.5
        ([2] * 9 + [1] * 7, 39.0625, "high", True),  # 25 / 16 x 25
        ([4] * 16, 100.0, "high", True),  # 64 / 16 x 25
    ],
)
def test_decisional_conflict_flags_conflict_only_above_37_5(
    items: list[int | None], scaled: float, level: str, conflict: bool
) -> None:
    result = instruments.decisional_conflict(items)
    assert (scaled, level, conflict) == (result.scaled, result.level, result.conflict)


def test_decisional_conflict_interpretation_follows_the_level() -> None:
    assert "weinig twijfel" in instruments.decisional_conflict([0] * 16).interpretation()
    moderate = instruments.decisional_conflict([1] * 16).interpretation("en")
    assert "some doubt" in moderate
    # The three subscales that can change tie: none is singled out.
    assert "Being informed, knowing what counts and support score the same." in moderate
    fine = instruments.decisional_conflict([0] * 9 + [4] * 7).interpretation()
    assert "zijn in orde. De twijfel zit in de keuze zelf" in fine
    one = instruments.decisional_conflict([0] * 6 + [4, 4, 4] + [1] * 7).interpretation("en")
    assert "most doubt is in support. Start there." in one


@given(dcs_answers())
def test_decisional_conflict_scores_stay_within_nought_to_one_hundred(
    items: list[int | None],
) -> None:
    result = instruments.decisional_conflict(items)
    assert 0 <= result.scaled <= 100
    assert all(0 <= score <= 100 for score in result.subscales.values())


@given(dcs_answers(), st.data())
def test_a_higher_dcs_answer_never_lowers_the_conflict(
    items: list[int | None], data: st.DataObject
) -> None:
    before = instruments.decisional_conflict(items)
    after = instruments.decisional_conflict(raised(items, 4, data))
    assert before.scaled <= after.scaled
    for key, score in before.subscales.items():
        assert score <= after.subscales[key]


# -- bad input ---------------------------------------------------------------

Scorer = Callable[[Any], object]

BAD_ITEMS: list[tuple[Scorer, list[Any], str, str]] = [
    (instruments.sdm_q9, [1, 1, 1, 6, 1, 1, 1, 1, 1], "items[3]", "vraag 4"),
    (instruments.sdm_q9, [1, 1, 1, -1, 1, 1, 1, 1, 1], "items[3]", "vraag 4"),
    (instruments.sdm_q9, [True, 1, 1, 1, 1, 1, 1, 1, 1], "items[0]", "vraag 1"),
    (instruments.sdm_q9, [1, 1, 1, 1, 1, 1, 1, 1, 3.0], "items[8]", "vraag 9"),
    (instruments.sdm_q9, [1, "3", 1, 1, 1, 1, 1, 1, 1], "items[1]", "vraag 2"),
    (instruments.sdm_q_doc, [1, 1, 1, 1, 1, 1, 1, 1, 9], "items[8]", "vraag 9"),
    (instruments.collaborate, [9, 10, 9], "items[1]", "vraag 2"),
    (instruments.option5, [4, 4, 4, 4, 5], "items[4]", "vraag 5"),
    (instruments.option12, [0] * 11 + [False], "items[11]", "vraag 12"),
    (instruments.sure, [True, 2, True, True], "items[1]", "vraag 2"),
    (instruments.sure, [True, True, "ja", True], "items[2]", "vraag 3"),
    (instruments.sure, [True, True, True, 1.0], "items[3]", "vraag 4"),
    (instruments.sure, [True, None, True, True], "items[1]", "vraag 2"),
    (instruments.decisional_conflict, [0] * 15 + [5], "items[15]", "vraag 16"),
]


@pytest.mark.parametrize(("score", "items", "field", "where"), BAD_ITEMS)
def test_a_bad_answer_is_refused_naming_the_item(
    score: Scorer, items: list[Any], field: str, where: str
) -> None:
    with pytest.raises(sb.ScoringError) as caught:
        score(items)
    assert field == caught.value.field
    assert where in str(caught.value)
    assert where.replace("vraag", "item") in caught.value.message("en")


def test_an_out_of_range_answer_says_the_range_and_what_was_given() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.sdm_q9([1, 1, 1, 6, 1, 1, 1, 1, 1])
    assert (
        "SDM-Q-9, vraag 4: hier hoort een heel getal van 0 tot en met 5. "
        "Ontbreekt het antwoord? Laat het dan open." == str(caught.value)
    )
    assert "got='6'" in caught.value.detail
    assert "ScoringError('SDM-Q-9, item 4: expected a whole number" in repr(caught.value)
    assert ("vraag 4", "item 4") == tuple(
        caught.value.params["where"].label(language) for language in ("nl", "en")
    )


@pytest.mark.parametrize(
    ("score", "count"),
    [
        (instruments.sdm_q9, 9),
        (instruments.sdm_q_doc, 9),
        (instruments.collaborate, 3),
        (instruments.option5, 5),
        (instruments.option12, 12),
        (instruments.sure, 4),
        (instruments.decisional_conflict, 16),
    ],
)
def test_a_wrong_number_of_answers_is_refused(score: Scorer, count: int) -> None:
    for wrong in (count - 1, count + 1):
        with pytest.raises(sb.ScoringError) as caught:
            score([0] * wrong)
        assert "items" == caught.value.field
        assert f"er horen {count} antwoorden te zijn" in str(caught.value)
        assert f"maar het zijn er {wrong}." in str(caught.value)


@pytest.mark.parametrize("values", ["012345012", b"012345012", {1: 1}, {1, 2}, None, 5])
def test_answers_must_come_as_a_list(values: object) -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.sdm_q9(values)  # type: ignore[arg-type]  # the point of the test
    assert "items" == caught.value.field
    assert "geef de antwoorden als een lijst" in str(caught.value)


@pytest.mark.parametrize("answer", [0, 6, True, "shared", 3.0, None])
def test_control_preferences_refuse_anything_but_a_position_or_a_role(answer: object) -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.control_preferences(answer)  # type: ignore[arg-type]  # the point of the test
    assert "answer" == caught.value.field
    assert "positie van 1 tot en met 5" in str(caught.value)


def test_a_group_names_the_encounter_and_the_item() -> None:
    responses: list[Any] = [[9, 9, 9], [9, 9, 9], ["9", 9, 9]]
    with pytest.raises(sb.ScoringError) as caught:
        instruments.collaborate_group(responses)
    assert "responses[2][0]" == caught.value.field
    assert str(caught.value).startswith("CollaboRATE, gesprek 3, vraag 1:")
    assert caught.value.message("en").startswith("CollaboRATE, encounter 3, item 1:")


def test_a_group_refuses_an_encounter_with_the_wrong_number_of_answers() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.collaborate_group([[9, 9, 9], [9, 9]])
    assert "responses[1]" == caught.value.field
    assert "CollaboRATE, gesprek 2: er horen 3 antwoorden te zijn" in str(caught.value)


def test_a_group_must_come_as_a_list_of_encounters() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.collaborate_group("999")  # type: ignore[arg-type]  # the point of the test
    assert "responses" == caught.value.field
    assert "per gesprek de antwoorden" in str(caught.value)


def test_scoring_errors_are_input_errors_and_value_errors() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.option5([])
    assert isinstance(caught.value, sb.InputError)
    assert isinstance(caught.value, ValueError)


def test_an_unknown_language_for_an_interpretation_is_an_input_error() -> None:
    with pytest.raises(sb.InputError) as caught:
        instruments.sure([1, 1, 1, 1]).interpretation("de")
    assert "language" == caught.value.field


# -- the descriptions --------------------------------------------------------


def test_every_instrument_is_described_under_the_name_of_its_scoring_function() -> None:
    names = [
        "sdm_q9",
        "sdm_q_doc",
        "collaborate",
        "option5",
        "option12",
        "sure",
        "control_preferences",
        "decisional_conflict",
    ]
    assert names == list(instruments.INSTRUMENTS)
    for name, info in instruments.INSTRUMENTS.items():
        assert name == info.name
        assert name in instruments.__all__
        assert callable(getattr(instruments, name))


@pytest.mark.parametrize("info", list(instruments.INSTRUMENTS.values()), ids=str)
def test_every_item_is_described_in_both_languages(info: instruments.Instrument) -> None:
    assert list(range(1, info.item_count + 1)) == [item.number for item in info.items]
    for item in info.items:
        assert item.text("nl").strip()
        assert item.text("en").strip()
        assert item.text("nl") != item.text("en")
    for anchor in info.anchors:
        assert info.low <= anchor.value <= info.high
        assert anchor.text("nl") != anchor.text("en")
    assert info.description("nl") != info.description("en")
    assert all(s.strip() for s in (info.source, info.scoring, info.missing_data))
    json.dumps(info.to_dict())  # plain JSON types throughout


def test_the_item_counts_are_those_of_the_published_instruments() -> None:
    counts = {name: info.item_count for name, info in instruments.INSTRUMENTS.items()}
    assert {
        "sdm_q9": 9,
        "sdm_q_doc": 9,
        "collaborate": 3,
        "option5": 5,
        "option12": 12,
        "sure": 4,
        "control_preferences": 1,
        "decisional_conflict": 16,
    } == counts


def test_the_dcs_subscales_cover_each_item_once_in_the_manuals_order() -> None:
    info = instruments.INSTRUMENTS["decisional_conflict"]
    assert {
        "informed": (1, 2, 3),
        "values_clarity": (4, 5, 6),
        "support": (7, 8, 9),
        "uncertainty": (10, 11, 12),
        "effective_decision": (13, 14, 15, 16),
    } == {s.key: s.items for s in info.subscales}
    assert [s.key for s in info.subscales for _ in s.items] == [i.subscale for i in info.items]


def test_who_fills_in_an_instrument_has_a_label() -> None:
    info = instruments.INSTRUMENTS["option5"]
    assert ("observator", "observer") == (info.respondent_label(), info.respondent_label("en"))
    subscale = instruments.INSTRUMENTS["decisional_conflict"].subscales[0]
    assert "geïnformeerd zijn" == subscale.label()


def test_results_are_frozen() -> None:
    result = instruments.sdm_q9([4] * 9)
    with pytest.raises(AttributeError):
        result.raw = 0  # type: ignore[misc]  # the point of the test
    dcs = instruments.decisional_conflict([0] * 16)
    with pytest.raises(TypeError):
        dcs.subscales["support"] = 100.0  # type: ignore[index]  # the point of the test


def test_a_description_as_plain_data_has_every_text_in_dutch_and_english() -> None:
    info = instruments.INSTRUMENTS["decisional_conflict"]
    data = info.to_dict()
    first = info.items[0]
    item = {"number": 1, "nl": first.text(), "en": first.text("en"), "subscale": "informed"}
    assert item == data["items"][0]
    anchor = {"value": 4, "nl": "helemaal niet mee eens", "en": "do not agree at all"}
    assert anchor == data["anchors"][1]
    subscale = {"key": "uncertainty", "nl": "onzekerheid", "en": "uncertainty"}
    assert {**subscale, "items": [10, 11, 12]} == data["subscales"][3]
    assert {"nl": info.description(), "en": info.description("en")} == data["description"]


def test_a_description_in_an_unknown_language_is_an_input_error() -> None:
    info = instruments.INSTRUMENTS["decisional_conflict"]
    texts = (info.items[0].text, info.anchors[0].text, info.subscales[0].label)
    for words in (*texts, info.description, info.respondent_label):
        with pytest.raises(sb.InputError):
            words("de")


# -- answers as a conversation holds them -------------------------------------


def test_the_core_table_and_the_catalogue_agree_on_every_instrument() -> None:
    assert list(ANSWER_SHAPES) == list(instruments.INSTRUMENTS) == list(INSTRUMENT_NAMES)
    for name, shape in ANSWER_SHAPES.items():
        info = instruments.INSTRUMENTS[name]
        assert (name, shape.title, shape.answer, shape.low, shape.high, shape.max_missing) == (
            info.name,
            info.title,
            info.answer,
            info.low,
            info.high,
            info.max_missing,
        )
        assert shape.item_count == len(info.items)
        assert dict(shape.subscales) == {s.key: s.items for s in info.subscales}
        assert all(shape.low <= anchor.value <= shape.high for anchor in info.anchors)


def scored_as_stored(answers: sb.Answers) -> object:
    """Score a stored set with the instrument's own scoring function.

    A CollaboRATE set is scored as a group of one, which keeps an incomplete
    set; the Control Preferences Scale scores each answer on its own.
    """
    items = list(answers.items)
    if answers.instrument == "collaborate":
        return instruments.collaborate_group([items])
    if answers.instrument == "control_preferences":
        # The items are ints here; the stored type allows None for other instruments.
        return [instruments.control_preferences(item) for item in items]  # type: ignore[arg-type]
    return getattr(instruments, answers.instrument)(items)


def refusal(action: Callable[[], object]) -> sb.ScoringError | None:
    """The ScoringError ``action`` raises, or None when it raises none."""
    try:
        action()
    except sb.ScoringError as error:
        return error
    return None


@pytest.mark.parametrize("name", INSTRUMENT_NAMES)
@given(data=st.data())
def test_answers_a_scoring_function_refuses_are_refused_when_they_come_in(
    name: str, data: st.DataObject
) -> None:
    answers = data.draw(instrument_answers(name))
    by_scorer = refusal(lambda: scored_as_stored(answers))
    by_core = refusal(lambda: check_answers([answers]))
    if by_scorer is None:
        return
    assert by_core is not None
    assert by_core.field.startswith("answers[0].items")
    if answers.instrument not in ("collaborate", "control_preferences"):
        # The same refusal, one level down in the conversation's field path.
        assert (by_scorer.key, f"answers[0].{by_scorer.field}", by_scorer.message("en")) == (
            by_core.key,
            by_core.field,
            by_core.message("en"),
        )


RESULTS: dict[str, tuple[type, ...]] = {
    "sdm_q9": (instruments.SdmQScore,),
    "sdm_q_doc": (instruments.SdmQScore,),
    "collaborate": (instruments.CollaborateScore, instruments.CollaborateGroupScore),
    "option5": (instruments.Option5Score,),
    "option12": (instruments.Option12Score,),
    "sure": (instruments.SureScore,),
    "control_preferences": (instruments.ControlPreference,),
    "decisional_conflict": (instruments.DecisionalConflictScore,),
}


@pytest.mark.parametrize("name", INSTRUMENT_NAMES)
@given(data=st.data())
def test_every_answer_set_the_core_accepts_can_be_scored(name: str, data: st.DataObject) -> None:
    answers = data.draw(instrument_answers(name))
    if refusal(lambda: check_answers([answers])) is not None:
        return
    assert isinstance(instruments.score_answers(answers), RESULTS[answers.instrument])


def test_score_answers_scores_with_the_instruments_own_function() -> None:
    stored = sb.Answers(instrument="sure", items=[True, False, True, True])
    assert instruments.sure([1, 0, 1, 1]) == instruments.score_answers(stored)
    sdm = sb.Answers(instrument="sdm_q9", items=[4, 4, 4, 4, None, 4, 4, 4, 4])
    assert instruments.sdm_q9([4, 4, 4, 4, None, 4, 4, 4, 4]) == instruments.score_answers(sdm)


def test_score_answers_reads_the_control_preferences_answer_as_a_role() -> None:
    stored = sb.Answers(instrument="control_preferences", items=[3])
    assert instruments.control_preferences(3) == instruments.score_answers(stored)


def test_score_answers_scores_an_incomplete_collaborate_as_a_group_that_leaves_it_out() -> None:
    result = instruments.score_answers(sb.Answers(instrument="collaborate", items=[9, None, 9]))
    assert isinstance(result, instruments.CollaborateGroupScore)
    assert (1, 0) == (result.total, result.complete)


def test_score_answers_refuses_a_set_of_the_wrong_shape() -> None:
    with pytest.raises(sb.ScoringError) as caught:
        instruments.score_answers(sb.Answers(instrument="control_preferences", items=[3, 4]))
    assert "items" == caught.value.field
    assert "er horen 1 antwoorden te zijn" in str(caught.value)


GOOD = sb.Answers(instrument="sure", items=[1, 1, 1, 1])


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            sb.Answers(instrument="sdm_q9", items=[1, 1, 1, 6, 1, 1, 1, 1, 1]),
            "answers[1].items[3]",
            "SDM-Q-9, vraag 4: hier hoort een heel getal van 0 tot en met 5.",
        ),
        (
            sb.Answers(instrument="sdm_q9", items=[1, None, 3, 4, None, 0, 1, 2, 3]),
            "answers[1].items",
            "SDM-Q-9: er ontbreken 2 antwoorden (vragen 2 en 5).",
        ),
        (
            sb.Answers(instrument="sure", items=[1, 2, 1, 1]),
            "answers[1].items[1]",
            "SURE, vraag 2: hier hoort ja of nee.",
        ),
        (
            sb.Answers(instrument="option5", items=[4, 3, None, 1, 0]),
            "answers[1].items[2]",
            "OPTION-5, vraag 3: dit antwoord ontbreekt.",
        ),
        (
            sb.Answers(instrument="collaborate", items=[10, None, 9]),
            "answers[1].items[0]",
            "CollaboRATE, vraag 1: hier hoort een heel getal van 0 tot en met 9.",
        ),
        (
            sb.Answers(instrument="decisional_conflict", items=[0] * 9 + [None, 4, None] + [0] * 4),
            "answers[1].items",
            "in het deel 'onzekerheid' ontbreken 2 antwoorden (vragen 10 en 12)",
        ),
        (
            sb.Answers(instrument="control_preferences", items=[sb.DecisionRole.SHARED]),
            "answers[1].items[0]",
            "Control Preferences Scale, vraag 1: hier hoort een heel getal van 1 tot en met 5",
        ),
    ],
)
def test_bad_answers_are_refused_when_they_come_in_naming_the_set_and_the_item(
    answers: sb.Answers, field: str, message: str
) -> None:
    with pytest.raises(sb.ScoringError) as caught:
        check_answers([GOOD, answers])
    assert field == caught.value.field
    assert message in str(caught.value)


def decided() -> sb.Conversation:
    """A conversation with a decision, so it can take a client's experience."""
    conv = sb.Conversation(
        "Welke hulp past bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        clock=ticking_clock(),
    )
    conv.inform(may_codecide=True)
    conv.add_option(sb.Option(key="thuiszorg", title="Thuiszorg"))
    conv.add_option(sb.Option(key="zelf", title="Zelf regelen", status_quo=True))
    conv.present_options()
    conv.weigh({"vast": 5}, {"thuiszorg": {"vast": 4}})
    conv.decide(
        "thuiszorg",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Vaste hulp.",
        follow_up=dt.date(2026, 6, 1),
    )
    return conv


def test_a_conversation_refuses_bad_answers_and_keeps_the_good_ones() -> None:
    conv = decided()
    with pytest.raises(sb.ScoringError) as caught:
        conv.add_experience(answers=[GOOD, sb.Answers(instrument="sdm_q9", items=[7] * 9)])
    assert "answers[1].items[0]" == caught.value.field
    assert () == conv.experiences
    conv.add_experience(answers=[GOOD, sb.Answers(instrument="collaborate", items=[9, None, 9])])
    assert 1 == len(conv.experiences)


def test_a_stored_control_preferences_answer_is_a_position_not_a_role() -> None:
    # A role would be stored as its text ("shared"), which a record cannot load.
    stored = sb.Answers(instrument="control_preferences", items=[sb.DecisionRole.SHARED])
    with pytest.raises(sb.ScoringError) as caught:
        decided().add_experience(answers=[stored])
    assert "answers[0].items[0]" == caught.value.field


# A program of its own, so that nothing else has loaded the instruments.
CORE_ONLY = """
import datetime as dt
import sys

import samenbeslissen as sb

conv = sb.Conversation(
    "Welke hulp past bij u?",
    client=sb.Participant(name="Fatima"),
    professional=sb.Participant(name="Jeroen"),
)
conv.inform(may_codecide=True)
conv.add_option(sb.Option(key="thuiszorg", title="Thuiszorg"))
conv.add_option(sb.Option(key="zelf", title="Zelf regelen", status_quo=True))
conv.present_options()
conv.weigh({"vast": 5}, {"thuiszorg": {"vast": 4}})
conv.decide(
    "thuiszorg",
    decided_by=sb.DecisionRole.SHARED,
    rationale="Vaste hulp.",
    follow_up=dt.date(2099, 1, 1),
)
conv.add_experience(answers=[sb.Answers(instrument="sure", items=[1, 1, 1, 1])])
try:
    conv.add_experience(answers=[sb.Answers(instrument="sdm_q9", items=[6] * 9)])
except sb.ScoringError as error:
    print("refused", error.field)
print("experiences:", len(conv.experiences))
print("instruments loaded:", "samenbeslissen.instruments" in sys.modules)
"""


def test_the_core_checks_answers_without_loading_the_instruments() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CORE_ONLY], capture_output=True, text=True, check=True
    )
    expected = "refused answers[0].items[0]\nexperiences: 1\ninstruments loaded: False\n"
    assert expected == result.stdout


# -- the Control Preferences Scale: cards, the form after the decision ------------------


@pytest.mark.parametrize(("card", "position"), [("A", 1), ("b", 2), (" C ", 3), ("d", 4), ("E", 5)])
def test_the_control_preferences_take_degners_card_letters(card: str, position: int) -> None:
    preference = instruments.control_preferences(card)
    assert position == preference.position
    assert card.strip().upper() == preference.letter


@pytest.mark.parametrize("answer", ["F", "", "AB", "shared", 0, 6, True, None])
def test_the_control_preferences_refuse_another_answer(answer: object) -> None:
    with pytest.raises(sb.ScoringError) as info:
        instruments.control_preferences(answer)  # type: ignore[arg-type]
    assert "answer" == info.value.field


def test_the_control_preferences_have_a_form_for_after_the_decision() -> None:
    after = instruments.control_preferences(3, form="experienced")
    assert "experienced" == after.form
    assert after.interpretation().startswith("Zo ging het volgens de cliënt:")
    assert instruments.control_preferences(3).interpretation().startswith("Voorkeur van de cliënt")
    with pytest.raises(sb.ScoringError) as info:
        instruments.control_preferences(3, form="after")
    assert "form" == info.value.field


@pytest.mark.parametrize(
    ("wanted", "had", "difference", "start"),
    [
        ("C", "A", -2, "De cliënt had een actievere rol dan gewild."),
        (1, 5, 4, "De cliënt had een minder actieve rol dan gewild."),
        (sb.DecisionRole.SHARED, "c", 0, "De rol klopt met wat de cliënt wilde:"),
    ],
)
def test_compare_roles_says_which_way_the_role_differed(
    wanted: object, had: object, difference: int, start: str
) -> None:
    compared = instruments.compare_roles(wanted, had)  # type: ignore[arg-type]
    assert difference == compared.difference
    assert (difference == 0) == compared.matched
    assert compared.interpretation().startswith(start)


def test_the_passive_group_is_not_called_waiting() -> None:
    # "afwachten" is the status-quo option; the group of roles 4-5 is "passief".
    assert "Groep: passief." in instruments.control_preferences(5).interpretation()


def test_option5_has_a_label_for_every_answer() -> None:
    anchors = instruments.INSTRUMENTS["option5"].anchors
    assert [0, 1, 2, 3, 4] == [anchor.value for anchor in anchors]
    assert len({anchor.text("nl") for anchor in anchors}) == 5


def test_collaborate_for_one_encounter_advises_to_judge_groups() -> None:
    for items in ([9, 9, 9], [9, 8, 9]):
        text = instruments.collaborate(items).interpretation()
        assert "minstens 25 gesprekken" in text
        assert "Zo hoort" not in text


# -- the low-literacy form of the Decisional Conflict Scale (computed by hand) ----------


def test_the_low_literacy_dcs_scores_ten_answers_of_yes_unsure_no() -> None:
    # yes 0, unsure 2, no 4: sum 16 -> 16 / 10 x 25 = 40; informed (0+0+2)/3 x 25,
    # values clarity (2+4)/2 x 25, support 0, uncertainty (4+4)/2 x 25.
    result = instruments.decisional_conflict([0, 0, 2, 2, 4, 0, 0, 0, 4, 4], version="low_literacy")
    assert (16, 40.0, "low_literacy", True) == (
        result.raw,
        result.scaled,
        result.version,
        result.conflict,
    )
    assert {
        "informed": pytest.approx(50 / 3),
        "values_clarity": 75.0,
        "support": 0.0,
        "uncertainty": 100.0,
    } == dict(result.subscales)
    assert "de meeste twijfel zit bij weten wat telt. Begin daar." in result.interpretation()
    # A missing item takes the mean of its subscale: informed (0, -, 2) -> 1.
    filled = instruments.decisional_conflict(
        [0, None, 2, 2, 4, 0, 0, 0, 4, 4], version="low_literacy"
    )
    assert (17, 42.5, (2,)) == (filled.raw, filled.scaled, filled.imputed)


def test_the_1995_dcs_reverses_items_1_2_10_11_and_reports_means_of_1_to_5() -> None:
    # By hand. Answers 1 (strongly agree) to 5; items 1, 2, 10 and 11 count 6 - answer:
    # 2 2 4 | 1 2 2 3 2 2 4 5 1 | 2 2 1 1  becomes  4 4 4 | 1 2 2 3 2 2 2 1 1 | 2 2 1 1.
    # Means: uncertainty 12/3 = 4, factors 16/9, effective 6/4 = 1.5, total 34/16 = 2.125.
    # On 0-100, (mean - 1) x 25: 75, 19.44, 12.5, total 28.125.
    answers = [2, 2, 4, 1, 2, 2, 3, 2, 2, 4, 5, 1, 2, 2, 1, 1]
    result = instruments.decisional_conflict(answers, version="1995")
    assert (34, 28.125, "moderate", False) == (
        result.raw,
        result.scaled,
        result.level,
        result.conflict,
    )
    assert {
        "uncertainty": 75.0,
        "contributing_factors": pytest.approx(17.5 / 0.9),
        "effective_decision": 12.5,
    } == dict(result.subscales)
    assert {
        "total": 2.125,
        "uncertainty": 4.0,
        "contributing_factors": pytest.approx(16 / 9),
        "effective_decision": 1.5,
    } == dict(result.means)
    assert "Wat u samen kunt veranderen: informatie, weten wat telt en steun." in (
        result.interpretation()
    )
    # A missing item takes the mean of its subscale after reversing: item 2 -> 4.
    filled = instruments.decisional_conflict([2, None, *answers[2:]], version="1995")
    assert (34, 28.125, (2,)) == (filled.raw, filled.scaled, filled.imputed)
    # All agree (1): the reversed items are all doubt, the others none.
    agree = instruments.decisional_conflict([1] * 16, version="1995")
    assert 4 * 4 + 12 * 0 == agree.raw - 16
    assert "De twijfel zit in de keuze zelf" not in agree.interpretation()


@st.composite
def dcs_1995_answers(draw: st.DrawFn) -> list[int | None]:
    """Sixteen answers 1-5 of the 1995 form, with at most one None per subscale."""
    items: list[int | None] = list(draw(st.lists(st.integers(1, 5), min_size=16, max_size=16)))
    for members in ANSWER_VERSIONS["decisional_conflict"]["1995"].subscales.values():
        gap = draw(st.none() | st.sampled_from(members))
        if gap is not None:
            items[gap - 1] = None
    return items


@given(dcs_1995_answers(), st.data())
def test_in_the_1995_dcs_disagreeing_more_moves_the_score_the_way_the_item_points(
    items: list[int | None], data: st.DataObject
) -> None:
    before = instruments.decisional_conflict(items, version="1995")
    assert 0 <= before.scaled <= 100
    assert 1 <= before.means["total"] <= 5
    room = [i for i, value in enumerate(items) if value is not None and value < 5]
    if not room:
        return
    index = data.draw(st.sampled_from(room))
    after = instruments.decisional_conflict(
        [value + 1 if i == index and value is not None else value for i, value in enumerate(items)],
        version="1995",
    )
    if index + 1 in instruments.REVERSED_1995:
        assert after.scaled < before.scaled  # disagreeing more with "this is hard"
    else:
        assert after.scaled > before.scaled  # disagreeing more with "I know the options"


def test_a_stored_answer_set_keeps_its_dcs_version_and_is_scored_in_it() -> None:
    conv = council_conversation()
    answers = sb.Answers(
        instrument="decisional_conflict",
        items=[2, 2, 4, 1, 2, 2, 3, 2, 2, 4, 5, 1, 2, 2, 1, 1],
        version="1995",
    )
    conv.add_experience(answers=[answers])
    again = sb.Conversation.from_json(conv.to_json())
    stored = again.history[-1].data.answers[0]
    assert "1995" == stored.version
    assert 28.125 == instruments.score_answers(stored).scaled
    # The same answers without their version are refused: 5 is no answer of the 2010 form.
    with pytest.raises(sb.ScoringError) as info:
        conv.add_experience(answers=[attrs.evolve(answers, version=None)])
    assert "answers[0].items[10]" == info.value.field


def test_a_version_is_refused_for_an_instrument_with_one_form() -> None:
    with pytest.raises(sb.InputError) as info:
        sb.Answers(instrument="sdm_q9", items=[1] * 9, version="1995")
    assert "version" == info.value.problems[0].path
    assert "SDM-Q-9 heeft maar één versie" in str(info.value)


@pytest.mark.parametrize(
    ("items", "version", "field"),
    [
        ([1] * 10, "low_literacy", "items[0]"),  # 1 is no answer of this form
        ([0, 2, 4, 0, 2, 4, 0, 2, 3, 0], "low_literacy", "items[8]"),
        ([0] * 16, "low_literacy", "items"),
        ([None, None, 0, 0, 0, 0, 0, 0, 0, 0], "low_literacy", "items"),
        ([0] * 16, "1995", "items[0]"),  # coded 0-4: the 2010 form
        ([1] * 15 + [5], "2010", "items[15]"),  # coded 1-5: the 1995 form
        ([1] * 15 + [6], "1995", "items[15]"),
        ([0] * 10, "2010", "items"),
        ([1] * 16, "2009", "version"),
        ([1] * 16, 1995, "version"),
    ],
)
def test_answers_that_cannot_belong_to_the_version_are_refused(
    items: list[int | None], version: str, field: str
) -> None:
    with pytest.raises(sb.ScoringError) as info:
        instruments.decisional_conflict(items, version=version)
    assert field == info.value.field
    assert instruments.DCS_VERSIONS == ("2010", "low_literacy", "1995")
