"""Conversation: one client and a professional going through the four steps."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from samenbeslissen.core import machine as _machine
from samenbeslissen.core import validate as v
from samenbeslissen.core.events import Event, Payload
from samenbeslissen.core.model import (
    ADDRESSES,
    Answers,
    Decision,
    DecisionRole,
    Deferral,
    Evaluation,
    Experience,
    Invitation,
    Option,
    Participant,
    ParticipantRole,
    Presentation,
    Reconsideration,
    Remark,
    Stopping,
)
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.steps import Action, Step
from samenbeslissen.core.weighing import Ranking, Sensitivity, Weighing
from samenbeslissen.errors import (
    ActionNotAllowedError,
    InputError,
    RecordError,
    RuleViolationError,
    SamenBeslissenError,
)

if TYPE_CHECKING:
    from samenbeslissen.core.records import StoredEvent

__all__ = ["Clock", "Conversation", "utc_now"]

_P = TypeVar("_P")

Clock = Callable[[], dt.datetime]
"""A function returning the current time as an aware datetime."""

_PROFESSIONAL = ParticipantRole.PROFESSIONAL
_STEPS = {step.value: step for step in Step}
_DEFAULT_POLICY = Policy()  # frozen, so one instance serves every conversation


def utc_now() -> dt.datetime:
    """The default clock: now, in UTC."""
    return dt.datetime.now(dt.timezone.utc)


def _as_utc(value: dt.datetime, field: str) -> dt.datetime:
    if type(value) is dt.datetime and value.tzinfo is dt.timezone.utc:
        return value  # the default clock's output: nothing to check or convert
    if not isinstance(value, dt.datetime):
        raise InputError("expected_type", field=field, expected="datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError("naive_time", field=field)
    return value.astimezone(dt.timezone.utc)


def _in_position(person: object, role: ParticipantRole, field: str) -> Participant:
    if not isinstance(person, Participant):
        raise InputError("expected_type", field=field, expected="Participant")
    if person.role is None:
        return attrs.evolve(person, role=role)
    if person.role is not role:
        raise InputError("wrong_position", field=field, got=person.role, expected=role)
    return person


def _others(others: object) -> tuple[Participant, ...]:
    if others == ():
        return ()
    if isinstance(others, (Participant, str)) or not isinstance(others, Iterable):
        raise InputError("expected_type", field="others", expected="list of Participant")
    return tuple(_other(p, f"others[{i}]") for i, p in enumerate(others))


def _other(person: object, field: str) -> Participant:
    if not isinstance(person, Participant):
        raise InputError("expected_type", field=field, expected="Participant")
    if person.role in (None, ParticipantRole.CLIENT, ParticipantRole.PROFESSIONAL):
        raise InputError("other_without_role", field=field)
    return person


class Conversation:
    """A Samen Beslissen conversation between a client and a professional.

    The conversation moves through the four steps of the model: inform the
    client they may co-decide, present the options, weigh what matters, and
    decide (or defer). Each action is checked against the step and the
    policy; a refused action raises and leaves the conversation unchanged.
    Every accepted action becomes an :class:`Event` in :attr:`history`,
    which is the truth: :meth:`from_dict` replays it. Actions are atomic when
    several threads share a conversation, and a record is never written
    halfway through one.

    Args:
        question: The decision to be made, in plain language.
        client: The client (leave ``role`` out).
        professional: The professional (leave ``role`` out).
        others: Others taking part, each with a role.
        language: Language of messages: "nl" (default) or "en".
        policy: The rules to enforce; ``Policy()`` is the model's own.
        clock: Where event times come from (default: now in UTC).
        created_at: When the conversation started (default: the clock's now).
        id: The conversation's id, a UUID (default: a new random one).
        address: How documents address the client: "u" (default) or "je".
        timezone: Where the conversation takes place, as an IANA name
            (default "Europe/Amsterdam"): times are stored in UTC, but dates
            are shown, and "today" is taken, in this zone.
        meta: The host's own references (a case number, a team), as a small
            mapping of JSON values: kept in the record, never shown in a
            document. Keep personal data such as a BSN out of it.

    Every action also takes ``user=``: the host's id of the person at the
    keyboard (never a name), recorded as :attr:`Event.user`.

    Raises:
        InputError: An argument is malformed; ``field`` names it.

    >>> import samenbeslissen as sb
    >>> conv = sb.Conversation(
    ...     question="Welke hulp in het huishouden past bij u?",
    ...     client=sb.Participant(name="Mevrouw Jansen"),
    ...     professional=sb.Participant(name="Sanne"),
    ... )
    >>> conv.step
    <Step.INFORM: 'inform'>
    >>> conv.present_options()
    Traceback (most recent call last):
    ...
    samenbeslissen.errors.StepOrderError: Dit kan nu niet: de opties voorleggen. ...
    """

    __slots__ = (
        "__weakref__",  # a store remembers the revision it loaded, without keeping the object
        "_address",
        "_client",
        "_clock",
        "_created_at",
        "_history",
        "_id",
        "_language",
        "_lock",
        "_meta",
        "_options",
        "_others",
        "_policy",
        "_professional",
        "_question",
        "_state",
        "_timezone",
        "_zone",
    )

    def __init__(
        self,
        question: str,
        *,
        client: Participant,
        professional: Participant,
        others: Iterable[Participant] = (),
        language: str = "nl",
        policy: Policy | None = None,
        clock: Clock = utc_now,
        created_at: dt.datetime | None = None,
        id: str | None = None,  # the record's own word for it
        address: str = ADDRESSES[0],
        meta: Mapping[str, Any] | None = None,
        timezone: str = v.DEFAULT_TIMEZONE,
    ) -> None:
        v.check_language(language)
        try:
            if policy is None:
                policy = _DEFAULT_POLICY
            elif not isinstance(policy, Policy):
                raise InputError("expected_type", field="policy", expected="Policy")
            self._question = v.text(question, "question")
            self._client = _in_position(client, ParticipantRole.CLIENT, "client")
            self._professional = _in_position(professional, _PROFESSIONAL, "professional")
            self._others = _others(others)
            if not callable(clock):
                raise InputError("expected_type", field="clock", expected="function")
            self._created_at = _as_utc(clock() if created_at is None else created_at, "created_at")
            self._id = str(uuid.uuid4()) if id is None else v.conversation_id(id)
            if address not in ADDRESSES:
                allowed = ", ".join(ADDRESSES)
                raise InputError(
                    "expected_choice", field="address", allowed=allowed, got=v.shown(address)
                )
            self._address = address
            self._meta = v.meta(meta)
            _within(policy, "question", self._question)
            for i, person in enumerate((self._client, self._professional, *self._others)):
                where = ("client", "professional")[i] if i < 2 else f"others[{i - 2}]"
                _within(policy, f"{where}.name", person.name)
            if 2 + len(self._others) > policy.max_participants:
                raise InputError("too_many", field="others", limit=policy.max_participants)
            self._zone = v.timezone(timezone)
            self._timezone = timezone
        except SamenBeslissenError as error:
            error.language = language
            raise
        self._language = language
        self._policy = policy
        self._clock = clock
        self._state = Step.INFORM.value
        self._history: list[Event] = []
        self._options: tuple[Option, ...] = ()
        # One action at a time, and a record never written halfway through one:
        # case software may share a conversation between threads.
        self._lock = threading.RLock()

    # -- reading -----------------------------------------------------------

    @property
    def id(self) -> str:
        """The conversation's id: a UUID, made at creation or given, kept in the record."""
        return self._id

    @property
    def revision(self) -> int:
        """How many actions were accepted: one more with every action, and never otherwise.

        A host that stores conversations saves only over the revision it
        loaded, so two people never overwrite each other's work unseen (see
        docs/records.md).
        """
        return len(self._history)

    @property
    def address(self) -> str:
        """How documents address the client: "u" or "je"."""
        return self._address

    @property
    def timezone(self) -> str:
        """Where the conversation takes place: dates are shown in this zone."""
        return self._timezone

    def local(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` (aware) as the time in the conversation's zone.

        Raises:
            InputError: ``moment`` is not a datetime with a time zone.
        """
        return _as_utc(moment, "moment").astimezone(self._zone)

    @property
    def meta(self) -> Mapping[str, Any]:
        """The host's own references, read-only; never shown in a document."""
        return self._meta

    @property
    def question(self) -> str:
        """The decision to be made."""
        return self._question

    @property
    def client(self) -> Participant:
        """The client."""
        return self._client

    @property
    def professional(self) -> Participant:
        """The professional."""
        return self._professional

    @property
    def others(self) -> tuple[Participant, ...]:
        """Others taking part: a significant other, a client support person, an interpreter..."""
        return self._others

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Everyone taking part: client, professional, then the others."""
        return (self._client, self._professional, *self._others)

    @property
    def language(self) -> str:
        """Language of the conversation's messages: "nl" or "en"."""
        return self._language

    @property
    def policy(self) -> Policy:
        """The rules this conversation enforces."""
        return self._policy

    @property
    def created_at(self) -> dt.datetime:
        """When the conversation started (aware UTC)."""
        return self._created_at

    @property
    def step(self) -> Step:
        """The step that is due now."""
        return _STEPS[self._state]

    @property
    def history(self) -> tuple[Event, ...]:
        """Every accepted action, oldest first."""
        return tuple(self._history)

    @property
    def options(self) -> tuple[Option, ...]:
        """The options on the table, in the order they were added."""
        return self._options

    def option(self, key: str) -> Option:
        """The option with ``key``.

        Raises:
            InputError: There is no such option.
        """
        for option in self._options:
            if option.key == key:
                return option
        raise self._unknown_option(key, "key")

    @property
    def invitation(self) -> Invitation | None:
        """What step 1 recorded, once it is done."""
        event = self._last(Action.INFORM)
        return event.data if event and isinstance(event.data, Invitation) else None

    @property
    def preferred_role(self) -> DecisionRole | None:
        """How the client wants to decide, as recorded in step 1."""
        invitation = self.invitation
        return invitation.preferred_role if invitation else None

    @property
    def goal(self) -> str | None:
        """The shared goal set in step 1, if any."""
        invitation = self.invitation
        return invitation.goal if invitation else None

    @property
    def weighing(self) -> Weighing | None:
        """What matters to the client, for the options now on the table.

        None before step 3, and again after a new option or a reconsidered
        decision sent the conversation back to step 2 (the earlier weighing
        stays in the history).
        """
        for event in reversed(self._history):
            if event.action is Action.ADD_OPTION or event.action is Action.RECONSIDER:
                return None
            if event.action is Action.WEIGH:
                assert isinstance(event.data, Weighing)
                return event.data
        return None

    def ranking(self) -> Ranking:
        """Every option on the table, ranked by what matters to the client (see :class:`Ranking`).

        The same order as ``conv.weighing.ranking([o.key for o in conv.options])``;
        this ranking also knows the options' titles and the conversation's
        language, so that a notebook shows it in words. Before step 3, or
        when step 3 recorded why not, nothing counts yet: every option has 0.
        """
        return (self.weighing or Weighing()).ranking(
            [o.key for o in self._options], titles=self._titles(), language=self.language
        )

    def sensitivity(self) -> Sensitivity:
        """How firm the top of :meth:`ranking` is, per criterion (see :class:`Sensitivity`).

        The sentences name the options by their titles and the criteria by
        the client's words, in the conversation's language.
        """
        return (self.weighing or Weighing()).sensitivity(
            [o.key for o in self._options], titles=self._titles(), language=self.language
        )

    def _titles(self) -> dict[str, str]:
        return {o.key: o.title for o in self._options}

    @property
    def decision(self) -> Decision | None:
        """The decision, once made; None again after it was reconsidered."""
        for event in reversed(self._history):
            if event.action is Action.RECONSIDER:
                return None
            if isinstance(event.data, Decision):
                return event.data
        return None

    @property
    def deferral(self) -> Deferral | None:
        """Why and until when the decision is deferred, while it is."""
        return self._final_payload(Step.DEFERRED, Deferral)

    @property
    def stopping(self) -> Stopping | None:
        """Why the conversation stopped, once it has."""
        return self._final_payload(Step.STOPPED, Stopping)

    @property
    def evaluation(self) -> Evaluation | None:
        """What the follow-up found, once the decision was evaluated."""
        return self._final_payload(Step.EVALUATED, Evaluation)

    def allowed_actions(self) -> tuple[Action, ...]:
        """The actions that may be taken now, in the model's order (for a UI).

        Rules that depend only on the conversation are checked too: presenting
        the options is offered only when the policy's option rules are met.
        Rules about the action's own input (a rationale, a follow-up date)
        can only be checked when the action is taken.
        """
        allowed = []
        for action in Action:
            if not _machine.is_allowed(self._state, action):
                continue
            if not _machine.state_rules_pass(self, action):
                continue
            allowed.append(action)
        return tuple(allowed)

    # -- the actions ---------------------------------------------------------

    def inform(
        self,
        *,
        may_codecide: bool,
        preferred_role: DecisionRole | None = None,
        goal: str | None = None,
        client_support_offered: bool | None = None,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Step 1: record that the client was told they may co-decide.

        Args:
            may_codecide: True when the client was told, explicitly, that
                their view matters and they may co-decide. The default policy
                refuses False.
            preferred_role: How much the client wants to decide.
            goal: The shared goal, if one was set (as in the re-integration
                version of the model).
            client_support_offered: Whether the client was told about free,
                independent client support (cliëntondersteuning, Wmo 2015
                art. 2.2.4). A policy can require it when no client support
                person takes part.
            actor: Who did this (default: the professional).
            user: The host's id of the person at the keyboard (never a name).

        Returns:
            The recorded event.

        Raises:
            StepOrderError: Step 1 is already done.
            RuleViolationError: ``may_codecide`` is False under a policy that
                requires it, or another rule of the policy for step 1 is not met.
        """
        return self._act(
            Action.INFORM,
            actor,
            lambda: Invitation(
                may_codecide=may_codecide,
                preferred_role=preferred_role,
                goal=goal,
                client_support_offered=client_support_offered,
            ),
            user,
        )

    def add_option(
        self, option: Option, *, actor: ParticipantRole = _PROFESSIONAL, user: str | None = None
    ) -> Event:
        """Put an option on the table (before or in step 2).

        An option added after the options were presented sends the
        conversation back to step 2: the client weighs again.

        Raises:
            InputError: Not an Option, or its key is already used.
        """
        return self._act(Action.ADD_OPTION, actor, lambda: option, user)

    def present_options(
        self,
        *,
        no_status_quo: str | None = None,
        deliberation_support: bool | None = None,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Step 2 done: the options and their pros and cons were explained.

        Args:
            no_status_quo: Why no option is "keep things as they are", when
                none is (a legal duty, say). The record keeps it, and the
                fidelity check reads it.
            deliberation_support: Whether you told the client they will get
                help to weigh the options (OPTION-5 item 2).
            actor: Who did this.
            user: The host's id of the person at the keyboard (never a name).

        Raises:
            NotEnoughOptionsError: Fewer options than the policy's ``min_options``.
            RuleViolationError: The policy requires a status-quo option and
                there is none (a reason does not lift the rule).
            InputError: A reason for no status quo while one of the options is it.
        """
        return self._act(
            Action.PRESENT_OPTIONS,
            actor,
            lambda: (
                None
                if no_status_quo is None and deliberation_support is None
                else Presentation(
                    no_status_quo=no_status_quo, deliberation_support=deliberation_support
                )
            ),
            user,
        )

    def weigh(
        self,
        importance: Mapping[str, int] | None = None,
        ratings: Mapping[str, Mapping[str, int | None]] | None = None,
        *,
        labels: Mapping[str, str] | None = None,
        owners: Mapping[str, str] | None = None,
        skipped_reason: str | None = None,
        initial_preference: str | None = None,
        informed_preference: str | None = None,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Step 3: record what matters to the client and how the options do on it.

        Args:
            importance: Criterion key to how much it matters, 0-5.
            ratings: Option key to (criterion key to score 0-5, None when unknown).
            labels: Criterion key to the criterion in the client's own words.
            owners: Criterion key to the name of the person whose wish it is,
                for a criterion that is not the client's own ("Minder ruzie
                thuis", a parent's wish): one of the others taking part.
            skipped_reason: Why preferences are not recorded; the only way
                to move on without them.
            initial_preference: The option the client leaned to at first
                (before the options were explained), if they said so.
            informed_preference: The option the client prefers now that they
                know the options. The guide shows a shift between the two.
            actor: Who did this.
            user: The host's id of the person at the keyboard (never a name).

        Raises:
            InputError: A key or value is wrong, or a rating names an unknown option.
            RuleViolationError: Neither preferences nor a reason to skip them.
        """
        return self._act(
            Action.WEIGH,
            actor,
            lambda: Weighing.from_mappings(
                importance,
                ratings,
                labels=labels,
                owners=owners,
                skipped_reason=skipped_reason,
                initial_preference=initial_preference,
                informed_preference=informed_preference,
            ),
            user,
        )

    def decide(
        self,
        option: str,
        *,
        decided_by: DecisionRole,
        rationale: str | None = None,
        follow_up: dt.date | None = None,
        wanted_role: DecisionRole | None = None,
        reflection_offered: bool | None = None,
        teach_back: bool | None = None,
        agreements: Iterable[str] = (),
        formal_decision: bool | None = None,
        consent: Iterable[str] = (),
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Step 4: record the decision.

        Args:
            option: Key of the chosen option.
            decided_by: How the decision was actually made.
            rationale: The reason, in the client's words (required by default).
            follow_up: When to look back on the decision (required by default).
            wanted_role: How the client wants to decide, if asked again now
                (the wish of step 1 may have changed).
            reflection_offered: Whether the client was offered time to think
                it over before deciding (True even when they chose to decide now).
            teach_back: Whether the client told in their own words what was
                agreed, so you know your explanation came across.
            agreements: Who does what, and when, in plain words; the
                client's summary lists them under "Wat gebeurt er nu?".
            formal_decision: True when a formal decision (beschikking)
                follows; the summary then says how to object, and by when.
            consent: The names of the people who agreed to the decision,
                as they take part in the conversation. For a client under 16
                the policy (``require_minor_consent``) asks for every parent
                with authority or guardian, and from 12 for the client too.
            actor: Who did this.
            user: The host's id of the person at the keyboard (never a name).

        Raises:
            InputError: Unknown option, a follow-up date before today, or a
                name in ``consent`` of someone who does not take part.
            RuleViolationError: The rationale or the follow-up is missing,
                or the consent a minor's decision needs.
        """
        return self._act(
            Action.DECIDE,
            actor,
            lambda: Decision(
                option=option,
                decided_by=decided_by,
                rationale=rationale,
                follow_up=follow_up,
                wanted_role=wanted_role,
                reflection_offered=reflection_offered,
                teach_back=teach_back,
                agreements=_as_tuple(agreements),
                formal_decision=formal_decision,
                consent=_as_tuple(consent),
            ),
            user,
        )

    def defer(
        self,
        *,
        reason: str,
        until: dt.date | None = None,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Put the decision off: time to think, or to consult family or a support person.

        Possible in steps 2 to 4; :meth:`resume` returns to the same step.
        """
        return self._act(Action.DEFER, actor, lambda: Deferral(reason=reason, until=until), user)

    def resume(self, *, actor: ParticipantRole = _PROFESSIONAL, user: str | None = None) -> Event:
        """Pick a deferred conversation up again, at the step where it was deferred."""
        return self._act(Action.RESUME, actor, lambda: None, user)

    def stop(
        self,
        *,
        reason: str | None = None,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Stop the conversation; the client can do this at any time. Final."""
        return self._act(Action.STOP, actor, lambda: Stopping(reason=reason), user)

    def evaluate(
        self,
        *,
        notes: str,
        decision_holds: bool = True,
        actor: ParticipantRole = _PROFESSIONAL,
        user: str | None = None,
    ) -> Event:
        """Record the follow-up: how the decision worked out. Final."""
        return self._act(
            Action.EVALUATE,
            actor,
            lambda: Evaluation(notes=notes, decision_holds=decision_holds),
            user,
        )

    def add_experience(
        self,
        *,
        answers: Iterable[Answers] = (),
        remarks: Iterable[Remark] = (),
        actor: ParticipantRole = ParticipantRole.CLIENT,
        user: str | None = None,
    ) -> Event:
        """Attach the client's experience, after the decision or at evaluation.

        Args:
            answers: Answers to instruments (SDM-Q-9, CollaboRATE, SURE, ...),
                checked on the way in (count, range, missing answers) so that
                bad answers are refused now; `instruments` scores them.
            remarks: Experiences in the client's words; ``private`` ones
                never appear in a report.
            actor: Who gave them (default: the client).
            user: The host's id of the person at the keyboard (never a name).

        Raises:
            StepOrderError: No decision yet.
            ScoringError: Answers that cannot be scored; ``field`` names the item.
        """
        return self._act(
            Action.ADD_EXPERIENCE,
            actor,
            lambda: Experience(answers=_as_tuple(answers), remarks=_as_tuple(remarks)),
            user,
        )

    def reconsider(
        self, *, reason: str, actor: ParticipantRole = _PROFESSIONAL, user: str | None = None
    ) -> Event:
        """Take an evaluated decision up again: back to the options (step 2).

        For a decision that did not work out, or a client whose situation
        changed. The options stay on the table (add or drop none, or add new
        ones); the client weighs and decides again. The earlier decision, its
        evaluation and this reason stay in the history, and the documents
        show them.

        Args:
            reason: Why, in plain words ("De dagbesteding was te zwaar.").
            actor: Who did this (default: the professional).
            user: The host's id of the person at the keyboard (never a name).

        Raises:
            StepOrderError: The decision was not evaluated (yet).
        """
        return self._act(Action.RECONSIDER, actor, lambda: Reconsideration(reason=reason), user)

    @property
    def reconsiderations(self) -> tuple[Reconsideration, ...]:
        """Every time an evaluated decision was taken up again, oldest first."""
        return tuple(e.data for e in self._history if isinstance(e.data, Reconsideration))

    @property
    def earlier_decisions(self) -> tuple[Decision, ...]:
        """Decisions that were reconsidered, oldest first (the current one is ``decision``)."""
        decisions: list[Decision] = []
        for event in self._history:
            if isinstance(event.data, Decision):
                decisions.append(event.data)
        current = self.decision
        return tuple(decisions[:-1] if current is not None else decisions)

    @property
    def experiences(self) -> tuple[Experience, ...]:
        """Every experience attached, oldest first."""
        return tuple(e.data for e in self._history if isinstance(e.data, Experience))

    # -- records ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The conversation as plain JSON types, with a ``schema_version``."""
        from samenbeslissen.core import records  # loaded when first needed: a faster start

        with self._lock:  # never halfway through another thread's action
            return records.encode(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, clock: Clock = utc_now) -> Conversation:
        """Rebuild a conversation from :meth:`to_dict` output by replaying its history.

        Raises:
            RecordError: The record is malformed, from a newer version, or its
                history does not follow the model; ``field`` is the path.
        """
        from samenbeslissen.core import records

        header = records.decode_header(data)
        try:
            conv = cls(
                header.question,
                client=header.client,
                professional=header.professional,
                others=header.others,
                language=header.language,
                policy=header.policy,
                clock=clock,
                created_at=header.created_at,
                id=header.id,
                address=header.address,
                meta=header.meta,
                timezone=header.timezone,
            )
        except SamenBeslissenError as error:
            raise records.relocate(error, "") from None
        for event in records.decode_events(header):
            conv._replay(event)
        step = records.decode_step(header)
        if step is not conv.step:
            raise RecordError("record_step_mismatch", field="step", got=step, expected=conv.step)
        if header.revision != conv.revision:
            raise RecordError(
                "record_revision",
                field="revision",
                got=v.shown(header.revision),
                expected=conv.revision,
            )
        return conv

    def to_json(self, *, indent: int | None = None) -> str:
        """The record as a JSON string (see :meth:`to_dict`).

        Raises:
            InputError: ``indent`` is not None or a whole number from 0 to 16.
        """
        from samenbeslissen.core import records

        if indent is not None and (
            isinstance(indent, bool) or not isinstance(indent, int) or not 0 <= indent <= 16
        ):
            raise InputError("expected_score", field="indent", low=0, high=16, got=repr(indent))

        return records.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes, *, clock: Clock = utc_now) -> Conversation:
        """Rebuild a conversation from :meth:`to_json` output.

        Raises:
            RecordError: Not JSON, or not a valid record.
        """
        from samenbeslissen.core import records

        return cls.from_dict(records.loads(text), clock=clock)

    # -- equality ----------------------------------------------------------------

    def _key(self) -> tuple[object, ...]:
        return (
            self._id,
            self._address,
            self._timezone,
            self._meta,
            self._question,
            self.participants,
            self._language,
            self._policy,
            self._created_at,
            self._history,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Conversation):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable: changes with every action

    def _repr_markdown_(self) -> str:
        from samenbeslissen.explore.display import conversation_markdown

        return conversation_markdown(self)

    def _repr_html_(self) -> str:
        from samenbeslissen.explore.display import conversation_html

        return conversation_html(self)

    def to_frame(self) -> Any:
        """The history as a pandas DataFrame, one row per event (needs pandas).

        Raises:
            OptionalDependencyError: pandas is not installed.
        """
        from samenbeslissen.explore.frames import to_frame

        return to_frame(
            [
                {
                    "at": e.at,
                    "action": e.action.value,
                    "from_step": e.from_step.value,
                    "to_step": e.to_step.value,
                    "actor": e.actor.value,
                }
                for e in self._history
            ]
        )

    def __repr__(self) -> str:
        # No names or free text: a repr can end up in logs.
        return (
            f"<Conversation step={self.step.value!r} options={len(self._options)} "
            f"events={len(self._history)}>"
        )

    # -- internals ---------------------------------------------------------------

    def _fire(self, action: Action, data: Payload) -> None:
        """Move this conversation: through the machine shared by all of them (compiled)."""
        _machine.fire(self, action, data)

    def _act(
        self,
        action: Action,
        actor: ParticipantRole,
        build: Callable[[], Payload],
        user: str | None,
    ) -> Event:
        with self._lock:
            return self._act_alone(action, actor, build, user)

    def _act_alone(
        self,
        action: Action,
        actor: ParticipantRole,
        build: Callable[[], Payload],
        user: str | None,
    ) -> Event:
        """An action, checked and recorded, while the caller holds the lock."""
        try:
            if not _machine.is_allowed(self._state, action):
                raise _machine.step_order_error(self, action)
            data = build()
            return self._commit(action, actor, self._now(), data, user)
        except SamenBeslissenError as error:
            error.language = self._language
            raise

    def _commit(
        self,
        action: Action,
        actor: ParticipantRole,
        at: dt.datetime,
        data: Payload,
        user: str | None,
    ) -> Event:
        """Check ``data`` against the conversation, fire the machine, record the event.

        Shared by live actions and by replay, so a record passes the same checks.
        """
        if actor is not _PROFESSIONAL and actor is not ParticipantRole.CLIENT:
            actor = self._check_actor(actor)  # the two always present need no check
        if user is not None:
            user = v.user(user)
        elif self._policy.require_user:
            raise RuleViolationError(
                "rule_user",
                step=self.step,
                action=action,
                rule="require_user",
                language=self._language,
            )
        self._check_input(action, data, at)
        before = _STEPS[self._state]
        self._fire(action, data)
        event = Event(
            action=action,
            from_step=before,
            to_step=_STEPS[self._state],
            at=at,
            actor=actor,
            data=data,
            user=user,
        )
        self._history.append(event)
        if isinstance(data, Option):
            self._options = (*self._options, data)
        return event

    def _replay(self, event: StoredEvent) -> None:
        """Apply one stored event through the same checks as a live action.

        Raises:
            RecordError: The event does not follow from the conversation so far;
                ``field`` is its path in the record.
        """
        path = event.path
        if event.from_step is not self.step:
            raise RecordError(
                "record_from_step",
                field=f"{path}.from_step",
                got=event.from_step,
                expected=self.step,
            )
        previous = self._history[-1].at if self._history else self._created_at
        if event.at < previous:
            raise RecordError(
                "record_time_order",
                field=f"{path}.at",
                got=event.at.isoformat(),
                previous=previous.isoformat(),
            )
        try:
            done = self._commit(event.action, event.actor, event.at, event.data, event.user)
        except ActionNotAllowedError as error:
            raise RecordError("record_event_refused", field=path, reason=error) from None
        except InputError as error:
            where = f"{path}.data" if error.field != "actor" else path
            from samenbeslissen.core.records import relocate

            raise relocate(error, where) from None
        if done.to_step is not event.to_step:
            raise RecordError(
                "record_to_step", field=f"{path}.to_step", got=event.to_step, expected=done.to_step
            )

    def _check_actor(self, actor: object) -> ParticipantRole:
        role = v.member(actor, ParticipantRole, "actor")
        if role not in (p.role for p in self.participants):
            raise InputError("actor_absent", field="actor", value=role.value)
        return role

    def _check_input(self, action: Action, data: Payload, at: dt.datetime) -> None:
        policy = self._policy
        if len(self._history) >= policy.max_events:
            raise InputError("too_many", field="history", limit=policy.max_events)
        _within(policy, "data", data)
        if action is Action.ADD_OPTION:
            if not isinstance(data, Option):
                raise InputError("expected_type", field="option", expected="Option")
            if any(o.key == data.key for o in self._options):
                raise InputError("duplicate_option", field="key", value=data.key)
            if len(self._options) >= policy.max_options:
                raise InputError("too_many", field="options", limit=policy.max_options)
        elif isinstance(data, Presentation):
            if data.no_status_quo is not None and any(o.status_quo for o in self._options):
                raise InputError("status_quo_present", field="no_status_quo")
        elif isinstance(data, Weighing):
            if len(data.criteria) > policy.max_criteria:
                raise InputError("too_many", field="importance", limit=policy.max_criteria)
            known = {o.key for o in self._options}
            found = [
                self._unknown_option(option, f"ratings.{option}")
                for option in data.option_keys()
                if option not in known
            ]
            for field in ("initial_preference", "informed_preference"):
                chosen = getattr(data, field)
                if chosen is not None and chosen not in known:
                    found.append(self._unknown_option(chosen, field))
            others = [p.name for p in self._others]
            found.extend(
                InputError(
                    "unknown_owner",
                    field=f"owners.{c.key}",
                    value=c.owner,
                    known=", ".join(others) or "-",
                )
                for c in data.criteria
                if c.owner is not None and c.owner not in others
            )
            if found:
                raise InputError.combine(found)
        elif isinstance(data, Decision):
            found = (
                []
                if self._has_option(data.option)
                else [self._unknown_option(data.option, "option")]
            )
            names = [p.name for p in self.participants]
            found.extend(
                InputError(
                    "unknown_person",
                    field=f"consent[{i}]",
                    value=name,
                    known=", ".join(names[:1] + names[2:]),
                )
                for i, name in enumerate(data.consent)
                if name not in names or name == self._professional.name
            )
            if found:
                raise InputError.combine(found)
            _not_before(data.follow_up, self.local(at).date(), "follow_up")
        elif isinstance(data, Deferral):
            _not_before(data.until, self.local(at).date(), "until")
        elif isinstance(data, Experience):
            from samenbeslissen.core.answers import check_answers

            check_answers(data.answers)

    def _has_option(self, key: str) -> bool:
        return any(o.key == key for o in self._options)

    def _unknown_option(self, key: str, field: str) -> InputError:
        known = ", ".join(o.key for o in self._options) or "-"
        return InputError("unknown_option", field=field, value=key, known=known)

    def _now(self) -> dt.datetime:
        now = _as_utc(self._clock(), "clock")
        # Never before the previous event, even if the wall clock steps back:
        # a record with events out of order would not load.
        latest = self._history[-1].at if self._history else self._created_at
        return max(now, latest)

    def _last(self, action: Action) -> Event | None:
        for event in reversed(self._history):
            if event.action is action:
                return event
        return None

    def _final_payload(self, step: Step, kind: type[_P]) -> _P | None:
        if self._state == step.value:
            data = self._history[-1].data
            if isinstance(data, kind):
                return data
        return None

    def _deferred_from(self) -> Step | None:
        if self.step is Step.DEFERRED:
            return self._history[-1].from_step
        return None


def _as_tuple(items: Iterable[Any]) -> Any:
    # Experience checks the items; here only a string is kept from being split up.
    return (
        tuple(items)
        if isinstance(items, Iterable) and not isinstance(items, (str, bytes))
        else items
    )


def _within(policy: Policy, field: str, value: object) -> None:
    """Refuse a text in ``value`` (a string, or any field of a payload) over ``max_text``."""
    limit = policy.max_text
    if isinstance(value, str):
        if len(value) > limit:
            raise InputError("too_long", field=field, limit=limit)
        return
    if value is None:
        return
    cls: Any = type(value)  # classes are hashable; mypy cannot see it through type()
    for name, kind in _text_fields(cls):
        item = getattr(value, name)
        path = name if field == "data" else f"{field}.{name}"
        if kind == "text":
            if item is not None and len(item) > limit:
                raise InputError("too_long", field=path, limit=limit)
        elif kind == "texts":
            for i, text in enumerate(item):
                if len(text) > limit:
                    raise InputError("too_long", field=f"{path}[{i}]", limit=limit)
        elif kind == "parts":
            for i, part in enumerate(item):
                _within(policy, f"{path}[{i}]", part)
        elif item is not None:  # "part"
            _within(policy, path, item)


_KEYS = frozenset(
    {"key", "option", "criterion", "instrument", "initial_preference", "informed_preference"}
)
"""Fields that hold a key of an option, a criterion or an instrument, not free text."""


@functools.cache
def _text_fields(cls: Any) -> tuple[tuple[str, str], ...]:
    """Where an attrs class (a payload or one of its parts) holds free text, found once.

    Each field is "text" (a string), "texts" (a tuple of strings), "part" (an
    attrs value) or "parts" (a tuple of them); fields without text are left out.
    """
    if not attrs.has(cls):
        return ()
    plan: list[tuple[str, str]] = []
    hints = typing.get_type_hints(cls)
    for attribute in attrs.fields(cls):
        hint = hints[attribute.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if attribute.name in _KEYS:
            continue  # a key, already at most 64 characters: not free text
        if typing.get_origin(hint) is tuple and args:
            if args[0] is str:
                plan.append((attribute.name, "texts"))
            elif _text_fields(args[0]):
                plan.append((attribute.name, "parts"))
            continue
        candidates = args if typing.get_origin(hint) in (typing.Union, types.UnionType) else [hint]
        if str in candidates:
            plan.append((attribute.name, "text"))
        elif any(_text_fields(c) for c in candidates if isinstance(c, type)):
            plan.append((attribute.name, "part"))
    return tuple(plan)


def _not_before(value: dt.date | None, today: dt.date, field: str) -> None:
    if value is not None and value < today:
        raise InputError(
            "date_before", field=field, value=value.isoformat(), today=today.isoformat()
        )
