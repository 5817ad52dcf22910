"""The command line: demo, render, validate, kit, observations, report, new-scenario, store."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# Only light modules here, so that `--help` and a mistyped command answer at
# once; each command imports what it needs when it runs.
from samenbeslissen.analysis import DEFAULT_THRESHOLD
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.errors import SamenBeslissenError, ScenarioError
from samenbeslissen.i18n import (
    DEFAULT_LANGUAGE,
    languages,
    ntext,
    number_text,
    text,
    translations,
)
from samenbeslissen.rendering.documents import DOCUMENTS, FORMATS, OUTPUT_FORMATS, PDF

if TYPE_CHECKING:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.scenarios import Scenario

    _Commands = argparse._SubParsersAction[argparse.ArgumentParser]
    _Run = Callable[[argparse.Namespace, TextIO, TextIO, str], int]
    """A command: its arguments, the output streams and the language of messages; the status."""

__all__ = ["main"]

PROG = "samenbeslissen"

EXIT_OK = 0
EXIT_USAGE = 2
"""A user's mistake: bad arguments, a bad file. The message says what; no traceback."""

PLAYABLE = (*(step.value for step in FOUR_STEPS), Step.DECIDED.value)
"""The steps ``--step`` can play a scenario to."""

LANGUAGE_VARIABLES = ("SAMENBESLISSEN_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the command line finds its language without ``--language``; the first one set decides."""

# - the language of the command line


def _environment_language() -> str:
    """The first of :data:`LANGUAGE_VARIABLES` that is set decides; Dutch when none is.

    Its language code counts ("en_GB.UTF-8" is "en") if there is a catalogue
    for it; anything else, such as "C.UTF-8" or "POSIX", means Dutch.
    """
    for name in LANGUAGE_VARIABLES:
        value = os.environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages() else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _ui_language(asked: str | None) -> str:
    """The language of help and messages: ``--language`` if it is one, else the environment's."""
    return asked if asked in languages() else _environment_language()


def _asked_language(argv: Sequence[str]) -> str | None:
    """The value of the last ``--language`` in ``argv``, as argparse will read it, unchecked.

    The help and argparse's own messages are written when the parser is
    built, before it reads the arguments, so their language is looked up here
    first: ``--language en``, ``--language=en``, ``--lang en``, ``-l en``,
    ``-len``, before or after the command, up to a bare ``--``.
    """
    asked = None
    for position, word in enumerate(argv):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if name == "-l" or (name.startswith("--l") and "--language".startswith(name)):
            following = argv[position + 1] if position + 1 < len(argv) else None
            asked = value if equals else following
        elif word.startswith("-l"):
            asked = word[2:]
    return asked


def _argparse_text(language: str, message: str) -> str:
    """argparse's ``message`` ("usage: ") from the catalogue key ``"argparse." + message``.

    A message the catalogue does not have (a newer Python may add one) stays
    as argparse wrote it, in English.
    """
    key = f"argparse.{message}"
    found = translations(language).gettext(key)
    return message if found == key else found


@contextlib.contextmanager
def _argparse_speaks(language: str) -> Iterator[None]:
    """While building and running the parser, argparse's own texts come from our catalogue.

    argparse asks gettext for every text it shows ("usage: ", "invalid
    choice", "the following arguments are required") through one name in its
    module, ``_``, looked up each time a text is needed. Pointing that name at
    the catalogue reaches every text, also those deep inside
    ``parse_known_args`` that no public method lets a subclass change, on
    every Python version, without copying argparse's code. gettext's own
    lookup would follow the process's locale (nothing under ``C.UTF-8``) and
    need a catalogue installed for the whole process. The old function is put
    back afterwards, also on an error; the command line parses once, in one
    thread.
    """
    module = vars(argparse)
    saved = module["_"]
    module["_"] = functools.partial(_argparse_text, language)
    try:
        yield
    finally:
        module["_"] = saved


# - the parser: the program, then one small function per command


class _Version(argparse.Action):
    """``--version``, with the version read only when it is asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from samenbeslissen import __version__

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def _parser(language: str) -> argparse.ArgumentParser:
    """The whole command line, its help in ``language``."""
    command = text("cli.metavar.command", language)
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=text("cli.program", language),
        epilog=text("cli.epilog", language, command=command),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=text("cli.version", language))
    parser.add_argument(
        "--language", "-l", choices=languages(), help=text("cli.language", language)
    )
    commands = parser.add_subparsers(
        dest="command", title=text("cli.commands", language), metavar=command, required=True
    )
    for add in (
        _add_demo,
        _add_render,
        _add_validate,
        _add_kit,
        _add_observations,
        _add_report,
        _add_new_scenario,
        _add_store,
    ):
        add(commands, language)
    return parser


def _language_option(command: argparse.ArgumentParser, help: str) -> None:
    """``--language`` after the command: the same as before it, said for this command."""
    # SUPPRESS leaves the value given before the command when it is not given again.
    command.add_argument(
        "--language", "-l", choices=languages(), default=argparse.SUPPRESS, help=help
    )


def _output_option(command: argparse.ArgumentParser, language: str) -> None:
    file = text("cli.metavar.file", language)
    command.add_argument(
        "--output", "-o", metavar=file, help=text("cli.option.output", language, file=file)
    )


def _document_options(command: argparse.ArgumentParser, language: str) -> None:
    """What demo and render share: which document, in what form, after which step."""
    command.add_argument(
        "--document",
        "-d",
        choices=DOCUMENTS,
        default="guide",
        help=text("cli.option.document", language, default="guide"),
    )
    command.add_argument(
        "--format",
        "-f",
        choices=(*OUTPUT_FORMATS, PDF),
        default="markdown",
        help=text("cli.option.format", language),
    )
    _language_option(command, text("cli.option.language", language))
    command.add_argument("--step", choices=PLAYABLE, help=text("cli.option.step", language))
    command.add_argument(
        "--fragment", action="store_true", help=text("cli.option.fragment", language)
    )
    command.add_argument(
        "--template-dir",
        action="append",
        default=[],
        metavar=text("cli.metavar.folder", language),
        help=text("cli.option.template_dir", language),
    )
    _output_option(command, language)


def _command(
    commands: _Commands, name: str, language: str, *, key: str | None = None, **params: object
) -> argparse.ArgumentParser:
    """A command with its one-line summary and its description from the catalogue.

    ``key`` names them in the catalogue when the name alone does not (a subcommand).
    """
    key = (key or name).replace("-", "_")
    return commands.add_parser(
        name,
        help=text(f"cli.{key}.summary", language),
        description=text(f"cli.{key}.description", language, **params),
    )


def _add_demo(commands: _Commands, language: str) -> None:
    demo = _command(commands, "demo", language)
    _document_options(demo, language)
    demo.set_defaults(run=_demo)


def _add_render(commands: _Commands, language: str) -> None:
    render = _command(commands, "render", language)
    render.add_argument(
        "source",
        metavar=text("cli.metavar.source", language),
        help=text("cli.render.source", language),
    )
    _document_options(render, language)
    render.set_defaults(run=_render)


def _add_validate(commands: _Commands, language: str) -> None:
    validate = _command(commands, "validate", language)
    validate.add_argument(
        "files",
        metavar=text("cli.metavar.scenario", language),
        nargs="+",
        help=text("cli.validate.files", language),
    )
    _language_option(validate, text("cli.validate.language", language))
    validate.set_defaults(run=_validate)


def _add_kit(commands: _Commands, language: str) -> None:
    folder = text("cli.metavar.folder", language)
    kit = _command(commands, "kit", language)
    kit.add_argument(
        "scenario",
        metavar=text("cli.metavar.scenario", language),
        help=text("cli.kit.scenario", language),
    )
    kit.add_argument(
        "--output",
        "-o",
        metavar=folder,
        default="kit",
        help=text("cli.kit.output", language, folder=folder, default="kit"),
    )
    kit.add_argument(
        "--format",
        "-f",
        choices=(*FORMATS, PDF),
        default="html",
        help=text("cli.kit.format", language, default="html"),
    )
    _language_option(kit, text("cli.option.language", language))
    kit.add_argument(
        "--template-dir",
        action="append",
        default=[],
        metavar=folder,
        help=text("cli.option.template_dir", language),
    )
    kit.set_defaults(run=_kit)


def _add_observations(commands: _Commands, language: str) -> None:
    observations = _command(commands, "observations", language)
    observations.add_argument(
        "file",
        metavar=text("cli.metavar.file", language),
        help=text("cli.observations.file", language),
    )
    _language_option(observations, text("cli.observations.language", language))
    observations.set_defaults(run=_observations)


def _add_report(commands: _Commands, language: str) -> None:
    threshold = text("cli.metavar.threshold", language)
    base = text("cli.metavar.base", language)
    report = _command(commands, "report", language, threshold=threshold)
    report.add_argument(
        "files",
        metavar=text("cli.metavar.records", language),
        nargs="+",
        help=text("cli.report.files", language),
    )
    report.add_argument(
        "--format",
        "-f",
        choices=(*FORMATS, "csv", "json"),
        help=text("cli.report.format", language),
    )
    _language_option(report, text("cli.report.language", language))
    report.add_argument(
        "--threshold",
        type=_whole_number(language),
        default=DEFAULT_THRESHOLD,
        metavar=threshold,
        help=text("cli.report.threshold", language, default=DEFAULT_THRESHOLD),
    )
    report.add_argument(
        "--round-to",
        type=_whole_number(language),
        metavar=base,
        help=text("cli.report.round_to", language, base=base),
    )
    report.add_argument(
        "--fragment", action="store_true", help=text("cli.option.fragment", language)
    )
    _output_option(report, language)
    report.set_defaults(run=_report)


def _add_new_scenario(commands: _Commands, language: str) -> None:
    file = text("cli.metavar.file", language)
    new = _command(commands, "new-scenario", language)
    new.add_argument(
        "path",
        metavar=file,
        nargs="?",
        default="scenario.yaml",
        help=text("cli.new_scenario.path", language, default="scenario.yaml"),
    )
    _language_option(new, text("cli.new_scenario.language", language))
    new.add_argument(
        "--force", action="store_true", help=text("cli.new_scenario.force", language, file=file)
    )
    new.set_defaults(run=_new_scenario)


STORE_URL = "sqlite:///samenbeslissen.db"
"""The store's database when no URL is given: an SQLite file in the current folder (the same as
``samenbeslissen.store.DEFAULT_URL``, which cannot be imported here without SQLAlchemy)."""


def _add_store(commands: _Commands, language: str) -> None:
    url = text("cli.metavar.url", language)
    store = _command(commands, "store", language, url=url, default=STORE_URL)
    actions = store.add_subparsers(
        dest="store_command",
        title=text("cli.commands", language),
        metavar=text("cli.metavar.command", language),
        required=True,
    )
    upgrade = _command(actions, "upgrade", language, key="store_upgrade")
    listing = _command(actions, "list", language, key="store_list")
    show = _command(actions, "show", language, key="store_show")
    show.add_argument("id", metavar="ID", help=text("cli.store.id", language))
    export = _command(actions, "export", language, key="store_export")
    export.add_argument(
        "file",
        metavar=text("cli.metavar.file", language),
        help=text("cli.store_export.file", language),
    )
    delete = _command(actions, "delete", language, key="store_delete")
    delete.add_argument("id", metavar="ID", help=text("cli.store.id", language))
    for command, run in (
        (upgrade, _store_upgrade),
        (listing, _store_list),
        (show, _store_show),
        (export, _store_export),
        (delete, _store_delete),
    ):
        command.add_argument(
            "url",
            metavar=url,
            nargs="?",
            default=STORE_URL,
            help=text("cli.store.url", language, default=STORE_URL),
        )
        _language_option(command, text("cli.option.language", language))
        command.set_defaults(run=run)


def _whole_number(language: str) -> Callable[[str], int]:
    """An argparse type: a whole number, or a message in ``language`` that says what is there."""

    def whole_number(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            message = text("cli.whole_number", language, value=value)
            raise argparse.ArgumentTypeError(message) from None

    return whole_number


# - the commands


class _CommandError(Exception):
    """A problem of the command line itself (files, flags); shown like a library error."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params


def _load_source(path: str) -> Scenario | Conversation:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.scenarios import load_scenario

    if path.lower().endswith(".json"):
        from samenbeslissen.core.records import read_record_file

        return Conversation.from_json(read_record_file(path))
    return load_scenario(path)


def _document(args: argparse.Namespace, source: Scenario | Conversation) -> str | bytes:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.rendering.renderer import Renderer

    if args.step and isinstance(source, Conversation):
        raise _CommandError("cli_step_record")
    renderer = Renderer(template_dirs=args.template_dir)
    if args.format == PDF:
        return renderer.render_pdf(source, args.document, args.language, step=args.step)
    return renderer.render(
        source,
        document=args.document,
        format=args.format,
        language=args.language,  # None: the scenario's or the conversation's own
        fragment=args.fragment,
        step=args.step,
    )


def _write(content: str | bytes, output: str | None, stdout: TextIO) -> None:
    if isinstance(content, bytes):
        _write_bytes(content, output, stdout)
        return
    if output is None:
        stdout.write(content if content.endswith("\n") else content + "\n")
        return
    try:
        Path(output).write_text(content, encoding="utf-8")
    except OSError as error:
        raise _CommandError("cli_cannot_write", path=output, reason=error.strerror) from None


def _write_bytes(content: bytes, output: str | None, stdout: TextIO) -> None:
    """A PDF goes to a file, or to a pipe (``> kaart.pdf``, ``| lp``); never to a terminal."""
    if output is None:
        binary = getattr(stdout, "buffer", None)
        if binary is None or stdout.isatty():
            raise _CommandError("cli_pdf_to_screen")
        stdout.flush()
        binary.write(content)
        binary.flush()
        return
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        raise _CommandError("cli_cannot_write", path=output, reason=error.strerror) from None


def _demo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.scenarios import demo_scenario

    _write(_document(args, demo_scenario()), args.output, stdout)
    return EXIT_OK


def _render(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    _write(_document(args, _load_source(args.source)), args.output, stdout)
    return EXIT_OK


def _validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.scenarios import load_scenario

    failed = 0
    for path in args.files:
        try:
            load_scenario(path)
        except SamenBeslissenError as error:
            failed += 1
            stderr.write(error.message(_language_of(error, args, language)) + "\n")
        else:
            stdout.write(text("cli_valid", language, path=path) + "\n")
    return EXIT_USAGE if failed else EXIT_OK


def _kit(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.rendering.kit import write_kit
    from samenbeslissen.rendering.renderer import Renderer
    from samenbeslissen.scenarios import load_scenario

    scenario = load_scenario(args.scenario)
    renderer = Renderer(template_dirs=args.template_dir)
    files = write_kit(
        scenario, args.output, format=args.format, language=args.language, renderer=renderer
    )
    for written in files:
        stdout.write(f"{written.path}\n")
    stdout.write(text("cli_kit_written", language, count=len(files), folder=args.output) + "\n")
    return EXIT_OK


def _observations(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.analysis.observations import read_observations, score_observations

    for scored in score_observations(read_observations(args.file)):
        count = len(scored.scores)
        line = ntext(
            "cli_observations_round",
            count,
            language,
            round=scored.round,
            mean=number_text(scored.mean, language),
        )
        stdout.write(line + "\n")
        for observer, score in scored.scores.items():
            line = text(
                "cli_observations_observer",
                language,
                observer=observer,
                scaled=number_text(score.scaled, language),
            )
            stdout.write(f"  {line}\n")
        points = "; ".join(
            f"{n}: {number_text(mean, language)}" for n, mean in enumerate(scored.item_means, 1)
        )
        stdout.write("  " + text("cli_observations_points", language, points=points) + "\n")
    return EXIT_OK


_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".txt": "text"}
_EXTENSIONS.update({".csv": "csv", ".json": "json"})


def _report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.analysis import deidentify
    from samenbeslissen.analysis.report import RemarksWithheldWarning, read_records, report
    from samenbeslissen.rendering.renderer import render

    chosen = args.format
    if chosen is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        chosen = _EXTENSIONS.get(suffix, "markdown")
    records = (record for path in args.files for record in read_records(path))
    if not deidentify.prepared():
        stderr.write(f"{PROG}: {text('cli_preparing_deidentify', language)}\n")
    with warnings.catch_warnings():
        # Said below in the user's language, without Python's file and line.
        warnings.simplefilter("ignore", RemarksWithheldWarning)
        bundled = report(records, threshold=args.threshold, round_to=args.round_to)
    if bundled.remarks_withheld:
        stderr.write(f"{PROG}: {text('cli_remarks_withheld', language)}\n")
    if chosen == "csv":
        content = bundled.to_csv()
    elif chosen == "json":
        content = bundled.to_json()
    else:
        document_language = args.language or DEFAULT_LANGUAGE  # never the environment's
        content = render(bundled, "report", chosen, document_language, fragment=args.fragment)
    _write(content, args.output, stdout)
    return EXIT_OK


def _new_scenario(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.scenarios import starter_scenario

    if Path(args.path).exists() and not args.force:
        raise _CommandError("cli_exists", path=args.path)
    _write(starter_scenario(args.language or DEFAULT_LANGUAGE), args.path, stdout)
    stdout.write(text("cli_written", language, path=args.path) + "\n")
    return EXIT_OK


@contextlib.contextmanager
def _database(url: str, *, tables: bool = True) -> Iterator[Any]:
    """The store at ``url``; a database that cannot be reached or used is a user's mistake.

    With ``tables``, the store's tables must be there already: only ``upgrade``
    makes them (and only it makes a new SQLite file).
    """
    from samenbeslissen.store import Store

    store = Store(url)
    import sqlalchemy as sa

    shown = store.engine.url.render_as_string(hide_password=True)
    try:
        if tables:
            database = store.engine.url.database
            if (
                store.engine.dialect.name == "sqlite"
                and database not in (None, "", ":memory:")
                and not Path(database).exists()
            ):
                raise _CommandError("cli_store_no_tables", url=shown)
            with store.engine.connect() as connection:
                if not sa.inspect(connection).has_table("conversations"):
                    raise _CommandError("cli_store_no_tables", url=shown)
        yield store
    except sa.exc.SQLAlchemyError:
        raise _CommandError("cli_store_unreachable", url=shown) from None
    finally:
        store.engine.dispose()


def _store_upgrade(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    with _database(args.url, tables=False) as store:
        store.create_tables()
        shown = store.engine.url.render_as_string(hide_password=True)
    stdout.write(text("cli_store_upgraded", language, url=shown) + "\n")
    return EXIT_OK


def _store_list(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    with _database(args.url) as store:
        count = 0
        for conv in store.find():
            if not count:
                stdout.write(text("cli_store_list_header", language) + "\n")
            count += 1
            decision = conv.decision
            follow_up = decision.follow_up if decision is not None else None
            columns = (
                conv.id,
                conv.step.label(language),
                str(conv.revision),
                conv.history[-1].at.date().isoformat() if conv.history else "-",
                follow_up.isoformat() if follow_up is not None else "-",
            )
            stdout.write("\t".join(columns) + "\n")
        if not count:
            shown = store.engine.url.render_as_string(hide_password=True)
            stdout.write(text("cli_store_empty", language, url=shown) + "\n")
    return EXIT_OK


def _store_show(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    with _database(args.url) as store:
        stdout.write(store.get(args.id).to_json(indent=2) + "\n")
    return EXIT_OK


def _store_export(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    with _database(args.url) as store:
        if args.file == "-":
            count = store.export(stdout)
        else:
            try:
                count = store.export(args.file)
            except OSError as error:
                raise _CommandError(
                    "cli_cannot_write", path=args.file, reason=error.strerror
                ) from None
    if args.file != "-":
        stdout.write(ntext("cli_store_exported", count, language, file=args.file) + "\n")
    return EXIT_OK


def _store_delete(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    with _database(args.url) as store:
        store.delete(args.id)
    stdout.write(text("cli_store_deleted", language, id=args.id) + "\n")
    return EXIT_OK


def _language_of(error: SamenBeslissenError, args: argparse.Namespace, language: str) -> str:
    """A problem in a scenario file speaks the file's language, unless --language says otherwise."""
    if args.language is None and isinstance(error, ScenarioError) and error.scenario_language:
        return error.scenario_language
    return language


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0 ok, 2 a user's mistake).

    Help, mistakes and notes are in the language of ``--language``, else of
    the environment (:data:`LANGUAGE_VARIABLES`), else Dutch. A document is in
    ``--language``, else in its scenario's or conversation's own language.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    words = sys.argv[1:] if argv is None else list(argv)
    language = _ui_language(_asked_language(words))
    try:
        with (
            _argparse_speaks(language),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            args = _parser(language).parse_args(words)
    except SystemExit as done:  # --help, --version, or a mistake argparse has just explained
        return done.code if isinstance(done.code, int) else EXIT_OK
    language = _ui_language(args.language)
    run: _Run = args.run
    try:
        return run(args, stdout, stderr, language)
    except BrokenPipeError:
        # The reader went away (e.g. `samenbeslissen demo | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except SamenBeslissenError as error:
        stderr.write(f"{PROG}: {error.message(_language_of(error, args, language))}\n")
    except _CommandError as problem:
        stderr.write(f"{PROG}: {text(problem.key, language, **problem.params)}\n")
    return EXIT_USAGE
