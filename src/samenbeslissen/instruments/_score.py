"""Scoring a stored set of answers with the scoring function of its instrument."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias, cast

from samenbeslissen.core.answers import answer_shape, check_items
from samenbeslissen.core.model import Answers
from samenbeslissen.instruments._collaborate import (
    CollaborateGroupScore,
    CollaborateScore,
    collaborate,
    collaborate_group,
)
from samenbeslissen.instruments._conflict import (
    DecisionalConflictScore,
    SureScore,
    decisional_conflict,
    sure,
)
from samenbeslissen.instruments._roles import ControlPreference, control_preferences
from samenbeslissen.instruments._sdm import (
    Option5Score,
    Option12Score,
    SdmQScore,
    option5,
    option12,
    sdm_q9,
    sdm_q_doc,
)

__all__ = ["Score", "score_answers"]

Score: TypeAlias = (
    SdmQScore
    | CollaborateScore
    | CollaborateGroupScore
    | Option5Score
    | Option12Score
    | SureScore
    | ControlPreference
    | DecisionalConflictScore
)
"""What :func:`score_answers` returns: the result of the instrument's scoring function."""

# Each scoring function checks its own input, whatever its declared type.
_SCORERS: Mapping[str, Callable[[Any], Score]] = {
    "sdm_q9": sdm_q9,
    "sdm_q_doc": sdm_q_doc,
    "collaborate": collaborate,
    "option5": option5,
    "option12": option12,
    "sure": sure,
    "decisional_conflict": decisional_conflict,
}


def score_answers(answers: Answers) -> Score:
    """Score a set of answers, as an Experience holds them, with its instrument.

    The answers are checked against the instrument's shape first, as
    :meth:`Conversation.add_experience <samenbeslissen.Conversation.add_experience>`
    checks them, so every set a conversation accepts can be scored here.
    Two instruments are read in their own way: the Control Preferences
    Scale's one answer is the chosen statement
    (:func:`control_preferences`), and a CollaboRATE set with a missing
    answer is scored as a group of one (:func:`collaborate_group`), which
    leaves it out.

    >>> import samenbeslissen as sb
    >>> score_answers(sb.Answers(instrument="sdm_q9", items=[4] * 9)).scaled
    80.0

    Args:
        answers: The answers to one instrument.

    Returns:
        The result of the instrument's scoring function.

    Raises:
        ScoringError: The answers do not fit the instrument; ``field``
            names the item (``"items[3]"``).
    """
    items = check_items(answers.items, answer_shape(answers.instrument, answers.version))
    if answers.instrument == "decisional_conflict":
        return decisional_conflict(items, version=answers.version)
    if answers.instrument == "control_preferences":
        # One answer, never missing: the shape allows none.
        return control_preferences(cast(int, items[0]))
    if answers.instrument == "collaborate" and None in items:
        return collaborate_group([items])
    return _SCORERS[answers.instrument](items)
