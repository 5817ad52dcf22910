"""The command line: demo, render, validate, report and new-scenario."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# Only light modules here, so that `--help` and a mistyped command answer at
# once; each command imports what it needs when it runs.
from samenbeslissen.analysis import DEFAULT_THRESHOLD
from samenbeslissen.core.steps import FOUR_STEPS, Step
from samenbeslissen.errors import SamenBeslissenError
from samenbeslissen.i18n import DEFAULT_LANGUAGE, languages, text
from samenbeslissen.rendering.documents import DOCUMENTS, FORMATS, OUTPUT_FORMATS

if TYPE_CHECKING:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.scenarios import Scenario

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
"""A user's mistake: bad arguments, a bad file. The message says what; no traceback."""

PLAYABLE = (*(step.value for step in FOUR_STEPS), Step.DECIDED.value)
"""The steps ``--step`` can play a scenario to."""


class _Version(argparse.Action):
    """``--version``, with the version read only when it is asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from samenbeslissen import __version__

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def _ui_language(argv_language: str | None) -> str:
    """The language of the command's own messages: --language, else the environment.

    The first of SAMENBESLISSEN_LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is
    set decides: its language code ("en_GB.UTF-8" is "en") if there is a
    catalogue for it, else Dutch.
    """
    if argv_language in languages():
        return argv_language
    for name in ("SAMENBESLISSEN_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in languages() else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samenbeslissen",
        description=(
            "Samen Beslissen: conversation guides, client summaries and role-play "
            "scripts from trainer scenarios (YAML) or stored conversations (JSON)."
        ),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def output_options(command: argparse.ArgumentParser, default_document: str) -> None:
        command.add_argument(
            "--document",
            "-d",
            choices=DOCUMENTS,
            default=default_document,
            help=f"which document (default: {default_document})",
        )
        command.add_argument(
            "--format",
            "-f",
            choices=OUTPUT_FORMATS,
            default="markdown",
            help="output format; json gives the data and the document for a front end "
            "(default: markdown)",
        )
        command.add_argument(
            "--language",
            "-l",
            choices=languages(),
            help="language of the document (default: the scenario's own)",
        )
        command.add_argument(
            "--step",
            choices=PLAYABLE,
            help="play the scenario up to this step first (default: the start, step 1)",
        )
        command.add_argument(
            "--fragment",
            action="store_true",
            help="HTML without <html> and <head>, for embedding in another page",
        )
        command.add_argument(
            "--template-dir",
            action="append",
            default=[],
            metavar="DIR",
            help="a folder with your own templates, used before the built-in ones (repeatable)",
        )
        command.add_argument(
            "--output", "-o", metavar="FILE", help="write to FILE instead of the screen"
        )

    demo = commands.add_parser(
        "demo",
        help="show the conversation guide for a built-in example (no files needed)",
        description="Render a document for the built-in example scenario: "
        "household help under the Wmo.",
    )
    output_options(demo, "guide")

    render = commands.add_parser(
        "render",
        help="render a document from a scenario (.yaml) or a stored conversation (.json)",
        description="Render a guide, next step, option grid, summary or script.",
    )
    render.add_argument("source", metavar="SOURCE", help="a scenario (.yaml) or a record (.json)")
    output_options(render, "guide")

    validate = commands.add_parser(
        "validate",
        help="check scenario files (the first problem of each file is reported)",
        description="Check scenario files; exit status 2 when one of them has a problem.",
    )
    validate.add_argument("files", metavar="SCENARIO", nargs="+", help="scenario file(s)")
    validate.add_argument("--language", "-l", choices=languages(), help="language of the messages")

    bundle = commands.add_parser(
        "report",
        help="bundle stored conversations (JSON Lines) into an anonymised report",
        description="Bundle conversation records, one per line (JSON Lines), into an "
        "anonymised report for a client council. Every figure rests on at least THRESHOLD "
        "conversations or is hidden, and so are the cells that would tell a hidden one. "
        "Personal data in remarks is removed (needs samenbeslissen[deidentify]).",
    )
    bundle.add_argument("files", metavar="RECORDS", nargs="+", help="JSON Lines file(s)")
    bundle.add_argument(
        "--format",
        "-f",
        choices=(*FORMATS, "csv", "json"),
        help="output format (default: from the --output file's extension, else markdown)",
    )
    bundle.add_argument("--language", "-l", choices=languages(), default=None)
    bundle.add_argument(
        "--threshold",
        type=int,
        default=DEFAULT_THRESHOLD,
        help=f"the fewest conversations a figure may rest on (default: {DEFAULT_THRESHOLD})",
    )
    bundle.add_argument(
        "--round-to",
        type=int,
        metavar="BASE",
        help="round the counts shown to multiples of BASE, e.g. 5 (default: exact counts)",
    )
    bundle.add_argument("--fragment", action="store_true", help="HTML without <html> and <head>")
    bundle.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of the screen"
    )

    new = commands.add_parser(
        "new-scenario",
        help="write a commented starter scenario to fill in",
        description="Write a starter scenario with comments that explain every field.",
    )
    new.add_argument(
        "path", metavar="FILE", nargs="?", default="scenario.yaml", help="default: scenario.yaml"
    )
    new.add_argument("--language", "-l", choices=languages(), default="nl")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


def _load_source(path: str) -> Scenario | Conversation:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.scenarios import load_scenario

    if path.lower().endswith(".json"):
        from samenbeslissen.core.records import read_record_file

        return Conversation.from_json(read_record_file(path))
    return load_scenario(path)


class _CommandError(Exception):
    """A problem of the command line itself (files, flags); shown like a library error."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params


def _document(args: argparse.Namespace, source: Scenario | Conversation) -> str:
    from samenbeslissen.core.conversation import Conversation
    from samenbeslissen.rendering.renderer import Renderer

    if args.step and isinstance(source, Conversation):
        raise _CommandError("cli_step_record")
    renderer = Renderer(template_dirs=args.template_dir)
    return renderer.render(
        source,
        document=args.document,
        format=args.format,
        language=args.language,
        fragment=args.fragment,
        step=args.step,
    )


_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".txt": "text"}
_EXTENSIONS.update({".csv": "csv", ".json": "json"})


def _report_output(args: argparse.Namespace, language: str, stderr: TextIO) -> str:
    from samenbeslissen.analysis import deidentify
    from samenbeslissen.analysis.report import RemarksWithheldWarning, read_records, report
    from samenbeslissen.rendering.renderer import render

    chosen = args.format
    if chosen is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        chosen = _EXTENSIONS.get(suffix, "markdown")
    records = (record for path in args.files for record in read_records(path))
    if not deidentify.prepared():
        stderr.write(f"samenbeslissen: {text('cli_preparing_deidentify', language)}\n")
    with warnings.catch_warnings():
        # Said below in the user's language, without Python's file and line.
        warnings.simplefilter("ignore", RemarksWithheldWarning)
        bundled = report(records, threshold=args.threshold, round_to=args.round_to)
    if bundled.remarks_withheld:
        stderr.write(f"samenbeslissen: {text('cli_remarks_withheld', language)}\n")
    if chosen == "csv":
        return bundled.to_csv()
    if chosen == "json":
        return bundled.to_json()
    return render(bundled, "report", chosen, args.language or language, fragment=args.fragment)


def _write(content: str, output: str | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(content if content.endswith("\n") else content + "\n")
        return
    try:
        Path(output).write_text(content, encoding="utf-8")
    except OSError as error:
        raise _CommandError("cli_cannot_write", path=output, reason=error.strerror) from None


def _run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, language: str) -> int:
    from samenbeslissen.scenarios import demo_scenario, load_scenario, starter_scenario

    if args.command == "demo":
        _write(_document(args, demo_scenario()), args.output, stdout)
    elif args.command == "render":
        _write(_document(args, _load_source(args.source)), args.output, stdout)
    elif args.command == "report":
        _write(_report_output(args, language, stderr), args.output, stdout)
    elif args.command == "validate":
        failed = 0
        for path in args.files:
            try:
                load_scenario(path)
            except SamenBeslissenError as error:
                failed += 1
                stderr.write(error.message(language) + "\n")
            else:
                stdout.write(text("cli_valid", language, path=path) + "\n")
        return EXIT_USAGE if failed else EXIT_OK
    else:  # new-scenario
        target = Path(args.path)
        if target.exists() and not args.force:
            raise _CommandError("cli_exists", path=args.path)
        _write(starter_scenario(args.language), args.path, stdout)
        stdout.write(text("cli_written", language, path=args.path) + "\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0 ok, 2 a user's mistake)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = _parser().parse_args(argv)
    language = _ui_language(getattr(args, "language", None))
    try:
        return _run(args, stdout, stderr, language)
    except BrokenPipeError:
        # The reader went away (e.g. `samenbeslissen demo | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except SamenBeslissenError as error:
        stderr.write(f"samenbeslissen: {error.message(language)}\n")
    except _CommandError as problem:
        stderr.write(f"samenbeslissen: {text(problem.key, language, **problem.params)}\n")
    return EXIT_USAGE
