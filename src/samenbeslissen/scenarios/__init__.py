"""Trainer scenarios: YAML files read with line numbers, checked into Scenario values, and back."""

from samenbeslissen.scenarios.bundled import (
    DEMO_SCENARIO,
    demo_scenario,
    scenario_schema,
    starter_scenario,
)
from samenbeslissen.scenarios.decoder import scenario_from_dict
from samenbeslissen.scenarios.encoder import scenario_to_dict
from samenbeslissen.scenarios.loader import load_scenario, loads_scenario
from samenbeslissen.scenarios.model import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)
from samenbeslissen.scenarios.yaml_reader import MAX_SCENARIO_SIZE

__all__ = [
    "DEMO_SCENARIO",
    "MAX_SCENARIO_SIZE",
    "ClientPersona",
    "Companion",
    "Line",
    "PlannedDecision",
    "ProfessionalPersona",
    "Scenario",
    "StepLines",
    "demo_scenario",
    "load_scenario",
    "loads_scenario",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "starter_scenario",
]
