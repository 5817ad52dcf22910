"""No traceback for a user's input: endless files, wrong types, markup in notebook views.

Each case was found by trying the library as an attacker would; each test
fails again if the finding comes back.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.core.markdown import markdown_escape
from tests.strategies import at
from tests.test_cli import run

ENDLESS = "/dev/zero"


@pytest.mark.skipif(not os.path.exists(ENDLESS), reason="no endless file here")
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("render", "{zero_json}"), "te groot voor een gespreksverslag"),
        (("render", ENDLESS), "te groot voor een scenario"),
        (("report", ENDLESS), "te groot voor een gespreksverslag"),
        (("validate", ENDLESS), "te groot voor een scenario"),
    ],
)
def test_an_endless_file_is_refused_without_a_traceback(
    tmp_path: Path, argv: tuple[str, ...], words: str
) -> None:
    zero_json = tmp_path / "gesprek.json"
    zero_json.symlink_to(ENDLESS)

    code, _out, err = run(*(a.format(zero_json=zero_json) for a in argv))

    assert 2 == code
    assert words in err
    assert "Traceback" not in err


def test_a_record_with_a_lone_surrogate_is_refused_without_a_traceback(tmp_path: Path) -> None:
    record = at(sb.Step.DECIDE).to_json().replace('"Fatima"', '"Fatima \\ud800"')
    path = tmp_path / "gesprek.json"
    path.write_text(record, encoding="utf-8")

    code, _out, err = run("render", str(path))

    assert 2 == code
    assert "client.name" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: sb.loads_scenario(None), sb.ScenarioError),
        (lambda: sb.loads_scenario(b"\xff\xfe title: x"), sb.ScenarioError),
        (lambda: sb.load_scenario(None), sb.ScenarioError),
        (lambda: sb.load_scenario("a\0b.yaml"), sb.ScenarioError),
        (lambda: sb.render(sb.demo_scenario(), format={}), sb.InputError),
        (lambda: sb.render(sb.demo_scenario(), document=[]), sb.InputError),
        (lambda: sb.report(None), sb.InputError),
        (lambda: sb.report("records.jsonl"), sb.InputError),
        (lambda: list(sb.read_records(None)), sb.InputError),
        (lambda: list(sb.read_records("a\0b")), sb.RecordError),
        (lambda: sb.Renderer(template_dirs=5), sb.InputError),
        (lambda: sb.Conversation.from_json(None), sb.RecordError),
        (lambda: sb.fidelity(None), sb.InputError),
    ],
)
def test_a_misused_call_is_an_error_of_the_library(call: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value)


def test_bytes_of_a_scenario_in_utf8_are_read_as_text() -> None:
    text = (Path(sb.__file__).parent / "starters" / "nl.yaml").read_bytes()
    assert sb.loads_scenario(text).title


@given(st.text(min_size=1).filter(lambda t: t.strip() and t.isprintable()))
def test_a_notebook_view_in_markdown_shows_any_question_as_text(question: str) -> None:
    conv = sb.Conversation(
        question,
        client=sb.Participant(name="<b>Anna</b>"),
        professional=sb.Participant(name="Jo"),
    )

    shown = conv._repr_markdown_()

    assert f"**{markdown_escape(question)}**" == shown.splitlines()[0]
    for mark in "<>[]`|":  # marks the view itself never writes: each one is escaped
        assert shown.count(mark) == shown.count("\\" + mark), mark


def test_a_scenario_with_a_lone_surrogate_is_refused_at_its_line(tmp_path: Path) -> None:
    starter = (Path(sb.__file__).parent / "starters" / "nl.yaml").read_text(encoding="utf-8")
    lines = starter.splitlines()
    at_line = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at_line] = 'title: "Oefenen \\ud800"'
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")

    code, _out, err = run("validate", str(path))

    assert 2 == code
    assert f"s.yaml:{at_line + 1}: title: deze tekst bevat een half teken" in err
    assert "Traceback" not in err


def test_scenario_to_dict_refuses_what_is_no_scenario() -> None:
    with pytest.raises(sb.InputError) as info:
        sb.scenario_to_dict({"title": "x"})  # type: ignore[arg-type]
    assert "scenario" == info.value.field


@pytest.mark.parametrize("indent", [True, -1, 17, 2.5, "2", []])
def test_a_bad_indent_is_an_input_error(indent: object) -> None:
    conv = sb.Conversation(
        "Vraag?", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
    )
    with pytest.raises(sb.InputError) as info:
        conv.to_json(indent=indent)  # type: ignore[arg-type]
    assert "indent" == info.value.field
    with pytest.raises(sb.InputError):
        sb.report([]).to_json(indent=indent)  # type: ignore[arg-type]


@pytest.mark.parametrize("moment", [None, "2026-12-02", dt.datetime(2026, 12, 2, 9, 0)])
def test_local_refuses_what_is_no_aware_time(moment: object) -> None:
    conv = sb.Conversation(
        "Vraag?", client=sb.Participant(name="A"), professional=sb.Participant(name="B")
    )
    with pytest.raises(sb.InputError) as info:
        conv.local(moment)  # type: ignore[arg-type]
    assert "moment" == info.value.field


def test_an_answer_too_big_to_print_is_still_named_in_the_error() -> None:
    # Found by the record fuzz test: a scoring error printed the value with repr(),
    # which fails for an integer of thousands of digits and a list nested deep.
    from samenbeslissen.instruments import sdm_q9

    nested: list[object] = []
    for _ in range(100_000):
        nested = [nested]
    for bad, named in ((10**5000, "int of 16610 bits"), (nested, "list")):
        with pytest.raises(sb.ScoringError) as info:
            sdm_q9([bad, *[1] * 8])
        assert info.value.field.endswith("[0]")
        assert named in info.value.detail
