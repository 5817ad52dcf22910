"""The hand-written remarks of ``tests/data/remarks_deidentify.yaml`` and how well a scrubber does.

Used by ``tests/test_deidentify.py`` (which holds the targets) and by
``benchmarks/bench_deidentify.py`` (which records the figures).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

SET = Path(__file__).parent / "data" / "remarks_deidentify.yaml"

OTHER_PEOPLE = frozenset({"person", "initials"})
"""Kinds that are names of people who are not participants."""


def remarks() -> list[dict[str, Any]]:
    """The entries of the set: text, participants, find ({text, kind}), keep."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the pure-Python one takes seconds
    loaded: list[dict[str, Any]] = yaml.load(SET.read_text(encoding="utf-8"), Loader=loader)
    return loaded


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _present(item: str, output: str) -> bool:
    """The item is still in the output as a whole (not as part of a longer word)."""
    return re.search(rf"(?<!\w){re.escape(_nfc(item))}(?!\w)", output) is not None


@attrs.frozen
class Scores:
    """How a scrubber did on the set."""

    found: Counter[str]
    """Per kind: items removed."""
    total: Counter[str]
    """Per kind: items in the set."""
    missed: list[tuple[str, str, str]]
    """(kind, item, output) of every item left in."""
    damaged: list[tuple[str, str]]
    """(phrase, output) of every ordinary phrase changed."""
    changed_clean: int
    """Entries without personal data whose text changed at all."""
    clean: int
    """Entries without personal data."""

    def recall(self, kinds: Iterable[str]) -> float:
        kinds = list(kinds)
        return sum(self.found[k] for k in kinds) / sum(self.total[k] for k in kinds)


def evaluate(scrub: Callable[[str, list[str]], str]) -> Scores:
    """Run ``scrub(text, participants)`` over the set and count what it found and damaged."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: list[tuple[str, str, str]] = []
    damaged: list[tuple[str, str]] = []
    changed_clean = clean = 0
    for entry in remarks():
        output = _nfc(scrub(entry["text"], entry["participants"]))
        for item in entry["find"]:
            total[item["kind"]] += 1
            if _present(item["text"], output):
                missed.append((item["kind"], item["text"], output))
            else:
                found[item["kind"]] += 1
        for phrase in entry["keep"]:
            if _nfc(phrase) not in output:
                damaged.append((phrase, output))
        if not entry["find"]:
            clean += 1
            changed_clean += output != _nfc(entry["text"])
    return Scores(found, total, missed, damaged, changed_clean, clean)
