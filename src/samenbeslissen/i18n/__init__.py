"""Every text the library shows, from one gettext catalogue per language.

The catalogues live in ``locale/<language>/LC_MESSAGES/samenbeslissen.po``
beside this file, compiled to ``.mo`` with Babel (``pybabel compile``). A
message is found by its key, the catalogue's ``msgid`` (``"step_order"``,
``"step.inform"``); placeholders are named (``%(field)s``), so a translation
may put them in any order. A language is one folder of catalogues: every
folder with a compiled catalogue is a language the library speaks, and a
message it lacks falls back to English.

This layer sits at the bottom of the package and imports nothing from it.
"""

from __future__ import annotations

import enum
import functools
import gettext
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "KNOWN_LANGUAGES",
    "LOCALE_DIR",
    "DateLabel",
    "Joined",
    "Labelled",
    "Phrase",
    "Quoted",
    "decimal",
    "format_date",
    "label",
    "languages",
    "ntext",
    "number_text",
    "text",
    "translations",
]

DOMAIN = "samenbeslissen"
"""The gettext domain: the catalogue files are called ``samenbeslissen.po`` and ``.mo``."""

DEFAULT_LANGUAGE = "nl"
"""The language used when none is given: Dutch."""

FALLBACK_LANGUAGE = "en"
"""Where a message missing from another language's catalogue is taken from."""

LOCALE_DIR = Path(__file__).parent / "locale"
"""The folder with one sub-folder of catalogues per language."""


def _catalogue_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages that have a compiled catalogue: Dutch first, then by code.

    >>> languages()[:2]
    ('nl', 'en')
    """
    found = sorted(
        folder.name
        for folder in LOCALE_DIR.iterdir()
        if folder.is_dir() and _catalogue_file(folder.name).is_file()
    )
    first = [code for code in (DEFAULT_LANGUAGE, FALLBACK_LANGUAGE) if code in found]
    return (*first, *(code for code in found if code not in first))


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (an unknown language gets the default's).

    Languages other than the default and English fall back to English for
    messages they do not have yet.
    """
    if language not in languages():
        return translations(DEFAULT_LANGUAGE)
    with _catalogue_file(language).open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    if language not in (DEFAULT_LANGUAGE, FALLBACK_LANGUAGE):
        catalogue.add_fallback(translations(FALLBACK_LANGUAGE))
    return catalogue


class _KnownLanguages:
    """The languages there are catalogues for, as a message shows them: 'nl', 'en'."""

    __slots__ = ()

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        return ", ".join(f"'{code}'" for code in languages())

    def __repr__(self) -> str:
        return "KNOWN_LANGUAGES"


KNOWN_LANGUAGES = _KnownLanguages()
"""A message parameter: the languages the library speaks, found when the message is shown."""


def _render_param(value: Any, language: str) -> Any:
    # Steps, roles and phrases show their label; a nested error shows its message.
    for method in ("label", "message"):
        render = getattr(value, method, None)
        if callable(render):
            return render(language)
    return value


def _format(message: str, key: str, language: str, params: dict[str, Any]) -> str:
    if message == key:
        raise KeyError(f"the catalogue has no message {key!r}")
    return message % {name: _render_param(p, language) for name, p in params.items()}


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message ``key`` in ``language``, filled in with ``params``.

    A parameter with a ``label(language)`` method (a step, a role, a
    :class:`Phrase`) shows in the same language as the message.

    >>> text("unknown_language", "en", value="de", allowed="nl, en")
    "unknown language 'de'. Choose from: nl, en."

    Raises:
        KeyError: The catalogue has no such message (a bug in the caller).
    """
    return _translated(key, language, params, lambda catalogue: catalogue.gettext(key))


def ntext(key: str, count: int, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message ``key`` in the plural form for ``count``; ``count`` is a parameter too.

    >>> ntext("word.points", 1, "nl"), ntext("word.points", 3, "nl")
    ('1 punt', '3 punten')
    """
    params = {"count": count, **params}
    return _translated(key, language, params, lambda catalogue: catalogue.ngettext(key, key, count))


def _translated(
    key: str,
    language: str,
    params: dict[str, Any],
    look_up: Callable[[gettext.NullTranslations], str],
) -> str:
    """The message ``look_up`` finds in ``language``'s catalogue, filled in with ``params``."""
    try:
        return _format(look_up(translations(language)), key, language, params)
    except (KeyError, ValueError, TypeError):
        if language in (DEFAULT_LANGUAGE, FALLBACK_LANGUAGE) or language not in languages():
            raise  # the built-in catalogues are checked by the tests: this is a bug
        # An added catalogue whose text has a mistyped placeholder: say it in English.
        return _format(look_up(translations(FALLBACK_LANGUAGE)), key, language, params)


def label(kind: str, value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The short name of a step, action or role: the message ``"<kind>.<value>"``."""
    return text(f"{kind}.{value}", language)


_MONTH_KEYS = tuple(f"month.{number}" for number in range(1, 13))


def format_date(value: Any, language: str = DEFAULT_LANGUAGE) -> str:
    """A date as people write it: "3 december 2026", "3 December 2026".

    >>> import datetime
    >>> format_date(datetime.date(2026, 12, 3), "nl")
    '3 december 2026'
    """
    month = text(_MONTH_KEYS[value.month - 1], language)
    return text("date.long", language, day=value.day, month=month, year=value.year)


def decimal(written: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A number written with a point, with the language's decimal separator: "3,5" in Dutch.

    >>> decimal("3.5", "nl"), decimal("3.5", "en")
    ('3,5', '3.5')
    """
    return written.replace(".", text("number.decimal_separator", language))


def number_text(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """``value`` rounded half up to one decimal, without a trailing ",0"; a comma in Dutch.

    >>> number_text(6.25, "nl"), number_text(62.0, "en")
    ('6,3', '62')
    """
    # Round the shortest decimal form of the float half up (6.25 -> 6.3), as a
    # reader rounding by hand would; round() would give 6.2 (ties to even).
    # Imported here: every start-up loads this module, few show a number.
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return decimal(f"{rounded:f}".removesuffix(".0"), language)


class DateLabel:
    """A date shown in the language of the message that names it (see :func:`format_date`)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The date in ``language``."""
        return format_date(self.value, language)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DateLabel):
            return NotImplemented
        return bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"DateLabel({self.value!r})"


class Phrase:
    """A catalogue text whose language is chosen later, when a message shows it.

    An error keeps its parameters and can be shown in any language; a
    parameter that is itself a text (the kind of value expected, an item's
    number) is a :class:`Phrase`, shown in the message's language.

    >>> Phrase("word.text").label("en")
    'text'
    """

    __slots__ = ("count", "key", "params")

    def __init__(self, key: str, /, count: int | None = None, **params: Any) -> None:
        self.key = key
        self.count = count
        self.params = params

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The phrase in ``language``."""
        if self.count is None:
            return text(self.key, language, **self.params)
        return ntext(self.key, self.count, language, **self.params)

    def _identity(self) -> tuple[object, ...]:
        return (self.key, self.count, tuple(sorted(self.params.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Phrase):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        extra = "" if self.count is None else f", count={self.count!r}"
        extra += "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Phrase({self.key!r}{extra})"


class Joined:
    """Words joined for running text: "a, b en c" in Dutch, "a, b and c" in English.

    >>> Joined(["a", "b", "c"]).label("en")
    'a, b and c'
    """

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = tuple(items)

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The joined words in ``language``."""
        shown = [str(_render_param(item, language)) for item in self.items]
        if len(shown) <= 1:
            return shown[0] if shown else ""
        return text("word.joined", language, head=", ".join(shown[:-1]), last=shown[-1])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Joined):
            return NotImplemented
        return self.items == other.items

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return f"Joined({list(self.items)!r})"


class Quoted:
    """A label in quotes, without its closing full stop, for a list of choices in a message.

    >>> Quoted(Joined(["a"])).label("en")
    "'a'"
    """

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The item's label in ``language``, quoted."""
        return "'" + str(_render_param(self.item, language)).rstrip(".") + "'"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quoted):
            return NotImplemented
        return bool(self.item == other.item)

    def __hash__(self) -> int:
        return hash(self.item)

    def __repr__(self) -> str:
        return f"Quoted({self.item!r})"


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


class Labelled(str, enum.Enum):
    """An enumeration whose members have a short name in every language.

    The label of ``ParticipantRole.CLIENT_SUPPORT`` is the message
    ``"participant_role.client_support"``: the kind is the class name in
    snake case, the rest the member's value. ``str()`` gives the value,
    which is what records store.
    """

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The member's short name in ``language``."""
        return label(_kind(type(self)), self.value, language)

    def __str__(self) -> str:
        return str(self.value)


@functools.cache
def _kind(cls: type) -> str:
    return _CAMEL.sub("_", cls.__name__).lower()
