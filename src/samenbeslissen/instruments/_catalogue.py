"""What each instrument is: items in our own words, answer range, source, missing-data rule."""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from samenbeslissen.core.answers import ANSWER_SHAPES, AnswerKind, AnswerShape, subscale_phrase
from samenbeslissen.core.validate import check_language
from samenbeslissen.i18n import text

__all__ = ["INSTRUMENTS", "Anchor", "Instrument", "Item", "Subscale"]

Respondent = Literal["client", "professional", "observer"]
"""Who fills the instrument in."""

_BOTH = ("nl", "en")
"""The languages ``to_dict()`` gives every text in."""


def _both(words: Callable[[str], str]) -> dict[str, str]:
    return {language: words(language) for language in _BOTH}


@attrs.frozen(kw_only=True)
class Item:
    """One item of an instrument, described in our own words (not the official wording).

    Attributes:
        instrument: The name of the instrument the item belongs to.
        number: The item's number, 1-based, in the instrument's order.
        subscale: The key of the subscale the item belongs to, if any.
    """

    instrument: str
    number: int
    subscale: str | None = None

    def text(self, language: str = "nl") -> str:
        """What the item asks about, in ``language``."""
        return text(f"instrument.{self.instrument}.item.{self.number}", check_language(language))


@attrs.frozen(kw_only=True)
class Anchor:
    """What an answer value means, e.g. 0 = "helemaal niet mee eens" (our own words).

    Attributes:
        instrument: The name of the instrument whose answer scale this is
            (the SDM-Q-Doc uses the SDM-Q-9's).
        value: The answer value.
    """

    instrument: str
    value: int

    def text(self, language: str = "nl") -> str:
        """The meaning of the value, in ``language``."""
        return text(f"instrument.{self.instrument}.anchor.{self.value}", check_language(language))


@attrs.frozen(kw_only=True)
class Subscale:
    """A named group of items that gets its own score.

    Attributes:
        instrument: The name of the instrument the subscale belongs to.
        key: The subscale's key ("informed").
        items: The item numbers (1-based).
    """

    instrument: str
    key: str
    items: tuple[int, ...]

    def label(self, language: str = "nl") -> str:
        """The subscale's name in ``language``."""
        return subscale_phrase(self.instrument, self.key).label(check_language(language))


@attrs.frozen(kw_only=True)
class Instrument:
    """A machine-readable description of a scoring instrument, for forms and reports.

    The name, the answers and the subscales come from the instrument's
    :class:`~samenbeslissen.core.answers.AnswerShape`, the facts the core
    checks answers with; the texts come from the message catalogues.

    Attributes:
        shape: What the instrument's answers look like.
        respondent: Who fills it in: "client", "professional" or "observer".
        anchors: What some answer values mean.
        scoring: The scoring rule, in English.
        missing_data: The missing-data rule, in English.
        source: Where the scoring rule comes from (authors, year, journal).
        items: The items, in order, described in our own words.
        subscales: Groups of items with their own score (only the DCS has them).
    """

    shape: AnswerShape
    respondent: Respondent
    anchors: tuple[Anchor, ...]
    # Reference metadata for researchers, in English like the sources they
    # cite: not texts a professional or client reads, so not in the catalogues.
    scoring: str
    missing_data: str
    source: str
    items: tuple[Item, ...] = attrs.field(init=False)
    subscales: tuple[Subscale, ...] = attrs.field(init=False)

    @items.default
    def _items(self) -> tuple[Item, ...]:
        owner = {n: key for key, members in self.shape.subscales.items() for n in members}
        return tuple(
            Item(instrument=self.name, number=n, subscale=owner.get(n))
            for n in range(1, self.shape.item_count + 1)
        )

    @subscales.default
    def _subscales(self) -> tuple[Subscale, ...]:
        return tuple(
            Subscale(instrument=self.name, key=key, items=members)
            for key, members in self.shape.subscales.items()
        )

    @property
    def name(self) -> str:
        """The key in :data:`INSTRUMENTS`, also the name of the scoring function."""
        return self.shape.name

    @property
    def title(self) -> str:
        """The instrument's usual name ("SDM-Q-9")."""
        return self.shape.title

    @property
    def answer(self) -> AnswerKind:
        """ "scale" (a whole number from ``low`` to ``high``), "yes_no" or "choice"."""
        return self.shape.answer

    @property
    def low(self) -> int:
        """The lowest answer value."""
        return self.shape.low

    @property
    def high(self) -> int:
        """The highest answer value."""
        return self.shape.high

    @property
    def max_missing(self) -> int:
        """How many items may be missing for a score (0: all needed)."""
        return self.shape.max_missing

    @property
    def item_count(self) -> int:
        """How many items the instrument has."""
        return self.shape.item_count

    def description(self, language: str = "nl") -> str:
        """What the instrument measures, in ``language``."""
        return text(f"instrument.{self.name}.description", check_language(language))

    def respondent_label(self, language: str = "nl") -> str:
        """Who fills it in, as a word in ``language`` ("cliënt", "observator", ...)."""
        return text(f"respondent.{self.respondent}", check_language(language))

    def to_dict(self) -> dict[str, Any]:
        """The description as plain JSON types (for a form builder or a report)."""
        return {
            "name": self.name,
            "title": self.title,
            "respondent": self.respondent,
            "answer": self.answer,
            "low": self.low,
            "high": self.high,
            "items": [
                {"number": i.number, **_both(i.text), "subscale": i.subscale} for i in self.items
            ],
            "anchors": [{"value": a.value, **_both(a.text)} for a in self.anchors],
            "subscales": [
                {"key": s.key, **_both(s.label), "items": list(s.items)} for s in self.subscales
            ],
            "max_missing": self.max_missing,
            "description": _both(self.description),
            "scoring": self.scoring,
            "missing_data": self.missing_data,
            "source": self.source,
        }


def _anchors(instrument: str, *values: int) -> tuple[Anchor, ...]:
    return tuple(Anchor(instrument=instrument, value=value) for value in values)


_SDM_ANCHORS = _anchors("sdm_q9", 0, 5)

_SDM_SCORING = "Raw score: the sum of the 9 items (0-45). Scaled: raw x 20/9 (0-100)."

_SDM_MISSING = (
    "At most 1 of the 9 items may be missing: the raw score is then the mean of the 8 "
    "answered items x 9 (prorated). With 2 or more missing there is no score. The development "
    "papers give no missing-data rule; this is the library's choice, stated here so that "
    "reports can say how a score was made."
)

_OBSERVER_MISSING = (
    "None: an observer rates every item (0 when the behaviour was not seen), so all items "
    "are needed."
)

INSTRUMENTS: Mapping[str, Instrument] = types.MappingProxyType(
    {
        i.name: i
        for i in (
            Instrument(
                shape=ANSWER_SHAPES["sdm_q9"],
                respondent="client",
                anchors=_SDM_ANCHORS,
                scoring=_SDM_SCORING,
                missing_data=_SDM_MISSING,
                source=(
                    "Kriston L, Scholl I, Hölzel L, Simon D, Loh A, Härter M (2010). The 9-item "
                    "Shared Decision Making Questionnaire (SDM-Q-9): development and "
                    "psychometric properties in a primary care sample. Patient Education and "
                    "Counseling 80(1):94-99. Dutch version: Rodenburg-Vandenbussche S et al. "
                    "(2015), PLoS ONE 10(7):e0132158."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["sdm_q_doc"],
                respondent="professional",
                anchors=_SDM_ANCHORS,
                scoring=_SDM_SCORING,
                missing_data=_SDM_MISSING,
                source=(
                    "Scholl I, Kriston L, Dirmaier J, Buchholz A, Härter M (2012). Development "
                    "and psychometric properties of the Shared Decision Making Questionnaire - "
                    "physician version (SDM-Q-Doc). Patient Education and Counseling "
                    "88(2):284-290. Dutch version: Rodenburg-Vandenbussche S et al. (2015), "
                    "PLoS ONE 10(7):e0132158."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["collaborate"],
                respondent="client",
                anchors=_anchors("collaborate", 0, 9),
                scoring=(
                    "Per encounter: top score when all three items are 9; mean of the three "
                    "items (0-9). Per group: the share of complete encounters with a top score "
                    "(as a percentage, the CollaboRATE score), and the mean of the encounters' "
                    "means; only with at least 25 complete encounters."
                ),
                missing_data=(
                    "An encounter with any item missing is not scored, and a group score leaves "
                    "it out. A group score needs at least 25 complete encounters."
                ),
                source=(
                    "Elwyn G, Barr PJ, Grande SW, Thompson R, Walsh T, Ozanne EM (2013). "
                    "Developing CollaboRATE: a fast and frugal patient-reported measure of "
                    "shared decision making in clinical encounters. Patient Education and "
                    "Counseling 93(1):102-107. Barr PJ et al. (2014), Journal of Medical "
                    "Internet Research 16(1):e2. Scoring guidance: glynelwyn.com, 'Scoring "
                    "CollaboRATE'."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["option5"],
                respondent="observer",
                anchors=_anchors("option5", 0, 1, 2, 3, 4),
                scoring="Raw score: the sum of the 5 items (0-20). Scaled: raw x 5 (0-100).",
                missing_data=_OBSERVER_MISSING,
                source=(
                    "Elwyn G, Tsulukidze M, Edwards A, Légaré F, Newcombe R (2013). Using a "
                    "'talk' model of shared decision making to propose an observation-based "
                    "measure: Observer OPTION5 Item. Patient Education and Counseling "
                    "93(2):265-271. Barr PJ et al. (2015), Patient Education and Counseling "
                    "98(8):970-976."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["option12"],
                respondent="observer",
                anchors=_anchors("option12", 0, 1, 2, 3, 4),
                scoring=(
                    "Raw score: the sum of the 12 items (0-48). Scaled: raw / 48 x 100 (0-100). "
                    "An item at 2 or more reaches the basic skill level."
                ),
                missing_data=_OBSERVER_MISSING,
                source=(
                    "Elwyn G, Edwards A, Wensing M, Hood K, Atwell C, Grol R (2003). Shared "
                    "decision making: developing the OPTION scale for measuring patient "
                    "involvement. Quality and Safety in Health Care 12(2):93-99. Elwyn G et al. "
                    "(2005), Health Expectations 8(1):34-42."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["sure"],
                respondent="client",
                anchors=_anchors("sure", 0, 1),
                scoring=(
                    "Yes counts 1, no 0; the score is the sum (0-4). A score of 3 or less flags "
                    "doubt."
                ),
                missing_data=(
                    "None: all four items are needed. Answers may be True/False or the integers "
                    "1/0."
                ),
                source=(
                    "Légaré F, Kearing S, Clay K, Gagnon S, D'Amours D, Rousseau M, O'Connor A "
                    "(2010). Are you SURE? Assessing patient decisional conflict with a 4-item "
                    "screening test. Canadian Family Physician 56(8):e308-e314."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["control_preferences"],
                respondent="client",
                anchors=_anchors("control_preferences", 1, 2, 3, 4, 5),
                scoring=(
                    "The chosen position 1-5 is the decision role; positions 1-2 are active, 3 "
                    "collaborative, 4-5 passive."
                ),
                missing_data="None: one answer is needed.",
                source=(
                    "Degner LF, Sloan JA, Venkatesh P (1997). The Control Preferences Scale. "
                    "Canadian Journal of Nursing Research 29(3):21-43."
                ),
            ),
            Instrument(
                shape=ANSWER_SHAPES["decisional_conflict"],
                respondent="client",
                anchors=_anchors("decisional_conflict", 0, 4),
                scoring=(
                    "Items 0 (agree completely) to 4 (do not agree at all). Total: sum / 16 x 25 "
                    "(0-100). Subscales, each sum / n x 25: informed (items 1-3), values clarity "
                    "(4-6), support (7-9), uncertainty (10-12), effective decision (13-16). "
                    "Total above 37.5: clinically significant doubt; below 25: people tend to "
                    "carry out their decision. This describes the 2010 form; "
                    "decisional_conflict() also scores the 10-item low-literacy form (answers "
                    "0, 2, 4) and the 1995 form (answers 1-5, items 1, 2, 10, 11 reversed, "
                    "subscales uncertainty 1-3, contributing factors 4-12, effective decision "
                    "13-16)."
                ),
                missing_data=(
                    "At most 1 missing item per subscale (so at most 5 in all); a missing item "
                    "is replaced by the mean of the answered items of its own subscale, and the "
                    "total and subscales are computed from the filled-in items. More missing in "
                    "any subscale: no score. We could not confirm a missing-data rule in the "
                    "user manual; this is the library's choice (the person's mean within the "
                    "subscale)."
                ),
                source=(
                    "O'Connor AM (1995). Validation of a decisional conflict scale. Medical "
                    "Decision Making 15(1):25-30. O'Connor AM. User Manual - Decisional "
                    "Conflict Scale (16-item statement format). Ottawa Hospital Research "
                    "Institute, 1993, updated 2010. Koedoot N et al. (2001). The decisional "
                    "conflict scale: further validation in two samples of Dutch oncology "
                    "patients. Patient Education and Counseling 45(3):187-193."
                ),
            ),
        )
    }
)
"""Every instrument by name (the name of its scoring function), in the order of ANSWER_SHAPES."""
