"""The exceptions of samenbeslissen: one root, split by what went wrong.

The tree::

    SamenBeslissenError                 root: catch this to catch everything we raise
    ├── DefinitionError                 the definition is wrong (e.g. an impossible policy)
    ├── ActionNotAllowedError           not allowed now; the conversation is left unchanged
    │   ├── StepOrderError              the action belongs to another step
    │   └── RuleViolationError          right step, but a rule of the policy is not met
    │       └── NotEnoughOptionsError   fewer options than the policy asks for
    ├── InputError (also ValueError)    a value is malformed; carries the field path
    │   ├── RecordError                 a stored record is malformed or incompatible
    │   ├── ScenarioError               a scenario file is malformed; adds file and line
    │   └── ScoringError                an instrument's answers cannot be scored
    ├── TemplateError                   a template failed: missing variable, unsafe code, syntax
    ├── NotFoundError (also LookupError)  no stored conversation has this id
    ├── ConflictError                   someone saved the conversation since it was loaded
    └── OptionalDependencyError         an optional package is needed (also ImportError)

Every message exists in Dutch and English. ``str(error)`` uses the language
of the conversation that raised it (Dutch when there is none);
``error.message("en")`` gives another language. ``repr(error)`` is English
and shows the data a caller needs (step, action, field).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from samenbeslissen.i18n import DEFAULT_LANGUAGE, format_date, ntext, text

if TYPE_CHECKING:
    from samenbeslissen.core.steps import Action, Step

__all__ = [
    "ActionNotAllowedError",
    "ConflictError",
    "DefinitionError",
    "InputError",
    "NotEnoughOptionsError",
    "NotFoundError",
    "OptionalDependencyError",
    "Problem",
    "RecordError",
    "RuleViolationError",
    "SamenBeslissenError",
    "ScenarioError",
    "ScoringError",
    "StepOrderError",
    "TemplateError",
]


class SamenBeslissenError(Exception):
    """Root of every error this library raises.

    Args:
        key: The message's key in the message catalogue.
        language: The language ``str()`` uses ("nl" or "en").
        **params: Values the message refers to.
    """

    def __init__(self, key: str, *, language: str = DEFAULT_LANGUAGE, **params: Any) -> None:
        self.key = key
        self.params = params
        self.language = language
        super().__init__(key)

    def message(self, language: str | None = None) -> str:
        """Return the message in ``language`` (default: the error's own language)."""
        return text(self.key, language or self.language, **self.params)

    def __str__(self) -> str:
        return self.message()

    def _repr_fields(self) -> dict[str, object]:
        return {}

    def __repr__(self) -> str:
        fields = "".join(f", {k}={v!r}" for k, v in self._repr_fields().items())
        return f"{type(self).__name__}({self.message('en')!r}{fields})"


class DefinitionError(SamenBeslissenError):
    """The definition is wrong: an impossible policy, an invalid flow definition."""


class ActionNotAllowedError(SamenBeslissenError):
    """This action may not be done now; the conversation is left exactly as it was.

    Attributes:
        step: The step the conversation is in.
        action: The action that was refused.
    """

    def __init__(
        self,
        key: str,
        *,
        step: Step,
        action: Action,
        language: str = DEFAULT_LANGUAGE,
        **params: Any,
    ) -> None:
        self.step = step
        self.action = action
        super().__init__(key, language=language, step=step, action=action, **params)

    def _repr_fields(self) -> dict[str, object]:
        return {"step": self.step, "action": self.action}


class StepOrderError(ActionNotAllowedError):
    """The action belongs to another step; the message says what must happen first."""


class RuleViolationError(ActionNotAllowedError):
    """The step is right, but a rule of the conversation's policy is not met.

    Attributes:
        rule: The name of the policy rule (a field of ``Policy``).
    """

    def __init__(
        self,
        key: str,
        *,
        step: Step,
        action: Action,
        rule: str,
        language: str = DEFAULT_LANGUAGE,
        **params: Any,
    ) -> None:
        self.rule = rule
        super().__init__(key, step=step, action=action, language=language, **params)

    def _repr_fields(self) -> dict[str, object]:
        return {**super()._repr_fields(), "rule": self.rule}


class NotEnoughOptionsError(RuleViolationError):
    """Fewer options than the policy asks for (two, by default) were put on the table."""


@attrs.frozen
class Problem:
    """One problem of an input: where it is and what is wrong there.

    ``str(problem)`` reads "path: message", in the language of the error
    that holds it. A form shows ``problem.message()`` beside the field that
    ``path`` names.

    Attributes:
        path: Where the bad value is: ``"title"``, ``"importance.inkomen"``,
            ``"history[3].data.key"``. Empty when the problem is the input as
            a whole.
        key: The message's key in the message catalogue.
        params: Values the message refers to, and the developer detail.
        language: The language ``str()`` uses.
        line: The line of a file where the problem is (1-based), for a
            problem of a scenario file; None when there is no file or no
            line.
    """

    path: str
    key: str
    params: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    language: str = DEFAULT_LANGUAGE
    line: int | None = None

    def message(self, language: str | None = None) -> str:
        """What is wrong, for a professional, in ``language`` (default: the problem's own)."""
        return text(self.key, language or self.language, **self.params)

    def where(self, language: str | None = None) -> str:
        """The path in words a professional knows: "Voordelen, nr. 2" for ``pros[1]``.

        A path whose first name has no words in the catalogue is shown as it is.
        """
        language = language or self.language
        name = self.root
        try:
            parts = [text(f"field.{name}", language)]
        except KeyError:
            return self.path
        for index, key in _STEP.findall(self.path[len(name) :]):
            parts.append(
                text("field.number", language, number=int(index) + 1) if index else f"'{key}'"
            )
        return ", ".join(parts)

    @property
    def root(self) -> str:
        """The first name of the path: "pros" for ``pros[1]``, "ratings" for ``ratings.werk``."""
        found = _ROOT.match(self.path)
        return found.group() if found else self.path

    def describe(self, language: str | None = None) -> str:
        """ "path: message" in ``language``, or the message alone when there is no path."""
        message = self.message(language)
        return f"{self.path}: {message}" if self.path else message

    @property
    def detail(self) -> str:
        """For developers, in English terms: the path, the message key and the raw values."""
        values = ", ".join(f"{name}={_raw(value)}" for name, value in sorted(self.params.items()))
        return f"{self.path or '(input)'}: {self.key}" + (f" ({values})" if values else "")

    def __str__(self) -> str:
        return self.describe()


class InputError(SamenBeslissenError, ValueError):
    """A value is malformed: wrong type, out of range, unknown key.

    One error names every problem of an input at once, so a form can show
    them all in one round trip. ``str(error)`` is the text for the
    professional; ``error.detail`` adds the raw values for developers.

    Attributes:
        problems: Every problem found, each with its ``path`` and ``message``.
        field: The path of the first problem (``"importance.inkomen"``).
    """

    def __init__(
        self, key: str, *, field: str, language: str = DEFAULT_LANGUAGE, **params: Any
    ) -> None:
        self.field = field
        self._problems: tuple[Problem, ...] = (Problem(field, key, params, language),)
        super().__init__(key, language=language, **params)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the input, in the order found, in the error's language."""
        if all(p.language == self.language for p in self._problems):
            return self._problems
        return tuple(attrs.evolve(p, language=self.language) for p in self._problems)

    @classmethod
    def combine(cls: type[_E], errors: Sequence[InputError]) -> _E:
        """One error holding the problems of all ``errors``, in order.

        Its type is that of the first error (an ``InputError`` of this class
        when there are none of it); ``field``, ``key`` and ``params`` are those
        of the first problem.
        """
        if not errors:
            raise ValueError("combine() needs at least one error")  # a bug of ours, not input
        first = errors[0]
        kind: type[_E] = type(first) if isinstance(first, cls) else cls
        combined = kind.__new__(kind)
        combined.__dict__.update(first.__dict__)
        combined.args = first.args
        combined._problems = tuple(p for error in errors for p in error._problems)
        return combined

    def relocated(self, prefix: str, kind: type[_E]) -> _E:
        """The same problems as a ``kind`` error, with ``prefix`` put before each path."""
        moved = [
            kind(p.key, field=_join(prefix, p.path), language=self.language, **p.params)
            for p in self._problems
        ]
        return kind.combine(moved)

    def message(self, language: str | None = None) -> str:
        """Every problem as "path: message", one per line after a count when there are several."""
        language = language or self.language
        if len(self._problems) == 1:
            return self._describe(self._problems[0], language)
        lines = [ntext("problems", len(self._problems), language)]
        lines.extend(f"- {self._describe(p, language)}" for p in self._problems)
        return "\n".join(lines)

    def _describe(self, problem: Problem, language: str) -> str:
        # For the professional: the place in words ("Titel"), not the API's name ("title").
        if not problem.path:
            return problem.message(language)
        return f"{problem.where(language)}: {problem.message(language)}"

    @property
    def detail(self) -> str:
        """For developers: each problem's path, message key and raw values, one per line."""
        return "\n".join(p.detail for p in self._problems)

    def _repr_fields(self) -> dict[str, object]:
        if len(self._problems) == 1:
            return {"field": self.field}
        return {"problems": [p.path for p in self._problems]}


_E = TypeVar("_E", bound=InputError)

_ROOT = re.compile(r"[^.\[]*")
_STEP = re.compile(r"\[(\d+)\]|\.([^.\[]+)")


def _raw(value: object) -> str:
    # A phrase or a label shows in English; anything else as Python writes it.
    label = getattr(value, "label", None)
    return repr(label("en")) if callable(label) else repr(value)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


class RecordError(InputError):
    """A stored record is malformed or incompatible; ``field`` is its path in the record.

    A record is read by software, so ``str(error)`` names each place by its path.
    """

    def _describe(self, problem: Problem, language: str) -> str:
        return problem.describe(language)


class ScenarioError(InputError):
    """A scenario file is malformed.

    A file that is not YAML stops at its first problem; a scenario that is
    YAML but not a valid scenario gives every problem found, each with its
    own line, in the order of the file.

    Attributes:
        file: The file's path (None for a scenario given as text or data).
        line: The line in the file where the (first) problem is, when known (1-based).
        column: The place in that line (1-based), for YAML the reader cannot read.
        field: The field path in the scenario (``"options[1].pros"``).
        scenario_language: The language the scenario names in its ``language``
            field, when it names one the library speaks; None when it names
            none, or the problem was found before the field could be read (the
            file is missing). For a text that is not YAML, the language its
            ``language: en`` line names. ``str(error)`` is in this language
            (Dutch without one); the command line reports the problem in it.
        problems: Every problem, each with its ``line``, ``path`` and ``message()``.
    """

    def __init__(
        self,
        key: str,
        *,
        field: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        scenario_language: str | None = None,
        language: str | None = None,
        **params: Any,
    ) -> None:
        self.file = file
        self.line = line
        self.scenario_language = scenario_language
        language = language or scenario_language or DEFAULT_LANGUAGE
        self.column = column
        if column is not None:
            params["column"] = column  # a message may name it: "op plaats 9 van deze regel"
        super().__init__(key, field=field, language=language, **params)
        self._problems = (attrs.evolve(self._problems[0], line=line),)

    def message(self, language: str | None = None) -> str:
        """Every problem as ``file:line: path: message``, after a count when there are several."""
        language = language or self.language
        lines = [self._locate(p, language) for p in self._problems]
        if len(lines) == 1:
            return lines[0]
        count = ntext("problems", len(lines), language)
        header = count if self.file is None else f"{self.file}: {count}"
        return "\n".join([header, *(f"- {line}" for line in lines)])

    def _locate(self, problem: Problem, language: str) -> str:
        # The names the trainer wrote in the file, not words for them.
        said = problem.describe(language)
        if self.file is not None:
            where = self.file if problem.line is None else f"{self.file}:{problem.line}"
        elif problem.line is not None:
            where = text("word.line", language, line=problem.line)
        else:
            return said
        return f"{where}: {said}"

    def _repr_fields(self) -> dict[str, object]:
        if len(self._problems) > 1:
            return {"file": self.file, **super()._repr_fields()}
        fields: dict[str, object] = {"file": self.file, "line": self.line, "field": self.field}
        if self.column is not None:
            fields["column"] = self.column
        return fields


class ScoringError(InputError):
    """Answers to an instrument cannot be scored: wrong count, out of range, too many missing.

    Its messages name the instrument and the question themselves, so
    ``str(error)`` leaves the path out; ``problem.path`` still has it.
    """

    def _describe(self, problem: Problem, language: str) -> str:
        return problem.message(language)


class TemplateError(SamenBeslissenError):
    """A template could not be rendered.

    Attributes:
        template: The template's name.
        line: The line in the template, when known.
    """

    def __init__(
        self,
        key: str,
        *,
        template: str,
        line: int | None = None,
        language: str = DEFAULT_LANGUAGE,
        **params: Any,
    ) -> None:
        self.template = template
        self.line = line
        super().__init__(key, language=language, template=template, line=line, **params)

    def _repr_fields(self) -> dict[str, object]:
        return {"template": self.template, "line": self.line}


class NotFoundError(SamenBeslissenError, LookupError):
    """No stored conversation has this id (it was never saved, or it was erased).

    Attributes:
        id: The id that was asked for.
    """

    def __init__(self, key: str, *, id: str, language: str = DEFAULT_LANGUAGE, **params: Any):
        self.id = id
        super().__init__(key, language=language, id=id, **params)

    def _repr_fields(self) -> dict[str, object]:
        return {"id": self.id}


class ConflictError(SamenBeslissenError):
    """Someone saved the conversation since it was loaded; nothing was written.

    The stored record and the caller's object are left as they were: load
    the conversation again, show what changed, and let the person redo
    their action.

    Attributes:
        id: The conversation's id.
        stored_revision: The revision that is stored now.
        expected_revision: The revision the caller's object was loaded at.
        saved_by: The user of the newest stored event (None when it has none).
        saved_at: When the newest revision was saved (aware UTC), when known.
        timezone: The conversation's time zone ("Europe/Amsterdam"): the
            message gives the time there. None gives it in UTC, saying so.
    """

    def __init__(
        self,
        key: str,
        *,
        id: str,
        stored_revision: int,
        expected_revision: int,
        saved_by: str | None,
        saved_at: dt.datetime | None,
        timezone: str | None = None,
        language: str = DEFAULT_LANGUAGE,
        **params: Any,
    ) -> None:
        self.timezone = timezone
        self.id = id
        self.stored_revision = stored_revision
        self.expected_revision = expected_revision
        self.saved_by = saved_by
        self.saved_at = saved_at
        super().__init__(
            key,
            language=language,
            id=id,
            stored_revision=stored_revision,
            expected_revision=expected_revision,
            **params,
        )

    def message(self, language: str | None = None) -> str:
        """What happened, with who saved and when if known, and what to do now."""
        language = language or self.language
        said = [text(self.key, language, **self.params)]
        if self.saved_by is not None:
            said.append(text("store_conflict_by", language, user=self.saved_by))
        if self.saved_at is not None:
            zone = _zone(self.timezone)
            moment = self.saved_at.astimezone(zone or dt.timezone.utc)
            said.append(
                text(
                    "store_conflict_at_local" if zone else "store_conflict_at",
                    language,
                    date=format_date(moment.date(), language),
                    time=moment.strftime("%H:%M"),
                )
            )
        closing = _CLOSING.get(self.key)
        if closing is not None:
            said.append(text(closing, language))
        return " ".join(said)

    def _repr_fields(self) -> dict[str, object]:
        return {
            "id": self.id,
            "stored_revision": self.stored_revision,
            "expected_revision": self.expected_revision,
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
        }


_CLOSING = {"store_conflict": "store_conflict_redo"}
"""What a conflict's message ends with: what to do now (adding a taken id needs no redo)."""


class OptionalDependencyError(SamenBeslissenError, ImportError):
    """A feature needs an optional package that is not installed; the message says how to add it.

    Attributes:
        package: The package to install.
    """

    def __init__(self, key: str, *, package: str, language: str = DEFAULT_LANGUAGE, **params: Any):
        self.package = package
        super().__init__(key, language=language, package=package, **params)


def _zone(name: str | None) -> dt.tzinfo | None:
    """The time zone called ``name``, or None when there is none by that name here."""
    if name is None:
        return None
    import zoneinfo  # here: only a conflict message needs it

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
