"""The decoder: plain scenario data to a checked Scenario; each complaint names field and line."""

from __future__ import annotations

import base64
import enum
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.model import (
    ADDRESSES,
    COMPANION_ROLES,
    AgeGroup,
    DecisionRole,
    Option,
    ParticipantRole,
)
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.ranking import MAX_SCORE
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.core.weighing import Criterion, Rating
from samenbeslissen.errors import InputError, ScenarioError
from samenbeslissen.i18n import DEFAULT_LANGUAGE, KNOWN_LANGUAGES, Phrase, languages
from samenbeslissen.scenarios.field_paths import FieldPath, format_path, parse_field
from samenbeslissen.scenarios.kinds import FIELDS, LIST, NOTHING, TEXT, kind, shown
from samenbeslissen.scenarios.model import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from samenbeslissen.scenarios.yaml_reader import Spot

__all__ = ["decode", "scenario_from_dict"]

_TOP_REQUIRED = ("title", "client", "professional", "question", "options")
_TOP_FIELDS = (
    "title",
    "language",
    "address",
    "client",
    "professional",
    "others",
    "question",
    "goal",
    "options",
    "criteria",
    "ratings",
    "decision",
    "lines",
)
_OPTION_FIELDS = ("key", "title", "description", "pros", "cons", "status_quo", "picture")
_DECISION_FIELDS = (
    "option",
    "decided_by",
    "rationale",
    "follow_up_weeks",
    "reflection_offered",
    "consent",
)

_PICTURE_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"RIFF", "webp"),  # and "WEBP" at byte 8
)
"""The picture kinds an option may show, by the bytes their files start with."""

_PICTURE_ROOM = Policy().max_text
"""A picture is text in the record, so it fits in the default policy's longest text."""

_TEXT_LIST = Phrase("word.text_list")
_NONE_YET = Phrase("word.none_yet")

_E = TypeVar("_E", bound=enum.Enum)


class _Decoder:
    """Checks plain scenario data field by field; every complaint names path and line."""

    def __init__(self, source: str | None, spots: Mapping[FieldPath, Spot], language: str) -> None:
        self.source = source
        self.spots = spots
        self.language = language

    # - errors

    def fail(
        self, key: str, path: FieldPath, *, at_key: bool = False, **params: Any
    ) -> ScenarioError:
        return ScenarioError(
            key,
            field=format_path(path),
            file=self.source,
            line=self._line(path, at_key=at_key),
            language=self.language,
            **params,
        )

    def _line(self, path: FieldPath, *, at_key: bool) -> int | None:
        spot = self.spots.get(path)
        if spot is not None and at_key and spot.key_line is not None:
            return spot.key_line
        while path and path not in self.spots:
            path = path[:-1]  # a missing field: the line of the mapping it is missing from
        found = self.spots.get(path)
        return None if found is None else found.line

    def adopt(self, error: InputError, path: FieldPath) -> ScenarioError:
        """A value class's complaint, as a ScenarioError with the full path and its line."""
        return ScenarioError.combine(
            [
                self.fail(problem.key, (*path, *parse_field(problem.path)), **problem.params)
                for problem in error.problems
            ]
        )

    def check(self, check: Callable[..., Any], value: object, path: FieldPath, *args: Any) -> Any:
        """Run one of the shared checks of ``core.validate`` on a value at ``path``."""
        try:
            return check(value, "", *args)
        except InputError as error:
            raise self.adopt(error, path) from None

    # - shapes

    def fields(
        self, value: object, path: FieldPath, allowed: Sequence[str], required: Sequence[str] = ()
    ) -> Mapping[str, Any]:
        """Check a mapping's field names: none unknown (listed in order), none required missing."""
        if not isinstance(value, Mapping):
            raise self.type_error(value, path, FIELDS)
        for name in value:
            if name not in allowed:
                raise self._unknown_field(str(name), path, allowed)
        for name in required:
            if name not in value:
                raise self.fail("scenario_missing", (*path, name))
        return value

    def _unknown_field(self, name: str, path: FieldPath, allowed: Sequence[str]) -> ScenarioError:
        import difflib  # only for a mistake: kept out of every scenario that is right

        shown = ", ".join(allowed)
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            return self.fail(
                "scenario_unknown_field_hint",
                (*path, name),
                at_key=True,
                suggestion=close[0],
                allowed=shown,
            )
        return self.fail("scenario_unknown_field", (*path, name), at_key=True, allowed=shown)

    def mapping(self, value: object, path: FieldPath) -> Mapping[Any, Any]:
        if not isinstance(value, Mapping):
            raise self.type_error(value, path, FIELDS)
        return value

    def items(self, value: object, path: FieldPath, expected: Phrase = LIST) -> Sequence[Any]:
        if value is None:
            return ()
        if not isinstance(value, (list, tuple)):
            raise self.type_error(value, path, expected)
        return value

    def type_error(self, value: object, path: FieldPath, expected: Phrase) -> ScenarioError:
        if value is None:
            return self.fail("empty_text", path)
        return self.fail("scenario_type", path, expected=expected, got=kind(value))

    # - values

    def text(self, value: object, path: FieldPath) -> str:
        if isinstance(value, str):
            if not value.strip():
                raise self.fail("empty_text", path)
            # "\ud800" in a YAML string is a lone surrogate: no file could hold it.
            self.check(v.no_surrogates, value, path)
            return value
        spot = self.spots.get(path)
        if spot is not None and spot.raw is not None and value is not None:
            raise self.fail("scenario_not_text", path, value=spot.raw, got=kind(value))
        raise self.type_error(value, path, TEXT)

    def optional_text(self, value: object, path: FieldPath) -> str | None:
        return None if value is None else self.text(value, path)

    def texts(self, value: object, path: FieldPath) -> tuple[str, ...]:
        items = self.items(value, path, _TEXT_LIST)
        return tuple(self.text(item, (*path, i)) for i, item in enumerate(items))

    def choice(self, value: object, path: FieldPath, allowed: Sequence[_E]) -> _E:
        shown = ", ".join(str(m.value) for m in allowed)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # "age_group: 14": not text to put in quotes, but none of the choices.
            spot = self.spots.get(path)
            got = spot.raw if spot is not None and spot.raw is not None else repr(value)
            raise self.fail("expected_choice", path, allowed=shown, got=got)
        name = self.text(value, path)
        for member in allowed:
            if member.value == name:
                return member
        raise self.fail("expected_choice", path, allowed=shown, got=repr(name))

    def flag(self, value: object, path: FieldPath) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail("scenario_bool", path, got=shown(value))
        return value

    def score(self, value: object, path: FieldPath, low: int = 0, high: int = MAX_SCORE) -> int:
        if value is None:
            raise self.fail("expected_score", path, low=low, high=high, got=NOTHING)
        return int(self.check(v.score, value, path, low, high))

    # - the scenario

    def scenario(self, data: object) -> Scenario:
        top = self.fields(data, (), _TOP_FIELDS, _TOP_REQUIRED)
        # In the order of a scenario file, so the first problem in the file is reported first.
        title = self.text(top["title"], ("title",))
        language = self._language(top.get("language"))
        address = self._address(top.get("address"))
        client = self.client(top["client"], ("client",))
        professional = self.professional(top["professional"], ("professional",))
        others = tuple(
            self.companion(item, ("others", i))
            for i, item in enumerate(self.items(top.get("others"), ("others",)))
        )
        question = self.text(top["question"], ("question",))
        goal = self.optional_text(top.get("goal"), ("goal",))
        options = self.options(top["options"], ("options",))
        criteria = self.criteria(top.get("criteria"), ("criteria",), [o.name for o in others])
        ratings = self.ratings(top.get("ratings"), ("ratings",), options, criteria)
        people = [client.name, *(o.name for o in others)]
        decision = self.decision(top.get("decision"), ("decision",), options, people)
        speakers = (
            (client.name, ParticipantRole.CLIENT),
            (professional.name, ParticipantRole.PROFESSIONAL),
            *((o.name, o.role) for o in others),
        )
        return Scenario(
            title=title,
            language=language,
            address=address,
            client=client,
            professional=professional,
            others=others,
            question=question,
            goal=goal,
            options=options,
            criteria=criteria,
            ratings=ratings,
            decision=decision,
            lines=self.lines(top.get("lines"), ("lines",), speakers),
            source=self.source,
        )

    def _language(self, value: object) -> str:
        if value is None:
            return DEFAULT_LANGUAGE
        language = self.text(value, ("language",))
        if language not in languages():
            raise self.fail(
                "unknown_language", ("language",), value=language, allowed=KNOWN_LANGUAGES
            )
        return language

    def _address(self, value: object) -> str:
        if value is None:
            return ADDRESSES[0]
        address = self.text(value, ("address",))
        if address not in ADDRESSES:
            allowed = ", ".join(ADDRESSES)
            raise self.fail("expected_choice", ("address",), allowed=allowed, got=repr(address))
        return address

    def client(self, value: object, path: FieldPath) -> ClientPersona:
        f = self.fields(
            value,
            path,
            ("name", "situation", "feelings", "preferred_role", "speaks", "age_group"),
            ("name",),
        )
        role = f.get("preferred_role")
        group = f.get("age_group")
        return ClientPersona(
            name=self.text(f["name"], (*path, "name")),
            situation=self.optional_text(f.get("situation"), (*path, "situation")),
            feelings=self.optional_text(f.get("feelings"), (*path, "feelings")),
            speaks=self.optional_text(f.get("speaks"), (*path, "speaks")),
            preferred_role=None
            if role is None
            else self.choice(role, (*path, "preferred_role"), tuple(DecisionRole)),
            age_group=None
            if group is None
            else self.choice(group, (*path, "age_group"), tuple(AgeGroup)),
        )

    def professional(self, value: object, path: FieldPath) -> ProfessionalPersona:
        f = self.fields(value, path, ("name", "function"), ("name",))
        return ProfessionalPersona(
            name=self.text(f["name"], (*path, "name")),
            function=self.optional_text(f.get("function"), (*path, "function")),
        )

    def companion(self, value: object, path: FieldPath) -> Companion:
        f = self.fields(value, path, ("name", "role", "relation"), ("name", "role"))
        return Companion(
            name=self.text(f["name"], (*path, "name")),
            role=self.choice(f["role"], (*path, "role"), COMPANION_ROLES),
            relation=self.optional_text(f.get("relation"), (*path, "relation")),
        )

    def options(self, value: object, path: FieldPath) -> tuple[Option, ...]:
        if value is None:
            raise self.fail("empty_text", path)
        items = self.items(value, path)
        if len(items) < 2:
            raise self.fail("scenario_min_options", path, at_key=True, count=len(items))
        options: list[Option] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            at = (*path, i)
            f = self.fields(item, at, _OPTION_FIELDS, ("key", "title"))
            key = self.text(f["key"], (*at, "key"))
            if key in seen:
                raise self.fail("duplicate_option", (*at, "key"), value=key)
            fields: dict[str, Any] = {
                "key": key,
                "title": self.text(f["title"], (*at, "title")),
                "description": self.optional_text(f.get("description"), (*at, "description")),
                "pros": self.texts(f.get("pros"), (*at, "pros")),
                "cons": self.texts(f.get("cons"), (*at, "cons")),
                "status_quo": self.flag(f.get("status_quo"), (*at, "status_quo")),
                "picture": self.picture(f.get("picture"), (*at, "picture")),
            }
            try:
                # The option checks its own values (the key's form, ...).
                option = Option(**fields)
            except InputError as error:
                raise self.adopt(error, at) from None
            options.append(option)
            seen.add(key)
        return tuple(options)

    def picture(self, value: object, path: FieldPath) -> object:
        """A data URI as it is (the Option checks it), or a picture file read into one.

        A file name is read from the scenario file's folder or a folder below
        it, never from elsewhere: a scenario may come from someone else.
        """
        if not isinstance(value, str) or value.startswith("data:"):
            return value
        name = self.text(value, path)
        if self.source is None:
            raise self.fail("scenario_picture_no_folder", path, value=name)
        folder = Path(self.source).resolve().parent
        file = (folder / name).resolve()
        if not file.is_relative_to(folder):
            raise self.fail("scenario_picture_outside", path, value=name)
        try:
            with file.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                content = handle.read(_PICTURE_ROOM)  # more could never fit
        except OSError:
            raise self.fail("scenario_picture_missing", path, value=name) from None
        kind = next((k for magic, k in _PICTURE_KINDS if content.startswith(magic)), None)
        if kind == "webp" and content[8:12] != b"WEBP":
            kind = None
        if kind is None:
            raise self.fail("scenario_picture_kind", path, value=name)
        uri = f"data:image/{kind};base64," + base64.b64encode(content).decode("ascii")
        if size > len(content) or len(uri) > _PICTURE_ROOM:
            limit = (_PICTURE_ROOM - len("data:image/jpeg;base64,")) * 3 // 4 // 1000
            kilobytes = -(-size // 1000)
            raise self.fail("scenario_picture_size", path, value=name, size=kilobytes, limit=limit)
        return uri

    def criteria(
        self, value: object, path: FieldPath, companions: Sequence[str]
    ) -> tuple[Criterion, ...]:
        criteria: list[Criterion] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items(value, path)):
            at = (*path, i)
            f = self.fields(
                item, at, ("key", "label", "importance", "owner"), ("key", "importance")
            )
            key = self.check(v.key, self.text(f["key"], (*at, "key")), (*at, "key"))
            if key in seen:
                raise self.fail("duplicate_key", (*at, "key"), value=key)
            label = self.optional_text(f.get("label"), (*at, "label"))
            importance = self.score(f["importance"], (*at, "importance"))
            owner = self.optional_text(f.get("owner"), (*at, "owner"))
            if owner is not None and owner not in companions:
                raise self.fail(
                    "unknown_owner",
                    (*at, "owner"),
                    value=owner,
                    known=", ".join(companions) or "-",
                )
            criteria.append(Criterion(key=key, label=label, importance=importance, owner=owner))
            seen.add(key)
        return tuple(criteria)

    def consent(self, value: object, path: FieldPath, people: Sequence[str]) -> tuple[str, ...]:
        """The names of those who agree: each must be the client or one of the others."""
        names = self.texts(value, path) if value is not None else ()
        for i, name in enumerate(names):
            if name not in people:
                raise self.fail("unknown_person", (*path, i), value=name, known=", ".join(people))
        return names

    def ratings(
        self,
        value: object,
        path: FieldPath,
        options: Sequence[Option],
        criteria: Sequence[Criterion],
    ) -> tuple[Rating, ...]:
        if value is None:
            return ()
        table = self.mapping(value, path)
        # Key to position: for the order of the ratings, and a fast membership test.
        option_keys = {o.key: i for i, o in enumerate(options)}
        criterion_keys = {c.key: i for i, c in enumerate(criteria)}
        known_criteria = ", ".join(criterion_keys) or _NONE_YET
        rows: list[Rating] = []
        for option, scores in table.items():
            at: FieldPath = (*path, str(option))
            if option not in option_keys:
                raise self.fail(
                    "unknown_option", at, at_key=True, value=option, known=", ".join(option_keys)
                )
            if scores is None:
                continue
            for criterion, score in self.mapping(scores, at).items():
                cell: FieldPath = (*at, str(criterion))
                if criterion not in criterion_keys:
                    raise self.fail(
                        "scenario_unknown_criterion",
                        cell,
                        at_key=True,
                        value=criterion,
                        known=known_criteria,
                    )
                if score is not None and (type(score) is not int or not 0 <= score <= MAX_SCORE):
                    raise self.fail("scenario_rating", cell, got=shown(score))
                rows.append(Rating(option=option, criterion=criterion, score=score))
        # One order for equal content, however the file lists it: options, then criteria.
        rows.sort(key=lambda r: (option_keys[r.option], criterion_keys[r.criterion]))
        return tuple(rows)

    def decision(
        self, value: object, path: FieldPath, options: Sequence[Option], people: Sequence[str]
    ) -> PlannedDecision | None:
        if value is None:
            return None
        f = self.fields(value, path, _DECISION_FIELDS, _DECISION_FIELDS[:3])
        option = self.text(f["option"], (*path, "option"))
        keys = [o.key for o in options]
        if option not in keys:
            raise self.fail(
                "unknown_option", (*path, "option"), value=option, known=", ".join(keys)
            )
        planned = PlannedDecision(
            option=option,
            decided_by=self.choice(f["decided_by"], (*path, "decided_by"), tuple(DecisionRole)),
            rationale=self.text(f["rationale"], (*path, "rationale")),
            reflection_offered=self.flag(
                f.get("reflection_offered"), (*path, "reflection_offered")
            ),
            consent=self.consent(f.get("consent"), (*path, "consent"), people),
        )
        weeks = f.get("follow_up_weeks")
        if weeks is None:
            return planned  # the default number of weeks has one home: PlannedDecision
        follow_up_weeks = self.score(weeks, (*path, "follow_up_weeks"), 1, 104)
        return attrs.evolve(planned, follow_up_weeks=follow_up_weeks)

    def lines(
        self, value: object, path: FieldPath, speakers: Sequence[tuple[str, ParticipantRole]]
    ) -> tuple[tuple[Step, StepLines], ...]:
        if value is None:
            return ()
        table = self.fields(value, path, tuple(s.value for s in FOUR_STEPS))
        result: list[tuple[Step, StepLines]] = []
        for step in FOUR_STEPS:
            if step.value not in table:
                continue
            at = (*path, step.value)
            entry = table[step.value]
            parts = {} if entry is None else self.fields(entry, at, ("good", "pitfall"))
            lines = StepLines(
                good=self._lines(parts.get("good"), (*at, "good"), speakers),
                pitfall=self._lines(parts.get("pitfall"), (*at, "pitfall"), speakers),
            )
            result.append((step, lines))
        return tuple(result)

    def _lines(
        self, value: object, path: FieldPath, speakers: Sequence[tuple[str, ParticipantRole]]
    ) -> tuple[Line, ...]:
        """Lines whose speaker is a role, or the name of someone taking part.

        A role comes first: someone called "client" cannot speak by name.
        """
        lines: list[Line] = []
        roles = [role for _, role in speakers]
        by_name = dict(reversed(speakers))  # the first of two people with one name
        values = {role.value for role in ParticipantRole}
        for i, item in enumerate(self.items(value, path)):
            at = (*path, i)
            f = self.fields(item, at, ("speaker", "text"), ("speaker", "text"))
            said = f["speaker"]
            named = isinstance(said, str) and said not in values and said in by_name
            name = said if named else None
            if name is not None:
                speaker = by_name[name]
            else:
                speaker = self.choice(said, (*at, "speaker"), tuple(ParticipantRole))
                if speaker not in roles:
                    present = ", ".join(dict.fromkeys(s.value for s in roles))
                    raise self.fail(
                        "scenario_speaker_absent",
                        (*at, "speaker"),
                        value=speaker.value,
                        present=present,
                    )
            text = self.text(f["text"], (*at, "text"))
            lines.append(Line(speaker=speaker, text=text, name=name))
        return tuple(lines)


def _error_language(data: Mapping[Any, Any]) -> str:
    """The scenario's own language when it names a known one: its errors speak that language."""
    language = data.get("language")
    if isinstance(language, str) and language in languages():
        return language
    return DEFAULT_LANGUAGE


def decode(data: object, source: str | None, spots: Mapping[FieldPath, Spot]) -> Scenario:
    """Check plain scenario data and build the Scenario; ``spots`` give the lines, if known."""
    if data is None and not spots:
        raise ScenarioError("scenario_empty", field="", file=source)
    if not isinstance(data, Mapping):
        line = spots[()].line if () in spots else None
        raise ScenarioError(
            "scenario_not_mapping", field="", file=source, line=line, got=kind(data)
        )
    return _Decoder(source, spots, _error_language(data)).scenario(data)


def scenario_from_dict(data: object, *, source: str | None = None) -> Scenario:
    """Build a Scenario from plain data, the shape of a scenario file.

    Args:
        data: A mapping with the fields of a scenario file (see ``docs/scenarios.md``).
        source: Where the data came from, named in error messages.

    Returns:
        The checked scenario.

    Raises:
        ScenarioError: A field is missing, unknown, of the wrong type or out of
            range; ``field`` is its path (``"options[1].pros"``).
    """
    return decode(data, source, {})
