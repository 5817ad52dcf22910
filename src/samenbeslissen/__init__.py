"""Samen Beslissen: shared decision making in the Dutch social domain, as a library."""

from importlib.metadata import PackageNotFoundError, version

from samenbeslissen._conversation import Conversation
from samenbeslissen._events import Event
from samenbeslissen._explore import Preview, Variant, Variants, preview, variants
from samenbeslissen._flow import Diagram, Edge, Route, diagram, paths
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
    OptionalDependencyError,
    RecordError,
    RuleViolationError,
    SamenBeslissenError,
    ScenarioError,
    ScoringError,
    StepOrderError,
    TemplateError,
)
from samenbeslissen.weighing import (
    Criterion,
    Flip,
    RankedOption,
    Ranking,
    Rating,
    Sensitivity,
    Weighing,
)

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
    "Diagram",
    "Edge",
    "Evaluation",
    "Event",
    "Flip",
    "InputError",
    "Invitation",
    "Line",
    "NotEnoughOptionsError",
    "Option",
    "OptionalDependencyError",
    "Participant",
    "ParticipantRole",
    "PlannedDecision",
    "Policy",
    "Preview",
    "ProfessionalPersona",
    "RankedOption",
    "Ranking",
    "Rating",
    "RecordError",
    "Renderer",
    "RoleGroup",
    "Route",
    "RuleViolationError",
    "SamenBeslissenError",
    "Scenario",
    "ScenarioError",
    "ScoringError",
    "Sensitivity",
    "Step",
    "StepLines",
    "StepOrderError",
    "Stopping",
    "TemplateError",
    "Variant",
    "Variants",
    "Weighing",
    "__version__",
    "demo_scenario",
    "diagram",
    "load_scenario",
    "loads_scenario",
    "paths",
    "preview",
    "record_schema",
    "render",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "starter_scenario",
    "variants",
]
