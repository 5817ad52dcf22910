"""The fidelity check: what a conversation's record shows of each step, and its pitfalls."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.events import Event
from samenbeslissen.core.model import (
    Decision,
    DecisionRole,
    Deferral,
    Invitation,
    Option,
    Presentation,
    RoleGroup,
)
from samenbeslissen.core.steps import FOUR_STEPS, Action, Step
from samenbeslissen.core.validate import check_language
from samenbeslissen.core.weighing import Weighing
from samenbeslissen.errors import InputError
from samenbeslissen.i18n import DateLabel, Joined, Phrase, ntext, text

__all__ = ["CHECKS", "PITFALLS", "FidelityCheck", "FidelityReport", "Pitfall", "fidelity"]

CHECKS: tuple[tuple[str, Step], ...] = (
    ("told_may_codecide", Step.INFORM),
    ("asked_preferred_role", Step.INFORM),
    ("two_or_more_options", Step.OPTIONS),
    ("pros_and_cons", Step.OPTIONS),
    ("status_quo_option", Step.OPTIONS),
    ("deliberation_support", Step.OPTIONS),
    ("preferences_recorded", Step.PREFERENCES),
    ("decision_rationale", Step.DECIDE),
    ("reflection_time", Step.DECIDE),
    ("teach_back", Step.DECIDE),
    ("follow_up_agreed", Step.DECIDE),
)
"""Every check's key and the step it belongs to, in the model's order."""

PITFALLS: tuple[tuple[str, Step], ...] = (
    ("only_downsides", Step.OPTIONS),
    ("only_upsides", Step.OPTIONS),
    ("preferences_skipped", Step.PREFERENCES),
    ("professional_decided_against_wish", Step.DECIDE),
    ("client_left_to_decide", Step.DECIDE),
    ("deferred_without_date", Step.DECIDE),
    ("not_evaluated", Step.DECIDE),
)
"""Every pitfall the record can show, with its step, in the model's order."""

_PROFESSIONAL_DECIDES = (DecisionRole.PROFESSIONAL_AFTER_INPUT, DecisionRole.PROFESSIONAL_ALONE)


def _frozen(value: Mapping[str, object]) -> Mapping[str, object]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class _Finding:
    """What checks and pitfalls share: a key, a step, the options concerned, message values."""

    key: str
    step: Step
    options: tuple[str, ...] = ()
    """Keys of the options the finding is about, if any."""
    params: Mapping[str, object] = attrs.field(
        factory=dict, converter=_frozen, eq=False, hash=False, repr=False
    )
    """Values the message refers to (counts, titles, dates)."""

    def title(self, language: str = "nl") -> str:
        """A short name of what was looked at, in ``language``."""
        return text(f"fidelity_{self.key}", check_language(language))

    def message(self, language: str = "nl") -> str:
        """What the record shows, and what to do, in ``language``."""
        raise NotImplementedError

    def _texts(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "step": self.step.value,
            "options": list(self.options),
            "title": {lang: self.title(lang) for lang in ("nl", "en")},
            "message": {lang: self.message(lang) for lang in ("nl", "en")},
        }


@attrs.frozen(kw_only=True)
class FidelityCheck(_Finding):
    """Whether the record shows one part of a step was done.

    Attributes:
        key: What was checked (see :data:`CHECKS`).
        step: The step of the model it belongs to.
        passed: True when done, False when not, None when the conversation
            has not got that far yet, or when the check does not apply.
        options: Keys of the options concerned, if any.
        not_applicable: Why the check does not apply to this conversation,
            as the record says (no status quo under a legal duty, say); None
            when it applies. Such a check counts neither way in the score.
    """

    passed: bool | None
    not_applicable: str | None = None

    @property
    def state(self) -> str:
        """ "passed", "failed", "pending" or "not_applicable"."""
        if self.not_applicable is not None:
            return "not_applicable"
        return {True: "passed", False: "failed", None: "pending"}[self.passed]

    def status(self, language: str = "nl") -> str:
        """ "In orde", "Ontbreekt", "Nog niet" or "Niet van toepassing" (or in English)."""
        return text(f"fidelity_{self.state}", check_language(language))

    def message(self, language: str = "nl") -> str:
        """What the record shows, and what to do, in ``language``."""
        language = check_language(language)
        state = self.state
        if state == "not_applicable":
            return text("fidelity_not_applicable_message", language, reason=self.not_applicable)
        if state == "pending":
            return text("fidelity_pending_message", language)
        return text(f"fidelity_{self.key}_{state}", language, **self.params)

    def to_dict(self) -> dict[str, Any]:
        """The check as plain JSON types, with its texts in Dutch and English."""
        return {
            **self._texts(),
            "passed": self.passed,
            "state": self.state,
            "not_applicable": self.not_applicable,
        }


@attrs.frozen(kw_only=True)
class Pitfall(_Finding):
    """A known pitfall the record shows (see :data:`PITFALLS`).

    Attributes:
        key: Which pitfall.
        step: The step of the model it belongs to.
        options: Keys of the options concerned, if any.
    """

    def message(self, language: str = "nl") -> str:
        """What went wrong, and what to do instead, in ``language``."""
        return text(f"fidelity_{self.key}_message", check_language(language), **self.params)

    def to_dict(self) -> dict[str, Any]:
        """The pitfall as plain JSON types, with its texts in Dutch and English."""
        return self._texts()


@attrs.frozen(kw_only=True)
class FidelityReport:
    """How faithfully a conversation followed the model, as its record shows.

    In a notebook the report shows itself as a list per step; ``to_dict()``
    gives plain JSON types for case software.

    Attributes:
        checks: One per entry of :data:`CHECKS`, in that order.
        pitfalls: The pitfalls found, in the model's order.
        today: The date the follow-up was compared with.
        language: The language of the notebook display ("nl" or "en").
        reconsidered: How often an evaluated decision was taken up again.
            The checks and pitfalls of steps 2-4 are about the latest round.
    """

    checks: tuple[FidelityCheck, ...]
    pitfalls: tuple[Pitfall, ...]
    today: dt.date
    language: str = "nl"
    reconsidered: int = 0

    @property
    def passed(self) -> int:
        """How many checks passed."""
        return sum(c.passed is True for c in self.checks)

    @property
    def applicable(self) -> int:
        """How many checks apply already (passed or failed, not pending)."""
        return sum(c.passed is not None for c in self.checks)

    @property
    def score(self) -> float | None:
        """Checks passed / checks applicable, 0-1; None when none apply yet."""
        return self.passed / self.applicable if self.applicable else None

    def check(self, key: str) -> FidelityCheck:
        """The check with ``key``.

        Raises:
            InputError: No check has that key.
        """
        for check in self.checks:
            if check.key == key:
                return check
        allowed = ", ".join(k for k, _ in CHECKS)
        raise InputError("expected_choice", field="key", allowed=allowed, got=repr(key))

    def steps(self) -> dict[Step, tuple[FidelityCheck, ...]]:
        """The checks per step of the model (steps 1-4, in order)."""
        return {step: tuple(c for c in self.checks if c.step is step) for step in FOUR_STEPS}

    def summary(self, language: str | None = None) -> str:
        """One line: how many applicable checks passed, and how many are not due yet."""
        language = check_language(language or self.language)
        if not self.applicable:
            return text("fidelity_summary_none", language)
        line = text(
            "fidelity_summary",
            language,
            passed=self.passed,
            points=_points(self.applicable),
            # Half up, as a reader rounds by hand: 5 of 8 is 63%.
            percent=(self.passed * 200 + self.applicable) // (2 * self.applicable),
        )
        pending = sum(c.state == "pending" for c in self.checks)
        if pending:
            line += text("fidelity_pending_count", language, points=_points(pending))
        if self.reconsidered:
            line += ntext("fidelity_reconsidered", self.reconsidered, language)
        return line

    def to_markdown(self, language: str | None = None) -> str:
        """The report as Markdown: a summary, the checks per step, the pitfalls."""
        from samenbeslissen.explore.display import fidelity_markdown

        return fidelity_markdown(self, check_language(language or self.language))

    def to_html(self, language: str | None = None) -> str:
        """The report as an HTML fragment; every text is escaped."""
        from samenbeslissen.explore.display import fidelity_html

        return fidelity_html(self, check_language(language or self.language))

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON types; texts in Dutch and English."""
        return {
            "today": self.today.isoformat(),
            "passed": self.passed,
            "applicable": self.applicable,
            "score": self.score,
            "reconsidered": self.reconsidered,
            "checks": [c.to_dict() for c in self.checks],
            "pitfalls": [p.to_dict() for p in self.pitfalls],
        }


def _points(count: int) -> Phrase:
    return Phrase("word.points", count=count)


def _titles(options: list[Option]) -> Joined:
    return Joined(f"'{o.title}'" for o in options)


@attrs.define
class _Record:
    """The parts of the history the checks look at; the latest of each counts."""

    invitation: Invitation | None = None
    added: list[Option] = attrs.field(factory=list)
    presented: list[Option] | None = None
    presented_at: dt.datetime | None = None
    no_status_quo: str | None = None
    deliberation_support: bool | None = None
    weighing: Weighing | None = None
    decision: Decision | None = None
    decided_at: dt.datetime | None = None
    deferrals: list[Deferral] = attrs.field(factory=list)
    resumed: bool = False
    evaluated: bool = False
    reconsidered: int = 0

    @classmethod
    def read(cls, history: tuple[Event, ...]) -> _Record:
        record = cls()
        for event in history:
            data = event.data
            if isinstance(data, Invitation):
                record.invitation = data
            elif isinstance(data, Option):
                record.added.append(data)
            elif event.action is Action.PRESENT_OPTIONS:
                # The options on the table are those added before presenting them.
                record.presented = list(record.added)
                record.presented_at = event.at
                shown = data if isinstance(data, Presentation) else Presentation()
                record.no_status_quo = shown.no_status_quo
                record.deliberation_support = shown.deliberation_support
            elif isinstance(data, Weighing):
                record.weighing = data
            elif isinstance(data, Decision):
                record.decision = data
                record.decided_at = event.at
            elif isinstance(data, Deferral):
                record.deferrals.append(data)
            elif event.action is Action.RESUME:
                record.resumed = True
            elif event.action is Action.EVALUATE:
                record.evaluated = True
            elif event.action is Action.RECONSIDER:
                # A new round from step 2: the options stay on the table, the
                # rest is judged again (the invitation of step 1 still holds).
                record = cls(
                    invitation=record.invitation,
                    added=record.added,
                    reconsidered=record.reconsidered + 1,
                )
        return record


def _reflection(r: _Record, conv: Conversation) -> Phrase | None:
    """How the record shows the client had time to think before deciding, if it does."""
    if r.resumed:
        return Phrase("word.reflection_deferred")
    if r.decision is not None and r.decision.reflection_offered:
        return Phrase("word.reflection_offered")
    if r.presented_at is not None and r.decided_at is not None:
        presented = conv.local(r.presented_at).date()
        if conv.local(r.decided_at).date() > presented:
            return Phrase("word.reflection_later_day")
    return None


def _checks(r: _Record, conv: Conversation) -> tuple[FidelityCheck, ...]:
    found: dict[str, FidelityCheck] = {}
    step = dict(CHECKS)

    def add(
        key: str,
        passed: bool | None,
        keys: tuple[str, ...] = (),
        not_applicable: str | None = None,
        **params: object,
    ) -> None:
        found[key] = FidelityCheck(
            key=key,
            step=step[key],
            passed=passed,
            options=keys,
            params=params,
            not_applicable=not_applicable,
        )

    inv = r.invitation
    add("told_may_codecide", None if inv is None else inv.may_codecide)
    add(
        "asked_preferred_role",
        None if inv is None else inv.preferred_role is not None,
        role=None if inv is None else inv.preferred_role,
    )
    shown = r.presented
    if shown is None:
        for key in (
            "two_or_more_options",
            "pros_and_cons",
            "status_quo_option",
            "deliberation_support",
        ):
            add(key, None)
    else:
        add("two_or_more_options", len(shown) >= 2, count=len(shown))
        lacking = [o for o in shown if not (o.pros and o.cons)]
        add("pros_and_cons", not lacking, tuple(o.key for o in lacking), options=_titles(lacking))
        if r.no_status_quo is not None and not any(o.status_quo for o in shown):
            add("status_quo_option", None, not_applicable=r.no_status_quo)
        else:
            add("status_quo_option", any(o.status_quo for o in shown))
        add("deliberation_support", r.deliberation_support is True)
    w = r.weighing
    add(
        "preferences_recorded",
        None if w is None else bool(w.criteria) and not w.skipped,
        points=_points(0 if w is None else len(w.criteria)),
    )
    d = r.decision
    add("decision_rationale", None if d is None else d.rationale is not None)
    how = None if d is None else _reflection(r, conv)
    add("reflection_time", None if d is None else how is not None, how=how)
    add("teach_back", None if d is None else d.teach_back is True)
    add(
        "follow_up_agreed",
        None if d is None else d.follow_up is not None,
        date=None if d is None or d.follow_up is None else DateLabel(d.follow_up),
    )
    return tuple(found[key] for key, _ in CHECKS)


def _pitfalls(r: _Record, today: dt.date) -> tuple[Pitfall, ...]:
    found: dict[str, Pitfall] = {}
    step = dict(PITFALLS)

    def add(key: str, keys: tuple[str, ...] = (), **params: object) -> None:
        found[key] = Pitfall(key=key, step=step[key], options=keys, params=params)

    shown = r.presented or []
    downsides = [o for o in shown if o.cons and not o.pros]
    if downsides:
        add("only_downsides", tuple(o.key for o in downsides), options=_titles(downsides))
    upsides = [o for o in shown if o.pros and not o.cons]
    if upsides:
        add("only_upsides", tuple(o.key for o in upsides), options=_titles(upsides))
    if r.weighing is not None and r.weighing.skipped:
        add("preferences_skipped")
    d, inv = r.decision, r.invitation
    # The latest wish counts: asked again at the decision, or else in step 1.
    wish = (d.wanted_role if d else None) or (inv.preferred_role if inv else None)
    if d is not None and wish is not None:
        if wish.group is not RoleGroup.PASSIVE and d.decided_by in _PROFESSIONAL_DECIDES:
            add("professional_decided_against_wish", wish=wish, decided=d.decided_by)
        if wish.group is RoleGroup.PASSIVE and d.decided_by.group is RoleGroup.ACTIVE:
            add("client_left_to_decide", wish=wish, decided=d.decided_by)
    undated = [x for x in r.deferrals if x.until is None]
    if undated:
        add("deferred_without_date", count=len(undated))
    if d is not None and d.follow_up is not None and d.follow_up < today and not r.evaluated:
        add("not_evaluated", date=DateLabel(d.follow_up))
    return tuple(found[key] for key, _ in PITFALLS if key in found)


def fidelity(conv: Conversation, *, today: dt.date | None = None) -> FidelityReport:
    """Check a conversation's record against the four steps of the model.

    For each step the report says whether the record shows it was done, and
    done fully (see :data:`CHECKS`): the client was told they may co-decide
    and asked how they want to decide; two or more options, each with pros
    and cons, one of them "keep things as they are", and the promise of help
    to weigh them (OPTION-5 item 2); what matters to the
    client recorded before deciding; the decision with the client's reason,
    time to think it over (a deferral, time offered, or a decision on a
    later day than the options were presented), the client's teach-back of
    what was agreed, and a follow-up date. A
    check is None while the conversation has not got that far, and not
    applicable when the record says why (no status quo, see
    ``Conversation.present_options``). Where options were presented more
    than once, or weighed more than once, the latest time counts.

    It also names the pitfalls the record shows (see :data:`PITFALLS`):
    only downsides (or only upsides) for an option, preferences skipped, the
    professional deciding although the client wanted to decide alone or
    together, the client left to decide alone although they wanted the
    professional to decide (the latest wish counts: ``Decision.wanted_role``
    when the client was asked again, else step 1's), a deferral without a
    date, and no evaluation after the follow-up date has passed.

    Args:
        conv: The conversation (live, or loaded with ``Conversation.from_dict``).
        today: The date to compare the follow-up date with (default: today
            where the conversation takes place).

    Returns:
        The report; its language is the conversation's.

    Raises:
        InputError: ``conv`` is not a Conversation, or ``today`` not a date.
    """
    if not isinstance(conv, Conversation):
        raise InputError("expected_type", field="conv", expected="Conversation")
    if today is None:  # today where the conversation takes place
        today = conv.local(dt.datetime.now(dt.timezone.utc)).date()
    v.date(today, "today")
    record = _Record.read(conv.history)
    return FidelityReport(
        checks=_checks(record, conv),
        pitfalls=_pitfalls(record, today),
        today=today,
        language=conv.language,
        reconsidered=record.reconsidered,
    )
