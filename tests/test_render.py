"""Tests of rendering documents: built-in documents, escaping, the sandbox, errors and caching.

Golden files
------------
``tests/golden/`` holds the expected output of every built-in document in
both languages and all three formats (5 x 2 x 3 = 30 files). They are
rendered from the hand-made scenario in this module (Dutch and English),
and from conversations played from it with a fixed clock. After an
intended change to a template or a text, rewrite them with::

    SAMENBESLISSEN_UPDATE_GOLDEN=1 pytest tests/test_render.py

and read the difference (``git diff tests/golden``) before committing.
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import os
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import samenbeslissen as sb
from samenbeslissen.errors import InputError, TemplateError
from samenbeslissen.rendering import context as _render_context
from samenbeslissen.rendering import renderer as _render
from samenbeslissen.rendering.renderer import (
    BUILTIN_TEMPLATES,
    DOCUMENTS,
    FORMATS,
    Renderer,
    markdown_escape,
    render,
    stylesheet,
)
from samenbeslissen.scenarios import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from tests.strategies import at, conversations, scenarios, ticking_clock

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("SAMENBESLISSEN_UPDATE_GOLDEN") == "1"
LANGUAGES = ("nl", "en")
PLAYABLE = (sb.Step.INFORM, sb.Step.OPTIONS, sb.Step.PREFERENCES, sb.Step.DECIDE, sb.Step.DECIDED)
P = sb.ParticipantRole
XSS = "<script>alert(1)</script>"

# -- the golden source: one story, told in Dutch and in English ------------------------

_STORY: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Hulp in het huishouden na een heupoperatie",
        "client": "Mevrouw Bakker",
        "situation": "Ze is 78 en woont alleen. Sinds haar heupoperatie lukt het huishouden slecht.",  # noqa: E501 - one sentence of the story
        "professional": ("Sanne de Vries", "Wmo-consulent"),
        "daughter": "dochter",
        "question": "Welke hulp in het huishouden past bij u?",
        "goal": "Het huis blijft schoon, en mevrouw Bakker houdt de regie.",
        "options": [
            (
                "Huishoudelijke hulp van de gemeente",
                "Een vaste hulp komt elke week drie uur schoonmaken.",
                ["U krijgt elke week vaste hulp.", "Uw dochter hoeft minder te doen."],
                ["U betaalt een eigen bijdrage.", "Er komt iemand anders in huis."],
            ),
            (
                "Hulp van familie en buren",
                "Uw dochter en de buurvrouw verdelen de taken.",
                ["Bekende mensen om u heen.", "Het kost niets."],
                ["Uw dochter heeft het al druk."],
            ),
            (
                "Zelf blijven doen wat lukt",
                "U doet wat lukt, en we kijken later opnieuw.",
                ["U houdt alles in eigen hand."],
                ["Het huis wordt minder schoon.", "U raakt sneller moe."],
            ),
        ],
        "criteria": [
            "Zo veel mogelijk zelf blijven doen",
            "Mijn dochter niet te veel belasten",
            "Weinig kosten",
        ],
        "rationale": "Dan hoeft Linda niet elke week te komen poetsen.",
        "inform_good": [
            "Goedemiddag mevrouw Bakker. Fijn dat Linda en Ahmed er ook zijn.",
            "Ja, ik wilde dit niet alleen doen.",
        ],
        "inform_pitfall": "Ik heb de hulp al aangevraagd, dan bent u ervan af.",
        "preferences_good": [
            "Wat vindt u het belangrijkst?",
            "Dat ik zelf nog kan koken.",
            "U zei ook dat Linda het erg druk heeft.",
        ],
    },
    "en": {
        "title": "Help at home after a hip operation",
        "client": "Mrs Baker",
        "situation": "She is 78 and lives alone. Since her hip operation, housework is hard.",
        "professional": ("Sam de Vries", "social care officer"),
        "daughter": "daughter",
        "question": "Which help with the housework suits you?",
        "goal": "The house stays clean, and Mrs Baker stays in charge.",
        "options": [
            (
                "Home help from the council",
                "A regular helper comes to clean for three hours every week.",
                ["You get regular help every week.", "Your daughter has less to do."],
                ["You pay a personal contribution.", "Someone else comes into your home."],
            ),
            (
                "Help from family and neighbours",
                "Your daughter and the neighbour share the tasks.",
                ["Familiar people around you.", "It costs nothing."],
                ["Your daughter is already busy."],
            ),
            (
                "Keep doing what you can",
                "You do what you can, and we look again later.",
                ["You keep everything in your own hands."],
                ["The house gets less clean.", "You get tired sooner."],
            ),
        ],
        "criteria": [
            "Doing as much as I can myself",
            "Not asking too much of my daughter",
            "Low costs",
        ],
        "rationale": "Then Linda does not have to come and clean every week.",
        "inform_good": [
            "Good afternoon, Mrs Baker. Good that Linda and Ahmed are here too.",
            "Yes, I did not want to do this alone.",
        ],
        "inform_pitfall": "I have already applied for the help, so that is sorted.",
        "preferences_good": [
            "What matters most to you?",
            "That I can still cook for myself.",
            "You also said that Linda is very busy.",
        ],
    },
}
_KEYS = ("council", "family", "as_is")
_SCORES: dict[str, dict[str, int | None]] = {
    "council": {"myself": 3, "daughter": 5, "costs": 2},
    "family": {"myself": 3, "daughter": 1, "costs": 5},
    "as_is": {"myself": 5, "daughter": 2, "costs": None},
}


def household(language: str = "nl", *, address: str = "u") -> Scenario:
    """The golden scenario: household help after a hip operation, with lines for two steps."""
    story = _STORY[language]
    options = tuple(
        sb.Option(
            key=key, title=title, description=text, pros=pros, cons=cons, status_quo=key == "as_is"
        )
        for key, (title, text, pros, cons) in zip(_KEYS, story["options"], strict=True)
    )
    mine, daughter, costs = story["criteria"]
    good, pitfall = story["inform_good"], story["inform_pitfall"]
    ask, answer, support = story["preferences_good"]
    name, function = story["professional"]
    return Scenario(
        title=story["title"],
        language=language,
        address=address,
        client=ClientPersona(
            name=story["client"],
            situation=story["situation"],
            preferred_role=sb.DecisionRole.SHARED,
        ),
        professional=ProfessionalPersona(name=name, function=function),
        others=(
            Companion(name="Linda", role=P.SIGNIFICANT_OTHER, relation=story["daughter"]),
            Companion(name="Ahmed Yilmaz", role=P.CLIENT_SUPPORT),
        ),
        question=story["question"],
        goal=story["goal"],
        options=options,
        criteria=(
            sb.Criterion(key="myself", importance=5, label=mine),
            sb.Criterion(key="daughter", importance=4, label=daughter),
            sb.Criterion(key="costs", importance=2, label=costs),
        ),
        ratings=tuple(
            sb.Rating(option=option, criterion=criterion, score=score)
            for option, scores in _SCORES.items()
            for criterion, score in scores.items()
        ),
        decision=PlannedDecision(
            option="council",
            decided_by=sb.DecisionRole.SHARED,
            rationale=story["rationale"],
            follow_up_weeks=6,
        ),
        lines=(
            (
                sb.Step.INFORM,
                StepLines(
                    good=(
                        Line(speaker=P.PROFESSIONAL, text=good[0]),
                        Line(speaker=P.CLIENT, text=good[1]),
                    ),
                    pitfall=(Line(speaker=P.PROFESSIONAL, text=pitfall),),
                ),
            ),
            (
                sb.Step.PREFERENCES,
                StepLines(
                    good=(
                        Line(speaker=P.PROFESSIONAL, text=ask),
                        Line(speaker=P.CLIENT, text=answer),
                        Line(speaker=P.CLIENT_SUPPORT, text=support),
                    )
                ),
            ),
        ),
    )


# Each document is rendered from the source it is made for.
GOLDEN_STEP: dict[str, sb.Step | None] = {
    "guide": sb.Step.PREFERENCES,  # in the middle: two steps done, one current
    "next_step": sb.Step.OPTIONS,
    "option_grid": sb.Step.DECIDED,
    "summary": sb.Step.DECIDED,
    "script": None,  # the scenario itself
    "role_cards": None,
    "observer_sheet": None,
    "trainer_key": None,
}


def golden_source(document: str, language: str) -> sb.Conversation | Scenario:
    scenario = household(language)
    step = GOLDEN_STEP[document]
    return scenario if step is None else scenario.play(until=step, clock=ticking_clock())


def conversation(**kwargs: Any) -> sb.Conversation:
    """A conversation at step 1, with a fixed clock."""
    values: dict[str, Any] = {
        "client": sb.Participant(name="Mevrouw Jansen"),
        "professional": sb.Participant(name="Sanne"),
        "clock": ticking_clock(),
        **kwargs,
    }
    return sb.Conversation(values.pop("question", "Welke hulp past bij u?"), **values)


def two_options(conv: sb.Conversation) -> sb.Conversation:
    conv.add_option(sb.Option(key="hulp", title="Hulp thuis", pros=("Vast",), cons=("Duur",)))
    conv.add_option(sb.Option(key="zo", title="Zo laten", status_quo=True, pros=("Rust",)))
    return conv


def at_decide(**kwargs: Any) -> sb.Conversation:
    conv = two_options(conversation(**kwargs))
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.present_options()
    conv.weigh({"rust": 4}, {"hulp": {"rust": 2}, "zo": {"rust": 5}})
    return conv


# -- checking HTML -----------------------------------------------------------------------

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _TagBalance(HTMLParser):
    """Checks that every element is closed, in order, and that no void element is closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.problems.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
        else:
            self.open.pop()


def assert_well_formed(html: str) -> None:
    checker = _TagBalance()
    checker.feed(html)
    checker.close()
    assert [] == checker.problems
    assert [] == checker.open


def test_the_html_check_finds_unbalanced_tags() -> None:
    with pytest.raises(AssertionError):
        assert_well_formed("<div><p>tekst</div></p>")
    with pytest.raises(AssertionError):
        assert_well_formed("<section><p>tekst</p>")


# -- golden files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "language", "format_"), list(itertools.product(DOCUMENTS, LANGUAGES, FORMATS))
)
def test_built_in_documents_match_their_golden_files(
    document: str, language: str, format_: str
) -> None:
    actual = render(golden_source(document, language), document, format_)
    path = GOLDEN / f"{document}.{language}.{FORMATS[format_]}"
    if UPDATE_GOLDEN:
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing; see the docstring of {__name__} to create it"
    assert path.read_bytes().decode("utf-8") == actual


YOUTH = Path(__file__).parents[1] / "examples" / "jeugdhulp-keuze.yaml"
YOUTH_DOCUMENTS = ("guide", "summary", "script", "role_cards", "trainer_key")
"""A minor with two parents with authority, his mother's wish and their consent: the
documents whose words change with representatives and age, in the example's Dutch."""


@pytest.mark.parametrize("document", YOUTH_DOCUMENTS)
def test_the_youth_care_example_matches_its_golden_files(document: str) -> None:
    scenario = sb.load_scenario(YOUTH)
    # The script is the trainer's plan; the guide and summary follow the played conversation.
    planned = document in ("script", "role_cards", "trainer_key")
    source = scenario if planned else scenario.play(clock=ticking_clock())
    actual = render(source, document, "text")
    path = GOLDEN / f"jeugdhulp-keuze.{document}.nl.txt"
    if UPDATE_GOLDEN:
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing; see the docstring of {__name__} to create it"
    assert path.read_bytes().decode("utf-8") == actual


def test_every_golden_file_belongs_to_a_document() -> None:
    expected = {
        f"{document}.{language}.{ext}"
        for document in DOCUMENTS
        for language in LANGUAGES
        for ext in FORMATS.values()
    } | {f"jeugdhulp-keuze.{document}.nl.txt" for document in YOUTH_DOCUMENTS}
    assert expected == {p.name for p in GOLDEN.iterdir() if p.name != "README.md"}


@pytest.mark.parametrize(("document", "language"), list(itertools.product(DOCUMENTS, LANGUAGES)))
def test_built_in_html_pages_are_well_formed(document: str, language: str) -> None:
    source = golden_source(document, language)
    for fragment in (False, True):
        assert_well_formed(render(source, document, "html", fragment=fragment))


# -- any scenario, any step ----------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_any_scenario_renders_every_document_at_every_step(scenario: Scenario) -> None:
    played = [scenario.play(until=step, clock=ticking_clock()) for step in PLAYABLE]
    sources: list[sb.Conversation | Scenario] = [scenario, *played]
    for source in sources:
        for document, format_, language in itertools.product(DOCUMENTS, FORMATS, LANGUAGES):
            output = render(source, document, format_, language)
            assert output.strip()
            if format_ == "html":
                assert_well_formed(output)


@settings(max_examples=25, deadline=None)
@given(conv=conversations())
def test_a_new_conversation_without_options_renders_every_document(
    conv: sb.Conversation,
) -> None:
    for document, format_ in itertools.product(DOCUMENTS, FORMATS):
        assert render(conv, document, format_).strip()


def _deferred() -> sb.Conversation:
    conv = at_decide()
    conv.defer(reason="Ze wil eerst met haar zoon praten.", until=dt.date(2026, 3, 20))
    return conv


def _stopped() -> sb.Conversation:
    conv = two_options(conversation())
    conv.inform(may_codecide=True)
    conv.stop(reason="De cliënt wil nu geen hulp.")
    return conv


def _evaluated(holds: bool) -> sb.Conversation:
    conv = at_decide()
    conv.decide(
        "hulp",
        decided_by=sb.DecisionRole.CLIENT_ALONE,
        rationale="Dan heb ik rust.",
        follow_up=dt.date(2026, 4, 13),
    )
    conv.evaluate(notes="Het gaat goed.", decision_holds=holds)
    return conv


def _skipped() -> sb.Conversation:
    conv = two_options(conversation())
    conv.inform(may_codecide=True)
    conv.present_options()
    conv.weigh(skipped_reason="De cliënt wist het nog niet.")
    return conv


OTHER_ENDINGS: dict[str, Callable[[], sb.Conversation]] = {
    "deferred": _deferred,
    "stopped": _stopped,
    "evaluated": lambda: _evaluated(True),
    "revised": lambda: _evaluated(False),
    "skipped": _skipped,
}


@pytest.mark.parametrize("ending", sorted(OTHER_ENDINGS))
def test_deferred_stopped_and_evaluated_conversations_render(ending: str) -> None:
    conv = OTHER_ENDINGS[ending]()
    for document, format_, language in itertools.product(DOCUMENTS, FORMATS, LANGUAGES):
        output = render(conv, document, format_, language)
        if format_ == "html":
            assert_well_formed(output)


def test_the_summary_says_why_the_decision_was_deferred_and_until_when() -> None:
    summary = render(_deferred(), "summary")
    assert "De reden: Ze wil eerst met haar zoon praten." in summary
    assert "We praten uiterlijk 20 maart 2026 verder." in summary


def test_the_summary_tells_how_the_evaluation_went() -> None:
    assert "Het besluit blijft zoals het is." in render(_evaluated(True), "summary")
    assert "We kijken opnieuw naar het besluit." in render(_evaluated(False), "summary")


def test_the_summary_says_why_preferences_were_not_recorded() -> None:
    assert "De reden: De cliënt wist het nog niet." in render(_skipped(), "summary")


def test_the_next_step_of_a_deferred_conversation_is_to_resume_it() -> None:
    text = render(_deferred(), "next_step", "text")
    assert "Uitgesteld in stap 4. Reden: Ze wil eerst met haar zoon praten." in text
    assert "Praat uiterlijk 20 maart 2026 verder." in text
    assert "- Het gesprek hervatten" in text


def test_nothing_can_be_done_in_a_stopped_conversation() -> None:
    text = render(_stopped(), "next_step", "text")
    assert "Reden: De cliënt wil nu geen hulp." in text
    assert "Niets meer open." in text
    assert "Er kan niets meer gebeuren in dit gesprek." in text


# -- escaping --------------------------------------------------------------------------------


def hostile() -> sb.Conversation:
    """A decided conversation with markup in every free text."""
    conv = sb.Conversation(
        f"Wat kiest u? {XSS}",
        client=sb.Participant(name=XSS),
        professional=sb.Participant(name="Sanne <b>"),
        others=[sb.Participant(name=XSS, role=P.INTERPRETER)],
        clock=ticking_clock(),
    )
    conv.add_option(
        sb.Option(key="a", title=XSS, description=XSS, pros=(XSS,), cons=(XSS, "{client}"))
    )
    conv.add_option(sb.Option(key="b", title="Niets <i>", status_quo=True))
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED, goal=XSS)
    conv.present_options()
    conv.weigh({"c": 3}, {"a": {"c": 2}}, labels={"c": XSS})
    conv.decide(
        "a", decided_by=sb.DecisionRole.SHARED, rationale=XSS, follow_up=dt.date(2026, 4, 1)
    )
    return conv


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("fragment", [False, True])
def test_html_shows_markup_in_the_data_as_text(document: str, fragment: bool) -> None:
    conv = hostile()
    if document == "next_step":  # it shows no names or options, but a reason to resume
        conv = at_decide()
        conv.defer(reason=XSS)
    html = render(conv, document, "html", fragment=fragment)
    assert "<script" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_well_formed(html)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_markdown_shows_markup_in_the_data_as_text(document: str) -> None:
    conv = hostile()
    if document == "next_step":
        conv = at_decide()
        conv.defer(reason=XSS)
    markdown = render(conv, document, "markdown")
    assert "<script>" not in markdown
    assert r"\<script\>alert(1)\</script\>" in markdown


def test_plain_text_shows_the_data_as_it_is() -> None:
    assert XSS in render(hostile(), "summary", "text")


def test_braces_in_the_data_are_not_filled_in() -> None:
    assert "{client}" in render(hostile(), "guide", "text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gewone woorden, met een komma.", "Gewone woorden, met een komma."),
        ("*vet* en _schuin_", r"\*vet\* en \_schuin\_"),
        ("[link](https://x.nl)", r"\[link\](https://x.nl)"),
        ("a | b", r"a \| b"),
        ("# kop", r"\# kop"),
        ("- lijst", r"\- lijst"),
        ("1. eerste", r"1\. eerste"),
        ("regel een\nregel twee", "regel een regel twee"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escape_makes_free_text_literal(text: str, expected: str) -> None:
    assert expected == markdown_escape(text)


# -- html pages and fragments ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_html_page_is_whole_and_self_contained(language: str) -> None:
    page = render(at_decide(), "guide", "html", language)
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{language}">' in page
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    assert "@media print" in page
    for external in ("http:", "https:", "src=", "href=", "@import", "url("):
        assert external not in page


@pytest.mark.parametrize("document", DOCUMENTS)
def test_an_html_fragment_has_no_page_around_it(document: str) -> None:
    fragment = render(at_decide(), document, "html", "en", fragment=True)
    assert fragment.startswith(f'<div class="sb-document sb-{document}" lang="en">')
    for tag in ("<html", "<head", "<body", "<style", "<!DOCTYPE"):
        assert tag not in fragment
    assert fragment in render(at_decide(), document, "html", "en")


def test_the_style_of_the_html_pages_is_there_for_pages_with_fragments() -> None:
    css = stylesheet()
    assert css.startswith(":root {")
    assert ".sb-table th, .sb-table td {" in css
    assert f"<style>\n{css}</style>" in render(at_decide(), "guide", "html")


def test_a_user_style_sheet_replaces_the_built_in_one(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"_base/_style.css.j2": "body { color: navy; }\n"})
    assert "body { color: navy; }\n" == renderer.stylesheet()
    assert "body { color: navy; }" in renderer.render(at_decide(), "guide", "html")
    broken = user_templates(tmp_path / "b", {"_base/_style.css.j2": "{{ nothing }}"})
    with pytest.raises(TemplateError) as info:
        broken.stylesheet()
    assert "_base/_style.css.j2" == info.value.template


def test_markdown_and_text_are_the_same_as_a_fragment_or_not() -> None:
    conv = at_decide()
    for format_ in ("markdown", "text"):
        assert render(conv, "guide", format_) == render(conv, "guide", format_, fragment=True)


# -- what the documents say ----------------------------------------------------------------


def test_the_guide_marks_the_current_step() -> None:
    conv = golden_source("guide", "nl")
    assert "## ▶ Stap 3: Voorkeur (nu aan de beurt)" in render(conv)
    assert "## Stap 2: Opties (klaar)" in render(conv)
    html = render(conv, "guide", "html")
    assert 1 == html.count('sb-current">')
    assert '<section class="sb-section sb-level-2 sb-current">' in html


def test_the_guide_ends_with_teach_back_and_an_open_question() -> None:
    guide = render(at_decide(), "guide", "text")
    assert "terugvraagmethode" in guide
    assert guide.rstrip().endswith("- “Welke vragen heeft u nog?”")
    assert (
        render(at_decide(), "guide", "text", "en")
        .rstrip()
        .endswith("- “What questions do you still have?”")
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (sb.DecisionRole.CLIENT_ALONE, "De cliënt wil zelf beslissen. Leg alle mogelijkheden uit"),
        # Role B hears the professional's view, after saying what they think themselves.
        (sb.DecisionRole.CLIENT_AFTER_ADVICE, "Geef daarna uw advies en zeg waarom."),
        (sb.DecisionRole.SHARED, "De cliënt wil samen beslissen. Vraag eerst wat de cliënt denkt."),
        (sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, "De cliënt wil dat u beslist, na de mening"),
        (sb.DecisionRole.PROFESSIONAL_ALONE, "De cliënt wil dat u beslist. Vraag toch"),
        (None, "U weet nog niet hoe de cliënt wil beslissen."),
    ],
)
def test_the_guide_follows_the_clients_preferred_role(
    role: sb.DecisionRole | None, expected: str
) -> None:
    conv = two_options(conversation())
    conv.inform(may_codecide=True, preferred_role=role)
    assert expected in render(conv)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (P.INTERPRETER, "Tolk: Ayşe. Praat in korte zinnen"),
        (P.INTERPRETER, "spreek de cliënt aan, niet de tolk"),
        (P.CLIENT_SUPPORT, "Cliëntondersteuner: Ayşe. Geef de cliëntondersteuner ruimte"),
        (P.SIGNIFICANT_OTHER, "Naaste: Ayşe. Laat eerst de cliënt zelf vertellen."),
        (P.PEER_EXPERT, "Ervaringsdeskundige: Ayşe."),
    ],
)
def test_the_guide_says_how_to_work_with_who_takes_part(
    role: sb.ParticipantRole, expected: str
) -> None:
    with_other = conversation(others=[sb.Participant(name="Ayşe", role=role)])
    assert expected in render(with_other)
    assert expected not in render(conversation())


def test_the_guide_offers_free_client_support_when_nobody_supports_the_client() -> None:
    offer = "Er is geen cliëntondersteuner bij. Vertel de cliënt dat de gemeente gratis hulp"
    assert offer in render(conversation())
    assert "No client support person takes part." in render(conversation(), language="en")
    ingrid = sb.Participant(name="Ingrid", role=P.CLIENT_SUPPORT)
    assert offer not in render(conversation(others=[ingrid]))


def test_the_guide_asks_for_a_professional_interpreter_not_a_relative() -> None:
    haddad = sb.Participant(name="Mevrouw Haddad", speaks="Arabisch")
    guide = " ".join(render(conversation(client=haddad)).split())
    assert "De cliënt spreekt het liefst Arabisch. Zet een professionele tolk in." in guide
    assert "zeker geen kind" in guide
    amal = sb.Participant(name="Amal", role=P.INTERPRETER)
    with_interpreter = render(conversation(client=haddad, others=[amal]))
    assert "professionele tolk in" not in with_interpreter
    assert "Tolk: Amal." in with_interpreter
    assert "spreekt het liefst" not in render(conversation())


def test_the_guide_shows_the_conversations_options_and_what_matters() -> None:
    guide = render(at_decide())
    assert "- Hulp thuis\n  - Voordeel: Vast\n  - Nadeel: Duur" in guide
    assert (
        "- Zo laten (niets veranderen)\n  - Voordeel: Rust\n  - Nadelen: nog niet genoemd" in guide
    )
    assert "- rust: heel belangrijk" in guide


def test_the_next_step_lists_open_checks_and_what_the_policy_requires() -> None:
    conv = conversation(policy=sb.Policy.strict())
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(sb.Option(key="hulp", title="Hulp thuis", pros=("Vast",)))
    text = render(conv, "next_step")
    assert "- [ ] Verplicht: Noem minstens 2 mogelijkheden. Nu is er 1." in text
    assert "- [ ] Verplicht: Noem ook de mogelijkheid om niets te veranderen." in text
    assert "Dat ontbreekt nog bij: Hulp thuis." in text
    assert "- Een optie toevoegen" in text
    assert "De opties voorleggen" not in text  # not allowed with one option


def test_the_option_grid_puts_the_options_side_by_side() -> None:
    markdown = render(golden_source("option_grid", "nl"), "option_grid")
    assert (
        "| Mijn vraag | Huishoudelijke hulp van de gemeente | Hulp van familie en buren"
        " | Zelf blijven doen wat lukt (niets veranderen) |" in markdown
    )
    # In words, as an Option Grid is answered: not a score "2 van 5".
    row = (
        "| **Past het bij \u2018Weinig kosten\u2019? (een beetje belangrijk)** | past een beetje |"
    )
    assert row + " past heel goed | onbekend |" in markdown
    assert "van 5" not in markdown
    assert "| **Wat is gekozen?** | ✓ gekozen |  |  |" in markdown


PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_the_option_grid_shows_a_picture_per_option_in_html() -> None:
    conv = conversation()
    conv.add_option(sb.Option(key="hulp", title="Hulp thuis", pros=("Vast",), picture=PIXEL))
    conv.add_option(sb.Option(key="zo", title="Zo laten", status_quo=True))
    html = render(conv, "option_grid", "html")
    assert f'<img src="{PIXEL}" alt="Hulp thuis">' in html
    assert "<figcaption>Hulp thuis</figcaption>" in html
    assert "data:image" not in render(conv, "option_grid")  # Markdown and text: words only
    again = sb.Conversation.from_json(conv.to_json())
    assert PIXEL == again.options[0].picture


@pytest.mark.parametrize(
    "picture",
    [
        "https://example.org/hulp.png",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        'data:image/png;base64,AAAA"><script>alert(1)</script>',
        "hulp.png",
        5,
    ],
)
def test_a_picture_must_be_a_data_uri_of_a_plain_image(picture: object) -> None:
    with pytest.raises(sb.InputError) as info:
        sb.Option(key="hulp", title="Hulp", picture=picture)  # type: ignore[arg-type]
    assert "picture" == info.value.field


def test_the_option_grid_without_weighing_leaves_meaning_to_discuss() -> None:
    conv = two_options(conversation())
    assert "| **Wat betekent het voor mij?** | nog bespreken | nog bespreken |" in render(
        conv, "option_grid"
    )


def test_the_summary_addresses_the_client_as_the_scenario_says() -> None:
    with_u = render(household("nl"), "summary", step="decided")
    with_je = render(household("nl", address="je"), "summary", step="decided")
    assert "Welke vragen heeft u nog?" in with_u
    assert "Welke vragen heb je nog?" in with_je
    assert "Jij en Sanne de Vries hebben samen besloten." in with_je
    assert "Dit vind jij belangrijk:" in with_je
    assert "Dit vindt u belangrijk:" not in with_je


def test_the_summary_of_a_scenario_gives_the_follow_up_in_weeks() -> None:
    summary = render(household("nl"), "summary", step="decided")
    assert "Over 6 weken kijken we samen hoe het gaat." in summary


def test_the_summary_of_a_conversation_gives_the_follow_up_date() -> None:
    summary = render(golden_source("summary", "nl"), "summary")
    assert "Op 13 april 2026 kijken we samen hoe het gaat." in summary


def test_a_script_uses_the_scenarios_lines_and_makes_the_missing_ones() -> None:
    script = render(household("nl"), "script")
    assert "**Sanne de Vries** (professional): Goedemiddag mevrouw Bakker." in script
    assert "**Ahmed Yilmaz** (cliëntondersteuner): U zei ook dat Linda het erg druk" in script
    # Step 2 is not scripted: lines are made from the options.
    assert "Huishoudelijke hulp van de gemeente. Wat goed is: U krijgt elke week" in script
    assert 5 == script.count("*Voorbeeldtekst: het scenario heeft hier geen eigen tekst.")


def test_a_script_can_be_made_from_a_conversation() -> None:
    script = render(at_decide(), "script")
    assert "**Sanne** (professional): Goedendag Mevrouw Jansen." in script
    assert 8 == script.count("*Voorbeeldtekst:")
    assert "| De professional noemt minstens 2 mogelijkheden. | ☐ |  |" in script


def test_the_observer_checklist_follows_who_takes_part() -> None:
    conv = conversation(others=[sb.Participant(name="Ayşe", role=P.INTERPRETER)])
    assert "De professional praat tegen de cliënt, niet tegen de tolk." in render(conv, "script")
    assert "niet tegen de tolk" not in render(conversation(), "script")


def test_a_decision_without_follow_up_asks_for_a_date_to_look_back() -> None:
    conv = at_decide(policy=sb.Policy(require_follow_up=False))
    conv.decide("hulp", decided_by=sb.DecisionRole.SHARED, rationale="Rust.")
    assert "Spreek een datum af om samen terug te kijken op het besluit." in render(
        conv, "next_step"
    )
    assert "We spreken nog af wanneer we samen terugkijken." in render(conv, "summary")


def test_a_script_line_by_someone_absent_shows_their_role() -> None:
    line = Line(speaker=P.INTERPRETER, text="Ik vertaal.")
    scenario = attrs.evolve(
        household("nl"), others=(), lines=((sb.Step.OPTIONS, StepLines(good=(line,))),)
    )
    assert "**tolk** (tolk): Ik vertaal." in render(scenario, "script")


def test_a_planned_decision_for_an_option_not_listed_shows_its_key() -> None:
    planned = PlannedDecision(
        option="verhuizen", decided_by=sb.DecisionRole.SHARED, rationale="Ja."
    )
    scenario = attrs.evolve(household("nl"), decision=planned)
    assert "**Zo eindigt het gesprek:** verhuizen." in render(scenario, "script")


def test_the_language_can_differ_from_the_sources_own() -> None:
    conv = at_decide()
    assert render(conv).startswith("# Gespreksleidraad Samen Beslissen")
    assert render(conv, language="en").startswith("# Conversation guide: deciding together")
    english = conversation(language="en")
    assert render(english).startswith("# Conversation guide")


# -- the same input, the same output -------------------------------------------------------


def test_rendering_is_deterministic_and_a_restored_conversation_renders_the_same() -> None:
    live = golden_source("summary", "nl")
    assert isinstance(live, sb.Conversation)
    restored = sb.Conversation.from_json(live.to_json())
    for document, format_ in itertools.product(DOCUMENTS, FORMATS):
        first = render(live, document, format_)
        assert first == render(live, document, format_)
        assert first == render(restored, document, format_)


def test_the_context_has_the_keys_its_docstring_describes() -> None:
    docstring = inspect.getdoc(_render_context.build_context) or ""
    documented = set(re.findall(r"^    (\w+)\s{2,}", docstring, re.MULTILINE))
    added_by_the_renderer = {"document", "format", "language", "fragment", "actor"}
    for source in (at_decide(), household("nl")):
        assert documented | added_by_the_renderer == set(Renderer().context(source))


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, bool, dt.date)


@pytest.mark.parametrize("source", [household("nl"), at_decide(), hostile(), _deferred()])
def test_templates_get_plain_data_only(source: sb.Conversation | Scenario) -> None:
    context = Renderer().context(source)
    assert _plain(context)
    assert {"document", "format", "language", "fragment", "question", "options"} <= set(context)


# -- arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "field", "allowed"),
    [
        ({"document": "brief"}, "document", "guide, next_step, option_grid, summary, script"),
        ({"format": "docx"}, "format", "markdown, html, text"),
        ({"language": "de"}, "language", "'nl', 'en'"),
    ],
)
def test_an_unknown_document_format_or_language_is_refused(
    arguments: dict[str, Any], field: str, allowed: str
) -> None:
    with pytest.raises(InputError) as info:
        render(at_decide(), **arguments)
    assert field == info.value.field
    assert allowed in str(info.value)


def test_a_scenario_with_an_unknown_language_or_address_is_refused() -> None:
    with pytest.raises(InputError) as info:
        render(attrs.evolve(household("nl"), language="de"))
    assert "language" == info.value.field
    with pytest.raises(InputError) as info:
        render(attrs.evolve(household("nl"), address="jij"))
    assert "address" == info.value.field
    assert "Aanspreekvorm: kies uit: u, je." == str(info.value)


def test_the_error_is_in_the_language_asked_for() -> None:
    with pytest.raises(InputError) as info:
        render(at_decide(), "brief", language="en")
    assert str(info.value).startswith("document: choose from: guide")
    assert "'brief'" in info.value.detail


@pytest.mark.parametrize("source", [None, "Welke hulp?", {"question": "Welke hulp?"}])
def test_only_a_conversation_or_scenario_can_be_rendered(source: object) -> None:
    with pytest.raises(InputError) as info:
        render(source, "guide")  # type: ignore[arg-type]  # what a caller might do
    assert "source" == info.value.field
    assert "alleen een gesprek of een scenario" in str(info.value)


def test_a_missing_template_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        Renderer(template_dirs=[tmp_path, tmp_path / "bestaat-niet"])
    assert "template_dirs[1]" == info.value.field


def test_one_folder_may_be_given_without_a_list(tmp_path: Path) -> None:
    renderer = Renderer(template_dirs=tmp_path)
    assert (tmp_path,) == renderer.template_dirs
    assert f"Renderer(template_dirs=[{tmp_path}])" == repr(renderer)


# -- user templates ------------------------------------------------------------------------------


def user_templates(tmp_path: Path, files: dict[str, str]) -> Renderer:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Renderer(template_dirs=[tmp_path])


def test_a_user_template_replaces_the_built_in_one_for_its_language(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": "Eigen leidraad: {{ question }}\n"})
    conv = at_decide()
    assert "Eigen leidraad: Welke hulp past bij u?\n" == renderer.render(conv)
    assert renderer.render(conv, language="en").startswith("# Conversation guide")
    assert renderer.render(conv, "guide", "html").startswith("<!DOCTYPE html>")


def test_a_user_base_template_replaces_the_document_in_every_language(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"_base/summary.txt.j2": "{{ language }}: {{ question }}"})
    conv = at_decide()
    assert "nl: Welke hulp past bij u?" == renderer.render(conv, "summary", "text")
    assert "en: Welke hulp past bij u?" == renderer.render(conv, "summary", "text", "en")


def test_a_user_template_takes_its_words_from_the_catalogue(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "_base/guide.md.j2": (
                '{{ _("guide.title") }}: {{ _("common.step", number=1, label=question) }}\n'
                '{% set key = "guide.here.follow_up_weeks" %}'
                "{{ ngettext(key, key, 1, weeks=1) }}"
            )
        },
    )
    conv = at_decide()
    assert (
        "Gespreksleidraad Samen Beslissen: Stap 1: Welke hulp past bij u?\n"
        "Terugkijken over 1 week." == renderer.render(conv)
    )
    assert renderer.render(conv, language="en").startswith("Conversation guide: deciding together")


def test_a_user_layout_lays_out_the_built_in_words(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "_base/_document.txt.j2": (
                '{% import "_base/" ~ document ~ ".j2" as content with context %}'
                "{{ content.doc.title|upper }}"
            )
        },
    )
    assert "GESPREKSLEIDRAAD SAMEN BESLISSEN" == renderer.render(at_decide(), "guide", "text")
    assert "SUMMARY OF OUR CONVERSATION" == renderer.render(at_decide(), "summary", "text", "en")


def test_a_translated_text_in_a_user_html_template_is_escaped_once(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "nl/next_step.html.j2": (
                '<p>{{ _("next_step.required", text=client.name) }}</p>'
                '{% set names = [client.name, _("common.unknown")]|listing %}'
                '<p>{{ _("next_step.required", text=names) }}</p>'
                '<p>{{ _("script.professional.status_quo_yes", status_quo="A & B") }}</p>'
            )
        },
    )
    html = renderer.render(hostile(), "next_step", "html")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert (
        f"<p>Verplicht: {escaped}</p>"
        f"<p>Verplicht: {escaped} en onbekend</p>"
        "<p>Ja, dat kan ook. Ook dat is een keuze: A &amp; B.</p>"
    ) == html
    english = user_templates(
        tmp_path / "en", {"en/next_step.html.j2": '{{ _("guide.inform.pitfalls") }}'}
    ).render(hostile(), "next_step", "html", "en")
    assert english.startswith("You take over: \N{LEFT SINGLE QUOTATION MARK}I&#39;ll take care")


def test_a_user_template_can_lay_out_a_built_in_content_its_own_way(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "en/summary.md.j2": (
                '{% import "_base/summary.j2" as content with context %}'
                "{% for section in content.doc.sections %}{{ section.title }}\n{% endfor %}"
            )
        },
    )
    assert renderer.render(at_decide(), "summary", language="en").startswith(
        "What was it about?\n1. What are my choices?\n"
    )


def test_user_html_templates_and_their_parts_are_escaped(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "nl/summary.html.j2": '<p>{{ client.name }}</p>{% include "deel.j2" %}',
            "deel.j2": "<p>{{ question }}</p>",
        },
    )
    html = renderer.render(hostile(), "summary", "html")
    assert "<script" not in html
    assert html.startswith("<p>&lt;script&gt;")


UNSAFE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(question) }}",
    "{{ question.__class__ }}",
    "{{ options.append(1) }}",
    "{{ client.update(name='x') }}",
    "{{ client.clear() }}",
    "{{ _.__globals__ }}",
    "{{ ngettext.__closure__ }}",
]


@pytest.mark.parametrize("payload", UNSAFE)
def test_a_user_template_cannot_reach_the_host(tmp_path: Path, payload: str) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": "Regel een\n" + payload + "\n"})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert "template_unsafe" == info.value.key
    assert "nl/guide.md.j2" == info.value.template
    assert 2 == info.value.line
    assert str(info.value).startswith("Sjabloon nl/guide.md.j2, regel 2: dit mag niet")


def test_the_built_in_content_cannot_be_changed_by_a_template(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {
            "nl/guide.md.j2": (
                '{% import "_base/guide.j2" as content with context %}'
                "{{ content.doc.sections.clear() }}"
            )
        },
    )
    with pytest.raises(TemplateError):
        renderer.render(at_decide())
    assert render(at_decide()).startswith("# Gespreksleidraad")


@pytest.mark.parametrize(
    "missing",
    [
        "{{ nonexistent }}",
        "{{ client.nickname }}",
        "{{ options[7].title }}",
        "{% set ns = namespace(a=1) %}{{ ns.b }}",
        '{{ _("guide.subtitle") }}',
        '{{ ngettext("guide.title", "guide.title", 2) }}',
        '{{ _("guide.say.options_many", count=2, titles="a en b") }}',
    ],
)
def test_a_missing_value_is_an_error_not_a_blank(tmp_path: Path, missing: str) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": "Vraag: {{ question }}\n\n" + missing})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert "template_undefined" == info.value.key
    assert ("nl/guide.md.j2", 3) == (info.value.template, info.value.line)
    assert "Sjabloon nl/guide.md.j2, regel 3: het sjabloon gebruikt iets dat niet bestaat" in str(
        info.value
    )
    assert "Template nl/guide.md.j2, line 3: " in info.value.message("en")


def test_a_missing_value_in_an_included_part_names_that_part(tmp_path: Path) -> None:
    renderer = user_templates(
        tmp_path,
        {"nl/guide.md.j2": '{% include "nl/kop.md.j2" %}', "nl/kop.md.j2": "\n\n{{ kop }}"},
    )
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert ("nl/kop.md.j2", 3) == (info.value.template, info.value.line)


def test_a_text_without_a_value_for_its_placeholder_is_an_error(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"nl/next_step.md.j2": '{{ _("next_step.required") }}'})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide(), "next_step")
    assert ("nl/next_step.md.j2", 1) == (info.value.template, info.value.line)
    assert "KeyError: 'text'" in str(info.value)


@pytest.mark.parametrize(
    ("source", "line"),
    [("Kop\n\n{% if %}\n", 3), ("{% for x in options %}\n{{ x.title }}\n", 2), ("{{ a b }}", 1)],
)
def test_a_syntax_error_names_the_template_and_line(tmp_path: Path, source: str, line: int) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": source})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert "template_syntax" == info.value.key
    assert ("nl/guide.md.j2", line) == (info.value.template, info.value.line)


def test_an_include_of_a_missing_template_is_an_error(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": 'Kop\n{% include "weg.md.j2" %}'})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert "template_not_found" == info.value.key
    assert ("nl/guide.md.j2", 2) == (info.value.template, info.value.line)
    assert "'weg.md.j2' bestaat niet" in str(info.value)


def test_a_failing_expression_is_a_template_error(tmp_path: Path) -> None:
    renderer = user_templates(tmp_path, {"nl/guide.md.j2": "{{ 1 / 0 }}"})
    with pytest.raises(TemplateError) as info:
        renderer.render(at_decide())
    assert "template_failed" == info.value.key
    assert "ZeroDivisionError" in str(info.value)
    assert repr(info.value).endswith("template='nl/guide.md.j2', line=1)")
    assert "Sjabloon nl/guide.md.j2, regel 1" == str(info.value).split(": ")[0]


# -- built once, compiled once --------------------------------------------------------------------


def test_the_default_renderer_is_built_once() -> None:
    render(at_decide())
    renderer = _render._default_renderer()
    assert renderer is _render._default_renderer()
    assert renderer._env is _render._default_renderer()._env


def test_rendering_again_reads_and_compiles_no_template(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_render.NO_CACHE, "1")  # every template is compiled once, in this process
    renderer = Renderer()
    loads: list[str] = []
    compiles: list[object] = []
    get_source, compile_ = renderer._loader.get_source, renderer._env.compile

    def counting_get_source(environment: Any, template: str) -> Any:
        loads.append(template)
        return get_source(environment, template)

    def counting_compile(*args: Any, **kwargs: Any) -> Any:
        compiles.append(args[0])
        return compile_(*args, **kwargs)

    monkeypatch.setattr(renderer._loader, "get_source", counting_get_source)
    monkeypatch.setattr(renderer._env, "compile", counting_compile)
    sources: list[sb.Conversation | Scenario] = [at_decide(), household("en")]

    def render_everything() -> None:
        for source, document, format_, language in itertools.product(
            sources, DOCUMENTS, FORMATS, LANGUAGES
        ):
            renderer.render(source, document, format_, language)

    render_everything()
    assert "_base/guide.j2" in loads
    assert compiles
    loads.clear()
    compiles.clear()
    render_everything()
    assert [] == loads
    assert [] == compiles


# -- the texts -------------------------------------------------------------------------------------


def test_the_built_in_templates_have_no_language_folders() -> None:
    names = sorted(
        p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*")
    )
    assert all(name.startswith("_base") for name in names)


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("format_", FORMATS)
def test_english_says_the_same_to_je_as_to_u(document: str, format_: str) -> None:
    assert render(household("en"), document, format_) == render(
        household("en", address="je"), document, format_
    )


@pytest.mark.parametrize("document", DOCUMENTS)
def test_dutch_says_je_where_the_scenario_does(document: str) -> None:
    with_u = render(household("nl"), document, "text")
    with_je = render(household("nl", address="je"), document, "text")
    if document in ("next_step", "role_cards", "observer_sheet", "trainer_key"):
        # They speak to the professional, the players, the observers and the trainer.
        assert with_u == with_je
    else:
        assert with_u != with_je
        assert re.search(r"\b(je|jij|jou|jouw)\b", with_je)


def test_counts_take_the_plural_form_that_fits() -> None:
    one = conversation(policy=sb.Policy(min_options=1))
    one.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    assert "Noem minstens 1 mogelijkheid. Nu zijn het er 0." in render(one, "next_step")
    assert "Name at least 1 option. There are 0 now." in render(one, "next_step", language="en")
    assert "Er ligt minstens 1 mogelijkheid op tafel." in render(one)
    assert "De professional noemt minstens 1 mogelijkheid." in render(one, "script")
    one_week = attrs.evolve(
        household("nl"),
        decision=PlannedDecision(option="council", decided_by=sb.DecisionRole.SHARED,
                                 rationale="Ja.", follow_up_weeks=1),
    )  # fmt: skip
    decided = "decided"
    assert "Over 1 week kijken we samen hoe het gaat." in render(one_week, "summary", step=decided)
    assert "Terugkijken over 1 week." in render(one_week, step=decided)
    assert "In 1 week we will look together" in render(
        one_week, "summary", language="en", step=decided
    )


@pytest.mark.parametrize(
    ("initial", "informed", "expected"),
    [
        ("werkervaring", "niets", "De voorkeur is verschoven. Eerst: Werkervaringsplaats."),
        ("niets", "niets", "Voorkeur van de cliënt na de uitleg: Nu niets veranderen"),
        ("niets", None, "Eerste voorkeur van de cliënt: Nu niets veranderen"),
    ],
)
def test_the_guide_shows_how_the_clients_preference_moved(
    initial: str, informed: str | None, expected: str
) -> None:
    conv = at(sb.Step.PREFERENCES)
    conv.weigh({"inkomen": 3}, initial_preference=initial, informed_preference=informed)
    assert expected in render(conv)


def test_compiled_templates_are_kept_for_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_render.CACHE_DIR, str(tmp_path))
    cache = _render.cache_folder()
    assert cache is not None
    assert tmp_path == cache.parent
    first = Renderer()
    compiled: list[str] = []
    compile_ = first._env.compile
    monkeypatch.setattr(
        first._env, "compile", lambda *a, **k: compiled.append(a[1]) or compile_(*a, **k)
    )
    expected = first.render(at_decide())
    assert "_base/guide.j2" in compiled
    assert sorted(cache.iterdir())
    second = Renderer()  # a new environment, as in a new process
    monkeypatch.setattr(second._env, "compile", lambda *a, **k: pytest.fail(f"compiled {a[1]}"))
    assert expected == second.render(at_decide())


def test_a_changed_template_is_compiled_again_despite_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_render.CACHE_DIR, str(tmp_path / "cache"))
    own = tmp_path / "templates" / "nl"
    own.mkdir(parents=True)
    (own / "next_step.md.j2").write_text("eerst\n", encoding="utf-8")
    assert "eerst\n" == Renderer(template_dirs=[own.parent]).render(at_decide(), "next_step")
    (own / "next_step.md.j2").write_text("daarna\n", encoding="utf-8")
    assert "daarna\n" == Renderer(template_dirs=[own.parent]).render(at_decide(), "next_step")


def test_no_cache_when_it_is_switched_off_or_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_render.NO_CACHE, "1")
    assert _render.cache_folder() is None
    assert Renderer()._env.bytecode_cache is None
    monkeypatch.delenv(_render.NO_CACHE)
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(_render.CACHE_DIR, str(blocked / "cache"))
    renderer = Renderer()
    assert renderer._env.bytecode_cache is None
    assert renderer.render(at_decide()).startswith("# Gespreksleidraad")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG cache folder is Linux's")
def test_the_default_cache_folder_is_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(_render.CACHE_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = _render.cache_folder()
    assert folder is not None
    assert tmp_path / "samenbeslissen" == folder.parent
    assert folder.name.startswith("templates-")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can write")
def test_a_cache_folder_that_cannot_be_written_is_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # /proc/self exists and is a folder, but no process can make files in it, not even root.
    monkeypatch.setattr(_render, "cache_folder", lambda: Path("/proc/self"))
    renderer = Renderer()
    assert renderer._env.bytecode_cache is not None
    assert renderer.render(at_decide()).startswith("# Gespreksleidraad")


def test_a_damaged_cache_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_render.CACHE_DIR, str(tmp_path))
    expected = Renderer().render(at_decide())
    folder = _render.cache_folder()
    assert folder is not None
    for cached in folder.iterdir():
        cached.write_bytes(cached.read_bytes()[:20])
    assert expected == Renderer().render(at_decide())


@pytest.mark.parametrize("document", ["guide", "summary"])
def test_a_reconsidered_decision_is_shown_with_its_evaluation_and_reason(document: str) -> None:
    from tests.strategies import at

    conv = at(sb.Step.EVALUATED)
    conv.reconsider(reason="De plek was te zwaar.")

    text = sb.render(conv, document, format="text")

    assert "Eerder besluit, opnieuw bekeken" in text
    assert "Eerder gekozen, op 2 maart 2026: Werkervaringsplaats" in text
    assert "Terugblik: Het gaat goed." in text
    assert "Waarom opnieuw: De plek was te zwaar." in text
    assert "Eerder besluit" not in sb.render(at(sb.Step.EVALUATED), document, format="text")


@pytest.mark.parametrize(("document", "language"), list(itertools.product(DOCUMENTS, LANGUAGES)))
def test_json_holds_the_templates_data_and_the_document_they_build(
    document: str, language: str
) -> None:
    import json

    from tests.strategies import at

    conv = at(sb.Step.DECIDE)

    found = json.loads(sb.render(conv, document, format="json", language=language))

    assert {"document", "language", "data", "doc"} == set(found)
    assert (document, language) == (found["document"], found["language"])
    assert conv.step.label(language) == found["data"]["status"]["label"]
    assert [o.key for o in conv.options] == [o["key"] for o in found["data"]["options"]]
    # The same document as the other formats: its title and every section title.
    text = sb.render(conv, document, format="text", language=language)
    assert found["doc"]["title"] in text
    for section in found["doc"]["sections"]:
        assert section["title"] in text


def test_json_of_a_report_and_of_a_scenario_is_plain_json() -> None:
    import json

    from tests.strategies import council_conversation

    report = sb.report([council_conversation(sdm=3) for _ in range(6)])
    assert "report" == json.loads(sb.render(report, "report", format="json"))["document"]
    scenario = sb.demo_scenario()
    data = json.loads(sb.render(scenario, "script", format="json"))["data"]
    assert (True, scenario.title) == (data["planned"], data["title"])
    # The guide shows the scenario's conversation at the start: nothing planned shown.
    data = json.loads(sb.render(scenario, "guide", format="json"))["data"]
    assert (False, scenario.title, None) == (data["planned"], data["title"], data["decision"])


def test_json_text_is_not_escaped_for_markdown() -> None:
    import json

    from tests.strategies import at

    conv = at(sb.Step.DECIDE)
    conv.add_option(sb.Option(key="x", title="*Niet* vet_gedrukt", pros=["a"], cons=["b"]))

    data = json.loads(sb.render(conv, "option_grid", format="json"))["data"]

    assert "*Niet* vet_gedrukt" == data["options"][-1]["title"]


def test_json_of_a_template_that_sets_no_document_is_a_template_error(tmp_path: Path) -> None:
    from tests.strategies import at

    (tmp_path / "_base").mkdir()
    (tmp_path / "_base" / "summary.j2").write_text("{% set other = 1 %}\n", encoding="utf-8")
    renderer = sb.Renderer(template_dirs=[tmp_path])

    with pytest.raises(TemplateError) as caught:
        renderer.render(at(sb.Step.DECIDE), "summary", format="json")

    assert "_base/summary.j2 sets no 'doc'" in str(caught.value)


# -- the summary says what happens now -------------------------------------------------


def _decided(decided_by: sb.DecisionRole, **kwargs: Any) -> sb.Conversation:
    sanne = sb.Participant(name="Sanne", contact="06-12345678")
    conv = at_decide(professional=sanne)
    conv.decide("hulp", decided_by=decided_by, rationale="Vast.", follow_up=dt.date(2026, 6, 1),
                **kwargs)  # fmt: skip
    return conv


def test_the_summary_says_who_does_what_and_how_to_reach_the_professional() -> None:
    conv = _decided(sb.DecisionRole.SHARED, agreements=["Sanne vraagt de hulp aan, deze week."])
    summary = render(conv, "summary")
    assert "## Wat gebeurt er nu?" in summary
    assert "- Sanne vraagt de hulp aan, deze week." in summary
    assert "- Heeft u vragen? Neem contact op met Sanne: 06-12345678." in summary
    assert "bezwaar" not in summary  # decided together, no formal decision
    assert "- Any questions? Contact Sanne: 06-12345678." in render(conv, "summary", language="en")
    again = sb.Conversation.from_json(conv.to_json())
    assert again.decision is not None
    assert ("Sanne vraagt de hulp aan, deze week.",) == again.decision.agreements
    assert "06-12345678" == again.professional.contact


def test_the_summary_says_how_to_object_to_a_formal_decision_within_six_weeks() -> None:
    formal = render(_decided(sb.DecisionRole.SHARED, formal_decision=True), "summary")
    text = " ".join(formal.split())
    assert "U krijgt een brief met dit besluit: een beschikking." in text
    assert "Dat moet binnen 6 weken na de datum van de brief." in text
    by_professional = " ".join(
        render(_decided(sb.DecisionRole.PROFESSIONAL_ALONE), "summary").split()
    )
    assert (
        "Sanne heeft dit besluit genomen. Bent u het er niet mee eens? Zeg het." in by_professional
    )
    sanne = sb.Participant(name="Sanne")
    youth = at_decide(professional=sanne, address="je")
    youth.decide("hulp", decided_by=sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, rationale="Vast.",
                 follow_up=dt.date(2026, 6, 1), formal_decision=True)  # fmt: skip
    assert "Ben je het niet eens met het besluit? Dan kun je bezwaar maken." in " ".join(
        render(youth, "summary").split()
    )


def test_a_summary_without_agreements_contact_or_objection_has_no_what_now_section() -> None:
    conv = at_decide()
    conv.decide("hulp", decided_by=sb.DecisionRole.SHARED, rationale="Vast.",
                follow_up=dt.date(2026, 6, 1))  # fmt: skip
    assert "Wat gebeurt er nu?" not in render(conv, "summary")
    with pytest.raises(sb.InputError) as info:
        _decided(sb.DecisionRole.SHARED, agreements=["goed", " "])
    assert "agreements[1]" == info.value.field


# -- a scenario at a step ------------------------------------------------------------------

YOUTH_SCENARIO = sb.load_scenario(Path(__file__).parents[1] / "examples" / "jeugdhulp-keuze.yaml")


@pytest.mark.parametrize("document", ["option_grid", "summary", "guide", "next_step"])
def test_a_scenario_rendered_at_the_start_shows_nothing_chosen(document: str) -> None:
    text = render(YOUTH_SCENARIO, document, "text")
    assert "gekozen" not in text
    assert "Je kiest voor" not in text
    assert "Daan Visser" in text or document == "next_step"
    decided = render(YOUTH_SCENARIO, document, "text", step="decided")
    if document in ("option_grid", "summary"):
        assert "gekozen" in decided or "Je kiest voor" in decided


@pytest.mark.parametrize("step", ["inform", "options", "preferences", "decide", "decided"])
def test_playing_to_a_step_keeps_the_scenarios_people_title_and_address(step: str) -> None:
    guide = render(YOUTH_SCENARIO, "guide", "text", step=step)
    summary = render(YOUTH_SCENARIO, "summary", "text", step=step)
    assert "Welke hulp past bij Daan?" in summary  # the title
    assert "Fatima El Khatib, jeugdconsulent van het wijkteam" in summary  # the function
    assert "(ouder met gezag, moeder)" in summary  # the relation
    assert "Welke vragen heb je nog?" in summary  # "je", as the scenario says
    assert "je" == YOUTH_SCENARIO.address
    assert "“Je mag meebeslissen." in guide


def test_the_script_keeps_every_line_the_trainer_wrote_at_any_step() -> None:
    plan = render(YOUTH_SCENARIO, "script", "text")
    for step in ("inform", "decided"):
        assert plan == render(YOUTH_SCENARIO, "script", "text", step=step)
    lines = [line.text for _, scripted in YOUTH_SCENARIO.lines for line in scripted.pitfall]
    assert lines
    flat = " ".join(plan.split())
    for line in lines:
        assert " ".join(line.split())[:40] in flat


def test_a_step_is_for_a_scenario_only_and_must_be_one_it_can_play_to() -> None:
    with pytest.raises(sb.InputError) as info:
        render(at_decide(), "guide", step="decided")
    assert ("step", "render_step_scenario") == (info.value.field, info.value.key)
    with pytest.raises(sb.InputError) as info:
        render(YOUTH_SCENARIO, "guide", step="evaluated")
    assert "step" == info.value.field
