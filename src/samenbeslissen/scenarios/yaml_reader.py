"""The safe YAML reader: plain data with every value's line; aliases, tags, duplicates refused."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs
import yaml

from samenbeslissen.errors import ScenarioError
from samenbeslissen.i18n import languages
from samenbeslissen.scenarios.field_paths import FieldPath, format_path
from samenbeslissen.scenarios.kinds import kind
from samenbeslissen.scenarios.yaml_syntax import diagnose, diagnose_character

__all__ = ["MAX_SCENARIO_SIZE", "Spot", "read_yaml", "too_large"]

MAX_SCENARIO_SIZE = 1_000_000
"""The largest scenario accepted: bytes of a file, characters of a text (about 1 MB).

A real scenario is a few kilobytes; anything this large is the wrong file.
"""

_MAX_DEPTH = 32
"""Deepest nesting the YAML reader accepts; a scenario needs six levels."""


def too_large(source: str | None) -> ScenarioError:
    """The error for a text or file over :data:`MAX_SCENARIO_SIZE`."""
    limit = f"{MAX_SCENARIO_SIZE / 1_000_000:g} MB"
    return ScenarioError("scenario_too_large", field="", file=source, limit=limit)


@attrs.frozen
class Spot:
    """Where a value was in the YAML text, and how it was written when YAML read a non-text."""

    line: int
    key_line: int | None = None
    raw: str | None = None


class _RefusedError(Exception):
    """YAML that parses but that a scenario does not accept (aliases, tags, duplicate keys)."""

    def __init__(self, key: str, line: int, path: FieldPath = (), **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.path = path
        self.params = params


def _line(mark: Any) -> int:
    return 1 if mark is None else mark.line + 1


_FAST = getattr(yaml, "CSafeLoader", None)
"""PyYAML's loader on libyaml (C), about 15 times faster; None where PyYAML was built without it."""

_NODE_STARTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NODE_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_events(events: Iterable[yaml.Event]) -> None:
    """Refuse aliases and deep nesting before any node is composed.

    Aliases make one node appear in many places; a scenario never needs that,
    and refusing them rules out exponential "billion laughs" input. Checking
    the flat stream of events first means the composer, which recurses, never
    meets a deep document.
    """
    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise _RefusedError("scenario_alias", _line(event.start_mark))
        if isinstance(event, _NODE_STARTS):
            if depth + 1 > _MAX_DEPTH:
                raise _RefusedError("scenario_too_deep", _line(event.start_mark))
            if not isinstance(event, yaml.ScalarEvent):
                depth += 1
        elif isinstance(event, _NODE_ENDS):
            depth -= 1


class _Loader(yaml.SafeLoader):
    """The pure-Python safe loader, checking each event as it composes (no libyaml)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
        if isinstance(event, yaml.AliasEvent):
            raise _RefusedError("scenario_alias", _line(event.start_mark))
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise _RefusedError("scenario_too_deep", _line(event.start_mark))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    """The loader used and the document's root node (None for an empty document)."""
    # libyaml accepts a tab inside plain text where PyYAML's own reader refuses
    # it; a text with a tab goes to the pure-Python loader, so that a scenario
    # is valid or not whatever the machine has installed.
    if _FAST is not None and "\t" not in text:
        try:
            checker = _FAST(text)
            try:
                _check_events(iter(checker.get_event, None))
            finally:
                checker.dispose()
            loader = _FAST(text)
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            # Text that is not YAML: the pure-Python loader below reads it again,
            # so the error, its line and its wording are the same with or without
            # libyaml. Only broken files pay for the second reading.
            pass
    loader = _Loader(text)  # its reader checks the characters here
    return loader, loader.get_single_node()


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("null", "bool", "int", "float", "timestamp", "str"))
_VERBATIM_TAGS = frozenset(_TAG + t for t in ("merge", "value"))
"""Tags the resolver gives to ``<<`` and ``=``; a scenario reads them as plain text."""


class _Reader:
    """Turns a composed YAML node tree into plain data, noting each value's line."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader
        self.spots: dict[FieldPath, Spot] = {}

    def value(self, node: yaml.Node, path: FieldPath, key_line: int | None = None) -> object:
        line = _line(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node, path)
            raw = None if isinstance(value, str) else str(node.value)
            self.spots[path] = Spot(line=line, key_line=key_line, raw=raw)
            return value
        self.spots[path] = Spot(line=line, key_line=key_line)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq", path)
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "map", path)
            return self._mapping(node, path)
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover - PyYAML has three

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_line = _line(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _RefusedError("scenario_complex_key", key_line, path)
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                raw = str(key_node.value)
                raise _RefusedError(
                    "scenario_key_not_text", key_line, (*path, raw), value=raw, got=kind(key)
                )
            where = (*path, key)
            if key in result:
                first = self.spots[where].key_line
                # In a list item, a field twice is most often a new item without its dash.
                in_item = bool(path) and isinstance(path[-1], int)
                raise _RefusedError(
                    "scenario_duplicate_field_item" if in_item else "scenario_duplicate_field",
                    key_line,
                    where,
                    first=first,
                )
            result[key] = self.value(value_node, where, key_line)
        return result

    def _check_tag(self, node: yaml.Node, collection: str, path: FieldPath) -> None:
        if node.tag != _TAG + collection:
            raise _RefusedError("scenario_tag", _line(node.start_mark), path, tag=_tag(node))

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> object:
        if node.tag in _VERBATIM_TAGS:
            return str(node.value)
        if node.tag not in _SCALAR_TAGS:
            raise _RefusedError("scenario_tag", _line(node.start_mark), path, tag=_tag(node))
        try:
            value: object = self._loader.construct_object(node)
        except ValueError:
            # YAML took it for a date or number it cannot build (2024-13-45): it is text.
            return str(node.value)
        if isinstance(value, str) and node.style in ("|", ">"):
            # A block text ends with a line break; a scenario's texts do not.
            return value.rstrip("\n")
        return value


def _tag(node: yaml.Node) -> str:
    """A node's tag as a trainer wrote it: ``!!binary``, not ``tag:yaml.org,2002:binary``."""
    tag = str(node.tag)
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def read_yaml(text: str, source: str | None) -> tuple[object, dict[FieldPath, Spot]]:
    """Parse YAML ``text`` into plain data and the line of every value.

    Args:
        text: The YAML text, at most :data:`MAX_SCENARIO_SIZE` characters.
        source: Where the text came from (a file name), named in error messages.

    Returns:
        The plain data, and the spot of every value by its field path.

    Raises:
        ScenarioError: The text is too large, empty or not YAML, or uses YAML a
            scenario refuses (aliases, tags, duplicate or non-text keys, deep nesting).
            A text that is not YAML gives the line and column of the mistake.
    """
    if len(text) > MAX_SCENARIO_SIZE:
        raise too_large(source)
    language = _language_of(text)
    loader: Any = None
    try:
        loader, node = _compose(text)
        if node is None:
            raise ScenarioError(
                "scenario_empty", field="", file=source, line=None, scenario_language=language
            )
        reader = _Reader(loader)
        return reader.value(node, ()), reader.spots
    except _RefusedError as refusal:
        raise ScenarioError(
            refusal.key,
            field=format_path(refusal.path),
            file=source,
            line=refusal.line,
            scenario_language=language,
            **refusal.params,
        ) from None
    except yaml.MarkedYAMLError as error:
        found = diagnose(text, error)
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow (a control character); text input gives its code.
        found = diagnose_character(text, error.position, int(error.character))
    finally:
        if loader is not None:
            loader.dispose()
    raise ScenarioError(
        found.key,
        field="",
        file=source,
        line=found.line,
        column=found.column,
        scenario_language=language,
        **found.params,
    )


_LANGUAGE_LINE = re.compile(r"^language:[ \t]*(['\"]?)([A-Za-z_-]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)


def _language_of(text: str) -> str | None:
    """The language a scenario's text names on its own line (``language: en``), if known.

    The decoder speaks the scenario's language; this gives the reader the
    same language for a text it cannot read, or reads but refuses.
    """
    found = _LANGUAGE_LINE.search(text)
    if found is not None and found.group(2) in languages():
        return found.group(2)
    return None
