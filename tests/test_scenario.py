"""Tests of trainer scenario files: loading, precise errors, examples, starter, schema."""

from __future__ import annotations

import base64
import os
import pathlib
import re
import tracemalloc
from typing import Any

import attrs
import jsonschema
import pytest
import yaml
from hypothesis import given

import samenbeslissen as sb
from samenbeslissen.errors import ScenarioError
from samenbeslissen.scenarios import (
    MAX_SCENARIO_SIZE,
    Scenario,
    StepLines,
    demo_scenario,
    load_scenario,
    loads_scenario,
    scenario_from_dict,
    scenario_schema,
    scenario_to_dict,
    starter_scenario,
)
from tests.strategies import scenarios

ROOT = pathlib.Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCRIPTED = (sb.Step.INFORM, sb.Step.OPTIONS, sb.Step.PREFERENCES, sb.Step.DECIDE)

# A small valid scenario. Tests change one line and expect the error on that line.
BASE = """\
title: Oefenen
client:
  name: Anna
professional:
  name: Bram
question: Wat doen we?
options:
  - key: a
    title: Optie A
    pros: [snel]
    cons: [duur]
  - key: b
    title: Niets veranderen
    status_quo: true
criteria:
  - key: c
    importance: 3
ratings:
  a:
    c: 4
decision:
  option: a
  decided_by: shared
  rationale: Omdat het snel is.
lines:
  inform:
    good:
      - speaker: professional
        text: U beslist mee.
"""


def changed(old: str, new: str, text: str = BASE) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert 1 == text.count(old), old
    return text.replace(old, new)


def refused(text: str, source: str | None = "s.yaml") -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        loads_scenario(text, source=source)
    return info.value


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(scenario_schema())


# -- the base case ------------------------------------------------------------------------


def test_a_small_scenario_loads_with_defaults_filled_in() -> None:
    scenario = loads_scenario(BASE)

    assert "Oefenen" == scenario.title
    assert ("nl", "u") == (scenario.language, scenario.address)
    assert ("a", "b") == tuple(o.key for o in scenario.options)
    assert (("snel",), ("duur",), False) == (
        scenario.options[0].pros,
        scenario.options[0].cons,
        scenario.options[0].status_quo,
    )
    assert scenario.options[1].status_quo
    assert (sb.Rating(option="a", criterion="c", score=4),) == scenario.ratings
    assert scenario.decision is not None
    assert 6 == scenario.decision.follow_up_weeks
    assert (sb.Step.INFORM,) == tuple(step for step, _ in scenario.lines)
    assert sb.ParticipantRole.PROFESSIONAL == scenario.lines_for(sb.Step.INFORM).good[0].speaker


def test_a_scenario_remembers_the_file_it_came_from(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "oefen.yaml"
    path.write_text(BASE, encoding="utf-8")

    assert str(path) == load_scenario(path).source
    assert str(path) == load_scenario(str(path)).source


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_scenario_repr_is_one_short_line(path: pathlib.Path) -> None:
    scenario = load_scenario(path)
    shown = repr(scenario)
    assert "\n" not in shown
    assert len(shown) <= 120
    assert shown.startswith(f"<Scenario {scenario.title!r} language='nl' people=")
    assert f"options={len(scenario.options)} criteria={len(scenario.criteria)}>" in shown


def test_a_long_title_is_cut_short_in_the_repr() -> None:
    scenario = loads_scenario(changed("title: Oefenen", "title: " + "lang " * 40))
    assert "<Scenario 'lang lang" in repr(scenario)
    assert "…' language='nl' people=2 options=2 criteria=1>" in repr(scenario)
    # Only the repr is short: equality still looks at every field.
    assert scenario != attrs.evolve(scenario, title="lang")
    assert scenario == attrs.evolve(scenario)


def test_an_empty_optional_field_counts_as_left_out() -> None:
    text = changed("question: Wat doen we?\n", "question: Wat doen we?\ngoal:\nothers:\n")

    assert loads_scenario(BASE) == loads_scenario(text)


def test_a_block_text_loses_its_final_line_break() -> None:
    text = changed("question: Wat doen we?\n", "question: >\n  Wat doen\n  we?\n")

    assert "Wat doen we?" == loads_scenario(text).question


def test_ratings_are_kept_in_the_order_of_options_and_criteria() -> None:
    text = changed("criteria:\n", "criteria:\n  - key: d\n    importance: 1\n")
    shuffled = changed(
        "ratings:\n  a:\n    c: 4\n", "ratings:\n  b: {d: 2}\n  a: {d: 1, c: 4}\n", text
    )
    ordered = changed(
        "ratings:\n  a:\n    c: 4\n", "ratings:\n  a: {c: 4, d: 1}\n  b: {d: 2}\n", text
    )

    scenario = loads_scenario(shuffled)

    assert loads_scenario(ordered) == scenario
    assert [("a", "d"), ("a", "c"), ("b", "d")] == [
        (r.option, r.criterion) for r in scenario.ratings
    ]


def test_lines_are_kept_in_step_order_whatever_the_file_order() -> None:
    text = changed(
        "lines:\n",
        "lines:\n  decide:\n    pitfall:\n      - {speaker: professional, text: Klaar.}\n",
    )

    assert (sb.Step.INFORM, sb.Step.DECIDE) == tuple(s for s, _ in loads_scenario(text).lines)


def test_a_step_without_lines_is_kept_as_an_empty_entry() -> None:
    text = changed("lines:\n", "lines:\n  options:\n")

    assert StepLines() == loads_scenario(text).lines_for(sb.Step.OPTIONS)
    assert (sb.Step.INFORM, sb.Step.OPTIONS) == tuple(s for s, _ in loads_scenario(text).lines)


def test_an_explicit_string_tag_makes_a_number_text() -> None:
    assert "2024" == loads_scenario(changed("title: Oefenen", "title: !!str 2024")).title


def test_a_byte_order_mark_is_accepted(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))

    assert loads_scenario(BASE) == load_scenario(path)


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("nl", "Het scenario noemt niet wat de cliënt belangrijk vindt."),
        ("en", "The scenario does not say what matters to the client."),
    ],
)
def test_playing_without_criteria_records_why_in_the_scenarios_language(
    language: str, reason: str
) -> None:
    weighed = "criteria:\n  - key: c\n    importance: 3\nratings:\n  a:\n    c: 4\n"
    scenario = loads_scenario(changed(weighed, f"language: {language}\n"))

    weighing = scenario.play(until=sb.Step.DECIDE).weighing

    assert weighing is not None
    assert reason == weighing.skipped_reason


# -- errors: the file as a whole -----------------------------------------------------------


def test_a_missing_file_is_a_scenario_error_naming_the_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bestaat-niet.yaml"

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)

    assert (str(path), None, "") == (info.value.file, info.value.line, info.value.field)
    assert f"{path}: Dit bestand bestaat niet. Kijk of de naam en de map kloppen." == str(
        info.value
    )


def test_a_folder_is_a_scenario_error_not_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path)

    assert "scenario_unreadable" == info.value.key
    assert str(info.value).startswith(f"{tmp_path}: Dit bestand kan ik niet lezen: ")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission_is_a_scenario_error(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "geheim.yaml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)

    assert "scenario_unreadable" == info.value.key


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "groot.yaml"
    with open(path, "wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: takes no disk space

    tracemalloc.start()
    try:
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert ("scenario_too_large", "") == (info.value.key, info.value.field)
    assert str(info.value).startswith(f"{path}: Dit bestand is te groot voor een scenario.")
    assert "1 MB" in str(info.value)
    assert peak < MAX_SCENARIO_SIZE


def test_a_file_just_over_the_limit_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "net-te-groot.yaml"
    path.write_bytes(b"#" * (MAX_SCENARIO_SIZE + 1))

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)

    assert "scenario_too_large" == info.value.key


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_file_without_a_size_is_read_no_further_than_the_limit() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario("/dev/zero")

    assert "scenario_too_large" == info.value.key


def test_a_text_over_the_limit_is_refused() -> None:
    error = refused("#" * (MAX_SCENARIO_SIZE + 1))

    assert "scenario_too_large" == error.key


def test_bytes_that_are_not_utf8_are_refused_with_their_line(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(changed("name: Anna", "name: Zoë").encode("latin-1"))

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)

    assert ("scenario_encoding", 3) == (info.value.key, info.value.line)
    assert str(info.value).startswith(f"{path}:3: Dit bestand is geen UTF-8-tekst.")


@pytest.mark.parametrize("text", ["", "\n\n", "# alleen uitleg\n"])
def test_an_empty_scenario_is_refused(text: str) -> None:
    error = refused(text)

    assert ("scenario_empty", "") == (error.key, error.field)
    assert str(error).startswith("s.yaml: Het scenario is leeg.")


def where(error: ScenarioError) -> tuple[str, int | None, int | None]:
    return error.key, error.line, error.column


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "column"),
    [
        # A quote that is never closed: where it opens, not at the end of the file (line 30).
        ("  name: Anna", '  name: "Anna', "scenario_yaml_quote_double", 3, 9),
        ("  name: Anna", "  name: 'Anna", "scenario_yaml_quote_single", 3, 9),
        # A list item without its dash: that item's line, not the next one.
        ("    pros: [snel]", "    pros:\n      - snel\n      duur", "scenario_yaml_dash", 12, 7),
        ("  - key: b", "  key: b", "scenario_yaml_dash", 12, 3),
        # Indentation: a field too far to the right, too little, a dash among fields.
        (
            "  name: Bram",
            "  name: Bram\n    function: Consulent",
            "scenario_yaml_indent_more",
            6,
            5,
        ),
        ("  name: Anna", "    name: Anna\n  situation: Alleen.", "scenario_yaml_indent", 4, 3),
        ("title: Oefenen", "title: |\n  Oefenen\n een dag", "scenario_yaml_indent", 3, 2),
        (
            "question: Wat doen we?",
            "question: Wat doen we?\n- nog iets",
            "scenario_yaml_dash_here",
            7,
            1,
        ),
        # A colon in a text; a field without its colon.
        ("question: Wat doen we?", "question: Let op: wat doen we?", "scenario_yaml_colon", 6, 17),
        (
            "question: Wat doen we?",
            "question: Wat doen we,\n  zegt Anna: nu?",
            "scenario_yaml_colon_text",
            7,
            12,
        ),
        ("  name: Anna", "  name Anna\n  situation: Alleen.", "scenario_yaml_colon_missing", 3, 3),
        ("  name: Anna", "  name:Anna\n  situation: Alleen.", "scenario_yaml_colon_missing", 3, 3),
        # Brackets, quotes and characters that mean something to YAML.
        ("question: Wat doen we?", "question: [Wat doen we?", "scenario_yaml_bracket", 6, 11),
        ("    pros: [snel]", "    pros: [snel, [x]", "scenario_yaml_bracket", 10, 11),
        ("question: Wat doen we?", "question Wat doen we?", "scenario_yaml_colon_missing", 6, 1),
        (
            "    pros: [snel]",
            "    pros:\n      - snel\n      # nog een\n      duur",
            "scenario_yaml_dash",
            13,
            7,
        ),
        (
            "    pros: [snel]",
            "    pros:\n      - snel en\n        dichtbij: ja",
            "scenario_yaml_colon_text",
            12,
            17,
        ),
        ("title: Oefenen", "[a]: b: c", "scenario_yaml_colon_text", 1, 7),
        ("title: Oefenen", 'title: "Oefenen" deel 2', "scenario_yaml_after_quote", 1, 18),
        ("title: Oefenen", "title: [Concept] Oefenen", "scenario_yaml_after_bracket", 1, 18),
        ("title: Oefenen", "title: @gemeente", "scenario_yaml_start", 1, 8),
        ("title: Oefenen", "title: *belangrijk* oefenen", "scenario_yaml_start", 1, 8),
        ("    pros: [snel]", "    pros: - snel", "scenario_yaml_dash_inline", 10, 11),
        ("title: Oefenen", 'title: "C:\\map"', "scenario_yaml_escape", 1, 11),
        ("  name: Anna", "\tname: Anna", "scenario_yaml_tab", 3, 1),
        ("Wat doen we?", "Wat doen\x07 we?", "scenario_yaml_character", 6, 19),
        ("title: Oefenen", "%YAML 1.1\ntitle: Oefenen", "scenario_yaml", 2, 1),
    ],
)
def test_a_yaml_mistake_is_named_where_it_is(
    old: str, new: str, key: str, line: int, column: int
) -> None:
    assert (key, line, column) == where(refused(changed(old, new)))


def test_an_unclosed_quote_that_a_later_apostrophe_closes_is_found_where_it_opens() -> None:
    # The text runs on to the ' of "'t" on line 24, where PyYAML stops.
    text = changed("  name: Anna", "  name: 'Anna", changed("Omdat het", "Omdat 't"))

    error = refused(text)

    assert ("scenario_yaml_quote_single", 3, 9) == where(error)
    assert "file='s.yaml', line=3, field='', column=9)" in repr(error)
    assert (
        "s.yaml:3: Op plaats 9 van deze regel begint een tekst met '. Die tekst gaat niet dicht "
        "op deze regel. Zet aan het eind van de tekst ook een '. Hoort de ' bij de tekst, zoals "
        "in 's avonds? Zet de hele tekst dan tussen dubbele aanhalingstekens: \"'s avonds\"."
    ) == str(error)


def test_a_yaml_mistake_says_in_plain_words_what_to_do() -> None:
    error = refused(changed("question: Wat doen we?", "question: Let op: wat doen we?"))

    assert (
        "s.yaml:6: In deze tekst staat een dubbele punt met een spatie erna. Dan denkt YAML dat "
        "er een nieuw veld begint. Zet de hele tekst tussen aanhalingstekens, zo: "
        'question: "Let op: wat doen we?"'
    ) == str(error)
    assert (
        "s.yaml:6: This text holds a colon followed by a space. YAML then thinks a new field "
        'starts. Put the whole text in quotes, like this: question: "Let op: wat doen we?"'
    ) == error.message("en")
    assert "" == error.field


@pytest.mark.parametrize(
    ("old", "new", "example"),
    [
        (
            "question: Wat doen we?",
            "question: Let op: wat doen we?",
            'question: "Let op: wat doen we?"',
        ),
        ("    pros: [snel]", '    pros:\n      - "Anna\'s" keus', "- '\"Anna''s\" keus'"),
        ("    pros: [snel]", '    pros:\n      - "snel" en goed', "- '\"snel\" en goed'"),
        ("title: Oefenen", "title: @gemeente", 'title: "@gemeente"'),
        ("title: Oefenen", "title: [Concept] C:\\map", "title: '[Concept] C:\\map'"),
    ],
)
def test_the_example_of_a_yaml_mistake_is_the_line_written_right(
    old: str, new: str, example: str
) -> None:
    error = refused(changed(old, new))

    assert example == error.params["example"]
    assert str(error).endswith(f" zo: {example}")
    fixed = changed(new.rsplit("\n", 1)[-1].strip(), example, changed(old, new))
    loads_scenario(fixed)  # the line as the message writes it is right


def test_a_field_too_far_to_the_right_is_named_with_its_neighbour() -> None:
    error = refused(changed("  name: Bram", "  name: Bram\n    function: Consulent"))

    assert (
        "s.yaml:6: 'function' staat verder naar rechts dan 'name' op regel 5. Horen ze bij "
        "elkaar? Zet 'function' dan precies onder 'name'."
    ) == str(error)


def test_a_list_item_without_its_dash_is_told_how_to_fix_it() -> None:
    error = refused(changed("  - key: b", "  key: b"))

    assert (
        "s.yaml:12: This line is in a list, but does not start with a dash (-). Does a new item "
        "of the list start here? Then put '- ' at the start. Does the line belong to the item "
        "above? Then move it further to the right, as far as the text after the dash."
    ) == error.message("en")


def test_any_other_yaml_mistake_still_names_line_and_place_in_plain_words() -> None:
    error = refused("%YAML 1.1\n" + BASE)

    assert (
        "s.yaml:2: Hier loopt het lezen vast, op plaats 1 van deze regel. Kijk of de regel goed "
        "inspringt, en of na elke veldnaam ': ' staat. Zet tekst met tekens als : # [ { tussen "
        "aanhalingstekens."
    ) == str(error)
    assert (
        "s.yaml:2: Reading stops here, at character 1 of this line. Check that the line is "
        "indented right, and that each field name is followed by ': '. Put text with characters "
        "such as : # [ { in quotes."
    ) == error.message("en")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  name: Anna", '  name: "Anna'),
        ("  - key: b", "  key: b"),
        ("question: Wat doen we?", "question: Let op: wat doen we?"),
        ("title: Oefenen", "title: @gemeente"),
        ("    pros: [snel]", "    pros: - snel"),
        ("title: Oefenen", "%YAML 1.1\ntitle: Oefenen"),
    ],
)
def test_a_yaml_mistake_never_passes_the_parsers_english_on(old: str, new: str) -> None:
    error = refused(changed(old, new))

    for message in (str(error), error.message("en")):
        for parser_words in ("while ", "expected", "<block", "found ", "scalar", "token"):
            assert parser_words not in message


def test_a_yaml_mistake_in_an_english_scenario_is_told_in_english() -> None:
    text = changed("title: Oefenen", "title: Oefenen\nlanguage: en")

    error = refused(changed("  name: Anna", '  name: "Anna', text))

    assert (
        's.yaml:4: At character 9 of this line a text starts with ". The text is not closed on '
        'this line. Put a " at the end of the text too.'
    ) == str(error)


def test_a_tab_gets_its_own_plain_message() -> None:
    error = refused(changed("  name: Anna", "\tname: Anna"))

    assert ("scenario_yaml_tab", 3) == (error.key, error.line)
    assert (
        "s.yaml:3: Op plaats 1 van deze regel staat een tab. Gebruik spaties in plaats van tabs, "
        "ook om in te springen."
    ) == str(error)


def test_two_documents_in_one_file_are_refused() -> None:
    error = refused(BASE + "---\ntitle: Nog een\n")

    assert ("scenario_yaml_two_documents", 30) == (error.key, error.line)


def test_a_special_character_is_refused_with_its_line_and_code() -> None:
    error = refused(changed("Wat doen we?", "Wat doen\x07 we?"))

    assert ("scenario_yaml_character", 6, 19) == where(error)
    assert "(U+0007)" in str(error)


@pytest.mark.parametrize(
    ("text", "got"),
    [("- a\n- b\n", "een lijst"), ("Gewoon een zin.\n", "tekst"), ("~\n", "niets")],
)
def test_a_scenario_that_is_not_a_mapping_is_refused(text: str, got: str) -> None:
    error = refused(text)

    assert ("scenario_not_mapping", 1, "") == (error.key, error.line, error.field)
    assert str(error).endswith(f"Maar hier staat {got}.")


def test_a_duplicate_field_is_refused_naming_both_lines() -> None:
    error = refused(changed("question: Wat doen we?\n", "question: Wat doen we?\ntitle: Twee\n"))

    assert ("scenario_duplicate_field", "title", 7) == (error.key, error.field, error.line)
    assert "Het staat ook op regel 1." in str(error)


def test_a_duplicate_field_deep_inside_is_refused_with_its_path() -> None:
    error = refused(changed("    title: Optie A\n", "    title: Optie A\n    title: Optie C\n"))

    assert ("options[0].title", 10) == (error.field, error.line)
    assert 9 == error.params["first"]


def test_a_field_twice_in_a_list_item_asks_whether_a_new_item_lost_its_dash() -> None:
    error = refused(changed("  - key: b", "    key: b"))

    assert ("scenario_duplicate_field_item", "options[0].key", 12) == (
        error.key,
        error.field,
        error.line,
    )
    assert (
        "s.yaml:12: options[0].key: dit veld staat twee keer in hetzelfde onderdeel van de lijst. "
        "Het staat ook op regel 8. Begint hier een nieuw onderdeel? Zet dan '- ' voor de eerste "
        "regel ervan. Anders: laat er \u00e9\u00e9n staan."
    ) == str(error)


def test_a_duplicate_rating_is_refused_like_any_duplicate_field() -> None:
    error = refused(changed("    c: 4\n", "    c: 4\n    c: 5\n"))

    assert ("scenario_duplicate_field", "ratings.a.c", 21) == (error.key, error.field, error.line)


def test_references_between_parts_of_the_file_are_refused() -> None:
    text = changed("    pros: [snel]", "    pros: &voordelen [snel]")
    error = refused(
        changed("    status_quo: true", "    status_quo: true\n    pros: *voordelen", text)
    )

    assert ("scenario_alias", 15) == (error.key, error.line)


def test_nesting_deeper_than_any_scenario_is_refused() -> None:
    error = refused("title: " + "[" * 200 + "]" * 200 + "\n")

    assert ("scenario_too_deep", 1) == (error.key, error.line)


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [("!!binary aGFsbG8=", "!!binary"), ("!!python/name:os.system", "!!python/name:os.system")],
)
def test_yaml_tags_are_refused(tagged: str, tag: str) -> None:
    error = refused(changed("title: Oefenen", f"title: {tagged}"))

    assert ("scenario_tag", "title", 1) == (error.key, error.field, error.line)
    assert tag == error.params["tag"]


def test_a_tagged_collection_is_refused() -> None:
    error = refused(changed("    pros: [snel]", "    pros: !!set {snel}"))

    assert ("scenario_tag", "options[0].pros", 10) == (error.key, error.field, error.line)


def test_a_name_that_is_a_list_is_refused() -> None:
    error = refused(changed("question: Wat doen we?", "? [wat, doen]\n: we"))

    assert ("scenario_complex_key", 6) == (error.key, error.line)


# -- errors: fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("title: Oefenen\n", "", "title", 1),
        ("question: Wat doen we?\n", "", "question", 1),
        ("  name: Anna\n", "  situation: Alleen.\n", "client.name", 3),
        ("    title: Optie A\n", "", "options[0].title", 8),
        ("    importance: 3\n", "", "criteria[0].importance", 16),
        ("  rationale: Omdat het snel is.\n", "", "decision.rationale", 22),
        ("        text: U beslist mee.\n", "", "lines.inform.good[0].text", 28),
    ],
)
def test_a_missing_field_is_refused_with_its_path_and_line(
    old: str, new: str, field: str, line: int
) -> None:
    error = refused(changed(old, new))

    assert ("scenario_missing", field, line) == (error.key, error.field, error.line)
    assert f"s.yaml:{line}: {field}: dit veld ontbreekt. Vul het in." == str(error)


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "allowed"),
    [
        ("title: Oefenen", "title: Oefenen\nauteur: Kim", "auteur", 2, "title, language, address"),
        ("  name: Anna", "  name: Anna\n  leeftijd: 80", "client.leeftijd", 4, "name, situation"),
        ("  name: Bram", "  name: Bram\n  team: Noord", "professional.team", 6, "name, function"),
        ("    title: Optie A", "    title: Optie A\n    prijs: 10", "options[0].prijs", 10, "key"),
        (
            "    importance: 3",
            "    importance: 3\n    gewicht: 2",
            "criteria[0].gewicht",
            18,
            "key",
        ),
        ("  option: a", "  option: a\n  datum: morgen", "decision.datum", 23, "option"),
        ("lines:", "lines:\n  keuze: {}", "lines.keuze", 26, "inform, options, preferences"),
        ("    good:", "    goed: []\n    good:", "lines.inform.goed", 27, "good, pitfall"),
        (
            "        text: U",
            "        toon: vriendelijk\n        text: U",
            "lines.inform.good[0].toon",
            29,
            "speaker, text",
        ),
    ],
)
def test_an_unknown_field_is_refused_naming_the_allowed_fields(
    old: str, new: str, field: str, line: int, allowed: str
) -> None:
    error = refused(changed(old, new))

    assert (field, line) == (error.field, error.line)
    assert error.key in ("scenario_unknown_field", "scenario_unknown_field_hint")
    assert f"Toegestaan zijn: {allowed}" in str(error)
    assert str(error).startswith(f"s.yaml:{line}: {field}: dit veld ken ik niet.")


def test_an_unknown_field_in_a_companion_is_refused() -> None:
    text = changed(
        "question:", "others:\n  - {name: Ida, role: client_support, tel: 06}\nquestion:"
    )

    error = refused(text)

    assert ("others[0].tel", 7) == (error.field, error.line)


def test_a_misspelt_field_gets_a_suggestion() -> None:
    error = refused(changed("title: Oefenen", "titel: Oefenen"))

    assert ("scenario_unknown_field_hint", "titel") == (error.key, error.field)
    assert "Bedoelt u 'title'?" in str(error)
    assert 1 == len(error.problems)  # the suggestion says it: "title" is not also "missing"


def problems(error: ScenarioError) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.path, p.key) for p in error.problems]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "key", "message"),
    [
        (
            "professional:",
            "situation: Woont alleen.\nprofessional:",
            4,
            "situation",
            "scenario_field_further_right",
            (
                "dit veld hoort hier niet. Hoort het onder 'client'? Zet het dan een stap verder "
                "naar rechts, onder client."
            ),
        ),
        (
            "  name: Bram",
            "  name: Bram\n  situation: Woont alleen.",
            6,
            "professional.situation",
            "scenario_field_elsewhere",
            (
                "dit veld hoort niet onder 'professional'. Hoort het onder 'client'? Zet het dan "
                "onder client."
            ),
        ),
        (
            "  name: Bram",
            "  name: Bram\n  follow_up_weeks: 4",
            6,
            "professional.follow_up_weeks",
            "scenario_field_elsewhere",
            (
                "dit veld hoort niet onder 'professional'. Hoort het onder 'decision'? Zet het dan "
                "onder decision."
            ),
        ),
        (
            "criteria:",
            "pros: [dichtbij]\ncriteria:",
            15,
            "pros",
            "scenario_field_in_list",
            (
                "dit veld hoort hier niet. Hoort het bij een onderdeel van 'options'? Zet het dan "
                "onder options, bij de andere velden van dat onderdeel."
            ),
        ),
        (
            "    status_quo: true",
            "    status_quo: true\n    goal: Thuis blijven",
            15,
            "options[1].goal",
            "scenario_field_further_left",
            (
                "dit veld hoort niet onder 'options'. Hoort het bovenaan in het bestand? Zet het "
                "dan helemaal naar links, aan het begin van de regel."
            ),
        ),
    ],
)
def test_a_field_at_the_wrong_level_is_told_where_it_belongs(
    old: str, new: str, line: int, field: str, key: str, message: str
) -> None:
    error = refused(changed(old, new))

    assert [(line, field, key)] == problems(error)
    assert f"s.yaml:{line}: {field}: {message}" == str(error)


def test_a_top_field_indented_under_another_is_not_also_missing_at_the_top() -> None:
    # "question" moved from the top into client: only the move back is asked for.
    text = changed("question: Wat doen we?\n", "")
    error = refused(changed("  name: Anna\n", "  name: Anna\n  question: Wat doen we?\n", text))

    assert [(4, "client.question", "scenario_field_further_left")] == problems(error)
    assert (
        "s.yaml:4: client.question: this field does not belong under 'client'. Does it belong "
        "at the top level of the file? Then move it all the way to the left, to the start of "
        "the line."
    ) == error.message("en")


def test_a_field_that_lost_its_indentation_goes_under_the_field_just_above_it() -> None:
    text = changed("professional:\n  name: Bram\n", "professional:\nname: Bram\n")

    error = refused(text)

    # Empty now, professional has a problem of its own; its name is not also "missing".
    assert [
        (4, "professional", "empty_text"),
        (5, "name", "scenario_field_further_right"),
    ] == problems(error)
    assert "Hoort het onder 'professional'?" in str(error)


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        # At the top, "name" could be the client's, the professional's or a companion's.
        ("title: Oefenen", "name: Anna\ntitle: Oefenen", 1, "name"),
        # An option's "name" is no companion's: one list item is no neighbour of another.
        ("    title: Optie A", "    title: Optie A\n    name: Anna", 10, "options[0].name"),
    ],
)
def test_a_field_that_could_belong_to_several_places_gets_no_guess(
    old: str, new: str, line: int, field: str
) -> None:
    error = refused(changed(old, new))

    assert [(line, field, "scenario_unknown_field")] == problems(error)


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "expected"),
    [
        ("    pros: [snel]", "    pros: snel", "options[0].pros", 10, "een lijst met teksten"),
        ("client:\n  name: Anna\n", "client: Anna\n", "client", 2, "velden (naam: waarde)"),
        ("    c: 4\n", "    - 4\n", "ratings.a", 20, "velden (naam: waarde)"),
        ("    title: Optie A", "    title: [Optie, A]", "options[0].title", 9, "tekst"),
        ("title: Oefenen", "title: {naam: Oefenen}", "title", 1, "tekst"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_saying_what_was_expected(
    old: str, new: str, field: str, line: int, expected: str
) -> None:
    error = refused(changed(old, new))

    assert ("scenario_type", field, line) == (error.key, error.field, error.line)
    assert f"{field}: hier hoort {expected}, maar hier staat" in str(error)


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "message"),
    [
        (
            "    pros: [snel]",
            "    pros:\n      snel\n      - dichtbij",
            "options[0].pros",
            11,
            (
                "hier hoort een lijst, maar YAML leest \u00e9\u00e9n lange tekst. Mist het "
                "streepje (-) voor het eerste onderdeel? Zet '- ' voor elk onderdeel."
            ),
        ),
        (
            "criteria:\n  - key: c",
            "criteria:\n    key: c",
            "criteria",
            16,
            (
                "hier hoort een lijst, maar hier staan velden (naam: waarde). Zet '- ' voor het "
                "eerste veld van elk onderdeel, zo: - key: ..."
            ),
        ),
    ],
)
def test_a_list_without_its_dashes_is_told_to_put_them_back(
    old: str, new: str, field: str, line: int, message: str
) -> None:
    error = refused(changed(old, new))

    assert f"s.yaml:{line}: {field}: {message}" == str(error)


def test_options_that_are_text_are_refused() -> None:
    error = refused(with_options("options: twee\n"))

    assert ("scenario_type", "options", 7) == (error.key, error.field, error.line)
    assert "options: hier hoort een lijst, maar hier staat tekst." in str(error)


def test_a_status_quo_that_is_not_true_or_false_is_refused() -> None:
    error = refused(changed("    status_quo: true", "    status_quo: ja"))

    assert ("scenario_bool", "options[1].status_quo", 14) == (error.key, error.field, error.line)
    assert "hier hoort true of false, maar hier staat 'ja'." in str(error)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("2024", "een getal"),
        ("yes", "true/false (ja/nee)"),
        ("off", "true/false (ja/nee)"),
        ("2024-05-01", "een datum"),
        ("1:30", "een getal"),
        ("3.5", "een getal"),
    ],
)
def test_a_text_that_yaml_reads_as_something_else_is_refused_with_a_quote_hint(
    written: str, kind: str
) -> None:
    error = refused(changed("title: Oefenen", f"title: {written}"))

    assert ("scenario_not_text", "title", 1) == (error.key, error.field, error.line)
    assert (
        f"s.yaml:1: title: hier hoort tekst, maar YAML leest {written} als {kind}. "
        f'Zet de tekst tussen aanhalingstekens: "{written}".'
    ) == str(error)
    assert written == loads_scenario(changed("title: Oefenen", f'title: "{written}"')).title


def test_a_date_that_does_not_exist_is_just_text() -> None:
    assert "2024-13-45" == loads_scenario(changed("title: Oefenen", "title: 2024-13-45")).title


def test_a_merge_key_is_an_unknown_field() -> None:
    error = refused(changed("title: Oefenen", "title: Oefenen\n<<: {goal: Werk}"))

    assert ("scenario_unknown_field", "<<", 2) == (error.key, error.field, error.line)


def test_a_value_of_a_kind_yaml_does_not_have_is_named_by_its_type() -> None:
    data = yaml.safe_load(BASE)
    data["title"] = b"Oefenen"

    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)

    assert "title: hier hoort tekst, maar hier staat bytes." == str(info.value)


def test_a_list_item_that_yaml_reads_as_a_number_is_refused_with_its_index() -> None:
    error = refused(changed("    cons: [duur]", "    cons: [duur, 100]"))

    assert ("scenario_not_text", "options[0].cons[1]", 11) == (error.key, error.field, error.line)


def test_an_option_key_that_yaml_reads_as_a_number_must_be_quoted() -> None:
    error = refused(changed("  - key: a\n", "  - key: 1\n"))

    assert ("scenario_not_text", "options[0].key") == (error.key, error.field)


def test_a_rating_name_that_yaml_reads_as_a_number_is_refused() -> None:
    error = refused(changed("  a:\n    c: 4", "  a:\n    2024: 4"))

    assert ("scenario_key_not_text", "ratings.a.2024", 20) == (error.key, error.field, error.line)
    assert 'Zet de naam tussen aanhalingstekens: "2024".' in str(error)


def test_an_empty_required_text_is_refused() -> None:
    for written in ("title:", 'title: "  "'):
        error = refused(changed("title: Oefenen", written))

        assert ("empty_text", "title", 1) == (error.key, error.field, error.line)


def test_duplicate_option_keys_are_refused() -> None:
    error = refused(changed("  - key: b", "  - key: a"))

    assert ("duplicate_option", "options[1].key", 12) == (error.key, error.field, error.line)
    assert "er is al een optie met de korte naam 'a'" in str(error)


def test_duplicate_criterion_keys_are_refused() -> None:
    error = refused(
        changed("    importance: 3\n", "    importance: 3\n  - key: c\n    importance: 1\n")
    )

    assert ("duplicate_key", "criteria[1].key", 18) == (error.key, error.field, error.line)


def test_an_option_key_is_checked_by_the_option_itself_and_relocated() -> None:
    error = refused(changed("  - key: b", "  - key: met spatie"))

    assert ("invalid_key", "options[1].key", 12) == (error.key, error.field, error.line)
    assert str(error).startswith(
        "s.yaml:12: options[1].key: 'met spatie' kan niet. Gebruik letters"
    )


def test_a_criterion_key_is_checked_like_an_option_key() -> None:
    text = changed("  - key: c\n", "  - key: c d\n")
    text = changed("    c: 4", "    c d: 4", text)

    error = refused(text)

    assert ("invalid_key", "criteria[0].key", 16) == (error.key, error.field, error.line)


def with_options(block: str) -> str:
    """BASE with its options replaced by ``block`` (which starts on line 7)."""
    start, end = BASE.index("options:"), BASE.index("criteria:")
    return BASE[:start] + block + BASE[end:]


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_options_are_refused(count: int) -> None:
    block = "options: []\n" if count == 0 else "options:\n  - key: a\n    title: Optie A\n"

    error = refused(with_options(block))

    assert ("scenario_min_options", "options", 7) == (error.key, error.field, error.line)
    assert f"Aantal opties nu: {count}." in str(error)


def test_a_scenario_with_empty_options_is_refused() -> None:
    error = refused(with_options("options:\n"))

    assert ("empty_text", "options", 7) == (error.key, error.field, error.line)


def test_a_rating_of_an_unknown_option_is_refused_naming_the_known_ones() -> None:
    error = refused(changed("  a:\n    c: 4", "  a:\n    c: 4\n  z:\n    c: 1"))

    assert ("unknown_option", "ratings.z", 21) == (error.key, error.field, error.line)
    assert "er is geen optie met de korte naam 'z'. Wel zijn er: a, b." in str(error)


def test_a_rating_on_an_unknown_criterion_is_refused_naming_the_known_ones() -> None:
    error = refused(changed("    c: 4", "    c: 4\n    prijs: 2"))

    assert ("scenario_unknown_criterion", "ratings.a.prijs", 21) == (
        error.key,
        error.field,
        error.line,
    )
    assert "'prijs' staat niet bij de criteria. Bekend zijn: c." in str(error)


def test_ratings_without_criteria_say_there_are_none_yet() -> None:
    error = refused(changed("criteria:\n  - key: c\n    importance: 3\n", ""))

    assert "ratings.a.c: 'c' staat niet bij de criteria. Bekend zijn: nog geen." in str(error)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("6", "6"), ("-1", "-1"), ("2.5", "2.5"), ("vier", "'vier'"), ("true", "true/false (ja/nee)")],
)
def test_a_rating_out_of_range_is_refused(written: str, shown: str) -> None:
    error = refused(changed("    c: 4", f"    c: {written}"))

    assert ("scenario_rating", "ratings.a.c", 20) == (error.key, error.field, error.line)
    assert f"of null als niemand het weet. Nu staat er {shown}." in str(error)


def test_an_option_without_ratings_may_be_listed_empty() -> None:
    scenario = loads_scenario(changed("ratings:\n", "ratings:\n  b:\n"))

    assert (sb.Rating(option="a", criterion="c", score=4),) == scenario.ratings


def test_a_rating_of_null_means_nobody_knows() -> None:
    scenario = loads_scenario(changed("    c: 4", "    c: null"))

    assert (sb.Rating(option="a", criterion="c", score=None),) == scenario.ratings


@pytest.mark.parametrize(
    ("written", "shown"),
    [("6", "6"), ("-1", "-1"), ("drie", "'drie'"), ("2.0", "2.0"), ("", "nothing")],
)
def test_an_importance_out_of_range_is_refused(written: str, shown: str) -> None:
    error = refused(changed("    importance: 3", f"    importance: {written}"))

    assert ("expected_score", "criteria[0].importance", 17) == (error.key, error.field, error.line)
    assert str(error).endswith(
        "criteria[0].importance: hier hoort een heel getal van 0 tot en met 5."
    )
    assert shown in error.detail


def test_follow_up_weeks_must_be_a_whole_number_of_weeks() -> None:
    error = refused(changed("  rationale: Omdat", "  follow_up_weeks: 0\n  rationale: Omdat"))

    assert ("expected_score", "decision.follow_up_weeks", 24) == (
        error.key,
        error.field,
        error.line,
    )
    assert "hier hoort een heel getal van 1 tot en met 104" in str(error)


def test_a_decision_for_an_unknown_option_is_refused() -> None:
    error = refused(changed("  option: a", "  option: c"))

    assert ("unknown_option", "decision.option", 22) == (error.key, error.field, error.line)


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("  name: Anna", "  name: Anna\n  preferred_role: klant", "client.preferred_role", 4),
        ("  decided_by: shared", "  decided_by: samen", "decision.decided_by", 23),
        (
            "      - speaker: professional",
            "      - speaker: coach",
            "lines.inform.good[0].speaker",
            28,
        ),
    ],
)
def test_a_choice_outside_the_allowed_values_is_refused_listing_them(
    old: str, new: str, field: str, line: int
) -> None:
    error = refused(changed(old, new))

    assert ("expected_choice", field, line) == (error.key, error.field, error.line)
    assert f"{field}: kies uit: " in str(error)


def test_every_decision_role_is_accepted_as_preferred_role() -> None:
    for role in sb.DecisionRole:
        text = changed("  name: Anna", f"  name: Anna\n  preferred_role: {role.value}")

        assert role == loads_scenario(text).client.preferred_role


def test_a_companion_cannot_be_the_client_or_the_professional() -> None:
    text = changed("question:", "others:\n  - name: Ida\n    role: client\nquestion:")

    error = refused(text)

    assert ("expected_choice", "others[0].role", 8) == (error.key, error.field, error.line)
    assert "significant_other, client_support, interpreter, peer_expert" in str(error)


def test_an_unknown_language_is_refused() -> None:
    error = refused(changed("title: Oefenen", "title: Oefenen\nlanguage: de"))

    assert ("unknown_language", "language", 2) == (error.key, error.field, error.line)
    assert "s.yaml:2: language: taal 'de' ken ik niet. Kies uit: 'nl', 'en'." == str(error)


def test_an_unknown_form_of_address_is_refused() -> None:
    error = refused(changed("title: Oefenen", "title: Oefenen\naddress: jij"))

    assert ("expected_choice", "address", 2) == (error.key, error.field, error.line)


def test_a_speaker_who_does_not_take_part_is_refused() -> None:
    error = refused(changed("      - speaker: professional", "      - speaker: interpreter"))

    assert ("scenario_speaker_absent", "lines.inform.good[0].speaker", 28) == (
        error.key,
        error.field,
        error.line,
    )
    assert "'interpreter' doet niet mee in dit scenario. Wie meedoen: client, professional." in (
        str(error)
    )


def test_a_speaker_who_comes_along_may_speak() -> None:
    text = changed("question:", "others:\n  - name: Ida\n    role: interpreter\nquestion:")
    text = changed("      - speaker: professional", "      - speaker: interpreter", text)

    scenario = loads_scenario(text)

    assert sb.ParticipantRole.INTERPRETER == scenario.lines_for(sb.Step.INFORM).good[0].speaker


def test_errors_of_an_english_scenario_are_in_english() -> None:
    error = refused(changed("title: Oefenen", "title: Oefenen\nlanguage: en\naddress: jij"))

    assert "s.yaml:3: address: choose from: u, je." == str(error)
    assert "s.yaml:3: address: kies uit: u, je." == error.message("nl")


def test_an_error_says_which_language_the_scenario_names_if_it_names_one() -> None:
    english = refused(changed("title: Oefenen", "title: Oefenen\nlanguage: en\naddress: jij"))
    unsaid = refused(changed("title: Oefenen", "title: Oefenen\naddress: jij"))
    not_yaml = refused("title: [\n")
    unknown = refused(changed("title: Oefenen", "title: Oefenen\nlanguage: de"))

    assert ("en", None, None, None) == tuple(
        error.scenario_language for error in (english, unsaid, not_yaml, unknown)
    )
    assert "s.yaml:2: address: kies uit: u, je." == str(unsaid)  # Dutch: the default


def test_a_scenario_error_is_an_input_error_and_a_value_error() -> None:
    error = refused(changed("title: Oefenen", "titel: Oefenen"))

    assert isinstance(error, sb.InputError)
    assert isinstance(error, ValueError)
    assert "file='s.yaml', line=1, field='titel'" in repr(error)


def test_a_text_without_a_source_still_knows_the_line() -> None:
    error = refused(changed("title: Oefenen", "title: 2024"), source=None)

    assert (None, 1) == (error.file, error.line)
    assert str(error).startswith("regel 1: title: hier hoort tekst")


# -- errors: every problem at once -----------------------------------------------------------

MANY_PROBLEMS = (
    ("    pros: [snel]", "    pros: [snel, 'Let op: duur', 2024]"),
    ("    title: Niets veranderen", "    titel: Niets veranderen"),
    ("    importance: 3", "    importance: 9"),
    ("    c: 4", "    c: 4\n    d: 2"),
    ("  decided_by: shared", "  decided_by: samen"),
    ("question: Wat doen we?", "question:"),
)


def with_many_problems() -> str:
    text = BASE
    for old, new in reversed(MANY_PROBLEMS):  # from the bottom up, so no line moves
        text = changed(old, new, text)
    return text


def test_a_scenario_error_names_every_problem_in_the_order_of_the_file() -> None:
    error = refused(with_many_problems())

    assert [
        (6, "question", "empty_text"),
        (10, "options[0].pros[2]", "scenario_not_text"),
        (13, "options[1].titel", "scenario_unknown_field_hint"),
        (17, "criteria[0].importance", "expected_score"),
        (21, "ratings.a.d", "scenario_unknown_criterion"),
        (24, "decision.decided_by", "expected_choice"),
    ] == problems(error)
    assert ("empty_text", "question", 6) == (error.key, error.field, error.line)


def test_every_problem_is_one_line_of_the_message_with_its_file_and_line() -> None:
    error = refused(with_many_problems())

    assert [
        "s.yaml: Er zijn 6 problemen:",
        "- s.yaml:6: question: dit mag niet leeg zijn.",
        (
            "- s.yaml:10: options[0].pros[2]: hier hoort tekst, maar YAML leest 2024 als een "
            'getal. Zet de tekst tussen aanhalingstekens: "2024".'
        ),
        (
            "- s.yaml:13: options[1].titel: dit veld ken ik niet. Bedoelt u 'title'? Toegestaan "
            "zijn: key, title, description, pros, cons, status_quo, picture."
        ),
        "- s.yaml:17: criteria[0].importance: hier hoort een heel getal van 0 tot en met 5.",
        "- s.yaml:21: ratings.a.d: 'd' staat niet bij de criteria. Bekend zijn: c.",
        (
            "- s.yaml:24: decision.decided_by: kies uit: client_alone, client_after_advice, "
            "shared, professional_after_input, professional_alone."
        ),
    ] == str(error).splitlines()
    assert error.message("en").startswith("s.yaml: There are 6 problems:\n- s.yaml:6: question:")
    assert "problems=['question', 'options[0].pros[2]'," in repr(error)


def test_a_problem_in_one_part_does_not_hide_the_problems_of_the_others() -> None:
    text = changed("  name: Anna", "  name: ''", changed("  name: Bram", "  name: 3"))

    error = refused(changed("  - key: b", "  - key: a", text))

    assert [
        (3, "client.name", "empty_text"),
        (5, "professional.name", "scenario_not_text"),
        (12, "options[1].key", "duplicate_option"),
    ] == problems(error)


def test_a_name_with_a_problem_is_not_unknown_where_it_is_used() -> None:
    # The option's key is wrong in itself; the rating and the decision that use it are not.
    text = changed("  - key: a", "  - key: met spatie", BASE)
    text = changed("  a:\n", "  met spatie:\n", text)
    text = changed("  option: a", "  option: met spatie", text)

    error = refused(text)

    assert [(8, "options[0].key", "invalid_key")] == problems(error)


def test_a_line_of_someone_whose_role_is_wrong_is_not_one_more_problem() -> None:
    text = changed("question:", "others:\n  - name: Ida\n    role: tolk\nquestion:")
    text = changed("      - speaker: professional", "      - speaker: Ida", text)

    error = refused(text)

    assert [(8, "others[0].role", "expected_choice")] == problems(error)
    fixed = loads_scenario(changed("role: tolk", "role: interpreter", text))
    assert "Ida" == fixed.lines_for(sb.Step.INFORM).good[0].name
    unreadable = changed("  - name: Ida\n    role: tolk\n", "  Ida\n", text)
    assert [(7, "others", "scenario_type")] == problems(refused(unreadable))


def test_a_list_item_with_a_colon_is_told_to_quote_its_text() -> None:
    error = refused(changed("    pros: [snel]", "    pros:\n      - Let op: duur"))

    assert [(11, "options[0].pros[0]", "scenario_text_with_colon")] == problems(error)
    assert (
        "s.yaml:11: options[0].pros[0]: hier hoort tekst, maar door de dubbele punt leest YAML "
        'een veld. Zet de tekst tussen aanhalingstekens, zo: - "Let op: duur"'
    ) == str(error)
    assert (
        "Let op: duur"
        == loads_scenario(changed("    pros: [snel]", '    pros:\n      - "Let op: duur"'))
        .options[0]
        .pros[0]
    )


def test_a_list_item_of_fields_on_lines_of_their_own_is_not_taken_for_text() -> None:
    error = refused(changed("    pros: [snel]", "    pros:\n      - Let op:\n          duur"))

    assert [(11, "options[0].pros[0]", "scenario_type")] == problems(error)


def test_plain_data_gives_every_problem_too() -> None:
    data = yaml.safe_load(with_many_problems())

    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)

    assert [None] * 6 == [p.line for p in info.value.problems]
    assert "options[1].titel" == info.value.problems[2].path
    assert str(info.value).startswith("Er zijn 6 problemen:\n- question: dit mag niet leeg zijn.")


# -- plain data ----------------------------------------------------------------------------


def test_plain_data_gives_the_same_scenario_as_its_yaml() -> None:
    assert loads_scenario(BASE) == scenario_from_dict(yaml.safe_load(BASE))


def test_errors_in_plain_data_name_the_field_and_source_but_no_line() -> None:
    data = yaml.safe_load(BASE)
    data["options"][1]["pros"] = "veel"

    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data, source="api")

    assert ("options[1].pros", None, "api") == (
        info.value.field,
        info.value.line,
        info.value.file,
    )
    assert "api: options[1].pros: hier hoort een lijst met teksten, maar hier staat tekst." == str(
        info.value
    )


def test_a_number_in_plain_data_is_refused_without_a_quote_hint() -> None:
    data = yaml.safe_load(BASE)
    data["title"] = 2024

    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)

    assert "title: hier hoort tekst, maar hier staat een getal." == str(info.value)


@pytest.mark.parametrize(("data", "key"), [(None, "scenario_empty"), ([1], "scenario_not_mapping")])
def test_plain_data_that_is_not_a_mapping_is_refused(data: object, key: str) -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)

    assert key == info.value.key


def test_a_plain_rating_with_a_number_for_an_option_is_an_unknown_option() -> None:
    data = yaml.safe_load(BASE)
    data["ratings"] = {1: {"c": 2}}

    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)

    assert ("unknown_option", "ratings.1") == (info.value.key, info.value.field)


# -- round trips and the schema ------------------------------------------------------------


@given(scenarios())
def test_plain_data_reads_back_to_an_equal_scenario(scenario: Scenario) -> None:
    assert scenario == scenario_from_dict(scenario_to_dict(scenario))


@given(scenarios())
def test_yaml_written_from_plain_data_loads_back_equal(scenario: Scenario) -> None:
    text = yaml.safe_dump(scenario_to_dict(scenario), allow_unicode=True, sort_keys=False)

    assert scenario == loads_scenario(text)


@given(scenarios())
def test_plain_data_of_any_scenario_follows_the_json_schema(scenario: Scenario) -> None:
    assert [] == list(validator().iter_errors(scenario_to_dict(scenario)))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(scenario_schema())

    assert "https://json-schema.org/draft/2020-12/schema" == scenario_schema()["$schema"]


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    bad: list[dict[str, Any]] = []
    for change in (
        lambda d: d.update(auteur="Kim"),
        lambda d: d["options"].pop(),
        lambda d: d["ratings"]["a"].update(c=6),
        lambda d: d.update(language="de"),
        lambda d: d["client"].update(preferred_role="klant"),
        lambda d: d["lines"]["inform"].update(goed=[]),
        lambda d: d["options"][0].update(pros="snel"),
    ):
        data = yaml.safe_load(BASE)
        change(data)
        bad.append(data)

    assert [] == list(validator().iter_errors(yaml.safe_load(BASE)))
    for data in bad:
        with pytest.raises(ScenarioError):
            scenario_from_dict(data)
        assert not validator().is_valid(data)


def test_to_dict_leaves_out_empty_and_default_fields() -> None:
    assert {
        "title": "Oefenen",
        "language": "nl",
        "address": "u",
        "client": {"name": "Anna"},
        "professional": {"name": "Bram"},
        "question": "Wat doen we?",
        "options": [
            {"key": "a", "title": "Optie A", "pros": ["snel"], "cons": ["duur"]},
            {"key": "b", "title": "Niets veranderen", "status_quo": True},
        ],
        "criteria": [{"key": "c", "importance": 3}],
        "ratings": {"a": {"c": 4}},
        "decision": {
            "option": "a",
            "decided_by": "shared",
            "rationale": "Omdat het snel is.",
            "follow_up_weeks": 6,
        },
        "lines": {"inform": {"good": [{"speaker": "professional", "text": "U beslist mee."}]}},
    } == scenario_to_dict(loads_scenario(BASE))


# -- the examples ----------------------------------------------------------------------------


def test_there_are_at_least_three_examples() -> None:
    assert {
        "jeugdhulp-keuze.yaml",
        "reintegratie-participatiewet.yaml",
        "wmo-huishoudelijke-hulp.yaml",
    } <= {path.name for path in EXAMPLES}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_plays_to_a_decision_under_the_strict_policy(path: pathlib.Path) -> None:
    scenario = load_scenario(path)

    assert sb.Step.DECIDED == scenario.play().step
    assert sb.Step.DECIDED == scenario.play(policy=sb.Policy.strict()).step


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_follows_the_json_schema(path: pathlib.Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    assert [] == list(validator().iter_errors(data))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_is_complete_and_balanced(path: pathlib.Path) -> None:
    scenario = load_scenario(path)

    assert "nl" == scenario.language
    assert 1 == sum(o.status_quo for o in scenario.options)
    for option in scenario.options:
        assert len(option.pros) == len(option.cons) >= 2, option.key
    keys = {c.key for c in scenario.criteria}
    for option in scenario.options:
        assert keys == {r.criterion for r in scenario.ratings if r.option == option.key}
    assert scenario.decision is not None
    assert scenario.client.preferred_role is not None
    assert SCRIPTED == tuple(step for step, _ in scenario.lines)
    for step, lines in scenario.lines:
        assert lines.good, step
        assert lines.pitfall, step


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_reads_back_equal_from_its_plain_data(path: pathlib.Path) -> None:
    scenario = load_scenario(path)

    assert scenario == scenario_from_dict(scenario_to_dict(scenario))


def test_the_youth_care_example_says_je_to_the_young_person_and_brings_both_parents() -> None:
    scenario = load_scenario(ROOT / "examples" / "jeugdhulp-keuze.yaml")

    assert "je" == scenario.address
    assert ["moeder", "vader"] == [o.relation for o in scenario.others]
    # Daan is 14: both parents have authority, and all three agree to the decision.
    assert sb.AgeGroup.FROM_12_TO_15 is scenario.client.age_group
    assert {sb.ParticipantRole.PARENT_WITH_AUTHORITY} == {o.role for o in scenario.others}
    conv = scenario.play()
    assert conv.decision is not None
    assert ("Daan Visser", "Petra Visser", "Erik Visser") == conv.decision.consent
    # "Minder ruzie thuis" is his mother's wish, and every document says so.
    assert conv.weighing is not None
    assert "Petra Visser" == {c.key: c.owner for c in conv.weighing.criteria}["rust_thuis"]
    for document in ("guide", "summary", "option_grid", "script"):
        assert "Minder ruzie thuis (wens van Petra Visser)" in sb.render(
            scenario, document, step="decided"
        )


def test_the_wmo_example_brings_a_client_support_person_who_speaks() -> None:
    scenario = load_scenario(ROOT / "examples" / "wmo-huishoudelijke-hulp.yaml")

    assert [sb.ParticipantRole.CLIENT_SUPPORT] == [o.role for o in scenario.others]
    speakers = {line.speaker for _, lines in scenario.lines for line in lines.good}
    assert sb.ParticipantRole.CLIENT_SUPPORT in speakers


def test_the_wmo_pitfall_opens_about_family_and_the_good_opening_about_the_client() -> None:
    inform = load_scenario(ROOT / "examples" / "wmo-huishoudelijke-hulp.yaml").lines_for(
        sb.Step.INFORM
    )

    assert "familie" in inform.pitfall[0].text
    assert "schoonmaken" in inform.pitfall[0].text
    assert "belangrijkst aan uw huishouden" in inform.good[0].text


def test_the_demo_is_the_bundled_copy_of_the_wmo_example() -> None:
    example = ROOT / "examples" / "wmo-huishoudelijke-hulp.yaml"
    bundled = ROOT / "src" / "samenbeslissen" / "examples" / "wmo-huishoudelijke-hulp.yaml"

    assert example.read_bytes() == bundled.read_bytes()
    assert load_scenario(example) == demo_scenario()
    assert "samenbeslissen/examples/wmo-huishoudelijke-hulp.yaml" == demo_scenario().source


# -- the starter -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_starter_loads_and_plays_to_a_decision(language: str) -> None:
    scenario = loads_scenario(starter_scenario(language))

    assert language == scenario.language
    assert sb.Step.DECIDED == scenario.play(policy=sb.Policy.strict()).step
    assert [] == list(validator().iter_errors(yaml.safe_load(starter_scenario(language))))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_starter_explains_every_field_in_a_comment_above_it(language: str) -> None:
    lines = starter_scenario(language).splitlines()
    fields = [
        "title", "language", "address", "client", "name", "situation", "feelings",
        "preferred_role", "owner",
        "professional", "function", "others", "role", "relation", "question", "goal",
        "options", "key", "description", "pros", "cons", "status_quo", "criteria", "label",
        "importance", "ratings", "decision", "option", "decided_by", "rationale",
        "follow_up_weeks", "lines", "good", "pitfall", "speaker", "text",
    ]  # fmt: skip

    for name in fields:
        first = next(i for i, line in enumerate(lines) if line.lstrip("- ").startswith(f"{name}:"))
        comments = [line for line in lines[:first] if line.lstrip().startswith("#")]
        right_above = lines[first - 1].lstrip().startswith("#")
        named = any(re.search(rf"\b{name}\b", line) for line in comments)
        assert right_above or named, name


def test_the_starter_comes_in_dutch_by_default() -> None:
    assert starter_scenario() == starter_scenario("nl")
    assert "# Nieuw scenario voor Samen Beslissen" == starter_scenario().splitlines()[0]


def test_a_starter_in_another_language_is_refused() -> None:
    with pytest.raises(sb.InputError) as info:
        starter_scenario("de")

    assert ("unknown_language", "language") == (info.value.key, info.value.field)


# -- the documentation -------------------------------------------------------------------------


def test_the_full_example_in_the_documentation_loads_and_plays() -> None:
    page = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    blocks = [block.split("```")[0] for block in page.split("```yaml\n")[1:]]
    full = [block for block in blocks if block.startswith("title:")]

    assert 1 == len(full)
    scenario = loads_scenario(full[0], source="docs/scenarios.md")
    assert sb.Step.DECIDED == scenario.play(policy=sb.Policy.strict()).step


@pytest.mark.parametrize(
    "text",
    [
        BASE,
        changed("    status_quo: true", "    status_quo: true\n    pros: *voordelen"),
        "title: " + "[" * 200 + "]" * 200 + "\n",
        *("title: " + "[" * depth + "x" + "]" * depth + "\n" for depth in range(28, 33)),
        changed("question: Wat doen we?", "question: [Wat doen we?"),
        "title: ok\n\tlevel: 2\n",
        changed("question: Wat doen we?", "question: Wat\tdoen we?"),
        "title: 'nooit gesloten\n",
        changed("  name: Anna", "  name: 'Anna", changed("Omdat het", "Omdat 't")),
        changed("  - key: b", "  key: b"),
        changed("title: Oefenen", "title: Oefenen\nlanguage: en\nquestion: Let op: wat?"),
    ],
)
def test_the_reader_gives_the_same_with_and_without_libyaml(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samenbeslissen.scenarios import yaml_reader

    def outcome() -> object:
        try:
            return yaml_reader.read_yaml(text, "s.yaml")
        except ScenarioError as error:
            return (error.key, error.line, str(error))

    fast = outcome()
    monkeypatch.setattr(yaml_reader, "_FAST", None)
    assert fast == outcome()


def test_a_planned_decision_can_say_time_to_think_was_offered() -> None:
    offered = loads_scenario(
        changed("  rationale: Omdat het snel is.\n", "  rationale: Omdat het snel is.\n"
                "  reflection_offered: true\n")
    )  # fmt: skip
    assert offered.decision is not None
    assert offered.decision.reflection_offered is True
    decision = offered.play().decision
    assert decision is not None
    assert decision.reflection_offered is True
    assert loads_scenario(BASE).decision.reflection_offered is False  # type: ignore[union-attr]
    again = sb.scenario_to_dict(offered)
    assert True is again["decision"]["reflection_offered"]
    validator().validate(again)
    assert "reflection_offered" not in sb.scenario_to_dict(loads_scenario(BASE))["decision"]
    error = refused(
        changed("  rationale: Omdat het snel is.\n", "  rationale: Omdat het snel is.\n"
                "  reflection_offered: ja\n")
    )  # fmt: skip
    assert "decision.reflection_offered" == error.field


def test_the_client_can_speak_another_language_best() -> None:
    text = changed("  name: Anna", "  name: Anna\n  speaks: Tigrinya")
    scenario = loads_scenario(text)
    assert "Tigrinya" == scenario.client.speaks
    assert "Tigrinya" == scenario.play().client.speaks
    assert "Tigrinya" == sb.scenario_to_dict(scenario)["client"]["speaks"]
    validator().validate(sb.scenario_to_dict(scenario))
    assert "speaks" not in sb.scenario_to_dict(loads_scenario(BASE))["client"]
    assert "client.speaks" == refused(changed("  name: Anna", "  name: Anna\n  speaks: 3")).field


def test_an_option_can_have_a_picture_as_a_data_uri() -> None:
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    scenario = loads_scenario(changed("  - key: a\n", f"  - key: a\n    picture: {pixel}\n"))
    assert pixel == scenario.options[0].picture
    assert pixel == sb.scenario_to_dict(scenario)["options"][0]["picture"]
    validator().validate(sb.scenario_to_dict(scenario))
    error = refused(changed("  - key: a\n", "  - key: a\n    picture: plaatje.png\n"))
    assert "options[0].picture" == error.field


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A one-pixel PNG, as a trainer's picture file."""


def with_picture(folder: pathlib.Path, picture: str) -> pathlib.Path:
    scenario = folder / "scenario.yaml"
    scenario.write_text(changed("  - key: a\n", f"  - key: a\n    picture: {picture}\n"))
    return scenario


def test_a_picture_file_beside_the_scenario_becomes_a_data_uri(tmp_path: pathlib.Path) -> None:
    (tmp_path / "plaatjes").mkdir()
    (tmp_path / "plaatjes" / "hulp.png").write_bytes(PNG)
    scenario = load_scenario(with_picture(tmp_path, "plaatjes/hulp.png"))
    expected = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert expected == scenario.options[0].picture
    # Written back as the data URI, so the plain data stands on its own.
    assert expected == sb.scenario_to_dict(scenario)["options"][0]["picture"]
    assert f'src="{expected}"' in sb.render(scenario, "option_grid", "html")


@pytest.mark.parametrize(
    ("picture", "key"),
    [
        ("../buiten.png", "scenario_picture_outside"),
        ("/etc/hostname", "scenario_picture_outside"),
        ("link.png", "scenario_picture_outside"),  # a link that leads out of the folder
        ("bestaat-niet.png", "scenario_picture_missing"),
        ("tekst.png", "scenario_picture_kind"),
        ("groot.png", "scenario_picture_size"),
    ],
)
def test_a_picture_file_is_read_only_from_the_scenario_folder_and_only_if_it_fits(
    tmp_path: pathlib.Path, picture: str, key: str
) -> None:
    folder = tmp_path / "scenario"
    folder.mkdir()
    (tmp_path / "buiten.png").write_bytes(PNG)
    (folder / "link.png").symlink_to(tmp_path / "buiten.png")
    (folder / "tekst.png").write_text("geen plaatje")
    (folder / "groot.png").write_bytes(PNG + bytes(20_000))
    with pytest.raises(ScenarioError) as info:
        load_scenario(with_picture(folder, picture))
    assert (key, "options[0].picture") == (info.value.key, info.value.field)
    assert picture in str(info.value)
    if key == "scenario_picture_size":
        assert "te groot: 21 kB. Er past hoogstens 7 kB." in str(info.value)


def test_a_picture_file_needs_a_scenario_file_to_start_from() -> None:
    text = changed("  - key: a\n", "  - key: a\n    picture: hulp.png\n")
    error = refused(text, source=None)
    assert "scenario_picture_no_folder" == error.key
    assert "data:image/png;base64" in str(error)


def test_two_people_with_one_role_each_speak_their_own_lines() -> None:
    scenario = load_scenario(ROOT / "examples" / "jeugdhulp-keuze.yaml")
    said = [line for _, lines in scenario.lines for line in (*lines.good, *lines.pitfall)]
    assert {None, "Erik Visser"} == {
        line.name
        for line in said
        if line.speaker.value != "client" and line.speaker.value != "professional"
    }
    script = sb.render(scenario, "script", "text")
    assert "Erik Visser (ouder met gezag): Dat het thuis rustiger wordt." in script
    assert "Petra Visser (ouder met gezag): Wat vindt Daan daar zelf van?" in script
    # Written back by name, so the plain data reads back the same.
    data = sb.scenario_to_dict(scenario)
    assert "Erik Visser" in {line["speaker"] for line in data["lines"]["preferences"]["good"]}
    assert scenario == sb.scenario_from_dict(data)
    validator().validate(data)
    # A name that does not take part is neither a role nor a person.
    error = refused(changed("    - speaker: professional\n", "    - speaker: Piet\n"))
    assert error.field.endswith(".speaker")
