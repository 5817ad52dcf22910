"""Samen Beslissen: shared decision making in the Dutch social domain, as a library."""

from importlib.metadata import PackageNotFoundError, version

from samenbeslissen._conversation import Conversation
from samenbeslissen._events import Event
from samenbeslissen._model import (
    Decision,
    DecisionRole,
    Deferral,
    Evaluation,
    Invitation,
    Option,
    Participant,
    ParticipantRole,
    RoleGroup,
    Stopping,
)
from samenbeslissen._policy import Policy
from samenbeslissen._records import record_schema
from samenbeslissen._steps import Action, Step
from samenbeslissen.errors import (
    ActionNotAllowedError,
    DefinitionError,
    InputError,
    NotEnoughOptionsError,
    RecordError,
    RuleViolationError,
    SamenBeslissenError,
    StepOrderError,
)
from samenbeslissen.weighing import Criterion, Rating, Weighing

try:
    __version__ = version("samenbeslissen")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "Action",
    "ActionNotAllowedError",
    "Conversation",
    "Criterion",
    "Decision",
    "DecisionRole",
    "Deferral",
    "DefinitionError",
    "Evaluation",
    "Event",
    "InputError",
    "Invitation",
    "NotEnoughOptionsError",
    "Option",
    "Participant",
    "ParticipantRole",
    "Policy",
    "Rating",
    "RecordError",
    "RoleGroup",
    "RuleViolationError",
    "SamenBeslissenError",
    "Step",
    "StepOrderError",
    "Stopping",
    "Weighing",
    "__version__",
    "record_schema",
]
