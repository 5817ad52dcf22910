"""Ranking the options by what matters to the client, and how stable the top option is."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from samenbeslissen.i18n import DEFAULT_LANGUAGE, Joined, text

__all__ = ["Contribution", "Flip", "RankedOption", "Ranking", "Sensitivity", "rank", "sensitivity"]

MAX_SCORE = 5
"""Ratings and importance both run from 0 to 5."""


@attrs.frozen(kw_only=True)
class Contribution:
    """What one criterion adds to one option's total: importance x rating.

    ``points`` is None when the rating is unknown: it then adds nothing, and
    the importance counts in the option's ``unknown_weight``.
    """

    criterion: str
    importance: int
    rating: int | None
    points: int | None


@attrs.frozen(kw_only=True)
class RankedOption:
    """One option's place in a ranking, with the sum and its parts."""

    option: str
    rank: int
    """1 for the best; options with equal totals share a rank (1, 1, 3)."""
    total: int
    """Sum of importance x rating over the criteria with a known rating."""
    maximum: int
    """The total an option rated 5 on every criterion would get."""
    unknown_weight: int
    """Sum of the importance of criteria whose rating is unknown for this option."""
    contributions: tuple[Contribution, ...]

    @property
    def share(self) -> float:
        """``total / maximum`` (0.0 when nothing matters, so the maximum is 0)."""
        return self.total / self.maximum if self.maximum else 0.0


@attrs.frozen(kw_only=True)
class Ranking:
    """Options ordered by their importance-weighted total, best first.

    The rule, on purpose and not by accident:

    - an option's total is the sum of importance x rating over the criteria;
    - an unknown rating adds nothing (it is not counted in the option's
      favour), and its importance is reported as ``unknown_weight`` so the
      gap is visible;
    - equal totals share a rank, and keep the order in which the options
      were put on the table.

    The ranking supports the conversation. It never decides.

    The options are named by their keys. ``titles`` (option key to title)
    and ``language`` are for the views only: a notebook shows the titles,
    in that language's words. They do not count for equality.
    """

    options: tuple[RankedOption, ...]
    titles: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    language: str = attrs.field(default=DEFAULT_LANGUAGE, eq=False, repr=False)

    def __iter__(self) -> Iterator[RankedOption]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    @property
    def top(self) -> RankedOption | None:
        """The first option (None when there are no options)."""
        return self.options[0] if self.options else None

    @property
    def tied_at_top(self) -> bool:
        """True when more than one option has the best total."""
        return len(self.options) > 1 and self.options[1].rank == 1

    @property
    def first(self) -> tuple[RankedOption, ...]:
        """Every option in first place: one, or more when they share the best total."""
        return tuple(o for o in self.options if o.rank == 1)

    def title(self, option: str) -> str:
        """The title of ``option`` for the views (its key when the ranking has no title)."""
        return self.titles.get(option, option)

    def describe_top(self, language: str | None = None) -> str | None:
        """The first place in words: "A (51)", or "Gedeeld eerste: A en B (51)" for a tie.

        None when there are no options.
        """
        language = language or self.language
        first = self.first
        if not first:
            return None
        titles = Joined(self.title(o.option) for o in first)
        key = "display.shared_first" if len(first) > 1 else "display.first"
        return text(key, language, options=titles, total=first[0].total)

    def order(self) -> tuple[str, ...]:
        """The option keys, best first."""
        return tuple(o.option for o in self.options)

    def rows(self) -> list[dict[str, object]]:
        """One row of plain values per option, with a column per criterion's points."""
        return [
            {
                "rank": o.rank,
                "option": o.option,
                "total": o.total,
                "maximum": o.maximum,
                "unknown_weight": o.unknown_weight,
                **{f"points.{c.criterion}": c.points for c in o.contributions},
            }
            for o in self.options
        ]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas)."""
        from samenbeslissen.explore.frames import to_frame

        return to_frame(self.rows())

    def to_markdown(self, language: str | None = None) -> str:
        """A Markdown table of the ranking, with the options' titles (default: own language)."""
        from samenbeslissen.explore.display import ranking_markdown

        return ranking_markdown(self, language or self.language)

    def to_html(self, language: str | None = None) -> str:
        """An inline SVG bar chart of the totals; the dashed part is unknown weight."""
        from samenbeslissen.explore.display import ranking_html

        return ranking_html(self, language or self.language)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        return self.to_html()


@attrs.frozen(kw_only=True)
class Flip:
    """How far one criterion's importance must move before the top option loses first place.

    ``lower_to`` is the highest importance below the current one at which
    another option (``lower_top``) scores higher than the top option; None
    when no value down to 0 does that. ``raise_to`` and ``raise_top`` are the
    same upwards, up to 5. Every value beyond a threshold flips too (totals
    change linearly with an importance).
    """

    criterion: str
    importance: int
    lower_to: int | None
    lower_top: str | None
    raise_to: int | None
    raise_top: str | None

    @property
    def stable(self) -> bool:
        """True when no importance from 0 to 5 on this criterion changes the top option."""
        return self.lower_to is None and self.raise_to is None


@attrs.frozen(kw_only=True)
class Sensitivity:
    """For the top option: per criterion, the importance at which the choice flips.

    ``tied_with`` are the other options with the same total as ``top``: then
    ``top`` is first only because it was put on the table first. ``titles``
    (option key to title), ``labels`` (criterion key to the client's words)
    and ``language`` are for the sentences and views only; they do not count
    for equality.
    """

    top: str | None
    flips: tuple[Flip, ...]
    tied_with: tuple[str, ...] = ()
    titles: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    language: str = attrs.field(default=DEFAULT_LANGUAGE, eq=False, repr=False)

    def sentences(
        self, labels: Mapping[str, str] | None = None, language: str | None = None
    ) -> list[str]:
        """Per criterion, in words: at which importance the choice flips, or that it holds.

        Options are named by their titles, when the result has them. A tie
        at the top comes first, as a sentence of its own.

        Args:
            labels: Criterion key to the words to show for it (default: the
                result's own ``labels``; a criterion without one shows its key).
            language: The language of the sentences (default: the result's own).
        """
        language = language or self.language
        if self.top is None:
            return [text("display.no_options", language)]
        names = self.labels if labels is None else labels

        def title(option: str | None) -> str | None:
            return None if option is None else self.titles.get(option, option)

        lines = []
        if self.tied_with:
            options = Joined(title(o) for o in (self.top, *self.tied_with))
            lines.append(text("display.tied_top", language, options=options, top=title(self.top)))
        for flip in self.flips:
            name, now = names.get(flip.criterion, flip.criterion), flip.importance
            for key, to, top in (
                ("display.flip_down", flip.lower_to, flip.lower_top),
                ("display.flip_up", flip.raise_to, flip.raise_top),
            ):
                if to is not None:
                    lines.append(
                        text(key, language, top=title(top), criterion=name, now=now, to=to)
                    )
            if flip.stable:
                lines.append(text("display.stable", language, criterion=name, now=now))
        return lines

    def _repr_markdown_(self) -> str:
        from samenbeslissen.explore.display import sensitivity_markdown

        return sensitivity_markdown(self, self.language)

    def _repr_html_(self) -> str:
        from samenbeslissen.explore.display import sensitivity_html

        return sensitivity_html(self, self.language)

    def flip(self, criterion: str) -> Flip:
        """The flip of ``criterion``.

        Raises:
            KeyError: There is no such criterion.
        """
        for flip in self.flips:
            if flip.criterion == criterion:
                return flip
        raise KeyError(criterion)


Table = dict[str, dict[str, int | None]]


def rank(importance: dict[str, int], table: Table, options: Sequence[str]) -> Ranking:
    """Rank ``options`` by importance-weighted totals (see Ranking for the rule)."""
    maximum = MAX_SCORE * sum(importance.values())
    rows = []
    for option in options:
        scores = table.get(option, {})
        contributions = []
        total = unknown = 0
        for criterion, weight in importance.items():
            rating = scores.get(criterion)
            points = None if rating is None else weight * rating
            if points is None:
                unknown += weight
            else:
                total += points
            contributions.append(
                Contribution(criterion=criterion, importance=weight, rating=rating, points=points)
            )
        rows.append((option, total, unknown, tuple(contributions)))
    # sorted() is stable: equal totals keep the order of the options.
    ordered = sorted(rows, key=lambda row: -row[1])
    return Ranking(
        options=tuple(
            RankedOption(
                option=option,
                rank=1 + sum(other[1] > total for other in ordered),
                total=total,
                maximum=maximum,
                unknown_weight=unknown,
                contributions=contributions,
            )
            for option, total, unknown, contributions in ordered
        )
    )


def _first_flip(
    importance: dict[str, int],
    table: Table,
    options: Sequence[str],
    top: str,
    criterion: str,
    values: Sequence[int],
) -> tuple[int | None, str | None]:
    """The first of ``values`` at which another option scores above ``top``."""
    for value in values:
        ranking = rank({**importance, criterion: value}, table, options)
        best = ranking.options[0]
        top_total = next(o.total for o in ranking.options if o.option == top)
        if best.total > top_total:
            return value, best.option
    return None, None


def sensitivity(importance: dict[str, int], table: Table, options: Sequence[str]) -> Sensitivity:
    """Exactly, for each criterion, the importance at which the top option loses first place.

    Every integer importance from 0 to 5 is tried, nearest first; totals are
    integers, so the result is exact, not sampled.
    """
    ranking = rank(importance, table, options)
    if ranking.top is None:
        return Sensitivity(top=None, flips=())
    top = ranking.top.option
    tied_with = tuple(o.option for o in ranking.first[1:])
    flips = []
    for criterion, weight in importance.items():
        lower_to, lower_top = _first_flip(
            importance, table, options, top, criterion, range(weight - 1, -1, -1)
        )
        raise_to, raise_top = _first_flip(
            importance, table, options, top, criterion, range(weight + 1, MAX_SCORE + 1)
        )
        flips.append(
            Flip(
                criterion=criterion,
                importance=weight,
                lower_to=lower_to,
                lower_top=lower_top,
                raise_to=raise_to,
                raise_top=raise_top,
            )
        )
    return Sensitivity(top=top, flips=tuple(flips), tied_with=tied_with)
