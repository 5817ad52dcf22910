"""The Control Preferences Scale: which decision role the client prefers."""

from __future__ import annotations

import numbers

import attrs

from samenbeslissen.core.answers import shown
from samenbeslissen.core.model import DecisionRole, RoleGroup
from samenbeslissen.core.validate import check_language
from samenbeslissen.errors import ScoringError
from samenbeslissen.i18n import text
from samenbeslissen.instruments._catalogue import INSTRUMENTS

__all__ = ["ControlPreference", "control_preferences"]

_ROLES = tuple(DecisionRole)
_INFO = INSTRUMENTS["control_preferences"]


@attrs.frozen(kw_only=True)
class ControlPreference:
    """The client's answer on the Control Preferences Scale.

    Attributes:
        role: The preferred decision role.
        position: Its position on the scale, 1 (client alone) to 5 (professional alone).
        group: Active (1-2), collaborative (3) or passive (4-5).
    """

    role: DecisionRole
    position: int
    group: RoleGroup

    def interpretation(self, language: str = "nl") -> str:
        """The preference as a plain sentence ("nl" or "en")."""
        return text(
            "interpret_control_preferences",
            check_language(language),
            role=self.role,
            group=self.group,
        )


def control_preferences(answer: int | DecisionRole) -> ControlPreference:
    """Read a Control Preferences Scale answer as a decision role and its group.

    The scale has five statements in order, from "the client decides alone"
    (1) to "the professional decides" (5); 1-2 are active, 3 collaborative,
    4-5 passive. These are the roles of :class:`~samenbeslissen.DecisionRole`.

    Missing data: none; one answer is needed.

    Source: Degner LF, Sloan JA, Venkatesh P (1997). The Control Preferences
    Scale. Canadian Journal of Nursing Research 29(3):21-43.

    Args:
        answer: The chosen position, 1-5, or a DecisionRole. A stored role's
            text ("shared") is refused: pass ``DecisionRole("shared")``.

    Returns:
        The role, its position and its group.

    Raises:
        ScoringError: Anything else (``field="answer"``).
    """
    if isinstance(answer, DecisionRole):
        role = answer
    elif (
        isinstance(answer, numbers.Integral)
        and not isinstance(answer, bool)
        and _INFO.low <= int(answer) <= _INFO.high
    ):
        role = _ROLES[int(answer) - 1]
    else:
        raise ScoringError(
            "scoring_control_preferences",
            field="answer",
            instrument=_INFO.title,
            got=shown(answer),
        )
    return ControlPreference(role=role, position=role.position, group=role.group)
