"""Step 3: what matters to the client, and how each option does on it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.ranking import (
    MAX_SCORE,
    Contribution,
    Flip,
    RankedOption,
    Ranking,
    Sensitivity,
    rank,
    sensitivity,
)
from samenbeslissen.errors import InputError, Problem
from samenbeslissen.i18n import DEFAULT_LANGUAGE

__all__ = [
    "Contribution",
    "Criterion",
    "Flip",
    "RankedOption",
    "Ranking",
    "Rating",
    "Sensitivity",
    "Weighing",
]


@attrs.frozen(kw_only=True)
class Criterion:
    """Something that matters to the client, with its importance from 0 (not) to 5 (very).

    ``label`` is the criterion in the client's own words; ``key`` is for records.
    ``owner`` is whose wish it is when it is not the client's: the name of
    another participant ("Petra Visser", a parent). Checked, like
    :class:`Rating`, when it becomes part of a :class:`Weighing`; the
    conversation checks that the owner takes part.
    """

    key: str
    importance: int
    label: str | None = None
    owner: str | None = None


def _optional_key(value: object, field: str) -> str | None:
    return None if value is None else v.key(value, field)


def _optional_score(value: object, field: str) -> int | None:
    return None if value is None else v.score(value, field, 0, MAX_SCORE)


def _good_label(label: object) -> bool:
    return type(label) is str and bool(label.strip()) and v.storable(label)


def _note(check: Any, *args: Any) -> None:
    """Run a check that raises the problems of one entry, and note them all."""
    found: list[InputError] = []
    check(found, *args)
    for error in found:
        v.keep(error)


def _tried(found: list[InputError], check: Any, *args: Any) -> None:
    try:
        check(*args)
    except InputError as error:
        found.append(error)


def _criterion_error(found: list[InputError], i: int, c: object, keys: set[str]) -> None:
    if not isinstance(c, Criterion):
        found.append(InputError("expected_type", field=f"criteria[{i}]", expected="Criterion"))
        return
    _tried(found, v.key, c.key, f"criteria[{i}].key")
    if isinstance(c.key, str) and c.key in keys:
        found.append(InputError("duplicate_key", field=f"criteria[{i}].key", value=c.key))
    _tried(found, v.score, c.importance, f"criteria[{i}].importance", 0, MAX_SCORE)
    _tried(found, v.optional_text, c.label, f"criteria[{i}].label")
    _tried(found, v.optional_text, c.owner, f"criteria[{i}].owner")


def _rating_error(
    found: list[InputError], i: int, r: Rating, keys: set[str], pairs: set[tuple[str, str]]
) -> None:
    _tried(found, v.key, r.option, f"ratings[{i}].option")
    if not isinstance(r.criterion, str) or r.criterion not in keys:
        found.append(
            InputError("unknown_criterion", field=f"ratings[{i}].criterion", value=r.criterion)
        )
    _tried(found, _optional_score, r.score, f"ratings[{i}].score")
    if (
        isinstance(r.option, str)
        and isinstance(r.criterion, str)
        and (r.option, r.criterion) in pairs
    ):
        found.append(
            InputError("duplicate_rating", field=f"ratings[{i}]", value=(r.option, r.criterion))
        )


@attrs.frozen(kw_only=True)
class Rating:
    """How well one option does on one criterion, 0 to 5; None when nobody knows yet.

    A rating is checked when it becomes part of a :class:`Weighing`, which
    knows the criteria (ratings come by the dozen; checking them once is enough).
    """

    option: str
    criterion: str
    score: int | None


def _items(value: object, field: str) -> tuple[Any, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputError("expected_type", field=field, expected="list")
    return tuple(value)


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return v.converted(_items, value, "criteria")


def _ratings(value: Iterable[Rating]) -> tuple[Rating, ...]:
    return v.converted(_items, value, "ratings")


@v.every_problem
@attrs.frozen(kw_only=True)
class Weighing:
    """What step 3 recorded: the criteria with their importance and the ratings.

    Either criteria are recorded, or ``skipped_reason`` says why not; never both.
    Build one from plain mappings with :meth:`from_mappings`.
    """

    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    ratings: tuple[Rating, ...] = attrs.field(default=(), converter=_ratings)
    skipped_reason: str | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_text)
    )
    initial_preference: str | None = attrs.field(
        default=None, validator=v.attrs_validator(_optional_key)
    )
    """The option the client leaned to at first, before the options were explained."""
    informed_preference: str | None = attrs.field(
        default=None, validator=v.attrs_validator(_optional_key)
    )
    """The option the client prefers now that they know the options (three-talk model)."""

    @property
    def preference_shifted(self) -> bool:
        """True when both preferences are recorded and they differ."""
        return (
            self.initial_preference is not None
            and self.informed_preference is not None
            and self.initial_preference != self.informed_preference
        )

    def __attrs_post_init__(self) -> None:
        # A fast pass over every value; the precise errors are worked out only
        # when something is wrong (weighing runs once per conversation, with
        # options x criteria ratings).
        if type(self.criteria) is not tuple or type(self.ratings) is not tuple:
            return  # their converter already noted the problem
        match = v.KEY_PATTERN.match
        keys: set[str] = set()
        for i, c in enumerate(self.criteria):
            if not (
                type(c) is Criterion
                and type(c.key) is str
                and match(c.key)
                and c.key not in keys
                and type(c.importance) is int
                and 0 <= c.importance <= MAX_SCORE
                and (c.label is None or _good_label(c.label))
            ):
                _note(_criterion_error, i, c, keys)
            if type(c) is Criterion and type(c.key) is str:
                keys.add(c.key)
        good_options: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for i, r in enumerate(self.ratings):
            if type(r) is not Rating:
                v.keep(InputError("expected_type", field=f"ratings[{i}]", expected="Rating"))
                continue
            if type(r.option) is not str or type(r.criterion) is not str:
                _note(_rating_error, i, r, keys, pairs)
                continue
            pair = (r.option, r.criterion)
            if not (
                (r.option in good_options or match(r.option))
                and r.criterion in keys
                and (r.score is None or (type(r.score) is int and 0 <= r.score <= MAX_SCORE))
                and pair not in pairs
            ):
                _note(_rating_error, i, r, keys, pairs)
            good_options.add(r.option)
            pairs.add(pair)
        if self.skipped_reason is not None and (self.criteria or self.ratings):
            v.keep(InputError("skipped_with_criteria", field="skipped_reason"))

    @classmethod
    def from_mappings(
        cls,
        importance: Mapping[str, int] | None = None,
        ratings: Mapping[str, Mapping[str, int | None]] | None = None,
        *,
        labels: Mapping[str, str] | None = None,
        owners: Mapping[str, str] | None = None,
        skipped_reason: str | None = None,
        initial_preference: str | None = None,
        informed_preference: str | None = None,
    ) -> Weighing:
        """Build a weighing from the shapes ``Conversation.weigh`` takes.

        Args:
            importance: Criterion key to importance, 0-5.
            ratings: Option key to (criterion key to score 0-5, or None for unknown).
            labels: Criterion key to the criterion in the client's words.
            owners: Criterion key to the name of the participant whose wish it
                is, for criteria that are not the client's own.
            skipped_reason: Why preferences were not recorded.
            initial_preference: The option the client leaned to at first.
            informed_preference: The option the client prefers after the options talk.

        Raises:
            InputError: A shape, key or value is wrong; ``field`` says which.
        """
        # Values are taken as given here and checked once, by the Weighing itself.
        found: list[InputError] = []
        weights: Mapping[str, Any] = _mapping(importance, "importance", found)
        names: Mapping[str, Any] = _mapping(labels, "labels", found)
        whose: Mapping[str, Any] = _mapping(owners, "owners", found)
        for field, given in (("labels", names), ("owners", whose)):
            for name in given:
                if name not in weights:
                    found.append(
                        InputError("unknown_criterion", field=f"{field}.{name}", value=name)
                    )
        criteria = [
            Criterion(key=name, importance=value, label=names.get(name), owner=whose.get(name))
            for name, value in weights.items()
        ]
        rows: list[Rating] = []
        table: Mapping[str, Any] = _mapping(ratings, "ratings", found)
        for option, scores in table.items():
            if type(scores) is not dict and not isinstance(scores, Mapping):
                found.append(
                    InputError(
                        "expected_mapping", field=f"ratings.{option}", got=type(scores).__name__
                    )
                )
                continue
            for name, value in scores.items():
                rows.append(Rating(option=option, criterion=name, score=value))
        try:
            weighing = cls(
                criteria=criteria,
                ratings=rows,
                skipped_reason=skipped_reason,
                initial_preference=initial_preference,
                informed_preference=informed_preference,
            )
        except InputError as error:
            # The weighing checks each value once; say where it was in the caller's mappings.
            found.extend(_as_mapping_error(p, criteria, rows) for p in error.problems)
        if found:
            raise InputError.combine(found)
        return weighing

    @property
    def skipped(self) -> bool:
        """True when preferences were explicitly not recorded."""
        return self.skipped_reason is not None

    @property
    def importance(self) -> dict[str, int]:
        """Criterion key to importance, in the order recorded."""
        return {c.key: c.importance for c in self.criteria}

    def scores(self) -> dict[str, dict[str, int | None]]:
        """Option key to (criterion key to score), as recorded."""
        table: dict[str, dict[str, int | None]] = {}
        for rating in self.ratings:
            table.setdefault(rating.option, {})[rating.criterion] = rating.score
        return table

    def option_keys(self) -> tuple[str, ...]:
        """The options that have ratings, in the order they first appear."""
        return tuple(dict.fromkeys(r.option for r in self.ratings))

    def ranking(
        self,
        options: Sequence[str] | None = None,
        *,
        titles: Mapping[str, str] | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> Ranking:
        """Rank ``options`` (default: those with ratings) by importance-weighted total.

        See :class:`Ranking` for the rule on unknown ratings and ties.

        Args:
            options: The option keys to rank.
            titles: Option key to title, for the views (``Conversation.ranking()``
                fills it in from the options on the table).
            language: The language of the views.
        """
        keys = self.option_keys() if options is None else tuple(options)
        ranking = rank(self.importance, self.scores(), keys)
        return attrs.evolve(ranking, titles=dict(titles or {}), language=v.check_language(language))

    def sensitivity(
        self,
        options: Sequence[str] | None = None,
        *,
        titles: Mapping[str, str] | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> Sensitivity:
        """For the top option: per criterion, the importance at which another option wins.

        The result names the criteria by their labels; ``titles`` and
        ``language`` are as for :meth:`ranking`.
        """
        keys = self.option_keys() if options is None else tuple(options)
        result = sensitivity(self.importance, self.scores(), keys)
        return attrs.evolve(
            result,
            titles=dict(titles or {}),
            labels={c.key: c.label for c in self.criteria if c.label},
            language=v.check_language(language),
        )

    def rating(self, option: str, criterion: str) -> int | None:
        """The score of ``option`` on ``criterion``; None when unknown or not rated."""
        for r in self.ratings:
            if r.option == option and r.criterion == criterion:
                return r.score
        return None


_INDEXED = re.compile(r"^(criteria|ratings)\[(\d+)\](?:\.(\w+))?$")


def _as_mapping_error(
    problem: Problem, criteria: list[Criterion], rows: list[Rating]
) -> InputError:
    """A problem of the built weighing, at its place in the caller's mappings."""
    field = problem.path
    match = _INDEXED.match(field)
    if match is not None:
        kind, index, attribute = match.group(1), int(match.group(2)), match.group(3)
        if kind == "criteria":
            criterion = criteria[index]
            where = {"label": "labels", "owner": "owners"}.get(attribute, "importance")
            field = f"{where}.{criterion.key}"
        else:
            rating = rows[index]
            field = f"ratings.{rating.option}"
            if attribute != "option":
                field += f".{rating.criterion}"
    return InputError(problem.key, field=field, **problem.params)


def _mapping(value: object, field: str, found: list[InputError]) -> Mapping[str, object]:
    if type(value) is dict:
        return value  # the usual case; isinstance against the Mapping ABC is slow
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        found.append(InputError("expected_mapping", field=field, got=type(value).__name__))
        return {}
    return value
