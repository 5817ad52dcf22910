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

__all__ = [
    "FORMS",
    "ControlPreference",
    "RoleComparison",
    "compare_roles",
    "control_preferences",
]

_ROLES = tuple(DecisionRole)
_INFO = INSTRUMENTS["control_preferences"]
_LETTERS = {letter: position for position, letter in enumerate("ABCDE", start=1)}
"""Degner's cards A-E, in the order of the positions 1-5."""

FORMS = ("preferred", "experienced")
"""The two forms: the role the client wants (before), or the one they had (after)."""


@attrs.frozen(kw_only=True)
class ControlPreference:
    """The client's answer on the Control Preferences Scale.

    Attributes:
        role: The decision role chosen.
        position: Its position on the scale, 1 (client alone) to 5 (professional alone).
        group: Active (1-2), collaborative (3) or passive (4-5).
        form: "preferred" (the role the client wants, asked before the
            decision) or "experienced" (the role the client had, asked after).
    """

    role: DecisionRole
    position: int
    group: RoleGroup
    form: str = "preferred"

    @property
    def letter(self) -> str:
        """The card of Degner's card sort: A (client alone) to E (professional alone)."""
        return "ABCDE"[self.position - 1]

    def interpretation(self, language: str = "nl") -> str:
        """The preference, or the experience, as a plain sentence ("nl" or "en")."""
        key = (
            "interpret_control_preferences"
            if self.form == "preferred"
            else "interpret_control_experienced"
        )
        return text(key, check_language(language), role=self.role, group=self.group)


@attrs.frozen(kw_only=True)
class RoleComparison:
    """The role a client wanted against the role they had (both on the Control Preferences Scale).

    Attributes:
        preferred: The role the client wanted.
        experienced: The role the client had, in their own view.
        difference: Positions between them: negative when the client had a
            more active role than wanted, positive when more passive, 0 when
            they match.
    """

    preferred: ControlPreference
    experienced: ControlPreference
    difference: int

    @property
    def matched(self) -> bool:
        """True when the client had the role they wanted."""
        return self.difference == 0

    def interpretation(self, language: str = "nl") -> str:
        """The comparison as a plain sentence ("nl" or "en")."""
        if self.difference == 0:
            key = "interpret_roles_matched"
        elif self.difference > 0:
            key = "interpret_roles_more_passive"
        else:
            key = "interpret_roles_more_active"
        return text(
            key,
            check_language(language),
            preferred=self.preferred.role,
            experienced=self.experienced.role,
        )


def control_preferences(
    answer: int | str | DecisionRole, *, form: str = "preferred"
) -> ControlPreference:
    """Read a Control Preferences Scale answer as a decision role and its group.

    The scale has five statements in order, from "the client decides alone"
    (1, card A) to "the professional decides" (5, card E); 1-2 are active, 3
    collaborative, 4-5 passive. These are the roles of
    :class:`~samenbeslissen.DecisionRole`.

    This is the single-choice variant: the client picks the one statement
    that fits best. Degner's full card sort, with its paired comparisons of
    the cards, is not implemented. The same statements serve after the
    decision (``form="experienced"``): which role did the client have? Put
    the two side by side with :func:`compare_roles`.

    Missing data: none; one answer is needed.

    Source: Degner LF, Sloan JA, Venkatesh P (1997). The Control Preferences
    Scale. Canadian Journal of Nursing Research 29(3):21-43.

    Args:
        answer: The chosen position, 1-5, its card letter "A"-"E", or a
            DecisionRole. A stored role's text ("shared") is refused: pass
            ``DecisionRole("shared")``.
        form: "preferred" (before the decision, the default) or
            "experienced" (after it).

    Returns:
        The role, its position, its group and the form.

    Raises:
        ScoringError: Anything else (``field="answer"`` or ``"form"``).
    """
    if form not in FORMS:
        raise ScoringError(
            "scoring_control_form", field="form", instrument=_INFO.title, got=shown(form)
        )
    if isinstance(answer, DecisionRole):
        role = answer
    elif isinstance(answer, str) and answer.strip().upper() in _LETTERS:
        role = _ROLES[_LETTERS[answer.strip().upper()] - 1]
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
    return ControlPreference(role=role, position=role.position, group=role.group, form=form)


def compare_roles(
    preferred: int | str | DecisionRole, experienced: int | str | DecisionRole
) -> RoleComparison:
    """The role the client wanted against the role they had, on the Control Preferences Scale.

    >>> compare_roles("C", "A").interpretation("en")  # doctest: +ELLIPSIS
    'The client had a more active role than they wanted...'

    Args:
        preferred: The answer before the decision (as :func:`control_preferences` takes it).
        experienced: The answer after it.

    Raises:
        ScoringError: An answer that is not one of the five.
    """
    before = control_preferences(preferred)
    after = control_preferences(experienced, form="experienced")
    return RoleComparison(
        preferred=before, experienced=after, difference=after.position - before.position
    )
