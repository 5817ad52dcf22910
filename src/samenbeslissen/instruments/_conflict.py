"""SURE and the Decisional Conflict Scale: how much the client still doubts the choice."""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from samenbeslissen.core.answers import (
    ANSWER_VERSIONS,
    answer_shape,
    check_items,
    read_yes_no,
    subscale_phrase,
)
from samenbeslissen.i18n import Joined, text
from samenbeslissen.instruments._catalogue import INSTRUMENTS
from samenbeslissen.instruments._read import check_language, number_text, read_list

__all__ = [
    "CHANGEABLE",
    "DCS_HIGH",
    "DCS_LOW",
    "DCS_VERSIONS",
    "REVERSED_1995",
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

DCS_VERSIONS = tuple(ANSWER_VERSIONS["decisional_conflict"])
"""The forms :func:`decisional_conflict` scores: "2010", the 16-item statement form
(the default); "low_literacy", the 10-item question form; and "1995", the form
as first published and validated in Dutch, coded 1-5."""

REVERSED_1995 = (1, 2, 10, 11)
"""The items of the 1995 form that the published form marks as reverse-scored."""

_SURE = INSTRUMENTS["sure"]
_DCS = INSTRUMENTS["decisional_conflict"]

_CHANGEABLE_1995 = ("contributing_factors",)
"""The 1995 form keeps being informed, values clarity and support in one subscale."""


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
        version: The form scored: "2010" (16 items), "low_literacy" (10
            items, without the effective-decision subscale) or "1995" (16
            items coded 1-5, three subscales).
        means: The mean item score on the form's own coding, as papers on
            the form report it: "total" and each subscale (0-4; for the 1995
            form 1-5, after reversing the reversed items).
    """

    items: tuple[int | None, ...]
    raw: float
    scaled: float
    subscales: Mapping[str, float] = attrs.field(converter=_mapping, hash=False)
    imputed: tuple[int, ...] = ()
    conflict: bool
    version: str = "2010"
    means: Mapping[str, float] = attrs.field(factory=dict, converter=_mapping, hash=False)

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
        changeable = _CHANGEABLE_1995 if self.version == "1995" else CHANGEABLE
        scores = {key: self.subscales[key] for key in changeable}
        top = max(scores.values())
        tied = [key for key in changeable if scores[key] == top]
        if top == 0:
            where = text("interpret_dcs_where.none", language)
        elif self.version == "1995":
            where = text("interpret_dcs_where.factors", language)
        elif len(tied) == len(CHANGEABLE):
            where = text("interpret_dcs_where.even", language)
        else:
            labels = Joined(subscale_phrase(_DCS.name, key) for key in tied).label(language)
            where = text("interpret_dcs_where.top", language, part=labels)
        return text(
            f"interpret_dcs_{self.level}",
            language,
            scaled=number_text(self.scaled, language),
            where=where,
        )


def decisional_conflict(
    items: Iterable[int | None], *, version: str | None = "2010"
) -> DecisionalConflictScore:
    """Score a Decisional Conflict Scale in one of its three forms.

    ``version="2010"`` (the default): the 16-item statement form, each item
    0 (agree completely) to 4 (do not agree at all). The total is sum / 16 x
    25 (0-100); each subscale is its sum / n x 25:

    - informed: items 1-3;
    - values_clarity: items 4-6;
    - support: items 7-9;
    - uncertainty: items 10-12;
    - effective_decision: items 13-16.

    (The item order of the 16-item statement format in the user manual.) A
    total above 37.5 is clinically significant conflict (``conflict``);
    below 25, people tend to carry out their decision.

    ``version="low_literacy"``: the 10-item question form for people who
    read with difficulty; each answer is 0 (yes), 2 (unsure) or 4 (no), and
    any other number is refused. The total is sum / 10 x 25 (0-100); the
    subscales are informed (items 1-3), values_clarity (4-5), support (6-8)
    and uncertainty (9-10), each sum / n x 25.

    ``version="1995"``: the form as first published (O'Connor 1995) and
    validated in Dutch (Koedoot et al. 2001), each item 1 (strongly agree)
    to 5 (strongly disagree). The items the form marks as reversed (1, 2, 10
    and 11, :data:`REVERSED_1995`) count 6 minus the answer, so that a higher
    score is always more doubt. Three subscales: uncertainty (items 1-3),
    contributing_factors (4-12: being informed, values clarity and support)
    and effective_decision (13-16). ``means`` gives the mean item score,
    1-5, as the papers on this form report it; ``scaled`` and the subscales
    put it on 0-100 as (mean - 1) x 25, the same step the later forms take
    from their 0-4 coding.

    Missing data, for every form: at most one missing item per subscale. A
    missing item is filled in with the mean of the answered items of its
    own subscale, and the total and subscales are computed from the
    filled-in items (so a subscale's score is the mean of its answered items
    x 25). We could not confirm a missing-data rule in the user manual; this
    one is the library's choice, and ``imputed`` says when it was used.

    The cut-offs 25 and 37.5 were set for the 16-item 0-100 total; ``level``
    and ``conflict`` apply them to the 0-100 total of the other forms too.
    Answers that fit another form's coding better (a 5 in a 2010 form, a 0
    in a 1995 form) are refused with a message that names that form.

    Source: O'Connor AM (1995). Validation of a decisional conflict scale.
    Medical Decision Making 15(1):25-30; O'Connor AM, User Manual - Decisional
    Conflict Scale, Ottawa Hospital Research Institute, 1993 (updated 2010);
    Koedoot N et al. (2001). The decisional conflict scale: further
    validation in two samples of Dutch oncology patients. Patient Education
    and Counseling 45(3):187-193.

    Args:
        items: The answers in item order (16, or 10 for the low-literacy
            form); None for a missing answer.
        version: "2010" (the default; None means it too), "low_literacy" or
            "1995".

    Returns:
        The total, the subscales, and whether the total flags conflict.

    Raises:
        ScoringError: An unknown version, the wrong number of answers, an
            answer that the form does not have, or two or more missing in one
            subscale; ``field`` names the item (0-based).
    """
    version = "2010" if version is None else version
    shape = answer_shape(_DCS.name, version)
    values = read_list(items, instrument=shape.title, field="items")
    # check_items refuses a subscale with more than one missing item, and answers
    # coded for the other 16-item form (a 5 in the 2010 form, a 0 in the 1995 form).
    answers = check_items(values, shape)
    low = shape.low
    counted = answers
    if version == "1995":
        counted = tuple(
            None if value is None else (6 - value if n in REVERSED_1995 else value)
            for n, value in enumerate(answers, start=1)
        )
    subscales: dict[str, float] = {}
    means: dict[str, float] = {}
    raw = 0.0
    imputed: list[int] = []
    for key, numbers in shape.subscales.items():
        scored = [counted[n - 1] for n in numbers]
        missing = [n for n, value in zip(numbers, scored, strict=True) if value is None]
        answered = [value for value in scored if value is not None]
        mean = sum(answered) / len(answered)
        # The filled-in sum: the answered items, plus their mean for a missing one.
        raw += mean * len(numbers)
        means[key] = mean
        subscales[key] = (mean - low) * 25
        imputed.extend(missing)
    mean = raw / len(answers)
    scaled = (mean - low) * 25
    return DecisionalConflictScore(
        items=answers,
        raw=raw,
        scaled=scaled,
        subscales=subscales,
        imputed=tuple(sorted(imputed)),
        conflict=scaled > DCS_HIGH,
        version=version,
        means={"total": mean, **means},
    )
