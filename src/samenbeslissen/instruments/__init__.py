"""Scoring of the standard shared-decision-making measures (see docs/instruments.md)."""

from samenbeslissen.instruments._catalogue import INSTRUMENTS, Anchor, Instrument, Item, Subscale
from samenbeslissen.instruments._collaborate import (
    MIN_ENCOUNTERS,
    CollaborateGroupScore,
    CollaborateScore,
    collaborate,
    collaborate_group,
)
from samenbeslissen.instruments._conflict import (
    CHANGEABLE,
    DCS_HIGH,
    DCS_LOW,
    DCS_VERSIONS,
    REVERSED_1995,
    DecisionalConflictScore,
    SureScore,
    decisional_conflict,
    sure,
)
from samenbeslissen.instruments._roles import (
    ControlPreference,
    RoleComparison,
    compare_roles,
    control_preferences,
)
from samenbeslissen.instruments._score import Score, score_answers
from samenbeslissen.instruments._sdm import (
    MINIMUM_SKILL,
    Option5Score,
    Option12Score,
    SdmQScore,
    option5,
    option12,
    sdm_q9,
    sdm_q_doc,
)

__all__ = [
    "CHANGEABLE",
    "DCS_HIGH",
    "DCS_LOW",
    "DCS_VERSIONS",
    "INSTRUMENTS",
    "MINIMUM_SKILL",
    "MIN_ENCOUNTERS",
    "REVERSED_1995",
    "Anchor",
    "CollaborateGroupScore",
    "CollaborateScore",
    "ControlPreference",
    "DecisionalConflictScore",
    "Instrument",
    "Item",
    "Option5Score",
    "Option12Score",
    "RoleComparison",
    "Score",
    "SdmQScore",
    "Subscale",
    "SureScore",
    "collaborate",
    "collaborate_group",
    "compare_roles",
    "control_preferences",
    "decisional_conflict",
    "option5",
    "option12",
    "score_answers",
    "sdm_q9",
    "sdm_q_doc",
    "sure",
]
