"""Reading answers: shape, count and range checks that name the item, and numbers in words."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import ROUND_HALF_UP, Decimal

from samenbeslissen.i18n import Joined, Phrase, languages
from samenbeslissen.errors import InputError, ScoringError

__all__ = [
    "check_language",
    "item_phrase",
    "items_phrase",
    "number_text",
    "read_items",
    "read_list",
    "read_yes_no",
    "shown",
]


def check_language(language: object) -> str:
    """Return ``language`` if it is "nl" or "en".

    Raises:
        InputError: Another value.
    """
    for known in languages():
        if language == known:
            return known
    raise InputError("unknown_language", field="language", value=language)


def shown(value: object) -> str:
    """A short repr of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def number_text(value: float, language: str = "nl") -> str:
    """``value`` rounded half up to one decimal, without a trailing ",0"; a comma in Dutch."""
    # Round the shortest decimal form of the float half up (6.25 -> 6.3), as a
    # reader rounding by hand would; round() would give 6.2 (ties to even).
    rounded = Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}".removesuffix(".0")
    return text.replace(".", ",") if language == "nl" else text


def item_phrase(number: int) -> Phrase:
    """ "vraag 4" / "item 4" (``number`` is 1-based)."""
    return Phrase("word.item", number=number)


def items_phrase(item_numbers: Sequence[int]) -> Phrase:
    """Two or more items: "vragen 3 en 5" / "items 3 and 5", and so on."""
    return Phrase("word.items", numbers=Joined(str(n) for n in item_numbers))


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


def _counted(
    values: object, *, instrument: str | Phrase, count: int, field: str
) -> tuple[object, ...]:
    answers = read_list(values, instrument=instrument, field=field)
    if len(answers) != count:
        raise ScoringError(
            "scoring_count", field=field, instrument=instrument, expected=count, count=len(answers)
        )
    return answers


def _missing_error(instrument: str | Phrase, field: str, index: int) -> ScoringError:
    return ScoringError(
        "scoring_missing_not_allowed",
        field=f"{field}[{index}]",
        instrument=instrument,
        where=item_phrase(index + 1),
    )


def read_items(
    values: object,
    *,
    instrument: str | Phrase,
    count: int,
    low: int,
    high: int,
    missing_ok: bool,
    field: str = "items",
) -> tuple[int | None, ...]:
    """Check ``count`` answers, each a whole number from ``low`` to ``high`` (or None).

    Whole numbers are ``int`` and other integral types (numpy's, for one);
    ``bool``, floats (even ``3.0``) and strings are refused.

    Args:
        values: The answers in item order.
        instrument: The instrument's name, as the message shows it.
        count: How many items the instrument has.
        low: The lowest allowed answer.
        high: The highest allowed answer.
        missing_ok: True when None (a missing answer) is allowed here.
        field: The field path of ``values`` (items get ``[index]``, 0-based).

    Raises:
        ScoringError: The first problem: not a list, a wrong count, or an item
            out of range, of the wrong type, or missing where that is not allowed.
    """
    answers = _counted(values, instrument=instrument, count=count, field=field)
    read: list[int | None] = []
    for index, value in enumerate(answers):
        if value is None:
            if not missing_ok:
                raise _missing_error(instrument, field, index)
            read.append(None)
            continue
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            number = int(value)
            if low <= number <= high:
                read.append(number)
                continue
        raise ScoringError(
            "scoring_item_or_missing" if missing_ok else "scoring_item",
            field=f"{field}[{index}]",
            instrument=instrument,
            where=item_phrase(index + 1),
            low=low,
            high=high,
            got=shown(value),
        )
    return tuple(read)


def read_yes_no(
    values: object, *, instrument: str, count: int, field: str = "items"
) -> tuple[bool, ...]:
    """Check ``count`` yes/no answers: ``True``/``False``, or the integers ``1``/``0``.

    Raises:
        ScoringError: Not a list, a wrong count, a missing answer, or another value.
    """
    answers = _counted(values, instrument=instrument, count=count, field=field)
    read: list[bool] = []
    for index, value in enumerate(answers):
        if value is None:
            raise _missing_error(instrument, field, index)
        if isinstance(value, bool):
            read.append(value)
        elif isinstance(value, numbers.Integral) and int(value) in (0, 1):
            read.append(int(value) == 1)
        else:
            raise ScoringError(
                "scoring_yes_no",
                field=f"{field}[{index}]",
                instrument=instrument,
                where=item_phrase(index + 1),
                got=shown(value),
            )
    return tuple(read)
