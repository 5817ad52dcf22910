"""Style sheets limited to one element, so that a notebook keeps its own look around it."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["scoped"]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_GROUPS = ("@media", "@supports", "@container", "@layer")
"""At-rules that hold rules of their own: the rules inside are scoped."""
_PAGE = frozenset({":root", "html", "body"})
"""What a whole page's style sheet calls the page; in a scope, that is the scope's element."""


def scoped(css: str, scope: str) -> str:
    """``css`` with every rule limited to the element ``scope`` and what is inside it.

    ``scope`` is a class selector (``.sb-preview``). A selector ``h1`` becomes
    ``.sb-preview h1``; ``:root``, ``html`` and ``body`` become the scope's
    element itself, so the page's font and colours go to it. The rules inside
    ``@media`` (and other rules that group rules) are scoped the same way.
    At-rules that only work for a whole page or a whole document (``@page``,
    ``@import``, ``@font-face``) are left out: they cannot be limited to an
    element.

    >>> print(scoped("body { margin: 0; } .a, p > b { color: red; } @page { margin: 1cm; }", ".x"))
    .x { margin: 0; }
    .x .a, .x p > b { color: red; }
    """
    return "\n".join(_rules(_COMMENT.sub("", css), scope))


def _rules(css: str, scope: str) -> Iterator[str]:
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            if prelude.split(maxsplit=1)[0].lower() in _GROUPS:
                inner = "\n".join("  " + rule for rule in _rules(body, scope))
                yield f"{prelude} {{\n{inner}\n}}"
            continue
        selectors = ", ".join(_selector(s.strip(), scope) for s in _split(prelude, ","))
        yield f"{selectors} {{ {body.strip()} }}"


def _selector(selector: str, scope: str) -> str:
    parts = selector.split()
    while parts and parts[0] in _PAGE:  # "html body .a": the page is the scope
        parts.pop(0)
    return " ".join([scope, *parts])


def _blocks(css: str) -> Iterator[tuple[str, str]]:
    """The rules of ``css`` as (prelude, body); a statement without one (``@import``) is skipped."""
    depth = 0
    quote = ""
    start = 0
    prelude = ""
    for i, char in enumerate(css):
        if quote:
            if char == quote and css[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                yield prelude, css[start:i]
                start = i + 1
        elif char == ";" and depth == 0:
            start = i + 1


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator``, but not inside brackets (``:is(a, b)``) or quotes."""
    parts: list[str] = []
    depth = 0
    quote = ""
    current = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return parts
