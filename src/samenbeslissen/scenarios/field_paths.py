"""Field paths: where a value is in a scenario, and how a message writes that place."""

from __future__ import annotations

import re

__all__ = ["FieldPath", "format_path", "parse_field"]

FieldPath = tuple[str | int, ...]
"""Where a value is in a scenario: mapping keys and list indexes, from the top."""


def format_path(path: FieldPath) -> str:
    """``("options", 1, "pros")`` as ``"options[1].pros"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else part
    return out


_FIELD_PART = re.compile(r"(\w+)|\[(\d+)\]")


def parse_field(field: str) -> FieldPath:
    """A value class's field path (``"pros[0]"``) as a path (``("pros", 0)``)."""
    return tuple(name if name else int(index) for name, index in _FIELD_PART.findall(field))
