"""Tests of exploring the flow: every listed path is one a real conversation can take."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import samenbeslissen as sb
from samenbeslissen.explore.flow import diagram, paths
from tests.strategies import ticking_clock

A, S = sb.Action, sb.Step


def take(conv: sb.Conversation, action: sb.Action, count: int) -> None:
    """Take ``action`` with good input (the ``count``-th time, for fresh option keys)."""
    if action is A.INFORM:
        conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    elif action is A.ADD_OPTION:
        conv.add_option(sb.Option(key=f"extra{count}", title="Nog een optie"))
    elif action is A.PRESENT_OPTIONS:
        conv.present_options()
    elif action is A.WEIGH:
        conv.weigh({"rust": 3})
    elif action is A.DECIDE:
        conv.decide(
            "werk",
            decided_by=sb.DecisionRole.SHARED,
            rationale="Dit past bij mij.",
            follow_up=dt.date(2026, 12, 1),
        )
    elif action is A.DEFER:
        conv.defer(reason="Even nadenken.")
    elif action is A.RESUME:
        conv.resume()
    elif action is A.STOP:
        conv.stop()
    else:  # pragma: no cover - paths end at decided or stopped
        conv.evaluate(notes="Goed.")


@pytest.mark.parametrize("max_repeats", [1, 2])
def test_every_path_is_one_a_conversation_can_take(max_repeats: int) -> None:
    found = paths(max_repeats=max_repeats)
    assert len(found) > 10
    for path in found:
        conv = sb.Conversation(
            "Vraag?",
            client=sb.Participant(name="A"),
            professional=sb.Participant(name="B"),
            clock=ticking_clock(),
        )
        conv.add_option(sb.Option(key="werk", title="Werk"))
        conv.add_option(sb.Option(key="niets", title="Niets", status_quo=True))
        visited = [conv.step]
        for count, action in enumerate(path.actions):
            take(conv, action, count)
            visited.append(conv.step)
        assert list(path.steps) == visited


def test_paths_reach_every_open_step_and_both_ends() -> None:
    steps = {step for path in paths() for step in path.steps}
    assert set(S) - {S.EVALUATED} == steps
    assert {S.DECIDED, S.STOPPED} == {path.steps[-1] for path in paths()}


def test_the_shortest_decision_takes_the_four_steps() -> None:
    decided = [p for p in paths() if p.steps[-1] is S.DECIDED]
    assert (A.INFORM, A.PRESENT_OPTIONS, A.WEIGH, A.DECIDE) == decided[0].actions


def test_a_resumed_conversation_goes_back_where_it_was() -> None:
    for path in paths(max_repeats=2):
        for before, edge in zip(path.edges, path.edges[1:], strict=False):
            if edge.action is A.RESUME:
                assert before.source == edge.dest


def test_the_policys_rules_show_as_conditions_on_the_moves() -> None:
    present = next(e for p in paths() for e in p.edges if e.action is A.PRESENT_OPTIONS)
    assert ("minstens 2 opties",) == present.conditions
    strict = next(
        e
        for p in paths(policy=sb.Policy.strict(), language="en")
        for e in p.edges
        if e.action is A.PRESENT_OPTIONS
    )
    assert (
        "at least 2 options",
        "'keep as is' among the options",
        "every option with pro and con",
    ) == strict.conditions
    assert "presenting the options [at least 2 options; " in strict.describe("en")
    loose = sb.Policy(require_codecide_statement=False)
    inform = next(e for p in paths(policy=loose) for e in p.edges if e.action is A.INFORM)
    assert () == inform.conditions


@pytest.mark.parametrize("kwargs", [{"max_repeats": 0}, {"max_repeats": True}, {"language": "fr"}])
def test_bad_path_arguments_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(sb.InputError):
        paths(**kwargs)  # type: ignore[arg-type]


def test_the_diagram_is_mermaid_with_the_current_step_highlighted() -> None:
    chart = diagram(S.PREFERENCES, language="en")
    text = str(chart)
    assert text.startswith("stateDiagram-v2")
    assert 'state "3. Preferences" as preferences' in text
    assert "options --> preferences: presenting the options [at least 2 options]" in text
    assert text.endswith("class preferences current")
    assert f"```mermaid\n{text}\n```" == chart._repr_markdown_()
    assert "class " not in str(diagram())
    with pytest.raises(sb.InputError):
        diagram(language="de")


def test_the_diagram_is_also_graphviz_dot_with_the_current_step_filled() -> None:
    dot = diagram(S.DECIDE).dot
    assert dot.startswith("digraph samenbeslissen {")
    assert 'decide [label="4. Beslissing", fillcolor="#ffd966", penwidth=3];' in dot
    assert 'options -> preferences [label="de opties voorleggen [minstens 2 opties]"];' in dot
    assert "penwidth" not in diagram().dot


def _fake_dot(folder: Path, script: str) -> None:
    program = folder / "dot"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)


def test_svg_is_drawn_by_graphviz_when_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for Graphviz that proves the DOT text reaches it on stdin.
    _fake_dot(tmp_path, 'read first; echo "<svg>$first</svg>"; while read rest; do :; done')
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "<svg>digraph samenbeslissen {</svg>\n" == diagram().to_svg()


def test_svg_without_graphviz_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(sb.OptionalDependencyError) as info:
        diagram().to_svg()
    assert "graphviz" == info.value.package
    assert isinstance(info.value, ImportError)


def test_a_failing_graphviz_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dot(tmp_path, 'echo "syntax error in line 1" >&2; exit 1')
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(sb.DefinitionError) as info:
        diagram().to_svg()
    assert "syntax error in line 1" in str(info.value)


def test_a_notebook_draws_the_diagram_rather_than_showing_its_text() -> None:
    chart = diagram(S.DECIDE)
    # No HTML view: a notebook prefers HTML over Markdown, and HTML could only
    # show the Mermaid text; the Markdown's mermaid block is drawn.
    assert not hasattr(chart, "_repr_html_")
    assert chart._repr_markdown_().startswith("```mermaid\nstateDiagram-v2\n")
    assert "Diagram(current=<Step.DECIDE: 'decide'>)" == repr(chart)


def test_a_notebook_gets_a_graphviz_picture_of_the_diagram_only_with_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert diagram()._repr_svg_() is None
    _fake_dot(tmp_path, 'read first; echo "<svg>$first</svg>"; while read rest; do :; done')
    assert "<svg>digraph samenbeslissen {</svg>\n" == diagram()._repr_svg_()
    _fake_dot(tmp_path, 'echo "syntax error in line 1" >&2; exit 1')
    assert diagram()._repr_svg_() is None  # the Mermaid block still shows


def test_ipython_in_a_terminal_shows_the_mermaid_text() -> None:
    from IPython.lib.pretty import pretty

    chart = diagram(S.OPTIONS)
    assert str(chart) == pretty(chart)


def test_what_is_allowed_is_what_the_transitions_machine_allows() -> None:
    """``is_allowed`` reads FLOW without building the machine; both must agree."""
    from samenbeslissen.core import machine

    built = machine.build_machine()
    for step in sb.Step:
        for action in sb.Action:
            expected = step.value in built.events[action].transitions
            assert expected == machine.is_allowed(step.value, action), (step, action)


def test_a_guide_at_the_start_needs_no_state_machine() -> None:
    program = (
        "import sys, samenbeslissen as sb\n"
        "sb.render(sb.demo_scenario())\n"
        "print('transitions' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert "False\n" == done.stdout


def _outcome(move: Any, conv: sb.Conversation, action: sb.Action, data: Any) -> object:
    try:
        move(conv, action, data)
    except sb.ActionNotAllowedError as error:
        return (type(error).__name__, getattr(error, "rule", None))
    return conv._state


def test_the_compiled_table_moves_exactly_as_the_transitions_machine() -> None:
    """Every (step, action, rule outcome): the same next step or the same refusal."""
    from samenbeslissen.core import machine
    from tests.strategies import FOLLOW_UP, at

    shared = machine.shared_machine()
    payloads: dict[sb.Action, list[Any]] = {
        sb.Action.INFORM: [
            sb.Invitation(may_codecide=True, preferred_role=sb.DecisionRole.SHARED),
            sb.Invitation(may_codecide=True),
            sb.Invitation(may_codecide=False),
        ],
        sb.Action.ADD_OPTION: [sb.Option(key="nieuw", title="Nieuw")],
        sb.Action.WEIGH: [sb.Weighing.from_mappings({"rust": 3}), sb.Weighing()],
        sb.Action.DECIDE: [
            sb.Decision(
                option="niets", decided_by="shared", rationale="Rust.", follow_up=FOLLOW_UP
            ),
            sb.Decision(option="niets", decided_by="shared"),
            sb.Decision(option="niets", decided_by="shared", rationale="Rust."),
        ],
        sb.Action.DEFER: [sb.Deferral(reason="Bedenktijd.")],
        sb.Action.STOP: [sb.Stopping()],
        sb.Action.EVALUATE: [sb.Evaluation(notes="Gaat goed.")],
        sb.Action.RECONSIDER: [sb.Reconsideration(reason="Werkt niet.")],
        sb.Action.ADD_EXPERIENCE: [sb.Experience()],
    }
    policies = [
        sb.Policy(),
        sb.Policy.strict(),
        sb.Policy(min_options=1, require_preferences=False),
    ]
    compared = 0
    for step in sb.Step:
        for policy in policies:
            start = at(step, policy=policy)
            for action in sb.Action:
                for data in payloads.get(action, [None]):
                    by_table = sb.Conversation.from_dict(start.to_dict())
                    by_machine = sb.Conversation.from_dict(start.to_dict())
                    expected = _outcome(
                        lambda c, a, d: machine.trigger(shared, c, a, d), by_machine, action, data
                    )
                    assert expected == _outcome(machine.fire, by_table, action, data), (
                        step,
                        action,
                        data,
                    )
                    compared += 1
    assert compared > 300  # every step, action and payload, under three policies


def test_the_table_is_read_from_the_machine_not_from_flow() -> None:
    from samenbeslissen.core import machine

    built = machine.build_machine()
    table = machine.compile_machine(built)

    assert set(table) == {(s, a) for (s, a) in table if machine.is_allowed(s, a)}
    from samenbeslissen.core.steps import FLOW

    assert len(table) == len({(e.source.value, e.action) for e in FLOW})
