"""Removing personal data from Dutch free text before it enters a report.

Two sources find what identifies someone:

- the names of the record's own participants, matched however a remark
  writes them: in lower case, without diacritics or with decomposed ones, a
  short name (Jo), with digits or a diminutive (Fatima123, Keesje), with a
  typo (Fatma); tussenvoegsels such as "van" or "der" alone never match;
- ``deduce``, the de-identification library for Dutch text from Dutch care
  practice (Menger et al. 2018), for everyone and everything else: other
  people's names and initials, streets and places, dates, ages, phone
  numbers, e-mail addresses, BSN and other numbers. It is an optional
  extra: ``pip install 'samenbeslissen[deidentify]'``.

Each find is replaced by a mark of its kind (:data:`MARKS`), which a
rendered report shows in its own language. Without ``deduce`` the report
leaves remarks out (see :func:`available`): names of the participants
alone are not enough to promise that nobody can be recognised.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.metadata
import importlib.util
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from samenbeslissen.analysis import MARKS, NAME_MARK
from samenbeslissen.errors import OptionalDependencyError

__all__ = ["MARKS", "available", "deidentify", "prepared"]

_KINDS = {
    "persoon": "name",
    "patient": "name",
    "locatie": "place",
    "datum": "date",
    "leeftijd": "age",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "website",
    "bsn": "number",
    "id": "number",
}
"""deduce's tags to our kinds of mark; a tag not listed gives the generic mark."""

_PRIORITY = {"email": 3, "website": 3, "phone": 3, "name": 2}
"""Which mark two overlapping finds get: "jo" in jo@mail.test is part of an address, and a
name beats a place ("Bianca van Sociaal Wijkteam")."""

_SKIPPED = frozenset({"institutions"})
"""deduce's groups not run: a care provider's name identifies no client, and
its list of 48,000 institutions holds everyday words."""

_PARTICLE_WORDS = (
    "van de der den het t ter ten te in op el al la le du da di dos das del von zu bin ben ibn abu"
)
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
"""Tussenvoegsels and name particles: everyday words too ("van de week", "ik ben").

Alone they match only where the name itself writes them with a capital
(Ben, El) and the remark does too.
"""

_SUFFIX = re.compile(r"(?:\d+|s|je|tje|pje|kje|etje|atje|ootje|ke|ie|y)")
"""What may follow a name in the same word: digits, a possessive s, a diminutive."""

_VOWEL_SUFFIX = re.compile(r"(?:etje|tje|ke|ootje|aatje)")
"""A diminutive in place of a name's last vowel: Maria, Marietje."""

_DOMAIN_WORDS = (
    "wijkteam sociaal wmo uwv pgb participatiewet jeugdwet jeugdhulp gemeente "
    "vluchtelingenwerk thuiszorg dagbesteding"
)
_DOMAIN = frozenset(_DOMAIN_WORDS.split())
"""Words of the social domain that deduce can take for a name ("mevrouw D. van het Sociaal
Wijkteam"): a name stops before them."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""Any text shaped like an e-mail address, whatever its domain."""

_CODE = re.compile(r"(?<![\w-])[A-Za-z0-9][\w-]*\d[\w-]*(?![\w-])")
"""A word with digits: a case or client number when it has enough of them (see _is_number)."""

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[\w'.]+")
_INITIAL = r"(?:[A-Z]\.\s*)"
_BETWEEN = "|".join(sorted(_PARTICLES, key=len, reverse=True))
_JOINED = re.compile(
    rf"{re.escape(NAME_MARK)}(?:(?:\s+|-)(?:(?:{_BETWEEN}|'t)\s+)*{re.escape(NAME_MARK)})+",
    re.IGNORECASE,
)
"""Two name marks with only spaces, a hyphen or tussenvoegsels between them read as one name."""
_INITIALS = re.compile(rf"\b{_INITIAL}+(?=(?:[a-z']+\s+)*{re.escape(NAME_MARK)})")
"""Initials right before a name ("J.K. [name]") belong to it."""


def _fold(text: str) -> str:
    """Case, diacritics and Unicode form set aside: "Ünal", "U\\u0308nal" and "unal" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _close(word: str, name: str) -> bool:
    """One letter added, left out, changed or two swapped (Fatma, Mohamed, Jansen)."""
    if word == name:
        return True
    if abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        diff = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == name[diff[1]]
            and word[diff[1]] == name[diff[0]]
        )
    short, long = (word, name) if len(word) < len(name) else (name, word)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Participants:
    """The record's participants' names, to be found in a remark."""

    def __init__(self, names: Sequence[str]) -> None:
        words = [
            (w, _fold(w))
            for name in names
            for w in _WORD.findall(unicodedata.normalize("NFC", name))
        ]
        self.parts = frozenset(f for w, f in words if f not in _PARTICLES and not w.isdigit())
        self.capitalised = frozenset(f for w, f in words if f in _PARTICLES and w[:1].isupper())

    def matches(self, word: str, lexicon: frozenset[str]) -> bool:
        folded = _fold(word)
        if folded in self.parts:
            return True
        if folded in self.capitalised:
            return word[:1].isupper()
        for part in self.parts:
            rest = folded[len(part) :]
            if len(part) >= 3 and folded.startswith(part) and _SUFFIX.fullmatch(rest):
                return True
            if (
                len(part) >= 4
                and part[-1] in "aeiouy"
                and folded.startswith(part[:-1])
                and _VOWEL_SUFFIX.fullmatch(folded[len(part) - 1 :])
            ):
                return True
            # A typo: in a word written as a name, or in a long word that is no
            # everyday word, so that "bakken" stays when Bakker took part.
            if (
                len(part) >= 5
                and (word[:1].isupper() or (len(part) >= 7 and folded not in lexicon))
                and _close(folded, part)
            ):
                return True
        return False

    def spans(self, text: str, lexicon: frozenset[str]) -> list[tuple[int, int, str]]:
        if not self.parts and not self.capitalised:
            return []
        return [
            (m.start(), m.end(), "name")
            for m in _WORD.finditer(text)
            if self.matches(m.group(), lexicon)
        ]


@attrs.frozen
class _Engine:
    """deduce and two of its word lists, read as they are (before deduce's own changes)."""

    deduce: Any
    lexicon: frozenset[str]
    """Everyday Dutch words, lower case (deduce's list of common words)."""
    titles: frozenset[str]
    """Words before a name that are not the name (mevrouw, dhr., collega, de heer)."""


class _Deduce:
    """deduce, loaded once per process (a few seconds), shared by every thread."""

    _lock = threading.Lock()
    _instance: _Engine | None = None

    @classmethod
    def get(cls) -> _Engine:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls._load()
            return cls._instance

    @staticmethod
    def _load() -> _Engine:
        deduce = _import()
        default, cache = _folders()
        cache.mkdir(parents=True, exist_ok=True)
        # Loading unpickles millions of small objects that live as long as the
        # process. The collector would walk them again and again: during the
        # load (twice as slow) and after it, in every full collection of the
        # host's own work (a YAML file then read 200 times slower). Frozen,
        # they are left out of collections.
        enabled = gc.isenabled()
        gc.disable()
        try:
            with _quiet_logging():
                engine = deduce.Deduce(cache_path=cache)
            gc.freeze()
        finally:
            if enabled:
                gc.enable()
        lists = default / "src"
        return _Engine(
            deduce=engine,
            lexicon=_words(lists / "whitelist" / "lst_common_word" / "items.txt"),
            titles=_words(lists / "names" / "lst_prefix" / "items.txt"),
        )


@contextlib.contextmanager
def _quiet_logging() -> Iterator[None]:
    """Keep deduce from configuring the host's logging.

    On import it calls ``logging.basicConfig(stream=sys.stdout,
    level=DEBUG)``, and while building its lists it logs through the root
    logger, which without a handler configures itself the same way: English
    lines on standard output, in the middle of a CSV. Both do nothing when
    the root logger has a handler, so it has one of ours meanwhile.
    """
    quiet = logging.NullHandler()
    root = logging.getLogger()
    root.addHandler(quiet)
    try:
        yield
    finally:
        root.removeHandler(quiet)


def _import() -> Any:
    """The deduce module, imported without its side effects on logging."""
    with _quiet_logging():
        import deduce
    return deduce


def _folders() -> tuple[Path, Path]:
    """deduce's word lists, and the folder that keeps them built for the next process.

    Found without importing deduce (and numpy with it): the command line asks
    before every report whether the lists are ready.
    """
    spec = importlib.util.find_spec("deduce")
    assert spec is not None  # callers check available() first
    assert spec.origin is not None
    default = Path(spec.origin).parent / "data" / "lookup"
    if (default / "cache").exists() or os.access(default, os.W_OK):
        return default, default
    # deduce keeps its built word lists beside its code; where that is
    # read-only (a system install), the user's cache folder holds them.
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    version = importlib.metadata.version("deduce")
    return default, Path(home) / "samenbeslissen" / f"deduce-{version}"


def prepared() -> bool:
    """False when deduce is installed but has not built its word lists yet.

    The first process to use it builds them, which takes 1-2 minutes (the
    command line says so before it starts); later ones load them in seconds.
    """
    if not available():
        return True
    _default, cache = _folders()
    return (cache / "cache" / "lookup_structs.pickle").exists()


def _words(path: Path) -> frozenset[str]:
    """A word list, one per line, case-folded; empty if deduce no longer ships it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """True when ``deduce`` is installed, so that remarks can be de-identified."""
    try:
        return importlib.util.find_spec("deduce") is not None
    except ValueError:  # a stand-in module without a spec, put in sys.modules by hand
        return False


def deidentify(text: str, names: Iterable[str] = ()) -> str:
    """Replace personal data in a Dutch remark by marks of its kind.

    >>> deidentify("Fatma en mijn zoon Pieter, Kerkstraat 12.", ["Fatima Ünal"])  # doctest: +SKIP
    '[name] en mijn zoon [name], [place].'

    Args:
        text: The remark.
        names: The participants' full names, as the record holds them.

    Returns:
        The text with every find replaced by its mark (:data:`MARKS`).

    Raises:
        OptionalDependencyError: ``deduce`` is not installed (see :func:`available`);
            it is also an ImportError.
    """
    if not available():
        raise OptionalDependencyError("missing_extra", package="deduce", extra="deidentify")
    text = unicodedata.normalize("NFC", text)
    engine = _Deduce.get()
    spans = _Participants(tuple(names)).spans(text, engine.lexicon)
    return _replace(text, [*spans, *_found(text)])


@functools.lru_cache(maxsize=8192)
def _found(text: str) -> tuple[tuple[int, int, str], ...]:
    """What deduce and the patterns find in a text; short remarks come back often."""
    engine = _Deduce.get()
    document = engine.deduce.deidentify(text, disabled=set(_SKIPPED))
    found = []
    for annotation in document.annotations:
        kind = _KINDS.get(annotation.tag, "other")
        start, end = annotation.start_char, annotation.end_char
        if kind == "name":
            refined = _refine(text, start, end, engine)
            if refined is None:
                continue
            start, end = refined
        found.append((start, end, kind))
    extra = [(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    extra += [(m.start(), m.end(), "number") for m in _CODE.finditer(text) if _is_number(m.group())]
    found += [e for e in extra if not any(e[0] < f[1] and f[0] < e[1] for f in found)]
    return tuple(found)


def _refine(text: str, start: int, end: int, engine: _Engine) -> tuple[int, int] | None:
    """A name as deduce found it, without what is not the name; None when nothing is left.

    A title before it stays (mevrouw, de heer); it stops before words of the
    social domain (Sociaal Wijkteam) and the tussenvoegsels that lead to
    them; a lone everyday word at the start of a sentence ("Groen licht!")
    is read as the word, since a capital there says nothing.
    """
    words = [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]

    def word(i: int) -> str:
        return _fold(text[words[i][0] : words[i][1]])

    for i in range(len(words)):
        if word(i).rstrip(".") in _DOMAIN:
            words = words[:i]
            break
    while words and word(-1) in _PARTICLES and text[words[-1][0] : words[-1][1]].islower():
        words.pop()
    while words:  # titles of two words ("de heer") or one ("mevrouw")
        if len(words) > 1 and f"{word(0)} {word(1)}" in engine.titles:
            del words[:2]
        elif word(0) in engine.titles:
            del words[0]
        else:
            break
    if not any(c.isalpha() for w in words for c in text[w[0] : w[1]]):
        return None
    first, last = words[0][0], words[-1][1]
    at_start = text[:first].rstrip()[-1:] in ("", ".", "!", "?", ":")
    if len(words) == 1 and at_start and word(0) in engine.lexicon:
        return None
    return first, last


def _is_number(word: str) -> bool:
    """A case, client or account number: seven digits, or five with a dash (2024-00817)."""
    digits = sum(c.isdigit() for c in word)
    return digits >= 7 or (digits >= 5 and "-" in word)


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each span replaced by its mark; overlapping spans merge into the stronger."""
    merged: list[list[Any]] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _PRIORITY.get(kind, 0) > _PRIORITY.get(last[2], 0):
                last[2] = kind
            continue
        merged.append([start, end, kind])
    pieces, at = [], 0
    for start, end, kind in merged:
        pieces.append(text[at:start])
        pieces.append(MARKS.get(kind, MARKS["other"]))
        at = end
    pieces.append(text[at:])
    result = "".join(pieces)
    result = _INITIALS.sub("", result)
    return _JOINED.sub(NAME_MARK, result)
