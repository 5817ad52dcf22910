"""Reading answers: a list of answers checked against their shape (and numbers in words)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from samenbeslissen.core.answers import AnswerShape, check_items
from samenbeslissen.core.validate import check_language
from samenbeslissen.errors import ScoringError
from samenbeslissen.i18n import Phrase, number_text

__all__ = ["check_language", "number_text", "read_answers", "read_list"]


def read_list(
    values: object, *, instrument: str | Phrase, field: str, key: str = "scoring_not_a_list"
) -> tuple[object, ...]:
    """Return the answers as a tuple, refusing anything that is not an ordered collection.

    Strings, mappings and sets are refused: their order (or their items) are
    not the instrument's items in order.

    Raises:
        ScoringError: ``values`` is not a list-like collection (message ``key``).
    """
    if isinstance(values, (str, bytes, bytearray, Mapping, AbstractSet)) or not isinstance(
        values, Iterable
    ):
        raise ScoringError(key, field=field, instrument=instrument, got=type(values).__name__)
    return tuple(values)


def read_answers(values: object, shape: AnswerShape) -> tuple[int | None, ...]:
    """Check a scoring function's ``items`` with the core's check of their shape.

    The same check refuses bad answers when they are attached to a
    conversation, so a set the core accepts is a set this accepts.

    Raises:
        ScoringError: Not a list, or answers that do not fit ``shape``
            (see :func:`samenbeslissen.core.answers.check_items`).
    """
    return check_items(read_list(values, instrument=shape.title, field="items"), shape)
