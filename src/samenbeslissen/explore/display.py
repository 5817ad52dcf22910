"""Notebook displays, laid out by templates with words from the catalogue; imports only the core."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from samenbeslissen.core.markdown import markdown_literal
from samenbeslissen.core.model import ParticipantRole
from samenbeslissen.core.ranking import MAX_SCORE
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.i18n import ntext, text, translations

if TYPE_CHECKING:
    import jinja2

    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.core.model import DecisionRole, Option
    from samenbeslissen.core.ranking import Ranking, Sensitivity
    from samenbeslissen.core.weighing import Criterion

__all__ = [
    "FidelityView",
    "ReportView",
    "ScenarioView",
    "comparison",
    "conversation_html",
    "conversation_markdown",
    "diagram_markdown",
    "fidelity_html",
    "fidelity_markdown",
    "preview_html",
    "ranking_html",
    "ranking_markdown",
    "report_html",
    "report_markdown",
    "scenario_html",
    "scenario_markdown",
    "sensitivity_html",
    "sensitivity_markdown",
]

TEMPLATES = Path(__file__).parent / "templates"
"""The folder of the display templates (``<display>.md.j2``, ``<display>.html.j2``)."""

PREVIEW_CLASS = "sb-preview"
"""The class of the element a document preview sits in; its style applies only inside it."""


class _Finding(Protocol):
    def title(self, language: str = ...) -> str: ...
    def message(self, language: str = ...) -> str: ...


class _Check(_Finding, Protocol):
    @property
    def state(self) -> str: ...
    def status(self, language: str = ...) -> str: ...


class FidelityView(Protocol):
    """What the fidelity display reads of a report (analysis.fidelity.FidelityReport)."""

    @property
    def pitfalls(self) -> Sequence[_Finding]: ...
    def summary(self, language: str | None = ...) -> str: ...
    def steps(self) -> Mapping[Step, Sequence[_Check]]: ...


class ReportView(Protocol):
    """What the client council display reads of a report (analysis.report.Report)."""

    @property
    def threshold(self) -> int: ...
    @property
    def total(self) -> int | None: ...
    @property
    def steps(self) -> Mapping[str, int | None]: ...


class _Person(Protocol):
    @property
    def name(self) -> str: ...


class _Client(_Person, Protocol):
    @property
    def preferred_role(self) -> DecisionRole | None: ...


class _Professional(_Person, Protocol):
    @property
    def function(self) -> str | None: ...


class _Companion(_Person, Protocol):
    @property
    def role(self) -> ParticipantRole: ...
    @property
    def relation(self) -> str | None: ...


class _Plan(Protocol):
    @property
    def option(self) -> str: ...
    @property
    def decided_by(self) -> DecisionRole: ...
    @property
    def follow_up_weeks(self) -> int: ...


class ScenarioView(Protocol):
    """What the scenario display reads of a trainer's scenario (scenarios.Scenario)."""

    @property
    def title(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def goal(self) -> str | None: ...
    @property
    def client(self) -> _Client: ...
    @property
    def professional(self) -> _Professional: ...
    @property
    def others(self) -> Sequence[_Companion]: ...
    @property
    def options(self) -> Sequence[Option]: ...
    @property
    def criteria(self) -> Sequence[Criterion]: ...
    @property
    def decision(self) -> _Plan | None: ...


# -- conversations ---------------------------------------------------------------------


def _step_states(conv: Conversation) -> list[tuple[Step, str]]:
    done = {e.from_step for e in conv.history if e.to_step is not e.from_step}
    current = conv.step
    paused = current is Step.DEFERRED
    if paused:
        current = conv.history[-1].from_step
    finished = conv.step in (Step.DECIDED, Step.EVALUATED)
    states = []
    for step in FOUR_STEPS:
        if finished or (step in done and step is not current):
            state = "done"
        elif step is current and conv.step.is_open:
            state = "paused" if paused else "current"
        else:
            state = "todo"
        states.append((step, state))
    return states


def _conversation(conv: Conversation, format: str) -> str:
    language = conv.language
    decision = conv.decision
    return _render(
        "conversation",
        format,
        language=language,
        question=conv.question,
        steps=[
            {"number": step.number, "label": step.label(language), "state": state}
            for step, state in _step_states(conv)
        ],
        closed=None if conv.step.is_open else conv.step.label(language),
        options=[o.title for o in conv.options],
        decision=None if decision is None else conv.option(decision.option).title,
    )


def conversation_markdown(conv: Conversation) -> str:
    """A short Markdown view: the four steps with where the conversation is, options, outcome."""
    return _conversation(conv, "md")


def conversation_html(conv: Conversation) -> str:
    """The same view as HTML: a row of four steps, the current one highlighted."""
    return _conversation(conv, "html")


# -- scenarios -------------------------------------------------------------------------


def _person(name: str, role: ParticipantRole, relation: str | None, language: str) -> str:
    if relation:
        return text("common.person_relation", language, name=name, role=role, relation=relation)
    return text("common.person", language, name=name, role=role)


def _scenario(scenario: ScenarioView, format: str) -> str:
    language = scenario.language
    client, professional = scenario.client, scenario.professional
    people = [
        _person(client.name, ParticipantRole.CLIENT, None, language),
        _person(professional.name, ParticipantRole.PROFESSIONAL, professional.function, language),
        *(_person(o.name, o.role, o.relation, language) for o in scenario.others),
    ]
    wish = client.preferred_role
    rows: list[tuple[str, list[str]]] = [("common.label.question", [scenario.question])]
    if scenario.goal:
        rows.append(("common.label.goal", [scenario.goal]))
    rows += [
        ("display.people", people),
        (
            "common.label.role",
            [wish.label(language) if wish else text("common.role_unknown", language)],
        ),
        (
            "display.options",
            [
                text("common.status_quo", language, title=o.title) if o.status_quo else o.title
                for o in scenario.options
            ],
        ),
    ]
    if scenario.criteria:
        rows.append(("display.criteria", [_importance(c, language) for c in scenario.criteria]))
    plan = scenario.decision
    if plan is not None:
        titles = {o.key: o.title for o in scenario.options}
        weeks = plan.follow_up_weeks
        rows.append(
            (
                "display.planned_decision",
                [
                    titles.get(plan.option, plan.option),
                    plan.decided_by.label(language),
                    ntext("guide.here.follow_up_weeks", weeks, language, weeks=weeks),
                ],
            )
        )
    return _render(
        "scenario",
        format,
        language=language,
        title=scenario.title,
        rows=[{"label": text(key, language), "entries": entries} for key, entries in rows],
    )


def _importance(criterion: Criterion, language: str) -> str:
    name = criterion.label or criterion.key
    if criterion.owner:
        return text(
            "display.importance_of",
            language,
            criterion=name,
            importance=criterion.importance,
            owner=criterion.owner,
        )
    return text("display.importance", language, criterion=name, importance=criterion.importance)


def scenario_markdown(scenario: ScenarioView) -> str:
    """A scenario in short, as a Markdown table: who, the question, options, what counts, plan."""
    return _scenario(scenario, "md")


def scenario_html(scenario: ScenarioView) -> str:
    """The same view as an HTML table, its cells aligned left and top in any notebook."""
    return _scenario(scenario, "html")


# -- ranking and sensitivity -----------------------------------------------------------


_BAR_LABEL = 72
"""How many characters of an option's title fit above its bar; the rest shows on hovering."""


def _ranking(ranking: Ranking, format: str, language: str) -> str:
    options = []
    for o in ranking.options:
        title = ranking.title(o.option)
        short = title if len(title) <= _BAR_LABEL else title[: _BAR_LABEL - 1].rstrip() + "…"
        unknown = MAX_SCORE * o.unknown_weight / o.maximum if o.maximum else 0.0
        options.append(
            {
                "rank": o.rank,
                "title": title,
                "short": short,
                "total": o.total,
                "maximum": o.maximum,
                "unknown_weight": o.unknown_weight,
                "share": o.share,
                "unknown_share": unknown,
            }
        )
    tie = ranking.describe_top(language) if ranking.tied_at_top else None
    return _render("ranking", format, language=language, options=options, tie=tie)


def ranking_markdown(ranking: Ranking, language: str = "nl") -> str:
    """The ranking as a Markdown table: rank, option, total of the maximum, unknown weight.

    Options show by their titles; a tie for first place is said in words above the table.
    """
    return _ranking(ranking, "md", language)


def ranking_html(ranking: Ranking, language: str = "nl") -> str:
    """The ranking as an inline SVG bar chart (no plotting library needed), titles above bars."""
    return _ranking(ranking, "html", language)


def sensitivity_markdown(result: Sensitivity, language: str = "nl") -> str:
    """The sentences of :meth:`Sensitivity.sentences` as a Markdown list."""
    return _render(
        "sensitivity", "md", language=language, lines=result.sentences(language=language)
    )


def sensitivity_html(result: Sensitivity, language: str = "nl") -> str:
    """The sentences of :meth:`Sensitivity.sentences` as an HTML list."""
    return _render(
        "sensitivity", "html", language=language, lines=result.sentences(language=language)
    )


# -- reports ---------------------------------------------------------------------------


def _fidelity(report: FidelityView, format: str, language: str) -> str:
    return _render(
        "fidelity",
        format,
        language=language,
        summary=report.summary(language),
        steps=[
            {
                "number": step.number,
                "label": step.label(language),
                "checks": [
                    {
                        "state": c.state,
                        "status": c.status(language),
                        "title": c.title(language),
                        "message": c.message(language),
                    }
                    for c in checks
                ],
            }
            for step, checks in report.steps().items()
        ],
        pitfalls=[
            {"title": p.title(language), "message": p.message(language)} for p in report.pitfalls
        ],
    )


def fidelity_markdown(report: FidelityView, language: str) -> str:
    """A fidelity report as Markdown: a summary, the checks per step, the pitfalls."""
    return _fidelity(report, "md", language)


def fidelity_html(report: FidelityView, language: str) -> str:
    """A fidelity report as an HTML fragment, with a class per state for a style sheet."""
    return _fidelity(report, "html", language)


def _report(report: ReportView, format: str, language: str) -> str:
    total = report.total
    return _render(
        "report",
        format,
        language=language,
        threshold=report.threshold,
        total=total,
        enough=bool(total),
        steps=report.steps,
    )


def report_markdown(report: ReportView, language: str = "nl") -> str:
    """A client council report in short: its counts per step, and that it is anonymised."""
    return _report(report, "md", language)


def report_html(report: ReportView, language: str = "nl") -> str:
    """The short view of :func:`report_markdown` as an HTML fragment."""
    return _report(report, "html", language)


# -- document previews -----------------------------------------------------------------


def preview_html(document: str, style: str) -> str:
    """An HTML fragment of a document in a ``<div class="sb-preview">``, with its style.

    Args:
        document: The fragment, escaped already (``render(..., fragment=True)``).
        style: CSS whose rules apply only inside the preview (see
            :func:`samenbeslissen.explore.style.scoped`); empty for none.
    """
    style = style.replace("</", "<\\/")  # nothing in it can end the <style> element
    return _render("preview", "html", scope=PREVIEW_CLASS, style=style, document=document).rstrip(
        "\n"
    )


# -- comparisons ----------------------------------------------------------------------


def comparison(
    format: str,
    *,
    common: Sequence[tuple[str, str]],
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> str:
    """Variants side by side: what they share said once, then a table of what differs.

    Args:
        format: "md" or "html".
        common: (heading, value) of the columns that are the same in every row.
        head: The headings of the other columns.
        rows: One row of texts per variant, one text per heading.
    """
    return _render(
        "comparison",
        format,
        common=[list(pair) for pair in common],
        head=list(head),
        rows=[list(row) for row in rows],
    )


# -- diagrams ---------------------------------------------------------------------------


def diagram_markdown(mermaid: str) -> str:
    """A Mermaid diagram as a Markdown code block."""
    # Code in a fenced block is literal already; its lines must stay lines.
    return _render("diagram", "md", literal=False, mermaid=mermaid).rstrip("\n")


# -- the templates ---------------------------------------------------------------------


def _render(name: str, format: str, *, literal: bool = True, **context: Any) -> str:
    """Render ``<name>.<format>.j2``; a template that shows words needs ``language``.

    HTML templates are autoescaped; for Markdown every text of the data is made
    literal first, so a question such as ``<img src=x onerror=...>`` stays text.
    """
    if format == "md" and literal:
        context = {key: markdown_literal(value) for key, value in context.items()}
    return _environment().get_template(f"{name}.{format}.j2").render(context)


def _found(key: str, message: str) -> str:
    if message == key:
        raise KeyError(f"the catalogue has no message {key!r}")
    return message


@functools.cache
def _environment() -> jinja2.Environment:
    """The one template environment of the displays, built on first use."""
    # Imported here, so that importing the core (whose display hooks import
    # this module) never imports Jinja.
    import jinja2

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, key: str) -> str:
        return _found(key, translations(context["language"]).gettext(key))

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, key: str, plural: str, count: int) -> str:
        return _found(key, translations(context["language"]).ngettext(key, plural, count))

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=lambda name: name is None or not name.endswith(".md.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # New style: the texts' %(name)s placeholders are filled from keyword
    # arguments, escaped in HTML, as in the catalogue's own format.
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext, ngettext, newstyle=True
    )
    return env
