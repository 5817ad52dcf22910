"""Small checks shared by the domain classes; each raises InputError with a field path."""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import json
import re
import types
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

import attrs

from samenbeslissen.errors import InputError
from samenbeslissen.i18n import KNOWN_LANGUAGES, Joined, Labelled, Quoted, languages

E = TypeVar("E")
T = TypeVar("T")

KEY_PATTERN = re.compile(r"\w[\w.-]{0,63}\Z")
"""Keys of options and criteria: a letter, digit or underscore first, then also '.' and '-'."""


def shown(value: object, limit: int = 60) -> str:
    """A short description of any value for an error's detail, safe for every value.

    ``repr`` could fail or take long: an integer of thousands of digits, a
    list nested thousands deep, a text of megabytes.
    """
    if isinstance(value, str):
        return repr(value[:limit]) + ("..." if len(value) > limit else "")
    if value is None or isinstance(value, (bool, float)):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if value.bit_length() < 128 else f"int of {value.bit_length()} bits"
    return type(value).__name__


def storable(value: str) -> bool:
    """True when ``value`` can be written as UTF-8: it holds no lone surrogate."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def no_surrogates(value: str, field: str) -> str:
    """Return ``value`` if it can be written as UTF-8 (it holds no lone surrogate).

    Raises:
        InputError: Text with a lone surrogate, which no record could store.
    """
    if not storable(value):
        raise InputError("text_not_storable", field=field, got="surrogate")
    return value


def text(value: object, field: str) -> str:
    """Return ``value`` if it is a non-blank string that can be written as UTF-8."""
    if not isinstance(value, str):
        raise InputError("expected_text", field=field, got=type(value).__name__)
    if not value.strip():
        raise InputError("empty_text", field=field)
    return no_surrogates(value, field)


def optional_text(value: object, field: str) -> str | None:
    """Return ``value`` if it is None or a non-blank string."""
    return None if value is None else text(value, field)


PICTURE_PATTERN = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}")
"""A picture as a data URI: PNG, JPEG, GIF or WebP, base64-encoded (no SVG, which can hold code)."""


def optional_picture(value: object, field: str) -> str | None:
    """Return ``value`` if it is None or a picture as a data URI (see PICTURE_PATTERN)."""
    if value is None:
        return None
    if not isinstance(value, str) or not PICTURE_PATTERN.fullmatch(value):
        raise InputError("expected_picture", field=field, got=shown(value, 40))
    return value


def key(value: object, field: str) -> str:
    """Return ``value`` if it is a valid key (see KEY_PATTERN)."""
    if not isinstance(value, str):
        raise InputError("expected_text", field=field, got=type(value).__name__)
    if not KEY_PATTERN.match(value):
        raise InputError("invalid_key", field=field, value=value)
    return value


def text_tuple(value: object, field: str) -> tuple[str, ...]:
    """Return a list or tuple of non-blank strings as a tuple."""
    if type(value) is list or type(value) is tuple:
        # The usual case, checked in one pass; anything odd takes the long way.
        for item in value:
            if type(item) is not str or not item.strip() or not item.isascii():
                break
        else:
            return tuple(value)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InputError("expected_text_list", field=field, got=type(value).__name__)
    return tuple(text(item, f"{field}[{i}]") for i, item in enumerate(value))


def boolean(value: object, field: str) -> bool:
    """Return ``value`` if it is exactly True or False."""
    if not isinstance(value, bool):
        raise InputError("expected_bool", field=field, got=type(value).__name__)
    return value


def optional_boolean(value: object, field: str) -> bool | None:
    """Return ``value`` if it is None, True or False."""
    return None if value is None else boolean(value, field)


def score(value: object, field: str, low: int, high: int) -> int:
    """Return ``value`` if it is an int (not a bool) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("expected_score", field=field, low=low, high=high, got=shown(value))
    if not low <= value <= high:
        raise InputError("expected_score", field=field, low=low, high=high, got=shown(value))
    return value


def date(value: object, field: str) -> dt.date:
    """Return ``value`` if it is a calendar date (not a datetime)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InputError("expected_date", field=field, got=type(value).__name__)
    return value


def optional_date(value: object, field: str) -> dt.date | None:
    """Return ``value`` if it is None or a calendar date."""
    return None if value is None else date(value, field)


def member(value: object, enum_type: type[E], field: str) -> E:
    """Return ``value`` as a member of ``enum_type``, accepting the member or its value."""
    if isinstance(value, enum_type):
        return value
    try:
        if not isinstance(value, (str, int)):  # Enum's own error would repr any value
            raise TypeError
        return enum_type(value)  # type: ignore[call-arg]  # Enum lookup by value
    except (ValueError, TypeError):
        members = tuple(enum_type)  # type: ignore[var-annotated, arg-type]  # an Enum class
        # The labels ("de cliënt beslist alleen"), not the values ("client_alone"):
        # the message is for the professional; ``got`` keeps the raw value for developers.
        allowed: object = (
            Joined(Quoted(m) for m in members)
            if isinstance(enum_type, type) and issubclass(enum_type, Labelled)
            else ", ".join(str(m.value) for m in members)
        )
        raise InputError(
            "expected_choice", field=field, allowed=allowed, got=shown(value)
        ) from None


_found: contextvars.ContextVar[list[InputError] | None] = contextvars.ContextVar(
    "samenbeslissen_found", default=None
)
"""The problems found so far while a class of ``every_problem`` is being built."""


def keep(error: InputError) -> None:
    """Note ``error`` for the value being built, or raise it when nothing collects.

    Raises:
        InputError: ``error``, when no ``every_problem`` class is being built.
    """
    found = _found.get()
    if found is None:
        raise error
    found.append(error)


def attrs_validator(check: Any) -> Any:
    """Adapt ``check(value, field)`` into an attrs validator naming the attribute."""

    def validate(_instance: object, attribute: Any, value: object) -> None:
        try:
            check(value, attribute.name)
        except InputError as error:
            keep(error)

    return validate


def converted(convert: Callable[..., T], value: Any, *args: Any) -> T:
    """Return ``convert(value, *args)`` for an attrs converter, noting a complaint (see ``keep``).

    On a complaint the value is passed on as it is; the object is never built.
    """
    try:
        return convert(value, *args)
    except InputError as error:
        keep(error)
        return value  # type: ignore[no-any-return]  # never seen: the build fails


def choice(value: object, enum_type: type[E], field: str) -> E:
    """``member`` for an attrs converter: a complaint is noted (see ``converted``)."""
    return cast(E, converted(member, value, enum_type, field))


C = TypeVar("C", bound=type)


def every_problem(cls: C) -> C:
    """Make an attrs class refuse bad values with one error naming every problem.

    Its validators and ``converted`` converters note each complaint; when the
    object is built, one ``InputError`` holds them all (``error.problems``).
    A form user then fixes every field in one round trip.
    """
    init = vars(cls)["__init__"]

    @functools.wraps(init)
    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        if _found.get() is None:
            # The usual case: nothing is wrong, and nothing needs collecting.
            # The first complaint raises; then build again, collecting them all.
            try:
                init(self, *args, **kwargs)
            except InputError:
                pass
            else:
                return
        found: list[InputError] = []
        token = _found.set(found)
        try:
            init(self, *args, **kwargs)
        finally:
            _found.reset(token)
        if found:
            # In the order of the fields, as a form shows them (converters run first).
            found.sort(key=lambda error: order.get(error.problems[0].root, len(order)))
            raise InputError.combine(found)

    order = {name: i for i, name in enumerate(attrs.fields_dict(cls))}
    setattr(cls, "__init__", checked_init)  # noqa: B010  # mypy refuses assigning a method
    return cls


def check_language(language: object, field: str = "language") -> str:
    """Return ``language`` if there is a catalogue for it ("nl", "en", ...).

    Raises:
        InputError: Another value.
    """
    for known in languages():
        if language == known:
            return known
    raise InputError("unknown_language", field=field, value=language, allowed=KNOWN_LANGUAGES)


USER_MAX_CHARS = 128
"""The longest user id an event records: an opaque reference, never a name."""


def user(value: object, field: str = "user") -> str | None:
    """Return ``value`` if it is None or a user id: 1 to 128 characters on one line.

    Raises:
        InputError: Anything else.
    """
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > USER_MAX_CHARS
        or not value.isprintable()
    ):
        raise InputError("user_invalid", field=field, limit=USER_MAX_CHARS)
    return value


_UUID_EXAMPLE = "0f8fad5b-d9cb-469f-a165-70867728950e"


def conversation_id(value: object, field: str = "id") -> str:
    """Return ``value`` as a UUID in its canonical form (lower case, with hyphens).

    Raises:
        InputError: Not a string, or not a UUID.
    """
    if isinstance(value, str) and len(value) <= 64:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise InputError("expected_uuid", field=field, example=_UUID_EXAMPLE, got=shown(value))


META_MAX_KEYS = 32
"""The most keys a conversation's ``meta`` may have."""

META_MAX_CHARS = 4096
"""The most characters ``meta`` may take as JSON: host references, not data."""

META_MAX_DEPTH = 4
"""The deepest nesting of lists and mappings in ``meta``."""


NO_META: Mapping[str, Any] = types.MappingProxyType({})
"""The ``meta`` of a conversation the host gave none."""


def meta(value: object, field: str = "meta") -> Mapping[str, Any]:
    """Return a read-only copy of ``value``: a small mapping of JSON values the host owns.

    Lists become tuples and mappings read-only mappings, so nothing can change
    it from outside.

    Raises:
        InputError: Not a mapping of text keys to JSON values, or over the limits.
    """
    if value is None or value == {}:
        return NO_META
    if not isinstance(value, Mapping):
        raise InputError("expected_mapping", field=field, got=type(value).__name__)
    if len(value) > META_MAX_KEYS:
        raise InputError("meta_too_many", field=field, limit=META_MAX_KEYS)
    frozen = _frozen(value, field, 0)
    try:
        size = len(json.dumps(thawed(frozen), ensure_ascii=False, allow_nan=False))
    except ValueError:  # NaN or infinity: not JSON
        raise InputError("meta_value", field=field, got="NaN") from None
    if size > META_MAX_CHARS:
        raise InputError("meta_too_large", field=field, limit=META_MAX_CHARS)
    assert isinstance(frozen, Mapping)
    return frozen


def _frozen(value: object, field: str, depth: int) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, str) and not storable(value):  # a lone surrogate
            raise InputError("meta_value", field=field, got="surrogate")
        return value
    if depth >= META_MAX_DEPTH:
        raise InputError("meta_too_deep", field=field, limit=META_MAX_DEPTH)
    if isinstance(value, Mapping):
        items = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError("meta_value", field=field, got=type(key).__name__)
            items[key] = _frozen(item, f"{field}.{key}", depth + 1)
        return types.MappingProxyType(items)
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item, f"{field}[{i}]", depth + 1) for i, item in enumerate(value))
    raise InputError("meta_value", field=field, got=type(value).__name__)


def thawed(value: Any) -> Any:
    """A frozen ``meta`` value as plain JSON types again (dicts and lists)."""
    if isinstance(value, Mapping):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thawed(item) for item in value]
    return value


DEFAULT_TIMEZONE = "Europe/Amsterdam"
"""Where dates are shown and "today" is, unless the host says otherwise."""


@functools.cache
def _zone(name: str) -> dt.tzinfo:
    return zoneinfo.ZoneInfo(name)


def timezone(value: object, field: str = "timezone") -> dt.tzinfo:
    """The time zone named ``value`` (an IANA name such as "Europe/Amsterdam").

    Raises:
        InputError: Not a name of a time zone this machine (or ``tzdata``) knows.
    """
    if isinstance(value, str) and 0 < len(value) <= 64 and ".." not in value:
        try:
            return _zone(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    raise InputError("unknown_timezone", field=field, value=str(value)[:64])
