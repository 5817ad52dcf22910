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
    └── OptionalDependencyError         an optional package is needed (also ImportError)

Every message exists in Dutch and English. ``str(error)`` uses the language
of the conversation that raised it (Dutch when there is none);
``error.message("en")`` gives another language. ``repr(error)`` is English
and shows the data a caller needs (step, action, field).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samenbeslissen.i18n import DEFAULT_LANGUAGE, text

if TYPE_CHECKING:
    from samenbeslissen.core.steps import Action, Step

__all__ = [
    "ActionNotAllowedError",
    "DefinitionError",
    "InputError",
    "NotEnoughOptionsError",
    "OptionalDependencyError",
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


class InputError(SamenBeslissenError, ValueError):
    """A value is malformed: wrong type, out of range, unknown key.

    Attributes:
        field: Where the bad value is, as a path (``"importance['inkomen']"``).
    """

    def __init__(
        self, key: str, *, field: str, language: str = DEFAULT_LANGUAGE, **params: Any
    ) -> None:
        self.field = field
        super().__init__(key, language=language, field=field, **params)

    def _repr_fields(self) -> dict[str, object]:
        return {"field": self.field}


class RecordError(InputError):
    """A stored record is malformed or incompatible; ``field`` is its path in the record."""


class ScenarioError(InputError):
    """A scenario file is malformed.

    Attributes:
        file: The file's path (None for a scenario given as text or data).
        line: The line in the file where the problem is, when known (1-based).
        field: The field path in the scenario (``"options[1].pros"``).
    """

    def __init__(
        self,
        key: str,
        *,
        field: str,
        file: str | None = None,
        line: int | None = None,
        language: str = DEFAULT_LANGUAGE,
        **params: Any,
    ) -> None:
        self.file = file
        self.line = line
        super().__init__(key, field=field, language=language, **params)

    def message(self, language: str | None = None) -> str:
        """The message, prefixed with ``file:line:`` (or ``regel N:``) where known."""
        text_ = super().message(language)
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        elif self.line is not None:
            where = text("word.line", language or self.language, line=self.line)
        else:
            return text_
        return f"{where}: {text_}"

    def _repr_fields(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field}


class ScoringError(InputError):
    """Answers to an instrument cannot be scored: wrong count, out of range, too many missing."""


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


class OptionalDependencyError(SamenBeslissenError, ImportError):
    """A feature needs an optional package that is not installed; the message says how to add it.

    Attributes:
        package: The package to install.
    """

    def __init__(self, key: str, *, package: str, language: str = DEFAULT_LANGUAGE, **params: Any):
        self.package = package
        super().__init__(key, language=language, package=package, **params)
