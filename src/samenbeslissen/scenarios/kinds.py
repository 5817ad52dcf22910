"""What a value is (a text, a list, a number), in the words a trainer knows."""

from __future__ import annotations

from collections.abc import Mapping

from samenbeslissen.i18n import Phrase

__all__ = ["FIELDS", "LIST", "NOTHING", "TEXT", "kind", "shown"]

TEXT = Phrase("word.text")
LIST = Phrase("word.a_list")
FIELDS = Phrase("word.fields")
NOTHING = Phrase("word.nothing")
_NUMBER = Phrase("word.number")
_YES_NO = Phrase("word.yes_no")
_DATE = Phrase("word.date")


def kind(value: object) -> Phrase | str:
    """What a value is, in words a trainer knows."""
    if isinstance(value, str):
        return TEXT
    if isinstance(value, bool):
        return _YES_NO
    if isinstance(value, (int, float)):
        return _NUMBER
    if value is None:
        return NOTHING
    if isinstance(value, (list, tuple)):
        return LIST
    if isinstance(value, Mapping):
        return FIELDS
    if hasattr(value, "isoformat"):
        return _DATE
    return type(value).__name__


def shown(value: object) -> Phrase | str:
    """A value as a message shows it: scalars as written, collections by kind."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return repr(value)
    return kind(value)
