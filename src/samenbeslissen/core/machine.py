"""The one shared transitions machine, and the rules checked on its edges."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from samenbeslissen.core.model import (
    AUTHORITY_ROLES,
    AgeGroup,
    Decision,
    Invitation,
    Option,
    Participant,
    ParticipantRole,
)
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.steps import FLOW, FOUR_STEPS, Action, Step
from samenbeslissen.core.weighing import Weighing
from samenbeslissen.errors import NotEnoughOptionsError, RuleViolationError, StepOrderError
from samenbeslissen.i18n import Joined, Phrase

if TYPE_CHECKING:
    from transitions import EventData, Machine

    from samenbeslissen.core.events import Payload

__all__ = [
    "MACHINE_ATTRIBUTE",
    "RULES",
    "Rule",
    "build_machine",
    "compile_machine",
    "consent_needed",
    "fire",
    "is_allowed",
    "shared_machine",
    "state_rules_pass",
    "step_order_error",
    "trigger",
]

MACHINE_ATTRIBUTE = "_state"
"""The attribute of a conversation that holds its step's value; transitions reads and sets it.

Plain strings, not the Step enum: transitions resolves enum states through
``Enum.name`` on every call, which doubled the cost of an action.
"""


class Stateful(Protocol):
    """What a rule sees of a conversation."""

    @property
    def step(self) -> Step: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def options(self) -> tuple[Option, ...]: ...
    @property
    def participants(self) -> tuple[Participant, ...]: ...
    @property
    def language(self) -> str: ...
    def _deferred_from(self) -> Step | None: ...


Check = Callable[["Stateful", "Payload"], bool]
"""A rule's test: True, or a RuleViolationError that explains."""


def _refuse(conv: Stateful, key: str, action: Action, rule: str, **params: Any) -> bool:
    raise RuleViolationError(
        key, step=conv.step, action=action, rule=rule, language=conv.language, **params
    )


def told_may_codecide(conv: Stateful, data: Payload) -> bool:
    """Rule 1: the client was told they may co-decide."""
    assert isinstance(data, Invitation)
    if conv.policy.require_codecide_statement and not data.may_codecide:
        _refuse(conv, "rule_codecide", Action.INFORM, "require_codecide_statement")
    return True


def asked_role(conv: Stateful, data: Payload) -> bool:
    """The client's preferred decision role was asked (when the policy wants it)."""
    assert isinstance(data, Invitation)
    if conv.policy.require_preferred_role and data.preferred_role is None:
        _refuse(conv, "rule_preferred_role", Action.INFORM, "require_preferred_role")
    return True


def client_support_offered(conv: Stateful, data: Payload) -> bool:
    """Free client support was offered, when nobody supports the client (if the policy wants it)."""
    assert isinstance(data, Invitation)
    if (
        conv.policy.require_client_support_offer
        and data.client_support_offered is not True
        and not any(p.role is ParticipantRole.CLIENT_SUPPORT for p in conv.participants)
    ):
        _refuse(conv, "rule_client_support", Action.INFORM, "require_client_support_offer")
    return True


def enough_options(conv: Stateful, _data: Payload) -> bool:
    """Rule 2: at least ``min_options`` options are on the table."""
    minimum, count = conv.policy.min_options, len(conv.options)
    if count < minimum:
        raise NotEnoughOptionsError(
            "rule_min_options",
            step=conv.step,
            action=Action.PRESENT_OPTIONS,
            rule="min_options",
            language=conv.language,
            minimum=minimum,
            options=Phrase("word.options", count=minimum),
            count=count,
        )
    return True


def status_quo_offered(conv: Stateful, _data: Payload) -> bool:
    """ "Keep things as they are" is among the options (when the policy wants it)."""
    if conv.policy.require_status_quo and not any(o.status_quo for o in conv.options):
        _refuse(conv, "rule_status_quo", Action.PRESENT_OPTIONS, "require_status_quo")
    return True


def pros_and_cons_given(conv: Stateful, _data: Payload) -> bool:
    """Every option has a pro and a con (when the policy wants it)."""
    if conv.policy.require_pros_and_cons:
        missing = [o.key for o in conv.options if not (o.pros and o.cons)]
        if missing:
            _refuse(
                conv,
                "rule_pros_and_cons",
                Action.PRESENT_OPTIONS,
                "require_pros_and_cons",
                options=", ".join(missing),
            )
    return True


def preferences_recorded(conv: Stateful, data: Payload) -> bool:
    """Rule 3: what matters was recorded, or why not."""
    assert isinstance(data, Weighing)
    if conv.policy.require_preferences and not (data.criteria or data.skipped):
        _refuse(conv, "rule_preferences", Action.WEIGH, "require_preferences")
    return True


def decision_complete(conv: Stateful, data: Payload) -> bool:
    """Rule 4: the decision has the client's reasons and a follow-up date."""
    assert isinstance(data, Decision)
    if conv.policy.require_rationale and data.rationale is None:
        _refuse(conv, "rule_rationale", Action.DECIDE, "require_rationale")
    if conv.policy.require_follow_up and data.follow_up is None:
        _refuse(conv, "rule_follow_up", Action.DECIDE, "require_follow_up")
    return True


def _young(conv: Stateful) -> AgeGroup | None:
    """The client's age group when it is under 16, the ages whose decisions need consent."""
    group = conv.participants[0].age_group
    return group if group is AgeGroup.UNDER_12 or group is AgeGroup.FROM_12_TO_15 else None


def consent_needed(conv: Stateful) -> tuple[str, ...]:
    """The names whose consent a decision for the client needs; empty from 16 or age unknown.

    Under 12: every parent with authority or guardian taking part; 12 to 15:
    the client too (WGBO art. 7:450 and 7:465; the Jeugdwet likewise).
    """
    group = _young(conv)
    if group is None:
        return ()
    client = conv.participants[0].name
    holders = [p.name for p in conv.participants if p.role in AUTHORITY_ROLES]
    return (*([client] if group is AgeGroup.FROM_12_TO_15 else []), *holders)


def minor_consent(conv: Stateful, data: Payload) -> bool:
    """A decision for a client under 16 records the consent the law asks (when the policy wants it).

    At least one parent with authority or guardian must take part.
    """
    assert isinstance(data, Decision)
    group = _young(conv)
    if group is None or not conv.policy.require_minor_consent:
        return True
    age = Phrase(f"age_group.{group.value}")
    if not any(p.role in AUTHORITY_ROLES for p in conv.participants):
        _refuse(conv, "rule_minor_no_authority", Action.DECIDE, "require_minor_consent", age=age)
    missing = [name for name in consent_needed(conv) if name not in data.consent]
    if missing:
        _refuse(
            conv,
            "rule_minor_consent",
            Action.DECIDE,
            "require_minor_consent",
            age=age,
            names=Joined(missing),
        )
    return True


def _deferred_in(step: Step) -> Check:
    def deferred_in(conv: Stateful, _data: Payload) -> bool:
        return conv._deferred_from() is step

    deferred_in.__doc__ = f"The conversation was deferred during {step.value}."
    return deferred_in


@attrs.frozen
class Rule:
    """A condition on an edge of FLOW: what it checks and which policy fields switch it on.

    Attributes:
        name: The name FLOW uses for it; its words are the message ``"rule.<name>"``.
        check: Returns True, or raises a RuleViolationError that explains.
        policy_fields: The fields of :class:`Policy` that switch the rule on;
            empty for a rule that is not the policy's (where a deferral returns to).
        state_only: True when the rule looks only at the conversation, not at
            the action's input, so it can be checked before the action is taken.
    """

    name: str
    check: Check
    policy_fields: tuple[str, ...] = ()
    state_only: bool = False

    def active(self, policy: Policy) -> bool:
        """True when ``policy`` switches this rule on."""
        if not self.policy_fields:
            return True
        return any(getattr(policy, field) for field in self.policy_fields)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("told_may_codecide", told_may_codecide, ("require_codecide_statement",)),
        Rule("asked_role", asked_role, ("require_preferred_role",)),
        Rule("client_support_offered", client_support_offered, ("require_client_support_offer",)),
        Rule("enough_options", enough_options, ("min_options",), state_only=True),
        Rule("status_quo_offered", status_quo_offered, ("require_status_quo",), state_only=True),
        Rule(
            "pros_and_cons_given",
            pros_and_cons_given,
            ("require_pros_and_cons",),
            state_only=True,
        ),
        Rule("preferences_recorded", preferences_recorded, ("require_preferences",)),
        Rule("decision_complete", decision_complete, ("require_rationale", "require_follow_up")),
        Rule("minor_consent", minor_consent, ("require_minor_consent",)),
        *(Rule(f"deferred_in_{s.value}", _deferred_in(s)) for s in FOUR_STEPS[1:]),
    )
}
"""The conditions named on the edges of FLOW, with the policy fields that switch them on."""


def state_rules_pass(conv: Stateful, action: Action) -> bool:
    """True when the rules on ``action``'s edge that depend only on ``conv`` are met."""
    for edge in FLOW:
        if edge.action is action and edge.source is conv.step:
            for name in edge.conditions:
                if RULES[name].state_only:
                    try:
                        RULES[name].check(conv, None)
                    except RuleViolationError:
                        return False
    return True


class _EdgeRules:
    """The transitions condition of one edge: its rules, checked in order.

    One condition per edge has the same outcome as one per rule, at a
    fraction of the cost. It keeps the rules, so the compiled table (see
    ``fire``) takes them from the machine itself.
    """

    __slots__ = ("rules",)

    def __init__(self, rules: tuple[Check, ...]) -> None:
        self.rules = rules

    def __call__(self, event: EventData) -> bool:
        conv: Stateful = event.model  # type: ignore[assignment]  # always a Conversation
        data = event.kwargs["data"]
        return all(rule(conv, data) for rule in self.rules)


def build_machine(model: object = None) -> Machine:
    """Build a transitions machine from FLOW.

    With ``model`` None the machine has no model of its own: it serves any
    conversation passed to its triggers, which is how the shared one is used.
    """
    # Imported here, at the first action of the process: reading a record's
    # step or showing a guide at the start needs no machine.
    from transitions import Machine

    return Machine(
        model=model,
        states=[step.value for step in Step],
        initial=Step.INFORM.value,
        transitions=[
            {
                "trigger": t.action.value,
                "source": t.source.value,
                "dest": t.dest.value if t.dest else None,
                "conditions": (
                    [_EdgeRules(tuple(RULES[name].check for name in t.conditions))]
                    if t.conditions
                    else []
                ),
            }
            for t in FLOW
        ],
        auto_transitions=False,
        send_event=True,
        model_attribute=MACHINE_ATTRIBUTE,
    )


_SHARED: Machine | None = None


def shared_machine() -> Machine:
    """The process-wide machine, built on first use and shared by all conversations."""
    global _SHARED  # built once per process by design (DESIGN.md)
    if _SHARED is None:
        _SHARED = build_machine()
    return _SHARED


_EDGES = frozenset((edge.source.value, edge.action) for edge in FLOW)


def is_allowed(state: str, action: Action) -> bool:
    """True when ``action`` has an edge in FLOW leaving the step ``state`` (rules not yet checked).

    The machine is built from FLOW, so this is the machine's own answer,
    without building the machine.
    """
    return (state, action) in _EDGES


_QUIET = frozenset(
    (edge.source.value, edge.action)
    for edge in FLOW
    if edge.dest is None
    and not edge.conditions
    and sum(1 for e in FLOW if (e.source, e.action) == (edge.source, edge.action)) == 1
)
"""Internal edges without rules (adding an option in step 2): allowed, and nothing to fire."""


Edge = tuple[str | None, tuple[Check, ...]]
"""A compiled edge: the destination's state value (None: stay) and the rules to check."""


def compile_machine(machine: Machine) -> dict[tuple[str, Action], tuple[Edge, ...]]:
    """The machine's edges as a table: (state, action) to its edges, in the machine's order.

    Read from the built ``transitions`` machine itself, so the table can
    only say what the machine says; a test checks that both agree on every
    step, action and rule outcome.
    """
    table: dict[tuple[str, Action], tuple[Edge, ...]] = {}
    for action in Action:
        event = machine.events.get(action.value)
        if event is None:
            continue
        for source, transitions in event.transitions.items():
            edges = []
            for transition in transitions:
                rules: list[Check] = []
                for condition in transition.conditions:
                    # Built by build_machine: one _EdgeRules per edge, to be met.
                    assert condition.target
                    assert isinstance(condition.func, _EdgeRules)
                    rules.extend(condition.func.rules)
                edges.append((transition.dest, tuple(rules)))
            table[(source, action)] = tuple(edges)
    return table


_TABLE: dict[tuple[str, Action], tuple[Edge, ...]] | None = None


def _table() -> dict[tuple[str, Action], tuple[Edge, ...]]:
    global _TABLE  # compiled once per process, from the shared machine
    if _TABLE is None:
        _TABLE = compile_machine(shared_machine())
    return _TABLE


def fire(conv: Stateful, action: Action, data: Payload) -> None:
    """Take ``action`` on ``conv``, checking the rules on the edge: the shared machine's move.

    The moves are those of the shared ``transitions`` machine, compiled into
    a table once (see ``compile_machine``): the same edges, the same rules in
    the same order, without the machine's per-trigger bookkeeping.

    Raises:
        StepOrderError: No edge for ``action`` leaves the current step.
        RuleViolationError: A rule on the edge is not met; nothing changed.
    """
    state: str = getattr(conv, MACHINE_ATTRIBUTE)
    if (state, action) in _QUIET:
        return  # the flow allows it, and nothing moves
    edges = _table().get((state, action))
    if edges is None:
        raise step_order_error(conv, action)
    for dest, rules in edges:
        if all(rule(conv, data) for rule in rules):  # a rule that is not met raises
            if dest is not None:
                setattr(conv, MACHINE_ATTRIBUTE, dest)
            return
    raise step_order_error(conv, action)  # pragma: no cover - every edge passes or raises


def trigger(machine: Machine, conv: Stateful, action: Action, data: Payload) -> None:
    """Take ``action`` on ``conv`` through ``machine``'s own trigger, as transitions does it.

    The reference for ``fire``: tests compare the two, and the benchmark of a
    machine per conversation moves its conversations this way.

    Raises:
        StepOrderError: No edge for ``action`` leaves the current step.
        RuleViolationError: A rule on the edge is not met; nothing changed.
    """
    state = getattr(conv, MACHINE_ATTRIBUTE)
    if (state, action) in _QUIET:
        return  # the flow allows it, and a trigger would change nothing
    event = machine.events[action]
    if not event.transitions.get(state):
        raise step_order_error(conv, action)
    from transitions import MachineError  # loaded with the machine, by build_machine

    try:
        done = event.trigger(conv, data=data)
    except MachineError:  # pragma: no cover - the edges were looked up above
        raise step_order_error(conv, action) from None
    if not done:  # pragma: no cover - every edge either passes or raises
        raise step_order_error(conv, action)


def step_order_error(conv: Stateful, action: Action) -> StepOrderError:
    """The error for ``action`` taken in a step that has no edge for it."""
    return StepOrderError(
        "step_order",
        step=conv.step,
        action=action,
        language=conv.language,
        due=Phrase(f"due.{conv.step.value}"),
    )
