"""What each instrument is: items in our own words, answer range, source, missing-data rule."""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from samenbeslissen.instruments._read import check_language

__all__ = ["INSTRUMENTS", "Anchor", "Instrument", "Item", "Subscale"]

Respondent = Literal["client", "professional", "observer"]
"""Who fills the instrument in."""

Answer = Literal["scale", "yes_no", "choice"]
"""The kind of answer: a whole number on a scale, yes/no, or one of a list of statements."""

_RESPONDENTS: dict[str, tuple[str, str]] = {
    "client": ("cliënt", "client"),
    "professional": ("professional", "professional"),
    "observer": ("observator", "observer"),
}


def _pick(nl: str, en: str, language: str) -> str:
    return en if check_language(language) == "en" else nl


@attrs.frozen(kw_only=True)
class Item:
    """One item of an instrument, described in our own words (not the official wording).

    Attributes:
        number: The item's number, 1-based, in the instrument's order.
        nl: What the item asks about, in Dutch.
        en: What the item asks about, in English.
        subscale: The key of the subscale the item belongs to, if any.
    """

    number: int
    nl: str
    en: str
    subscale: str | None = None

    def text(self, language: str = "nl") -> str:
        """What the item asks about, in ``language``."""
        return _pick(self.nl, self.en, language)


@attrs.frozen(kw_only=True)
class Anchor:
    """What an answer value means, e.g. 0 = "helemaal niet mee eens" (our own words)."""

    value: int
    nl: str
    en: str

    def text(self, language: str = "nl") -> str:
        """The meaning of the value, in ``language``."""
        return _pick(self.nl, self.en, language)


@attrs.frozen(kw_only=True)
class Subscale:
    """A named group of items that gets its own score."""

    key: str
    nl: str
    en: str
    items: tuple[int, ...]
    """The item numbers (1-based)."""

    def label(self, language: str = "nl") -> str:
        """The subscale's name in ``language``."""
        return _pick(self.nl, self.en, language)


@attrs.frozen(kw_only=True)
class Instrument:
    """A machine-readable description of a scoring instrument, for forms and reports.

    Attributes:
        name: The key in :data:`INSTRUMENTS`, also the name of the scoring function.
        title: The instrument's usual name ("SDM-Q-9").
        respondent: Who fills it in: "client", "professional" or "observer".
        answer: "scale" (a whole number from ``low`` to ``high``), "yes_no" or
            "choice" (one statement of several, numbered ``low`` to ``high``).
        low: The lowest answer value.
        high: The highest answer value.
        items: The items, in order, described in our own words.
        anchors: What some answer values mean.
        subscales: Groups of items with their own score (only the DCS has them).
        max_missing: How many items may be missing for a score (0: all needed).
        nl: What the instrument measures, in Dutch.
        en: What the instrument measures, in English.
        scoring: The scoring rule, in English.
        missing_data: The missing-data rule, in English.
        source: Where the scoring rule comes from (authors, year, journal).
    """

    name: str
    title: str
    respondent: Respondent
    answer: Answer
    low: int
    high: int
    items: tuple[Item, ...]
    anchors: tuple[Anchor, ...]
    subscales: tuple[Subscale, ...] = ()
    max_missing: int = 0
    nl: str
    en: str
    scoring: str
    missing_data: str
    source: str

    @property
    def item_count(self) -> int:
        """How many items the instrument has."""
        return len(self.items)

    def description(self, language: str = "nl") -> str:
        """What the instrument measures, in ``language``."""
        return _pick(self.nl, self.en, language)

    def respondent_label(self, language: str = "nl") -> str:
        """Who fills it in, as a word in ``language`` ("cliënt", "observator", ...)."""
        nl, en = _RESPONDENTS[self.respondent]
        return _pick(nl, en, language)

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
                {"number": i.number, "nl": i.nl, "en": i.en, "subscale": i.subscale}
                for i in self.items
            ],
            "anchors": [{"value": a.value, "nl": a.nl, "en": a.en} for a in self.anchors],
            "subscales": [
                {"key": s.key, "nl": s.nl, "en": s.en, "items": list(s.items)}
                for s in self.subscales
            ],
            "max_missing": self.max_missing,
            "description": {"nl": self.nl, "en": self.en},
            "scoring": self.scoring,
            "missing_data": self.missing_data,
            "source": self.source,
        }


def _items(*pairs: tuple[str, str], subscales: tuple[Subscale, ...] = ()) -> tuple[Item, ...]:
    owner = {number: s.key for s in subscales for number in s.items}
    return tuple(
        Item(number=n, nl=nl, en=en, subscale=owner.get(n))
        for n, (nl, en) in enumerate(pairs, start=1)
    )


_SDM_ANCHORS = (
    Anchor(value=0, nl="helemaal niet mee eens", en="do not agree at all"),
    Anchor(value=5, nl="helemaal mee eens", en="agree completely"),
)

_SDM_SCORING = "Raw score: the sum of the 9 items (0-45). Scaled: raw x 20/9 (0-100)."

_SDM_MISSING = (
    "At most 1 of the 9 items may be missing: the raw score is then the mean of the 8 "
    "answered items x 9 (prorated). With 2 or more missing there is no score. The development "
    "papers give no missing-data rule; this is the library's choice, stated here so that "
    "reports can say how a score was made."
)

SDM_Q9 = Instrument(
    name="sdm_q9",
    title="SDM-Q-9",
    respondent="client",
    answer="scale",
    low=0,
    high=5,
    items=_items(
        (
            "Of de professional duidelijk maakte dat er een beslissing nodig is.",
            "Whether the professional made clear that a decision is needed.",
        ),
        (
            "Of de professional wilde weten hoe de cliënt bij de beslissing betrokken wil zijn.",
            "Whether the professional asked how the client wants to take part in the decision.",
        ),
        (
            "Of de professional vertelde dat er meer dan één mogelijkheid is.",
            "Whether the professional said there is more than one way to go.",
        ),
        (
            "Of de professional de voor- en nadelen van de mogelijkheden goed uitlegde.",
            "Whether the professional explained the pros and cons of the options well.",
        ),
        (
            "Of de professional hielp om alle informatie te begrijpen.",
            "Whether the professional helped the client understand the information.",
        ),
        (
            "Of de professional vroeg welke mogelijkheid de cliënt zelf het liefst wil.",
            "Whether the professional asked which option the client prefers.",
        ),
        (
            "Of cliënt en professional de mogelijkheden samen goed tegen elkaar afwogen.",
            "Whether client and professional weighed the options against each other together.",
        ),
        (
            "Of cliënt en professional samen een mogelijkheid kozen.",
            "Whether client and professional chose an option together.",
        ),
        (
            "Of cliënt en professional het eens werden over hoe het verder gaat.",
            "Whether client and professional agreed on how to go on.",
        ),
    ),
    anchors=_SDM_ANCHORS,
    max_missing=1,
    nl=(
        "Hoe de cliënt het samen beslissen in één gesprek ervoer: negen uitspraken over "
        "de stappen van samen beslissen."
    ),
    en=(
        "How the client experienced shared decision making in one conversation: nine "
        "statements about its steps."
    ),
    scoring=_SDM_SCORING,
    missing_data=_SDM_MISSING,
    source=(
        "Kriston L, Scholl I, Hölzel L, Simon D, Loh A, Härter M (2010). The 9-item Shared "
        "Decision Making Questionnaire (SDM-Q-9): development and psychometric properties in "
        "a primary care sample. Patient Education and Counseling 80(1):94-99. Dutch version: "
        "Rodenburg-Vandenbussche S et al. (2015), PLoS ONE 10(7):e0132158."
    ),
)

SDM_Q_DOC = Instrument(
    name="sdm_q_doc",
    title="SDM-Q-Doc",
    respondent="professional",
    answer="scale",
    low=0,
    high=5,
    items=_items(
        (
            (
                "Of de professional vindt dat hij of zij duidelijk maakte dat er een beslissing "
                "nodig is."
            ),
            "Whether the professional thinks they made clear that a decision is needed.",
        ),
        (
            "Of de professional vindt dat hij of zij vroeg hoe de cliënt betrokken wil zijn.",
            "Whether the professional thinks they asked how the client wants to take part.",
        ),
        (
            "Of de professional vindt dat hij of zij vertelde dat er meer mogelijkheden zijn.",
            "Whether the professional thinks they said there is more than one way to go.",
        ),
        (
            "Of de professional vindt dat hij of zij de voor- en nadelen goed uitlegde.",
            "Whether the professional thinks they explained the pros and cons well.",
        ),
        (
            "Of de professional vindt dat hij of zij hielp de informatie te begrijpen.",
            "Whether the professional thinks they helped the client understand the information.",
        ),
        (
            "Of de professional vindt dat hij of zij vroeg wat de cliënt het liefst wil.",
            "Whether the professional thinks they asked which option the client prefers.",
        ),
        (
            "Of de professional vindt dat ze de mogelijkheden samen goed afwogen.",
            "Whether the professional thinks they weighed the options together with the client.",
        ),
        (
            "Of de professional vindt dat ze samen een mogelijkheid kozen.",
            "Whether the professional thinks they chose an option together with the client.",
        ),
        (
            "Of de professional vindt dat ze het eens werden over hoe het verder gaat.",
            "Whether the professional thinks they and the client agreed on how to go on.",
        ),
    ),
    anchors=_SDM_ANCHORS,
    max_missing=1,
    nl=(
        "Hoe de professional het samen beslissen in één gesprek ervoer: de tegenhanger van "
        "de SDM-Q-9, ingevuld door de professional."
    ),
    en=(
        "How the professional experienced shared decision making in one conversation: the "
        "counterpart of the SDM-Q-9, filled in by the professional."
    ),
    scoring=_SDM_SCORING,
    missing_data=_SDM_MISSING,
    source=(
        "Scholl I, Kriston L, Dirmaier J, Buchholz A, Härter M (2012). Development and "
        "psychometric properties of the Shared Decision Making Questionnaire - physician "
        "version (SDM-Q-Doc). Patient Education and Counseling 88(2):284-290. Dutch version: "
        "Rodenburg-Vandenbussche S et al. (2015), PLoS ONE 10(7):e0132158."
    ),
)

COLLABORATE = Instrument(
    name="collaborate",
    title="CollaboRATE",
    respondent="client",
    answer="scale",
    low=0,
    high=9,
    items=_items(
        (
            "Hoeveel moeite de professional deed om de cliënt de situatie te laten begrijpen.",
            "How much effort the professional made to help the client understand the situation.",
        ),
        (
            (
                "Hoeveel moeite de professional deed om te horen wat voor de cliënt het "
                "belangrijkst is."
            ),
            "How much effort the professional made to hear what matters most to the client.",
        ),
        (
            (
                "Hoeveel moeite de professional deed om dat mee te nemen bij de keuze wat er nu "
                "gebeurt."
            ),
            (
                "How much effort the professional made to take that into account in choosing "
                "what happens next."
            ),
        ),
    ),
    anchors=(
        Anchor(value=0, nl="geen enkele moeite", en="no effort at all"),
        Anchor(value=9, nl="alle moeite die mogelijk is", en="every possible effort"),
    ),
    nl=(
        "Drie korte vragen aan de cliënt, binnen 24 tot 48 uur na het gesprek: deed de "
        "professional moeite om samen te beslissen?"
    ),
    en=(
        "Three short questions for the client, within 24 to 48 hours of the conversation: did "
        "the professional make an effort to decide together?"
    ),
    scoring=(
        "Per encounter: top score when all three items are 9; mean of the three items (0-9). "
        "Per group: the share of complete encounters with a top score (as a percentage, the "
        "CollaboRATE score), and the mean of the encounters' means; only with at least 25 "
        "complete encounters."
    ),
    missing_data=(
        "An encounter with any item missing is not scored, and a group score leaves it out. "
        "A group score needs at least 25 complete encounters."
    ),
    source=(
        "Elwyn G, Barr PJ, Grande SW, Thompson R, Walsh T, Ozanne EM (2013). Developing "
        "CollaboRATE: a fast and frugal patient-reported measure of shared decision making in "
        "clinical encounters. Patient Education and Counseling 93(1):102-107. Barr PJ et al. "
        "(2014), Journal of Medical Internet Research 16(1):e2. Scoring guidance: "
        "glynelwyn.com, 'Scoring CollaboRATE'."
    ),
)

_OBSERVER_MISSING = (
    "None: an observer rates every item (0 when the behaviour was not seen), so all items "
    "are needed."
)

OPTION5 = Instrument(
    name="option5",
    title="OPTION-5",
    respondent="observer",
    answer="scale",
    low=0,
    high=4,
    items=_items(
        (
            (
                "De professional maakt duidelijk dat er iets te kiezen is, met meer dan één "
                "redelijke mogelijkheid."
            ),
            "The professional makes clear there is a choice, with more than one reasonable way.",
        ),
        (
            "De professional laat merken dat de cliënt hulp krijgt bij het nadenken en afwegen.",
            "The professional shows the client they will get help to think it over and weigh it.",
        ),
        (
            (
                "De professional legt de mogelijkheden uit, ook 'niets doen', of checkt wat de "
                "cliënt er al van weet."
            ),
            (
                "The professional explains the options, 'doing nothing' included, or checks what "
                "the client already knows."
            ),
        ),
        (
            "De professional vraagt wat de cliënt belangrijk vindt en wat de cliënt zou willen.",
            "The professional asks what matters to the client and what the client would like.",
        ),
        (
            "De professional neemt wat de cliënt wil mee in de beslissing.",
            "The professional takes what the client wants into the decision.",
        ),
    ),
    anchors=(
        Anchor(value=0, nl="geen poging gezien", en="no attempt seen"),
        Anchor(value=4, nl="voorbeeldig gedaan", en="done in an exemplary way"),
    ),
    nl=(
        "Een observator beoordeelt vijf dingen die de professional in het gesprek doet om de "
        "cliënt bij de beslissing te betrekken."
    ),
    en=(
        "An observer rates five things the professional does in the conversation to involve "
        "the client in the decision."
    ),
    scoring="Raw score: the sum of the 5 items (0-20). Scaled: raw x 5 (0-100).",
    missing_data=_OBSERVER_MISSING,
    source=(
        "Elwyn G, Tsulukidze M, Edwards A, Légaré F, Newcombe R (2013). Using a 'talk' model of "
        "shared decision making to propose an observation-based measure: Observer OPTION5 "
        "Item. Patient Education and Counseling 93(2):265-271. Barr PJ et al. (2015), Patient "
        "Education and Counseling 98(8):970-976."
    ),
)

OPTION12 = Instrument(
    name="option12",
    title="OPTION-12",
    respondent="observer",
    answer="scale",
    low=0,
    high=4,
    items=_items(
        (
            "Noemt het probleem als iets waarover een beslissing nodig is.",
            "Names the problem as one that needs a decision.",
        ),
        (
            "Zegt dat er meer dan één manier is om het aan te pakken.",
            "Says there is more than one way to deal with it.",
        ),
        (
            "Vraagt hoe de cliënt de informatie het liefst krijgt.",
            "Asks how the client prefers to get the information.",
        ),
        (
            "Noemt de mogelijkheden, ook 'niets doen'.",
            "Lists the options, 'doing nothing' included.",
        ),
        (
            "Legt de voor- en nadelen van de mogelijkheden uit.",
            "Explains the pros and cons of the options.",
        ),
        (
            "Vraagt wat de cliënt verwacht of zelf denkt over de aanpak.",
            "Asks what the client expects or thinks about how to deal with it.",
        ),
        (
            "Vraagt naar zorgen of angsten van de cliënt over de aanpak.",
            "Asks about the client's worries or fears about how to deal with it.",
        ),
        (
            "Checkt of de cliënt de informatie heeft begrepen.",
            "Checks that the client understood the information.",
        ),
        (
            "Geeft de cliënt duidelijk de kans om vragen te stellen.",
            "Gives the client clear chances to ask questions.",
        ),
        (
            "Vraagt hoeveel de cliënt zelf wil meebeslissen.",
            "Asks how much the client wants to take part in deciding.",
        ),
        (
            "Geeft aan dat het tijd is om te beslissen, of om het uit te stellen.",
            "Says it is time to decide, or to put the decision off.",
        ),
        (
            "Geeft aan dat het besluit, of het uitstel, later samen wordt bekeken.",
            "Says the decision, or putting it off, will be looked at again together.",
        ),
    ),
    anchors=(
        Anchor(value=0, nl="niet gezien", en="not seen"),
        Anchor(value=1, nl="een kleine poging", en="a minimal attempt"),
        Anchor(value=2, nl="gezien, op basisniveau", en="seen, at the basic skill level"),
        Anchor(value=3, nl="goed gedaan", en="done well"),
        Anchor(value=4, nl="zeer goed gedaan", en="done very well"),
    ),
    nl=(
        "Een observator beoordeelt twaalf dingen die de professional doet om de cliënt bij de "
        "beslissing te betrekken (de oudere, langere versie van OPTION)."
    ),
    en=(
        "An observer rates twelve things the professional does to involve the client in the "
        "decision (the older, longer version of OPTION)."
    ),
    scoring=(
        "Raw score: the sum of the 12 items (0-48). Scaled: raw / 48 x 100 (0-100). An item "
        "at 2 or more reaches the basic skill level."
    ),
    missing_data=_OBSERVER_MISSING,
    source=(
        "Elwyn G, Edwards A, Wensing M, Hood K, Atwell C, Grol R (2003). Shared decision "
        "making: developing the OPTION scale for measuring patient involvement. Quality and "
        "Safety in Health Care 12(2):93-99. Elwyn G et al. (2005), Health Expectations "
        "8(1):34-42."
    ),
)

SURE = Instrument(
    name="sure",
    title="SURE",
    respondent="client",
    answer="yes_no",
    low=0,
    high=1,
    items=_items(
        (
            "Of de cliënt zich zeker voelt over wat de beste keuze is.",
            "Whether the client feels sure about the best choice.",
        ),
        (
            "Of de cliënt de voor- en nadelen van elke mogelijkheid kent.",
            "Whether the client knows the pros and cons of each option.",
        ),
        (
            "Of de cliënt weet welke voor- en nadelen voor hem of haar het zwaarst wegen.",
            "Whether the client knows which pros and cons matter most to them.",
        ),
        (
            "Of de cliënt genoeg steun en advies heeft om te kiezen.",
            "Whether the client has enough support and advice to choose.",
        ),
    ),
    anchors=(
        Anchor(value=0, nl="nee", en="no"),
        Anchor(value=1, nl="ja", en="yes"),
    ),
    nl=(
        "Vier ja/nee-vragen aan de cliënt die snel laten zien of de cliënt nog twijfelt over "
        "de keuze."
    ),
    en=(
        "Four yes/no questions for the client that quickly show whether the client is still in "
        "doubt about the choice."
    ),
    scoring="Yes counts 1, no 0; the score is the sum (0-4). A score of 3 or less flags doubt.",
    missing_data=(
        "None: all four items are needed. Answers may be True/False or the integers 1/0."
    ),
    source=(
        "Légaré F, Kearing S, Clay K, Gagnon S, D'Amours D, Rousseau M, O'Connor A (2010). "
        "Are you SURE? Assessing patient decisional conflict with a 4-item screening test. "
        "Canadian Family Physician 56(8):e308-e314."
    ),
)

CONTROL_PREFERENCES = Instrument(
    name="control_preferences",
    title="Control Preferences Scale",
    respondent="client",
    answer="choice",
    low=1,
    high=5,
    items=_items(
        (
            (
                "Welke van vijf manieren van beslissen de cliënt het liefst wil: van 'de cliënt "
                "beslist zelf' tot 'de professional beslist'."
            ),
            (
                "Which of five ways of deciding the client prefers: from 'the client decides "
                "alone' to 'the professional decides'."
            ),
        ),
    ),
    anchors=(
        Anchor(value=1, nl="de cliënt beslist zelf", en="the client decides alone"),
        Anchor(
            value=2,
            nl="de cliënt beslist, na het advies van de professional",
            en="the client decides, after the professional's advice",
        ),
        Anchor(value=3, nl="cliënt en professional beslissen samen", en="they decide together"),
        Anchor(
            value=4,
            nl="de professional beslist, na te luisteren naar de cliënt",
            en="the professional decides, after listening to the client",
        ),
        Anchor(value=5, nl="de professional beslist", en="the professional decides"),
    ),
    nl=(
        "Hoeveel de cliënt zelf wil beslissen: een van vijf rollen, in drie groepen "
        "(actief, samen, afwachtend)."
    ),
    en=(
        "How much the client wants to decide: one of five roles, in three groups "
        "(active, collaborative, passive)."
    ),
    scoring=(
        "The chosen position 1-5 is the decision role; positions 1-2 are active, 3 "
        "collaborative, 4-5 passive."
    ),
    missing_data="None: one answer is needed.",
    source=(
        "Degner LF, Sloan JA, Venkatesh P (1997). The Control Preferences Scale. Canadian "
        "Journal of Nursing Research 29(3):21-43."
    ),
)

_DCS_SUBSCALES = (
    Subscale(key="informed", nl="geïnformeerd", en="informed", items=(1, 2, 3)),
    Subscale(
        key="values_clarity",
        nl="weten wat telt",
        en="values clarity",
        items=(4, 5, 6),
    ),
    Subscale(key="support", nl="steun", en="support", items=(7, 8, 9)),
    Subscale(key="uncertainty", nl="onzekerheid", en="uncertainty", items=(10, 11, 12)),
    Subscale(
        key="effective_decision",
        nl="goed besluit",
        en="effective decision",
        items=(13, 14, 15, 16),
    ),
)

DECISIONAL_CONFLICT = Instrument(
    name="decisional_conflict",
    title="Decisional Conflict Scale",
    respondent="client",
    answer="scale",
    low=0,
    high=4,
    items=_items(
        (
            "Of de cliënt weet welke mogelijkheden er zijn.",
            "Whether the client knows which options there are.",
        ),
        (
            "Of de cliënt de voordelen van elke mogelijkheid kent.",
            "Whether the client knows the upsides of each option.",
        ),
        (
            "Of de cliënt de nadelen en risico's van elke mogelijkheid kent.",
            "Whether the client knows the downsides and risks of each option.",
        ),
        (
            "Of de cliënt weet welke voordelen voor hem of haar het meest tellen.",
            "Whether the client knows which upsides count most for them.",
        ),
        (
            "Of de cliënt weet welke nadelen en risico's het meest tellen.",
            "Whether the client knows which downsides and risks count most.",
        ),
        (
            "Of de cliënt weet wat zwaarder weegt: de voordelen of de nadelen.",
            "Whether the client knows what weighs more: the upsides or the downsides.",
        ),
        (
            "Of de cliënt genoeg steun van anderen heeft om te kiezen.",
            "Whether the client has enough support from others to choose.",
        ),
        (
            "Of de cliënt kan kiezen zonder druk van anderen.",
            "Whether the client can choose without pressure from others.",
        ),
        (
            "Of de cliënt genoeg advies heeft om te kiezen.",
            "Whether the client has enough advice to choose.",
        ),
        (
            "Of het de cliënt duidelijk is wat voor hem of haar de beste keuze is.",
            "Whether it is clear to the client what the best choice for them is.",
        ),
        (
            "Of de cliënt zich zeker voelt over wat te kiezen.",
            "Whether the client feels sure about what to choose.",
        ),
        (
            "Of de beslissing voor de cliënt makkelijk voelt.",
            "Whether the decision feels easy to the client.",
        ),
        (
            "Of de cliënt vindt dat hij of zij met goede kennis van zaken koos.",
            "Whether the client feels they chose with good knowledge of the facts.",
        ),
        (
            "Of de keuze laat zien wat de cliënt belangrijk vindt.",
            "Whether the choice shows what matters to the client.",
        ),
        (
            "Of de cliënt verwacht bij de keuze te blijven.",
            "Whether the client expects to stick with the choice.",
        ),
        (
            "Of de cliënt tevreden is met de keuze.",
            "Whether the client is satisfied with the choice.",
        ),
        subscales=_DCS_SUBSCALES,
    ),
    anchors=(
        Anchor(value=0, nl="helemaal mee eens", en="agree completely"),
        Anchor(value=4, nl="helemaal niet mee eens", en="do not agree at all"),
    ),
    subscales=_DCS_SUBSCALES,
    max_missing=5,
    nl=(
        "Hoeveel de cliënt twijfelt over een keuze, en waar dat aan ligt: informatie, weten "
        "wat telt, steun, onzekerheid, en of het besluit goed voelt. Hoger is meer twijfel."
    ),
    en=(
        "How much doubt the client has about a choice, and why: information, knowing what "
        "counts, support, uncertainty, and whether the decision feels right. Higher is more "
        "doubt."
    ),
    scoring=(
        "Items 0 (agree completely) to 4 (do not agree at all). Total: sum / 16 x 25 (0-100). "
        "Subscales, each sum / n x 25: informed (items 1-3), values clarity (4-6), support "
        "(7-9), uncertainty (10-12), effective decision (13-16). Total above 37.5: clinically "
        "significant doubt; below 25: people tend to carry out their decision."
    ),
    missing_data=(
        "At most 1 missing item per subscale (so at most 5 in all); a missing item is replaced "
        "by the mean of the answered items of its own subscale, and the total and subscales "
        "are computed from the filled-in items. More missing in any subscale: no score. We "
        "could not confirm a missing-data rule in the user manual; this is the library's "
        "choice (the person's mean within the subscale)."
    ),
    source=(
        "O'Connor AM (1995). Validation of a decisional conflict scale. Medical Decision "
        "Making 15(1):25-30. O'Connor AM. User Manual - Decisional Conflict Scale (16-item "
        "statement format). Ottawa Hospital Research Institute, 1993, updated 2010."
    ),
)

INSTRUMENTS: Mapping[str, Instrument] = types.MappingProxyType(
    {
        i.name: i
        for i in (
            SDM_Q9,
            SDM_Q_DOC,
            COLLABORATE,
            OPTION5,
            OPTION12,
            SURE,
            CONTROL_PREFERENCES,
            DECISIONAL_CONFLICT,
        )
    }
)
"""Every instrument by name (the name of its scoring function), in a stable order."""
