"""Small checks shared by the domain classes; each raises InputError with a field path."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from samenbeslissen.errors import InputError
from samenbeslissen.i18n import KNOWN_LANGUAGES, languages

E = TypeVar("E")

KEY_PATTERN = re.compile(r"\w[\w.-]{0,63}\Z")
"""Keys of options and criteria: a letter, digit or underscore first, then also '.' and '-'."""


def text(value: object, field: str) -> str:
    """Return ``value`` if it is a non-blank string."""
    if not isinstance(value, str):
        raise InputError("expected_text", field=field, got=type(value).__name__)
    if not value.strip():
        raise InputError("empty_text", field=field)
    return value


def optional_text(value: object, field: str) -> str | None:
    """Return ``value`` if it is None or a non-blank string."""
    return None if value is None else text(value, field)


def key(value: object, field: str) -> str:
    """Return ``value`` if it is a valid key (see KEY_PATTERN)."""
    if not isinstance(value, str):
        raise InputError("expected_text", field=field, got=type(value).__name__)
    if not KEY_PATTERN.match(value):
        raise InputError("invalid_key", field=field, value=value)
    return value


def text_tuple(value: object, field: str) -> tuple[str, ...]:
    """Return a list or tuple of non-blank strings as a tuple."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InputError("expected_text_list", field=field, got=type(value).__name__)
    return tuple(text(item, f"{field}[{i}]") for i, item in enumerate(value))


def boolean(value: object, field: str) -> bool:
    """Return ``value`` if it is exactly True or False."""
    if not isinstance(value, bool):
        raise InputError("expected_bool", field=field, got=type(value).__name__)
    return value


def score(value: object, field: str, low: int, high: int) -> int:
    """Return ``value`` if it is an int (not a bool) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("expected_score", field=field, low=low, high=high, got=repr(value))
    if not low <= value <= high:
        raise InputError("expected_score", field=field, low=low, high=high, got=repr(value))
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
        return enum_type(value)  # type: ignore[call-arg]  # Enum lookup by value
    except (ValueError, TypeError):
        allowed = ", ".join(str(m.value) for m in enum_type)  # type: ignore[attr-defined]
        raise InputError("expected_choice", field=field, allowed=allowed, got=repr(value)) from None


def attrs_validator(check: Any) -> Any:
    """Adapt ``check(value, field)`` into an attrs validator naming the attribute."""

    def validate(_instance: object, attribute: Any, value: object) -> None:
        check(value, attribute.name)

    return validate


def check_language(language: object, field: str = "language") -> str:
    """Return ``language`` if there is a catalogue for it ("nl", "en", ...).

    Raises:
        InputError: Another value.
    """
    for known in languages():
        if language == known:
            return known
    raise InputError("unknown_language", field=field, value=language, allowed=KNOWN_LANGUAGES)
