"""A training kit: every document a role play needs, one file per document and per actor."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import attrs

from samenbeslissen.errors import InputError
from samenbeslissen.i18n import text
from samenbeslissen.rendering.documents import FORMATS, PDF
from samenbeslissen.rendering.renderer import Renderer, people_of
from samenbeslissen.scenarios import Scenario

__all__ = ["KIT_DOCUMENTS", "KIT_FORMATS", "KitFile", "write_kit"]

KIT_DOCUMENTS = (
    "role_cards",
    "observer_sheet",
    "trainer_key",
    "script",
    "option_grid",
    "summary",
)
"""What a kit holds: the role cards (all, and one file per actor), the observer sheet,
the trainer's key, the script, the option grid as a handout (nothing chosen yet) and
the client's summary as the conversation is planned to end."""

KIT_FORMATS = (*FORMATS, PDF)
"""The forms a kit is written in: HTML (print it from a browser), Markdown, text, or PDF
(with the ``pdf`` extra)."""

_STEP = {"summary": "decided"}
"""The step a document shows the scenario at, where it is not the start or the plan."""


@attrs.frozen(kw_only=True)
class KitFile:
    """One file of a kit.

    Attributes:
        path: Where it was written.
        document: The document it holds (one of KIT_DOCUMENTS).
        actor: For a role card of one person, their name; else None.
    """

    path: Path
    document: str
    actor: str | None = None


def write_kit(
    scenario: Scenario,
    folder: str | os.PathLike[str],
    *,
    format: str = "html",
    language: str | None = None,
    renderer: Renderer | None = None,
) -> tuple[KitFile, ...]:
    """Write a training kit for ``scenario`` into ``folder`` (made if it is missing).

    Every document of KIT_DOCUMENTS becomes one file, and each person taking
    part gets a file with their own role card, to hand out. File names are in
    the kit's language ("rolkaart-daan-visser.html"). Existing files of the
    same names are replaced; other files in the folder are left alone.

    Args:
        scenario: The trainer's scenario.
        folder: The folder to write to.
        format: "html" (to print from a browser), "markdown", "text", or
            "pdf" (needs ``pip install 'samenbeslissen[pdf]'``).
        language: "nl" or "en"; None means the scenario's own.
        renderer: A renderer with the trainer's own templates, if any.

    Returns:
        The files written, in the order of KIT_DOCUMENTS, each actor's card
        after all cards.

    Raises:
        InputError: Not a scenario, an unknown format or language, or a folder
            that cannot be made or written (the message names it).
        TemplateError: A template failed.
        OptionalDependencyError: "pdf" without WeasyPrint.
    """
    if not isinstance(scenario, Scenario):
        raise InputError("expected_type", field="scenario", expected="Scenario")
    if format not in KIT_FORMATS:
        allowed = ", ".join(KIT_FORMATS)
        raise InputError("expected_choice", field="format", allowed=allowed, got=repr(format))
    made = renderer or Renderer()
    lang = language or scenario.language

    def make(document: str, actor: str | None = None) -> str | bytes:
        step = _STEP.get(document)
        if format == PDF:
            return made.render_pdf(scenario, document, lang, step=step, actor=actor)
        return made.render(scenario, document, format, lang, step=step, actor=actor)

    rendered: list[tuple[str, str | None, str | bytes]] = []
    for document in KIT_DOCUMENTS:
        rendered.append((document, None, make(document)))
        if document == "role_cards":
            rendered.extend(
                (document, person, make(document, person)) for person in people_of(scenario)
            )
    # Everything rendered before anything is written: a failing template leaves no half kit.
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            "kit_folder", field="", folder=str(target), detail=_reason(error), language=lang
        ) from None
    extension = FORMATS.get(format, format)
    written: list[KitFile] = []
    for document, actor, content in rendered:
        name = text(f"kit.file.{document}", lang)
        if actor is not None:
            name = text("kit.file.actor", lang, document=name, name=_slug(actor))
        path = target / f"{name}.{extension}"
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise InputError(
                "kit_folder", field="", folder=str(path), detail=_reason(error), language=lang
            ) from None
        written.append(KitFile(path=path, document=document, actor=actor))
    return tuple(written)


def _slug(name: str) -> str:
    """A name as a safe part of a file name: "Daan Visser" is "daan-visser"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "persoon"


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
