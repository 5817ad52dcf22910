"""The shape of each instrument's answers, checked when a client's experience comes in."""

from __future__ import annotations

import numbers
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, Protocol

import attrs

from samenbeslissen.errors import ScoringError
from samenbeslissen.i18n import Joined, Phrase

__all__ = [
    "ANSWER_SHAPES",
    "ANSWER_VERSIONS",
    "AnswerKind",
    "AnswerSet",
    "AnswerShape",
    "answer_shape",
    "check_answers",
    "check_items",
    "item_phrase",
    "items_phrase",
    "read_items",
    "read_yes_no",
    "shown",
    "subscale_phrase",
]

AnswerKind = Literal["scale", "yes_no", "choice"]
"""The kind of answer: a whole number on a scale, yes/no, or one of a list of statements."""


def _subscales(value: Mapping[str, tuple[int, ...]]) -> Mapping[str, tuple[int, ...]]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class AnswerShape:
    """What a set of answers to one instrument looks like, so the core can check it.

    The core checks answers against their shape when they come in; scoring
    them is the work of :mod:`samenbeslissen.instruments`, a layer above,
    which takes these facts from here.

    Attributes:
        name: The instrument's name (the name of its scoring function).
        title: The instrument's usual name, as messages show it ("SDM-Q-9").
        answer: "scale" (a whole number from ``low`` to ``high``), "yes_no"
            (1 or 0) or "choice" (one statement of several, numbered ``low``
            to ``high``).
        item_count: How many items, so how many answers, the instrument has.
        low: The lowest answer.
        high: The highest answer.
        max_missing: How many answers may be missing (None) for a score.
        subscales: Subscale key to its item numbers (1-based), in order; at
            most one answer per subscale may be missing.
        incomplete_kept: True when a set with more answers missing is still
            kept, though it has no score of its own (CollaboRATE: a group
            score leaves it out).
        version: The version of the instrument, for an instrument that has
            several forms (see :data:`ANSWER_VERSIONS`); None for the others.
        allowed: The only answers the form has, when it does not have every
            whole number from ``low`` to ``high`` (the low-literacy DCS: 0, 2
            and 4); empty for the others.
        allowed_message: The message key that refuses another answer, when
            ``allowed`` is set.
        shifted: The form whose answers are this form's shifted by one (the
            DCS 2010 form, 0-4, and the 1995 form, 1-5), when there is one:
            answers that fit only that form are refused with a message that
            names it, so a form is never mis-scored as the other.
    """

    name: str
    title: str
    answer: AnswerKind
    item_count: int
    low: int
    high: int
    max_missing: int = 0
    subscales: Mapping[str, tuple[int, ...]] = attrs.field(
        factory=dict, converter=_subscales, hash=False
    )
    incomplete_kept: bool = False
    version: str | None = None
    allowed: tuple[int, ...] = ()
    allowed_message: str = ""
    shifted: str | None = None

    @property
    def missing_ok(self) -> bool:
        """True when an answer may be missing (None) at all."""
        return self.max_missing > 0 or self.incomplete_kept


ANSWER_SHAPES: Mapping[str, AnswerShape] = types.MappingProxyType(
    {
        shape.name: shape
        for shape in (
            AnswerShape(
                name="sdm_q9",
                title="SDM-Q-9",
                answer="scale",
                item_count=9,
                low=0,
                high=5,
                max_missing=1,
            ),
            AnswerShape(
                name="sdm_q_doc",
                title="SDM-Q-Doc",
                answer="scale",
                item_count=9,
                low=0,
                high=5,
                max_missing=1,
            ),
            AnswerShape(
                name="collaborate",
                title="CollaboRATE",
                answer="scale",
                item_count=3,
                low=0,
                high=9,
                incomplete_kept=True,
            ),
            AnswerShape(
                name="option5", title="OPTION-5", answer="scale", item_count=5, low=0, high=4
            ),
            AnswerShape(
                name="option12", title="OPTION-12", answer="scale", item_count=12, low=0, high=4
            ),
            AnswerShape(name="sure", title="SURE", answer="yes_no", item_count=4, low=0, high=1),
            AnswerShape(
                name="control_preferences",
                title="Control Preferences Scale",
                answer="choice",
                item_count=1,
                low=1,
                high=5,
            ),
            AnswerShape(
                name="decisional_conflict",
                title="Decisional Conflict Scale",
                answer="scale",
                item_count=16,
                low=0,
                high=4,
                max_missing=5,
                subscales={
                    "informed": (1, 2, 3),
                    "values_clarity": (4, 5, 6),
                    "support": (7, 8, 9),
                    "uncertainty": (10, 11, 12),
                    "effective_decision": (13, 14, 15, 16),
                },
                shifted="1995",
            ),
        )
    }
)
"""Every instrument whose answers an Experience can hold, by name, in a stable order.

For an instrument with several forms this is the default form's shape; the
others are in :data:`ANSWER_VERSIONS`.
"""

_DCS = ANSWER_SHAPES["decisional_conflict"]

ANSWER_VERSIONS: Mapping[str, Mapping[str, AnswerShape]] = types.MappingProxyType(
    {
        "decisional_conflict": types.MappingProxyType(
            {
                "2010": attrs.evolve(_DCS, version="2010"),
                "low_literacy": attrs.evolve(
                    _DCS,
                    version="low_literacy",
                    item_count=10,
                    max_missing=4,  # at most one per subscale, which the subscales decide
                    subscales={
                        "informed": (1, 2, 3),
                        "values_clarity": (4, 5),
                        "support": (6, 7, 8),
                        "uncertainty": (9, 10),
                    },
                    allowed=(0, 2, 4),  # yes, unsure, no
                    allowed_message="scoring_dcs_low_literacy",
                    shifted=None,
                ),
                "1995": attrs.evolve(
                    _DCS,
                    title="Decisional Conflict Scale (1995)",
                    version="1995",
                    low=1,
                    high=5,
                    max_missing=3,  # at most one per subscale, which the subscales decide
                    subscales={
                        "uncertainty": (1, 2, 3),
                        "contributing_factors": (4, 5, 6, 7, 8, 9, 10, 11, 12),
                        "effective_decision": (13, 14, 15, 16),
                    },
                    shifted="2010",
                ),
            }
        ),
    }
)
"""The forms of the instruments that have several, by instrument and version; the first
of each is the default, the one :data:`ANSWER_SHAPES` holds."""


def answer_shape(instrument: str, version: str | None = None) -> AnswerShape:
    """The shape of ``instrument``'s answers in the form ``version`` (None: the default form).

    Raises:
        ScoringError: ``version`` is not a form of ``instrument``; ``field``
            is ``"version"``.
    """
    shape = ANSWER_SHAPES[instrument]
    if version is None:
        return shape
    forms = ANSWER_VERSIONS.get(instrument)
    if forms is None:
        raise ScoringError(
            "scoring_no_versions", field="version", instrument=shape.title, got=shown(version)
        )
    if not isinstance(version, str) or version not in forms:
        raise ScoringError(
            f"scoring_version.{instrument}",
            field="version",
            instrument=shape.title,
            got=shown(version),
        )
    return forms[version]


def shown(value: object) -> str:
    """A short repr of a bad value for an error message, safe for every value.

    ``repr`` fails on an integer of thousands of digits and on a list nested
    thousands deep; such a value is named by its type instead.
    """
    if isinstance(value, int) and value.bit_length() >= 128:
        return f"int of {value.bit_length()} bits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def item_phrase(number: int) -> Phrase:
    """ "vraag 4" / "item 4" (``number`` is 1-based)."""
    return Phrase("word.item", number=number)


def items_phrase(item_numbers: Sequence[int]) -> Phrase:
    """Two or more items: "vragen 3 en 5" / "items 3 and 5", and so on."""
    return Phrase("word.items", numbers=Joined(str(n) for n in item_numbers))


def subscale_phrase(instrument: str, key: str) -> Phrase:
    """The name of one of ``instrument``'s subscales ("onzekerheid" / "uncertainty")."""
    return Phrase(f"instrument.{instrument}.subscale.{key}")


def _counted(
    values: Sequence[object], *, instrument: str | Phrase, count: int, field: str
) -> Sequence[object]:
    if len(values) != count:
        raise ScoringError(
            "scoring_count", field=field, instrument=instrument, expected=count, count=len(values)
        )
    return values


def _missing_error(instrument: str | Phrase, field: str, index: int) -> ScoringError:
    return ScoringError(
        "scoring_missing_not_allowed",
        field=f"{field}[{index}]",
        instrument=instrument,
        where=item_phrase(index + 1),
    )


def read_items(
    values: Sequence[object],
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

    Returns:
        The answers as ``int``, None for a missing one.

    Raises:
        ScoringError: The first problem: a wrong count, or an item out of
            range, of the wrong type, or missing where that is not allowed.
    """
    answers = _counted(values, instrument=instrument, count=count, field=field)
    read: list[int | None] = []
    for index, value in enumerate(answers):
        if value is None:
            if not missing_ok:
                raise _missing_error(instrument, field, index)
            read.append(None)
            continue
        # ``type() is int`` first: the usual answer, without the slow ABC check.
        if type(value) is int or (
            isinstance(value, numbers.Integral) and not isinstance(value, bool)
        ):
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
    values: Sequence[object], *, instrument: str, count: int, field: str = "items"
) -> tuple[bool, ...]:
    """Check ``count`` yes/no answers: ``True``/``False``, or the integers ``1``/``0``.

    Raises:
        ScoringError: A wrong count, a missing answer, or another value.
    """
    answers = _counted(values, instrument=instrument, count=count, field=field)
    read: list[bool] = []
    for index, value in enumerate(answers):
        if value is None:
            raise _missing_error(instrument, field, index)
        if isinstance(value, bool):
            read.append(value)
        elif (type(value) is int or isinstance(value, numbers.Integral)) and int(value) in (0, 1):
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


def _refuse_shifted_coding(values: Sequence[object], shape: AnswerShape, field: str) -> None:
    """Refuse answers coded for the form shifted by one from ``shape``'s, naming that form.

    A 5 in a form coded 0-4 where nobody answered 0 is a 1-5 form (and the
    other way round). Only plain whole numbers are looked at; every other
    problem is left to the shape's own check, which names it.
    """
    assert shape.shifted is not None
    other = ANSWER_VERSIONS[shape.name][shape.shifted]
    numbers = [value if type(value) is int else None for value in values]
    only_other = other.high if other.high > shape.high else other.low  # 5, or 0
    only_mine = shape.low if other.high > shape.high else shape.high  # 0, or 5
    if only_other not in numbers or only_mine in numbers:
        return
    index = numbers.index(only_other)
    raise ScoringError(
        f"scoring_{shape.name}_coding.{shape.shifted}",
        field=f"{field}[{index}]",
        instrument=ANSWER_SHAPES[shape.name].title,
        where=item_phrase(index + 1),
    )


def _check_missing(answers: Sequence[int | None], shape: AnswerShape, field: str) -> None:
    for key, members in shape.subscales.items():
        missing = [n for n in members if answers[n - 1] is None]
        if len(missing) > 1:
            raise ScoringError(
                "scoring_subscale_missing",
                field=field,
                instrument=shape.title,
                subscale=subscale_phrase(shape.name, key),
                count=len(missing),
                items=items_phrase(missing),
            )
    if shape.incomplete_kept:
        return
    missing = [n for n, value in enumerate(answers, start=1) if value is None]
    if len(missing) > shape.max_missing:
        raise ScoringError(
            "scoring_too_many_missing",
            field=field,
            instrument=shape.title,
            count=len(missing),
            items=items_phrase(missing),
            allowed=shape.max_missing,
        )


def check_items(
    values: Sequence[object], shape: AnswerShape, *, field: str = "items"
) -> tuple[int | None, ...]:
    """Check one set of answers against its instrument's shape.

    Args:
        values: The answers in item order; None for a missing one.
        shape: The instrument's shape (see :data:`ANSWER_SHAPES`).
        field: The field path of ``values``.

    Returns:
        The answers as ``int`` (yes is 1, no 0), None for a missing one.

    Raises:
        ScoringError: The first problem: a wrong count, an answer of the
            wrong type or out of range, or too many missing (in all, or in
            one subscale); ``field`` names the item where there is one.
    """
    if shape.answer == "yes_no":
        yes_no = read_yes_no(values, instrument=shape.title, count=shape.item_count, field=field)
        return tuple(int(answer) for answer in yes_no)
    if shape.shifted is not None and len(values) == shape.item_count:
        _refuse_shifted_coding(values, shape, field)
    answers = read_items(
        values,
        instrument=shape.title,
        count=shape.item_count,
        low=shape.low,
        high=shape.high,
        missing_ok=shape.missing_ok,
        field=field,
    )
    _check_missing(answers, shape, field)
    if shape.allowed:
        for index, value in enumerate(answers):
            if value is not None and value not in shape.allowed:
                raise ScoringError(
                    shape.allowed_message,
                    field=f"{field}[{index}]",
                    instrument=shape.title,
                    where=item_phrase(index + 1),
                    got=shown(value),
                )
    return answers


class AnswerSet(Protocol):
    """What :func:`check_answers` reads of an :class:`~samenbeslissen.Answers`.

    (The model imports this module for the instrument names, so this module
    names the two fields it needs instead of importing the class.)
    """

    @property
    def instrument(self) -> str:
        """The instrument's name, a key of :data:`ANSWER_SHAPES`."""

    @property
    def items(self) -> Sequence[object]:
        """The answers in item order; None for a missing one."""

    @property
    def version(self) -> str | None:
        """The form of the instrument (see :data:`ANSWER_VERSIONS`), None for the default."""


def check_answers(all_answers: Iterable[AnswerSet]) -> None:
    """Check every answer set against its instrument's shape, so bad answers are refused now.

    Every set this accepts can be scored with
    :func:`samenbeslissen.instruments.score_answers`.

    Raises:
        ScoringError: With ``field`` as ``answers[i].items[j]``.
    """
    for i, answers in enumerate(all_answers):
        check_items(
            answers.items,
            answer_shape(answers.instrument, answers.version),
            field=f"answers[{i}].items",
        )
