"""Records: conversations to and from plain JSON types, versioned, checked on the way in."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from samenbeslissen.core.encoding import to_json_types
from samenbeslissen.core.events import OPTIONAL_PAYLOADS, PAYLOAD_TYPES, Event, Payload
from samenbeslissen.core.model import Participant, ParticipantRole
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.steps import Action, Step
from samenbeslissen.core.validate import shown, thawed
from samenbeslissen.errors import InputError, RecordError, SamenBeslissenError
from samenbeslissen.i18n import Phrase

__all__ = [
    "EVENT_FIELDS",
    "HEADER_FIELDS",
    "KIND",
    "MAX_RECORD_SIZE",
    "SCHEMA_VERSION",
    "WORDS",
    "Header",
    "Recordable",
    "StoredEvent",
    "check_shape",
    "check_version",
    "decode_event",
    "decode_events",
    "decode_header",
    "decode_step",
    "dumps",
    "encode",
    "loads",
    "read_record_file",
    "record_schema",
    "relocate",
    "stored_payloads",
    "stored_people",
]

SCHEMA_VERSION = 2
"""The record version this library writes. It reads this one and every older one.

Version 2 added the conversation's ``id``, ``revision``, ``address``,
``timezone`` and ``meta``, each event's ``user``, and optional fields of
some payloads (an answer set's ``version``; a decision's ``wanted_role``, ``reflection_offered``,
``teach_back``, ``agreements`` and ``formal_decision``; an invitation's
``client_support_offered``; a participant's ``speaks`` and ``contact``; an
option's ``picture``; presenting the options' ``presentation``), all empty
in a record read from version 1.
"""

KIND = "samenbeslissen/conversation"

_V1_IDS = uuid.UUID("6b1e2b52-53a4-4a3c-9a35-2f4c4b7a1d11")
"""The namespace of the ids given to version-1 records, which had none."""


def _v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: an id, the revision, "u", Amsterdam, no meta, no user per event.

    The id is derived from the whole record, so the same stored record gets
    the same id every time it is read. A history that is not a list of
    objects is left as it is, for the decoder to report.
    """
    content = json.dumps(record, sort_keys=True, default=repr)
    history = record.get("history")
    upgraded = {
        **record,
        "schema_version": 2,
        "id": str(uuid.uuid5(_V1_IDS, content)),
        "revision": len(history) if isinstance(history, list) else 0,
        "address": "u",
        "timezone": "Europe/Amsterdam",
        "meta": {},
    }
    if isinstance(history, list):
        upgraded["history"] = [
            {**event, "user": None} if isinstance(event, dict) else event for event in history
        ]
    return upgraded


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""Migrations from version N to N+1, applied in order when an older record is read."""

HEADER_FIELDS = (
    "schema_version",
    "kind",
    "id",
    "revision",
    "question",
    "language",
    "address",
    "timezone",
    "client",
    "professional",
    "others",
    "policy",
    "meta",
    "created_at",
    "step",
    "history",
)
"""The fields of a record, in the order they are written."""

EVENT_FIELDS = ("action", "from_step", "to_step", "at", "actor", "user", "data")
"""The fields of each event in a record's ``history``."""


class Recordable(typing.Protocol):
    """What the converter reads of a conversation: its public properties."""

    @property
    def id(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def address(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def meta(self) -> Mapping[str, Any]: ...
    @property
    def question(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def client(self) -> Participant: ...
    @property
    def professional(self) -> Participant: ...
    @property
    def others(self) -> tuple[Participant, ...]: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def step(self) -> Step: ...
    @property
    def history(self) -> tuple[Event, ...]: ...


def record_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the conversation record of ``version``.

    Every version this library reads has its schema: the current one by
    default, and each older one, to check records that have not been
    written again yet.

    Raises:
        InputError: There is no such version.
    """
    if version not in range(1, SCHEMA_VERSION + 1):
        allowed = ", ".join(str(n) for n in range(1, SCHEMA_VERSION + 1))
        raise InputError("expected_choice", field="version", allowed=allowed, got=shown(version))
    name = (
        "conversation.schema.json"
        if version == SCHEMA_VERSION
        else f"conversation.v{version}.schema.json"
    )
    resource = Path(__file__).parent.parent / "schemas" / name
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


# -- writing -------------------------------------------------------------------


def encode(conv: Recordable) -> dict[str, Any]:
    """A conversation as a record of plain JSON types (see ``Conversation.to_dict``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "id": conv.id,
        "revision": conv.revision,
        "question": conv.question,
        "language": conv.language,
        "address": conv.address,
        "timezone": conv.timezone,
        "client": to_json_types(conv.client),
        "professional": to_json_types(conv.professional),
        "others": [to_json_types(p) for p in conv.others],
        "policy": to_json_types(conv.policy),
        "meta": thawed(conv.meta),
        "created_at": conv.created_at.isoformat(),
        "step": conv.step.value,
        "history": [event.to_dict() for event in conv.history],
    }


def dumps(record: Mapping[str, Any], *, indent: int | None = None) -> str:
    """Serialise a record as JSON (UTF-8 text, non-ASCII kept as is)."""
    separators = None if indent is not None else (",", ":")
    return json.dumps(record, ensure_ascii=False, indent=indent, separators=separators)


# -- reading ---------------------------------------------------------------------

MAX_RECORD_SIZE = 20_000_000
"""The largest record read from a file or a line, in bytes or characters (20 million)."""


def read_record_file(path: str) -> bytes:
    """The bytes of a record file, refusing a file over :data:`MAX_RECORD_SIZE` (or endless).

    Raises:
        RecordError: The file cannot be read, or is too large.
    """
    if "\0" in path:
        raise RecordError("record_file", field=repr(path), reason=Phrase("word.not_a_file_name"))
    try:
        with open(path, "rb") as file:
            # Special files (/dev/zero) report no size: read one byte past the limit.
            content = file.read(MAX_RECORD_SIZE + 1)
    except OSError as error:
        raise RecordError("record_file", field=path, reason=error.strerror or str(error)) from None
    if len(content) > MAX_RECORD_SIZE:
        raise RecordError("record_too_large", field=path, limit=MAX_RECORD_SIZE // 10**6)
    return content


def loads(text: str | bytes) -> Any:
    """Parse JSON text; a parse error becomes a RecordError with line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(
            "record_json", field="record", line=error.lineno, column=error.colno, detail=error.msg
        ) from None
    except (TypeError, ValueError, RecursionError) as error:
        # Not text; bytes that are not UTF-8; a number of thousands of digits;
        # arrays nested deeper than Python's parser goes.
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise RecordError(
            "record_json", field="record", line=1, column=1, detail=detail[:200]
        ) from None


# The kinds of value a message names, in both languages.
WORDS = {
    "an object": Phrase("word.an_object"),
    "a list": Phrase("word.a_list"),
    "text": Phrase("word.text"),
    "true/false": Phrase("word.true_false"),
    "a whole number": Phrase("word.whole_number"),
    "a time (ISO 8601)": Phrase("word.iso_time"),
    "a date (YYYY-MM-DD)": Phrase("word.iso_date"),
    "null": Phrase("word.null"),
    "a value": Phrase("word.a_value"),
}


def _describe(value: object) -> Phrase | str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    name = names.get(type(value))
    return WORDS[name] if name else type(value).__name__


def _expect(value: object, kind: type | tuple[type, ...], path: str, expected: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise RecordError(
            "record_type", field=path, expected=WORDS.get(expected, expected), got=_describe(value)
        )
    return value


def _fields(
    data: object, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Mapping[str, Any]:
    mapping: Mapping[str, Any] = _expect(data, dict, path, "an object")
    allowed = (*required, *optional)
    for name in mapping:
        if name not in allowed:
            raise RecordError(
                "record_unknown_field",
                field=_join(path, name if isinstance(name, str) else shown(name)),
                known=", ".join(allowed),
            )
    for name in required:
        if name not in mapping:
            raise RecordError("record_missing", field=_join(path, name))
    return mapping


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _datetime(value: object, path: str) -> dt.datetime:
    text = _expect(value, str, path, "a time (ISO 8601)")
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            raise ValueError("no time zone")
        # Near the ends of the calendar (year 1 at +14:00) UTC is out of range.
        return parsed.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError):
        raise RecordError("record_datetime", field=path, value=shown(text)[1:-1]) from None


def _date(value: object, path: str) -> dt.date:
    text = _expect(value, str, path, "a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError("record_date", field=path, value=shown(text)[1:-1]) from None


def _member(value: object, enum_type: type[enum.Enum], path: str) -> Any:
    # Every stored enum is text. Anything else is refused before the lookup:
    # Enum's own error would take the repr of a value nested thousands deep.
    if isinstance(value, str):
        try:
            return enum_type(value)
        except ValueError:
            pass
    allowed = ", ".join(str(m.value) for m in enum_type)
    raise RecordError("expected_choice", field=path, allowed=allowed, got=shown(value))


Decoder = Callable[[object, str], Any]


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """A function turning JSON types into ``hint`` (the few types records use), built once."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        decode_inner = _decoder(inner)
        return lambda value, path: None if value is None else decode_inner(value, path)
    if origin is tuple:
        decode_item = _decoder(typing.get_args(hint)[0])

        def decode_tuple(value: object, path: str) -> tuple[Any, ...]:
            items = _expect(value, list, path, "a list")
            return tuple(decode_item(item, f"{path}[{i}]") for i, item in enumerate(items))

        return decode_tuple
    if isinstance(hint, type) and attrs.has(hint):
        return lambda value, path: _structure(value, hint, path)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value, path: _member(value, hint, path)
    if hint is dt.date:
        return _date
    expected = {bool: "true/false", int: "a whole number", str: "text"}[hint]

    def decode_plain(value: object, path: str) -> Any:
        if type(value) is hint:
            return value
        return _expect(value, hint, path, expected)

    return decode_plain


@functools.cache
def _shape(cls: Any) -> tuple[dict[str, Decoder], tuple[str, ...], tuple[str, ...]]:
    """Field decoders, required and optional field names of an attrs class (built once)."""
    fields = attrs.fields(cls)
    required = tuple(f.name for f in fields if f.default is attrs.NOTHING)
    optional = tuple(f.name for f in fields if f.default is not attrs.NOTHING)
    hints = typing.get_type_hints(cls)
    return {f.name: _decoder(hints[f.name]) for f in fields}, required, optional


# -- the quick path ---------------------------------------------------------------
#
# Nearly every record that is read was written by this library. The quick
# decoders below take such a record as it is, with no field paths made and
# no messages prepared; at the first thing they do not expect they give up,
# and the careful decoders above read the same value again, to find the
# problem and say where it is. Both end in the same constructors, so both
# apply the same checks; a test holds them to the same results.


class _Irregular(Exception):  # noqa: N818  # a signal between decoders, never raised to users
    """The quick decoder met something unexpected: the careful one takes over."""


QuickDecoder = Callable[[object], Any]


def _irregular(_value: object) -> Any:
    raise _Irregular


@functools.cache
def _quick(hint: Any) -> QuickDecoder:
    """A decoder for ``hint`` that trusts nothing but explains nothing (see above)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        quick_inner = _quick(inner)
        return lambda value: None if value is None else quick_inner(value)
    if origin is tuple:
        quick_item = _quick(typing.get_args(hint)[0])

        def quick_tuple(value: object) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _Irregular
            return tuple([quick_item(item) for item in value])

        return quick_tuple
    if isinstance(hint, type) and attrs.has(hint):
        return _quick_class(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        by_value = {member.value: member for member in hint}

        def quick_member(value: object) -> Any:
            if type(value) is not str:
                raise _Irregular
            found = by_value.get(value)
            if found is None:
                raise _Irregular
            return found

        return quick_member
    if hint is dt.date:

        def quick_date(value: object) -> dt.date:
            if type(value) is not str:
                raise _Irregular
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _Irregular from None

        return quick_date

    def quick_plain(value: object) -> Any:
        if type(value) is not hint:
            raise _Irregular
        return value

    return quick_plain


_PLAIN = (str, int, bool)


def _quick_class(cls: Any) -> QuickDecoder:
    """A quick decoder for an attrs class, written out field by field and compiled once.

    Text, numbers and booleans (optional or not) are checked inline, the rest
    by their own quick decoder; unknown or missing fields give up. Like the
    code attrs writes for ``__init__``, it is generated: a loop over the
    fields per record was most of the time of reading one.
    """
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"cls": cls, "_Irregular": _Irregular, "MISSING": attrs.NOTHING}
    lines = [
        "def quick(value):",
        "    if type(value) is not dict: raise _Irregular",
        "    seen = 0",
    ]
    lines.append("    kwargs = {}")
    for field in attrs.fields(cls):
        name, hint = field.name, hints[field.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = typing.get_origin(hint) in (typing.Union, types.UnionType)
        plain = args[0] if optional and len(args) == 1 else hint
        lines.append(f"    x = value.get({name!r}, MISSING)")
        if field.default is attrs.NOTHING:
            lines.append("    if x is MISSING: raise _Irregular")
            lines.append("    seen += 1")
        else:
            lines.append("    if x is not MISSING:")
            lines.append("        seen += 1")
        indent = "    " if field.default is attrs.NOTHING else "        "
        if plain in _PLAIN:
            namespace[f"T_{name}"] = plain
            test = f"type(x) is not T_{name}"
            if optional:
                test = f"x is not None and {test}"
            lines.append(f"{indent}if {test}: raise _Irregular")
            lines.append(f"{indent}kwargs[{name!r}] = x")
        else:
            namespace[f"d_{name}"] = _quick(hint)
            lines.append(f"{indent}kwargs[{name!r}] = d_{name}(x)")
    lines.append("    if seen != len(value): raise _Irregular")
    lines.append("    return cls(**kwargs)")
    # Our own code, written from the class's fields: no input reaches it.
    exec(compile("\n".join(lines), f"<quick decoder of {cls.__name__}>", "exec"), namespace)
    quick: QuickDecoder = namespace["quick"]
    return quick


def _quick_time(value: object) -> dt.datetime:
    if type(value) is not str:
        raise _Irregular
    try:
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise _Irregular
        return parsed.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError):
        raise _Irregular from None


def _structure(data: object, cls: Any, path: str) -> Any:
    try:
        return _quick(cls)(data)
    except (_Irregular, SamenBeslissenError, TypeError, ValueError, RecursionError):
        pass  # read it again with care, to say what is wrong and where
    return _careful(data, cls, path)


def _careful(data: object, cls: Any, path: str) -> Any:
    decoders, required, optional = _shape(cls)
    mapping = _fields(data, path, required, optional)
    kwargs = {name: decoders[name](value, _join(path, name)) for name, value in mapping.items()}
    try:
        return cls(**kwargs)
    except RecordError:
        raise
    except SamenBeslissenError as error:
        raise relocate(error, path) from None


def relocate(error: SamenBeslissenError, path: str) -> RecordError:
    """The same complaint as a RecordError, with the field's full path in the record."""
    if isinstance(error, InputError):
        return error.relocated(path, RecordError)
    params = dict(error.params)
    where = params.pop("field", None)
    field = _join(path, where) if isinstance(where, str) else path
    return RecordError(error.key, field=field, **params)


def check_version(record: Mapping[str, Any], where: str = "") -> int:
    """The record's schema version, if this library can read it (``where`` prefixes the path).

    Raises:
        RecordError: Missing, not a whole number, below 1, or newer than this library.
    """
    field = _join(where, "schema_version")
    if "schema_version" not in record:
        raise RecordError("record_missing", field=field)
    version = _expect(record["schema_version"], int, field, "a whole number")
    if version > SCHEMA_VERSION:
        raise RecordError(
            "record_version_future", field=field, got=shown(version), supported=SCHEMA_VERSION
        )
    if version < 1:
        raise RecordError("record_version", field=field, got=shown(version))
    return int(version)


def _migrate(record: Mapping[str, Any]) -> dict[str, Any]:
    upgraded = dict(record)
    for version in range(check_version(record), SCHEMA_VERSION):
        upgraded = MIGRATIONS[version](upgraded)
    return upgraded


@attrs.frozen
class Header:
    """A record's fields apart from its history, decoded and checked."""

    id: str
    revision: int
    question: str
    language: str
    address: str
    timezone: str
    meta: Mapping[str, Any]
    client: Participant
    professional: Participant
    others: tuple[Participant, ...]
    policy: Policy
    created_at: dt.datetime
    record: Mapping[str, Any]
    """The whole record, after migration to this version (its history is decoded later)."""


@attrs.frozen
class StoredEvent:
    """One event of a record's history, decoded but not yet replayed.

    ``path`` is where it is in the record (``"history[3]"``).
    """

    path: str
    action: Action
    from_step: Step
    to_step: Step
    at: dt.datetime
    actor: ParticipantRole
    user: str | None
    data: Payload


def decode_header(data: object) -> Header:
    """Check a record's version, kind and fields, and decode everything but the history.

    Raises:
        RecordError: With the path of the first field that is wrong.
    """
    record = _fields(_migrate(_expect(data, dict, "record", "an object")), "", HEADER_FIELDS)
    if record["kind"] != KIND:
        raise RecordError("record_kind", field="kind", got=shown(record["kind"]))
    others = _expect(record["others"], list, "others", "a list")
    return Header(
        id=_expect(record["id"], str, "id", "text"),
        revision=_expect(record["revision"], int, "revision", "a whole number"),
        question=_expect(record["question"], str, "question", "text"),
        address=_expect(record["address"], str, "address", "text"),
        timezone=_expect(record["timezone"], str, "timezone", "text"),
        meta=_expect(record["meta"], dict, "meta", "an object"),
        client=_structure(record["client"], Participant, "client"),
        professional=_structure(record["professional"], Participant, "professional"),
        others=tuple(_structure(p, Participant, f"others[{i}]") for i, p in enumerate(others)),
        language=_expect(record["language"], str, "language", "text"),
        policy=_structure(record["policy"], Policy, "policy"),
        created_at=_datetime(record["created_at"], "created_at"),
        record=record,
    )


def decode_events(header: Header) -> typing.Iterator[StoredEvent]:
    """The record's history, one event at a time, so the first bad event is the one reported.

    Raises:
        RecordError: With the path of the event field that is wrong.
    """
    events = _expect(header.record["history"], list, "history", "a list")
    for i, item in enumerate(events):
        yield _event(item, f"history[{i}]")


def decode_event(item: object, path: str) -> StoredEvent:
    """One event as it stands in a record's ``history`` (a store keeps them in a table too).

    Raises:
        RecordError: With ``path`` and the event field that is wrong.
    """
    return _event(item, path)


def decode_step(header: Header) -> Step:
    """The step the record says it is at; the caller checks it against the history."""
    step: Step = _member(header.record["step"], Step, "step")
    return step


_EVENT_KEYS = frozenset(EVENT_FIELDS)
_QUICK_ACTION = _quick(Action)
_QUICK_STEP = _quick(Step)
_QUICK_ACTOR = _quick(ParticipantRole)
_QUICK_USER = _quick(typing.Optional[str])  # noqa: UP045  # a runtime type for _quick


def _event(item: object, path: str) -> StoredEvent:
    try:
        if type(item) is not dict or item.keys() != _EVENT_KEYS:
            raise _Irregular
        action = _QUICK_ACTION(item["action"])
        payload_type = PAYLOAD_TYPES[action]
        data = item["data"]
        return StoredEvent(
            path=path,
            action=action,
            from_step=_QUICK_STEP(item["from_step"]),
            to_step=_QUICK_STEP(item["to_step"]),
            at=_quick_time(item["at"]),
            actor=_QUICK_ACTOR(item["actor"]),
            user=_QUICK_USER(item["user"]),
            data=(
                (None if data is None else _irregular(data))
                if payload_type is None
                else None
                if data is None and action in OPTIONAL_PAYLOADS
                else _quick(payload_type)(data)
            ),
        )
    except (_Irregular, SamenBeslissenError, TypeError, ValueError, RecursionError):
        return _careful_event(item, path)


def _careful_event(item: object, path: str) -> StoredEvent:
    fields = _fields(item, path, EVENT_FIELDS)
    action = _member(fields["action"], Action, f"{path}.action")
    from_step = _member(fields["from_step"], Step, f"{path}.from_step")
    to_step = _member(fields["to_step"], Step, f"{path}.to_step")
    at = _datetime(fields["at"], f"{path}.at")
    actor = _member(fields["actor"], ParticipantRole, f"{path}.actor")
    user = fields["user"]
    if user is not None:
        _expect(user, str, f"{path}.user", "text")
    payload_type = PAYLOAD_TYPES[action]
    data_path = f"{path}.data"
    if payload_type is None:
        if fields["data"] is not None:
            raise RecordError(
                "record_type", field=data_path, expected=WORDS["null"], got=WORDS["a value"]
            )
        data = None
    elif fields["data"] is None and action in OPTIONAL_PAYLOADS:
        data = None
    else:
        data = _structure(fields["data"], payload_type, data_path)
    return StoredEvent(
        path=path,
        action=action,
        from_step=from_step,
        to_step=to_step,
        at=at,
        actor=actor,
        user=user,
        data=data,
    )


# -- reading many records fast -------------------------------------------------------
#
# A report over a hundred thousand records cannot replay each one (about 200 µs
# a record); it reads the stored facts directly. These functions are the one
# place outside the decoder that knows how a record is laid out.

_ACTIONS = {action.value: action for action in Action}


def check_shape(record: object, where: str) -> Mapping[str, Any]:
    """Check what :func:`stored_payloads` and :func:`stored_people` rely on.

    ``where`` prefixes the paths in errors (a file and line).

    Cheaper than :func:`decode_header`: the version, the kind, the people and
    the history being a list. The events themselves are not checked.

    Raises:
        RecordError: With the path of the first field that is wrong.
    """
    if type(record) is not dict and not isinstance(record, Mapping):
        raise RecordError(
            "record_type", field=where, expected=WORDS["an object"], got=type(record).__name__
        )
    check_version(record, where)
    for name in ("kind", "client", "professional", "history"):
        if name not in record:
            raise RecordError("record_missing", field=_join(where, name))
    if record["kind"] != KIND:
        raise RecordError("record_kind", field=_join(where, "kind"), got=shown(record["kind"]))
    if not isinstance(record["history"], list):
        raise RecordError(
            "record_type",
            field=_join(where, "history"),
            expected=WORDS["a list"],
            got=type(record["history"]).__name__,
        )
    return record


def stored_payloads(record: Mapping[str, Any]) -> dict[Action, list[Any]]:
    """The data of a stored record's events by action, each list in the order they happened.

    Nothing is decoded: each payload is the JSON object :func:`encode` wrote
    (its fields are those of the payload's class, ``attrs.fields(Decision)``).

    Raises:
        KeyError, TypeError, ValueError: The history is not as :func:`encode` writes it.
    """
    grouped: dict[Action, list[Any]] = {}
    for event in record["history"]:
        grouped.setdefault(_ACTIONS[event["action"]], []).append(event["data"])
    return grouped


def stored_id(record: Mapping[str, Any], where: str = "") -> str:
    """A stored record's conversation id; a version-1 record gets the one its upgrade gives.

    Raises:
        RecordError: The id is there but is not text.
    """
    if "id" not in record and record.get("schema_version") == 1:
        return str(_v1_to_v2(dict(record))["id"])
    if "id" not in record:
        raise RecordError("record_missing", field=_join(where, "id"))
    return str(_expect(record["id"], str, _join(where, "id"), "text"))


def stored_people(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A stored record's participants as JSON objects: client, professional, the others."""
    return [record["client"], record["professional"], *record.get("others", ())]
