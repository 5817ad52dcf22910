"""YAML a trainer wrote wrong, told in their words: where the mistake really is, and what to do.

PyYAML notices a mistake where it can no longer go on, which is often lines
later (an unclosed quote runs to the end of the file), and says so in its own
terms ("expected <block end>"). :func:`diagnose` looks again at the text and
the tokens before that point, and names the place a person has to change.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import yaml

__all__ = ["Diagnosis", "diagnose", "diagnose_character", "quoted"]


@attrs.frozen
class Diagnosis:
    """A mistake in YAML text: the message key, where it is (1-based) and the message's values."""

    key: str
    line: int
    column: int
    params: dict[str, Any] = attrs.field(factory=dict)  # the values of a message: any kind


_FIELD_WORD = re.compile(r"[\w-]+")
"""A word that can be a field name: ``situation``, ``follow_up_weeks``."""

_KEY = re.compile(r"[ ]*(?:-[ ]+)*(?P<key>[^\s'\"#:\[\]{}-][^#:]*?)[ ]*:(?:[ \t]|$)")
"""A line that starts with a field (``name: Anna``, ``- key: a``, ``client:``)."""

_BRACKETS = {"[": "]", "{": "}"}
_QUOTES = ("'", '"')


@attrs.frozen
class _Place:
    """A place in the text, 0-based as PyYAML's marks are."""

    line: int
    column: int


def _at(mark: yaml.Mark) -> _Place:
    return _Place(line=mark.line, column=mark.column)


def _found(key: str, place: _Place, **params: Any) -> Diagnosis:
    return Diagnosis(key=key, line=place.line + 1, column=place.column + 1, params=params)


def diagnose(text: str, error: yaml.MarkedYAMLError) -> Diagnosis:
    """Where the mistake behind a PyYAML error is, and which message tells the trainer.

    Args:
        text: The YAML text PyYAML's own (pure-Python) loader refused.
        error: Its error.

    Returns:
        The message key, the line and column (1-based) and the message's values.
    """
    context = error.context or ""
    problem = error.problem or ""
    mark = error.problem_mark or error.context_mark
    if mark is None:  # pragma: no cover - PyYAML's scanner and parser always give one
        return Diagnosis(key="scenario_yaml", line=1, column=1)
    seen = _Seen(text.splitlines(), context, problem, error, _at(mark), _tokens(text, mark.index))
    for rule in _RULES:
        found = rule(seen)
        if found is not None:
            return found
    return _found("scenario_yaml", seen.stop)


def diagnose_character(text: str, position: int, code: int) -> Diagnosis:
    """A character YAML does not allow (a control character), at ``position`` in ``text``."""
    start = text.rfind("\n", 0, position) + 1
    place = _Place(line=text.count("\n", 0, position), column=position - start)
    return _found("scenario_yaml_character", place, code=f"U+{code:04X}")


@attrs.frozen
class _Seen:
    """What a rule looks at: the text, PyYAML's words, where it stopped and the tokens before."""

    lines: list[str]
    context: str
    problem: str
    error: yaml.MarkedYAMLError
    stop: _Place
    tokens: list[yaml.Token]

    def line(self, number: int) -> str:
        return self.lines[number] if number < len(self.lines) else ""

    def char(self, place: _Place) -> str:
        return self.line(place.line)[place.column : place.column + 1]

    def context_place(self) -> _Place:
        mark = self.error.context_mark
        return self.stop if mark is None else _at(mark)


def _tokens(text: str, stop: int) -> list[yaml.Token]:
    """The tokens that start before ``stop``, as far as PyYAML's scanner gets."""
    found: list[yaml.Token] = []
    scanner = yaml.SafeLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()  # type: ignore[no-untyped-call]  # untyped in the stubs
            if token.start_mark.index >= stop:
                break
            found.append(token)
    except yaml.YAMLError:
        pass  # the mistake itself: the tokens before it are what is needed
    finally:
        scanner.dispose()
    return found


def _unclosed_quote(seen: _Seen) -> Diagnosis | None:
    """A quote that opens a text and is never closed: the place of the quote."""
    if seen.context != "while scanning a quoted scalar":
        return None
    place = seen.context_place()
    return _quote(seen.char(place), place)


def _quote(quote: str, place: _Place) -> Diagnosis:
    return _found(
        "scenario_yaml_quote_single" if quote == "'" else "scenario_yaml_quote_double", place
    )


def _runaway_quote(seen: _Seen) -> Diagnosis | None:
    """A quoted text that runs on over lines with fields on them: its quote was not closed.

    The text then ends at the next quote of the same kind ("opa's" further
    down), and PyYAML stops there, far from the mistake.
    """
    for token in seen.tokens:
        if not isinstance(token, yaml.ScalarToken) or token.style not in _QUOTES:
            continue
        first, last = token.start_mark.line, token.end_mark.line
        if first == last:
            continue
        swallowed = any(_KEY.match(seen.line(n)) for n in range(first + 1, last + 1))
        if swallowed or last == seen.stop.line:
            return _quote(str(token.style), _at(token.start_mark))
    return None


def _tab(seen: _Seen) -> Diagnosis | None:
    if seen.char(seen.stop) != "\t":
        return None
    return _found("scenario_yaml_tab", seen.stop)


def _unclosed_bracket(seen: _Seen) -> Diagnosis | None:
    """A ``[`` or ``{`` still open where PyYAML stops, inside it: the place of the bracket."""
    open_: list[yaml.Token] = []
    for token in seen.tokens:
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            open_.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and open_:
            open_.pop()
    if not seen.context.startswith("while parsing a flow") or not open_:
        return None
    place = _at(open_[-1].start_mark)
    bracket = seen.char(place)
    return _found("scenario_yaml_bracket", place, open=bracket, close=_BRACKETS[bracket])


def _text_after_closing(seen: _Seen) -> Diagnosis | None:
    """More text on the line after a closing quote or bracket: ``title: "Anna" zegt``."""
    if not seen.problem.startswith("expected <block end>") or not seen.tokens:
        return None
    last = seen.tokens[-1]
    if last.end_mark.line != seen.stop.line:
        return None
    if isinstance(last, yaml.ScalarToken) and last.style in _QUOTES:
        example = _example(seen.line(seen.stop.line))
        return _found(
            "scenario_yaml_after_quote", seen.stop, quote=str(last.style), example=example
        )
    if isinstance(last, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
        close = seen.char(_at(last.start_mark))
        opened = next(o for o, c in _BRACKETS.items() if c == close)
        example = _example(seen.line(seen.stop.line))
        return _found(
            "scenario_yaml_after_bracket", seen.stop, open=opened, close=close, example=example
        )
    return None


def _no_colon(seen: _Seen) -> Diagnosis | None:
    """A line with neither ``:`` nor ``-``: a list item without a dash, or a field without ``:``."""
    if seen.problem != "could not find expected ':'":
        return None
    place = seen.context_place()
    if _in_list(seen, place.line, place.column):
        return _found("scenario_yaml_dash", place)
    return _found("scenario_yaml_colon_missing", place)


def _in_list(seen: _Seen, number: int, column: int) -> bool:
    """Whether the nearest line above that starts at ``column`` or left of it is a list item."""
    for above in range(number - 1, -1, -1):
        line = seen.line(above)
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if content and not content.startswith("#") and indent <= column:
            return indent == column and (content == "-" or content.startswith(("- ", "-\t")))
    return False


def _no_dash(seen: _Seen) -> Diagnosis | None:
    """A list, and then a line at the list's place that does not start with ``-``."""
    if seen.context != "while parsing a block collection":
        return None
    return _found("scenario_yaml_dash", seen.stop)


def _colon_in_the_way(seen: _Seen) -> Diagnosis | None:
    """``: `` where YAML allows no new field: inside a text, or a field too far to the right."""
    if not seen.problem.startswith("mapping values are not allowed"):
        return None
    line = seen.line(seen.stop.line)
    own = _KEY.match(line)
    if own is not None and own.end() <= seen.stop.column:
        # "question: Let op: wat doen we?": the text itself holds ": ".
        return _found("scenario_yaml_colon", seen.stop, example=_example(line))
    before = line[: seen.stop.column].strip()
    word = before[1:].strip() if before.startswith("-") else before
    field_word = _FIELD_WORD.fullmatch(word) is not None
    indent = len(line) - len(line.lstrip(" "))
    number, above = _line_above(seen, seen.stop.line)
    field_above = _KEY.match(above)
    same_place = above.strip() and len(above) - len(above.lstrip(" ")) == indent
    if field_above is None and field_word and same_place:
        # "name Anna" above "situation: ...": the line above lacks its colon.
        return _found("scenario_yaml_colon_missing", _Place(number, indent))
    if field_above is not None and field_word and indent > field_above.start("key"):
        at = _Place(seen.stop.line, line.rfind(word, 0, seen.stop.column))
        return _found(
            "scenario_yaml_indent_more",
            at,
            name=word,
            above=field_above.group("key"),
            above_line=number + 1,
        )
    return _found("scenario_yaml_colon_text", seen.stop)


def _example(line: str) -> str:
    """The line as it should be: its text in quotes (``question: "Let op: wat?"``)."""
    content = line.lstrip(" ")
    field = _KEY.match(line)
    if field is not None:
        start = field.end()
    else:
        start = len(line) - len(content)
        while line[start : start + 2] in ("- ", "-\t"):
            start = len(line) - len(line[start + 1 :].lstrip(" \t"))
    value = line[start:].strip()
    return line[len(line) - len(content) : start].rstrip() + " " + quoted(value)


def quoted(value: str) -> str:
    """``value`` as YAML text in quotes: double ones where it can, else single ones.

    Single quotes take a backslash as it is; a single quote inside them is doubled.
    """
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return "'" + value.replace("'", "''") + "'"


def _line_above(seen: _Seen, number: int) -> tuple[int, str]:
    """The nearest line above ``number`` with more than a comment on it; ``(-1, "")`` if none."""
    for above in range(number - 1, -1, -1):
        line = seen.line(above)
        content = line.strip()
        if content and not content.startswith("#"):
            return above, line
    return -1, ""


def _out_of_line(seen: _Seen) -> Diagnosis | None:
    """Fields, then a line that is neither one of them nor inside one: indentation, or a dash."""
    if seen.context != "while parsing a block mapping":
        return None
    if seen.problem == "expected <block end>, but found '-'":
        return _found("scenario_yaml_dash_here", seen.stop)
    return _found("scenario_yaml_indent", seen.stop)


def _second_document(seen: _Seen) -> Diagnosis | None:
    if seen.context != "expected a single document in the stream":
        return None
    return _found("scenario_yaml_two_documents", seen.stop)


_STARTERS = (
    "while scanning an anchor",
    "while scanning an alias",
    "while scanning a block scalar",
    "while scanning a tag",
    "while parsing a tag",
)


def _bad_start(seen: _Seen) -> Diagnosis | None:
    """A text that starts with a character that means something else in YAML (``@``, ``*``)."""
    unknown = seen.problem.startswith("found character") and "cannot start" in seen.problem
    if unknown or seen.problem == "mapping keys are not allowed here":
        place = seen.stop
    elif seen.context in _STARTERS:
        place = seen.context_place()
    else:
        return None
    return _found(
        "scenario_yaml_start",
        place,
        character=seen.char(place),
        example=_example(seen.line(place.line)),
    )


def _dash_after_colon(seen: _Seen) -> Diagnosis | None:
    """``pros: - snel``: a list item on the line of its field."""
    if seen.problem != "sequence entries are not allowed here":
        return None
    return _found("scenario_yaml_dash_inline", seen.stop)


def _escape(seen: _Seen) -> Diagnosis | None:
    """A backslash in double quotes that starts no escape YAML knows (``"C:\\map"``)."""
    if seen.context != "while scanning a double-quoted scalar":
        return None
    backslash = seen.line(seen.stop.line).rfind("\\", 0, seen.stop.column + 1)
    return _found("scenario_yaml_escape", _Place(seen.stop.line, backslash))


_RULES = (
    _unclosed_quote,
    _runaway_quote,
    _tab,
    _unclosed_bracket,
    _text_after_closing,
    _no_colon,
    _no_dash,
    _colon_in_the_way,
    _out_of_line,
    _second_document,
    _bad_start,
    _dash_after_colon,
    _escape,
)
"""The rules, most telling first: the first that recognises the mistake names it."""
