"""What templates see: a conversation, scenario or report as dicts, lists, text and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from samenbeslissen.analysis import MARKS
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.machine import consent_needed
from samenbeslissen.core.model import (
    ADDRESSES,
    COMPANION_ROLES,
    AgeGroup,
    Decision,
    DecisionRole,
    Evaluation,
    Option,
    ParticipantRole,
    Reconsideration,
    RoleGroup,
)
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.core.weighing import Criterion, Weighing
from samenbeslissen.errors import InputError
from samenbeslissen.i18n import decimal, text
from samenbeslissen.scenarios import Line, Scenario

if TYPE_CHECKING:
    from samenbeslissen.analysis.report import Report

__all__ = ["Escape", "build_context", "report_context"]

Escape = Callable[[str], str]
"""Turns free text from the source into text that is safe in the output format."""

_MARK = re.compile("|".join(re.escape(mark) for mark in MARKS.values()))
"""Any mark that replaced personal data in a remark."""


# A scenario is rendered as the conversation it describes, just before it
# starts; its start time is never shown, so any fixed time keeps output stable.
_SCENARIO_START = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _scenario_clock() -> dt.datetime:
    return _SCENARIO_START


def build_context(
    source: Conversation | Scenario,
    *,
    language: str,
    escape: Escape,
    plan: bool = False,
    step: Step | None = None,
) -> dict[str, Any]:
    """Return the template context for ``source``: plain data, no live objects.

    Templates get only this, so nothing in them can call back into the
    library or the host. The keys (every document gets all of them)::

        kind            "conversation" or "scenario"
        planned         True for a scenario: its criteria and decision are the plan
        title           the scenario's title, or None
        address         "u" or "je": how texts address the client (a scenario may say "je")
        question        the decision to be made
        goal            the shared goal, or None
        started         date the conversation started, or None (scenario)
        date            date of the last event (the conversation's latest date), or None
        client          {name, situation, feelings, speaks, age_group}; speaks: the
                        language the client speaks best, when not the conversation's,
                        or None; age_group: {key, label} or None; situation and
                        feelings come from a scenario (None for a conversation)
        professional    {name, function, contact}; contact: how the client reaches them
        others          [{name, role, role_label, relation}]
        present         companion role value (significant_other, ..., bewindvoerder): [names]
        speakers        role value -> {name, role_label}: who speaks in a script line
        preferred_role  {key, label, group, group_label} or None
        status          {step, label, number, open, final, position}; position 1-4 is the
                        step the conversation is (or was paused or stopped) in; 5 once decided
        steps           [{key, number, label, state}] for the four steps; state is
                        "done", "current", "todo", "paused" (deferred) or "stopped"
        min_options     how many options the policy asks for
        options         [{key, title, description, pros, cons, status_quo, picture, chosen,
                        scores}]; picture: a data URI or None;
                        scores: [{criterion, label, importance, score}] in criteria order
        status_quo      the status-quo option (as in options), or None
        favourite       the first option that changes something (else the first), or None
        criteria        [{key, label, importance, owner, named}] as recorded; owner:
                        whose wish it is when not the client's, or None; named: the
                        label with the owner, as every document shows it
        top_criteria    criteria from most to least important
        weighing        {recorded, skipped_reason, initial_preference, informed_preference}
        decision        {option, title, decided_by, rationale, follow_up, follow_up_weeks,
                        agreements, formal_decision, consent} or None; agreements: who
                        does what and when, as texts; consent: the names of those who
                        agreed
        deferral        {reason, until, step} or None
        stopping        {reason} or None
        evaluation      {notes, decision_holds} or None
        earlier         [{title, date, decided_by, rationale, evaluation, reason}]:
                        decisions that were evaluated and reconsidered, oldest first
        checks          [{key, required, done, params}] for the step that is due
        actions         [{key, label}]: what may be done now
        lines           step key -> {good: [line], pitfall: [line]}; a line is
                        {speaker, name, role_label, text}; empty when not scripted

    The renderer adds ``document``, ``format``, ``language``, ``fragment`` and
    ``actor`` (for the role cards: one person's name, or None).
    Free text is passed through ``escape`` (the renderer escapes Markdown there).

    A scenario is seen in one of two ways. With ``plan`` (the trainer's
    documents: the script, the role cards, the observer sheet and the key)
    it is the whole plan: its criteria, ratings and planned decision, and
    ``planned`` is True. Without, it is the conversation the scenario plays
    up to ``step`` (the start when None), with the scenario's people,
    title and lines: a document at the start shows nothing chosen.

    Args:
        source: A conversation, or a trainer's scenario.
        language: The language of labels (steps, roles, actions): "nl" or "en".
        escape: Applied to every free text of the source.
        plan: For a scenario: show its whole plan, whatever ``step``.
        step: For a scenario: the step to play its conversation to first.
    """
    if not isinstance(source, Scenario):
        return _conversation(source, language, escape)
    if plan:
        context = _conversation(source.conversation(clock=_scenario_clock), language, escape)
        _add_plan(context, source, language, escape)
        _derive(context, language)  # again: the plan has options and criteria of its own
    else:
        played = source.play(until=step or Step.INFORM, clock=_scenario_clock)
        context = _conversation(played, language, escape)
    _add_scenario(context, source, language, escape)
    return context


def _conversation(conv: Conversation, language: str, e: Escape) -> dict[str, Any]:
    weighing = conv.weighing
    criteria = _criteria(weighing, e)
    options = _options(conv.options, criteria, weighing, e)
    decision = conv.decision
    if decision is not None:
        for option in options:
            option["chosen"] = option["key"] == decision.option
    deferral, stopping, evaluation = conv.deferral, conv.stopping, conv.evaluation
    position = _position(conv)
    history = conv.history
    context: dict[str, Any] = {
        "kind": "conversation",
        "planned": False,
        "title": None,
        "address": conv.address,
        "question": e(conv.question),
        "goal": None if conv.goal is None else e(conv.goal),
        "started": conv.local(conv.created_at).date(),
        "date": conv.local(history[-1].at if history else conv.created_at).date(),
        "client": {
            "name": e(conv.client.name),
            "situation": None,
            "feelings": None,
            "speaks": _optional(conv.client.speaks, e),
            "age_group": _age_group(conv.client.age_group, language),
        },
        "professional": {
            "name": e(conv.professional.name),
            "function": None,
            "contact": _optional(conv.professional.contact, e),
        },
        "others": [
            {
                "name": e(p.name),
                "role": str(p.role),
                "role_label": p.role.label(language) if p.role else "",
                "relation": None,
            }
            for p in conv.others
        ],
        "preferred_role": _role(conv.preferred_role, language),
        "status": {
            "step": conv.step.value,
            "label": conv.step.label(language),
            "number": conv.step.number,
            "open": conv.step.is_open,
            "final": conv.step.is_final,
            "position": position,
        },
        "steps": _steps(conv.step, position, language),
        "min_options": conv.policy.min_options,
        "options": options,
        "criteria": criteria,
        "weighing": {
            "recorded": bool(criteria),
            "skipped_reason": (
                None
                if weighing is None or weighing.skipped_reason is None
                else e(weighing.skipped_reason)
            ),
            "initial_preference": _preference(options, weighing, "initial_preference"),
            "informed_preference": _preference(options, weighing, "informed_preference"),
        },
        "decision": None,
        "deferral": None,
        "stopping": None if stopping is None else {"reason": _optional(stopping.reason, e)},
        "evaluation": (
            None
            if evaluation is None
            else {"notes": e(evaluation.notes), "decision_holds": evaluation.decision_holds}
        ),
        "earlier": _earlier(conv, options, language, e),
        "checks": _checks(conv, position, e),
        "actions": [{"key": a.value, "label": a.label(language)} for a in conv.allowed_actions()],
        "lines": {step.value: {"good": [], "pitfall": []} for step in FOUR_STEPS},
    }
    if decision is not None:
        context["decision"] = {
            "option": decision.option,
            "title": _title(options, decision.option),
            "decided_by": _role(decision.decided_by, language),
            "rationale": _optional(decision.rationale, e),
            "follow_up": decision.follow_up,
            "follow_up_weeks": None,
            "agreements": [e(agreement) for agreement in decision.agreements],
            "formal_decision": decision.formal_decision,
            "consent": [e(name) for name in decision.consent],
        }
    if deferral is not None:
        context["deferral"] = {
            "reason": e(deferral.reason),
            "until": deferral.until,
            "step": FOUR_STEPS[position - 1].value,  # deferring is possible in steps 2-4
        }
    _derive(context, language)
    _add_people(context)
    return context


def _add_scenario(context: dict[str, Any], scenario: Scenario, language: str, e: Escape) -> None:
    """What a scenario adds to its conversation: its title, people and scripted lines."""
    # The loader checks the address; a scenario built by hand may not have been.
    if scenario.address not in ADDRESSES:
        allowed = ", ".join(ADDRESSES)
        raise InputError(
            "expected_choice", field="address", allowed=allowed, got=repr(scenario.address)
        )
    context.update(
        kind="scenario",
        title=e(scenario.title),
        address=scenario.address,
        goal=_optional(scenario.goal, e),
        started=None,
        date=None,
        preferred_role=_role(scenario.client.preferred_role, language),
    )
    context["client"]["situation"] = _optional(scenario.client.situation, e)
    context["client"]["feelings"] = _optional(scenario.client.feelings, e)
    context["professional"]["function"] = _optional(scenario.professional.function, e)
    for other, companion in zip(context["others"], scenario.others, strict=True):
        other["relation"] = _optional(companion.relation, e)
    decision, planned = context["decision"], scenario.decision
    if decision is not None and planned is not None:
        # Played on a made-up day: the plan's "in 6 weeks" says more than its date.
        decision.update(follow_up=None, follow_up_weeks=planned.follow_up_weeks)
    speakers, others = context["speakers"], context["others"]
    for step in FOUR_STEPS:
        scripted = scenario.lines_for(step)
        context["lines"][step.value] = {
            "good": [_line(line, speakers, others, language, e) for line in scripted.good],
            "pitfall": [_line(line, speakers, others, language, e) for line in scripted.pitfall],
        }


def _add_plan(context: dict[str, Any], scenario: Scenario, language: str, e: Escape) -> None:
    """The scenario's whole plan: its criteria, ratings and planned decision."""
    weighing = scenario.weighing
    criteria = _criteria(weighing, e)
    options = _options(scenario.options, criteria, weighing, e)
    planned = scenario.decision
    context.update(planned=True, options=options, criteria=criteria)
    context["weighing"] = {
        "recorded": bool(criteria),
        "skipped_reason": None,
        "initial_preference": None,
        "informed_preference": None,
    }
    if planned is not None:
        for option in options:
            option["chosen"] = option["key"] == planned.option
        context["decision"] = {
            "option": planned.option,
            "title": _title(options, planned.option),
            "decided_by": _role(planned.decided_by, language),
            "rationale": e(planned.rationale),
            "follow_up": None,
            "follow_up_weeks": planned.follow_up_weeks,
            "agreements": [],
            "formal_decision": None,
            "consent": [e(name) for name in planned.consent],
        }


def _line(
    line: Line,
    speakers: dict[str, Any],
    others: list[dict[str, Any]],
    language: str,
    e: Escape,
) -> dict[str, Any]:
    speaker = line.speaker
    named = [o for o in others if line.name is not None and o["name"] == e(line.name)]
    who: dict[str, Any] | None = speakers.get(speaker.value)
    if named:  # the file named who speaks: one of several with the role
        who = {"name": named[0]["name"], "role_label": named[0]["role_label"]}
    if who is None:  # a role nobody in the scenario has: show the role itself
        who = {"name": speaker.label(language), "role_label": speaker.label(language)}
    return {"speaker": speaker.value, **who, "text": e(line.text)}


def _add_people(context: dict[str, Any]) -> None:
    present: dict[str, list[str]] = {role.value: [] for role in COMPANION_ROLES}
    for other in context["others"]:
        present[other["role"]].append(other["name"])
    context["present"] = present


def _derive(context: dict[str, Any], language: str) -> None:
    """Fill in the keys that follow from the others (options and criteria)."""
    options = context["options"]
    status_quo = [o for o in options if o["status_quo"]]
    changes = [o for o in options if not o["status_quo"]]
    context["status_quo"] = status_quo[0] if status_quo else None
    context["favourite"] = (changes or options or [None])[0]
    _named(context["criteria"], language)
    context["top_criteria"] = sorted(context["criteria"], key=lambda c: -c["importance"])
    # Who speaks for each role in a script line: the first person with it.
    speakers = {
        role.value: {"name": context[role.value]["name"], "role_label": role.label(language)}
        for role in (ParticipantRole.CLIENT, ParticipantRole.PROFESSIONAL)
    }
    for other in reversed(context["others"]):  # the first of each role speaks for it
        speakers[other["role"]] = {"name": other["name"], "role_label": other["role_label"]}
    context["speakers"] = speakers


def _criteria(weighing: Weighing | None, e: Escape) -> list[dict[str, Any]]:
    if weighing is None:
        return []
    return [
        {
            "key": c.key,
            "label": e(_criterion_label(c)),
            "importance": c.importance,
            "owner": _optional(c.owner, e),
        }
        for c in weighing.criteria
    ]


def _named(criteria: list[dict[str, Any]], language: str) -> None:
    """Give each criterion its ``named`` label: with whose wish it is, if not the client's."""
    for c in criteria:
        c["named"] = (
            text("common.criterion_owner", language, label=c["label"], owner=c["owner"])
            if c["owner"]
            else c["label"]
        )


def _age_group(group: AgeGroup | None, language: str) -> dict[str, str] | None:
    return None if group is None else {"key": group.value, "label": group.label(language)}


def _criterion_label(criterion: Criterion) -> str:
    # A key is for records ("dichtbij_huis"); without the client's words, show it as words.
    return criterion.label or criterion.key.replace("_", " ")


def _preference(options: list[dict[str, Any]], weighing: Weighing | None, field: str) -> str | None:
    """The title of the option the client preferred at first or after the options talk."""
    key = None if weighing is None else getattr(weighing, field)
    return None if key is None else _title(options, key)


def _options(
    options: tuple[Option, ...],
    criteria: list[dict[str, Any]],
    weighing: Weighing | None,
    e: Escape,
) -> list[dict[str, Any]]:
    table = weighing.scores() if weighing is not None else {}
    result = []
    for option in options:
        scores = table.get(option.key, {})
        result.append(
            {
                "key": option.key,
                "title": e(option.title),
                "description": _optional(option.description, e),
                "pros": [e(pro) for pro in option.pros],
                "cons": [e(con) for con in option.cons],
                "status_quo": option.status_quo,
                # A data URI of base64 characters only (checked on the way in): no escaping.
                "picture": option.picture,
                "chosen": False,
                "scores": [
                    {
                        "criterion": c["key"],
                        "label": c["label"],
                        "importance": c["importance"],
                        "score": scores.get(c["key"]),
                    }
                    for c in criteria
                ],
            }
        )
    return result


def _earlier(
    conv: Conversation, options: list[dict[str, Any]], language: str, e: Escape
) -> list[dict[str, Any]]:
    """The decisions that were reconsidered, each with its evaluation and the reason."""
    rounds: list[dict[str, Any]] = []
    decided: dict[str, Any] = {}
    for event in conv.history:
        data = event.data
        if isinstance(data, Decision):
            decided = {
                "title": _title(options, data.option),
                "date": conv.local(event.at).date(),
                "decided_by": _role(data.decided_by, language),
                "rationale": _optional(data.rationale, e),
                "evaluation": None,
            }
        elif isinstance(data, Evaluation):
            decided["evaluation"] = {"notes": e(data.notes), "decision_holds": data.decision_holds}
        elif isinstance(data, Reconsideration):
            rounds.append({**decided, "reason": e(data.reason)})
    return rounds


def _title(options: list[dict[str, Any]], key: str) -> str:
    for option in options:
        if option["key"] == key:
            return str(option["title"])
    return key  # a scenario's planned decision may name an option it does not list


def _role(role: DecisionRole | None, language: str) -> dict[str, str] | None:
    if role is None:
        return None
    return {
        "key": role.value,
        "label": role.label(language),
        "group": role.group.value,
        "group_label": role.group.label(language),
    }


def _optional(value: str | None, e: Escape) -> str | None:
    return None if value is None else e(value)


def _position(conv: Conversation) -> int:
    """The numbered step the conversation is in, or was in when paused or stopped; 5 once past."""
    position = 1
    for event in conv.history:
        number = event.to_step.number
        if number is not None:
            position = number
        elif event.to_step in (Step.DECIDED, Step.EVALUATED):
            position = 5
    return position


def _steps(step: Step, position: int, language: str) -> list[dict[str, Any]]:
    here = {Step.DEFERRED: "paused", Step.STOPPED: "stopped"}.get(step, "current")
    result = []
    for scripted in FOUR_STEPS:
        number = scripted.number or 0
        if number < position:
            state = "done"
        elif number == position:
            state = here
        else:
            state = "todo"
        result.append(
            {
                "key": scripted.value,
                "number": number,
                "label": scripted.label(language),
                "state": state,
            }
        )
    return result


def _check(key: str, *, required: bool, done: bool = False, **params: Any) -> dict[str, Any]:
    return {"key": key, "required": required, "done": done, "params": params}


def _checks(conv: Conversation, position: int, e: Escape) -> list[dict[str, Any]]:
    """What the step that is due asks for, with what the policy requires marked."""
    policy, step = conv.policy, conv.step
    if step is Step.DEFERRED:
        until = conv.deferral.until if conv.deferral else None
        if until is None:
            return [_check("resume", required=False)]
        return [_check("resume_until", required=False, date=until)]
    if step is Step.DECIDED:
        decision = conv.decision
        if decision is None or decision.follow_up is None:
            return [_check("evaluate_undated", required=False)]
        return [_check("evaluate", required=False, date=decision.follow_up)]
    if step.is_final:
        return []
    if position == 1:
        return [
            _check("codecide", required=policy.require_codecide_statement),
            _check("preferred_role", required=policy.require_preferred_role),
        ]
    if position == 2:
        options = conv.options
        missing = [e(o.title) for o in options if not (o.pros and o.cons)]
        return [
            _check(
                "min_options",
                required=True,
                done=len(options) >= policy.min_options,
                minimum=policy.min_options,
                count=len(options),
            ),
            _check(
                "status_quo",
                required=policy.require_status_quo,
                done=any(o.status_quo for o in options),
            ),
            _check(
                "pros_and_cons",
                required=policy.require_pros_and_cons,
                done=not missing,
                options=missing,
            ),
        ]
    if position == 3:
        return [_check("preferences", required=policy.require_preferences)]
    checks = [
        _check("decision_role", required=False),
        _check("rationale", required=policy.require_rationale),
        _check("follow_up", required=policy.require_follow_up),
    ]
    needed = consent_needed(conv)
    if needed:
        names = [e(name) for name in needed]
        checks.append(_check("consent", required=policy.require_minor_consent, names=names))
    return checks


def report_context(report: Report, language: str, escape: Escape) -> dict[str, Any]:
    """Return the template context for a client council report: its counts already as text.

    The keys::

        kind                      "report"
        threshold                 the fewest conversations a figure may rest on
        round_to                  the base shown counts are rounded to, or None
        hidden                    how a hidden figure reads ("x", "report.hidden")
        total                     conversations, as text ("x" when hidden)
        enough                    True when there are enough conversations to show anything
        numbers                   {total, collaborate_complete, sure_answered} as numbers, to
                                  choose a text's plural form; a hidden count gives the
                                  threshold
        steps                     [{key, count, share}]: how often each step was done
        options_per_conversation  [{options, count, share}]
        roles                     [{wanted, realised, count}]: role groups as labels
        scores                    [{instrument, shown, count, mean, median,
                                  first_quartile, third_quartile}]; numbers as text
        collaborate_rate          the CollaboRATE top-score rate ("52%"), or None
        collaborate_complete      complete CollaboRATE answers, as text
        sure_rate                 the SURE conflict rate ("40%"), or None
        sure_answered             SURE answers, as text
        remarks                   [{group, step, kinds: [{kind, entries}]}]; personal data
                                  in a remark shows as the catalogue's mark of its kind
                                  ("report.name" is "[naam]", "report.mark.place" "[plaats]")
        suppressed_remark_groups  groups of remarks from too few conversations to show
        remarks_withheld          True when remarks were left out: no de-identifier installed

    The renderer adds ``document``, ``format``, ``language`` and ``fragment``.

    Args:
        report: The report.
        language: The language of labels and of the marks: "nl" or "en".
        escape: Applied to every remark.
    """
    hidden = text("report.hidden", language)
    total = report.total
    marks = {
        mark: text("report.name" if kind == "name" else f"report.mark.{kind}", language)
        for kind, mark in MARKS.items()
    }

    def unmarked(remark: str) -> str:
        return _MARK.sub(lambda m: marks[m.group()], remark)

    def count(value: int | None) -> str:
        return hidden if value is None else str(value)

    def plural(value: int | None) -> int:
        return report.threshold if value is None else value

    def share(value: int | None) -> str:
        if value is None or not total:
            return ""
        return f"{round(100 * value / total)}%"

    def number(value: float) -> str:
        return decimal(f"{value:g}", language)

    def role(value: str) -> str:
        return "-" if value == "-" else RoleGroup(value).label(language)

    return {
        "kind": "report",
        "threshold": report.threshold,
        "round_to": report.round_to,
        "hidden": hidden,
        "total": count(total),
        "enough": bool(total),
        "numbers": {
            "total": plural(total),
            "collaborate_complete": plural(report.collaborate_complete),
            "sure_answered": plural(report.sure_answered),
        },
        "steps": [
            {"key": key, "count": count(value), "share": share(value)}
            for key, value in report.steps.items()
        ],
        "options_per_conversation": [
            {"options": key, "count": count(value), "share": share(value)}
            for key, value in report.options_per_conversation.items()
        ],
        "roles": [
            {"wanted": role(wanted), "realised": role(realised), "count": count(value)}
            for (wanted, realised), value in report.roles.items()
        ],
        "scores": [
            {
                "instrument": instrument,
                "shown": dist is not None,
                **({k: number(v) for k, v in attrs.asdict(dist).items()} if dist else {}),
            }
            for instrument, dist in report.scores.items()
        ],
        "collaborate_rate": (
            None
            if report.collaborate_top_score_rate is None
            else f"{round(100 * report.collaborate_top_score_rate)}%"
        ),
        "collaborate_complete": count(report.collaborate_complete),
        "sure_rate": (
            None
            if report.sure_conflict_rate is None
            else f"{round(100 * report.sure_conflict_rate)}%"
        ),
        "sure_answered": count(report.sure_answered),
        "remarks": [
            {
                "group": group,
                "step": None if group == "general" else Step(group).number,
                "kinds": [
                    {
                        "kind": kind,
                        "entries": [escape(unmarked(remark)) for remark in texts],
                    }
                    for kind, texts in kinds.items()
                ],
            }
            for group, kinds in report.remarks.items()
        ],
        "suppressed_remark_groups": report.suppressed_remark_groups,
        "remarks_withheld": report.remarks_withheld,
    }
