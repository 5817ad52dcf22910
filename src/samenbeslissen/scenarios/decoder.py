"""The decoder: plain scenario data to a checked Scenario; each complaint names field and line."""

from __future__ import annotations

import base64
import enum
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

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
from samenbeslissen.scenarios.yaml_syntax import quoted

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
_CLIENT_FIELDS = ("name", "situation", "feelings", "preferred_role", "speaks", "age_group")
_PROFESSIONAL_FIELDS = ("name", "function")
_COMPANION_FIELDS = ("name", "role", "relation")
_OPTION_FIELDS = ("key", "title", "description", "pros", "cons", "status_quo", "picture")
_CRITERION_FIELDS = ("key", "label", "importance", "owner")
_DECISION_FIELDS = (
    "option",
    "decided_by",
    "rationale",
    "follow_up_weeks",
    "reflection_offered",
    "consent",
)

_PLACES: tuple[tuple[FieldPath, Sequence[str]], ...] = (
    ((), _TOP_FIELDS),
    (("client",), _CLIENT_FIELDS),
    (("professional",), _PROFESSIONAL_FIELDS),
    (("others", 0), _COMPANION_FIELDS),
    (("options", 0), _OPTION_FIELDS),
    (("criteria", 0), _CRITERION_FIELDS),
    (("decision",), _DECISION_FIELDS),
)
"""Where each field of fixed name belongs; ``0`` stands for any item of a list.

A field found at the wrong one of these places was most often indented one
step too far or too little: the message then says where it belongs.
"""

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
_T = TypeVar("_T")


class _AlreadyNotedError(Exception):
    """A part of the scenario has problems, noted already; the part around it goes on without it."""


def _generic(path: FieldPath) -> FieldPath:
    """A path with every list index as 0: the place in the scenario's shape."""
    return tuple(0 if isinstance(part, int) else part for part in path)


def _written(value: object, field: str) -> list[str] | None:
    """The texts written at ``field`` in a list of mappings, each once; None if it is no list.

    Other parts check their names against these (a rating's option, an owner),
    so a name with a problem of its own is reported once, not again there.
    """
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        return None
    written = (item.get(field) for item in value if isinstance(item, Mapping))
    return list(dict.fromkeys(name for name in written if isinstance(name, str)))


_ROLE_VALUES = frozenset(role.value for role in ParticipantRole)


class _Speakers(NamedTuple):
    """Who may speak a scripted line, as the file names them."""

    roles: tuple[ParticipantRole, ...]
    names: Mapping[str, ParticipantRole]
    unsure: frozenset[str]
    """People whose role has a problem of its own: a line of theirs is not one more."""


def _speakers(top: Mapping[str, Any]) -> _Speakers | None:
    """The roles and the people taking part, as written; None when the others are no list."""
    others = top.get("others")
    if others is not None and not isinstance(others, (list, tuple)):
        return None
    roles = [ParticipantRole.CLIENT, ParticipantRole.PROFESSIONAL]
    named: list[tuple[object, ParticipantRole]] = [
        (part.get("name"), role)
        for part, role in ((top.get("client"), roles[0]), (top.get("professional"), roles[1]))
        if isinstance(part, Mapping)
    ]
    unsure: set[str] = set()
    for item in others or ():
        if not isinstance(item, Mapping):
            continue
        role = next((r for r in COMPANION_ROLES if r.value == item.get("role")), None)
        if role is None:
            unsure.add(str(item.get("name")))
            continue
        roles.append(role)
        named.append((item.get("name"), role))
    # The first of two people with one name.
    names = {name: role for name, role in reversed(named) if isinstance(name, str)}
    return _Speakers(tuple(roles), names, frozenset(unsure))


class _Decoder:
    """Checks plain scenario data field by field; every complaint names path and line.

    A problem is noted and the check goes on with the next field, so one run
    finds every problem of a scenario. A part with a problem is not built;
    the parts around it still are checked.
    """

    def __init__(
        self, source: str | None, spots: Mapping[FieldPath, Spot], language: str | None
    ) -> None:
        self.source = source
        self.spots = spots
        self.language = language  # the scenario's own, if it names one: its errors speak it
        self.noted: list[tuple[FieldPath, ScenarioError]] = []
        # Where a field found at the wrong place, or misspelt, belongs: not "missing" there too.
        self.moved: set[FieldPath] = set()

    # - errors

    def fail(
        self, key: str, path: FieldPath, *, at_key: bool = False, **params: Any
    ) -> ScenarioError:
        return ScenarioError(
            key,
            field=format_path(path),
            file=self.source,
            line=self._line(path, at_key=at_key),
            scenario_language=self.language,
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

    def note(self, path: FieldPath, error: ScenarioError) -> None:
        """Keep a problem of the value at ``path`` and go on."""
        self.noted.append((path, error))

    def has_problem(self, path: FieldPath) -> bool:
        """Whether a problem was noted at ``path`` or inside it."""
        return any(noted[: len(path)] == path for noted, _ in self.noted)

    def each(
        self, check: Callable[..., _T], value: object, path: FieldPath, *args: Any
    ) -> _T | None:
        """``check(value, path, *args)``; on a problem, note it and give None to go on with."""
        if any(noted == path for noted, _ in self.noted):
            return None  # said already: a missing field is not also an empty one
        try:
            return check(value, path, *args)
        except ScenarioError as error:
            self.note(path, error)
        except _AlreadyNotedError:
            pass
        return None

    def build(self, make: Callable[..., _T], path: FieldPath, **values: Any) -> _T:
        """Make the value at ``path`` from its checked parts, unless one had a problem."""
        if self.has_problem(path):
            raise _AlreadyNotedError
        try:
            return make(**values)
        except InputError as error:
            raise self.adopt(error, path) from None

    def error(self) -> ScenarioError:
        """One error with every problem noted, in the order of the file."""
        kept = [
            error
            for path, error in self.noted
            if not (error.key == "scenario_missing" and path in self.moved)
        ]
        kept.sort(key=lambda error: error.line or 0)  # stable: found order within a line
        return ScenarioError.combine(kept)

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
        """A mapping, its unknown fields (in order) and missing required ones noted."""
        if not isinstance(value, Mapping):
            raise self.type_error(value, path, FIELDS)
        for name in value:
            if name not in allowed:
                self.note((*path, name), self._unknown_field(str(name), path, allowed))
        for name in required:
            if name not in value:
                self.note((*path, name), self.fail("scenario_missing", (*path, name)))
        return value

    def _unknown_field(self, name: str, path: FieldPath, allowed: Sequence[str]) -> ScenarioError:
        misplaced = self._misplaced(name, path)
        if misplaced is not None:
            return misplaced
        import difflib  # only for a mistake: kept out of every scenario that is right

        shown = ", ".join(allowed)
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            self.moved.add((*path, close[0]))  # "Bedoelt u 'title'?" says it is not missing
            return self.fail(
                "scenario_unknown_field_hint",
                (*path, name),
                at_key=True,
                suggestion=close[0],
                allowed=shown,
            )
        return self.fail("scenario_unknown_field", (*path, name), at_key=True, allowed=shown)

    def _misplaced(self, name: str, path: FieldPath) -> ScenarioError | None:
        """A field of another place, found here: most often indented a step too far or too little.

        None when ``path`` is not one of the fixed places, or when it is not
        clear which place the field belongs to.
        """
        here = _generic(path)
        if here not in (place for place, _ in _PLACES):
            return None
        places = [place for place, names in _PLACES if name in names and place != here]
        if here:
            # Back to the top; or, from client, professional or decision, to another of them.
            places = [place for place in places if not place or len(here) == len(place) == 1]
        else:
            places = self._nearest(name, places)
        if len(places) != 1:
            return None
        (place,) = places
        where = (*path, name)
        if not place:
            self.moved.add((name,))
            return self.fail("scenario_field_further_left", where, at_key=True, here=path[0])
        parent = str(place[0])
        if isinstance(place[-1], int):
            return self.fail("scenario_field_in_list", where, at_key=True, parent=parent)
        self.moved.add((*place, name))
        if here:
            return self.fail(
                "scenario_field_elsewhere", where, at_key=True, parent=parent, here=path[0]
            )
        return self.fail("scenario_field_further_right", where, at_key=True, parent=parent)

    def _nearest(self, name: str, places: list[FieldPath]) -> list[FieldPath]:
        """Of the places under the top a top-level field may belong to, the field just above it.

        ``name: Anna`` at the top could belong to client, professional or
        others; the one it follows in the file is the one it was meant for.
        """
        if len(places) < 2:
            return places
        line = self._line((name,), at_key=True)
        above = [
            (spot.key_line, path[0])
            for path, spot in self.spots.items()
            if len(path) == 1 and spot.key_line is not None and line and spot.key_line < line
        ]
        if not above:
            return []
        nearest = max(above)[1]
        return [place for place in places if place[0] == nearest]

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
        if expected in (LIST, _TEXT_LIST):
            # Most often the dashes of a list are missing; YAML then reads something else.
            if isinstance(value, str) and " - " in value:
                return self.fail("scenario_list_first_dash", path)
            if isinstance(value, Mapping) and value:
                return self.fail("scenario_list_dashes", path, first=str(next(iter(value))))
        return self.fail("scenario_type", path, expected=expected, got=kind(value))

    def present(self, path: FieldPath, *parts: _T | None) -> list[_T]:
        """The parts checked inside ``path``, once none of them had a problem."""
        if self.has_problem(path):
            raise _AlreadyNotedError
        return [part for part in parts if part is not None]

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
        colon = self._text_with_colon(value, path)
        if colon is not None:
            raise colon
        raise self.type_error(value, path, TEXT)

    def _text_with_colon(self, value: object, path: FieldPath) -> ScenarioError | None:
        """``- Let op: duur`` reads as a field, not as text: say to put it in quotes."""
        if not path or not isinstance(path[-1], int):
            return None  # only in a list: "title: {a: b}" is written as fields on purpose
        if not isinstance(value, Mapping) or len(value) != 1:
            return None
        ((name, rest),) = value.items()
        at = self.spots.get((*path, str(name)))
        if not isinstance(rest, str) or at is None or at.line != at.key_line:
            return None  # not one line of text that YAML split at ": "
        return self.fail("scenario_text_with_colon", path, example="- " + quoted(f"{name}: {rest}"))

    def optional_text(self, value: object, path: FieldPath) -> str | None:
        return None if value is None else self.text(value, path)

    def texts(self, value: object, path: FieldPath) -> tuple[str, ...]:
        items = self.items(value, path, _TEXT_LIST)
        checked = [self.each(self.text, item, (*path, i)) for i, item in enumerate(items)]
        return tuple(self.present(path, *checked))

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

    def optional_choice(self, value: object, path: FieldPath, allowed: Sequence[_E]) -> _E | None:
        return None if value is None else self.choice(value, path, allowed)

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
        # In the order of a scenario file; the problems are put in file order at the end.
        title = self.each(self.text, top.get("title"), ("title",))
        language = self.each(self._language, top.get("language"), ("language",))
        address = self.each(self._address, top.get("address"), ("address",))
        client = self.each(self.client, top.get("client"), ("client",))
        professional = self.each(self.professional, top.get("professional"), ("professional",))
        others = self.each(self.others, top.get("others"), ("others",))
        question = self.each(self.text, top.get("question"), ("question",))
        goal = self.each(self.optional_text, top.get("goal"), ("goal",))
        options = self.each(self.options, top.get("options"), ("options",))
        # Other parts refer to names as written, so one wrong name is one problem, not many.
        option_keys = _written(top.get("options"), "key")
        criterion_keys = _written(top.get("criteria"), "key")
        names = _written(top.get("others"), "name")
        client_data = top.get("client")
        client_name = client_data.get("name") if isinstance(client_data, Mapping) else None
        people = (
            None if names is None or not isinstance(client_name, str) else [client_name, *names]
        )
        criteria = self.each(self.criteria, top.get("criteria"), ("criteria",), names)
        ratings = self.each(
            self.ratings, top.get("ratings"), ("ratings",), option_keys, criterion_keys
        )
        decision = self.each(self.decision, top.get("decision"), ("decision",), option_keys, people)
        lines = self.each(self.lines, top.get("lines"), ("lines",), _speakers(top))
        return self.build(
            Scenario,
            (),
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
            lines=lines,
            source=self.source,
        )

    def _language(self, value: object, path: FieldPath) -> str:
        if value is None:
            return DEFAULT_LANGUAGE
        language = self.text(value, path)
        if language not in languages():
            raise self.fail("unknown_language", path, value=language, allowed=KNOWN_LANGUAGES)
        return language

    def _address(self, value: object, path: FieldPath) -> str:
        if value is None:
            return ADDRESSES[0]
        address = self.text(value, path)
        if address not in ADDRESSES:
            allowed = ", ".join(ADDRESSES)
            raise self.fail("expected_choice", path, allowed=allowed, got=repr(address))
        return address

    def client(self, value: object, path: FieldPath) -> ClientPersona:
        f = self.fields(value, path, _CLIENT_FIELDS, ("name",))
        return self.build(
            ClientPersona,
            path,
            name=self.each(self.text, f.get("name"), (*path, "name")),
            situation=self.each(self.optional_text, f.get("situation"), (*path, "situation")),
            feelings=self.each(self.optional_text, f.get("feelings"), (*path, "feelings")),
            preferred_role=self.each(
                self.optional_choice,
                f.get("preferred_role"),
                (*path, "preferred_role"),
                tuple(DecisionRole),
            ),
            speaks=self.each(self.optional_text, f.get("speaks"), (*path, "speaks")),
            age_group=self.each(
                self.optional_choice, f.get("age_group"), (*path, "age_group"), tuple(AgeGroup)
            ),
        )

    def professional(self, value: object, path: FieldPath) -> ProfessionalPersona:
        f = self.fields(value, path, _PROFESSIONAL_FIELDS, ("name",))
        return self.build(
            ProfessionalPersona,
            path,
            name=self.each(self.text, f.get("name"), (*path, "name")),
            function=self.each(self.optional_text, f.get("function"), (*path, "function")),
        )

    def others(self, value: object, path: FieldPath) -> tuple[Companion, ...]:
        items = self.items(value, path)
        checked = [self.each(self.companion, item, (*path, i)) for i, item in enumerate(items)]
        return tuple(self.present(path, *checked))

    def companion(self, value: object, path: FieldPath) -> Companion:
        f = self.fields(value, path, _COMPANION_FIELDS, ("name", "role"))
        return self.build(
            Companion,
            path,
            name=self.each(self.text, f.get("name"), (*path, "name")),
            role=self.each(self.choice, f.get("role"), (*path, "role"), COMPANION_ROLES),
            relation=self.each(self.optional_text, f.get("relation"), (*path, "relation")),
        )

    def options(self, value: object, path: FieldPath) -> tuple[Option, ...]:
        if value is None:
            raise self.fail("empty_text", path)
        items = self.items(value, path)
        if len(items) < 2:
            self.note(path, self.fail("scenario_min_options", path, at_key=True, count=len(items)))
        seen: set[str] = set()
        checked = [self.each(self.option, item, (*path, i), seen) for i, item in enumerate(items)]
        return tuple(self.present(path, *checked))

    def option(self, value: object, path: FieldPath, seen: set[str]) -> Option:
        f = self.fields(value, path, _OPTION_FIELDS, ("key", "title"))
        key = self.each(self.text, f.get("key"), (*path, "key"))
        if key in seen:
            self.note((*path, "key"), self.fail("duplicate_option", (*path, "key"), value=key))
        elif key is not None:
            seen.add(key)
        # The option checks its own values (the key's form, ...).
        return self.build(
            Option,
            path,
            key=key,
            title=self.each(self.text, f.get("title"), (*path, "title")),
            description=self.each(self.optional_text, f.get("description"), (*path, "description")),
            pros=self.each(self.texts, f.get("pros"), (*path, "pros")),
            cons=self.each(self.texts, f.get("cons"), (*path, "cons")),
            status_quo=self.each(self.flag, f.get("status_quo"), (*path, "status_quo")),
            picture=self.each(self.picture, f.get("picture"), (*path, "picture")),
        )

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
        self, value: object, path: FieldPath, companions: Sequence[str] | None
    ) -> tuple[Criterion, ...]:
        seen: set[str] = set()
        checked = [
            self.each(self.criterion, item, (*path, i), seen, companions)
            for i, item in enumerate(self.items(value, path))
        ]
        return tuple(self.present(path, *checked))

    def criterion(
        self, value: object, path: FieldPath, seen: set[str], companions: Sequence[str] | None
    ) -> Criterion:
        f = self.fields(value, path, _CRITERION_FIELDS, ("key", "importance"))
        key = self.each(self._key, f.get("key"), (*path, "key"))
        if key in seen:
            self.note((*path, "key"), self.fail("duplicate_key", (*path, "key"), value=key))
        elif key is not None:
            seen.add(key)
        label = self.each(self.optional_text, f.get("label"), (*path, "label"))
        importance = self.each(self.score, f.get("importance"), (*path, "importance"))
        owner = self.each(self.optional_text, f.get("owner"), (*path, "owner"))
        if owner is not None and companions is not None and owner not in companions:
            known = ", ".join(companions) or "-"
            self.note(
                (*path, "owner"),
                self.fail("unknown_owner", (*path, "owner"), value=owner, known=known),
            )
        return self.build(Criterion, path, key=key, label=label, importance=importance, owner=owner)

    def _key(self, value: object, path: FieldPath) -> str:
        return str(self.check(v.key, self.text(value, path), path))

    def consent(
        self, value: object, path: FieldPath, people: Sequence[str] | None
    ) -> tuple[str, ...]:
        """The names of those who agree: each must be the client or one of the others."""
        names = self.texts(value, path) if value is not None else ()
        for i, name in enumerate(names):
            if people is not None and name not in people:
                self.note(
                    (*path, i),
                    self.fail("unknown_person", (*path, i), value=name, known=", ".join(people)),
                )
        return tuple(self.present(path, *names))

    def ratings(
        self,
        value: object,
        path: FieldPath,
        options: Sequence[str] | None,
        criteria: Sequence[str] | None,
    ) -> tuple[Rating, ...]:
        if value is None:
            return ()
        table = self.mapping(value, path)
        known_criteria = ", ".join(criteria or ()) or _NONE_YET
        rows: list[Rating] = []
        for option, scores in table.items():
            at: FieldPath = (*path, str(option))
            if options is not None and option not in options:
                known = ", ".join(options)
                self.note(
                    at, self.fail("unknown_option", at, at_key=True, value=option, known=known)
                )
                continue
            row = None if scores is None else self.each(self.mapping, scores, at)
            for criterion, score in (row or {}).items():
                cell: FieldPath = (*at, str(criterion))
                if criteria is not None and criterion not in criteria:
                    self.note(
                        cell,
                        self.fail(
                            "scenario_unknown_criterion",
                            cell,
                            at_key=True,
                            value=criterion,
                            known=known_criteria,
                        ),
                    )
                elif score is not None and (type(score) is not int or not 0 <= score <= MAX_SCORE):
                    self.note(cell, self.fail("scenario_rating", cell, got=shown(score)))
                else:
                    rows.append(Rating(option=option, criterion=criterion, score=score))
        if self.has_problem(path) or options is None or criteria is None:
            raise _AlreadyNotedError  # without options and criteria, no order to put rows in
        # One order for equal content, however the file lists it: options, then criteria.
        rows.sort(key=lambda r: (options.index(r.option), criteria.index(r.criterion)))
        return tuple(rows)

    def decision(
        self,
        value: object,
        path: FieldPath,
        options: Sequence[str] | None,
        people: Sequence[str] | None,
    ) -> PlannedDecision | None:
        if value is None:
            return None
        f = self.fields(value, path, _DECISION_FIELDS, _DECISION_FIELDS[:3])
        option = self.each(self.text, f.get("option"), (*path, "option"))
        if option is not None and options is not None and option not in options:
            self.note(
                (*path, "option"),
                self.fail(
                    "unknown_option", (*path, "option"), value=option, known=", ".join(options)
                ),
            )
        weeks = f.get("follow_up_weeks")
        # The default number of weeks has one home: PlannedDecision.
        given: dict[str, Any] = {}
        if weeks is not None:
            at = (*path, "follow_up_weeks")
            given["follow_up_weeks"] = self.each(self.score, weeks, at, 1, 104)
        return self.build(
            PlannedDecision,
            path,
            option=option,
            decided_by=self.each(
                self.choice, f.get("decided_by"), (*path, "decided_by"), tuple(DecisionRole)
            ),
            rationale=self.each(self.text, f.get("rationale"), (*path, "rationale")),
            reflection_offered=self.each(
                self.flag, f.get("reflection_offered"), (*path, "reflection_offered")
            ),
            consent=self.each(self.consent, f.get("consent"), (*path, "consent"), people),
            **given,
        )

    def lines(
        self, value: object, path: FieldPath, speakers: _Speakers | None
    ) -> tuple[tuple[Step, StepLines], ...]:
        if value is None:
            return ()
        table = self.fields(value, path, tuple(s.value for s in FOUR_STEPS))
        result: list[tuple[Step, StepLines | None]] = [
            (step, self.each(self.step_lines, table[step.value], (*path, step.value), speakers))
            for step in FOUR_STEPS
            if step.value in table
        ]
        if self.has_problem(path):
            raise _AlreadyNotedError
        return tuple((step, lines) for step, lines in result if lines is not None)

    def step_lines(self, value: object, path: FieldPath, speakers: _Speakers | None) -> StepLines:
        parts = {} if value is None else self.fields(value, path, ("good", "pitfall"))
        return self.build(
            StepLines,
            path,
            good=self.each(self._lines, parts.get("good"), (*path, "good"), speakers) or (),
            pitfall=self.each(self._lines, parts.get("pitfall"), (*path, "pitfall"), speakers)
            or (),
        )

    def _lines(
        self, value: object, path: FieldPath, speakers: _Speakers | None
    ) -> tuple[Line, ...]:
        checked = [
            self.each(self._line_of, item, (*path, i), speakers)
            for i, item in enumerate(self.items(value, path))
        ]
        return tuple(self.present(path, *checked))

    def _line_of(self, value: object, path: FieldPath, speakers: _Speakers | None) -> Line:
        """A line whose speaker is a role, or the name of someone taking part.

        A role comes first: someone called "client" cannot speak by name.
        """
        f = self.fields(value, path, ("speaker", "text"), ("speaker", "text"))
        at = (*path, "speaker")
        said = f.get("speaker")
        by_name = isinstance(said, str) and said not in _ROLE_VALUES
        name = None
        if by_name and speakers is not None and said in speakers.names:
            name = str(said)
            speaker: ParticipantRole | None = speakers.names[name]
        elif by_name and (speakers is None or said in speakers.unsure):
            raise _AlreadyNotedError  # someone whose own entry has a problem, said there
        else:
            speaker = self.each(self.choice, said, at, tuple(ParticipantRole))
            if speaker is not None and speakers is not None and speaker not in speakers.roles:
                present = ", ".join(dict.fromkeys(s.value for s in speakers.roles))
                self.note(
                    at,
                    self.fail("scenario_speaker_absent", at, value=speaker.value, present=present),
                )
        text = self.each(self.text, f.get("text"), (*path, "text"))
        return self.build(Line, path, speaker=speaker, text=text, name=name)


def _error_language(data: Mapping[Any, Any]) -> str | None:
    """The scenario's own language when it names a known one: its errors speak that language."""
    language = data.get("language")
    if isinstance(language, str) and language in languages():
        return language
    return None


def decode(data: object, source: str | None, spots: Mapping[FieldPath, Spot]) -> Scenario:
    """Check plain scenario data and build the Scenario; ``spots`` give the lines, if known."""
    if data is None and not spots:
        raise ScenarioError("scenario_empty", field="", file=source)
    if not isinstance(data, Mapping):
        line = spots[()].line if () in spots else None
        raise ScenarioError(
            "scenario_not_mapping", field="", file=source, line=line, got=kind(data)
        )
    decoder = _Decoder(source, spots, _error_language(data))
    try:
        return decoder.scenario(data)
    except _AlreadyNotedError:
        raise decoder.error() from None


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
