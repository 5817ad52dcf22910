"""Free text made literal in Markdown: shared by the documents and the notebook views."""

from __future__ import annotations

import re

__all__ = ["markdown_escape", "markdown_literal"]

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LEADING = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")
_MD_ANYTHING = re.compile(
    r"[\\`*_\[\]<>|~\r\n\v\f\x1c-\x1e\x85\u2028\u2029]|^\s*(?:[#+\-=]|\d+[.)])"
)


def markdown_escape(text: str) -> str:
    """Make free text literal in Markdown: nothing in it becomes markup, a link or HTML.

    Line breaks become spaces, so a value cannot break a list or a table.

    >>> print(markdown_escape("<b>Hulp</b> | *snel*"))
    \\<b\\>Hulp\\</b\\> \\| \\*snel\\*
    >>> print(markdown_escape("1. kies"))
    1\\. kies
    """
    if _MD_ANYTHING.search(text) is None:
        return text  # the usual case: plain words
    text = " ".join(part.strip() for part in text.splitlines())
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LEADING.sub(_escape_leading, text, count=1)


def _escape_leading(match: re.Match[str]) -> str:
    space, mark, number, after = match.groups()
    if mark is not None:
        return f"{space}\\{mark}"
    return f"{space}{number}\\{after}"


def markdown_literal(value: object) -> object:
    """``value`` with every text in it (in lists and mappings too) made literal in Markdown."""
    if isinstance(value, str):
        return markdown_escape(value)
    if isinstance(value, dict):
        return {key: markdown_literal(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [markdown_literal(item) for item in value]
    return value
