"""Tests of weighing: the values, the ranking rule, and the exact sensitivity."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.core.ranking import Contribution
from tests.strategies import keys, scores

Table = dict[str, dict[str, int | None]]


@st.composite
def weighing_inputs(draw: st.DrawFn) -> tuple[dict[str, int], Table, list[str]]:
    criteria = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    options = draw(st.lists(keys, min_size=2, max_size=4, unique=True))
    importance = {c: draw(scores) for c in criteria}
    table = {o: {c: draw(st.none() | scores) for c in criteria} for o in options}
    return importance, table, options


def weighing(importance: dict[str, int], table: Table) -> sb.Weighing:
    return sb.Weighing.from_mappings(importance, table)


def test_options_are_ranked_by_importance_times_rating() -> None:
    w = weighing(
        {"dichtbij_huis": 4, "inkomen": 5},
        {"werk": {"dichtbij_huis": 2, "inkomen": 4}, "niets": {"dichtbij_huis": 5, "inkomen": 0}},
    )
    ranking = w.ranking()
    assert ("werk", "niets") == ranking.order()
    assert [28, 20] == [o.total for o in ranking]
    assert 45 == ranking.options[0].maximum
    assert [
        Contribution(criterion="dichtbij_huis", importance=4, rating=2, points=8),
        Contribution(criterion="inkomen", importance=5, rating=4, points=20),
    ] == list(ranking.options[0].contributions)


def test_unknown_ratings_add_nothing_and_are_reported() -> None:
    w = weighing({"a": 3, "b": 2}, {"x": {"a": 4, "b": None}, "y": {"a": 2}})
    ranking = w.ranking()
    assert [(12, 2), (6, 2)] == [(o.total, o.unknown_weight) for o in ranking]
    assert ranking.options[0].contributions[1].points is None


def test_equal_totals_share_a_rank_and_keep_the_order_of_the_options() -> None:
    w = weighing({"a": 1}, {"x": {"a": 3}, "y": {"a": 5}, "z": {"a": 3}})
    ranking = w.ranking(["x", "y", "z"])
    assert ("y", "x", "z") == ranking.order()
    assert [1, 2, 2] == [o.rank for o in ranking]
    assert not ranking.tied_at_top
    assert weighing({"a": 1}, {"x": {"a": 3}, "z": {"a": 3}}).ranking().tied_at_top


def test_an_option_without_ratings_is_ranked_when_named() -> None:
    w = weighing({"a": 2}, {"x": {"a": 1}})
    assert ("x", "nieuw") == w.ranking(["nieuw", "x"]).order()
    assert 2 == w.ranking(["nieuw", "x"]).options[1].unknown_weight


def test_the_sensitivity_names_the_importance_at_which_the_choice_flips() -> None:
    w = weighing(
        {"dichtbij_huis": 4, "inkomen": 5},
        {"werk": {"dichtbij_huis": 2, "inkomen": 4}, "niets": {"dichtbij_huis": 5, "inkomen": 0}},
    )
    result = w.sensitivity()
    assert "werk" == result.top
    flip = result.flip("inkomen")
    # inkomen 3: werk 8 + 12 = 20, niets 20 + 0 = 20, a tie; at 2: werk 16, niets 20.
    assert (2, "niets", None) == (flip.lower_to, flip.lower_top, flip.raise_to)
    assert result.flip("dichtbij_huis").stable
    with pytest.raises(KeyError):
        result.flip("onbekend")


def test_a_conversations_weighing_ranks_its_options_and_a_different_decision_is_fine() -> None:
    conv = sb.Conversation(
        "Vraag?", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
    )
    conv.inform(may_codecide=True)
    conv.add_option(sb.Option(key="werk", title="Werk"))
    conv.add_option(sb.Option(key="niets", title="Niets", status_quo=True))
    conv.present_options()
    conv.weigh({"geld": 5}, {"werk": {"geld": 5}, "niets": {"geld": 1}})
    assert conv.weighing is not None
    assert "werk" == conv.weighing.ranking([o.key for o in conv.options]).order()[0]
    conv.decide(
        "niets",
        decided_by=sb.DecisionRole.CLIENT_ALONE,
        rationale="Ik kies nu voor rust.",
        follow_up=conv.created_at.date(),
    )
    assert conv.decision is not None
    assert "niets" == conv.decision.option
    assert conv.weighing is not None  # the record keeps both


@settings(max_examples=200)
@given(weighing_inputs(), st.randoms())
def test_the_ranking_does_not_depend_on_names_or_order(
    inputs: tuple[dict[str, int], Table, list[str]], rnd: object
) -> None:
    importance, table, options = inputs
    ranking = weighing(importance, table).ranking(options)
    totals = {o.option: (o.total, o.rank) for o in ranking}
    # Rename every option and criterion, and shuffle the orders.
    option_names = {o: f"o_{i}" for i, o in enumerate(options)}
    criterion_names = {c: f"c_{i}" for i, c in enumerate(importance)}
    shuffled_criteria = list(importance)
    shuffled_options = list(options)
    rnd.shuffle(shuffled_criteria)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_options)  # type: ignore[attr-defined]
    renamed = weighing(
        {criterion_names[c]: importance[c] for c in shuffled_criteria},
        {
            option_names[o]: {criterion_names[c]: table[o][c] for c in shuffled_criteria}
            for o in shuffled_options
        },
    ).ranking([option_names[o] for o in shuffled_options])
    renamed_totals = {o.option: (o.total, o.rank) for o in renamed}
    assert {option_names[o]: value for o, value in totals.items()} == renamed_totals


@settings(max_examples=300)
@given(weighing_inputs(), st.data())
def test_more_importance_never_lowers_the_option_that_does_best_on_it(
    inputs: tuple[dict[str, int], Table, list[str]], data: st.DataObject
) -> None:
    importance, table, options = inputs
    criterion = data.draw(st.sampled_from(sorted(importance)))
    assume(importance[criterion] < 5)
    known = {o: table[o][criterion] for o in options if table[o][criterion] is not None}
    assume(known)
    best_score = max(known.values())  # type: ignore[type-var]
    best = [o for o, s in known.items() if s == best_score]
    before = weighing(importance, table).ranking(options)
    after = weighing({**importance, criterion: importance[criterion] + 1}, table).ranking(options)
    for option in best:
        rank_before = next(o.rank for o in before if o.option == option)
        rank_after = next(o.rank for o in after if o.option == option)
        assert rank_after <= rank_before


@settings(max_examples=300)
@given(weighing_inputs())
def test_sensitivity_thresholds_flip_the_top_and_not_a_step_earlier(
    inputs: tuple[dict[str, int], Table, list[str]],
) -> None:
    importance, table, options = inputs
    w = weighing(importance, table)
    result = w.sensitivity(options)
    top = result.top
    assert top == w.ranking(options).order()[0]

    def winner_beats_top(criterion: str, value: int) -> str | None:
        ranking = weighing({**importance, criterion: value}, table).ranking(options)
        top_total = next(o.total for o in ranking if o.option == top)
        best = ranking.options[0]
        return best.option if best.total > top_total else None

    for flip in result.flips:
        current = importance[flip.criterion]
        if flip.lower_to is not None:
            assert flip.lower_top == winner_beats_top(flip.criterion, flip.lower_to)
            for value in range(flip.lower_to + 1, current):
                assert winner_beats_top(flip.criterion, value) is None
        else:
            for value in range(current):
                assert winner_beats_top(flip.criterion, value) is None
        if flip.raise_to is not None:
            assert flip.raise_top == winner_beats_top(flip.criterion, flip.raise_to)
            for value in range(current + 1, flip.raise_to):
                assert winner_beats_top(flip.criterion, value) is None
        else:
            for value in range(current + 1, 6):
                assert winner_beats_top(flip.criterion, value) is None


def test_no_options_means_no_top() -> None:
    w = weighing({"a": 1}, {})
    assert w.ranking().top is None
    assert sb.Sensitivity(top=None, flips=()) == w.sensitivity()
