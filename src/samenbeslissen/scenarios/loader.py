"""Reading a scenario from a file or from YAML text: read, then decode."""

from __future__ import annotations

import os

from samenbeslissen.errors import ScenarioError
from samenbeslissen.i18n import Phrase
from samenbeslissen.scenarios.decoder import decode
from samenbeslissen.scenarios.model import Scenario
from samenbeslissen.scenarios.yaml_reader import MAX_SCENARIO_SIZE, read_yaml, too_large

__all__ = ["load_scenario", "loads_scenario"]

_NOT_A_FILE_NAME = Phrase("word.not_a_file_name")


def loads_scenario(text: str | bytes, *, source: str | None = None) -> Scenario:
    """Read a scenario from YAML text.

    Args:
        text: The YAML text, at most :data:`MAX_SCENARIO_SIZE` characters;
            or its bytes in UTF-8.
        source: Where the text came from (a file name), named in error messages.

    Returns:
        The checked scenario.

    Raises:
        ScenarioError: The text is not YAML, or not a valid scenario; ``line``
            and ``field`` say where; or it is not text (bytes must be UTF-8).
    """
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise ScenarioError("scenario_encoding", field="", file=source, line=line) from None
    if not isinstance(text, str):
        raise ScenarioError("scenario_not_mapping", field="", file=source, got=type(text).__name__)
    if source is not None and not isinstance(source, str):
        raise ScenarioError("scenario_unreadable", field="source", detail=_NOT_A_FILE_NAME)
    data, spots = read_yaml(text, source)
    return decode(data, source, spots)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario file (YAML, UTF-8).

    Files larger than :data:`MAX_SCENARIO_SIZE` bytes are refused before they are read.

    Args:
        path: The file to read.

    Returns:
        The checked scenario; its ``source`` is ``path``.

    Raises:
        ScenarioError: The file does not exist, cannot be read, is too large,
            is not UTF-8, is not YAML, or is not a valid scenario. The message
            starts with ``file:line:``.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ScenarioError(
            "scenario_unreadable", field="", detail=_NOT_A_FILE_NAME, got=type(path).__name__
        )
    name = os.fspath(path)
    if not isinstance(name, str) or "\0" in name:
        raise ScenarioError("scenario_not_found", field="", file=repr(name))
    try:
        with open(name, "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_SCENARIO_SIZE:
                raise too_large(name)
            # Special files report no size: read at most one byte past the limit.
            content = file.read(MAX_SCENARIO_SIZE + 1)
    except FileNotFoundError:
        raise ScenarioError("scenario_not_found", field="", file=name) from None
    except OSError as error:
        detail = error.strerror or type(error).__name__
        raise ScenarioError("scenario_unreadable", field="", file=name, detail=detail) from None
    if len(content) > MAX_SCENARIO_SIZE:
        raise too_large(name)
    return loads_scenario(content, source=name)  # decodes UTF-8, naming the line if not
