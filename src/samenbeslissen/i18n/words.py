"""A short phrase in Dutch and English, for use inside a message."""

from __future__ import annotations

__all__ = ["Words"]


class Words:
    """A short phrase in Dutch and English; a message shows it in its own language.

    The message catalogue renders a parameter through its ``label(language)``
    method, so one message key can say "een lijst" in Dutch and "a list" in
    English. This module imports nothing from the package, so every message
    module can use it.
    """

    __slots__ = ("en", "nl")

    def __init__(self, nl: str, en: str) -> None:
        self.nl = nl
        self.en = en

    def label(self, language: str = "nl") -> str:
        """The phrase in ``language`` ("nl" or "en")."""
        return self.en if language == "en" else self.nl

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Words):
            return NotImplemented
        return (self.nl, self.en) == (other.nl, other.en)

    def __hash__(self) -> int:
        return hash((self.nl, self.en))

    def __repr__(self) -> str:
        return f"Words({self.nl!r}, {self.en!r})"
