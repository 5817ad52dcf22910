"""Execute the notebooks and write their output as Markdown pages for the docs.

Run: python docs/notebooks/build.py

Each ``NAME.ipynb`` here is run top to bottom in a real Jupyter kernel
(nbclient + ipykernel); a cell that raises stops the build. The result is
written to ``NAME.md`` beside it, with bar charts saved as SVG files in
``NAME_files/``. The test suite runs the same build and fails when a page is
out of date, so the docs always show what the notebooks really produce.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).parent
NOTEBOOKS = ("verkennen", "explore")
TIMEOUT = 120


def execute(name: str) -> Any:
    """Run notebook ``name`` in a fresh kernel, with the notebook's folder as working directory."""
    notebook = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
    client = NotebookClient(
        notebook, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": HERE}}
    )
    client.execute()
    return notebook


def _output(output: Any, files: dict[str, str], name: str) -> str:
    kind = output["output_type"]
    if kind == "stream":
        return f"```text\n{output['text'].rstrip()}\n```"
    if kind == "error":  # pragma: no cover - execute() raises before this
        raise RuntimeError(f"{name}: {output['ename']}: {output['evalue']}")
    data = output.get("data", {})
    html = data.get("text/html", "")
    if html.lstrip().startswith("<svg"):
        file = f"{name}_files/output_{len(files) + 1}.svg"
        files[file] = html
        return f"![]({file})"
    if "text/markdown" in data:
        return str(data["text/markdown"]).rstrip()
    return f"```text\n{str(data.get('text/plain', '')).rstrip()}\n```"


def to_markdown(notebook: Any, name: str) -> tuple[str, dict[str, str]]:
    """The executed notebook as one Markdown page, and the SVG files it refers to."""
    parts: list[str] = [
        f"<!-- Made by docs/notebooks/build.py from {name}.ipynb; do not edit by hand. -->"
    ]
    files: dict[str, str] = {}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source.strip())
        elif cell.cell_type == "code":
            parts.append(f"```python\n{cell.source.strip()}\n```")
            parts.extend(_output(output, files, name) for output in cell.get("outputs", []))
    return "\n\n".join(parts) + "\n", files


def build(name: str) -> tuple[str, dict[str, str]]:
    """Execute notebook ``name`` and return its Markdown page and SVG files."""
    return to_markdown(execute(name), name)


def main() -> int:
    for name in NOTEBOOKS:
        page, files = build(name)
        (HERE / f"{name}.md").write_text(page, encoding="utf-8")
        folder = HERE / f"{name}_files"
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.svg"):
            old.unlink()
        for file, content in files.items():
            (HERE / file).write_text(content, encoding="utf-8")
        print(f"wrote {name}.md and {len(files)} figure(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
