"""The rules of the model as one explicit, recorded policy object."""

from __future__ import annotations

from typing import Any

import attrs

from samenbeslissen.core.validate import shown
from samenbeslissen.errors import DefinitionError

__all__ = ["Policy"]


def _flag(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, bool):
        raise DefinitionError(
            "policy_flag", field=attribute.name, name=attribute.name, got=shown(value)
        )


def _count(_instance: object, attribute: Any, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
        raise DefinitionError(
            "policy_min_options", field=attribute.name, name=attribute.name, got=shown(value)
        )


def _limit(low: int, high: int) -> Any:
    """A validator: a whole number from ``low`` to ``high``."""

    def check(_instance: object, attribute: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise DefinitionError(
                "policy_limit",
                field=attribute.name,
                name=attribute.name,
                low=low,
                high=high,
                got=shown(value),
            )

    return check


@attrs.frozen(kw_only=True)
class Policy:
    """The rules a conversation enforces; ``Policy()`` holds the model's own rules.

    An organisation may tighten or loosen them, explicitly: the policy is
    stored in every record, so a reader always sees which rules applied.

    Attributes:
        require_codecide_statement: Rule 1: no options before the client was
            told they may co-decide (``inform(may_codecide=True)``).
        require_preferred_role: Step 1 must record the client's preferred decision role.
        require_client_support_offer: When no client support person takes
            part, step 1 must record that free independent client support
            (cliëntondersteuning) was offered (``client_support_offered=True``).
        min_options: Rule 2: options to put on the table before weighing (1-20).
        require_status_quo: One option must be "keep things as they are".
        require_pros_and_cons: Every option needs at least one pro and one con.
        require_preferences: Rule 3: no decision without what matters to the
            client recorded, or a recorded reason why not.
        require_rationale: Rule 4: a decision records the reason in the client's words.
        require_follow_up: Rule 4: a decision records a follow-up date.
        require_user: Every action records who did it (``user=``, the host's user id).
        require_minor_consent: A decision for a client under 16 (by the
            client's ``age_group``) records the consent of every parent with
            authority or guardian taking part, and from 12 also of the
            client (WGBO; the Jeugdwet likewise). On by default: it is the law.
        max_text: The longest free text a conversation accepts, in characters
            (a rationale, a pro, a name; 1 to 100,000).
        max_options: The most options on the table (1 to 100).
        max_criteria: The most criteria in one weighing (1 to 100).
        max_participants: The most people taking part, client and
            professional included (2 to 50).
        max_events: The most actions a conversation records (10 to 100,000).

    The limits are sized for real conversations; going over one gives an
    InputError that names the limit.
    """

    require_codecide_statement: bool = attrs.field(default=True, validator=_flag)
    require_preferred_role: bool = attrs.field(default=False, validator=_flag)
    require_client_support_offer: bool = attrs.field(default=False, validator=_flag)
    min_options: int = attrs.field(default=2, validator=_count)
    require_status_quo: bool = attrs.field(default=False, validator=_flag)
    require_pros_and_cons: bool = attrs.field(default=False, validator=_flag)
    require_preferences: bool = attrs.field(default=True, validator=_flag)
    require_rationale: bool = attrs.field(default=True, validator=_flag)
    require_follow_up: bool = attrs.field(default=True, validator=_flag)
    require_user: bool = attrs.field(default=False, validator=_flag)
    require_minor_consent: bool = attrs.field(default=True, validator=_flag)
    max_text: int = attrs.field(default=10_000, validator=_limit(1, 100_000))
    max_options: int = attrs.field(default=20, validator=_limit(1, 100))
    max_criteria: int = attrs.field(default=30, validator=_limit(1, 100))
    max_participants: int = attrs.field(default=10, validator=_limit(2, 50))
    max_events: int = attrs.field(default=10_000, validator=_limit(10, 100_000))

    @classmethod
    def strict(cls) -> Policy:
        """The model's rules plus: preferred role asked, status quo offered, pros and cons given."""
        return cls(require_preferred_role=True, require_status_quo=True, require_pros_and_cons=True)
