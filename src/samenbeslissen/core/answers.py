"""Scoring the instrument answers a client's experience holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from samenbeslissen.core.model import Answers
from samenbeslissen.errors import ScoringError

__all__ = ["check_answers", "score"]


def score(answers: Answers) -> Any:
    """Score ``answers`` with their instrument (see :mod:`samenbeslissen.instruments`).

    Raises:
        ScoringError: The answers cannot be scored; ``field`` names the item.
    """
    from samenbeslissen import instruments

    if answers.instrument == "control_preferences":
        # The Control Preferences Scale has one answer: the chosen statement.
        if len(answers.items) != 1:
            raise ScoringError(
                "scoring_count",
                field="items",
                instrument="Control Preferences Scale",
                expected=1,
                count=len(answers.items),
            )
        return instruments.control_preferences(answers.items[0])  # type: ignore[arg-type]
    if answers.instrument == "collaborate" and None in answers.items:
        # An incomplete CollaboRATE is kept: a group score leaves it out.
        return instruments.collaborate_group([list(answers.items)])
    return getattr(instruments, answers.instrument)(list(answers.items))


def check_answers(all_answers: Iterable[Answers]) -> None:
    """Score every answer set once, so bad answers are refused when they come in.

    Raises:
        ScoringError: With ``field`` as ``answers[i].items[j]``.
    """
    for i, answers in enumerate(all_answers):
        try:
            score(answers)
        except ScoringError as error:
            params = {k: p for k, p in error.params.items() if k != "field"}
            raise ScoringError(error.key, field=f"answers[{i}].{error.field}", **params) from None
