"""Benchmark of rendering documents: the cached environment, and scripts in bulk.

Run: python benchmarks/bench_render.py [--quick]

(a) the guide of a conversation with 3 options, as Markdown, after the
    first render (median of many; target < 1 ms);
(b) 1,000 role-play scripts from the example scenarios, as Markdown
    (examples/*.yaml when they load, else scenarios built here; target < 2 s);
plus, for scale: the first render with a new Renderer (builds the
environment and compiles the templates), and the guide as HTML and as text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import samenbeslissen as sb
from samenbeslissen.rendering.renderer import Renderer, render
from samenbeslissen.scenarios import (
    ClientPersona,
    Companion,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GUIDE_TARGET_MS = 1.0
SCRIPTS = 1_000
SCRIPTS_TARGET_S = 2.0

OPTIONS = tuple(
    sb.Option(key=key, title=title, pros=(pro,), cons=(con,), status_quo=key == "niets")
    for key, title, pro, con in [
        ("werkervaring", "Werkervaringsplaats", "U doet weer werkritme op", "Nog geen loon"),
        ("opleiding", "Korte opleiding", "Een diploma erbij", "Het duurt een half jaar"),
        ("niets", "Nu niets veranderen", "Rust om te herstellen", "Geen stap naar werk"),
    ]
)


def conversation() -> sb.Conversation:
    """A decided conversation with 3 options, 3 criteria and a client support person."""
    conv = sb.Conversation(
        "Welke stap naar werk past nu bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        others=[sb.Participant(name="Ingrid", role=sb.ParticipantRole.CLIENT_SUPPORT)],
    )
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    for option in OPTIONS:
        conv.add_option(option)
    conv.present_options()
    conv.weigh(
        {"dichtbij_huis": 4, "inkomen": 5, "rust": 2},
        {
            "werkervaring": {"dichtbij_huis": 3, "inkomen": 2, "rust": 2},
            "opleiding": {"dichtbij_huis": 2, "inkomen": 4, "rust": 1},
            "niets": {"dichtbij_huis": 5, "inkomen": 0, "rust": 5},
        },
    )
    conv.decide(
        "werkervaring",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ik wil weer ritme in mijn week.",
        follow_up=dt.date(2099, 1, 15),
    )
    return conv


def built_scenarios() -> list[Scenario]:
    """Scenarios made in code, in both languages, with and without companions."""
    made = []
    for language, address, others in [
        ("nl", "u", ()),
        ("nl", "je", (Companion(name="Petra", role=sb.ParticipantRole.SIGNIFICANT_OTHER),)),
        ("en", "u", (Companion(name="Ahmed", role=sb.ParticipantRole.INTERPRETER),)),
    ]:
        made.append(
            Scenario(
                title="Een stap naar werk",
                language=language,
                address=address,
                client=ClientPersona(name="Fatima", preferred_role=sb.DecisionRole.SHARED),
                professional=ProfessionalPersona(name="Jeroen", function="klantmanager"),
                others=others,
                question="Welke stap naar werk past nu bij u?",
                options=OPTIONS,
                criteria=(sb.Criterion(key="inkomen", importance=5),),
                ratings=tuple(
                    sb.Rating(option=o.key, criterion="inkomen", score=i + 2)
                    for i, o in enumerate(OPTIONS)
                ),
                decision=PlannedDecision(
                    option="opleiding",
                    decided_by=sb.DecisionRole.SHARED,
                    rationale="Met een diploma kom ik verder.",
                ),
            )
        )
    return made


def example_scenarios() -> tuple[str, list[Scenario]]:
    """The example files when they are there and load, else the scenarios built above."""
    try:
        from samenbeslissen.scenarios import load_scenario
    except ImportError:  # the loader is not there yet
        return "scenarios built in code", built_scenarios()
    files = sorted(EXAMPLES.glob("*.yaml"))
    if not files:
        return "scenarios built in code", built_scenarios()
    return f"{len(files)} example files", [load_scenario(path) for path in files]


def median_ms(func: Callable[[], object], repeat: int) -> float:
    func()  # the first render builds the environment and compiles the templates
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def first_render_ms(conv: sb.Conversation) -> float:
    start = time.perf_counter()
    Renderer().render(conv)
    return (time.perf_counter() - start) * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for CI smoke runs)")
    args = parser.parse_args(argv)
    repeat = 200 if args.quick else 2_000

    conv = conversation()
    cold = first_render_ms(conv)
    guide = median_ms(lambda: render(conv, "guide", "markdown"), repeat)
    guide_html = median_ms(lambda: render(conv, "guide", "html"), repeat)
    guide_text = median_ms(lambda: render(conv, "guide", "text"), repeat)

    where, scenarios = example_scenarios()
    render(scenarios[0], "script")  # warm: the timing below is of rendering only
    start = time.perf_counter()
    for scenario in itertools.islice(itertools.cycle(scenarios), SCRIPTS):
        render(scenario, "script")
    scripts = time.perf_counter() - start

    print(f"python {sys.version.split()[0]}, samenbeslissen {sb.__version__}")
    print(f"first render with a new Renderer (build + compile) {cold:8.2f} ms")
    print(
        f"(a) guide, 3 options, Markdown, median            {guide:8.3f} ms"
        f"   target < {GUIDE_TARGET_MS:g} ms, {guide / GUIDE_TARGET_MS:.2f} of it"
    )
    print(f"    the same guide as HTML                        {guide_html:8.3f} ms")
    print(f"    the same guide as plain text                  {guide_text:8.3f} ms")
    print(f"    first render / cached render                  {cold / guide:8.0f} x")
    print(
        f"(b) {SCRIPTS:,} scripts ({where}), Markdown   {scripts:8.3f} s"
        f"    target < {SCRIPTS_TARGET_S:g} s, {scripts / SCRIPTS_TARGET_S:.2f} of it"
    )
    print(f"    per script                                    {scripts / SCRIPTS * 1e3:8.3f} ms")
    if args.quick:
        print("quick run: too few repeats to judge the targets")
        return 0
    ok = guide < GUIDE_TARGET_MS and scripts < SCRIPTS_TARGET_S
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
