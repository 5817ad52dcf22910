"""The documents the renderer makes and the formats it writes: light, for the command line."""

from __future__ import annotations

__all__ = ["DOCUMENTS", "FORMATS", "REPORT"]

DOCUMENTS = ("guide", "next_step", "option_grid", "summary", "script")
"""The built-in documents of a conversation or a scenario."""

FORMATS = {"markdown": "md", "html": "html", "text": "txt"}
"""Output format to the file extension of its templates (``guide.md.j2``)."""

REPORT = "report"
"""The document a client council report renders as (and the only one)."""
