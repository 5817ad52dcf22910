"""Events: the append-only history that is the truth of a conversation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from samenbeslissen.core.encoding import to_json_types
from samenbeslissen.core.model import (
    Decision,
    Deferral,
    Evaluation,
    Experience,
    Invitation,
    Option,
    ParticipantRole,
    Presentation,
    Reconsideration,
    Stopping,
)
from samenbeslissen.core.steps import Action, Step
from samenbeslissen.core.weighing import Weighing

__all__ = ["OPTIONAL_PAYLOADS", "PAYLOAD_TYPES", "Event", "Payload"]

Payload = (
    Invitation
    | Option
    | Weighing
    | Decision
    | Deferral
    | Stopping
    | Evaluation
    | Presentation
    | Reconsideration
    | Experience
    | None
)
"""What an event records, by action (see PAYLOAD_TYPES)."""

PAYLOAD_TYPES: dict[Action, type | None] = {
    Action.INFORM: Invitation,
    Action.ADD_OPTION: Option,
    Action.PRESENT_OPTIONS: Presentation,
    Action.WEIGH: Weighing,
    Action.DECIDE: Decision,
    Action.DEFER: Deferral,
    Action.RESUME: None,
    Action.STOP: Stopping,
    Action.EVALUATE: Evaluation,
    Action.RECONSIDER: Reconsideration,
    Action.ADD_EXPERIENCE: Experience,
}
"""The payload class each action records; None for actions that record no data."""

OPTIONAL_PAYLOADS = frozenset({Action.PRESENT_OPTIONS})
"""Actions whose payload may be None: presenting the options records a Presentation
only when there is something to say (why there is no status quo)."""


@attrs.frozen(kw_only=True)
class Event:
    """One thing that happened: an action, the step before and after, when, by whom, with what.

    Attributes:
        action: What was done.
        from_step: The step before.
        to_step: The step after (the same step for e.g. adding an option in step 2).
        at: When, as an aware UTC datetime.
        actor: Who did it (the role, not the name).
        data: What was recorded: an Invitation, Option, Weighing, Decision,
            Deferral, Stopping, Evaluation, Reconsideration or Experience, or
            None (see PAYLOAD_TYPES).
        user: The host's reference to the person at the keyboard (a user id,
            never a name), when the host gave one.
    """

    action: Action
    from_step: Step
    to_step: Step
    at: dt.datetime
    actor: ParticipantRole
    data: Payload = None
    user: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event as plain JSON types, as it stands in a record's ``history``.

        >>> import datetime as dt, samenbeslissen as sb
        >>> event = sb.Event(
        ...     action=sb.Action.RESUME, from_step=sb.Step.DEFERRED, to_step=sb.Step.DECIDE,
        ...     at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone.utc),
        ...     actor=sb.ParticipantRole.PROFESSIONAL, user="u-7",
        ... )
        >>> event.to_dict()["at"], event.to_dict()["user"]
        ('2026-03-02T09:00:00+00:00', 'u-7')
        """
        return {
            "action": self.action.value,
            "from_step": self.from_step.value,
            "to_step": self.to_step.value,
            "at": self.at.isoformat(),
            "actor": self.actor.value,
            "user": self.user,
            "data": to_json_types(self.data),
        }
