"""The domain values: participants, roles, options and what each step records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from samenbeslissen.core import validate as v
from samenbeslissen.core.answers import ANSWER_SHAPES, answer_shape
from samenbeslissen.core.steps import Step
from samenbeslissen.errors import InputError, ScoringError
from samenbeslissen.i18n import Labelled

__all__ = [
    "ADDRESSES",
    "AUTHORITY_ROLES",
    "COMPANION_ROLES",
    "INSTRUMENT_NAMES",
    "REPRESENTATIVE_ROLES",
    "AgeGroup",
    "Answers",
    "Decision",
    "DecisionRole",
    "Deferral",
    "Evaluation",
    "Experience",
    "Invitation",
    "Option",
    "Participant",
    "ParticipantRole",
    "Reconsideration",
    "Remark",
    "RemarkKind",
    "RoleGroup",
    "Stopping",
]


class ParticipantRole(Labelled):
    """Who someone is in the conversation."""

    CLIENT = "client"
    PROFESSIONAL = "professional"
    SIGNIFICANT_OTHER = "significant_other"
    """A naaste: partner, parent, child, friend."""
    CLIENT_SUPPORT = "client_support"
    """An independent cliëntondersteuner."""
    INTERPRETER = "interpreter"
    """A (professional) interpreter."""
    PEER_EXPERT = "peer_expert"
    """An ervaringsdeskundige."""
    PARENT_WITH_AUTHORITY = "parent_with_authority"
    """A parent with parental authority (ouder met gezag) over a client under 18."""
    GUARDIAN = "guardian"
    """A guardian (voogd): parental authority over a client under 18 held by someone else."""
    MENTOR = "mentor"
    """A mentor: represents an adult client in personal matters, such as care and support."""
    CURATOR = "curator"
    """A curator: represents an adult client in personal matters and in money matters."""
    BEWINDVOERDER = "bewindvoerder"
    """A bewindvoerder (protective administrator): represents an adult client in money matters."""


AUTHORITY_ROLES = (ParticipantRole.PARENT_WITH_AUTHORITY, ParticipantRole.GUARDIAN)
"""The representatives with authority over a minor (gezag): their consent counts for a
client under 16."""

REPRESENTATIVE_ROLES = (
    *AUTHORITY_ROLES,
    ParticipantRole.MENTOR,
    ParticipantRole.CURATOR,
    ParticipantRole.BEWINDVOERDER,
)
"""The legal representatives: parents with authority, guardian, mentor, curator, bewindvoerder."""


class AgeGroup(Labelled):
    """The client's age group, as the law on consent counts it (never a birth date).

    Under the WGBO, and likewise for youth care under the Jeugdwet, a
    client under 12 is represented by the parents with authority or the
    guardian; from 12 to 15 a decision needs the consent of the young person
    and of them; from 16 the young person decides alone.
    """

    UNDER_12 = "under_12"
    FROM_12_TO_15 = "12_to_15"
    FROM_16_TO_17 = "16_to_17"
    ADULT = "adult"

    @property
    def minor(self) -> bool:
        """True under 18."""
        return self is not AgeGroup.ADULT


COMPANION_ROLES = tuple(
    role
    for role in ParticipantRole
    if role not in (ParticipantRole.CLIENT, ParticipantRole.PROFESSIONAL)
)
"""The roles of others who take part beside the client and the professional, in order."""

ADDRESSES = ("u", "je")
"""How texts address the client: formal "u" (the default) or informal "je"."""


class RoleGroup(Labelled):
    """The three groups of the Control Preferences Scale."""

    ACTIVE = "active"
    COLLABORATIVE = "collaborative"
    PASSIVE = "passive"


class DecisionRole(Labelled):
    """How much the client wants to decide: the five roles of the Control Preferences Scale.

    In scale order, from the client deciding alone to the professional deciding.
    """

    CLIENT_ALONE = "client_alone"
    CLIENT_AFTER_ADVICE = "client_after_advice"
    SHARED = "shared"
    PROFESSIONAL_AFTER_INPUT = "professional_after_input"
    PROFESSIONAL_ALONE = "professional_alone"

    @property
    def position(self) -> int:
        """Position on the scale, 1 (client alone) to 5 (professional alone)."""
        return list(DecisionRole).index(self) + 1

    @property
    def group(self) -> RoleGroup:
        """Active (first two), collaborative (shared) or passive (last two)."""
        if self.position <= 2:
            return RoleGroup.ACTIVE
        if self is DecisionRole.SHARED:
            return RoleGroup.COLLABORATIVE
        return RoleGroup.PASSIVE


def _participant_role(value: object) -> ParticipantRole | None:
    return None if value is None else v.choice(value, ParticipantRole, "role")


def _age_group(value: object) -> AgeGroup | None:
    return None if value is None else v.choice(value, AgeGroup, "age_group")


def _preferred_role(value: object) -> DecisionRole | None:
    return None if value is None else v.choice(value, DecisionRole, "preferred_role")


def _wanted_role(value: object) -> DecisionRole | None:
    return None if value is None else v.choice(value, DecisionRole, "wanted_role")


def _decided_by(value: object) -> DecisionRole:
    return v.choice(value, DecisionRole, "decided_by")


def _pros(value: object) -> tuple[str, ...]:
    return v.converted(v.text_tuple, value, "pros")


def _cons(value: object) -> tuple[str, ...]:
    return v.converted(v.text_tuple, value, "cons")


def _agreements(value: object) -> tuple[str, ...]:
    return v.converted(v.text_tuple, value, "agreements")


def _consent(value: object) -> tuple[str, ...]:
    return v.converted(v.text_tuple, value, "consent")


@v.every_problem
@attrs.frozen(kw_only=True)
class Participant:
    """Someone who takes part: the client, the professional or another person.

    Leave ``role`` out for the client and the professional: the conversation
    fills it in. Others need a role (``ParticipantRole.CLIENT_SUPPORT`` ...).
    Store a pseudonym here if the host application prefers that.
    ``speaks`` is the language the person speaks best, in words
    ("Arabisch"), when it is not the conversation's: the guide then asks for
    a professional interpreter. ``contact`` is how the client can reach the
    person (a phone number, an e-mail address), shown in the client's
    summary for the professional. ``age_group`` is the client's age group
    (:class:`AgeGroup`), which decides whose consent a decision needs; it
    is only read for the client.
    """

    name: str = attrs.field(validator=v.attrs_validator(v.text))
    role: ParticipantRole | None = attrs.field(default=None, converter=_participant_role)
    speaks: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_text))
    contact: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_text))
    age_group: AgeGroup | None = attrs.field(default=None, converter=_age_group)


@v.every_problem
@attrs.frozen(kw_only=True)
class Option:
    """A reasonable way to go, with its pros and cons in plain language.

    ``status_quo`` marks "keep things as they are" or "wait and see", which
    counts as an option in the model. ``picture`` is an image for clients
    who read with difficulty, as a data URI (``data:image/png;base64,...``;
    PNG, JPEG, GIF or WebP); the option grid shows it in HTML. It counts
    against the policy's ``max_text`` like any text.
    """

    key: str = attrs.field(validator=v.attrs_validator(v.key))
    title: str = attrs.field(validator=v.attrs_validator(v.text))
    description: str | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_text)
    )
    pros: tuple[str, ...] = attrs.field(default=(), converter=_pros)
    cons: tuple[str, ...] = attrs.field(default=(), converter=_cons)
    status_quo: bool = attrs.field(default=False, validator=v.attrs_validator(v.boolean))
    picture: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_picture))


@v.every_problem
@attrs.frozen(kw_only=True)
class Invitation:
    """What step 1 recorded: the client was told they may co-decide, and their preferred role."""

    may_codecide: bool = attrs.field(validator=v.attrs_validator(v.boolean))
    preferred_role: DecisionRole | None = attrs.field(default=None, converter=_preferred_role)
    goal: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_text))
    client_support_offered: bool | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_boolean)
    )


@v.every_problem
@attrs.frozen(kw_only=True)
class Decision:
    """What step 4 recorded: the chosen option, who decided, why, and when to look back.

    ``wanted_role`` is how the client wanted to decide when asked again at
    this step, if they were: a wish can change once the options are known.
    The fidelity check compares the latest wish with ``decided_by``.
    ``reflection_offered`` says whether the client was offered time to think
    it over (bedenktijd) before deciding, and ``teach_back`` whether the
    client told in their own words what was agreed, if that was recorded.
    ``agreements`` say who does what, and when, in plain words ("Sanne
    vraagt de hulp aan, deze week."); ``formal_decision`` is True when a
    formal decision (beschikking) follows, against which the client can
    object. The client's summary shows both under "Wat gebeurt er nu?".
    ``consent`` names the people who agreed to the decision (the client and
    the representatives, by their names in the conversation): for a client
    under 16 the policy asks for the consent of the representatives with
    authority, and from 12 that of the young person too.
    """

    option: str = attrs.field(validator=v.attrs_validator(v.key))
    decided_by: DecisionRole = attrs.field(converter=_decided_by)
    rationale: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_text))
    follow_up: dt.date | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_date)
    )
    wanted_role: DecisionRole | None = attrs.field(default=None, converter=_wanted_role)
    reflection_offered: bool | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_boolean)
    )
    teach_back: bool | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_boolean)
    )
    agreements: tuple[str, ...] = attrs.field(default=(), converter=_agreements)
    formal_decision: bool | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_boolean)
    )
    consent: tuple[str, ...] = attrs.field(default=(), converter=_consent)


@v.every_problem
@attrs.frozen(kw_only=True)
class Deferral:
    """Why the decision was put off, and until when."""

    reason: str = attrs.field(validator=v.attrs_validator(v.text))
    until: dt.date | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_date))


@v.every_problem
@attrs.frozen(kw_only=True)
class Stopping:
    """Why the conversation was stopped (the reason is optional: a client may just stop)."""

    reason: str | None = attrs.field(default=None, validator=v.attrs_validator(v.optional_text))


@v.every_problem
@attrs.frozen(kw_only=True)
class Evaluation:
    """What the follow-up conversation found: notes, and whether the decision still holds."""

    notes: str = attrs.field(validator=v.attrs_validator(v.text))
    decision_holds: bool = attrs.field(default=True, validator=v.attrs_validator(v.boolean))


@v.every_problem
@attrs.frozen(kw_only=True)
class Presentation:
    """What step 2 recorded beyond the options themselves.

    ``no_status_quo`` says why no option is "keep things as they are", when
    none is: some decisions have no such option (a legal duty under the
    Participatiewet, say). The fidelity check then calls its status-quo
    check not applicable, with this reason. ``deliberation_support`` says
    whether the professional told the client they would get help to weigh
    the options (OPTION-5 item 2).
    """

    no_status_quo: str | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_text)
    )
    deliberation_support: bool | None = attrs.field(
        default=None, validator=v.attrs_validator(v.optional_boolean)
    )


@v.every_problem
@attrs.frozen(kw_only=True)
class Reconsideration:
    """Why a decision that was evaluated is taken up again, back at the options."""

    reason: str = attrs.field(validator=v.attrs_validator(v.text))


INSTRUMENT_NAMES = tuple(ANSWER_SHAPES)
"""The instruments whose answers an Experience can hold: those of ANSWER_SHAPES, in its order."""


def _instrument(value: object, field: str) -> str:
    if value not in INSTRUMENT_NAMES:
        raise InputError(
            "expected_choice", field=field, allowed=", ".join(INSTRUMENT_NAMES), got=repr(value)
        )
    return str(value)


def _answer_items(value: object) -> tuple[int | None, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        v.keep(InputError("expected_type", field="items", expected="list"))
        return value  # type: ignore[return-value]  # never seen: the build fails
    # SURE's yes/no answers are stored as 1/0, like the instrument scores them.
    return tuple(int(item) if isinstance(item, bool) else item for item in value)


def _respondent(value: object) -> ParticipantRole:
    return v.choice(value, ParticipantRole, "respondent")


def _version(instance: Answers, _attribute: object, value: str | None) -> None:
    if value is None or instance.instrument not in INSTRUMENT_NAMES:
        return  # no version, or an unknown instrument: that is its own problem
    try:
        answer_shape(instance.instrument, value)
    except ScoringError as error:
        v.keep(error)


@v.every_problem
@attrs.frozen(kw_only=True)
class Answers:
    """The answers to one instrument, in item order (None for an item left open).

    They are checked against their instrument's shape (see
    ``samenbeslissen.core.answers.ANSWER_SHAPES``) when they are attached to
    a conversation; ``respondent`` says who filled them in.
    """

    instrument: str = attrs.field(validator=v.attrs_validator(_instrument))
    items: tuple[int | None, ...] = attrs.field(converter=_answer_items)
    respondent: ParticipantRole = attrs.field(default=ParticipantRole.CLIENT, converter=_respondent)
    version: str | None = attrs.field(default=None, validator=_version)
    """The form of the instrument, for one that has several (the Decisional Conflict
    Scale: "2010", the default, "low_literacy" or "1995"); None for the default form."""


class RemarkKind(Labelled):
    """What a client's free-text remark is about."""

    HELPED = "helped"
    """What helped them."""
    CHANGE = "change"
    """What they would change."""
    OTHER = "other"


def _remark_kind(value: object) -> RemarkKind:
    return v.choice(value, RemarkKind, "kind")


def _optional_step(value: object) -> Step | None:
    return None if value is None else v.choice(value, Step, "step")


@v.every_problem
@attrs.frozen(kw_only=True)
class Remark:
    """A client's experience in their own words, optionally about one step of the model.

    ``private`` remarks stay in the record but never appear in a report.
    """

    text: str = attrs.field(validator=v.attrs_validator(v.text))
    kind: RemarkKind = attrs.field(default=RemarkKind.OTHER, converter=_remark_kind)
    step: Step | None = attrs.field(default=None, converter=_optional_step)
    """The step the remark is about, or None for the conversation as a whole."""
    private: bool = attrs.field(default=False, validator=v.attrs_validator(v.boolean))


def _tuple_of(value: object, kind: type, field: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InputError("expected_type", field=field, expected="list")
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            raise InputError("expected_type", field=f"{field}[{i}]", expected=kind.__name__)
    return tuple(value)


def _answers(value: object) -> tuple[Answers, ...]:
    return v.converted(_tuple_of, value, Answers, "answers")


def _remarks(value: object) -> tuple[Remark, ...]:
    return v.converted(_tuple_of, value, Remark, "remarks")


@v.every_problem
@attrs.frozen(kw_only=True)
class Experience:
    """What the client experienced, attached after the decision or at evaluation."""

    answers: tuple[Answers, ...] = attrs.field(default=(), converter=_answers)
    remarks: tuple[Remark, ...] = attrs.field(default=(), converter=_remarks)
