"""Trainer scenarios as values: the people, the question, the options and scripted lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.conversation import Conversation, utc_now
from samenbeslissen.core.model import (
    ADDRESSES,
    AgeGroup,
    DecisionRole,
    Option,
    Participant,
    ParticipantRole,
)
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.core.weighing import Criterion, Rating, Weighing
from samenbeslissen.errors import InputError
from samenbeslissen.i18n import text

__all__ = [
    "ClientPersona",
    "Companion",
    "Line",
    "PlannedDecision",
    "ProfessionalPersona",
    "Scenario",
    "StepLines",
]

# Temporary: render/context.py still imports this name; it should use core.steps.FOUR_STEPS.


@attrs.frozen(kw_only=True)
class ClientPersona:
    """The client in a scenario: a name or pseudonym, their situation, how they want to decide.

    ``speaks`` is the language the client speaks best, in words, when it is
    not the scenario's (the guide then asks for a professional interpreter).
    ``age_group`` decides whose consent the decision needs (see
    :class:`~samenbeslissen.AgeGroup`). ``feelings`` is how the client feels
    about the question, for the client's role card only.
    """

    name: str
    situation: str | None = None
    preferred_role: DecisionRole | None = None
    speaks: str | None = None
    age_group: AgeGroup | None = None
    feelings: str | None = None


@attrs.frozen(kw_only=True)
class ProfessionalPersona:
    """The professional in a scenario, with their function ("Wmo-consulent")."""

    name: str
    function: str | None = None


@attrs.frozen(kw_only=True)
class Companion:
    """Someone who comes along: a naaste, a cliëntondersteuner, an interpreter, a peer expert,
    or a legal representative (a parent with authority, a guardian, a mentor, ...)."""

    name: str
    role: ParticipantRole
    relation: str | None = None
    """How they relate to the client, in words ("dochter", "buurman")."""


@attrs.frozen(kw_only=True)
class Line:
    """One scripted line: who says it and what.

    ``name`` is the person speaking, when the file named them rather than
    their role (two parents share a role, and each has lines); None means the
    first person with the role.
    """

    speaker: ParticipantRole
    text: str
    name: str | None = None


@attrs.frozen(kw_only=True)
class StepLines:
    """Scripted lines for one step: done well, and falling into the step's pitfall."""

    good: tuple[Line, ...] = ()
    pitfall: tuple[Line, ...] = ()


@attrs.frozen(kw_only=True)
class PlannedDecision:
    """How the scenario's conversation ends, for scripts and summaries."""

    option: str
    decided_by: DecisionRole
    rationale: str
    follow_up_weeks: int = 6
    reflection_offered: bool = False
    """The professional offered time to think it over before deciding."""
    consent: tuple[str, ...] = ()
    """The names of the people who agree to the decision (a minor and the parents)."""


_REPR_TITLE = 60
"""How much of a title a scenario's repr shows."""


@attrs.frozen(kw_only=True)
class Scenario:
    """A trainer's scenario: everything needed to play or script one conversation.

    Load one with :func:`samenbeslissen.load_scenario`; the loader checks
    every field. ``address`` is how the client is addressed in texts: "u"
    (the default) or "je".
    """

    title: str
    language: str
    client: ClientPersona
    professional: ProfessionalPersona
    question: str
    options: tuple[Option, ...]
    address: str = ADDRESSES[0]
    others: tuple[Companion, ...] = ()
    goal: str | None = None
    criteria: tuple[Criterion, ...] = ()
    ratings: tuple[Rating, ...] = ()
    decision: PlannedDecision | None = None
    lines: tuple[tuple[Step, StepLines], ...] = ()
    """Scripted lines per step, in step order (only steps that have lines)."""
    source: str | None = attrs.field(default=None, eq=False)
    """The file it was loaded from, if any."""

    def __repr__(self) -> str:
        # One line: a scenario holds pages of text, which a notebook or a log
        # should not spell out. The notebook views below show the content.
        title = (
            self.title if len(self.title) <= _REPR_TITLE else self.title[: _REPR_TITLE - 1] + "…"
        )
        return (
            f"<Scenario {title!r} language={self.language!r} people={2 + len(self.others)} "
            f"options={len(self.options)} criteria={len(self.criteria)}>"
        )

    def _repr_markdown_(self) -> str:
        from samenbeslissen.explore.display import scenario_markdown

        return scenario_markdown(self)

    def _repr_html_(self) -> str:
        from samenbeslissen.explore.display import scenario_html

        return scenario_html(self)

    def lines_for(self, step: Step) -> StepLines:
        """The scripted lines of ``step`` (empty when the scenario has none)."""
        for scripted, lines in self.lines:
            if scripted is step:
                return lines
        return StepLines()

    @property
    def weighing(self) -> Weighing | None:
        """The scenario's criteria and ratings as a Weighing, or None when it has no criteria."""
        if not self.criteria:
            return None
        return Weighing(criteria=self.criteria, ratings=self.ratings)

    def conversation(
        self, *, policy: Policy | None = None, clock: Callable[[], dt.datetime] = utc_now
    ) -> Conversation:
        """Start a conversation from this scenario: people set, options on the table, at step 1."""
        conv = Conversation(
            self.question,
            client=Participant(
                name=self.client.name, speaks=self.client.speaks, age_group=self.client.age_group
            ),
            professional=Participant(name=self.professional.name),
            others=[Participant(name=o.name, role=o.role) for o in self.others],
            language=self.language,
            policy=policy,
            clock=clock,
            address=self.address,
        )
        for option in self.options:
            conv.add_option(option)
        return conv

    def play(
        self,
        *,
        until: Step = Step.DECIDED,
        policy: Policy | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> Conversation:
        """Play the scenario's conversation through the model, up to ``until``.

        Step 1 tells the client they may co-decide and records the persona's
        preferred role; step 2 records that the client was promised help to
        weigh the options; step 3 records the scenario's criteria and
        ratings; step 4 records the planned decision with the client's
        teach-back (when the scenario has one; else the conversation stops
        at step 4).

        Args:
            until: The step to stop at: INFORM, OPTIONS, PREFERENCES, DECIDE or DECIDED.
            policy: The rules to play under (default: the model's own).
            clock: Where event times come from.
        """
        order = (*FOUR_STEPS, Step.DECIDED)
        step = v.member(until, Step, "until")
        if step not in order:
            allowed = ", ".join(s.value for s in order)
            raise InputError("expected_choice", field="until", allowed=allowed, got=repr(until))
        target = order.index(step)
        conv = self.conversation(policy=policy, clock=clock)
        if target >= 1:
            conv.inform(
                may_codecide=True, preferred_role=self.client.preferred_role, goal=self.goal
            )
        if target >= 2:
            # As step 1 tells the client they may co-decide, step 2 plays the
            # guide's move of promising help to weigh the options.
            conv.present_options(deliberation_support=True)
        if target >= 3:
            weighing = self.weighing
            if weighing is None:
                conv.weigh(skipped_reason=text("scenario.no_criteria", self.language))
            else:
                conv.weigh(
                    {c.key: c.importance for c in weighing.criteria},
                    weighing.scores(),
                    labels={c.key: c.label for c in weighing.criteria if c.label},
                    owners={c.key: c.owner for c in weighing.criteria if c.owner},
                )
        if target >= 4 and self.decision is not None:
            today = conv.local(conv.created_at).date()
            conv.decide(
                self.decision.option,
                decided_by=self.decision.decided_by,
                rationale=self.decision.rationale,
                follow_up=today + dt.timedelta(weeks=self.decision.follow_up_weeks),
                reflection_offered=self.decision.reflection_offered or None,
                teach_back=True,  # the script's teach-back line
                consent=self.decision.consent,
            )
        return conv
