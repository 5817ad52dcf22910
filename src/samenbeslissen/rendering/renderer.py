"""Documents from conversations and scenarios: guides, choice cards, summaries and scripts."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import pickle
import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard

import jinja2
import markupsafe
from jinja2.sandbox import ImmutableSandboxedEnvironment

from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.encoding import to_json_types
from samenbeslissen.core.markdown import markdown_escape
from samenbeslissen.core.steps import Step
from samenbeslissen.core.validate import check_language, shown
from samenbeslissen.errors import InputError, TemplateError
from samenbeslissen.i18n import (
    DEFAULT_LANGUAGE,
    KNOWN_LANGUAGES,
    Joined,
    Phrase,
    format_date,
    languages,
    translations,
)
from samenbeslissen.rendering.context import build_context, report_context
from samenbeslissen.rendering.documents import (
    DOCUMENTS,
    FORMATS,
    JSON,
    OUTPUT_FORMATS,
    PDF,
    PLAN_DOCUMENTS,
    REPORT,
)
from samenbeslissen.rendering.limits import (
    DEFAULT_MAX_OUTPUT,
    DEFAULT_TIME_LIMIT,
    RenderTimeout,
    bounded,
    budget,
    check_binop,
    limited_range,
)
from samenbeslissen.rendering.pdf import html_to_pdf
from samenbeslissen.scenarios import Scenario

if TYPE_CHECKING:
    from samenbeslissen.analysis.report import Report

__all__ = ["Renderer", "markdown_escape", "render", "render_pdf", "stylesheet"]


BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
"""The folder of the built-in templates."""

Source: TypeAlias = "Conversation | Scenario | Report"
"""What can become a document: a conversation, a trainer's scenario or a client council report."""


class Renderer:
    """Renders documents; holds one sandboxed Jinja environment, built once.

    The built-in templates live in ``templates/``. What a document says is
    written once, in ``_base/<document>.j2``: it sets ``doc`` (titles,
    sections, lists, tables, script lines) from the context and the texts.
    How it looks is written once per output format, in
    ``_base/_document.<md|html|txt>.j2``.

    The words come from the gettext catalogue of the language rendered
    (see :mod:`samenbeslissen.i18n`), through Jinja's i18n extension: a
    template writes ``_("guide.title")`` for a text, ``_("common.step",
    number=2, label=...)`` to fill in its ``%(name)s`` placeholders, and
    ``ngettext(key, key, count, count=count)`` for a text with plural forms.
    A text that is a list has one entry per line: ``_("guide.intro")|lines``.
    One environment serves every language; a key the catalogue lacks is a
    :class:`~samenbeslissen.errors.TemplateError`, never shown as is.

    A document is looked up as ``<language>/<document>.<ext>.j2``, then
    ``_base/<document>.<ext>.j2``, then the layout ``_base/_document.<ext>.j2``,
    in ``template_dirs`` before the built-in folder. So a folder with
    ``nl/guide.md.j2`` replaces the Dutch Markdown guide, ``_base/guide.md.j2``
    replaces it in every language and ``_base/_document.html.j2`` the look of
    every HTML document. Your own templates can use ``_()`` and ``ngettext()``
    as the built-in ones do.

    Every template, built-in or not, runs in Jinja's immutable sandbox with
    ``StrictUndefined`` and sees only plain data (see :meth:`context`).
    Templates whose name does not end in ``.md.j2`` or ``.txt.j2`` are
    autoescaped, so HTML always is; the content templates
    (``_base/<document>.j2``) only build ``doc`` and write nothing, so their
    texts are escaped where a layout writes them.

    Compiled templates are kept in the user's cache folder (see
    :func:`cache_folder`), so a new process does not compile them again;
    ``SAMENBESLISSEN_NO_CACHE=1`` switches that off.

    A template cannot take the host down: a render that takes longer than
    ``time_limit`` or writes more than ``max_output`` characters stops with a
    :class:`~samenbeslissen.errors.TemplateError`, and so does one that
    recurses without end or computes a huge text or number (see
    :mod:`samenbeslissen.rendering.limits`). Files are read only from inside
    the template folders: a link that leads out of one is not followed.

    Args:
        template_dirs: Folders (or one folder) with templates that replace
            built-in ones of the same name (``nl/guide.md.j2``), searched in
            order before the built-in templates.
        time_limit: Seconds one render may take (default 5).
        max_output: Characters one render may write (default 5,000,000).

    Raises:
        InputError: A template folder does not exist, or a limit is not a
            positive number.

    >>> import samenbeslissen as sb
    >>> from samenbeslissen.rendering.renderer import Renderer
    >>> conv = sb.Conversation(
    ...     "Welke hulp past bij u?",
    ...     client=sb.Participant(name="Mevrouw Jansen"),
    ...     professional=sb.Participant(name="Sanne"),
    ... )
    >>> print(Renderer().render(conv, "next_step").splitlines()[0])
    ## Volgende stap
    """

    __slots__ = ("_env", "_loader", "_templates", "max_output", "template_dirs", "time_limit")

    def __init__(
        self,
        *,
        template_dirs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
        time_limit: float = DEFAULT_TIME_LIMIT,
        max_output: int = DEFAULT_MAX_OUTPUT,
    ) -> None:
        if isinstance(template_dirs, (str, os.PathLike)):
            template_dirs = [template_dirs]
        if isinstance(template_dirs, (bytes, Mapping)) or not isinstance(template_dirs, Iterable):
            raise InputError("expected_type", field="template_dirs", expected="list of folders")
        if (
            isinstance(time_limit, bool)
            or not isinstance(time_limit, (int, float))
            or not (0 < time_limit <= 3600)
        ):
            raise InputError(
                "expected_score", field="time_limit", low=1, high=3600, got=shown(time_limit)
            )
        if isinstance(max_output, bool) or not isinstance(max_output, int) or max_output < 1:
            raise InputError(
                "expected_score", field="max_output", low=1, high=10**9, got=shown(max_output)
            )
        self.time_limit = float(time_limit)
        """Seconds one render may take."""
        self.max_output = max_output
        """Characters one render may write."""
        dirs = []
        for i, folder in enumerate(template_dirs):
            if not isinstance(folder, (str, os.PathLike)) or "\0" in str(folder):
                raise InputError("expected_type", field=f"template_dirs[{i}]", expected="folder")
            dirs.append(Path(folder))
        for i, folder in enumerate(dirs):
            if not folder.is_dir():
                raise InputError(
                    "template_dir_missing", field=f"template_dirs[{i}]", value=str(folder)
                )
        self.template_dirs: tuple[Path, ...] = tuple(dirs)
        """The user's template folders, in search order."""
        self._loader = _Loader([*dirs, BUILTIN_TEMPLATES])
        self._env = _environment(self._loader)
        self._templates: dict[tuple[str, str, str], jinja2.Template] = {}

    def render(
        self,
        source: Source,
        document: str = "guide",
        format: str = "markdown",
        language: str | None = None,
        *,
        fragment: bool = False,
        step: Step | str | None = None,
        actor: str | None = None,
    ) -> str:
        """Render ``document`` from ``source`` as ``format`` in ``language``.

        Args:
            source: A :class:`~samenbeslissen.Conversation` or a trainer's scenario.
            document: One of DOCUMENTS: "guide", "next_step", "option_grid",
                "summary", "script", or for a role play "role_cards",
                "observer_sheet" and "trainer_key".
            format: "markdown", "html", "text", or "json" for a front end that
                lays the document out itself: an object with ``data`` (what the
                templates see, see ``build_context``) and ``doc`` (the document
                they build: title, facts, sections of blocks), in plain JSON
                types, with every label in ``language``. A PDF is bytes, not
                text: :meth:`render_pdf` makes it.
            language: "nl" or "en"; None means the source's own language.
            fragment: For HTML: a ``<div>`` to embed in a page, instead of a
                whole page. Other formats are the same either way.
            step: For a scenario: the step its conversation is played to
                before rendering a document that shows where a conversation
                stands (guide, next step, option grid, summary): "inform"
                (the start, the default), "options", "preferences", "decide"
                or "decided". The trainer's documents (PLAN_DOCUMENTS) always
                show the scenario's whole plan.
            actor: For "role_cards": the name of one person taking part, for
                their card alone; None gives every card.

        Returns:
            The document. The same input always gives the same output.

        Raises:
            InputError: Unknown document, format or language, or a source
                that is neither a conversation nor a scenario.
            TemplateError: A template failed: it uses a missing value, tries
                something the sandbox forbids, or has a syntax error.
        """
        if format == JSON:
            return self._json(source, document, language, step, actor)
        context, template = self._prepare(source, document, format, language, fragment, step, actor)
        try:
            return bounded(lambda: template.generate(context), self.time_limit, self.max_output)
        except _TEMPLATE_FAILURES as error:
            raise self._template_error(error, context["language"]) from None
        except RenderTimeout as error:
            # Raised from outside the template's frames: name the template rendered.
            raise self._template_error(error, context["language"], template.name) from None

    def stylesheet(self) -> str:
        """The CSS of the whole HTML pages (``_base/_style.css.j2``), for a page with fragments.

        A fragment (``fragment=True``) carries no style, so that it takes on
        the look of the page it is put in. A page that wants the documents'
        own look puts this in a ``<style>`` element; the notebook preview
        does, scoped to the preview. A ``_base/_style.css.j2`` in
        ``template_dirs`` replaces the built-in one here too.

        Raises:
            TemplateError: The style template failed.
        """
        name = "_base/_style.css.j2"
        context = {"language": DEFAULT_LANGUAGE}
        try:
            template = self._env.get_template(name)
            return bounded(lambda: template.generate(context), self.time_limit, self.max_output)
        except _TEMPLATE_FAILURES as error:
            raise self._template_error(error, DEFAULT_LANGUAGE) from None
        except RenderTimeout as error:
            raise self._template_error(error, DEFAULT_LANGUAGE, name) from None

    def render_pdf(
        self,
        source: Source,
        document: str = "guide",
        language: str | None = None,
        *,
        step: Step | str | None = None,
        actor: str | None = None,
    ) -> bytes:
        """Render ``document`` from ``source`` as a PDF: the HTML page, printed.

        The page's print style decides the paper: A4, and for the option grid
        A4 landscape, on one page for up to four options. Needs WeasyPrint
        (``pip install 'samenbeslissen[pdf]'``). Laying out the pages is not
        bounded by ``time_limit``; it takes a fraction of a second for a guide.

        Args:
            source: As :meth:`render`.
            document: As :meth:`render`.
            language: As :meth:`render`.
            step: As :meth:`render`.
            actor: As :meth:`render`.

        Returns:
            The PDF file's bytes. The same input always gives the same bytes.

        Raises:
            InputError: As :meth:`render`.
            TemplateError: As :meth:`render`.
            OptionalDependencyError: WeasyPrint, or the Pango libraries it
                needs, is not installed.
        """
        html = self.render(source, document, "html", language, step=step, actor=actor)
        return html_to_pdf(html)

    def _json(
        self,
        source: Source,
        document: str,
        language: str | None,
        step: Step | str | None,
        actor: str | None,
    ) -> str:
        """The document as JSON: the templates' data and the content they build from it."""
        context = self.context(source, document, JSON, language, step=step, actor=actor)
        lang = context["language"]
        try:
            # The content template exports `doc`; the layouts of the other
            # formats import it the same way (see _base/_document.md.j2).
            name = f"_base/{document}.j2"
            with budget(self.time_limit, self.max_output):
                content = self._env.get_template(name).make_module(context)
            exported = getattr(content, "doc", None)  # set by the template, unknown to mypy
            if not isinstance(exported, Mapping):
                raise jinja2.UndefinedError(f"{name} sets no 'doc'")
            doc = _document(exported)
        except (*_TEMPLATE_FAILURES, RenderTimeout) as error:
            raise self._template_error(error, lang) from None
        data = {
            k: v for k, v in context.items() if k not in ("document", "format", "fragment", "actor")
        }
        result = {"document": document, "language": lang, "data": data, "doc": doc}
        return json.dumps(_plain(result), ensure_ascii=False, indent=2) + "\n"

    def context(
        self,
        source: Source,
        document: str = "guide",
        format: str = "markdown",
        language: str | None = None,
        *,
        fragment: bool = False,
        step: Step | str | None = None,
        actor: str | None = None,
    ) -> dict[str, Any]:
        """The data a template gets for these arguments (for writing your own templates).

        Raises:
            InputError: As :meth:`render`.
        """
        return self._prepare(source, document, format, language, fragment, step, actor)[0]

    def _prepare(
        self,
        source: object,
        document: str,
        format: str,
        language: str | None,
        fragment: bool,
        step: Step | str | None = None,
        actor: str | None = None,
    ) -> tuple[dict[str, Any], jinja2.Template]:
        lang = _check_arguments(source, document, format, language)
        played = _check_step(source, step, lang)
        _check_actor(source, document, actor, lang)
        escape_ = markdown_escape if format == "markdown" else _as_is
        if _is_report(source):
            context = report_context(source, lang, escape_)
        else:
            assert isinstance(source, (Conversation, Scenario))
            context = build_context(
                source,
                language=lang,
                escape=escape_,
                plan=document in PLAN_DOCUMENTS,
                step=played,
            )
        context.update(
            document=document, format=format, language=lang, fragment=bool(fragment), actor=actor
        )
        if format == JSON:
            return context, self._env.get_template(f"_base/{document}.j2")
        return context, self._template(document, FORMATS[format], lang)

    def _template(self, document: str, ext: str, language: str) -> jinja2.Template:
        key = (document, ext, language)
        template = self._templates.get(key)
        if template is None:
            names = [
                f"{language}/{document}.{ext}.j2",
                f"_base/{document}.{ext}.j2",
                f"_base/_document.{ext}.j2",
            ]
            try:
                template = self._env.select_template(names)
            except _TEMPLATE_FAILURES as error:
                raise self._template_error(error, language) from None
            self._templates[key] = template
        return template

    def _template_error(
        self, error: BaseException, language: str, rendered: str | None = None
    ) -> TemplateError:
        template, line = self._where(error)
        if template == "?" and rendered:
            template = rendered
        if isinstance(error, jinja2.TemplateSyntaxError):
            key, params = "template_syntax", {"detail": error.message}
        elif isinstance(error, jinja2.TemplateNotFound):
            key, params = "template_not_found", {"name": str(error.name)}
        elif isinstance(error, jinja2.exceptions.SecurityError):
            key, params = "template_unsafe", {"detail": str(error)}
        elif isinstance(error, jinja2.UndefinedError):
            key, params = "template_undefined", {"detail": str(error)}
        elif isinstance(error, RenderTimeout):
            key, params = "template_too_slow", {"seconds": f"{self.time_limit:g}"}
        elif isinstance(error, RecursionError):
            key, params = "template_recursion", {}
        else:
            key, params = "template_failed", {"detail": f"{type(error).__name__}: {error}"}
        return TemplateError(
            key,
            template=template,
            line=line,
            language=language,
            where=_where(template, line),
            **params,
        )

    def _where(self, error: BaseException) -> tuple[str, int | None]:
        """The template and line an error comes from: the innermost template frame."""
        if isinstance(error, jinja2.TemplateSyntaxError) and error.name:
            return error.name, error.lineno
        found: tuple[str, int | None] = ("?", None)
        tb = error.__traceback__
        while tb is not None:
            # Jinja rewrites tracebacks so template frames carry the template's
            # file name and line; it marks them with this global.
            if "__jinja_exception__" in tb.tb_frame.f_globals:
                filename = tb.tb_frame.f_code.co_filename
                found = (self._loader.names.get(filename, filename), tb.tb_lineno)
            tb = tb.tb_next
        return found

    def __repr__(self) -> str:
        dirs = ", ".join(str(d) for d in self.template_dirs)
        return f"Renderer(template_dirs=[{dirs}])"


_DEFAULT: Renderer | None = None


def _default_renderer() -> Renderer:
    global _DEFAULT  # one environment for the built-in templates, built on first use
    if _DEFAULT is None:
        _DEFAULT = Renderer()
    return _DEFAULT


def render(
    source: Source,
    document: str = "guide",
    format: str = "markdown",
    language: str | None = None,
    *,
    fragment: bool = False,
    step: Step | str | None = None,
    actor: str | None = None,
) -> str:
    """Render a built-in document from a conversation or scenario.

    See :meth:`Renderer.render` for the arguments; use a :class:`Renderer`
    with ``template_dirs`` to replace built-in templates with your own.

    >>> import samenbeslissen as sb
    >>> from samenbeslissen.rendering.renderer import render
    >>> conv = sb.Conversation(
    ...     "Welke hulp past bij u?",
    ...     client=sb.Participant(name="Mevrouw Jansen"),
    ...     professional=sb.Participant(name="Sanne"),
    ... )
    >>> print(render(conv, "next_step", language="en").splitlines()[0])
    ## Next step
    """
    return _default_renderer().render(
        source, document, format, language, fragment=fragment, step=step, actor=actor
    )


def stylesheet() -> str:
    """The CSS of the built-in HTML documents (see :meth:`Renderer.stylesheet`)."""
    return _default_renderer().stylesheet()


def render_pdf(
    source: Source,
    document: str = "guide",
    language: str | None = None,
    *,
    step: Step | str | None = None,
    actor: str | None = None,
) -> bytes:
    """Render a built-in document as a PDF, for printing or sending.

    See :meth:`Renderer.render_pdf`; needs ``pip install 'samenbeslissen[pdf]'``.

    >>> import samenbeslissen as sb
    >>> render_pdf(sb.demo_scenario(), "option_grid")[:5]
    b'%PDF-'
    """
    return _default_renderer().render_pdf(source, document, language, step=step, actor=actor)


# -- arguments -------------------------------------------------------------------------


PLAYABLE = (Step.INFORM, Step.OPTIONS, Step.PREFERENCES, Step.DECIDE, Step.DECIDED)
"""The steps a scenario's conversation can be played to before rendering."""


def _check_actor(source: object, document: str, actor: str | None, language: str) -> None:
    """Refuse an actor for another document than the role cards, or one who is not there."""
    if actor is None:
        return
    if document != "role_cards":
        raise InputError("render_actor_document", field="actor", language=language)
    assert isinstance(source, (Conversation, Scenario))  # checked before
    people = people_of(source)
    if actor not in people:
        raise InputError(
            "render_actor_unknown",
            field="actor",
            value=shown(actor),
            known=", ".join(people),
            language=language,
        )


def people_of(source: Conversation | Scenario) -> list[str]:
    """The names of everyone taking part, client and professional first, each once.

    The names an ``actor`` of the role cards can be (a training kit writes a card for each).
    """
    if isinstance(source, Conversation):
        names = [p.name for p in source.participants]
    else:
        names = [source.client.name, source.professional.name, *(o.name for o in source.others)]
    return list(dict.fromkeys(names))


def _check_step(source: object, step: Step | str | None, language: str) -> Step | None:
    """The step to play a scenario to, or None; refused for anything but a scenario."""
    if step is None:
        return None
    allowed = ", ".join(s.value for s in PLAYABLE)
    if not isinstance(source, Scenario):
        raise InputError("render_step_scenario", field="step", language=language)
    try:
        chosen = Step(step)
    except ValueError:
        chosen = None
    if chosen not in PLAYABLE:
        raise InputError(
            "expected_choice", field="step", allowed=allowed, got=repr(step), language=language
        )
    return chosen


def _check_arguments(source: object, document: str, format: str, language: str | None) -> str:
    """Return the language to render in, or raise InputError for a bad argument."""
    own = source.language if isinstance(source, (Conversation, Scenario)) else DEFAULT_LANGUAGE
    says = language if language in languages() else own  # the language errors are in
    if not (isinstance(source, (Conversation, Scenario)) or _is_report(source)):
        raise InputError("render_source", field="source", got=type(source).__name__, language=says)
    if language is not None and language not in languages():
        raise InputError(
            "unknown_language",
            field="language",
            value=language,
            language=says,
            allowed=KNOWN_LANGUAGES,
        )
    documents = (REPORT,) if _is_report(source) else DOCUMENTS
    if document not in documents:
        allowed = ", ".join(documents)
        raise InputError(
            "expected_choice", field="document", allowed=allowed, got=repr(document), language=says
        )
    if format == PDF:
        raise InputError("pdf_not_text", field="format", language=says)
    if format not in OUTPUT_FORMATS:
        allowed = ", ".join(OUTPUT_FORMATS)
        raise InputError(
            "expected_choice", field="format", allowed=allowed, got=repr(format), language=says
        )
    chosen = language or own
    # A scenario built by hand may name any language.
    return check_language(chosen)


def _where(template: str, line: int | None) -> Phrase:
    """The ``where`` of a template message: the template's name, and its line when known."""
    if line is None:
        return Phrase("template_where.no_line", template=template)
    return Phrase("template_where.line", template=template, line=line)


_TEMPLATE_FAILURES = (
    jinja2.TemplateError,
    # What a template's own expressions can raise: 1 / 0, "a" + 1, a[99] ...
    ArithmeticError,
    AttributeError,
    LookupError,
    TypeError,
    ValueError,
    # A macro that calls itself, a template that includes itself.
    RecursionError,
    MemoryError,
)


# -- the environment -------------------------------------------------------------------


class _Loader(jinja2.FileSystemLoader):
    """A file loader that remembers which file is which template, for error messages."""

    def __init__(self, searchpath: list[Path]) -> None:
        super().__init__(searchpath)
        self.names: dict[str, str] = {}
        self._roots = tuple(folder.resolve() for folder in searchpath)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        # A link inside a template folder may not lead out of it (to /etc/passwd).
        real = Path(filename).resolve()
        if not any(real.is_relative_to(folder) for folder in self._roots):
            raise jinja2.exceptions.SecurityError(f"{template} links to a file outside the folder")
        self.names[filename] = template
        return source, filename, uptodate


_CONTENT = frozenset({"_base/_shared.j2", *(f"_base/{name}.j2" for name in (*DOCUMENTS, REPORT))})
"""The content templates: they build a document's data for every format and write nothing."""


def _autoescape(name: str | None) -> bool:
    # Everything except Markdown, plain text and content: a user's HTML
    # partial with an unusual name is escaped too. Content is written by a
    # layout, which escapes it for its format; escaping it earlier would put
    # HTML entities into Markdown and text.
    return name is None or not (name in _CONTENT or name.endswith((".md.j2", ".txt.j2")))


_DATA_HOLDERS = (jinja2.utils.Namespace, jinja2.environment.TemplateModule)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, reading plain data quickly.

    A dict's keys come before its methods: ``doc.items`` is the key "items"
    when there is one (Jinja would give the ``items`` method), and the
    common case skips an AttributeError per lookup. The attributes of a
    ``namespace()`` and of an imported template are read directly. Only
    template data comes back this way; everything else goes through the
    sandbox's own checks.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        elif type(obj) in _DATA_HOLDERS and not attribute.startswith("_"):
            # A namespace() holds only template data, an imported template
            # only what it exports: their public attributes are safe to read.
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = _Sandbox(
        loader=loader,
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are read and compiled once; a new Renderer sees changed files.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
    )
    env.globals["range"] = limited_range
    env.filters.update(
        listing=_listing,
        longdate=_longdate,
        lines=_lines,
        sentences=_sentences,
        document=_document,
        wrap=_wrap,
        textgrid=_textgrid,
        short=_short,
    )
    # "_(key, **params)" and "ngettext(key, key, count, **params)" read the
    # catalogue of the language being rendered and fill in the placeholders,
    # as the extension's "newstyle" gettext does; in an autoescaped template
    # the values are escaped. The callables format for themselves, and "_" is
    # the callable itself rather than the extension's alias to it: a guide
    # calls it a hundred times, and each layer of calls in the sandbox costs.
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        _gettext, _ngettext, newstyle=False
    )
    env.globals["_"] = _gettext
    return env


def _is_report(source: object) -> TypeGuard[Report]:
    # A Report can only exist once its module is loaded. Looking there first
    # keeps the report, and the instruments it scores with, out of the
    # processes that render only conversations and scenarios.
    module = sys.modules.get("samenbeslissen.analysis.report")
    return module is not None and isinstance(source, module.Report)


NO_CACHE = "SAMENBESLISSEN_NO_CACHE"
"""Set this environment variable (to anything) to compile templates anew in every process."""

CACHE_DIR = "SAMENBESLISSEN_CACHE_DIR"
"""An environment variable naming the folder for compiled templates, instead of the default."""


def cache_folder() -> Path | None:
    """Where compiled templates are kept between processes; None when caching is off.

    By default a folder in the user's cache folder (``$XDG_CACHE_HOME`` or
    ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%``
    on Windows), or in the folder ``SAMENBESLISSEN_CACHE_DIR`` names. The
    last part of its name is a fingerprint of this module, of Jinja2 and of
    Python, because the compiled code depends on all three.
    """
    if os.environ.get(NO_CACHE):
        return None
    chosen = os.environ.get(CACHE_DIR)
    if chosen:
        return Path(chosen) / f"templates-{_fingerprint()}"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "samenbeslissen" / f"templates-{_fingerprint()}"


@functools.cache
def _fingerprint() -> str:
    # The environment's settings and filters are written in this file: when it
    # changes, so may the compiled code, so a new folder is used. Its size and
    # time stand for its content (hashing it would cost more than it saves).
    own = os.stat(__file__)
    python = ".".join(map(str, sys.version_info[:3]))
    return f"jinja{jinja2.__version__}-py{python}-{own.st_size}-{own.st_mtime_ns}"


class _Cache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache, for which a disk problem is never an error of the render.

    A folder that cannot be written (read-only, full, someone else's) or a
    damaged cache file means the template is compiled as if there were no
    cache.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # the next process compiles it again
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk, so that a new process need not compile them again.

    Jinja2 checks each cached template against its source, so a changed or
    overriding template is compiled anew. A folder that cannot be made or
    written means no cache, never an error.
    """
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))


# -- texts -----------------------------------------------------------------------------


@functools.cache
def _text(language: str, key: str) -> str:
    """The catalogue's plain text ``key`` in ``language``, looked up once per process."""
    catalogue = translations(language)
    found = catalogue.gettext(key)
    if found == key:
        raise jinja2.UndefinedError(f"the catalogue has no text {key!r}")
    if catalogue.ngettext(key, key, 1) != key:
        # gettext quietly gives the singular of a plural text.
        raise jinja2.UndefinedError(f"the text {key!r} has plural forms: use ngettext")
    return found


def _filled(context: jinja2.runtime.Context, found: str, params: dict[str, Any]) -> str:
    # A catalogue text is plain text: an HTML template shows its quotes and
    # ampersands as they are, and escapes the values put into it (Markup's %).
    if context.eval_ctx.autoescape:
        return markupsafe.escape(found) % params
    return found % params


@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, key: str, /, **params: Any) -> str:
    """``_(key, name=value)``: the catalogue text in the document's language, filled in.

    A missing key is an error, never the key shown as text.
    """
    return _filled(context, _text(str(context.resolve_or_missing("language")), key), params)


@jinja2.pass_context
def _ngettext(
    context: jinja2.runtime.Context, singular: str, plural: str, count: int, /, **params: Any
) -> str:
    """``ngettext(key, key, n, name=value)``: the plural form for ``n``; ``num`` is ``n``."""
    language = str(context.resolve_or_missing("language"))
    found = translations(language).ngettext(singular, plural, count)
    if found in (singular, plural):
        raise jinja2.UndefinedError(f"the catalogue has no plural text {singular!r}")
    params.setdefault("num", count)
    return _filled(context, found, params)


# -- escaping --------------------------------------------------------------------------


def _as_is(text: str) -> str:
    return text


# -- filters ---------------------------------------------------------------------------


@jinja2.pass_context
def _listing(context: jinja2.runtime.Context, items: Iterable[object]) -> str:
    """Join items as in running text: "A, B en C"."""
    language = str(context.resolve_or_missing("language"))
    if context.eval_ctx.autoescape:
        # Escape each item once (a translated text is escaped already), so the
        # joined text can go into a translated text unchanged.
        escaped = [str(markupsafe.escape(item)) for item in items]
        return markupsafe.Markup(Joined(escaped).label(language))
    return Joined(str(item) for item in items).label(language)


@jinja2.pass_context
def _longdate(context: jinja2.runtime.Context, value: dt.date) -> str:
    """A date written out in the document's language: "2 maart 2026"."""
    return format_date(value, str(context.resolve_or_missing("language")))


def _lines(text: str) -> list[str]:
    """The entries of a text that is a list, one a line: ``_("guide.intro")|lines``."""
    return text.splitlines()  # a Markup text gives Markup lines


def _plain(value: Any) -> Any:
    """``value`` as plain JSON types: mappings, lists, text, numbers, booleans, null."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return str(value)  # Markup too: the JSON holds the text, not an HTML object
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return to_json_types(value)


_BLOCK_DEFAULTS: dict[str, Any] = {"title": None, "label": None, "style": "bullet", "note": None}


def _document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Give a document's content every key the layouts read (see _base/_document.md.j2).

    Missing optional keys get their defaults and every list entry becomes
    ``{text, entries}``, so the layouts need no tests for what is there.
    """
    return {
        "level": doc.get("level", 1),
        "title": doc["title"],
        "subtitle": doc.get("subtitle"),
        "facts": list(doc.get("facts") or ()),
        "intro": list(doc.get("intro") or ()),
        "sections": [
            {
                "level": section.get("level", 2),
                "title": section["title"],
                "mark": section.get("mark"),
                "state": section.get("state"),
                "current": section.get("state") == "current",
                "page": bool(section.get("page")),
                "blocks": [_block(b) for b in section.get("blocks") or ()],
            }
            for section in doc.get("sections") or ()
        ],
    }


def _block(block: Mapping[str, Any]) -> dict[str, Any]:
    shaped = {**_BLOCK_DEFAULTS, **block}
    if shaped["type"] == "list":
        shaped["entries"] = [
            entry if isinstance(entry, Mapping) else {"text": entry, "entries": ()}
            for entry in shaped["entries"]
        ]
    return shaped


def _sentences(items: Iterable[object]) -> str:
    """Join texts into running text, ending each one with a full stop if it has none."""
    done = []
    for item in items:
        text = str(item).strip()
        if text and not text.endswith(_SENTENCE_ENDS):
            text += "."
        done.append(text)
    return " ".join(t for t in done if t)


_SENTENCE_ENDS = (".", "!", "?", "\u2026", ":", ";", '"', "\u201d", "\u2019", "'", ")")


def _wrap(text: str, width: int = 78, indent: str = "") -> str:
    """Wrap plain text at ``width``; lines after the first start with ``indent``."""
    return textwrap.fill(
        str(text),
        width=width,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    )


_SHORT_SECTION = 12
_SHORT_BLOCK = 8


def _short(section: Mapping[str, Any]) -> dict[str, Any]:
    """Which parts of a section are short enough to keep on one printed page (class sb-short).

    Counted roughly in lines: a table row as three, pictures as eight, a list
    entry and each of its sub-entries as one, a text block as one. A section
    of up to 12 lines is short, and so is a list or checklist of up to 8; a
    table may run over pages between its rows, and a text block never breaks
    anyway (the print style says so). Returns ``{section: bool, blocks: [bool]}``.
    """
    total, blocks = 0, []
    for block in section["blocks"]:
        kind = block["type"]
        if kind == "table":
            lines = 3 * (len(block["rows"]) + 1)
        elif kind == "pictures":
            lines = 8
        elif kind == "text":
            lines = 1
        elif kind == "list":
            lines = sum(1 + len(entry["entries"]) for entry in block["entries"])
        else:  # facts, lines, observe, and a type of the user's own
            lines = len(block.get("entries") or ())
        total += lines + (1 if block.get("title") else 0)
        blocks.append(lines <= _SHORT_BLOCK and kind not in ("table", "text"))
    return {"section": total <= _SHORT_SECTION, "blocks": blocks}


def _textgrid(rows: Iterable[Iterable[object]], width: int = 100, first: int = 22) -> str:
    """A plain-text table with wrapped cells, the first row as the header.

    A cell is a text or a list of texts (written as a list with dashes).
    ``first`` is the width of the first column; the others share the rest.
    """
    table = [[_cell_lines(cell) for cell in row] for row in rows]
    columns = max(len(row) for row in table)
    rest = max(width - first - 3 * columns - 1, 10 * (columns - 1))
    widths = [first] + [max(rest // max(columns - 1, 1), 10)] * (columns - 1)
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    header_rule = rule.replace("-", "=")
    out = [rule]
    for index, row in enumerate(table):
        wrapped = [_wrap_cell(row[i] if i < len(row) else [], widths[i]) for i in range(columns)]
        height = max(len(cell) for cell in wrapped)
        for n in range(height):
            cells = [
                (cell[n] if n < len(cell) else "").ljust(widths[i])
                for i, cell in enumerate(wrapped)
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append(header_rule if index == 0 else rule)
    return "\n".join(out)


def _cell_lines(cell: object) -> list[str]:
    if isinstance(cell, (list, tuple)):
        return [f"- {item}" for item in cell]
    return [str(cell)]


def _wrap_cell(paragraphs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        indent = "  " if paragraph.startswith("- ") else ""
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=width,
                subsequent_indent=indent,
                break_long_words=True,
                break_on_hyphens=False,
            )
            or [""]
        )
    return lines or [""]
