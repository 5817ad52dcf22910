"""The documents the renderer makes and the formats it writes: light, for the command line."""

from __future__ import annotations

__all__ = ["DOCUMENTS", "FORMATS", "JSON", "OUTPUT_FORMATS", "PDF", "PLAN_DOCUMENTS", "REPORT"]

DOCUMENTS = (
    "guide",
    "next_step",
    "option_grid",
    "summary",
    "script",
    "role_cards",
    "observer_sheet",
    "trainer_key",
)
"""The built-in documents of a conversation or a scenario."""

PLAN_DOCUMENTS = ("script", "role_cards", "observer_sheet", "trainer_key")
"""The trainer's documents: they show a scenario's whole plan, not a step of its conversation."""

FORMATS = {"markdown": "md", "html": "html", "text": "txt"}
"""Output format to the file extension of its templates (``guide.md.j2``)."""

JSON = "json"
"""The format for a front end: the data the templates see, and the document they build."""

OUTPUT_FORMATS = (*FORMATS, JSON)
"""Every format ``render`` writes: those with templates, and JSON."""

PDF = "pdf"
"""The HTML document printed to PDF: bytes, not text, so ``render_pdf`` makes it."""

REPORT = "report"
"""The document a client council report renders as (and the only one)."""
