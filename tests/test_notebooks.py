"""The notebooks run top to bottom in a real kernel, and the docs show their current output."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).parent.parent / "docs" / "notebooks"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebook_build", HERE / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()


# What each page must show of the notebook views, in the notebook's language.
SHOWN = {
    "verkennen": ("Gedeeld eerste: ", "Dit vraagt de gids in stap 1", "De keuze kantelt naar Werk"),
    "explore": ("Shared first: ", "What the guide asks in step 1", "The choice flips to Werk"),
}


@pytest.mark.parametrize("name", build.NOTEBOOKS)
def test_the_notebook_runs_and_its_docs_page_is_current(name: str) -> None:
    page, files = build.build(name)  # raises if any cell errors
    assert 2 == page.count("![]("), "a bar chart is missing: the ranking's, or the tie's"
    assert "```mermaid" in page, "the diagram is missing"
    assert "\n<Scenario 'Een stap naar werk" in page, "the scenario's one-line repr is missing"
    assert "| Scenario | Een stap naar werk" in page, "the scenario's table is missing"
    for text in SHOWN[name]:
        assert text in page
    for file, content in files.items():
        assert content == (HERE / file).read_text(encoding="utf-8"), (
            f"{file} is out of date: run python docs/notebooks/build.py"
        )
    assert page == (HERE / f"{name}.md").read_text(encoding="utf-8"), (
        f"docs/notebooks/{name}.md is out of date: run python docs/notebooks/build.py"
    )
