"""Bundling many conversations into an anonymised report for a client council."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from samenbeslissen import instruments
from samenbeslissen.analysis import DEFAULT_THRESHOLD, NAME_MARK
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.model import (
    Answers,
    Decision,
    DecisionRole,
    Experience,
    Invitation,
    Option,
    Participant,
    ParticipantRole,
    Remark,
    RemarkKind,
)
from samenbeslissen.core.records import (
    MAX_RECORD_SIZE,
    WORDS,
    check_shape,
    loads,
    stored_payloads,
    stored_people,
)
from samenbeslissen.core.steps import FOUR_STEPS, Action
from samenbeslissen.core.weighing import Weighing
from samenbeslissen.errors import InputError, RecordError, SamenBeslissenError
from samenbeslissen.i18n import Phrase

__all__ = ["DEFAULT_THRESHOLD", "NAME_MARK", "Distribution", "Report", "read_records", "report"]

_OBJECT = WORDS["an object"]

# The fields the report reads of each stored payload, named through their
# classes, so that renaming a field breaks here (and in mypy), not in silence.
_INVITATION = attrs.fields(Invitation)
_WEIGHING = attrs.fields(Weighing)
_OPTION = attrs.fields(Option)
_DECISION = attrs.fields(Decision)
_EXPERIENCE = attrs.fields(Experience)
_ANSWERS = attrs.fields(Answers)
_REMARK = attrs.fields(Remark)
_PERSON = attrs.fields(Participant)


STEP_COUNTS = (
    "informed",
    "told_may_codecide",
    "role_asked",
    "options_presented",
    "preferences_recorded",
    "preferences_skipped",
    "decided",
    "deferred",
    "stopped",
    "evaluated",
    "status_quo_offered",
    "with_experience",
)
"""What the report counts per conversation, in this order."""

REMARK_GROUPS = (*(step.value for step in FOUR_STEPS), "general")
"""Remarks are grouped by the step they are about; "general" for the conversation as a whole."""

_SCORED = ("sdm_q9", "sdm_q_doc", "option5", "option12", "decisional_conflict")
"""Instruments whose 0-100 scores the report summarises; CollaboRATE and SURE get rates."""

_SCALED = (
    instruments.SdmQScore,
    instruments.Option5Score,
    instruments.Option12Score,
    instruments.DecisionalConflictScore,
)
"""The score types of those instruments: each has a ``scaled`` 0-100 score."""


@attrs.frozen(kw_only=True)
class Distribution:
    """Scores of one instrument over the conversations that have them (0-100 scale)."""

    count: int
    mean: float
    median: float
    lowest: float
    highest: float
    first_quartile: float
    third_quartile: float


@attrs.frozen(kw_only=True)
class Report:
    """An anonymised bundle of many conversations: counts, scores and remarks, no names.

    Every count from 1 to ``threshold - 1`` is suppressed: it is None here
    and shown as "< threshold". Scores and remarks are shown only for groups
    of at least ``threshold``; free text marked private never enters.
    """

    threshold: int
    total: int | None
    steps: dict[str, int | None]
    options_per_conversation: dict[str, int | None]
    roles: dict[tuple[str, str], int | None]
    """(wanted, realised) role group (active, collaborative, passive) to count; "-" for unknown."""
    scores: dict[str, Distribution | None]
    """Instrument to its score distribution; None when it has too few answers to show.
    Instruments nobody filled in are left out."""
    collaborate_top_score_rate: float | None
    collaborate_complete: int | None
    sure_conflict_rate: float | None
    sure_answered: int | None
    remarks: dict[str, dict[str, tuple[str, ...]]]
    """Group (a step, or "general") to remark kind to the remarks, names removed."""
    suppressed_remark_groups: int

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON types (suppressed counts are null)."""
        return {
            "kind": "samenbeslissen/report",
            "threshold": self.threshold,
            "total": self.total,
            "steps": dict(self.steps),
            "options_per_conversation": dict(self.options_per_conversation),
            "roles": [
                {"wanted": wanted, "realised": realised, "count": count}
                for (wanted, realised), count in self.roles.items()
            ],
            "scores": {
                name: None if d is None else attrs.asdict(d) for name, d in self.scores.items()
            },
            "collaborate": {
                "top_score_rate": self.collaborate_top_score_rate,
                "complete": self.collaborate_complete,
            },
            "sure": {"conflict_rate": self.sure_conflict_rate, "answered": self.sure_answered},
            "remarks": {
                g: {k: list(v) for k, v in kinds.items()} for g, kinds in self.remarks.items()
            },
            "suppressed_remark_groups": self.suppressed_remark_groups,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self) -> str:
        """The counts and scores as CSV (section, key, value); suppressed values read "<N"."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "key", "value"])
        hidden = f"<{self.threshold}"

        def cell(value: object) -> object:
            return hidden if value is None else value

        writer.writerow(["total", "conversations", cell(self.total)])
        for key, value in self.steps.items():
            writer.writerow(["steps", key, cell(value)])
        for key, value in self.options_per_conversation.items():
            writer.writerow(["options_per_conversation", key, cell(value)])
        for (wanted, realised), value in self.roles.items():
            writer.writerow(["roles", f"{wanted} -> {realised}", cell(value)])
        for name, dist in self.scores.items():
            if dist is None:
                writer.writerow(["scores", f"{name}.count", hidden])
                continue
            for field, value in attrs.asdict(dist).items():
                writer.writerow(["scores", f"{name}.{field}", value])
        writer.writerow(["collaborate", "top_score_rate", cell(self.collaborate_top_score_rate)])
        writer.writerow(["sure", "conflict_rate", cell(self.sure_conflict_rate)])
        return out.getvalue()

    def _repr_markdown_(self) -> str:
        from samenbeslissen.explore.display import report_markdown

        return report_markdown(self)

    def _repr_html_(self) -> str:
        from samenbeslissen.explore.display import report_html

        return report_html(self)


class _Tally:
    """Running totals while records stream past; holds numbers, never names or records."""

    def __init__(self) -> None:
        self.total = 0
        self.steps: Counter[str] = Counter()
        self.options: Counter[str] = Counter()
        self.roles: Counter[tuple[str, str]] = Counter()
        self.scores: dict[str, list[float]] = {name: [] for name in _SCORED}
        self.collaborate: list[list[int | None]] = []
        self.sure = [0, 0]  # answered, conflict
        self.remarks: dict[str, dict[str, list[str]]] = {}

    def add(self, record: Mapping[str, Any]) -> None:
        self.total += 1
        done = stored_payloads(record)  # one pass over the history
        invitation = done[Action.INFORM][0] if Action.INFORM in done else None
        steps = self.steps
        if invitation is not None:
            steps["informed"] += 1
            steps["told_may_codecide"] += bool(invitation.get(_INVITATION.may_codecide.name))
            steps["role_asked"] += invitation.get(_INVITATION.preferred_role.name) is not None
        steps["options_presented"] += Action.PRESENT_OPTIONS in done
        if Action.WEIGH in done:
            last = done[Action.WEIGH][-1]
            steps["preferences_recorded"] += bool(last.get(_WEIGHING.criteria.name))
            steps["preferences_skipped"] += last.get(_WEIGHING.skipped_reason.name) is not None
        for key, action in (
            ("decided", Action.DECIDE),
            ("deferred", Action.DEFER),
            ("stopped", Action.STOP),
            ("evaluated", Action.EVALUATE),
        ):
            steps[key] += action in done
        options = done.get(Action.ADD_OPTION, [])
        steps["status_quo_offered"] += any(o.get(_OPTION.status_quo.name) for o in options)
        self.options["4+" if len(options) >= 4 else str(len(options))] += 1
        if Action.DECIDE in done:
            decision = done[Action.DECIDE][0]
            # By group (active, collaborative, passive): five by five cells would
            # mostly be too small to show.
            wanted = (invitation or {}).get(_INVITATION.preferred_role.name)
            wanted_group = DecisionRole(wanted).group.value if wanted else "-"
            realised = DecisionRole(decision[_DECISION.decided_by.name]).group.value
            self.roles[(wanted_group, realised)] += 1
        experiences = done.get(Action.ADD_EXPERIENCE, [])
        steps["with_experience"] += bool(experiences)
        if experiences:
            self._experiences(record, experiences)

    def _experiences(self, record: Mapping[str, Any], experiences: list[Any]) -> None:
        names = _names(record)
        for experience in experiences:
            for item in experience.get(_EXPERIENCE.answers.name, ()):
                answers = Answers(
                    instrument=item[_ANSWERS.instrument.name],
                    items=item[_ANSWERS.items.name],
                    respondent=item.get(_ANSWERS.respondent.name, ParticipantRole.CLIENT.value),
                )
                self._score(answers)
            for remark in experience.get(_EXPERIENCE.remarks.name, ()):
                if remark.get(_REMARK.private.name):
                    continue
                group = remark.get(_REMARK.step.name) or "general"
                kind = remark.get(_REMARK.kind.name, RemarkKind.OTHER.value)
                text = _scrub(remark[_REMARK.text.name], names)
                self.remarks.setdefault(group, {}).setdefault(kind, []).append(text)

    def _score(self, answers: Answers) -> None:
        scored = instruments.score_answers(answers)  # refuses answers that cannot be scored
        name = answers.instrument
        if name == "collaborate":
            self.collaborate.append(list(answers.items))
        elif isinstance(scored, instruments.SureScore):
            self.sure[0] += 1
            self.sure[1] += bool(scored.conflict)
        elif isinstance(scored, _SCALED) and name in self.scores:
            self.scores[name].append(float(scored.scaled))

    def report(self, threshold: int) -> Report:
        def keep(count: int) -> int | None:
            return count if count >= threshold or count == 0 else None

        complete = [items for items in self.collaborate if None not in items]
        rate = None
        if len(complete) >= max(threshold, instruments.MIN_ENCOUNTERS):
            rate = instruments.collaborate_group(complete).top_score_rate
        answered, conflicts = self.sure
        groups, hidden = {}, 0
        for group in REMARK_GROUPS:
            kinds = self.remarks.get(group, {})
            shown = {k: tuple(sorted(v)) for k, v in kinds.items() if len(v) >= threshold}
            hidden += sum(1 for k, v in kinds.items() if 0 < len(v) < threshold)
            if shown:
                groups[group] = shown
        if self.total < threshold:
            # Too few conversations: nothing may be shown at all.
            return Report(
                threshold=threshold,
                total=keep(self.total),
                steps=dict.fromkeys(STEP_COUNTS),
                options_per_conversation={},
                roles={},
                scores={},
                collaborate_top_score_rate=None,
                collaborate_complete=None,
                sure_conflict_rate=None,
                sure_answered=None,
                remarks={},
                suppressed_remark_groups=hidden + len(groups),
            )
        return Report(
            threshold=threshold,
            total=self.total,
            steps={key: keep(self.steps[key]) for key in STEP_COUNTS},
            options_per_conversation={
                key: keep(self.options[key]) for key in ("0", "1", "2", "3", "4+")
            },
            roles={pair: keep(count) for pair, count in sorted(self.roles.items())},
            scores={
                name: _distribution(values) if len(values) >= threshold else None
                for name, values in self.scores.items()
                if values
            },
            collaborate_top_score_rate=rate,
            collaborate_complete=keep(len(complete)),
            sure_conflict_rate=conflicts / answered if answered >= threshold else None,
            sure_answered=keep(answered),
            remarks=groups,
            suppressed_remark_groups=hidden,
        )


def _distribution(values: list[float]) -> Distribution:
    ordered = sorted(values)
    # One value (a threshold of 1) has no spread: its quartiles are itself.
    quartiles = (
        statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else ordered * 3
    )
    return Distribution(
        count=len(ordered),
        mean=round(statistics.fmean(ordered), 1),
        median=round(statistics.median(ordered), 1),
        lowest=round(ordered[0], 1),
        highest=round(ordered[-1], 1),
        first_quartile=round(quartiles[0], 1),
        third_quartile=round(quartiles[2], 1),
    )


def _names(record: Mapping[str, Any]) -> frozenset[str]:
    """The parts of the participants' names (three letters or more), case-folded."""
    parts: set[str] = set()
    for person in stored_people(record):
        for part in _WORD.findall(str(person.get(_PERSON.name.name, ""))):
            if len(part) > 2:
                parts.add(part.casefold())
    return frozenset(parts)


_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(\w+)")


def _scrub(text: str, names: frozenset[str]) -> str:
    """Replace the participants' names in free text by NAME_MARK, word by word."""
    if not names:
        return text
    pieces = _SPLIT.split(text)
    # Odd positions hold the words; one pass, no pattern built per name.
    for i in range(1, len(pieces), 2):
        if pieces[i].casefold() in names:
            pieces[i] = NAME_MARK
    merged = "".join(pieces)
    # A first name and a surname read as one name.
    return merged.replace(f"{NAME_MARK} {NAME_MARK}", NAME_MARK)


def report(
    conversations: Iterable[Conversation | Mapping[str, Any]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> Report:
    """Bundle conversations (objects or records, streamed) into an anonymised report.

    Records are read one at a time and only counted, so a file of 100,000
    records needs little memory (see :func:`read_records`). Records are
    checked for their shape, not replayed; load one with
    ``Conversation.from_dict`` to check its whole history.

    Args:
        conversations: Conversations, or their records (``to_dict()`` output).
        threshold: Counts below this (but above 0) are suppressed; 1-100.

    Raises:
        InputError: A bad threshold.
        RecordError: A record that is not a conversation record; ``field``
            says which one (``conversations[3]``, or the file and line).
        ScoringError: Instrument answers in a record that cannot be scored.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= 100:
        raise InputError("expected_score", field="threshold", low=1, high=100, got=repr(threshold))
    if isinstance(conversations, (str, bytes, Mapping)) or not isinstance(conversations, Iterable):
        raise InputError(
            "expected_type", field="conversations", expected="list of conversations or records"
        )
    tally = _Tally()
    for i, item in enumerate(conversations):
        where = getattr(item, "_report_where", None) or f"conversations[{i}]"
        record = item.to_dict() if isinstance(item, Conversation) else item
        try:
            tally.add(check_shape(record, where))
        except SamenBeslissenError:
            raise
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise RecordError("record_report", field=where, detail=repr(error)) from None
    return tally.report(threshold)


class _Located(dict):  # type: ignore[type-arg]
    """A record read from a file, remembering where, for error messages."""

    _report_where: str


def read_records(path: str | os.PathLike[str]) -> Iterator[Mapping[str, Any]]:
    """Stream the records of a JSON Lines file (one conversation record per line).

    Blank lines are skipped. Bad JSON raises RecordError naming file and line;
    so does a line longer than :data:`MAX_RECORD_SIZE` characters (an endless
    file such as ``/dev/zero`` is refused at its first line).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InputError("expected_type", field="path", expected="file name")
    name = os.fspath(path)
    if not isinstance(name, str) or "\0" in name:
        raise RecordError("record_file", field=repr(name), reason=Phrase("word.not_a_file_name"))
    try:
        handle = open(name, encoding="utf-8")  # noqa: SIM115  # closed by the with below
    except OSError as error:
        raise RecordError("record_file", field=name, reason=error.strerror or str(error)) from None
    with handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline(MAX_RECORD_SIZE + 1)
            except UnicodeDecodeError as error:
                raise RecordError(
                    "record_json_line", field=f"{name}:{number}", column=1, detail=str(error)
                ) from None
            except OSError as error:
                raise RecordError(
                    "record_file", field=name, reason=error.strerror or str(error)
                ) from None
            if not line:
                return
            if len(line) > MAX_RECORD_SIZE:
                raise RecordError(
                    "record_too_large", field=f"{name}:{number}", limit=MAX_RECORD_SIZE // 10**6
                )
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                data = loads(line)
            except RecordError as error:
                raise RecordError(
                    "record_json_line",
                    field=where,
                    column=error.params["column"],
                    detail=error.params["detail"],
                ) from None
            if not isinstance(data, dict):
                raise RecordError(
                    "record_type", field=where, expected=_OBJECT, got=type(data).__name__
                )
            record = _Located(data)
            record._report_where = where
            yield record
