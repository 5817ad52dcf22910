"""Trainer scenario files: YAML in, checked Scenario values out, with file, line and field."""

from __future__ import annotations

import difflib
import enum
import functools
import importlib.resources
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import yaml

from samenbeslissen.core import validate as v
from samenbeslissen.i18n import DEFAULT_LANGUAGE, Phrase, languages
from samenbeslissen.core.model import DecisionRole, Option, ParticipantRole
from samenbeslissen.scenarios.model import (
    SCRIPTED_STEPS,
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from samenbeslissen.core.steps import Step
from samenbeslissen.errors import InputError, ScenarioError
from samenbeslissen.core.weighing import Criterion, Rating

__all__ = [
    "DEMO_SCENARIO",
    "MAX_SCENARIO_SIZE",
    "demo_scenario",
    "load_scenario",
    "loads_scenario",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "starter_scenario",
]

MAX_SCENARIO_SIZE = 1_000_000
"""The largest scenario accepted: bytes of a file, characters of a text (about 1 MB).

A real scenario is a few kilobytes; anything this large is the wrong file.
"""

DEMO_SCENARIO = "wmo-huishoudelijke-hulp.yaml"
"""The example scenario bundled with the package, used by :func:`demo_scenario`."""

_MAX_DEPTH = 32
"""Deepest nesting the YAML reader accepts; a scenario needs six levels."""

ADDRESSES = ("u", "je")
"""How texts address the client: formal "u" (the default) or informal "je"."""

OTHER_ROLES = (
    ParticipantRole.SIGNIFICANT_OTHER,
    ParticipantRole.CLIENT_SUPPORT,
    ParticipantRole.INTERPRETER,
    ParticipantRole.PEER_EXPERT,
)
"""The roles of people who come along (everyone except the client and the professional)."""

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
_OPTION_FIELDS = ("key", "title", "description", "pros", "cons", "status_quo")
_DECISION_FIELDS = ("option", "decided_by", "rationale", "follow_up_weeks")

Path = tuple[str | int, ...]
"""Where a value is in a scenario: mapping keys and list indexes, from the top."""

_E = TypeVar("_E", bound=enum.Enum)


# -- words that appear in messages -------------------------------------------------


_TEXT = Phrase("word.text")
_TEXT_LIST = Phrase("word.text_list")
_LIST = Phrase("word.a_list")
_FIELDS = Phrase("word.fields")
_NUMBER = Phrase("word.number")
_YES_NO = Phrase("word.yes_no")
_NOTHING = Phrase("word.nothing")
_DATE = Phrase("word.date")
_NONE_YET = Phrase("word.none_yet")


def _kind(value: object) -> Phrase | str:
    """What a value is, in words a trainer knows."""
    if isinstance(value, str):
        return _TEXT
    if isinstance(value, bool):
        return _YES_NO
    if isinstance(value, (int, float)):
        return _NUMBER
    if value is None:
        return _NOTHING
    if isinstance(value, (list, tuple)):
        return _LIST
    if isinstance(value, Mapping):
        return _FIELDS
    if hasattr(value, "isoformat"):
        return _DATE
    return type(value).__name__


def _shown(value: object) -> Phrase | str:
    """A value as a message shows it: scalars as written, collections by kind."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return repr(value)
    return _kind(value)


def _too_large(source: str | None) -> ScenarioError:
    limit = f"{MAX_SCENARIO_SIZE / 1_000_000:g} MB"
    return ScenarioError("scenario_too_large", field="", file=source, limit=limit)


# -- paths -------------------------------------------------------------------------


def _format(path: Path) -> str:
    """``("options", 1, "pros")`` as ``"options[1].pros"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else part
    return out


_FIELD_PART = re.compile(r"(\w+)|\[(\d+)\]")


def _parse_field(field: str) -> Path:
    """A value class's field path (``"pros[0]"``) as a path (``("pros", 0)``)."""
    return tuple(name if name else int(index) for name, index in _FIELD_PART.findall(field))


# -- reading YAML with lines ----------------------------------------------------------


@attrs.frozen
class _Spot:
    """Where a value was in the YAML text, and how it was written when YAML read a non-text."""

    line: int
    key_line: int | None = None
    raw: str | None = None


class _RefusedError(Exception):
    """YAML that parses but that a scenario does not accept (aliases, tags, duplicate keys)."""

    def __init__(self, key: str, line: int, path: Path = (), **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.path = path
        self.params = params


def _line(mark: Any) -> int:
    return 1 if mark is None else mark.line + 1


class _Loader(yaml.SafeLoader):
    """The safe loader, composing nodes only: no aliases, limited depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
        if isinstance(event, yaml.AliasEvent):
            # Aliases make one node appear in many places; a scenario never needs
            # that, and refusing them rules out exponential "billion laughs" input.
            raise _RefusedError("scenario_alias", _line(event.start_mark))
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise _RefusedError("scenario_too_deep", _line(event.start_mark))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("null", "bool", "int", "float", "timestamp", "str"))
_VERBATIM_TAGS = frozenset(_TAG + t for t in ("merge", "value"))
"""Tags the resolver gives to ``<<`` and ``=``; a scenario reads them as plain text."""


class _Reader:
    """Turns a composed YAML node tree into plain data, noting each value's line."""

    def __init__(self, loader: _Loader) -> None:
        self._loader = loader
        self.spots: dict[Path, _Spot] = {}

    def value(self, node: yaml.Node, path: Path, key_line: int | None = None) -> object:
        line = _line(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node, path)
            raw = None if isinstance(value, str) else str(node.value)
            self.spots[path] = _Spot(line=line, key_line=key_line, raw=raw)
            return value
        self.spots[path] = _Spot(line=line, key_line=key_line)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq", path)
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "map", path)
            return self._mapping(node, path)
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover - PyYAML has three

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_line = _line(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _RefusedError("scenario_complex_key", key_line, path)
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                raw = str(key_node.value)
                raise _RefusedError(
                    "scenario_key_not_text", key_line, (*path, raw), value=raw, got=_kind(key)
                )
            where = (*path, key)
            if key in result:
                first = self.spots[where].key_line
                raise _RefusedError("scenario_duplicate_field", key_line, where, first=first)
            result[key] = self.value(value_node, where, key_line)
        return result

    def _check_tag(self, node: yaml.Node, kind: str, path: Path) -> None:
        if node.tag != _TAG + kind:
            raise _RefusedError("scenario_tag", _line(node.start_mark), path, tag=_tag(node))

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> object:
        if node.tag in _VERBATIM_TAGS:
            return str(node.value)
        if node.tag not in _SCALAR_TAGS:
            raise _RefusedError("scenario_tag", _line(node.start_mark), path, tag=_tag(node))
        try:
            value: object = self._loader.construct_object(node)
        except ValueError:
            # YAML took it for a date or number it cannot build (2024-13-45): it is text.
            return str(node.value)
        if isinstance(value, str) and node.style in ("|", ">"):
            # A block text ends with a line break; a scenario's texts do not.
            return value.rstrip("\n")
        return value


def _tag(node: yaml.Node) -> str:
    """A node's tag as a trainer wrote it: ``!!binary``, not ``tag:yaml.org,2002:binary``."""
    tag = str(node.tag)
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _parse(text: str, source: str | None) -> tuple[object, dict[Path, _Spot]]:
    """Parse YAML ``text`` into plain data and the line of every value."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader checks the characters here
        node = loader.get_single_node()
        if node is None:
            raise ScenarioError("scenario_empty", field="", file=source, line=None)
        reader = _Reader(loader)
        return reader.value(node, ()), reader.spots
    except _RefusedError as refusal:
        raise ScenarioError(
            refusal.key,
            field=_format(refusal.path),
            file=source,
            line=refusal.line,
            **refusal.params,
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            raise ScenarioError(
                "scenario_yaml_tab", field="", file=source, line=_line(mark)
            ) from None
        detail = "; ".join(part for part in (error.context, error.problem) if part)
        raise ScenarioError(
            "scenario_yaml", field="", file=source, line=_line(mark), detail=detail
        ) from None
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow (a control character); text input gives its code.
        code = int(error.character)
        raise ScenarioError(
            "scenario_yaml",
            field="",
            file=source,
            line=text.count("\n", 0, error.position) + 1,
            detail=f"#x{code:04x}: {error.reason}",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


# -- from plain data to a Scenario -----------------------------------------------------


class _Decoder:
    """Checks plain scenario data field by field; every complaint names path and line."""

    def __init__(self, source: str | None, spots: Mapping[Path, _Spot], language: str) -> None:
        self.source = source
        self.spots = spots
        self.language = language

    # - errors

    def fail(self, key: str, path: Path, *, at_key: bool = False, **params: Any) -> ScenarioError:
        return ScenarioError(
            key,
            field=_format(path),
            file=self.source,
            line=self._line(path, at_key=at_key),
            language=self.language,
            **params,
        )

    def _line(self, path: Path, *, at_key: bool) -> int | None:
        spot = self.spots.get(path)
        if spot is not None and at_key and spot.key_line is not None:
            return spot.key_line
        while path and path not in self.spots:
            path = path[:-1]  # a missing field: the line of the mapping it is missing from
        found = self.spots.get(path)
        return None if found is None else found.line

    def adopt(self, error: InputError, path: Path) -> ScenarioError:
        """A value class's complaint, as a ScenarioError with the full path and its line."""
        params = dict(error.params)
        where = params.pop("field", "")
        return self.fail(error.key, (*path, *_parse_field(str(where))), **params)

    def check(self, check: Callable[..., Any], value: object, path: Path, *args: Any) -> Any:
        """Run one of the shared checks of ``_validate`` on a value at ``path``."""
        try:
            return check(value, "", *args)
        except InputError as error:
            raise self.adopt(error, path) from None

    # - shapes

    def fields(
        self, value: object, path: Path, allowed: Sequence[str], required: Sequence[str] = ()
    ) -> Mapping[str, Any]:
        """Check a mapping's field names: none unknown (listed in order), none required missing."""
        if not isinstance(value, Mapping):
            raise self.type_error(value, path, _FIELDS)
        for name in value:
            if name not in allowed:
                raise self._unknown_field(str(name), path, allowed)
        for name in required:
            if name not in value:
                raise self.fail("scenario_missing", (*path, name))
        return value

    def _unknown_field(self, name: str, path: Path, allowed: Sequence[str]) -> ScenarioError:
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

    def mapping(self, value: object, path: Path) -> Mapping[Any, Any]:
        if not isinstance(value, Mapping):
            raise self.type_error(value, path, _FIELDS)
        return value

    def items(self, value: object, path: Path, expected: Phrase = _LIST) -> Sequence[Any]:
        if value is None:
            return ()
        if not isinstance(value, (list, tuple)):
            raise self.type_error(value, path, expected)
        return value

    def type_error(self, value: object, path: Path, expected: Phrase) -> ScenarioError:
        if value is None:
            return self.fail("empty_text", path)
        return self.fail("scenario_type", path, expected=expected, got=_kind(value))

    # - values

    def text(self, value: object, path: Path) -> str:
        if isinstance(value, str):
            if not value.strip():
                raise self.fail("empty_text", path)
            return value
        spot = self.spots.get(path)
        if spot is not None and spot.raw is not None and value is not None:
            raise self.fail("scenario_not_text", path, value=spot.raw, got=_kind(value))
        raise self.type_error(value, path, _TEXT)

    def optional_text(self, value: object, path: Path) -> str | None:
        return None if value is None else self.text(value, path)

    def texts(self, value: object, path: Path) -> tuple[str, ...]:
        items = self.items(value, path, _TEXT_LIST)
        return tuple(self.text(item, (*path, i)) for i, item in enumerate(items))

    def choice(self, value: object, path: Path, allowed: Sequence[_E]) -> _E:
        name = self.text(value, path)
        for member in allowed:
            if member.value == name:
                return member
        shown = ", ".join(str(m.value) for m in allowed)
        raise self.fail("expected_choice", path, allowed=shown, got=repr(name))

    def flag(self, value: object, path: Path) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail("scenario_bool", path, got=_shown(value))
        return value

    def score(self, value: object, path: Path, low: int = 0, high: int = 5) -> int:
        if value is None:
            raise self.fail("expected_score", path, low=low, high=high, got=_NOTHING)
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
        criteria = self.criteria(top.get("criteria"), ("criteria",))
        ratings = self.ratings(top.get("ratings"), ("ratings",), options, criteria)
        decision = self.decision(top.get("decision"), ("decision",), options)
        speakers = (ParticipantRole.CLIENT, ParticipantRole.PROFESSIONAL, *(o.role for o in others))
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
            raise self.fail("unknown_language", ("language",), value=language)
        return language

    def _address(self, value: object) -> str:
        if value is None:
            return ADDRESSES[0]
        address = self.text(value, ("address",))
        if address not in ADDRESSES:
            allowed = ", ".join(ADDRESSES)
            raise self.fail("expected_choice", ("address",), allowed=allowed, got=repr(address))
        return address

    def client(self, value: object, path: Path) -> ClientPersona:
        f = self.fields(value, path, ("name", "situation", "preferred_role"), ("name",))
        role = f.get("preferred_role")
        return ClientPersona(
            name=self.text(f["name"], (*path, "name")),
            situation=self.optional_text(f.get("situation"), (*path, "situation")),
            preferred_role=None
            if role is None
            else self.choice(role, (*path, "preferred_role"), tuple(DecisionRole)),
        )

    def professional(self, value: object, path: Path) -> ProfessionalPersona:
        f = self.fields(value, path, ("name", "function"), ("name",))
        return ProfessionalPersona(
            name=self.text(f["name"], (*path, "name")),
            function=self.optional_text(f.get("function"), (*path, "function")),
        )

    def companion(self, value: object, path: Path) -> Companion:
        f = self.fields(value, path, ("name", "role", "relation"), ("name", "role"))
        return Companion(
            name=self.text(f["name"], (*path, "name")),
            role=self.choice(f["role"], (*path, "role"), OTHER_ROLES),
            relation=self.optional_text(f.get("relation"), (*path, "relation")),
        )

    def options(self, value: object, path: Path) -> tuple[Option, ...]:
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
            }
            try:
                # The option checks its own values (the key's form, ...).
                option = Option(**fields)
            except InputError as error:
                raise self.adopt(error, at) from None
            options.append(option)
            seen.add(key)
        return tuple(options)

    def criteria(self, value: object, path: Path) -> tuple[Criterion, ...]:
        criteria: list[Criterion] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items(value, path)):
            at = (*path, i)
            f = self.fields(item, at, ("key", "label", "importance"), ("key", "importance"))
            key = self.check(v.key, self.text(f["key"], (*at, "key")), (*at, "key"))
            if key in seen:
                raise self.fail("duplicate_key", (*at, "key"), value=key)
            criteria.append(
                Criterion(
                    key=key,
                    label=self.optional_text(f.get("label"), (*at, "label")),
                    importance=self.score(f["importance"], (*at, "importance")),
                )
            )
            seen.add(key)
        return tuple(criteria)

    def ratings(
        self,
        value: object,
        path: Path,
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
            at: Path = (*path, str(option))
            if option not in option_keys:
                raise self.fail(
                    "unknown_option", at, at_key=True, value=option, known=", ".join(option_keys)
                )
            if scores is None:
                continue
            for criterion, score in self.mapping(scores, at).items():
                cell: Path = (*at, str(criterion))
                if criterion not in criterion_keys:
                    raise self.fail(
                        "scenario_unknown_criterion",
                        cell,
                        at_key=True,
                        value=criterion,
                        known=known_criteria,
                    )
                if score is not None and (type(score) is not int or not 0 <= score <= 5):
                    raise self.fail("scenario_rating", cell, got=_shown(score))
                rows.append(Rating(option=option, criterion=criterion, score=score))
        # One order for equal content, however the file lists it: options, then criteria.
        rows.sort(key=lambda r: (option_keys[r.option], criterion_keys[r.criterion]))
        return tuple(rows)

    def decision(
        self, value: object, path: Path, options: Sequence[Option]
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
        weeks = f.get("follow_up_weeks")
        return PlannedDecision(
            option=option,
            decided_by=self.choice(f["decided_by"], (*path, "decided_by"), tuple(DecisionRole)),
            rationale=self.text(f["rationale"], (*path, "rationale")),
            follow_up_weeks=6
            if weeks is None
            else self.score(weeks, (*path, "follow_up_weeks"), 1, 104),
        )

    def lines(
        self, value: object, path: Path, speakers: Sequence[ParticipantRole]
    ) -> tuple[tuple[Step, StepLines], ...]:
        if value is None:
            return ()
        table = self.fields(value, path, tuple(s.value for s in SCRIPTED_STEPS))
        result: list[tuple[Step, StepLines]] = []
        for step in SCRIPTED_STEPS:
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
        self, value: object, path: Path, speakers: Sequence[ParticipantRole]
    ) -> tuple[Line, ...]:
        lines: list[Line] = []
        for i, item in enumerate(self.items(value, path)):
            at = (*path, i)
            f = self.fields(item, at, ("speaker", "text"), ("speaker", "text"))
            speaker = self.choice(f["speaker"], (*at, "speaker"), tuple(ParticipantRole))
            if speaker not in speakers:
                present = ", ".join(dict.fromkeys(s.value for s in speakers))
                raise self.fail(
                    "scenario_speaker_absent",
                    (*at, "speaker"),
                    value=speaker.value,
                    present=present,
                )
            lines.append(Line(speaker=speaker, text=self.text(f["text"], (*at, "text"))))
        return tuple(lines)


def _error_language(data: Mapping[Any, Any]) -> str:
    """The scenario's own language when it names a known one: its errors speak that language."""
    language = data.get("language")
    if isinstance(language, str) and language in languages():
        return language
    return DEFAULT_LANGUAGE


def _decode(data: object, source: str | None, spots: Mapping[Path, _Spot]) -> Scenario:
    if data is None and not spots:
        raise ScenarioError("scenario_empty", field="", file=source)
    if not isinstance(data, Mapping):
        line = spots[()].line if () in spots else None
        raise ScenarioError(
            "scenario_not_mapping", field="", file=source, line=line, got=_kind(data)
        )
    return _Decoder(source, spots, _error_language(data)).scenario(data)


# -- the public functions --------------------------------------------------------------


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
    return _decode(data, source, {})


def loads_scenario(text: str, *, source: str | None = None) -> Scenario:
    """Read a scenario from YAML text.

    Args:
        text: The YAML text, at most :data:`MAX_SCENARIO_SIZE` characters.
        source: Where the text came from (a file name), named in error messages.

    Returns:
        The checked scenario.

    Raises:
        ScenarioError: The text is not YAML, or not a valid scenario; ``line``
            and ``field`` say where.
    """
    if len(text) > MAX_SCENARIO_SIZE:
        raise _too_large(source)
    data, spots = _parse(text, source)
    return _decode(data, source, spots)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario file (YAML, UTF-8).

    Files larger than :data:`MAX_SCENARIO_SIZE` bytes are refused before they are read.

    Args:
        path: The file to read.

    Returns:
        The checked scenario; its ``source`` is ``path``.

    Raises:
        ScenarioError: The file does not exist, cannot be read, is too large,
            is not UTF-8, is not YAML, or is not a valid scenario. The message
            starts with ``file:line:``.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_SCENARIO_SIZE:
                raise _too_large(name)
            # Special files report no size: read at most one byte past the limit.
            content = file.read(MAX_SCENARIO_SIZE + 1)
    except FileNotFoundError:
        raise ScenarioError("scenario_not_found", field="", file=name) from None
    except OSError as error:
        detail = error.strerror or type(error).__name__
        raise ScenarioError("scenario_unreadable", field="", file=name, detail=detail) from None
    if len(content) > MAX_SCENARIO_SIZE:
        raise _too_large(name)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise ScenarioError("scenario_encoding", field="", file=name, line=line) from None
    return loads_scenario(text, source=name)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the shape of a scenario file.

    Fields that are empty or at their default are left out, except
    ``language`` and ``address``. :func:`scenario_from_dict` reads the result
    back to an equal scenario, and ``yaml.safe_dump`` turns it into a file.
    """
    data: dict[str, Any] = {
        "title": scenario.title,
        "language": scenario.language,
        "address": scenario.address,
        "client": _present(
            name=scenario.client.name,
            situation=scenario.client.situation,
            preferred_role=_value(scenario.client.preferred_role),
        ),
        "professional": _present(
            name=scenario.professional.name, function=scenario.professional.function
        ),
    }
    if scenario.others:
        data["others"] = [
            _present(name=o.name, role=o.role.value, relation=o.relation) for o in scenario.others
        ]
    data["question"] = scenario.question
    if scenario.goal is not None:
        data["goal"] = scenario.goal
    data["options"] = [
        _present(
            key=o.key,
            title=o.title,
            description=o.description,
            pros=list(o.pros),
            cons=list(o.cons),
            status_quo=o.status_quo or None,
        )
        for o in scenario.options
    ]
    if scenario.criteria:
        data["criteria"] = [
            _present(key=c.key, label=c.label, importance=c.importance) for c in scenario.criteria
        ]
    if scenario.ratings:
        table: dict[str, dict[str, int | None]] = {}
        for rating in scenario.ratings:
            table.setdefault(rating.option, {})[rating.criterion] = rating.score
        data["ratings"] = table
    if scenario.decision is not None:
        decision = scenario.decision
        data["decision"] = {
            "option": decision.option,
            "decided_by": decision.decided_by.value,
            "rationale": decision.rationale,
            "follow_up_weeks": decision.follow_up_weeks,
        }
    if scenario.lines:
        data["lines"] = {
            step.value: _present(
                good=[_line_dict(line) for line in lines.good],
                pitfall=[_line_dict(line) for line in lines.pitfall],
            )
            for step, lines in scenario.lines
        }
    return data


def _value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _present(**fields: object) -> dict[str, object]:
    """The fields that hold something: no None, no empty list."""
    return {name: value for name, value in fields.items() if value is not None and value != []}


def _line_dict(line: Line) -> dict[str, str]:
    return {"speaker": line.speaker.value, "text": line.text}


def starter_scenario(language: str = DEFAULT_LANGUAGE) -> str:
    """A new scenario file to fill in: YAML with a comment on every field.

    The starter is a complete, valid scenario (it loads as is), so a trainer
    can change it step by step and check it along the way.

    Args:
        language: "nl" (comments and texts in Dutch) or "en".

    Raises:
        InputError: ``language`` is not "nl" or "en".
    """
    if language not in languages():
        raise InputError("unknown_language", field="language", value=language)
    resource = importlib.resources.files("samenbeslissen").joinpath("starters")
    return resource.joinpath(f"{language}.yaml").read_text(encoding="utf-8")


@functools.cache
def demo_scenario() -> Scenario:
    """The bundled demo: replacing household help under the Wmo, with a cliëntondersteuner.

    The same file is ``examples/wmo-huishoudelijke-hulp.yaml`` in the source tree.
    """
    resource = importlib.resources.files("samenbeslissen").joinpath("examples")
    text = resource.joinpath(DEMO_SCENARIO).read_text(encoding="utf-8")
    return loads_scenario(text, source=f"samenbeslissen/examples/{DEMO_SCENARIO}")


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the scenario format, for editors and other tools.

    The loader checks more than the schema can say: unique keys, ratings and
    the decision naming known options, speakers who take part.
    """
    resource = importlib.resources.files("samenbeslissen") / "schemas" / "scenario.schema.json"
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema
