"""Exploring the flow: the paths the model allows, and the flow as a Mermaid diagram."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.machine import RULES
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.steps import FLOW, Action, Step
from samenbeslissen.errors import DefinitionError, InputError, OptionalDependencyError
from samenbeslissen.i18n import ntext, text

__all__ = ["Diagram", "Edge", "Route", "diagram", "paths"]

_DEFAULT_POLICY = Policy()


def _rule_text(name: str, policy: Policy, language: str) -> str:
    """A rule on an edge in words ("minstens 2 opties", "uitgesteld in stap 3")."""
    if name == "enough_options":
        return ntext("rule.enough_options", policy.min_options, language)
    if name.startswith("deferred_in_"):
        step = Step(name.removeprefix("deferred_in_"))
        return text("rule.deferred_in", language, number=step.number)
    return text(f"rule.{name}", language)


@attrs.frozen(kw_only=True)
class Edge:
    """One move of the model: ``action`` from ``source`` to ``dest``, under ``conditions``.

    ``conditions`` are the rules the policy switches on for this move, in
    words ("minstens 2 opties").
    """

    action: Action
    source: Step
    dest: Step
    conditions: tuple[str, ...]

    def describe(self, language: str = "nl") -> str:
        """The move in words: the action and, in brackets, its conditions."""
        text = self.action.label(language)
        return f"{text} [{'; '.join(self.conditions)}]" if self.conditions else text


@attrs.frozen(kw_only=True)
class Route:
    """A sequence of moves from step 1 to an end (by default: decided or stopped)."""

    edges: tuple[Edge, ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps passed, from the first to the last."""
        return (self.edges[0].source, *(e.dest for e in self.edges)) if self.edges else ()

    @property
    def actions(self) -> tuple[Action, ...]:
        """The actions taken, in order."""
        return tuple(e.action for e in self.edges)

    def __len__(self) -> int:
        return len(self.edges)


def _edges(policy: Policy, language: str, *, internal: bool) -> list[Edge]:
    edges = []
    for t in FLOW:
        if t.dest is None and not internal:
            continue
        edges.append(
            Edge(
                action=t.action,
                source=t.source,
                dest=t.dest or t.source,
                conditions=tuple(
                    _rule_text(rule, policy, language)
                    for rule in t.conditions
                    if RULES[rule].active(policy)
                ),
            )
        )
    return edges


def paths(
    *,
    ends: tuple[Step, ...] = (Step.DECIDED, Step.STOPPED),
    max_repeats: int = 1,
    policy: Policy | None = None,
    language: str = "nl",
) -> tuple[Route, ...]:
    """The step sequences the model allows, from step 1 to one of ``ends``.

    Moves that keep the step the same (adding an option in step 2, weighing
    again in step 4) are left out; back-loops (a new option after presenting,
    deferring and resuming) are followed at most ``max_repeats`` times each.
    A path stops at the first of ``ends`` it reaches.

    Args:
        ends: Where paths end.
        max_repeats: How often one move may occur in a path (1-3).
        policy: Whose rules to show on the moves (default: the model's own).
        language: Language of the conditions ("nl" or "en").

    Raises:
        InputError: ``max_repeats`` out of range, or an unknown language.
    """
    if (
        isinstance(max_repeats, bool)
        or not isinstance(max_repeats, int)
        or not 1 <= max_repeats <= 3
    ):
        raise InputError(
            "expected_score", field="max_repeats", low=1, high=3, got=repr(max_repeats)
        )
    v.check_language(language)
    edges = _edges(policy or _DEFAULT_POLICY, language, internal=False)
    found: list[Route] = []

    def walk(step: Step, taken: list[Edge], used: Counter[Edge]) -> None:
        if taken and step in ends:
            found.append(Route(edges=tuple(taken)))
            return
        for edge in edges:
            if edge.source is not step or used[edge] >= max_repeats:
                continue
            if edge.action is Action.RESUME and edge.dest is not taken[-1].source:
                continue  # a deferred conversation resumes where it was deferred
            used[edge] += 1
            taken.append(edge)
            walk(edge.dest, taken, used)
            taken.pop()
            used[edge] -= 1

    walk(Step.INFORM, [], Counter())
    return tuple(sorted(found, key=lambda p: (len(p), [e.action.value for e in p.edges])))


@attrs.frozen(kw_only=True)
class Diagram:
    """The flow as a Mermaid state diagram, with the current step highlighted.

    In a notebook the last line of a cell draws it: ``_repr_markdown_``
    gives a fenced ``mermaid`` block, which JupyterLab (4.1 and later) and
    GitHub draw, and ``_repr_svg_`` a picture drawn by Graphviz, for
    front ends that draw no Mermaid, when Graphviz is installed (never
    required). In a terminal, ``print(chart)`` and IPython show the Mermaid
    text. The same flow is in ``dot`` for Graphviz; :meth:`to_svg` draws it.
    """

    mermaid: str = attrs.field(repr=False)
    dot: str = attrs.field(repr=False)
    current: Step | None = None

    def to_svg(self, *, timeout: float = 30.0) -> str:
        """The diagram as SVG, drawn by Graphviz's ``dot`` program.

        Raises:
            OptionalDependencyError: Graphviz is not installed.
            DefinitionError: Graphviz failed on the diagram.
        """
        program = shutil.which("dot")
        if program is None:
            raise OptionalDependencyError("missing_graphviz", package="graphviz")
        done = subprocess.run(
            [program, "-Tsvg"],
            input=self.dot,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise DefinitionError("graphviz_failed", detail=done.stderr.strip()[:500])
        return done.stdout

    def _repr_markdown_(self) -> str:
        from samenbeslissen.explore.display import diagram_markdown

        return diagram_markdown(self.mermaid)

    def _repr_svg_(self) -> str | None:
        # None tells the notebook there is no picture: without Graphviz, or
        # when it fails, the Mermaid block shows on its own.
        if shutil.which("dot") is None:
            return None
        try:
            return self.to_svg(timeout=_SVG_TIMEOUT)
        except (DefinitionError, OptionalDependencyError, OSError, subprocess.TimeoutExpired):
            return None

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.mermaid)  # IPython in a terminal: the Mermaid text, not the repr

    def __str__(self) -> str:
        return self.mermaid


_SVG_TIMEOUT = 10.0
"""Seconds a notebook waits for Graphviz before it shows the diagram without the picture."""


def _node(step: Step) -> str:
    return step.value


def _lines(edges: list[Edge], language: str) -> Iterator[str]:
    yield "stateDiagram-v2"
    for step in Step:
        name = step.label(language)
        if step.number:
            name = f"{step.number}. {name}"
        yield f'    state "{name}" as {_node(step)}'
    yield f"    [*] --> {_node(Step.INFORM)}"
    for edge in edges:
        text = edge.describe(language).replace(":", " ")
        yield f"    {_node(edge.source)} --> {_node(edge.dest)}: {text}"
    for step in Step:
        if step.is_final:
            yield f"    {_node(step)} --> [*]"


def _dot(edges: list[Edge], language: str, current: Step | None) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "digraph samenbeslissen {",
        "    rankdir=LR;",
        '    node [shape=box, style="rounded,filled", fillcolor="#ffffff"];',
    ]
    for step in Step:
        name = step.label(language)
        if step.number:
            name = f"{step.number}. {name}"
        fill = ', fillcolor="#ffd966", penwidth=3' if step is current else ""
        lines.append(f"    {step.value} [label={quoted(name)}{fill}];")
    for edge in edges:
        text = quoted(edge.describe(language))
        lines.append(f"    {edge.source.value} -> {edge.dest.value} [label={text}];")
    lines.append("}")
    return "\n".join(lines)


def diagram(
    current: Step | None = None,
    *,
    policy: Policy | None = None,
    language: str = "nl",
) -> Diagram:
    """The flow as a Mermaid diagram; ``current`` (a step, or a conversation's step) stands out.

    Args:
        current: The step to highlight, e.g. ``conv.step``.
        policy: Whose rules to show on the moves (default: the model's own).
        language: Language of the labels ("nl" or "en").
    """
    v.check_language(language)
    edges = _edges(policy or _DEFAULT_POLICY, language, internal=True)
    lines = list(_lines(edges, language))
    step = None if current is None else v.member(current, Step, "current")
    if step is not None:
        lines.append("    classDef current fill:#ffd966,stroke:#7f6000,stroke-width:3px")
        lines.append(f"    class {_node(step)} current")
    return Diagram(mermaid="\n".join(lines), dot=_dot(edges, language, step), current=step)
