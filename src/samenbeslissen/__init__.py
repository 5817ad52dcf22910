"""Samen Beslissen: shared decision making in the Dutch social domain, as a library."""

from importlib.metadata import PackageNotFoundError, version

from samenbeslissen import instruments
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.events import Event
from samenbeslissen.explore.display import Preview, Variant, Variants, preview, variants
from samenbeslissen.analysis.fidelity import FidelityCheck, FidelityReport, Pitfall, fidelity
from samenbeslissen.explore.flow import Diagram, Edge, Route, diagram, paths
from samenbeslissen.core.model import (
    Answers,
    Decision,
    DecisionRole,
    Deferral,
    Evaluation,
    Experience,
    Invitation,
    Option,
    Participant,
    ParticipantRole,
    Remark,
    RemarkKind,
    RoleGroup,
    Stopping,
)
from samenbeslissen.core.policy import Policy
from samenbeslissen.core.records import record_schema
from samenbeslissen.render.renderer import Renderer, render
from samenbeslissen.analysis.report import Distribution, Report, read_records, report
from samenbeslissen.scenarios.files import (
    demo_scenario,
    load_scenario,
    loads_scenario,
    scenario_from_dict,
    scenario_schema,
    scenario_to_dict,
    starter_scenario,
)
from samenbeslissen.scenarios.model import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from samenbeslissen.core.steps import Action, Step
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
from samenbeslissen.core.weighing import (
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
    "Answers",
    "ClientPersona",
    "Companion",
    "Conversation",
    "Criterion",
    "Decision",
    "DecisionRole",
    "Deferral",
    "DefinitionError",
    "Diagram",
    "Distribution",
    "Edge",
    "Evaluation",
    "Event",
    "Experience",
    "FidelityCheck",
    "FidelityReport",
    "Flip",
    "InputError",
    "Invitation",
    "Line",
    "NotEnoughOptionsError",
    "Option",
    "OptionalDependencyError",
    "Participant",
    "ParticipantRole",
    "Pitfall",
    "PlannedDecision",
    "Policy",
    "Preview",
    "ProfessionalPersona",
    "RankedOption",
    "Ranking",
    "Rating",
    "RecordError",
    "Remark",
    "RemarkKind",
    "Renderer",
    "Report",
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
    "fidelity",
    "instruments",
    "load_scenario",
    "loads_scenario",
    "paths",
    "preview",
    "read_records",
    "record_schema",
    "render",
    "report",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "starter_scenario",
    "variants",
]
