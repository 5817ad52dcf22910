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
from samenbeslissen._render import Renderer, render
from samenbeslissen._scenario import (
    demo_scenario,
    load_scenario,
    loads_scenario,
    scenario_from_dict,
    scenario_schema,
    scenario_to_dict,
    starter_scenario,
)
from samenbeslissen._scenario_model import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from samenbeslissen._steps import Action, Step
from samenbeslissen.errors import (
    ActionNotAllowedError,
    DefinitionError,
    InputError,
    NotEnoughOptionsError,
    RecordError,
    RuleViolationError,
    SamenBeslissenError,
    ScenarioError,
    ScoringError,
    StepOrderError,
    TemplateError,
)
from samenbeslissen.weighing import Criterion, Rating, Weighing

try:
    __version__ = version("samenbeslissen")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "Action",
    "ActionNotAllowedError",
    "ClientPersona",
    "Companion",
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
    "Line",
    "NotEnoughOptionsError",
    "Option",
    "Participant",
    "ParticipantRole",
    "PlannedDecision",
    "Policy",
    "ProfessionalPersona",
    "Rating",
    "RecordError",
    "Renderer",
    "RoleGroup",
    "RuleViolationError",
    "SamenBeslissenError",
    "Scenario",
    "ScenarioError",
    "ScoringError",
    "Step",
    "StepLines",
    "StepOrderError",
    "Stopping",
    "TemplateError",
    "Weighing",
    "__version__",
    "demo_scenario",
    "load_scenario",
    "loads_scenario",
    "record_schema",
    "render",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "starter_scenario",
]
