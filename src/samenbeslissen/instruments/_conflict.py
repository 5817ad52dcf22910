"""SURE and the Decisional Conflict Scale: how much the client still doubts the choice."""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from samenbeslissen.core.answers import (
    item_phrase,
    read_yes_no,
    shown,
)
from samenbeslissen.errors import ScoringError
from samenbeslissen.i18n import Joined, text
from samenbeslissen.instruments._catalogue import INSTRUMENTS
from samenbeslissen.instruments._read import (
    check_language,
    number_text,
    read_answers,
    read_list,
)

__all__ = [
    "CHANGEABLE",
    "DCS_HIGH",
    "DCS_LOW",
    "DCS_VERSIONS",
    "DecisionalConflictScore",
    "SureScore",
    "decisional_conflict",
    "sure",
]

DCS_HIGH = 37.5
"""A Decisional Conflict Scale total above this is clinically significant conflict."""

DCS_LOW = 25.0
"""Below this total, people tend to carry out their decision."""

CHANGEABLE = ("informed", "values_clarity", "support")
"""The subscales a conversation can work on: the factors that contribute to doubt."""

DCS_VERSIONS = ("2010", "low_literacy")
"""The forms :func:`decisional_conflict` scores: the 16-item statement form, and the
10-item question form for low literacy."""

_LOW_LITERACY_ANSWERS = (0, 2, 4)
"""Yes, unsure, no."""

_SURE = INSTRUMENTS["sure"]
_DCS = INSTRUMENTS["decisional_conflict"]

_LOW_LITERACY = attrs.evolve(
    _DCS.shape,
    item_count=10,
    max_missing=4,  # at most one per subscale, which the subscales decide
    subscales={
        "informed": (1, 2, 3),
        "values_clarity": (4, 5),
        "support": (6, 7, 8),
        "uncertainty": (9, 10),
    },
)
"""The low-literacy form's shape: its subscales and their items (1-based), as the user
manual gives them, checked by the same code as every instrument's answers."""


@attrs.frozen(kw_only=True)
class SureScore:
    """The score of a SURE test.

    Attributes:
        items: The four answers, True for yes.
        raw: The number of yes answers, 0-4.
        conflict: True when ``raw`` is 3 or less: the client is in doubt.
    """

    items: tuple[bool, ...]
    raw: int
    conflict: bool

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en")."""
        language = check_language(language)
        if self.conflict:
            return text("interpret_sure_conflict", language, raw=self.raw)
        return text("interpret_sure_sure", language)


def sure(items: Iterable[bool | int]) -> SureScore:
    """Score a SURE test: four yes/no questions that screen for decisional conflict.

    Yes counts 1 and no 0; the score is the sum (0-4). A score of 3 or less
    (any "no") flags decisional conflict.

    Answers may be ``True``/``False`` or the integers ``1``/``0``: survey
    tools often store yes/no as 1/0, and 1 for yes is the published scoring.
    Other numbers, strings and floats are refused.

    Missing data: none allowed; all four answers are needed.

    Source: Légaré F, Kearing S, Clay K, Gagnon S, D'Amours D, Rousseau M,
    O'Connor A (2010). Are you SURE? Assessing patient decisional conflict
    with a 4-item screening test. Canadian Family Physician 56(8):e308-e314.

    Args:
        items: The four answers in item order.

    Returns:
        The score and whether it flags conflict.

    Raises:
        ScoringError: Not four answers, or one that is missing or not yes/no;
            ``field`` names the item (0-based).
    """
    values = read_list(items, instrument=_SURE.title, field="items")
    answers = read_yes_no(values, instrument=_SURE.title, count=_SURE.item_count)
    raw = sum(answers)
    return SureScore(items=answers, raw=raw, conflict=raw <= 3)


def _mapping(value: Mapping[str, float]) -> Mapping[str, float]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class DecisionalConflictScore:
    """The score of a Decisional Conflict Scale (16 items, statement format).

    Attributes:
        items: The answers as given, 0 (agree completely) to 4 (do not agree
            at all); None for a missing one.
        raw: The sum of the 16 items (0-64), with missing items filled in by
            the mean of their subscale's other items.
        scaled: The total, ``raw`` / 16 x 25, 0-100. Higher is more conflict.
        subscales: Subscale key to its score, sum / n x 25 (0-100): informed,
            values_clarity, support, uncertainty, effective_decision.
        imputed: The numbers (1-based) of items that were missing and filled in.
        conflict: True when ``scaled`` is above 37.5.
        version: The form scored: "2010" (16 items) or "low_literacy" (10
            items, without the effective-decision subscale).
    """

    items: tuple[int | None, ...]
    raw: float
    scaled: float
    subscales: Mapping[str, float] = attrs.field(converter=_mapping, hash=False)
    imputed: tuple[int, ...] = ()
    conflict: bool
    version: str = "2010"

    @property
    def level(self) -> Literal["low", "moderate", "high"]:
        """ "low" below 25, "high" above 37.5, "moderate" in between."""
        if self.scaled < DCS_LOW:
            return "low"
        return "high" if self.scaled > DCS_HIGH else "moderate"

    def interpretation(self, language: str = "nl") -> str:
        """What the score means, in plain language ("nl" or "en").

        It points at what a conversation can change: of the three subscales
        that contribute to doubt and can be worked on (informed, values
        clarity, support), the one with the most doubt, or those tied for
        it. Uncertainty itself and the effectiveness of the decision are
        outcomes, not places to start. When the three are equal, or all
        at 0, it says so instead of naming one.
        """
        language = check_language(language)
        scores = {key: self.subscales[key] for key in CHANGEABLE}
        top = max(scores.values())
        tied = [s for s in _DCS.subscales if s.key in CHANGEABLE and scores[s.key] == top]
        if top == 0:
            where = text("interpret_dcs_where.none", language)
        elif len(tied) == len(CHANGEABLE):
            where = text("interpret_dcs_where.even", language)
        else:
            labels = Joined(s.label(language) for s in tied).label(language)
            where = text("interpret_dcs_where.top", language, part=labels)
        return text(
            f"interpret_dcs_{self.level}",
            language,
            scaled=number_text(self.scaled, language),
            where=where,
        )


def decisional_conflict(
    items: Iterable[int | None], *, version: str = "2010"
) -> DecisionalConflictScore:
    """Score a Decisional Conflict Scale: the 16-item form, or the low-literacy form.

    Each item is 0 (agree completely) to 4 (do not agree at all). The total
    is sum / 16 x 25 (0-100); each subscale is its sum / n x 25:

    - informed: items 1-3;
    - values_clarity: items 4-6;
    - support: items 7-9;
    - uncertainty: items 10-12;
    - effective_decision: items 13-16.

    (The item order of the 16-item statement format in the user manual.) A
    total above 37.5 is clinically significant conflict (``conflict``);
    below 25, people tend to carry out their decision.

    Missing data: at most one missing item per subscale. A missing item is
    filled in with the mean of the answered items of its own subscale, and
    the total and subscales are computed from the filled-in items (so a
    subscale's score is the mean of its answered items x 25). We could not
    confirm a missing-data rule in the user manual; this one is the
    library's choice, and ``imputed`` says when it was used.

    ``version="low_literacy"`` scores the 10-item question form for people
    who read with difficulty: each answer is 0 (yes), 2 (unsure) or 4 (no),
    and any other number is refused. The total is sum / 10 x 25 (0-100);
    the subscales are informed (items 1-3), values_clarity (4-5), support
    (6-8) and uncertainty (9-10), each sum / n x 25. The same missing-data
    rule applies. The cut-offs 25 and 37.5 were set for the 16-item form;
    ``level`` and ``conflict`` apply them to this form's 0-100 total too.
    The 1995 form with answers 1-5 (used in the Dutch validation) is not
    scored yet: its answers are refused as out of range, never mis-scored.

    Source: O'Connor AM (1995). Validation of a decisional conflict scale.
    Medical Decision Making 15(1):25-30; O'Connor AM, User Manual - Decisional
    Conflict Scale, Ottawa Hospital Research Institute, 1993 (updated 2010).

    Args:
        items: The answers in item order (16, or 10 for the low-literacy
            form); None for a missing answer.
        version: "2010" (the default) or "low_literacy".

    Returns:
        The total, the five subscales, and whether the total flags conflict.

    Raises:
        ScoringError: An unknown version, the wrong number of answers, an
            answer that the form does not have (0-4; for the low-literacy
            form 0, 2 or 4), or two or more missing in one subscale;
            ``field`` names the item (0-based).
    """
    if version == "2010":
        # read_answers refuses a subscale with more than one missing item.
        answers = read_answers(items, _DCS.shape)
        groups = tuple((s.key, s.items) for s in _DCS.subscales)
    elif version == "low_literacy":
        answers = _low_literacy(items)
        groups = tuple(_LOW_LITERACY.subscales.items())
    else:
        raise ScoringError(
            "scoring_dcs_version", field="version", instrument=_DCS.title, got=shown(version)
        )
    subscales: dict[str, float] = {}
    raw = 0.0
    imputed: list[int] = []
    for key, numbers in groups:
        values = [answers[n - 1] for n in numbers]
        missing = [n for n, value in zip(numbers, values, strict=True) if value is None]
        answered = [value for value in values if value is not None]
        size, total = len(numbers), sum(answered)
        # The filled-in sum: the answered items, plus their mean for a missing one.
        raw += total * size / len(answered)
        subscales[key] = total * 25 / len(answered)
        imputed.extend(missing)
    scaled = raw * 25 / len(answers)
    return DecisionalConflictScore(
        items=answers,
        raw=raw,
        scaled=scaled,
        subscales=subscales,
        imputed=tuple(sorted(imputed)),
        conflict=scaled > DCS_HIGH,
        version=version,
    )


def _low_literacy(items: Iterable[int | None]) -> tuple[int | None, ...]:
    """The low-literacy form's ten answers: 0, 2 or 4, at most one missing per subscale."""
    # The count, the range 0-4 and the missing answers are checked as for every form.
    answers = read_answers(items, _LOW_LITERACY)
    for index, value in enumerate(answers):
        if value is not None and value not in _LOW_LITERACY_ANSWERS:
            raise ScoringError(
                "scoring_dcs_low_literacy",
                field=f"items[{index}]",
                instrument=_DCS.title,
                where=item_phrase(index + 1),
                got=shown(value),
            )
    return answers
