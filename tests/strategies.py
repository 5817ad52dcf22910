"""Hypothesis strategies shared by the test suite; grows with every feature."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable

from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.scenarios import (
    ClientPersona,
    Companion,
    Line,
    PlannedDecision,
    ProfessionalPersona,
    Scenario,
    StepLines,
)

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)

keys = st.text(string.ascii_lowercase + string.digits + "_", min_size=1, max_size=12).filter(
    lambda k: k[0] != "_" or len(k) > 1
)
"""Valid option and criterion keys."""

# Printable text, including Dutch letters and markup characters that
# renderers must escape; never blank.
texts = st.text(
    st.characters(
        whitelist_categories=("L", "N", "P", "S", "Zs"),
        whitelist_characters="ëéïöü<>&\"'",
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")

scores = st.integers(min_value=0, max_value=5)
decision_roles = st.sampled_from(sb.DecisionRole)
other_roles = st.sampled_from(
    [
        sb.ParticipantRole.SIGNIFICANT_OTHER,
        sb.ParticipantRole.CLIENT_SUPPORT,
        sb.ParticipantRole.INTERPRETER,
        sb.ParticipantRole.PEER_EXPERT,
    ]
)
languages = st.sampled_from(["nl", "en"])


@st.composite
def options(draw: st.DrawFn, key: str | None = None) -> sb.Option:
    """A valid option, with ``key`` when given."""
    return sb.Option(
        key=key if key is not None else draw(keys),
        title=draw(texts),
        description=draw(st.none() | texts),
        pros=tuple(draw(st.lists(texts, max_size=3))),
        cons=tuple(draw(st.lists(texts, max_size=3))),
        status_quo=draw(st.booleans()),
    )


@st.composite
def option_lists(draw: st.DrawFn, min_size: int = 2, max_size: int = 4) -> tuple[sb.Option, ...]:
    """Options with distinct keys."""
    names = draw(st.lists(keys, min_size=min_size, max_size=max_size, unique=True))
    return tuple(draw(options(key=name)) for name in names)


@st.composite
def weighings(
    draw: st.DrawFn, option_keys: tuple[str, ...]
) -> tuple[dict[str, int], dict[str, dict[str, int | None]]]:
    """``importance`` and ``ratings`` mappings for ``Conversation.weigh``."""
    criteria = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    importance = {c: draw(scores) for c in criteria}
    ratings = {
        o: {c: draw(st.none() | scores) for c in criteria if draw(st.booleans())}
        for o in option_keys
    }
    return importance, ratings


def ticking_clock(
    start: dt.datetime = START, step: dt.timedelta = dt.timedelta(minutes=3)
) -> Callable[[], dt.datetime]:
    """A clock that moves ``step`` ahead on every call: deterministic event times."""
    now = [start]

    def clock() -> dt.datetime:
        now[0] += step
        return now[0]

    return clock


@st.composite
def conversations(draw: st.DrawFn) -> sb.Conversation:
    """A new conversation at step 1, with 0-3 others and a deterministic clock."""
    others = draw(st.lists(st.builds(sb.Participant, name=texts, role=other_roles), max_size=3))
    return sb.Conversation(
        draw(texts),
        client=sb.Participant(name=draw(texts)),
        professional=sb.Participant(name=draw(texts)),
        others=others,
        language=draw(languages),
        clock=ticking_clock(),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A valid scenario, built directly from the value classes."""
    opts = draw(option_lists(min_size=2, max_size=4))
    criteria = tuple(
        sb.Criterion(key=k, importance=draw(scores), label=draw(st.none() | texts))
        for k in draw(st.lists(keys, max_size=4, unique=True))
    )
    ratings = tuple(
        sb.Rating(option=o.key, criterion=c.key, score=draw(st.none() | scores))
        for o in opts
        for c in criteria
        if draw(st.booleans())
    )
    others = tuple(
        draw(
            st.lists(
                st.builds(Companion, name=texts, role=other_roles, relation=st.none() | texts),
                max_size=2,
            )
        )
    )
    speakers = st.sampled_from(
        [sb.ParticipantRole.CLIENT, sb.ParticipantRole.PROFESSIONAL, *(o.role for o in others)]
    )
    line_lists = st.lists(st.builds(Line, speaker=speakers, text=texts), max_size=3).map(tuple)
    lines = tuple(
        (step, draw(st.builds(StepLines, good=line_lists, pitfall=line_lists)))
        for step in (sb.Step.INFORM, sb.Step.OPTIONS, sb.Step.PREFERENCES, sb.Step.DECIDE)
        if draw(st.booleans())
    )
    decision = draw(
        st.none()
        | st.builds(
            PlannedDecision,
            option=st.sampled_from([o.key for o in opts]),
            decided_by=decision_roles,
            rationale=texts,
            follow_up_weeks=st.integers(min_value=1, max_value=52),
        )
    )
    return Scenario(
        title=draw(texts),
        language=draw(languages),
        address=draw(st.sampled_from(["u", "je"])),
        client=ClientPersona(
            name=draw(texts),
            situation=draw(st.none() | texts),
            preferred_role=draw(st.none() | decision_roles),
        ),
        professional=ProfessionalPersona(name=draw(texts), function=draw(st.none() | texts)),
        others=others,
        question=draw(texts),
        goal=draw(st.none() | texts),
        options=opts,
        criteria=criteria,
        ratings=ratings,
        decision=decision,
        lines=lines,
    )


@st.composite
def instrument_answers(draw: st.DrawFn, instrument: str | None = None) -> sb.Answers:
    """Answers to ``instrument`` (any, if None): mostly the right shape, sometimes spoilt.

    Spoilt sets have one answer too few or too many, or up to three answers
    that are missing or not a whole number in range (a string, a float).
    """
    known = sb.instruments.INSTRUMENTS
    info = known[instrument] if instrument else draw(st.sampled_from(list(known.values())))
    count = info.item_count + draw(st.sampled_from([0, 0, 0, -1, 1]))
    items: list[object] = list(
        draw(st.lists(st.integers(info.low, info.high), min_size=count, max_size=count))
    )
    spoilers = st.none() | st.integers(info.low - 2, info.high + 2) | st.sampled_from(["1", 2.0])
    if count:
        for index in draw(st.lists(st.integers(0, count - 1), max_size=3, unique=True)):
            items[index] = draw(spoilers)
    return sb.Answers(instrument=info.name, items=items)
