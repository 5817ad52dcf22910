"""The one edge that goes up a layer is the notebook display hook, and only from the hooks."""

from __future__ import annotations

import ast
from pathlib import Path

import samenbeslissen as sb

SRC = Path(sb.__file__).parent
LOWER = ("core", "scenarios", "analysis")
HOOKS = frozenset({"_repr_html_", "_repr_markdown_", "to_frame", "to_markdown", "to_html"})
DISPLAY = ("samenbeslissen.explore.display", "samenbeslissen.explore.frames")


def upward_imports(folder: Path) -> list[tuple[str, str, str]]:
    """(file, function, module) of every import of the display modules, and where it is."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(DISPLAY):
                    found.append((path.name, function.name, node.module or ""))
    return found


def test_lower_layers_reach_the_display_modules_only_from_the_notebook_hooks() -> None:
    found = [hit for layer in LOWER for hit in upward_imports(SRC / layer)]
    assert len(found) >= 8, "the hooks are seen"
    assert [] == [hit for hit in found if hit[1] not in HOOKS]


def test_the_check_sees_an_import_outside_a_hook(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "def sentences():\n    from samenbeslissen.explore.display import x\n", encoding="utf-8"
    )
    assert [("m.py", "sentences", "samenbeslissen.explore.display")] == upward_imports(tmp_path)
