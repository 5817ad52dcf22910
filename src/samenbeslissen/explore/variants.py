"""Previews of documents and variants of a scenario, side by side in a notebook."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.model import DecisionRole
from samenbeslissen.core.ranking import MAX_SCORE, Ranking
from samenbeslissen.core.weighing import Criterion
from samenbeslissen.errors import InputError
from samenbeslissen.explore.display import preview_html, table_html, table_markdown
from samenbeslissen.explore.frames import to_frame
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
        return preview_html(self.html, self.css)

    def __str__(self) -> str:
        return self.markdown


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

    def _repr_markdown_(self) -> str:
        return table_markdown(self.rows())

    def _repr_html_(self) -> str:
        return table_html(self.rows())


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
            keys = [o.key for o in conversation.options]
            ranking = weighing.ranking(keys) if weighing else Ranking(options=())
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
