"""Observers' OPTION-5 scores of a role play, per observer and per round."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen import instruments


def test_each_observer_is_scored_with_option5_and_each_round_averaged() -> None:
    # By hand: Sanne 3+2+4+3+2 = 14, x5 = 70; Joost 2+2+3+3+1 = 11, x5 = 55; mean 62.5.
    rounds = sb.score_observations(
        [
            sb.Observation(round="1", observer="Sanne", items=(3, 2, 4, 3, 2)),
            sb.Observation(round="1", observer="Joost", items=(2, 2, 3, 3, 1)),
            sb.Observation(round="2", observer="Sanne", items=(4, 3, 4, 4, 3)),
        ]
    )
    assert ["1", "2"] == [r.round for r in rounds]
    first, second = rounds
    assert {"Sanne": 70.0, "Joost": 55.0} == {k: v.scaled for k, v in first.scores.items()}
    assert (62.5, (2.5, 2.0, 3.5, 3.0, 1.5)) == (first.mean, first.item_means)
    assert (90.0, 1) == (second.mean, len(second.scores))


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.lists(st.integers(0, 4), min_size=5, max_size=5)),
        min_size=1,
        max_size=6,
        unique_by=lambda row: row[0],
    )
)
def test_a_rounds_mean_is_the_mean_of_its_observers_option5_scores(
    rows: list[tuple[str, list[int]]],
) -> None:
    observations = [sb.Observation(round="r", observer=o, items=tuple(i)) for o, i in rows]
    (only,) = sb.score_observations(observations)
    expected = [instruments.option5(items).scaled for _, items in rows]
    assert pytest.approx(sum(expected) / len(expected)) == only.mean
    assert 0 <= only.mean <= 100


def test_a_bad_score_or_an_observer_twice_is_refused_naming_the_row() -> None:
    with pytest.raises(sb.InputError) as info:
        sb.score_observations([sb.Observation(round="1", observer="Sanne", items=(3, 2, 5, 3, 2))])
    assert "observations[0].items[2]" == info.value.field
    twice = [sb.Observation(round="1", observer="Sanne", items=(1,) * 5)] * 2
    with pytest.raises(sb.InputError) as info:
        sb.score_observations(twice)
    assert "observations[1].observer" == info.value.field
    assert "Sanne staat twee keer bij ronde 1." in str(info.value)


def test_scores_are_read_from_a_spreadsheets_csv_or_from_yaml(tmp_path: Path) -> None:
    csv = tmp_path / "scores.csv"
    csv.write_text("Ronde;Waarnemer;1;2;3;4;5\n1;Sanne;3;2;4;3;2\n\n1;Joost;2;2;3;3;1\n")
    yaml = tmp_path / "scores.yaml"
    yaml.write_text(
        "- round: 1\n  observer: Sanne\n  scores: [3, 2, 4, 3, 2]\n"
        "- round: 1\n  observer: Joost\n  scores: [2, 2, 3, 3, 1]\n"
    )
    assert sb.read_observations(csv) == sb.read_observations(yaml)
    assert 62.5 == sb.score_observations(sb.read_observations(csv))[0].mean


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.csv", "ronde,waarnemer,1,2,3,4,5\n1,Sanne,3,2,,3,2\n", "regel 2, punt 3"),
        ("b.csv", "ronde,waarnemer,1,2,3,4,5\n1,Sanne,3,2,vier,3,2\n", "niet 'vier'"),
        ("c.csv", "ronde,naam,1,2,3,4,5\n", "de eerste regel noemt de kolommen"),
        ("d.csv", "", "is leeg"),
        (
            "e.csv",
            "ronde,waarnemer,1,2,3,4,5\n,Sanne,3,2,4,3,2\n",
            "vul de ronde en de waarnemer in",
        ),
        ("f.yaml", "- ronde: 1\n  waarnemer: Sanne\n  scores: [3, 2]\n", "regel 1: elke rij"),
        ("g.yaml", "ronde: 1\n", "zet de scores in een lijst"),
    ],
)
def test_a_bad_file_says_where_and_what(
    tmp_path: Path, name: str, content: str, words: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(sb.InputError) as info:
        sb.read_observations(path)
    assert words in str(info.value)
    assert name in str(info.value)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(sb.InputError, match="is niet te lezen"):
        sb.read_observations(tmp_path / "weg.csv")
