"""Tests of the command line, typed as a user would: good runs, and mistakes without tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import samenbeslissen as sb
from samenbeslissen.cli.commands import main
from samenbeslissen.rendering.documents import DOCUMENTS
from tests.strategies import council_conversation
from tests.test_pdf import require_weasyprint

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def dutch_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SAMENBESLISSEN_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps the help to the terminal's width


def test_demo_shows_the_guide_of_the_built_in_example() -> None:
    status, out, err = run("demo")
    assert (0, "") == (status, err)
    assert out.startswith("# Gespreksleidraad Samen Beslissen")
    assert sb.demo_scenario().client.name in out


def test_demo_can_show_other_documents_formats_and_steps(tmp_path: Path) -> None:
    target = tmp_path / "script.html"
    status, out, _ = run("demo", "-d", "script", "-f", "html", "-l", "en", "-o", str(target))
    assert (0, "") == (status, out)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    status, out, _ = run("demo", "-d", "summary", "--step", "decided", "--fragment", "-f", "html")
    assert 0 == status
    assert "<html" not in out


def test_render_a_scenario_file_as_a_script(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    status, _, err = run(
        "render", str(EXAMPLES / "jeugdhulp-keuze.yaml"), "--document", "script",
        "--format", "html", "--language", "nl", "-o", str(target),
    )  # fmt: skip
    assert (0, "") == (status, err)
    assert '<html lang="nl">' in target.read_text(encoding="utf-8")


def test_render_a_stored_conversation(tmp_path: Path) -> None:
    record = tmp_path / "gesprek.json"
    conv = sb.load_scenario(EXAMPLES / "wmo-huishoudelijke-hulp.yaml").play(until=sb.Step.DECIDE)
    record.write_text(conv.to_json(), encoding="utf-8")
    status, out, _ = run("render", str(record), "-d", "next_step")
    assert 0 == status
    assert "Stap 4" in out
    status, _, err = run("render", str(record), "--step", "decided")
    assert 2 == status
    assert "--step werkt alleen met een scenario" in err


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_pdf_goes_to_a_file_or_a_pipe_but_never_to_the_terminal(tmp_path: Path) -> None:
    require_weasyprint()
    target = tmp_path / "keuzekaart.pdf"
    status, out, err = run("demo", "-d", "option_grid", "-f", "pdf", "-o", str(target))
    assert (0, "", "") == (status, out, err)
    assert target.read_bytes().startswith(b"%PDF-")
    pipe = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # `> kaart.pdf` or `| lp`
    argv = ["demo", "-d", "option_grid", "-f", "pdf"]
    assert 0 == main(argv, stdout=pipe, stderr=io.StringIO())
    assert isinstance(pipe.buffer, io.BytesIO)
    assert target.read_bytes() == pipe.buffer.getvalue()
    screen, err = _Terminal(io.BytesIO(), encoding="utf-8"), io.StringIO()
    assert 2 == main(argv, stdout=screen, stderr=err)
    assert "samenbeslissen: een PDF kan niet op het scherm. Schrijf hem naar een bestand" in (
        err.getvalue()
    )
    assert isinstance(screen.buffer, io.BytesIO)
    assert b"" == screen.buffer.getvalue()
    status, _, err = run("demo", "-f", "pdf", "-o", str(tmp_path / "geen" / "map.pdf"))
    assert 2 == status
    assert "kan ik niet schrijven" in err


def test_a_pdf_without_weasyprint_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    status, out, err = run("demo", "-f", "pdf", "-o", str(tmp_path / "gids.pdf"))
    assert (2, "") == (status, out)
    assert (
        "samenbeslissen: Hiervoor is WeasyPrint nodig. "
        "Installeer het met: pip install 'samenbeslissen[pdf]'\n"
    ) == err
    assert not (tmp_path / "gids.pdf").exists()


def test_validate_reports_each_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    status, out, err = run(
        "validate", str(EXAMPLES / "reintegratie-participatiewet.yaml"), str(broken)
    )
    assert 2 == status
    assert "reintegratie-participatiewet.yaml: in orde." in out
    assert f"{broken}:1: Op plaats 8 van deze regel staat een [" in err
    status, out, _ = run("validate", "-l", "en", *map(str, sorted(EXAMPLES.glob("*.yaml"))))
    assert 0 == status
    assert 3 == out.count(": valid.")


BROKEN = """\
title: Oefenen
client:
  name: Anna
situation: Woont alleen.
professional:
  name: Bram
question: Wat doen we?
options:
  - key: a
    title: Optie A
  - key: b
    titel: Optie B
decision:
  option: c
  decided_by: shared
  rationale: Omdat het kan.
"""


def test_validate_lists_every_problem_of_a_file_in_the_order_of_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text(BROKEN, encoding="utf-8")

    status, out, err = run("validate", str(broken))

    assert (2, "") == (status, out)
    assert [
        f"{broken}: Er zijn 3 problemen:",
        (
            f"- {broken}:4: situation: dit veld hoort hier niet. Hoort het onder 'client'? Zet het "
            "dan een stap verder naar rechts, onder client."
        ),
        (
            f"- {broken}:12: options[1].titel: dit veld ken ik niet. Bedoelt u 'title'? Toegestaan "
            "zijn: key, title, description, pros, cons, status_quo, picture."
        ),
        (
            f"- {broken}:14: decision.option: er is geen optie met de korte naam 'c'. Wel zijn er: "
            "a, b."
        ),
    ] == err.splitlines()
    status, _, err = run("validate", "--language", "en", str(broken))
    assert 2 == status
    assert f"- {broken}:4: situation: this field does not belong here. Does it belong under " in err
    assert "Traceback" not in err


def test_validate_stops_a_file_that_is_not_yaml_at_its_first_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text(BROKEN.replace("  name: Anna", '  name: "Anna'), encoding="utf-8")

    status, _, err = run("validate", "-l", "en", str(broken))

    assert 2 == status
    assert [
        (
            f'{broken}:3: At character 9 of this line a text starts with ". The text is not closed '
            'on this line. Put a " at the end of the text too.'
        )
    ] == err.splitlines()


def test_new_scenario_writes_a_starter_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "nieuw.yaml"
    status, out, _ = run("new-scenario", str(target))
    assert 0 == status
    assert "samenbeslissen validate" in out
    assert (0, "") == run("validate", str(target))[::2]
    target.write_text("mijn werk", encoding="utf-8")
    status, _, err = run("new-scenario", str(target))
    assert 2 == status
    assert "bestaat al" in err
    assert "mijn werk" == target.read_text(encoding="utf-8")
    assert 0 == run("new-scenario", str(target), "--force", "-l", "en")[0]
    assert target.read_text(encoding="utf-8").startswith("# New Samen Beslissen")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "bestaat-niet.yaml"], "bestaat niet"),
        (["render", "bestaat-niet.json"], "kan ik niet lezen"),
        (["demo", "-o", "/bestaat/niet/uit.md"], "kan ik niet schrijven"),
        (["demo", "--template-dir", "/bestaat/niet"], "bestaat niet"),
        (["demo", "-f", "pdf"], "een PDF kan niet op het scherm"),
    ],
)
def test_a_users_mistake_gets_a_message_and_status_2(argv: list[str], message: str) -> None:
    status, _, err = run(*argv)
    assert 2 == status
    assert message in err
    assert "Traceback" not in err


def test_a_broken_record_or_template_gets_a_message(tmp_path: Path) -> None:
    record = tmp_path / "kapot.json"
    record.write_text('{"schema_version": 1', encoding="utf-8")
    assert "geen leesbare JSON" in run("render", str(record))[2]
    folder = tmp_path / "sjablonen" / "nl"
    folder.mkdir(parents=True)
    (folder / "guide.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    status, _, err = run("demo", "--template-dir", str(folder.parent))
    assert 2 == status
    assert "Sjabloon nl/guide.md.j2, regel 1" in err


def test_messages_follow_the_language_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "does not exist" in run("render", "bestaat-niet.yaml")[2]


def test_python_m_runs_the_command_line_and_shows_no_traceback_for_mistakes() -> None:
    env = {**os.environ, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "samenbeslissen", "render", "bestaat-niet.yaml"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert 2 == done.returncode
    assert "Traceback" not in done.stderr
    assert "bestaat-niet.yaml" in done.stderr
    mistyped = subprocess.run(
        [sys.executable, "-m", "samenbeslissen", "rendr"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert 2 == mistyped.returncode
    assert "samenbeslissen: fout: bij OPDRACHT: 'rendr' ken ik niet." in mistyped.stderr
    version = subprocess.run(
        [sys.executable, "-m", "samenbeslissen", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sb.__version__ in version.stdout


def test_report_bundles_records_into_a_page_named_by_its_extension(tmp_path: Path) -> None:
    records = tmp_path / "gesprekken.jsonl"
    records.write_text(
        "".join(council_conversation(sdm=4).to_json() + "\n" for _ in range(6)), encoding="utf-8"
    )
    page = tmp_path / "rapport.html"
    assert (0, "", "") == run("report", str(records), "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Fatima" not in html
    status, out, _ = run("report", str(records), "--format", "csv", "--threshold", "7")
    assert 0 == status
    assert "total,conversations,x" in out
    target = tmp_path / "rapport.json"
    assert 0 == run("report", str(records), "-o", str(target))[0]
    assert 6 == json.loads(target.read_text(encoding="utf-8"))["total"]


def test_report_names_the_bad_line(tmp_path: Path) -> None:
    records = tmp_path / "kapot.jsonl"
    records.write_text("{kapot\n", encoding="utf-8")
    status, _, err = run("report", str(records))
    assert 2 == status
    assert f"{records}:1: deze regel is geen leesbare JSON" in err


def test_report_says_when_deduce_prepares_its_lists_and_when_remarks_are_withheld(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samenbeslissen.analysis import deidentify

    records = tmp_path / "gesprekken.jsonl"
    lines = (council_conversation(remark="Fijn.").to_json() + "\n" for _ in range(5))
    records.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(deidentify, "prepared", lambda: False)
    status, _, err = run("report", str(records))
    assert 0 == status
    assert "voor de eerste keer klaargezet" in err
    monkeypatch.setattr(deidentify, "available", lambda: False)
    status, out, err = run("report", str(records), "-l", "en")
    assert 0 == status
    assert "samenbeslissen[deidentify]" in err
    assert "Traceback" not in err
    assert "Fijn." not in out
    assert "Clients' remarks are not in this report." in " ".join(out.split())


def test_report_rounds_counts_on_request(tmp_path: Path) -> None:
    records = tmp_path / "gesprekken.jsonl"
    records.write_text(
        "".join(council_conversation().to_json() + "\n" for _ in range(7)), encoding="utf-8"
    )
    status, out, _ = run("report", str(records), "-f", "csv", "--round-to", "5")
    assert 0 == status
    assert "total,conversations,5" in out
    status, _, err = run("report", str(records), "--round-to", "0")
    assert 2 == status
    assert "round_to" in err


# - the language of the command line itself

COMMANDS = ["demo", "render", "validate", "report", "new-scenario"]

DUTCH_HELP = [
    "gebruik: samenbeslissen [-h] [--version] [--language {nl,en}] OPDRACHT ...",
    "opties:",
    "  -h, --help            laat deze hulp zien en stop",
    "  --version             laat het versienummer zien en stop",
    "opdrachten:",
    "  OPDRACHT",
    "    render              maak een document van een scenario (.yaml) of een",
    "    new-scenario        schrijf een nieuw scenario om in te vullen, met uitleg",
]

ENGLISH_HELP = [
    "usage: samenbeslissen [-h] [--version] [--language {nl,en}] COMMAND ...",
    "options:",
    "  -h, --help            show this help message and exit",
    "  --version             show the version and exit",
    "commands:",
    "  COMMAND",
    "    render              render a document from a scenario (.yaml) or a stored",
    "    new-scenario        write a commented starter scenario to fill in",
]


@pytest.mark.parametrize("lang", [None, "C.UTF-8", "POSIX", "nl_NL.UTF-8"])
def test_the_help_is_dutch_unless_english_is_asked_for(
    lang: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if lang is not None:
        monkeypatch.setenv("LANG", lang)
    status, out, err = run("--help")
    assert (0, "") == (status, err)
    lines = out.splitlines()
    assert DUTCH_HELP == [line for line in lines if line in DUTCH_HELP]
    assert "Meer hulp bij een opdracht: samenbeslissen OPDRACHT --help." in " ".join(lines)


@pytest.mark.parametrize(
    ("variable", "value", "argv"),
    [
        ("LANG", "en_GB.UTF-8", ["--help"]),
        ("LC_ALL", "en_US.UTF-8", ["--help"]),
        ("SAMENBESLISSEN_LANGUAGE", "en", ["--help"]),
        ("LANG", "C.UTF-8", ["--language", "en", "--help"]),
        ("LANG", "C.UTF-8", ["--lang=en", "--help"]),
        ("LANG", "C.UTF-8", ["-len", "--help"]),
    ],
)
def test_the_help_is_english_with_an_english_locale_or_language_en(
    variable: str, value: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    status, out, _ = run(*argv)
    assert 0 == status
    assert ENGLISH_HELP == [line for line in out.splitlines() if line in ENGLISH_HELP]


def test_language_asked_for_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run("-l", "nl", "--help")[1].startswith("gebruik: samenbeslissen")
    monkeypatch.setenv("SAMENBESLISSEN_LANGUAGE", "nl")
    assert run("--help")[1].startswith("gebruik: samenbeslissen")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_in_dutch_and_in_english(command: str) -> None:
    status, out, _ = run(command, "--help")
    assert 0 == status
    assert out.startswith(f"gebruik: samenbeslissen {command} [-h]")
    assert "  -h, --help            laat deze hulp zien en stop\n" in out
    for english in ("usage:", "options:", "positional arguments", "show this help", "default:"):
        assert english not in out
    status, out, _ = run(command, "--help", "--language", "en")
    assert 0 == status
    assert out.startswith(f"usage: samenbeslissen {command} [-h]")
    assert "  -h, --help            show this help message and exit\n" in out


def test_the_help_of_a_command_names_its_parts_in_dutch() -> None:
    render = run("render", "--help")[1]
    assert "[--template-dir MAP]" in render
    assert (
        "\nargumenten:\n  BRON                  een scenario (.yaml) of een opgeslagen gesprek"
        in render
    )
    assert "welk document (standaard: guide)" in render
    report = run("report", "--help")[1]
    assert "[--threshold AANTAL]" in report
    assert "GESPREKKEN [GESPREKKEN ...]" in report
    assert "Elk getal rust op minstens AANTAL gesprekken" in " ".join(report.split())
    assert "(standaard: 5)" in report


CHOICES = ", ".join(f"'{document}'" for document in DOCUMENTS)  # 'guide', 'next_step', ...

USAGE_MISTAKES = [
    (
        ["rendr", "x.yaml"],
        (
            "samenbeslissen: fout: bij OPDRACHT: 'rendr' ken ik niet. Kies uit: 'demo', 'render', "
            "'validate', 'kit', 'observations', 'report', 'new-scenario', 'store'."
        ),
        (
            "samenbeslissen: error: argument COMMAND: invalid choice: 'rendr' (choose from 'demo', "
            "'render', 'validate', 'kit', 'observations', 'report', 'new-scenario', 'store')"
        ),
    ),
    (
        ["render"],
        "samenbeslissen render: fout: dit ontbreekt nog: BRON",
        "samenbeslissen render: error: the following arguments are required: SOURCE",
    ),
    (
        [],
        "samenbeslissen: fout: dit ontbreekt nog: OPDRACHT",
        "samenbeslissen: error: the following arguments are required: COMMAND",
    ),
    (
        ["render", "x.yaml", "-d", "nope"],
        (
            "samenbeslissen render: fout: bij --document/-d: 'nope' ken ik niet. Kies uit: "
            f"{CHOICES}."
        ),
        (
            "samenbeslissen render: error: argument --document/-d: invalid choice: 'nope' (choose "
            f"from {CHOICES})"
        ),
    ),
    (
        ["demo", "--bogus"],
        "samenbeslissen: fout: dit ken ik niet: --bogus",
        "samenbeslissen: error: unrecognized arguments: --bogus",
    ),
    (
        ["render", "x.yaml", "-d"],
        "samenbeslissen render: fout: bij --document/-d: hier hoort een waarde achter",
        "samenbeslissen render: error: argument --document/-d: expected one argument",
    ),
    (
        ["render", "x.yaml", "--f", "html"],
        (
            "samenbeslissen render: fout: --f kan meer dan één optie zijn: --format, --fragment. "
            "Typ meer letters."
        ),
        "samenbeslissen render: error: ambiguous option: --f could match --format, --fragment",
    ),
    (
        ["demo", "--fragment=ja"],
        (
            "samenbeslissen demo: fout: bij --fragment: hier hoort geen waarde achter, maar er "
            "staat 'ja'"
        ),
        "samenbeslissen demo: error: argument --fragment: ignored explicit argument 'ja'",
    ),
    (
        ["report", "x.jsonl", "--threshold", "vijf"],
        (
            "samenbeslissen report: fout: bij --threshold: hier hoort een heel getal, maar er "
            "staat 'vijf'"
        ),
        "samenbeslissen report: error: argument --threshold: expected a whole number, got 'vijf'",
    ),
]


@pytest.mark.parametrize(("argv", "dutch", "english"), USAGE_MISTAKES)
def test_a_usage_mistake_is_explained_in_dutch_with_status_2(
    argv: list[str], dutch: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    status, out, err = run(*argv)
    assert (2, "") == (status, out)
    assert err.startswith("gebruik: samenbeslissen")
    assert dutch == err.splitlines()[-1]
    assert "Traceback" not in err


@pytest.mark.parametrize(("argv", "dutch", "english"), USAGE_MISTAKES)
def test_a_usage_mistake_is_explained_in_english_when_asked(
    argv: list[str], dutch: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    status, _, err = run(*argv)
    assert 2 == status
    assert err.startswith("usage: samenbeslissen")
    assert english == err.splitlines()[-1]
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert english == run("--language", "en", *argv)[2].splitlines()[-1]


def test_an_unknown_language_is_a_usage_mistake_in_the_environments_language() -> None:
    status, _, err = run("render", "x.yaml", "-l", "de")
    assert 2 == status
    assert "bij --language/-l: 'de' ken ik niet. Kies uit: 'nl', 'en'." in err


def test_a_bare_double_dash_ends_the_search_for_the_language() -> None:
    status, out, err = run("validate", "--", "-len")
    assert (2, "") == (status, out)
    assert "-len: Dit bestand bestaat niet." in err


def test_argparse_is_left_as_it_was_found() -> None:
    import argparse
    import gettext

    run("render")
    run("--help")
    assert gettext.gettext is vars(argparse)["_"]


def argparse_texts() -> set[str]:
    """Every literal text argparse asks gettext for, read from its source."""
    import argparse
    import ast

    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_the_catalogue_translates_only_texts_argparse_has_with_the_same_placeholders() -> None:
    import re

    from tests.test_i18n import messages

    placeholder = re.compile(r"%(?:\(\w+\))?[rs]")
    known = argparse_texts()
    assert "the following arguments are required: %s" in known, "the reader sees argparse's texts"
    dutch, english = (
        {
            key.removeprefix("argparse."): texts[0]
            for key, texts in messages(language).items()
            if key.startswith("argparse.")
        }
        for language in ("nl", "en")
    )
    assert set() == set(dutch) - known
    assert {text: text for text in dutch} == english  # English is argparse's own
    for original, translated in dutch.items():
        assert sorted(placeholder.findall(original)) == sorted(placeholder.findall(translated))


# - the language of documents and of problems in files


@pytest.mark.parametrize("argv", [["--language", "en", "demo"], ["demo", "--language", "en"]])
def test_language_before_or_after_the_command_is_the_documents_language(argv: list[str]) -> None:
    status, out, _ = run(*argv)
    assert 0 == status
    assert out.startswith("# Conversation guide")


def test_a_document_keeps_its_own_language_whatever_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run("demo")[1].startswith("# Gespreksleidraad Samen Beslissen")
    scenario = EXAMPLES / "wmo-huishoudelijke-hulp.yaml"
    assert run("render", str(scenario))[1].startswith("# Gespreksleidraad Samen Beslissen")
    english = tmp_path / "english.yaml"
    english.write_text(
        scenario.read_text(encoding="utf-8").replace("language: nl", "language: en"),
        encoding="utf-8",
    )
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert run("render", str(english))[1].startswith("# Conversation guide")
    assert run("render", str(english), "-l", "nl")[1].startswith("# Gespreksleidraad")


def test_a_report_and_a_starter_are_dutch_unless_asked_whatever_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    records = tmp_path / "gesprekken.jsonl"
    records.write_text(
        "".join(council_conversation().to_json() + "\n" for _ in range(5)), encoding="utf-8"
    )
    status, out, _ = run("report", str(records))
    assert 0 == status
    assert out.startswith("# Ervaringen met Samen Beslissen")
    assert run("report", str(records), "-l", "en")[1].startswith("# Experiences with shared")
    starter = tmp_path / "nieuw.yaml"
    status, out, _ = run("new-scenario", str(starter))
    assert out.startswith("Wrote ")
    assert starter.read_text(encoding="utf-8").startswith("# Nieuw scenario")


def broken(tmp_path: Path, name: str, language: str | None) -> Path:
    """A scenario whose one problem is the field "titel" on line 3 (2 without a language)."""
    path = tmp_path / name
    said = "" if language is None else f"language: {language}\n"
    rest = (
        "client: {name: Anna}\nprofessional: {name: Bram}\nquestion: Wat doen we?\n"
        "options: [{key: a, title: Optie A}, {key: b, title: Optie B}]\n"
    )
    path.write_text(f"title: Oefenen\n{said}titel: x\n{rest}", encoding="utf-8")
    return path


def test_validate_reports_a_problem_in_the_language_the_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english, dutch = broken(tmp_path, "en.yaml", "en"), broken(tmp_path, "nl.yaml", "nl")
    unsaid = broken(tmp_path, "geen.yaml", None)
    good = str(EXAMPLES / "jeugdhulp-keuze.yaml")
    status, out, err = run("validate", str(english), str(dutch), str(unsaid), good)
    assert 2 == status
    assert out.endswith("jeugdhulp-keuze.yaml: in orde.\n")
    assert [
        f"{english}:3: titel: unknown field. Did you mean 'title'?",
        f"{dutch}:3: titel: dit veld ken ik niet. Bedoelt u 'title'?",
        f"{unsaid}:2: titel: dit veld ken ik niet. Bedoelt u 'title'?",
    ] == [line.split(" Allowed")[0].split(" Toegestaan")[0] for line in err.splitlines()]
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    status, out, err = run("validate", str(dutch), str(unsaid), good)
    assert "jeugdhulp-keuze.yaml: valid." in out
    assert "dit veld ken ik niet" in err.splitlines()[0]  # the file says nl
    assert "unknown field" in err.splitlines()[1]  # the file says nothing: the environment
    status, out, err = run("validate", "-l", "nl", str(english))
    assert "dit veld ken ik niet" in err


def test_render_reports_a_problem_in_the_language_the_file_names(tmp_path: Path) -> None:
    english = broken(tmp_path, "en.yaml", "en")
    status, _, err = run("render", str(english))
    assert 2 == status
    assert err.startswith(f"samenbeslissen: {english}:3: titel: unknown field.")
    assert "dit veld ken ik niet" in run("render", str(english), "-l", "nl")[2]


def test_help_loads_none_of_the_heavy_packages() -> None:
    program = (
        "import io, sys\n"
        "from samenbeslissen.cli import main\n"
        "main(['--help'], stdout=io.StringIO())\n"
        "main(['render', '--help'], stdout=io.StringIO())\n"
        "main(['rendr'], stderr=io.StringIO())\n"
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('jinja2', 'transitions', 'deduce', 'pandas')))"
    )
    env = {**os.environ, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    assert "[]\n" == done.stdout


def test_the_mistake_shown_in_the_docs_is_what_a_user_sees(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (Path(__file__).parent.parent / "docs" / "command-line.md").read_text(encoding="utf-8")
    shown = page.split("$ samenbeslissen rendr x.yaml\n")[1].split("```")[0]
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert (2, shown) == run("rendr", "x.yaml")[::2]


# -- kit and observations --------------------------------------------------------------


def test_kit_writes_the_whole_training_kit_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "les"
    status, out, err = run("kit", str(EXAMPLES / "jeugdhulp-keuze.yaml"), "-o", str(folder))
    assert (0, "") == (status, err)
    assert f"Het oefenpakket staat in {folder}: 10 bestanden." in out
    assert (folder / "rolkaart-erik-visser.html").is_file()
    assert (folder / "antwoorden-trainer.html").is_file()
    status, out, err = run(
        "kit", str(EXAMPLES / "jeugdhulp-keuze.yaml"), "-o", str(tmp_path / "en"), "-f", "text",
        "--language", "en",
    )  # fmt: skip
    assert (0, "") == (status, err)
    assert (
        (tmp_path / "en" / "trainer-key.txt")
        .read_text(encoding="utf-8")
        .startswith("Trainer's key")
    )


def test_kit_says_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    status, _out, err = run("kit", str(tmp_path / "weg.yaml"))
    assert 2 == status
    assert "Dit bestand bestaat niet" in err
    blocked = tmp_path / "bezet"
    blocked.write_text("")
    status, _out, err = run("kit", str(EXAMPLES / "jeugdhulp-keuze.yaml"), "-o", str(blocked))
    assert 2 == status
    assert err.startswith(f"samenbeslissen: De map {blocked} kan niet worden gemaakt")
    assert "Traceback" not in err


def test_observations_shows_each_rounds_option5_score(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("ronde;waarnemer;1;2;3;4;5\n1;Sanne;3;2;4;3;2\n1;Joost;2;2;3;3;1\n")
    status, out, err = run("observations", str(scores))
    assert (0, "") == (status, err)
    assert [
        "Ronde 1: OPTION-5 62,5 van 100, gemiddeld over 2 waarnemers",
        "  Sanne: 70",
        "  Joost: 55",
        "  Per punt (0 tot 4): 1: 2,5; 2: 2; 3: 3,5; 4: 3; 5: 1,5",
    ] == out.splitlines()
    scores.write_text("ronde;waarnemer;1;2;3;4;5\n1;Sanne;3;2;9;3;2\n")
    status, out, err = run("observations", str(scores))
    assert (2, "") == (status, out)
    assert "regel 2, punt 3: hier hoort een score van 0 tot en met 4, niet '9'." in err
