"""CollaboRATE: three questions for the client, scored per encounter and per group."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from samenbeslissen.core.answers import read_items
from samenbeslissen.core.validate import check_language
from samenbeslissen.i18n import Phrase, ntext, text
from samenbeslissen.instruments._catalogue import INSTRUMENTS
from samenbeslissen.instruments._read import number_text, read_list

__all__ = [
    "MIN_ENCOUNTERS",
    "CollaborateGroupScore",
    "CollaborateScore",
    "collaborate",
    "collaborate_group",
]

MIN_ENCOUNTERS = 25
"""A group score needs at least this many complete encounters (fewer is unreliable)."""

_INFO = INSTRUMENTS["collaborate"]


@attrs.frozen(kw_only=True)
class CollaborateScore:
    """The CollaboRATE score of one encounter.

    Attributes:
        items: The three answers, 0-9.
        top_score: True when all three are 9.
        mean: The mean of the three, 0-9.
    """

    items: tuple[int, ...]
    top_score: bool
    mean: float

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        if self.top_score:
            return text("interpret_collaborate_top", language)
        return text(
            "interpret_collaborate_not_top", language, mean=number_text(self.mean, language)
        )


@attrs.frozen(kw_only=True)
class CollaborateGroupScore:
    """The CollaboRATE score of a group of encounters (a professional, a team).

    Attributes:
        total: How many encounters were given.
        complete: How many had all three answers; only these count.
        top_scores: How many complete encounters had a top score.
        top_score_rate: The share (0-1) of complete encounters with a top
            score; None with fewer than 25 complete encounters. The published
            CollaboRATE score is this share as a percentage (x 100).
        mean: The mean of the complete encounters' means (0-9); None with
            fewer than 25 complete encounters.
    """

    total: int
    complete: int
    top_scores: int
    top_score_rate: float | None
    mean: float | None

    @property
    def reliable(self) -> bool:
        """True when there are enough complete encounters for a score (25 or more)."""
        return self.complete >= MIN_ENCOUNTERS

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        if self.top_score_rate is None:
            return ntext(
                "interpret_collaborate_group_too_few",
                self.complete,
                language,
                complete=self.complete,
                minimum=MIN_ENCOUNTERS,
            )
        return text(
            "interpret_collaborate_group",
            language,
            rate=number_text(self.top_score_rate * 100, language),
            complete=self.complete,
        )


def collaborate(items: Iterable[int | None]) -> CollaborateScore:
    """Score the CollaboRATE answers of one encounter.

    Three items, each 0 (no effort) to 9 (every effort). The encounter has a
    top score when all three are 9; the mean is the mean of the three (0-9).

    Missing data: an encounter with a missing answer is not scored (the
    scoring guidance leaves such encounters out), so None is an error here;
    :func:`collaborate_group` leaves such encounters out instead.

    Source: Elwyn G, Barr PJ, Grande SW, Thompson R, Walsh T, Ozanne EM (2013).
    Developing CollaboRATE: a fast and frugal patient-reported measure of
    shared decision making in clinical encounters. Patient Education and
    Counseling 93(1):102-107; scoring guidance at glynelwyn.com.

    Args:
        items: The three answers in item order.

    Returns:
        Whether the encounter has a top score, and the mean.

    Raises:
        ScoringError: Not three answers, or an answer that is missing or not
            a whole number from 0 to 9; ``field`` names the item (0-based).
    """
    # One encounter needs all three answers, though a stored set may miss some.
    answers = read_items(
        read_list(items, instrument=_INFO.title, field="items"),
        instrument=_INFO.title,
        count=_INFO.item_count,
        low=_INFO.low,
        high=_INFO.high,
        missing_ok=False,
    )
    complete = tuple(a for a in answers if a is not None)  # all are: missing_ok=False
    return _encounter(complete)


def _encounter(answers: tuple[int, ...]) -> CollaborateScore:
    return CollaborateScore(
        items=answers,
        top_score=all(a == _INFO.high for a in answers),
        mean=sum(answers) / len(answers),
    )


def collaborate_group(responses: Iterable[Iterable[int | None]]) -> CollaborateGroupScore:
    """Score the CollaboRATE answers of a group of encounters.

    Only complete encounters count: one with any answer missing (None) is
    left out. The top-score rate is the share (0-1) of complete encounters
    where all three answers are 9 (the published CollaboRATE score is that
    share as a percentage); the mean is the mean of their means (0-9). Both
    are None with fewer than 25 complete encounters, which the scoring
    guidance calls too few for a reliable score.

    Source: as :func:`collaborate`.

    Args:
        responses: Per encounter, the three answers in item order (None for
            a missing answer).

    Returns:
        The counts, the top-score rate and the mean.

    Raises:
        ScoringError: ``responses`` is not a list, or an encounter does not
            have three answers, or an answer is not None or a whole number
            from 0 to 9; ``field`` is e.g. ``"responses[4][1]"`` (0-based).
    """
    encounters = read_list(
        responses,
        instrument=_INFO.title,
        field="responses",
        key="scoring_responses_not_a_list",
    )
    complete: list[CollaborateScore] = []
    for index, items in enumerate(encounters):
        encounter = Phrase("word.encounter", title=_INFO.title, number=index + 1)
        answers = read_items(
            read_list(items, instrument=encounter, field=f"responses[{index}]"),
            instrument=encounter,
            count=_INFO.item_count,
            low=_INFO.low,
            high=_INFO.high,
            missing_ok=True,
            field=f"responses[{index}]",
        )
        given = tuple(a for a in answers if a is not None)
        if len(given) == len(answers):
            complete.append(_encounter(given))
    count = len(complete)
    top = sum(e.top_score for e in complete)
    reliable = count >= MIN_ENCOUNTERS
    return CollaborateGroupScore(
        total=len(encounters),
        complete=count,
        top_scores=top,
        top_score_rate=top / count if reliable else None,
        mean=sum(sum(e.items) for e in complete) / (count * _INFO.item_count) if reliable else None,
    )
