"""SDM-Q-9, SDM-Q-Doc, OPTION-5 and OPTION-12: how much the decision was shared."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from samenbeslissen.core.validate import check_language
from samenbeslissen.i18n import text
from samenbeslissen.instruments._catalogue import INSTRUMENTS
from samenbeslissen.instruments._read import number_text, read_answers

__all__ = [
    "MINIMUM_SKILL",
    "Option5Score",
    "Option12Score",
    "SdmQScore",
    "option5",
    "option12",
    "sdm_q9",
    "sdm_q_doc",
]

MINIMUM_SKILL = 2
"""An OPTION-12 item rated this high or higher reaches the basic skill level."""


@attrs.frozen(kw_only=True)
class SdmQScore:
    """The score of an SDM-Q-9 (client) or SDM-Q-Doc (professional) questionnaire.

    Attributes:
        instrument: "sdm_q9" or "sdm_q_doc".
        items: The answers as given, 0-5, None for a missing one.
        raw: The sum of the nine items, 0-45; prorated (mean of the answered
            items x 9) when one item is missing, so it may have a fraction.
        scaled: ``raw`` x 20/9, 0-100. Higher means more shared decision making.
        missing: The numbers (1-based) of missing items; at most one.
    """

    instrument: Literal["sdm_q9", "sdm_q_doc"]
    items: tuple[int | None, ...]
    raw: float
    scaled: float
    missing: tuple[int, ...] = ()

    @property
    def prorated(self) -> bool:
        """True when an item was missing and the score is estimated from the others."""
        return bool(self.missing)

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        sentence = text(
            f"interpret_{self.instrument}", language, scaled=number_text(self.scaled, language)
        )
        if self.prorated:
            sentence += text("interpret_prorated", language)
        return sentence


def _sdm_q(items: object, name: Literal["sdm_q9", "sdm_q_doc"]) -> SdmQScore:
    info = INSTRUMENTS[name]
    # read_answers refuses more missing items than the shape allows (one).
    answers = read_answers(items, info.shape)
    missing = tuple(n for n, value in enumerate(answers, start=1) if value is None)
    answered = [value for value in answers if value is not None]
    total, n = sum(answered), len(answered)
    # With all nine answered these are the plain sum and sum x 20/9; with one
    # missing, the mean of the other eight stands in for it (n = 8).
    return SdmQScore(
        instrument=name,
        items=answers,
        raw=total * info.item_count / n,
        scaled=total * 20 / n,
        missing=missing,
    )


def sdm_q9(items: Iterable[int | None]) -> SdmQScore:
    """Score an SDM-Q-9: how the client experienced shared decision making.

    Nine items, each 0 (do not agree at all) to 5 (agree completely). The raw
    score is their sum (0-45); the scaled score is raw x 20/9 (0-100).

    Missing data: at most one item may be missing (None); the raw score is
    then the mean of the eight answered items x 9. The development paper gives
    no missing-data rule: this one is the library's choice, and the result
    says when it was used (``prorated``).

    Source: Kriston L, Scholl I, Hölzel L, Simon D, Loh A, Härter M (2010).
    The 9-item Shared Decision Making Questionnaire (SDM-Q-9). Patient
    Education and Counseling 80(1):94-99.

    Args:
        items: The nine answers in item order; None for a missing answer.

    Returns:
        The raw and scaled score.

    Raises:
        ScoringError: Not nine answers, an answer that is not a whole number
            from 0 to 5, or more than one missing; ``field`` names the item
            (``"items[3]"`` is item 4: indexes are 0-based, messages 1-based).

    >>> sdm_q9([4, 4, 4, 4, 4, 4, 4, 4, 4]).scaled
    80.0
    """
    return _sdm_q(items, "sdm_q9")


def sdm_q_doc(items: Iterable[int | None]) -> SdmQScore:
    """Score an SDM-Q-Doc: how the professional experienced shared decision making.

    The professional's counterpart of the SDM-Q-9, scored the same way: nine
    items 0-5, raw sum 0-45, scaled raw x 20/9 (0-100), and at most one
    missing item, prorated (the library's choice, as for the SDM-Q-9).

    Source: Scholl I, Kriston L, Dirmaier J, Buchholz A, Härter M (2012).
    Development and psychometric properties of the Shared Decision Making
    Questionnaire - physician version (SDM-Q-Doc). Patient Education and
    Counseling 88(2):284-290.

    Args:
        items: The nine answers in item order; None for a missing answer.

    Returns:
        The raw and scaled score.

    Raises:
        ScoringError: As for :func:`sdm_q9`.
    """
    return _sdm_q(items, "sdm_q_doc")


@attrs.frozen(kw_only=True)
class Option5Score:
    """The score of an Observer OPTION-5 rating.

    Attributes:
        items: The five ratings, 0-4.
        raw: Their sum, 0-20.
        scaled: ``raw`` x 5, 0-100. Higher means the professional involved
            the client more.
    """

    items: tuple[int, ...]
    raw: int
    scaled: float

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        return text("interpret_option5", language, scaled=number_text(self.scaled, language))


@attrs.frozen(kw_only=True)
class Option12Score:
    """The score of an OPTION-12 rating.

    Attributes:
        items: The twelve ratings, 0-4.
        raw: Their sum, 0-48.
        scaled: ``raw`` / 48 x 100, 0-100.
        minimum_skill: Per item, True when it was rated 2 or more (the basic
            skill level).
    """

    items: tuple[int, ...]
    raw: int
    scaled: float
    minimum_skill: tuple[bool, ...]

    @property
    def minimum_skill_count(self) -> int:
        """On how many items the basic skill level was reached."""
        return sum(self.minimum_skill)

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        return text(
            "interpret_option12",
            language,
            scaled=number_text(self.scaled, language),
            reached=self.minimum_skill_count,
        )


def _observer(items: object, name: str) -> tuple[int, ...]:
    answers = read_answers(items, INSTRUMENTS[name].shape)
    return tuple(a for a in answers if a is not None)  # none are: the shape allows no missing


def option5(items: Iterable[int]) -> Option5Score:
    """Score an Observer OPTION-5 rating: five behaviours of the professional, 0-4 each.

    The raw score is the sum (0-20); the scaled score is raw x 5 (0-100).

    Missing data: none allowed. An observer rates every item (0 when the
    behaviour was not seen), so a missing rating is an error.

    Source: Elwyn G, Tsulukidze M, Edwards A, Légaré F, Newcombe R (2013).
    Using a 'talk' model of shared decision making to propose an
    observation-based measure: Observer OPTION5 Item. Patient Education and
    Counseling 93(2):265-271.

    Args:
        items: The five ratings in item order.

    Returns:
        The raw and scaled score.

    Raises:
        ScoringError: Not five ratings, or a rating that is missing or not a
            whole number from 0 to 4; ``field`` names the item (0-based).
    """
    answers = _observer(items, "option5")
    raw = sum(answers)
    return Option5Score(items=answers, raw=raw, scaled=float(raw * 5))


def option12(items: Iterable[int]) -> Option12Score:
    """Score an OPTION-12 rating: twelve behaviours of the professional, 0-4 each.

    The raw score is the sum (0-48); the scaled score is raw / 48 x 100
    (0-100). An item rated 2 or more reaches the basic skill level.

    Missing data: none allowed, as for :func:`option5`.

    Source: Elwyn G, Edwards A, Wensing M, Hood K, Atwell C, Grol R (2003).
    Shared decision making: developing the OPTION scale for measuring patient
    involvement. Quality and Safety in Health Care 12(2):93-99.

    Args:
        items: The twelve ratings in item order.

    Returns:
        The raw and scaled score, and per item whether the basic skill level was reached.

    Raises:
        ScoringError: Not twelve ratings, or a rating that is missing or not
            a whole number from 0 to 4; ``field`` names the item (0-based).
    """
    answers = _observer(items, "option12")
    raw = sum(answers)
    return Option12Score(
        items=answers,
        raw=raw,
        scaled=raw * 100 / 48,
        minimum_skill=tuple(a >= MINIMUM_SKILL for a in answers),
    )
