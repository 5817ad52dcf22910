"""Bundling many conversations into an anonymised report for a client council."""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from samenbeslissen import instruments
from samenbeslissen.analysis import DEFAULT_THRESHOLD, MARKS, NAME_MARK, deidentify
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
    stored_id,
    stored_payloads,
    stored_people,
)
from samenbeslissen.core.steps import FOUR_STEPS, Action
from samenbeslissen.core.validate import shown
from samenbeslissen.core.weighing import Weighing
from samenbeslissen.errors import InputError, RecordError, SamenBeslissenError
from samenbeslissen.i18n import Phrase

__all__ = [
    "DEFAULT_THRESHOLD",
    "HIDDEN",
    "MARKS",
    "NAME_MARK",
    "Distribution",
    "Report",
    "read_records",
    "report",
]

_OBJECT = WORDS["an object"]

_Scrub = Callable[[str, tuple[str, ...]], str]
"""Removes personal data from a remark, given its participants' names."""

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
    """Scores of one instrument over the conversations that have them (0-100 scale).

    Each conversation counts once: one with several answer sets for the
    instrument (the client and a relative, or two rounds) gives the mean of
    its sets, so that no conversation weighs more than another. There is no
    lowest or highest score: each would be one person's exact answer.
    """

    count: int
    """Conversations with answers to this instrument."""
    mean: float
    median: float
    first_quartile: float
    third_quartile: float


@attrs.frozen(kw_only=True)
class Report:
    """An anonymised bundle of many conversations: counts, scores and remarks, no names.

    Every figure rests on at least ``threshold`` distinct conversations, or it
    is hidden: None here, "x" in a rendered report or CSV. A count is hidden
    when it, or what it leaves of its total, is 1 to ``threshold - 1``
    conversations; then enough other cells of its table are hidden too that
    no hidden count can be worked out from the totals (secondary
    suppression). With ``round_to``, the counts that are shown are rounded
    to that base. Remarks are de-identified; remarks marked private never
    enter. See ``docs/report.md`` for what this protects against and what
    it does not.
    """

    threshold: int
    total: int | None
    steps: dict[str, int | None]
    """Step (see STEP_COUNTS) to the number of conversations that took it."""
    options_per_conversation: dict[str, int | None]
    roles: dict[tuple[str, str], int | None]
    """(wanted, realised) role group (active, collaborative, passive) to count; "-" for unknown.
    Counts the latest decision of each decided conversation."""
    scores: dict[str, Distribution | None]
    """Instrument to its score distribution; None when fewer than ``threshold``
    conversations have it. Instruments nobody filled in are left out."""
    collaborate_top_score_rate: float | None
    collaborate_complete: int | None
    sure_conflict_rate: float | None
    sure_answered: int | None
    remarks: dict[str, dict[str, tuple[str, ...]]]
    """Group (a step, or "general") to remark kind to the remarks, de-identified."""
    suppressed_remark_groups: int
    """Remark kinds of a group left out because fewer than ``threshold`` conversations gave one."""
    round_to: int | None = None
    """The base the shown counts are rounded to, or None for exact counts."""
    remarks_withheld: bool = False
    """True when remarks were left out because the de-identifier is not installed."""

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON types (hidden counts are null)."""
        return {
            "kind": "samenbeslissen/report",
            "threshold": self.threshold,
            "round_to": self.round_to,
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
            "remarks_withheld": self.remarks_withheld,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text.

        Raises:
            InputError: ``indent`` is not None or a whole number from 0 to 16.
        """
        if indent is not None and (
            isinstance(indent, bool) or not isinstance(indent, int) or not 0 <= indent <= 16
        ):
            raise InputError("expected_score", field="indent", low=0, high=16, got=repr(indent))
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self) -> str:
        """The counts and scores as CSV (section, key, value); hidden values read "x"."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "key", "value"])

        def cell(value: object) -> object:
            return HIDDEN if value is None else value

        writer.writerow(["total", "conversations", cell(self.total)])
        for key, value in self.steps.items():
            writer.writerow(["steps", key, cell(value)])
        for key, value in self.options_per_conversation.items():
            writer.writerow(["options_per_conversation", key, cell(value)])
        for (wanted, realised), value in self.roles.items():
            writer.writerow(["roles", f"{wanted} -> {realised}", cell(value)])
        for name, dist in self.scores.items():
            if dist is None:
                writer.writerow(["scores", f"{name}.count", HIDDEN])
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


HIDDEN = "x"
"""How a hidden figure reads in CSV, as statistics offices mark it (a rendered report
shows the catalogue's "report.hidden", also "x")."""

_KINDS = frozenset(kind.value for kind in RemarkKind)

_UNDECIDED = ("", "")
"""The roles table's unseen cell: conversations without a decision (total minus decided)."""

_K = TypeVar("_K", bound=Hashable)


def _small(count: int, threshold: int) -> bool:
    """A figure that rests on 1 to ``threshold - 1`` conversations: it may not be shown."""
    return 0 < count < threshold


def _both_shown(part: int, whole: int, threshold: int) -> bool:
    """A table of two cells, ``part`` and the rest of ``whole``: neither may be small."""
    return not _small(part, threshold) and not _small(whole - part, threshold)


def _hide(
    cells: Mapping[_K, int],
    threshold: int,
    *,
    hidden: Iterable[_K] = (),
    published: Iterable[_K] = (),
) -> set[_K]:
    """The cells to hide in a table whose total is published.

    First every small cell. Then, as statistics offices do (secondary
    suppression): while the hidden cells are a single one, or rest together
    on fewer than ``threshold`` conversations, the smallest cell still shown
    joins them, so that the total minus the shown cells gives no hidden cell
    and not even a small sum of them. ``hidden`` cells are hidden elsewhere
    (they must stay hidden); ``published`` ones can be read elsewhere in the
    report, so hiding them would protect nothing.
    """
    hide = {key for key, count in cells.items() if _small(count, threshold)}
    hide.update(hidden)
    if not hide:
        return hide
    known = set(published)
    candidates = sorted(
        (count, position, key)
        for position, (key, count) in enumerate(cells.items())
        if key not in hide and key not in known and count > 0
    )
    for _count, _position, key in candidates:
        if len(hide) >= 2 and sum(cells[k] for k in hide) >= threshold:
            break
        hide.add(key)
    if len(hide) < 2 or sum(cells[k] for k in hide) < threshold:
        return set(cells)  # cannot be protected cell by cell: hide the whole table
    return hide


class _Tally:
    """Running totals while records stream past, one contribution per conversation.

    Holds numbers and the remarks still to be de-identified, never names
    outside the remarks' own lists, nor records.
    """

    def __init__(self) -> None:
        self.total = 0
        self.seen: dict[str, str] = {}  # conversation id -> where it was read
        self.steps: Counter[str] = Counter()
        self.options: Counter[str] = Counter()
        self.roles: Counter[tuple[str, str]] = Counter()
        self.scores: dict[str, list[float]] = {name: [] for name in _SCORED}
        self.collaborate = [0, 0]  # conversations with a complete set, with a top score
        self.sure = [0, 0]  # conversations with answers, with conflict
        # (group, kind) -> [(text, names of its conversation)], and how many
        # conversations gave them.
        self.remarks: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
        self.remark_sources: Counter[tuple[str, str]] = Counter()

    def add(self, record: Mapping[str, Any], where: str) -> None:
        first = self.seen.setdefault(stored_id(record, where), where)
        if first != where:
            raise RecordError("report_duplicate", field=where, first=first)
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
            # The latest decision: a reconsidered one was taken again.
            decision = done[Action.DECIDE][-1]
            # By group (active, collaborative, passive): five by five cells would
            # mostly be too small to show.
            # The latest wish: asked again at the decision, or else in step 1.
            wanted = decision.get(_DECISION.wanted_role.name) or (invitation or {}).get(
                _INVITATION.preferred_role.name
            )
            wanted_group = DecisionRole(wanted).group.value if wanted else "-"
            realised = DecisionRole(decision[_DECISION.decided_by.name]).group.value
            self.roles[(wanted_group, realised)] += 1
        experiences = done.get(Action.ADD_EXPERIENCE, [])
        steps["with_experience"] += bool(experiences)
        if experiences:
            self._experiences(record, experiences, where)

    def _experiences(self, record: Mapping[str, Any], experiences: list[Any], where: str) -> None:
        scaled: dict[str, list[float]] = {}
        top_score: bool | None = None  # of the latest complete CollaboRATE set
        conflict: bool | None = None  # of the latest SURE set
        given: set[tuple[str, str]] = set()
        names: tuple[str, ...] | None = None
        for experience in experiences:
            for item in experience.get(_EXPERIENCE.answers.name, ()):
                answers = Answers(
                    instrument=item[_ANSWERS.instrument.name],
                    items=item[_ANSWERS.items.name],
                    respondent=item.get(_ANSWERS.respondent.name, ParticipantRole.CLIENT.value),
                )
                scored = instruments.score_answers(answers)  # refuses what cannot be scored
                if isinstance(scored, instruments.CollaborateScore):
                    top_score = scored.top_score
                elif isinstance(scored, instruments.SureScore):
                    conflict = bool(scored.conflict)
                elif isinstance(scored, _SCALED) and answers.instrument in self.scores:
                    scaled.setdefault(answers.instrument, []).append(float(scored.scaled))
            for remark in experience.get(_EXPERIENCE.remarks.name, ()):
                if remark.get(_REMARK.private.name):
                    continue
                text = remark[_REMARK.text.name]
                group = remark.get(_REMARK.step.name) or "general"
                kind = remark.get(_REMARK.kind.name, RemarkKind.OTHER.value)
                if not isinstance(text, str) or group not in REMARK_GROUPS or kind not in _KINDS:
                    raise RecordError(
                        "record_report", field=where, detail=f"remark {shown(remark)}"
                    )
                if names is None:
                    names = _names(record)
                self.remarks.setdefault((group, kind), []).append((text, names))
                given.add((group, kind))
        for instrument, values in scaled.items():
            self.scores[instrument].append(statistics.fmean(values))
        if top_score is not None:
            self.collaborate[0] += 1
            self.collaborate[1] += top_score
        if conflict is not None:
            self.sure[0] += 1
            self.sure[1] += conflict
        self.remark_sources.update(given)

    def report(self, threshold: int, round_to: int | None, scrub: _Scrub | None) -> Report:
        def rounded(count: int) -> int:
            if round_to is None or count == 0:
                return count
            # Half up; a count that is there never rounds to 0, which means none.
            return max(round_to, (count + round_to // 2) // round_to * round_to)

        def shown(count: int, hide: bool = False) -> int | None:
            return None if hide or _small(count, threshold) else rounded(count)

        total = self.total
        if total < threshold:
            # Too few conversations: nothing may be shown at all.
            return Report(
                threshold=threshold,
                total=None if total else 0,
                steps=dict.fromkeys(STEP_COUNTS),
                options_per_conversation={},
                roles={},
                scores={},
                collaborate_top_score_rate=None,
                collaborate_complete=None,
                sure_conflict_rate=None,
                sure_answered=None,
                remarks={},
                suppressed_remark_groups=sum(1 for n in self.remark_sources.values() if n),
                round_to=round_to,
                remarks_withheld=scrub is None and bool(self.remarks),
            )
        # Each step is a table of two cells, took it and did not, of the total.
        steps = {
            key: shown(self.steps[key], not _both_shown(self.steps[key], total, threshold))
            for key in STEP_COUNTS
        }
        options = {key: self.options[key] for key in ("0", "1", "2", "3", "4+")}
        hidden_options = _hide(options, threshold)
        # The roles of the decided conversations and, unseen, the undecided
        # ones make a table of the total; "decided" shown tells the unseen cell.
        roles = dict(sorted(self.roles.items()))
        undecided = {_UNDECIDED: total - self.steps["decided"]}
        decided_hidden = steps["decided"] is None and self.steps["decided"] > 0
        hidden_roles = _hide(
            roles | undecided,
            threshold,
            hidden=undecided if decided_hidden else (),
            published=() if decided_hidden else undecided,
        )
        complete, tops = self.collaborate
        answered, conflicts = self.sure
        remarks: dict[str, dict[str, tuple[str, ...]]] = {}
        for group in REMARK_GROUPS:
            for kind in (k.value for k in RemarkKind):  # in the order of the enum
                entries = self.remarks.get((group, kind))
                if (
                    entries
                    and scrub is not None
                    and self.remark_sources[(group, kind)] >= threshold
                ):
                    texts = sorted(scrub(text, names) for text, names in entries)
                    remarks.setdefault(group, {})[kind] = tuple(texts)
        too_few = sum(1 for n in self.remark_sources.values() if _small(n, threshold))
        return Report(
            threshold=threshold,
            total=shown(total),
            steps=steps,
            options_per_conversation={
                key: shown(count, key in hidden_options) for key, count in options.items()
            },
            roles={pair: shown(count, pair in hidden_roles) for pair, count in roles.items()},
            scores={
                name: _distribution(values, rounded) if len(values) >= threshold else None
                for name, values in self.scores.items()
                if values
            },
            collaborate_top_score_rate=(
                tops / complete
                if complete >= max(threshold, instruments.MIN_ENCOUNTERS)
                and _both_shown(tops, complete, threshold)
                else None
            ),
            collaborate_complete=shown(complete),
            sure_conflict_rate=(
                conflicts / answered
                if answered >= threshold and _both_shown(conflicts, answered, threshold)
                else None
            ),
            sure_answered=shown(answered),
            remarks=remarks,
            suppressed_remark_groups=too_few,
            round_to=round_to,
            remarks_withheld=scrub is None and bool(self.remarks),
        )


def _distribution(values: list[float], count: Callable[[int], int]) -> Distribution:
    ordered = sorted(values)
    # One value (a threshold of 1) has no spread: its quartiles are itself.
    quartiles = (
        statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else ordered * 3
    )
    return Distribution(
        count=count(len(ordered)),
        mean=round(statistics.fmean(ordered), 1),
        median=round(statistics.median(ordered), 1),
        first_quartile=round(quartiles[0], 1),
        third_quartile=round(quartiles[2], 1),
    )


def _names(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The participants' names as the record holds them."""
    names = (person.get(_PERSON.name.name) for person in stored_people(record))
    return tuple(name for name in names if isinstance(name, str) and name)


class RemarksWithheldWarning(UserWarning):
    """Remarks were left out of a report because ``deduce`` is not installed."""


def report(
    conversations: Iterable[Conversation | Mapping[str, Any]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    round_to: int | None = None,
) -> Report:
    """Bundle conversations (objects or records, streamed) into an anonymised report.

    Every figure rests on at least ``threshold`` distinct conversations, told
    apart by their ids; below that it is hidden, and so are as many other
    cells of its table as it takes that no hidden figure can be worked out
    from the totals. Remarks are de-identified with ``deduce`` (the extra
    ``samenbeslissen[deidentify]``); without it they are left out and
    ``remarks_withheld`` is True. ``docs/report.md`` says what this protects
    against, and what it does not.

    Records are read one at a time and only counted, so a file of 100,000
    records needs little memory (see :func:`read_records`). Records are
    checked for their shape, not replayed; load one with
    ``Conversation.from_dict`` to check its whole history.

    Args:
        conversations: Conversations, or their records (``to_dict()`` output).
        threshold: The fewest conversations a figure may rest on; 1-100.
        round_to: Round the counts shown to this base (5 shows 5, 10, 15),
            for reports published again and again; 1-100, or None for exact
            counts.

    Raises:
        InputError: A bad threshold or base.
        RecordError: A record that is not a conversation record, or the same
            conversation twice; ``field`` says where (``conversations[3]``,
            or the file and line).
        ScoringError: Instrument answers in a record that cannot be scored.
    """
    for name, value, optional in (("threshold", threshold, False), ("round_to", round_to, True)):
        if optional and value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise InputError("expected_score", field=name, low=1, high=100, got=repr(value))
    if isinstance(conversations, (str, bytes, Mapping)) or not isinstance(conversations, Iterable):
        raise InputError(
            "expected_type", field="conversations", expected="list of conversations or records"
        )
    tally = _Tally()
    for i, item in enumerate(conversations):
        where = getattr(item, "_report_where", None) or f"conversations[{i}]"
        record = item.to_dict() if isinstance(item, Conversation) else item
        try:
            tally.add(check_shape(record, where), where)
        except SamenBeslissenError:
            raise
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise RecordError("record_report", field=where, detail=repr(error)) from None
    scrub = None
    if tally.remarks and deidentify.available():
        scrub = deidentify.deidentify
    elif tally.remarks:
        warnings.warn(
            "The remarks are left out of the report: removing personal data from them needs "
            "deduce. Install it with: pip install 'samenbeslissen[deidentify]'",
            RemarksWithheldWarning,
            stacklevel=2,
        )
    return tally.report(threshold, round_to, scrub)


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
