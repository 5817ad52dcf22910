"""PDF from an HTML document, printed by WeasyPrint (the optional extra ``pdf``)."""

from __future__ import annotations

import importlib.util
from typing import Any

from samenbeslissen.errors import OptionalDependencyError

__all__ = ["available", "html_to_pdf"]


def available() -> bool:
    """True when WeasyPrint is installed, so that documents can become PDF.

    Found without importing it: importing WeasyPrint takes about half a second.
    """
    try:
        return importlib.util.find_spec("weasyprint") is not None
    except ValueError:  # a module object without a spec stands in for it (tests)
        return False


def html_to_pdf(html: str) -> bytes:
    """Print a whole HTML page to PDF, with the page's print style (paper size, margins).

    Only ``data:`` URLs are read: a picture in the page is a data URI, and a
    template cannot make the PDF fetch a file of the server or a web address.
    The PDF is tagged (its headings, lists and tables are marked), so that a
    screen reader can read it aloud, and the same page always gives the same bytes.

    Raises:
        OptionalDependencyError: WeasyPrint is not installed, or the Pango
            libraries it needs are missing from the system.
    """
    weasyprint = _import()
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_tags=True)
    return pdf


def _import() -> Any:
    """The weasyprint module, or an error that says what to install."""
    if not available():
        raise OptionalDependencyError("missing_extra", package="WeasyPrint", extra="pdf")
    try:
        import weasyprint
    except OSError as error:
        # WeasyPrint loads Pango, a system library, when it is imported.
        raise OptionalDependencyError("missing_pango", package="pango", detail=str(error)) from None
    return weasyprint
