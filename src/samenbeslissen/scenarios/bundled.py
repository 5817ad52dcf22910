"""The scenario files shipped with the package: the demo, the starters and the JSON Schema."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from samenbeslissen.core.validate import check_language
from samenbeslissen.errors import InputError
from samenbeslissen.i18n import DEFAULT_LANGUAGE, languages
from samenbeslissen.scenarios.loader import loads_scenario
from samenbeslissen.scenarios.model import Scenario

__all__ = [
    "DEMO_SCENARIO",
    "demo_scenario",
    "scenario_schema",
    "starter_languages",
    "starter_scenario",
]

_PACKAGE = Path(__file__).parent.parent
# The package's own files are read from its folder, as the renderer reads its
# templates: importlib.resources would add some 10 ms to every start.

DEMO_SCENARIO = "wmo-huishoudelijke-hulp.yaml"
"""The example scenario bundled with the package, used by :func:`demo_scenario`."""


def starter_languages() -> tuple[str, ...]:
    """The languages with a starter scenario, in the order of ``i18n.languages()``.

    A language added as a folder of catalogues has no starter until one is
    added to ``starters/``.
    """
    return tuple(code for code in languages() if (_PACKAGE / "starters" / f"{code}.yaml").is_file())


def starter_scenario(language: str = DEFAULT_LANGUAGE) -> str:
    """A new scenario file to fill in: YAML with a comment on every field.

    The starter is a complete, valid scenario (it loads as is), so a trainer
    can change it step by step and check it along the way.

    Args:
        language: A language of :func:`starter_languages` ("nl": comments and
            texts in Dutch, "en": in English).

    Raises:
        InputError: There is no starter in ``language``.
    """
    check_language(language)
    if language not in starter_languages():
        allowed = ", ".join(f"'{code}'" for code in starter_languages())
        raise InputError("starter_missing", field="language", value=language, allowed=allowed)
    return (_PACKAGE / "starters" / f"{language}.yaml").read_text(encoding="utf-8")


@functools.cache
def demo_scenario() -> Scenario:
    """The bundled demo: replacing household help under the Wmo, with a cliëntondersteuner.

    The same file is ``examples/wmo-huishoudelijke-hulp.yaml`` in the source tree.
    """
    text = (_PACKAGE / "examples" / DEMO_SCENARIO).read_text(encoding="utf-8")
    return loads_scenario(text, source=f"samenbeslissen/examples/{DEMO_SCENARIO}")


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the scenario format, for editors and other tools.

    The loader checks more than the schema can say: unique keys, ratings and
    the decision naming known options, speakers who take part.
    """
    resource = _PACKAGE / "schemas" / "scenario.schema.json"
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema
