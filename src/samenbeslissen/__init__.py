"""Samen Beslissen: shared decision making in the Dutch social domain, as a library.

The public names below are loaded when first used (PEP 562), so ``import
samenbeslissen`` is quick and a program that only keeps records never loads
the renderer, the YAML reader or the instruments. Each name lives in the layer
that defines it (see docs/architecture.md); this module only points at it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samenbeslissen import instruments
    from samenbeslissen.analysis.fidelity import (
        FidelityCheck,
        FidelityReport,
        Pitfall,
        fidelity,
    )
    from samenbeslissen.analysis.observations import (
        Observation,
        RoundScore,
        read_observations,
        score_observations,
    )
    from samenbeslissen.analysis.report import (
        Distribution,
        RemarksWithheldWarning,
        Report,
        read_records,
        report,
    )
    from samenbeslissen.core.conversation import (
        Conversation,
    )
    from samenbeslissen.core.events import (
        Event,
    )
    from samenbeslissen.core.model import (
        AgeGroup,
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
        Presentation,
        Reconsideration,
        Remark,
        RemarkKind,
        RoleGroup,
        Stopping,
    )
    from samenbeslissen.core.policy import (
        Policy,
    )
    from samenbeslissen.core.records import (
        record_schema,
    )
    from samenbeslissen.core.steps import (
        Action,
        Step,
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
    from samenbeslissen.errors import (
        ActionNotAllowedError,
        ConflictError,
        DefinitionError,
        InputError,
        NotEnoughOptionsError,
        NotFoundError,
        OptionalDependencyError,
        Problem,
        RecordError,
        RuleViolationError,
        SamenBeslissenError,
        ScenarioError,
        ScoringError,
        StepOrderError,
        TemplateError,
    )
    from samenbeslissen.explore.flow import (
        Diagram,
        Edge,
        Route,
        diagram,
        paths,
    )
    from samenbeslissen.explore.variants import (
        Preview,
        Variant,
        Variants,
        preview,
        variants,
    )
    from samenbeslissen.rendering.renderer import (
        Renderer,
        render,
        render_pdf,
    )
    from samenbeslissen.scenarios import (
        ClientPersona,
        Companion,
        Line,
        PlannedDecision,
        ProfessionalPersona,
        Scenario,
        StepLines,
        demo_scenario,
        load_scenario,
        loads_scenario,
        scenario_from_dict,
        scenario_schema,
        scenario_to_dict,
        starter_scenario,
    )

__all__ = [
    "Action",
    "ActionNotAllowedError",
    "AgeGroup",
    "Answers",
    "ClientPersona",
    "Companion",
    "ConflictError",
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
    "NotFoundError",
    "Observation",
    "Option",
    "OptionalDependencyError",
    "Participant",
    "ParticipantRole",
    "Pitfall",
    "PlannedDecision",
    "Policy",
    "Presentation",
    "Preview",
    "Problem",
    "ProfessionalPersona",
    "RankedOption",
    "Ranking",
    "Rating",
    "Reconsideration",
    "RecordError",
    "Remark",
    "RemarkKind",
    "RemarksWithheldWarning",
    "Renderer",
    "Report",
    "RoleGroup",
    "RoundScore",
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
    "read_observations",
    "read_records",
    "record_schema",
    "render",
    "render_pdf",
    "report",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "score_observations",
    "starter_scenario",
    "variants",
]

_EXPORTS: dict[str, str] = {
    "FidelityCheck": "samenbeslissen.analysis.fidelity",
    "FidelityReport": "samenbeslissen.analysis.fidelity",
    "Pitfall": "samenbeslissen.analysis.fidelity",
    "fidelity": "samenbeslissen.analysis.fidelity",
    "Observation": "samenbeslissen.analysis.observations",
    "RoundScore": "samenbeslissen.analysis.observations",
    "read_observations": "samenbeslissen.analysis.observations",
    "score_observations": "samenbeslissen.analysis.observations",
    "Distribution": "samenbeslissen.analysis.report",
    "RemarksWithheldWarning": "samenbeslissen.analysis.report",
    "Report": "samenbeslissen.analysis.report",
    "read_records": "samenbeslissen.analysis.report",
    "report": "samenbeslissen.analysis.report",
    "Conversation": "samenbeslissen.core.conversation",
    "Event": "samenbeslissen.core.events",
    "AgeGroup": "samenbeslissen.core.model",
    "Answers": "samenbeslissen.core.model",
    "Decision": "samenbeslissen.core.model",
    "DecisionRole": "samenbeslissen.core.model",
    "Deferral": "samenbeslissen.core.model",
    "Evaluation": "samenbeslissen.core.model",
    "Experience": "samenbeslissen.core.model",
    "Invitation": "samenbeslissen.core.model",
    "Option": "samenbeslissen.core.model",
    "Participant": "samenbeslissen.core.model",
    "ParticipantRole": "samenbeslissen.core.model",
    "Presentation": "samenbeslissen.core.model",
    "Reconsideration": "samenbeslissen.core.model",
    "Remark": "samenbeslissen.core.model",
    "RemarkKind": "samenbeslissen.core.model",
    "RoleGroup": "samenbeslissen.core.model",
    "Stopping": "samenbeslissen.core.model",
    "Policy": "samenbeslissen.core.policy",
    "record_schema": "samenbeslissen.core.records",
    "Action": "samenbeslissen.core.steps",
    "Step": "samenbeslissen.core.steps",
    "Criterion": "samenbeslissen.core.weighing",
    "Flip": "samenbeslissen.core.weighing",
    "RankedOption": "samenbeslissen.core.weighing",
    "Ranking": "samenbeslissen.core.weighing",
    "Rating": "samenbeslissen.core.weighing",
    "Sensitivity": "samenbeslissen.core.weighing",
    "Weighing": "samenbeslissen.core.weighing",
    "ActionNotAllowedError": "samenbeslissen.errors",
    "ConflictError": "samenbeslissen.errors",
    "DefinitionError": "samenbeslissen.errors",
    "InputError": "samenbeslissen.errors",
    "NotEnoughOptionsError": "samenbeslissen.errors",
    "NotFoundError": "samenbeslissen.errors",
    "OptionalDependencyError": "samenbeslissen.errors",
    "Problem": "samenbeslissen.errors",
    "RecordError": "samenbeslissen.errors",
    "RuleViolationError": "samenbeslissen.errors",
    "SamenBeslissenError": "samenbeslissen.errors",
    "ScenarioError": "samenbeslissen.errors",
    "ScoringError": "samenbeslissen.errors",
    "StepOrderError": "samenbeslissen.errors",
    "TemplateError": "samenbeslissen.errors",
    "Diagram": "samenbeslissen.explore.flow",
    "Edge": "samenbeslissen.explore.flow",
    "Route": "samenbeslissen.explore.flow",
    "diagram": "samenbeslissen.explore.flow",
    "paths": "samenbeslissen.explore.flow",
    "Preview": "samenbeslissen.explore.variants",
    "Variant": "samenbeslissen.explore.variants",
    "Variants": "samenbeslissen.explore.variants",
    "preview": "samenbeslissen.explore.variants",
    "variants": "samenbeslissen.explore.variants",
    "Renderer": "samenbeslissen.rendering.renderer",
    "render": "samenbeslissen.rendering.renderer",
    "render_pdf": "samenbeslissen.rendering.renderer",
    "ClientPersona": "samenbeslissen.scenarios",
    "Companion": "samenbeslissen.scenarios",
    "Line": "samenbeslissen.scenarios",
    "PlannedDecision": "samenbeslissen.scenarios",
    "ProfessionalPersona": "samenbeslissen.scenarios",
    "Scenario": "samenbeslissen.scenarios",
    "StepLines": "samenbeslissen.scenarios",
    "demo_scenario": "samenbeslissen.scenarios",
    "load_scenario": "samenbeslissen.scenarios",
    "loads_scenario": "samenbeslissen.scenarios",
    "scenario_from_dict": "samenbeslissen.scenarios",
    "scenario_schema": "samenbeslissen.scenarios",
    "scenario_to_dict": "samenbeslissen.scenarios",
    "starter_scenario": "samenbeslissen.scenarios",
}
"""Every public name but ``instruments`` and ``__version__``, and the module that defines it."""


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name == "instruments":
        value = importlib.import_module("samenbeslissen.instruments")
    elif name == "__version__":
        value = _version()
    else:
        raise AttributeError(f"module 'samenbeslissen' has no attribute {name!r}")
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("samenbeslissen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0.0.0+unknown"
