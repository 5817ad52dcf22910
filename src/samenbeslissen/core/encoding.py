"""The domain values as plain JSON types: the one encoder records and events share."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

__all__ = ["to_json_types"]


def to_json_types(value: Any) -> Any:
    """``value`` as plain JSON types: attrs classes as objects, enums as their value,
    dates and times as ISO 8601, tuples as lists.

    >>> import samenbeslissen as sb
    >>> to_json_types(sb.Option(key="a", title="Thuiszorg", pros=("Vast",)))["pros"]
    ['Vast']
    """
    if attrs.has(type(value)):
        return {f.name: to_json_types(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_json_types(item) for item in value]
    return value
