"""Tests of exploring in a notebook: rich displays, scenario variants and tables."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest

import samenbeslissen as sb
from samenbeslissen.explore import display
from samenbeslissen.explore.style import scoped
from samenbeslissen.rendering.renderer import stylesheet
from tests.strategies import at, ticking_clock

EXAMPLES = Path(__file__).parent.parent / "examples"
EXAMPLE = EXAMPLES / "wmo-huishoudelijke-hulp.yaml"
S = sb.Step


def test_a_conversation_shows_its_steps_with_the_current_one_marked() -> None:
    text = at(S.PREFERENCES)._repr_markdown_()
    assert "- ✔ 1. Keuze (klaar)" in text
    assert "- ✔ 2. Opties (klaar)" in text
    assert "- ▶ 3. Voorkeur (nu)" in text
    assert "- · 4. Beslissing (nog niet)" in text
    assert "Opties: Werkervaringsplaats, Nu niets veranderen" in text


def test_a_decided_conversation_shows_all_steps_done_and_the_decision() -> None:
    conv = at(S.DECIDED, language="en")
    text = conv._repr_markdown_()
    assert 4 == text.count("(done)")
    assert "Decision: Werkervaringsplaats" in text
    assert "Decision: Werkervaringsplaats" in conv._repr_html_()


def test_a_deferred_conversation_shows_where_it_paused() -> None:
    text = at(S.DEFERRED)._repr_markdown_()
    assert "▶" not in text
    assert "- ‖ 4. Beslissing (uitgesteld)" in text
    assert "#f4cccc" in at(S.DEFERRED)._repr_html_()


def test_the_html_view_escapes_the_data() -> None:
    conv = sb.Conversation(
        "<script>alert(1)</script>",
        client=sb.Participant(name="A"),
        professional=sb.Participant(name="B"),
        clock=ticking_clock(),
    )
    view = conv._repr_html_()
    assert "<script>" not in view
    assert "&lt;script&gt;" in view


def ranking() -> sb.Ranking:
    weighing = sb.Weighing.from_mappings(
        {"vast": 5, "papier": 4},
        {"zo_laten": {"vast": 0, "papier": 5}, "pgb": {"vast": 5, "papier": None}},
    )
    return weighing.ranking()


def test_the_ranking_is_a_table_and_a_bar_chart() -> None:
    result = ranking()
    assert "| 1 | pgb | 25 / 45 | 4 |" in result._repr_markdown_()
    assert result.to_markdown("en").startswith("| Rank | Option | total | unknown weight |\n")
    svg = ElementTree.fromstring(result._repr_html_())
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#6aa84f"]
    # pgb: 25 of 45 -> 440 x 25/45 = 244.4 pixels; zo_laten: 20 of 45 -> 195.6.
    assert ["244.4", "195.6"] == [bar.get("width") for bar in bars]
    assert [
        {"rank": 1, "option": "pgb", "total": 25, "maximum": 45, "unknown_weight": 4,
         "points.vast": 25, "points.papier": None},
        {"rank": 2, "option": "zo_laten", "total": 20, "maximum": 45, "unknown_weight": 0,
         "points.vast": 0, "points.papier": 20},
    ] == result.rows()  # fmt: skip


def tied_conversation(language: str = "nl") -> sb.Conversation:
    """Daan's scenario with what his parents find important: two options tie at 51."""
    scenario = sb.load_scenario(EXAMPLES / "jeugdhulp-keuze.yaml")
    profile = {"zelf_kiezen": 2, "rust_thuis": 5}
    criteria = tuple(
        attrs.evolve(c, importance=profile.get(c.key, c.importance)) for c in scenario.criteria
    )
    return attrs.evolve(scenario, criteria=criteria, language=language).play()


def test_a_conversations_ranking_shows_the_options_by_their_titles() -> None:
    conv = at(S.DECIDED, language="en")
    result = conv.ranking()
    assert ("niets", "werkervaring") == result.order()  # the data keeps the keys
    assert result == conv.weighing.ranking([o.key for o in conv.options])
    text = result._repr_markdown_()
    assert text.startswith("| Rank | Option | total | unknown weight |\n")
    assert "| 1 | Nu niets veranderen | 15 / 40 | 5 |" in text
    assert "| niets |" not in text
    svg = ElementTree.fromstring(result._repr_html_())
    labels = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    # Each label holds its title twice: whole for hovering, then cut to fit (here: whole).
    assert ["1. Nu niets veranderen" * 2, "2. Werkervaringsplaats" * 2] == labels[0::2]


def test_a_long_title_is_cut_above_its_bar_and_shown_whole_on_hovering() -> None:
    title = "Een optie met een titel die veel langer is dan er boven een balk past, zeker weten"
    result = attrs.evolve(ranking(), titles={"pgb": title})
    svg = ElementTree.fromstring(result._repr_html_())
    label = next(svg.iter("{http://www.w3.org/2000/svg}text"))
    assert f"1. {title}" == label[0].text
    assert (
        "1. Een optie met een titel die veel langer is dan er boven een balk past,…"
        == label[0].tail
    )


def test_a_tie_for_first_place_reads_as_a_tie() -> None:
    result = tied_conversation().ranking()
    assert result.tied_at_top
    shared = (
        "Gedeeld eerste: Gesprekken met een hulpverlener van het wijkteam en "
        "Begeleiding van het hele gezin thuis (51)"
    )
    assert shared == result.describe_top()
    assert result._repr_markdown_().startswith(f"**{shared}**\n\n| Plaats |")
    assert ">2 opties staan samen bovenaan, met 51 punten</text>" in result._repr_html_()
    assert "Shared first: Gesprekken" in str(result.describe_top("en"))
    single = at(S.DECIDED).ranking()
    assert "Nu niets veranderen (15)" == single.describe_top()
    assert "**" not in single._repr_markdown_()
    assert "samen bovenaan" not in single._repr_html_()
    assert sb.Ranking(options=()).describe_top() is None


def test_a_ranking_without_options_says_so() -> None:
    assert "<p>There are no options.</p>" == sb.Ranking(options=()).to_html("en")
    assert ["Er zijn geen opties."] == sb.Sensitivity(top=None, flips=()).sentences()


def test_the_sensitivity_says_in_words_when_the_choice_flips() -> None:
    weighing = sb.Weighing.from_mappings(
        {"dichtbij_huis": 4, "inkomen": 5},
        {"werk": {"dichtbij_huis": 2, "inkomen": 4}, "niets": {"dichtbij_huis": 5, "inkomen": 0}},
    )
    result = weighing.sensitivity()
    assert [
        "'Dicht bij huis' (4): de keuze blijft gelijk, van 0 tot 5.",
        "De keuze kantelt naar niets als 'inkomen' zakt van 5 naar 2.",
    ] == result.sentences(labels={"dichtbij_huis": "Dicht bij huis"})
    assert "drops from 5 to 2" in result.sentences(language="en")[1]
    assert result._repr_markdown_().startswith("- ")
    assert "<li>De keuze kantelt" in result._repr_html_()


def test_the_sensitivity_names_options_by_title_and_criteria_in_the_clients_words() -> None:
    scenario = sb.load_scenario(EXAMPLES / "reintegratie-participatiewet.yaml")
    result = attrs.evolve(scenario, language="en").play().sensitivity()
    assert "afwachten" == result.top  # the data keeps the keys
    assert (
        "- The choice flips to Werkervaringsplaats bij de kringloopwinkel if "
        "'Mijn rug niet overbelasten' drops from 5 to 4.\n"
    ) == result._repr_markdown_().splitlines(keepends=True)[0]
    assert "rug_ontzien" not in result._repr_html_()
    assert "werkervaring " not in result._repr_html_()


def test_the_sensitivity_says_first_that_the_top_is_shared() -> None:
    result = tied_conversation().sensitivity()
    assert ("wijkteam", ("gezinsbegeleiding",)) == (result.top, result.tied_with)
    lines = result.sentences()
    assert (
        "Gesprekken met een hulpverlener van het wijkteam en Begeleiding van het hele gezin thuis "
        "staan samen bovenaan. De zinnen hieronder gaan over Gesprekken met een hulpverlener van "
        "het wijkteam."
    ) == lines[0]
    assert (
        "De keuze kantelt naar Begeleiding van het hele gezin thuis als 'Snel beginnen' zakt "
        "van 4 naar 3."
    ) in lines
    assert "share first place" in tied_conversation("en").sensitivity()._repr_markdown_()


def test_a_preview_shows_a_document_in_both_forms() -> None:
    shown = sb.preview(at(S.PREFERENCES), "option_grid")
    assert shown._repr_markdown_() == str(shown)
    assert "Werkervaringsplaats" in shown._repr_html_()
    assert "<html" not in shown._repr_html_()


def _style_of(html: str) -> str:
    assert html.startswith('<div class="sb-preview">\n<style>\n')
    return html.split("<style>\n", 1)[1].split("\n</style>", 1)[0]


def test_a_preview_in_a_notebook_has_the_documents_style_only_inside_it() -> None:
    shown = sb.preview(at(S.PREFERENCES), "option_grid")
    html = shown._repr_html_()
    assert html.endswith(f"{shown.html}\n</div>")
    style = _style_of(html)
    rules = [line for line in style.splitlines() if "{" in line and not line.startswith("@")]
    selectors = [s.strip() for rule in rules for s in rule.split(" {")[0].split(", ")]
    assert len(selectors) > 40
    assert [] == [s for s in selectors if not s.startswith("div.sb-preview")]
    # Every rule of the HTML documents is in it, scoped: the option grid's cells align left.
    assert (
        "div.sb-preview .sb-table th, div.sb-preview .sb-table td { padding: .4rem .55rem; "
        "border: 1px solid #9aa4ad; text-align: left; vertical-align: top; }"
    ) in style
    for line in stylesheet().splitlines():
        if line.startswith((".sb-", "body ")) and line.endswith("}"):
            assert line.split(" {", 1)[1] in style
    # The page's font and colours go to the preview; a page's margins for paper cannot.
    assert "div.sb-preview { margin: 0; background: #fff; color: #1b1f23;" in style
    assert "@page" not in style
    assert "@media print {\n  div.sb-preview { font-size: 11pt;" in style


def test_a_preview_style_cannot_end_its_style_element() -> None:
    css = "p::after { content: '</style><script>alert(1)</script>'; }"
    html = sb.Preview("", "<p>x</p>", css)._repr_html_()
    assert "</style><script>" not in html
    assert 1 == html.count("</style>")
    assert '<div class="sb-preview">\n<p>x</p>\n</div>' == sb.Preview("", "<p>x</p>")._repr_html_()


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("body { margin: 0; }", "div.s { margin: 0; }"),
        (":root { x: 1 } html body .a { y: 2 }", "div.s { x: 1 }\ndiv.s .a { y: 2 }"),
        ("h1, .a > p { x: 1; }", "div.s h1, div.s .a > p { x: 1; }"),
        (":is(h1, h2) { x: 1 }", "div.s :is(h1, h2) { x: 1 }"),
        ('a[title="x, y"], p { x: 1 }', 'div.s a[title="x, y"], div.s p { x: 1 }'),
        ("/* a } comment */ p { content: \"}{\"; }", 'div.s p { content: "}{"; }'),
        ("@media print { p { x: 1 } }", "@media print {\n  div.s p { x: 1 }\n}"),
        ("@import url(x.css); @page { margin: 1cm } @font-face { a: b } p { x: 1 }",
         "div.s p { x: 1 }"),
    ],
)  # fmt: skip
def test_a_style_sheet_is_limited_to_one_element(css: str, expected: str) -> None:
    assert expected == scoped(css, "div.s")


def test_a_scenario_shows_who_what_and_the_plan_in_a_table() -> None:
    scenario = sb.load_scenario(EXAMPLES / "jeugdhulp-keuze.yaml")
    text = scenario._repr_markdown_()
    assert text.startswith("| Scenario | Welke hulp past bij Daan? |\n| --- | --- |\n")
    assert (
        "| **Wie doen mee** | Daan Visser (cliënt)<br>"
        "Fatima El Khatib (professional, jeugdconsulent van het wijkteam)<br>"
        "Petra Visser (ouder met gezag, moeder)<br>Erik Visser (ouder met gezag, vader) |"
    ) in text
    assert "| **Zo wil de cliënt beslissen** | Cliënt en professional beslissen samen. |" in text
    assert "<br>Nu nog geen hulp, over zes weken opnieuw kijken (niets veranderen) |" in text
    assert "<br>Minder ruzie thuis (belang 4, wens van Petra Visser)<br>" in text
    assert (
        "| **Gepland besluit** | Gesprekken met een hulpverlener van het wijkteam<br>"
        "Cliënt en professional beslissen samen.<br>Terugkijken over 6 weken. |"
    ) in text
    html = scenario._repr_html_()
    assert '<table class="sb-scenario" lang="nl" style="margin-left:0">' in html
    assert "<li>Snel beginnen (belang 4)</li>" in html
    # A notebook aligns table cells right; words read better from the left.
    assert 16 == html.count('style="text-align:left;vertical-align:top"')


def test_a_scenario_view_speaks_the_scenarios_language_and_escapes_its_data() -> None:
    scenario = attrs.evolve(
        sb.load_scenario(EXAMPLE),
        language="en",
        title="<b>Help</b> | *now*",
        client=sb.ClientPersona(name="Mr Jansen"),
        goal=None,
        criteria=(),
        decision=None,
    )
    text = scenario._repr_markdown_()
    assert text.startswith("| Scenario | \\<b\\>Help\\</b\\> \\| \\*now\\* |")
    assert "| **How the client wants to decide** | Not known yet. |" in text
    assert "Goal" not in text
    assert "What matters" not in text
    assert "Planned decision" not in text
    assert "&lt;b&gt;Help&lt;/b&gt; | *now*</th>" in scenario._repr_html_()


def test_variants_compare_value_profiles_side_by_side() -> None:
    scenario = sb.load_scenario(EXAMPLE)
    result = sb.variants(
        scenario,
        profiles={"zoals gepland": {}, "zelf kiezen telt": {"zelf_kiezen": 5, "vast_gezicht": 5}},
    )
    assert 2 == len(result)
    rows = result.rows()
    assert ["zoals gepland", "zelf kiezen telt"] == [row["variant"] for row in rows]
    # As planned: andere_aanbieder 5x4 + 4x4 + 3x2 + 2x1 = 44; pgb 5x5 + 4x1 + 2x5 = 39.
    assert ("andere_aanbieder", 44) == (rows[0]["top"], rows[0]["top_total"])
    # With zelf_kiezen 5: pgb 25 + 4 + 25 = 54 beats andere_aanbieder 20 + 16 + 6 + 5 = 47.
    assert ("pgb", 54) == (rows[1]["top"], rows[1]["top_total"])
    assert rows[0]["decision_is_top"] is True
    assert rows[1]["decision_is_top"] is False
    # The notebook table: titles and labels, not keys; what both share said once, above it.
    text = result._repr_markdown_()
    assert text.startswith(
        "- **Zo wil de cliënt beslissen:** Cliënt en professional beslissen samen.\n"
        "- **Belang van \u2018Een vaste hulp die ik ken\u2019:** 5\n"
    )
    assert "- **Besluit:** Een andere aanbieder met een vaste hulp\n" in text
    assert (
        "| Waardenprofiel | Belang van \u2018Zelf kiezen wie er komt\u2019 | Eerste in de rangorde "
        "| Besluit is eerste in de rangorde |\n"
    ) in text
    assert "| zelf kiezen telt | 5 | Een persoonsgebonden budget (pgb) (54) | nee |" in text
    assert "pgb (54)" not in text
    html = result._repr_html_()
    assert '<td style="text-align:left;vertical-align:top">Een persoonsgebonden budget' in html
    assert "<td>pgb</td>" not in html


def test_variants_say_a_tie_at_the_top_as_a_tie() -> None:
    scenario = sb.load_scenario(EXAMPLES / "jeugdhulp-keuze.yaml")
    result = sb.variants(scenario, profiles={"ouders": {"zelf_kiezen": 2, "rust_thuis": 5}})
    (row,) = result.rows()
    assert (True, "wijkteam", 51) == (row["tied_at_top"], row["top"], row["top_total"])
    assert row["decision_is_top"] is True
    assert (
        "| Gedeeld eerste: Gesprekken met een hulpverlener van het "
        "wijkteam en Begeleiding van het hele gezin thuis (51) |"
    ) in result._repr_markdown_()
    # The decision counts as first when it is any of the options that share first place.
    other = attrs.evolve(scenario.decision, option="gezinsbegeleiding")
    (row,) = sb.variants(
        attrs.evolve(scenario, decision=other),
        profiles={"ouders": {"zelf_kiezen": 2, "rust_thuis": 5}},
    ).rows()
    assert row["decision_is_top"] is True


def test_variants_compare_decision_roles() -> None:
    scenario = sb.load_scenario(EXAMPLE)
    result = sb.variants(scenario, roles=list(sb.DecisionRole), language="en")
    assert 5 == len(result)
    rows = result.rows()
    assert [r.value for r in sb.DecisionRole] == [row["preferred_role"] for row in rows]
    assert all(v.conversation.step is S.DECIDED for v in result)
    assert result.variants[0].name.endswith("The client decides alone.")
    # The scenario's plan is to decide together: only that wish is met.
    assert {"shared"} == {row["decided_by"] for row in rows}
    assert [False, False, True, False, False] == [row["decided_as_wished"] for row in rows]


def test_comparing_roles_shows_what_differs_between_them() -> None:
    result = sb.variants(sb.load_scenario(EXAMPLE), roles=list(sb.DecisionRole), language="en")
    text = result._repr_markdown_()
    # What the roles share is said once: the profile, the ranking, the decision, who decided.
    common, table = text.split("\n\n")
    assert "- **Who decided:** Client and professional decide together." in common
    assert "- **Decision:** Een andere aanbieder met een vaste hulp" in common
    lines = table.splitlines()
    assert (
        "| How the client wants to decide | As the client wished | What the guide asks in step 1 "
        "| What the guide asks at the decision |"
    ) == lines[0]
    body = lines[2:]
    assert 5 == len(body) == len(set(body)), "five different rows"
    assert body[0].startswith(
        "| The client decides alone. | no | The client wants to decide alone. Explain every option"
    )
    assert "| Client and professional decide together. | yes | " in body[2]
    assert body[4].endswith(
        "| The client wants you to decide: make a proposal, explain why, "
        "and ask whether the client agrees. |"
    )
    html = result._repr_html_()
    assert 5 == html.count("<tr><td ")
    assert (
        "De cliënt wil zelf beslissen"
        in sb.variants(sb.load_scenario(EXAMPLE), roles=list(sb.DecisionRole))._repr_html_()
    )


def test_without_a_planned_decision_nothing_is_said_about_it() -> None:
    scenario = attrs.evolve(sb.load_scenario(EXAMPLE), decision=None)
    result = sb.variants(scenario, roles=[sb.DecisionRole.SHARED, sb.DecisionRole.CLIENT_ALONE])
    assert all(v.conversation.decision is None for v in result)
    rows = result.rows()
    assert [None, None] == [row["decided_as_wished"] for row in rows]
    assert [None, None] == [row["decision_is_top"] for row in rows]
    text = result._repr_markdown_()
    for heading in ("Besluit", "Wie besliste", "Zoals de cliënt wilde"):
        assert heading not in text
    assert "| Zo wil de cliënt beslissen | Dit vraagt de gids in stap 1 | " in text


def test_one_variant_shows_every_column() -> None:
    result = sb.variants(sb.load_scenario(EXAMPLE))
    text = result._repr_markdown_()
    assert text.startswith("| Waardenprofiel | Zo wil de cliënt beslissen | Belang van ")
    assert "| zoals in het scenario | Cliënt en professional beslissen samen. | 5 | " in text


@pytest.mark.parametrize(
    ("profiles", "field"),
    [
        ({"x": {"onbekend": 3}}, "profiles['x']['onbekend']"),
        ({"x": {"vast_gezicht": 9}}, "profiles['x']['vast_gezicht']"),
    ],
)
def test_a_bad_profile_is_refused(profiles: dict[str, dict[str, int]], field: str) -> None:
    with pytest.raises(sb.InputError) as info:
        sb.variants(sb.load_scenario(EXAMPLE), profiles=profiles)
    assert field == info.value.field


def test_only_a_scenario_has_variants() -> None:
    with pytest.raises(sb.InputError):
        sb.variants(at(S.INFORM))  # type: ignore[arg-type]


def test_tables_need_pandas_and_say_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(sb.OptionalDependencyError) as info:
        at(S.DECIDED).to_frame()
    assert isinstance(info.value, ImportError)
    assert "pip install 'samenbeslissen[pandas]'" in str(info.value)


def test_tables_are_built_from_plain_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda rows: ("frame", rows)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    kind, rows = at(S.OPTIONS).to_frame()
    assert "frame" == kind
    assert ["inform", "add_option", "add_option"] == [row["action"] for row in rows]
    assert ("frame", ranking().rows()) == ranking().to_frame()
    variants = sb.variants(sb.load_scenario(EXAMPLE))
    assert ("frame", variants.rows()) == variants.to_frame()


def council_report(decided: int, at_options: int) -> sb.Report:
    return sb.report(
        [at(S.DECIDED) for _ in range(decided)] + [at(S.OPTIONS) for _ in range(at_options)]
    )


def test_a_council_report_shows_its_counts_per_step_and_that_it_is_anonymised() -> None:
    result = council_report(decided=6, at_options=5)
    text = result._repr_markdown_()
    assert text.startswith("**Ervaringen met Samen Beslissen** (11 gesprekken)\n")
    assert "| Stap 1 is gezet | 11 |" in text
    assert "| Besluit genomen (stap 4) | 6 |" in text
    assert "| Besluit later geëvalueerd | 0 |" in text  # zero is never hidden
    assert "Er staan geen namen in. Elk getal gaat over minstens 5 gesprekken." in text
    assert "<tr><td>Decision made (step 4)</td><td>6</td></tr>" in display.report_html(result, "en")


def test_a_council_report_hides_small_counts_and_shows_nothing_for_too_few() -> None:
    shown = council_report(decided=3, at_options=3)._repr_html_()
    assert "<tr><td>Besluit genomen (stap 4)</td><td>x</td></tr>" in shown
    too_few = council_report(decided=2, at_options=0)._repr_markdown_()
    assert "| x |" not in too_few
    assert "Er zijn minder dan 5 gesprekken. Dan tonen we niets" in too_few


def test_a_display_template_refuses_a_key_the_catalogue_lacks() -> None:
    template = display._environment().from_string('{{ _("display.no_such_text") }}')
    with pytest.raises(KeyError, match=r"no message 'display\.no_such_text'"):
        template.render(language="nl")


def test_the_display_module_loads_only_the_core() -> None:
    """The core's display hooks may import it lazily: it must not pull in the layers above."""
    script = textwrap.dedent(
        """
        import sys
        import samenbeslissen.explore.display
        print(*sorted(sys.modules))
        import samenbeslissen as sb
        conv = sb.Conversation(
            "Vraag", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
        )
        conv._repr_html_()
        print(*sorted(sys.modules))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    on_import, after_showing = (set(line.split()) for line in run.stdout.splitlines())
    above = ("samenbeslissen.analysis", "samenbeslissen.rendering", "samenbeslissen.scenarios")
    assert "samenbeslissen.core.steps" in on_import
    assert [] == [m for m in on_import if m.startswith((*above, "jinja2", "pandas"))]
    assert "jinja2" in after_showing
    assert [] == [
        m for m in after_showing if m.startswith((*above, "samenbeslissen.explore.variants"))
    ]
