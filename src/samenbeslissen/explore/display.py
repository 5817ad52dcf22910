"""Exploring in a notebook: rich displays, comparing variants of a scenario, tables."""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.model import DecisionRole
from samenbeslissen.core.steps import Step
from samenbeslissen.errors import InputError, OptionalDependencyError

if TYPE_CHECKING:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.core.ranking import Ranking, Sensitivity
    from samenbeslissen.scenarios.model import Scenario

__all__ = [
    "Preview",
    "Variant",
    "Variants",
    "conversation_html",
    "conversation_markdown",
    "preview",
    "ranking_html",
    "ranking_markdown",
    "sensitivity_lines",
    "to_frame",
    "variants",
]

_FOUR = (Step.INFORM, Step.OPTIONS, Step.PREFERENCES, Step.DECIDE)
_WORDS = {
    "done": ("klaar", "done"),
    "current": ("nu", "now"),
    "todo": ("nog niet", "not yet"),
    "paused": ("uitgesteld", "deferred"),
    "options": ("Opties", "Options"),
    "decision": ("Besluit", "Decision"),
    "deferred": ("Uitgesteld", "Deferred"),
    "total": ("totaal", "total"),
    "unknown": ("onbekend gewicht", "unknown weight"),
    "option": ("Optie", "Option"),
    "rank": ("Plaats", "Rank"),
    "criterion": ("Wat telt", "What matters"),
    "importance": ("Gewicht", "Importance"),
    "flip_down": (
        "De keuze kantelt naar {top} als '{criterion}' zakt van {now} naar {to}.",
        "The choice flips to {top} if '{criterion}' drops from {now} to {to}.",
    ),
    "flip_up": (
        "De keuze kantelt naar {top} als '{criterion}' stijgt van {now} naar {to}.",
        "The choice flips to {top} if '{criterion}' rises from {now} to {to}.",
    ),
    "stable": (
        "'{criterion}' ({now}): de keuze blijft gelijk, van 0 tot 5.",
        "'{criterion}' ({now}): the choice stays the same, from 0 to 5.",
    ),
    "no_top": ("Er zijn geen opties.", "There are no options."),
}


def _w(key: str, language: str) -> str:
    return _WORDS[key][1 if language == "en" else 0]


def _step_states(conv: Conversation) -> list[tuple[Step, str]]:
    done = {e.from_step for e in conv.history if e.to_step is not e.from_step}
    current = conv.step
    paused = current is Step.DEFERRED
    if paused:
        current = conv.history[-1].from_step
    finished = conv.step in (Step.DECIDED, Step.EVALUATED)
    states = []
    for step in _FOUR:
        if finished or (step in done and step is not current):
            state = "done"
        elif step is current and conv.step.is_open:
            state = "paused" if paused else "current"
        else:
            state = "todo"
        states.append((step, state))
    return states


def conversation_markdown(conv: Conversation) -> str:
    """A short Markdown view: the four steps with where the conversation is, options, outcome."""
    language = conv.language
    lines = [f"**{conv.question}**", ""]
    for step, state in _step_states(conv):
        mark = {"done": "✔", "current": "▶", "paused": "‖", "todo": "·"}[state]
        lines.append(f"- {mark} {step.number}. {step.label(language)} ({_w(state, language)})")
    if not conv.step.is_open:
        lines.append(f"- ■ {conv.step.label(language)}")
    if conv.options:
        lines += ["", f"{_w('options', language)}: " + ", ".join(o.title for o in conv.options)]
    if conv.decision is not None:
        chosen = conv.option(conv.decision.option).title
        lines.append(f"{_w('decision', language)}: {chosen}")
    return "\n".join(lines)


def conversation_html(conv: Conversation) -> str:
    """The same view as HTML: a row of four steps, the current one highlighted."""
    language = conv.language
    colours = {"done": "#d9ead3", "current": "#ffd966", "paused": "#f4cccc", "todo": "#eeeeee"}
    cells = "".join(
        f'<li style="display:inline-block;margin:0 .3em;padding:.3em .6em;border-radius:.4em;'
        f'background:{colours[state]}">{step.number}. {html.escape(step.label(language))}'
        f" <small>({html.escape(_w(state, language))})</small></li>"
        for step, state in _step_states(conv)
    )
    parts = [
        f"<div><p><strong>{html.escape(conv.question)}</strong></p>",
        f'<ol style="list-style:none;padding:0">{cells}</ol>',
    ]
    if not conv.step.is_open:
        parts.append(f"<p><strong>{html.escape(conv.step.label(language))}</strong></p>")
    if conv.options:
        titles = ", ".join(html.escape(o.title) for o in conv.options)
        parts.append(f"<p>{_w('options', language)}: {titles}</p>")
    if conv.decision is not None:
        chosen = html.escape(conv.option(conv.decision.option).title)
        parts.append(f"<p>{_w('decision', language)}: {chosen}</p>")
    parts.append("</div>")
    return "".join(parts)


def ranking_markdown(ranking: Ranking, language: str = "nl") -> str:
    """The ranking as a Markdown table: rank, option, total of the maximum, unknown weight."""
    names = (_w(key, language) for key in ("rank", "option", "total", "unknown"))
    rows = ["| " + " | ".join(names) + " |", "| ---: | --- | ---: | ---: |"]
    rows += [
        f"| {o.rank} | {o.option} | {o.total} / {o.maximum} | {o.unknown_weight} |" for o in ranking
    ]
    return "\n".join(rows)


def ranking_html(ranking: Ranking, language: str = "nl") -> str:
    """The ranking as an inline SVG bar chart (no plotting library needed)."""
    if not ranking.options:
        return f"<p>{_w('no_top', language)}</p>"
    width, bar_x, bar_w, row_h = 560, 170, 300, 26
    height = row_h * len(ranking.options) + 10
    shapes = []
    for i, o in enumerate(ranking.options):
        y = 5 + i * row_h
        filled = bar_w * o.share
        unknown = bar_w * (5 * o.unknown_weight / o.maximum) if o.maximum else 0.0
        name = html.escape(f"{o.rank}. {o.option}")
        shapes.append(
            f'<text x="{bar_x - 8}" y="{y + 16}" text-anchor="end" font-size="13">{name}</text>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{bar_w}" height="18" fill="#eeeeee"/>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{filled:.1f}" height="18" fill="#6aa84f"/>'
            f'<rect x="{bar_x + filled:.1f}" y="{y + 3}" width="{unknown:.1f}" height="18" '
            f'fill="none" stroke="#999999" stroke-dasharray="3,2"/>'
            f'<text x="{bar_x + bar_w + 8}" y="{y + 16}" font-size="13">'
            f"{o.total} / {o.maximum}</text>"
        )
    title = html.escape(_w("total", language))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{title}">{"".join(shapes)}</svg>'
    )


def sensitivity_lines(result: Sensitivity, labels: Mapping[str, str], language: str) -> list[str]:
    """One sentence per criterion: at which importance the choice flips, or that it does not."""
    if result.top is None:
        return [_w("no_top", language)]
    lines = []
    for flip in result.flips:
        name = labels.get(flip.criterion, flip.criterion)
        if flip.lower_to is not None:
            lines.append(
                _w("flip_down", language).format(
                    top=flip.lower_top, criterion=name, now=flip.importance, to=flip.lower_to
                )
            )
        if flip.raise_to is not None:
            lines.append(
                _w("flip_up", language).format(
                    top=flip.raise_top, criterion=name, now=flip.importance, to=flip.raise_to
                )
            )
        if flip.stable:
            lines.append(_w("stable", language).format(criterion=name, now=flip.importance))
    return lines


@attrs.frozen
class Preview:
    """A rendered document that shows itself in a notebook (HTML fragment, or Markdown)."""

    markdown: str
    html: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.markdown


def preview(
    source: Conversation | Scenario, document: str = "guide", language: str | None = None
) -> Preview:
    """Render ``document`` as Markdown and as an HTML fragment, for display in a notebook."""
    from samenbeslissen.render.renderer import render

    return Preview(
        markdown=render(source, document, "markdown", language),
        html=render(source, document, "html", language, fragment=True),
    )


@attrs.frozen(kw_only=True)
class Variant:
    """One variant of a scenario: a preferred role and a value profile, played through."""

    name: str
    preferred_role: DecisionRole | None
    importance: Mapping[str, int] = attrs.field(eq=False)
    conversation: Conversation = attrs.field(eq=False, repr=False)
    ranking: Ranking = attrs.field(eq=False, repr=False)

    @property
    def top(self) -> str | None:
        """The option that scores best under this variant's importance."""
        return self.ranking.top.option if self.ranking.top else None

    def row(self) -> dict[str, Any]:
        """The variant as one row of plain values."""
        decision = self.conversation.decision
        return {
            "variant": self.name,
            "preferred_role": self.preferred_role.value if self.preferred_role else None,
            **{f"importance.{k}": v for k, v in self.importance.items()},
            "top": self.top,
            "top_total": self.ranking.top.total if self.ranking.top else None,
            "ranking": " > ".join(self.ranking.order()),
            "decision": decision.option if decision else None,
            "decision_is_top": (decision.option == self.top) if decision else None,
        }


@attrs.frozen
class Variants:
    """The variants of one scenario side by side: one row each."""

    variants: tuple[Variant, ...]
    language: str = "nl"

    def __iter__(self) -> Any:
        return iter(self.variants)

    def __len__(self) -> int:
        return len(self.variants)

    def rows(self) -> list[dict[str, Any]]:
        """Every variant as a row of plain values (the same keys in every row)."""
        return [v.row() for v in self.variants]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas: ``pip install samenbeslissen[pandas]``)."""
        return to_frame(self.rows())

    def _repr_markdown_(self) -> str:
        rows = self.rows()
        if not rows:
            return ""
        keys = list(rows[0])
        lines = ["| " + " | ".join(keys) + " |", "|" + " --- |" * len(keys)]
        lines += ["| " + " | ".join(_cell(row[k]) for k in keys) + " |" for row in rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = self.rows()
        if not rows:
            return "<table></table>"
        keys = list(rows[0])
        head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row[k]))}</td>" for k in keys) + "</tr>"
            for row in rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def variants(
    scenario: Scenario,
    *,
    roles: Iterable[DecisionRole] | None = None,
    profiles: Mapping[str, Mapping[str, int]] | None = None,
    language: str | None = None,
) -> Variants:
    """Play ``scenario`` per decision role and value profile; put the outcomes side by side.

    Args:
        scenario: The scenario to vary.
        roles: Preferred decision roles to try (default: only the scenario's own).
        profiles: Named importance profiles, each mapping criterion key to 0-5
            (default: only the scenario's own criteria). A profile may name
            only some criteria; the others keep the scenario's importance.
        language: Language of the names ("nl" or "en"; default: the scenario's).

    Raises:
        InputError: A profile names an unknown criterion or an importance out of range.
    """
    from samenbeslissen.scenarios.model import Scenario
    from samenbeslissen.core.weighing import Criterion

    if not isinstance(scenario, Scenario):
        raise InputError("expected_type", field="scenario", expected="Scenario")
    language = language or scenario.language
    base = {c.key: c.importance for c in scenario.criteria}
    role_list = list(roles) if roles is not None else [scenario.client.preferred_role]
    profile_map: dict[str, Mapping[str, int]] = (
        dict(profiles) if profiles is not None else {label_for_own(language): {}}
    )
    found: list[Variant] = []
    for profile_name, profile in profile_map.items():
        for key, value in profile.items():
            where = f"profiles[{profile_name!r}][{key!r}]"
            if key not in base:
                raise InputError("unknown_criterion", field=where, value=key)
            v.score(value, where)
        importance = {**base, **profile}
        criteria = tuple(
            Criterion(key=c.key, importance=importance[c.key], label=c.label)
            for c in scenario.criteria
        )
        for role in role_list:
            client = attrs.evolve(scenario.client, preferred_role=role)
            varied = attrs.evolve(scenario, client=client, criteria=criteria)
            conversation = varied.play()
            weighing = conversation.weighing
            keys = [o.key for o in conversation.options]
            ranking = weighing.ranking(keys) if weighing else _empty_ranking()
            role_name = role.label(language) if role else "-"
            name = profile_name if len(role_list) == 1 else f"{profile_name} / {role_name}"
            found.append(
                Variant(
                    name=name,
                    preferred_role=role,
                    importance=importance,
                    conversation=conversation,
                    ranking=ranking,
                )
            )
    return Variants(tuple(found), language)


def label_for_own(language: str) -> str:
    """The name of the scenario's own profile."""
    return "zoals in het scenario" if language != "en" else "as in the scenario"


def _empty_ranking() -> Ranking:
    from samenbeslissen.core.ranking import Ranking

    return Ranking(options=())


def to_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """``rows`` as a pandas DataFrame; a clear error when pandas is not installed."""
    try:
        pandas = importlib.import_module("pandas")  # optional: loaded only when asked for
    except ImportError:
        raise OptionalDependencyError("missing_pandas", package="pandas", extra="pandas") from None
    return pandas.DataFrame(list(rows))
