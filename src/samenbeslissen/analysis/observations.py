"""Observers' OPTION-5 scores of a role play: per observer, per round, and the round's mean."""

from __future__ import annotations

import csv
import io
import os
import statistics
import types
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from samenbeslissen.errors import InputError
from samenbeslissen.instruments import Option5Score, option5
from samenbeslissen.scenarios.yaml_reader import read_yaml

__all__ = [
    "Observation",
    "RoundScore",
    "read_observations",
    "score_observations",
]

ITEMS = 5
"""The OPTION-5 items an observer scores, each 0-4."""

_HEADERS = {
    "round": ("round", "ronde"),
    "observer": ("observer", "waarnemer"),
}
"""The column (CSV) or field (YAML) names, in English and in Dutch."""


@attrs.frozen(kw_only=True)
class Observation:
    """One observer's scores of one round of role play.

    Attributes:
        round: The round, as the trainer names it ("1", "ochtend").
        observer: Who scored (a first name, or "groep 2").
        items: The five OPTION-5 scores, each 0 (not seen) to 4 (done very well).
    """

    round: str
    observer: str
    items: tuple[int, ...]


def _scores(value: Mapping[str, Option5Score]) -> Mapping[str, Option5Score]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class RoundScore:
    """The OPTION-5 score of one round: each observer's, and the mean of them.

    Attributes:
        round: The round.
        scores: Observer to their score (raw 0-20, scaled 0-100), in the order given.
        mean: The mean of the observers' scaled scores, 0-100.
        item_means: Per item, the mean of the observers' scores (0-4): where
            the professional did well, and where less.
    """

    round: str
    scores: Mapping[str, Option5Score] = attrs.field(converter=_scores, hash=False)
    mean: float
    item_means: tuple[float, ...]


def score_observations(observations: Iterable[Observation]) -> tuple[RoundScore, ...]:
    """Score each observer with :func:`~samenbeslissen.instruments.option5`, and average per round.

    >>> rows = [
    ...     Observation(round="1", observer="Sanne", items=(3, 2, 4, 3, 2)),
    ...     Observation(round="1", observer="Joost", items=(2, 2, 3, 3, 1)),
    ... ]
    >>> [(r.round, r.mean, r.item_means) for r in score_observations(rows)]
    [('1', 62.5, (2.5, 2.0, 3.5, 3.0, 1.5))]

    Args:
        observations: Each observer's scores, one per observer per round.

    Returns:
        One score per round, in the order the rounds first appear.

    Raises:
        InputError: A score that is missing or not 0-4, not five scores, or
            the same observer twice in one round; ``field`` is
            ``observations[i].items[j]`` or ``observations[i].observer``.
    """
    rounds: dict[str, dict[str, Option5Score]] = {}
    for i, observation in enumerate(observations):
        if not isinstance(observation, Observation):
            raise InputError("expected_type", field=f"observations[{i}]", expected="Observation")
        try:
            score = option5(observation.items)
        except InputError as error:
            raise InputError(
                "observations_score", field=f"observations[{i}].{error.field}", reason=error
            ) from None
        scored = rounds.setdefault(observation.round, {})
        if observation.observer in scored:
            raise InputError(
                "observations_twice",
                field=f"observations[{i}].observer",
                observer=observation.observer,
                round=observation.round,
            )
        scored[observation.observer] = score
    return tuple(
        RoundScore(
            round=name,
            scores=scored,
            mean=statistics.fmean(s.scaled for s in scored.values()),
            item_means=tuple(
                statistics.fmean(s.items[n] for s in scored.values()) for n in range(ITEMS)
            ),
        )
        for name, scored in rounds.items()
    )


def read_observations(source: str | os.PathLike[str]) -> tuple[Observation, ...]:
    """Read observers' scores from a CSV or YAML file (by its extension).

    CSV, as a spreadsheet saves it (comma or semicolon), one row per observer
    per round::

        ronde,waarnemer,1,2,3,4,5
        1,Sanne,3,2,4,3,2

    YAML, a list::

        - ronde: 1
          waarnemer: Sanne
          scores: [3, 2, 4, 3, 2]

    The names may be English too (round, observer). An empty score is read
    as missing, which OPTION-5 does not allow: score 0 for not seen.

    Raises:
        InputError: The file cannot be read, or a row is not of this form;
            the message names the line.
    """
    path = Path(source)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        detail = getattr(error, "strerror", None) or type(error).__name__
        raise InputError(
            "observations_unreadable", field="", file=str(path), detail=detail
        ) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(content, str(path))
    return _from_csv(content, str(path))


def _from_csv(content: str, file: str) -> tuple[Observation, ...]:
    try:
        dialect = csv.Sniffer().sniff(content.splitlines()[0] if content else ",", ",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(content), dialect))
    if not rows:
        raise InputError("observations_empty", field="", file=file)
    head = [cell.strip().lower() for cell in rows[0]]
    columns = {key: _column(head, names, file) for key, names in _HEADERS.items()}
    scores = [head.index(str(n)) if str(n) in head else -1 for n in range(1, ITEMS + 1)]
    if -1 in scores:
        raise InputError("observations_columns", field="", file=file)
    result = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # an empty line
        cells = row + [""] * (len(head) - len(row))
        result.append(
            Observation(
                round=_text(cells[columns["round"]], file, line),
                observer=_text(cells[columns["observer"]], file, line),
                items=tuple(_score(cells[c], file, line, n) for n, c in enumerate(scores, 1)),
            )
        )
    return tuple(result)


def _column(head: Sequence[str], names: Sequence[str], file: str) -> int:
    for name in names:
        if name in head:
            return head.index(name)
    raise InputError("observations_columns", field="", file=file)


def _text(value: str, file: str, line: int) -> str:
    if not value.strip():
        raise InputError("observations_empty_cell", field="", file=file, line=line)
    return value.strip()


def _score(value: str, file: str, line: int, item: int) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise InputError(
            "observations_not_a_score", field="", file=file, line=line, item=item, got=value
        ) from None
    if not 0 <= number <= 4:
        raise InputError(
            "observations_not_a_score", field="", file=file, line=line, item=item, got=value
        )
    return number


def _from_yaml(content: str, file: str) -> tuple[Observation, ...]:
    data, spots = read_yaml(content, file)
    if not isinstance(data, list):
        raise InputError("observations_yaml_list", field="", file=file)
    result = []
    for i, item in enumerate(data):
        spot = spots.get((i,))
        line = spot.line if spot is not None else 0
        if not isinstance(item, Mapping):
            raise InputError("observations_yaml_row", field="", file=file, line=line)
        found = {str(key).lower(): value for key, value in item.items()}
        fields = {
            key: next((found[n] for n in names if n in found), None)
            for key, names in _HEADERS.items()
        }
        scores = found.get("scores")
        if None in fields.values() or not isinstance(scores, list) or len(scores) != ITEMS:
            raise InputError("observations_yaml_row", field="", file=file, line=line)
        result.append(
            Observation(
                round=_text(str(fields["round"]), file, line),
                observer=_text(str(fields["observer"]), file, line),
                items=tuple(_score(str(s), file, line, n) for n, s in enumerate(scores, 1)),
            )
        )
    return tuple(result)
