"""Previews of documents and variants of a scenario, side by side in a notebook."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.model import DecisionRole
from samenbeslissen.core.ranking import MAX_SCORE, Ranking
from samenbeslissen.core.weighing import Criterion
from samenbeslissen.errors import InputError
from samenbeslissen.explore.display import PREVIEW_CLASS, TEMPLATES, comparison, preview_html
from samenbeslissen.explore.frames import to_frame
from samenbeslissen.explore.style import scoped
from samenbeslissen.i18n import text
from samenbeslissen.rendering.renderer import render, stylesheet
from samenbeslissen.scenarios import Scenario

__all__ = ["Preview", "Variant", "Variants", "preview", "variants"]


@attrs.frozen
class Preview:
    """A rendered document that shows itself in a notebook (HTML fragment, or Markdown).

    ``html`` is the fragment as :func:`render` gives it, without style; in a
    notebook it shows with ``css``, the HTML documents' own style sheet,
    limited to the preview so that the rest of the notebook keeps its look.
    """

    markdown: str
    html: str
    css: str = attrs.field(default="", repr=False)

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return preview_html(self.html, _preview_style(self.css))

    def __str__(self) -> str:
        return self.markdown


@functools.lru_cache(maxsize=8)
def _preview_style(css: str) -> str:
    """``css`` after the notebook reset, every rule limited to the preview's element."""
    if not css:
        return ""
    reset = (TEMPLATES / "preview.css").read_text(encoding="utf-8")
    # The element and its class: one more type in each selector than a notebook's
    # ".jp-RenderedHTMLCommon td", so the documents' rules win over the notebook's.
    return scoped(f"{reset}\n{css}", f"div.{PREVIEW_CLASS}")


def preview(
    source: Conversation | Scenario, document: str = "guide", language: str | None = None
) -> Preview:
    """Render ``document`` as Markdown and as an HTML fragment, for display in a notebook."""
    return Preview(
        markdown=render(source, document, "markdown", language),
        html=render(source, document, "html", language, fragment=True),
        css=stylesheet(),
    )


@attrs.frozen(kw_only=True)
class Variant:
    """One variant of a scenario: a preferred role and a value profile, played through."""

    name: str
    preferred_role: DecisionRole | None
    importance: Mapping[str, int] = attrs.field(eq=False)
    profile: str = ""
    """The name of the value profile (``name`` adds the role when roles are compared)."""
    conversation: Conversation = attrs.field(eq=False, repr=False)
    ranking: Ranking = attrs.field(eq=False, repr=False)

    @property
    def top(self) -> str | None:
        """The option that scores best under this variant's importance.

        When options share first place, the one put on the table first; see
        ``ranking.first`` for all of them.
        """
        return self.ranking.top.option if self.ranking.top else None

    @property
    def decided_as_wished(self) -> bool | None:
        """Whether the decision was taken in the role the client wished; None without both.

        The wish is the latest one: asked again at the decision, or else in step 1.
        """
        decision = self.conversation.decision
        wish = (decision.wanted_role if decision else None) or self.preferred_role
        if decision is None or wish is None:
            return None
        return decision.decided_by is wish

    def row(self) -> dict[str, Any]:
        """The variant as one row of plain values (option and criterion keys, role values)."""
        decision = self.conversation.decision
        first = {o.option for o in self.ranking.first}
        return {
            "variant": self.name,
            "preferred_role": self.preferred_role.value if self.preferred_role else None,
            **{f"importance.{k}": v for k, v in self.importance.items()},
            "top": self.top,
            "top_total": self.ranking.top.total if self.ranking.top else None,
            "tied_at_top": self.ranking.tied_at_top,
            "ranking": " > ".join(self.ranking.order()),
            "decision": decision.option if decision else None,
            "decision_is_top": (decision.option in first) if decision else None,
            "decided_by": decision.decided_by.value if decision else None,
            "decided_as_wished": self.decided_as_wished,
        }


@attrs.frozen
class Variants:
    """The variants of one scenario side by side: one row each.

    :meth:`rows` and :meth:`to_frame` give plain values with keys, for
    analysis. A notebook shows a table in words instead: option titles,
    criterion labels, ties as ties and, when the variants differ in the
    client's preferred role, what the guide asks of the professional for
    each role and whether the decision went as the client wished. What is the
    same in every variant is said once, above the table.
    """

    variants: tuple[Variant, ...]
    language: str = "nl"

    def __iter__(self) -> Iterator[Variant]:
        return iter(self.variants)

    def __len__(self) -> int:
        return len(self.variants)

    def rows(self) -> list[dict[str, Any]]:
        """Every variant as a row of plain values (the same keys in every row)."""
        return [v.row() for v in self.variants]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas: ``pip install samenbeslissen[pandas]``)."""
        return to_frame(self.rows())

    def _columns(self) -> list[tuple[str, list[str]]]:
        """The notebook table's columns in words: (heading, one cell per variant)."""
        language = self.language
        found = self.variants

        def say(key: str, **params: Any) -> str:
            return text(key, language, **params)

        def yes_no(value: bool | None) -> str:
            return "" if value is None else say("display.yes" if value else "display.no")

        def role(value: DecisionRole | None) -> str:
            return value.label(language) if value else say("common.role_unknown")

        columns = [
            (say("display.profile"), [v.profile or v.name for v in found]),
            (say("common.label.role"), [role(v.preferred_role) for v in found]),
        ]
        labels = _criterion_labels(found)
        for key in found[0].importance if found else ():
            heading = say("display.importance_column", criterion=labels.get(key, key))
            columns.append((heading, [str(v.importance[key]) for v in found]))
        decisions = [v.conversation.decision for v in found]
        rows = self.rows()
        columns += [
            (say("display.top"), [v.ranking.describe_top(language) or "" for v in found]),
            (
                say("display.decision"),
                [
                    v.conversation.option(d.option).title if d else ""
                    for v, d in zip(found, decisions, strict=True)
                ],
            ),
            (say("display.decision_is_top"), [yes_no(row["decision_is_top"]) for row in rows]),
        ]
        if len({v.preferred_role for v in found}) > 1:
            # Comparing roles: what changes with the role is the guide's advice
            # to the professional, and whether the decision went as wished.
            wishes = [v.preferred_role.value if v.preferred_role else None for v in found]
            columns += [
                (say("display.decided_by"), [role(d.decided_by) if d else "" for d in decisions]),
                (say("display.as_wished"), [yes_no(v.decided_as_wished) for v in found]),
                (
                    say("display.guide_inform"),
                    [say(f"guide.adapt.role.{wish or 'unknown'}") for wish in wishes],
                ),
                (
                    say("display.guide_decide"),
                    [say(f"guide.decide_role.{wish}") if wish else "" for wish in wishes],
                ),
            ]
        return columns

    def _view(self, format: str) -> str:
        # A column with nothing in it (no decision planned) is left out.
        columns = [(head, cells) for head, cells in self._columns() if any(cells)]
        common: list[tuple[str, str]] = []
        if len(self.variants) > 1:
            common = [(head, cells[0]) for head, cells in columns if len(set(cells)) == 1]
            columns = [(head, cells) for head, cells in columns if len(set(cells)) > 1]
        rows = [list(row) for row in zip(*(cells for _, cells in columns), strict=True)]
        return comparison(format, common=common, head=[head for head, _ in columns], rows=rows)

    def _repr_markdown_(self) -> str:
        return self._view("md")

    def _repr_html_(self) -> str:
        return self._view("html")


def _criterion_labels(found: tuple[Variant, ...]) -> dict[str, str]:
    weighing = found[0].conversation.weighing if found else None
    return {c.key: c.label for c in weighing.criteria if c.label} if weighing else {}


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
    if not isinstance(scenario, Scenario):
        raise InputError("expected_type", field="scenario", expected="Scenario")
    language = language or scenario.language
    base = {c.key: c.importance for c in scenario.criteria}
    role_list = list(roles) if roles is not None else [scenario.client.preferred_role]
    profile_map: dict[str, Mapping[str, int]] = (
        dict(profiles) if profiles is not None else {text("display.own_profile", language): {}}
    )
    found: list[Variant] = []
    for profile_name, profile in profile_map.items():
        for key, value in profile.items():
            where = f"profiles[{profile_name!r}][{key!r}]"
            if key not in base:
                raise InputError("unknown_criterion", field=where, value=key)
            v.score(value, where, 0, MAX_SCORE)
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
            # Without criteria nothing counts: no ranking, rather than every option first.
            ranking = (
                attrs.evolve(conversation.ranking(), language=language)
                if weighing and weighing.criteria
                else Ranking(options=(), language=language)
            )
            role_name = role.label(language) if role else "-"
            name = profile_name if len(role_list) == 1 else f"{profile_name} / {role_name}"
            found.append(
                Variant(
                    name=name,
                    preferred_role=role,
                    importance=importance,
                    profile=profile_name,
                    conversation=conversation,
                    ranking=ranking,
                )
            )
    return Variants(tuple(found), language)
