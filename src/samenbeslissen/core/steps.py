"""The steps, the actions and the flow between them, as data."""

from __future__ import annotations

from samenbeslissen.i18n import Labelled

__all__ = ["FLOW", "FOUR_STEPS", "Action", "Step", "Transition"]


class Step(Labelled):
    """Where a conversation is: one of the four steps of the model, or an end or pause.

    The value is the stable name used in records.
    """

    INFORM = "inform"
    """Step 1: tell the client there is a choice and that they may co-decide."""
    OPTIONS = "options"
    """Step 2: explain the options with their pros and cons."""
    PREFERENCES = "preferences"
    """Step 3: find out what matters to the client and weigh the options."""
    DECIDE = "decide"
    """Step 4: decide together, or defer."""
    DEFERRED = "deferred"
    """Paused: the client takes time to think or to consult others."""
    DECIDED = "decided"
    """A decision was made; it can still be evaluated at the follow-up."""
    STOPPED = "stopped"
    """The conversation was stopped (final)."""
    EVALUATED = "evaluated"
    """The decision was evaluated at the follow-up (final, unless it is reconsidered)."""

    @property
    def number(self) -> int | None:
        """The step's number in the four-step model (1-4), or None for the others."""
        return _NUMBERS.get(self)

    @property
    def is_final(self) -> bool:
        """True when the conversation is over.

        An evaluated one can still get experiences, and can be reconsidered:
        back to the options, when the decision did not work out.
        """
        return self in (Step.STOPPED, Step.EVALUATED)

    @property
    def is_open(self) -> bool:
        """True while the conversation can still reach a decision."""
        return self in _OPEN


FOUR_STEPS = (Step.INFORM, Step.OPTIONS, Step.PREFERENCES, Step.DECIDE)
"""The four steps of the model, in order: the one place that says which they are."""

_NUMBERS = {step: number for number, step in enumerate(FOUR_STEPS, start=1)}
_OPEN = frozenset({*FOUR_STEPS, Step.DEFERRED})


class Action(Labelled):
    """Something that can be done in a conversation; each becomes an event in its history."""

    INFORM = "inform"
    ADD_OPTION = "add_option"
    PRESENT_OPTIONS = "present_options"
    WEIGH = "weigh"
    DECIDE = "decide"
    DEFER = "defer"
    RESUME = "resume"
    STOP = "stop"
    EVALUATE = "evaluate"
    RECONSIDER = "reconsider"
    ADD_EXPERIENCE = "add_experience"


class Transition:
    """One edge of the flow: ``action`` leads from ``source`` to ``dest``.

    ``dest`` None means the step stays the same. ``conditions`` name the
    policy rules (and, for resume, the remembered step) checked on this edge.
    """

    __slots__ = ("action", "conditions", "dest", "source")

    def __init__(
        self,
        action: Action,
        source: Step,
        dest: Step | None,
        conditions: tuple[str, ...] = (),
    ) -> None:
        self.action = action
        self.source = source
        self.dest = dest
        self.conditions = conditions

    def __repr__(self) -> str:
        dest = self.dest.value if self.dest else "(same)"
        return f"Transition({self.action.value}: {self.source.value} -> {dest})"


def _edges() -> tuple[Transition, ...]:
    s, a = Step, Action
    deferrable = FOUR_STEPS[1:]
    edges = [
        Transition(
            a.INFORM,
            s.INFORM,
            s.OPTIONS,
            ("told_may_codecide", "asked_role", "client_support_offered"),
        ),
        # Options can be prepared before the conversation and added in step 2;
        # a new option after they were presented sends the conversation back.
        Transition(a.ADD_OPTION, s.INFORM, None),
        Transition(a.ADD_OPTION, s.OPTIONS, None),
        Transition(a.ADD_OPTION, s.PREFERENCES, s.OPTIONS),
        Transition(a.ADD_OPTION, s.DECIDE, s.OPTIONS),
        Transition(
            a.PRESENT_OPTIONS,
            s.OPTIONS,
            s.PREFERENCES,
            ("enough_options", "status_quo_offered", "pros_and_cons_given"),
        ),
        Transition(a.WEIGH, s.PREFERENCES, s.DECIDE, ("preferences_recorded",)),
        Transition(a.WEIGH, s.DECIDE, None, ("preferences_recorded",)),
        Transition(a.DECIDE, s.DECIDE, s.DECIDED, ("decision_complete", "minor_consent")),
        *(Transition(a.DEFER, step, s.DEFERRED) for step in deferrable),
        *(
            Transition(a.RESUME, s.DEFERRED, step, (f"deferred_in_{step.value}",))
            for step in deferrable
        ),
        *(Transition(a.STOP, step, s.STOPPED) for step in Step if step.is_open),
        Transition(a.EVALUATE, s.DECIDED, s.EVALUATED),
        # A decision that did not work out goes back to the options; the earlier
        # decision and its evaluation stay in the history.
        Transition(a.RECONSIDER, s.EVALUATED, s.OPTIONS),
        # The client's experience can be added after the decision and at evaluation.
        Transition(a.ADD_EXPERIENCE, s.DECIDED, None),
        Transition(a.ADD_EXPERIENCE, s.EVALUATED, None),
    ]
    return tuple(edges)


FLOW: tuple[Transition, ...] = _edges()
"""Every transition of the model, in order: the single definition of the flow."""
