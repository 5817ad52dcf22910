"""Shared Hypothesis strategies and conversation builders of the test suite."""

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


# -- builders: conversations walked the ordinary way -----------------------------

FOLLOW_UP = dt.date(2026, 6, 1)

WERK = sb.Option(
    key="werkervaring",
    title="Werkervaringsplaats",
    pros=("U krijgt weer ritme.",),
    cons=("U krijgt nog geen loon.",),
)
NIETS = sb.Option(
    key="niets",
    title="Nu niets veranderen",
    status_quo=True,
    pros=("U houdt rust.",),
    cons=("U zet geen stap naar werk.",),
)
CURSUS = sb.Option(
    key="cursus", title="Taalcursus", pros=("Beter Nederlands.",), cons=("Elke dag les.",)
)


def new(language: str = "nl", policy: sb.Policy | None = None, **kwargs: object) -> sb.Conversation:
    return sb.Conversation(
        "Welke stap naar werk past nu bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        language=language,
        policy=policy,
        clock=ticking_clock(),
        **kwargs,  # type: ignore[arg-type]  # the caller passes Conversation's own keywords
    )


def at(
    step: sb.Step, language: str = "nl", policy: sb.Policy | None = None, **kwargs: object
) -> sb.Conversation:
    """A conversation walked, the ordinary way, to ``step`` (``kwargs`` go to Conversation)."""
    conv = new(language, policy, **kwargs)
    if step is sb.Step.INFORM:
        return conv
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(WERK)
    conv.add_option(NIETS)
    if step is sb.Step.OPTIONS:
        return conv
    conv.present_options()
    if step is sb.Step.PREFERENCES:
        return conv
    conv.weigh({"inkomen": 5, "rust": 3}, {"werkervaring": {"inkomen": 2}, "niets": {"rust": 5}})
    if step is sb.Step.DECIDE:
        return conv
    if step is sb.Step.DEFERRED:
        conv.defer(reason="Ze wil eerst met haar zus praten.")
        return conv
    if step is sb.Step.STOPPED:
        conv.stop(reason="De cliënt wil niet verder.")
        return conv
    conv.decide(
        "werkervaring", decided_by=sb.DecisionRole.SHARED, rationale="Ritme.", follow_up=FOLLOW_UP
    )
    if step is sb.Step.EVALUATED:
        conv.evaluate(notes="Het gaat goed.")
    return conv


NAMES = ("Fatima El Amrani", "Jeroen Visser", "Els Bakker")
PRIVATE = "Mijn buurman weet hier niets van."


def council_conversation(
    *,
    deferred: bool = False,
    stop: bool = False,
    wanted: sb.DecisionRole = sb.DecisionRole.SHARED,
    decided_by: sb.DecisionRole = sb.DecisionRole.SHARED,
    sdm: int | None = None,
    collaborate: tuple[int, int, int] | None = None,
    sure_yes: int | None = None,
    remark: str | None = None,
) -> sb.Conversation:
    """A decided conversation for the client council report, with its experience."""
    conv = sb.Conversation(
        "Welke hulp past bij u?",
        client=sb.Participant(name=NAMES[0]),
        professional=sb.Participant(name=NAMES[1]),
        others=[sb.Participant(name=NAMES[2], role=sb.ParticipantRole.CLIENT_SUPPORT)],
        clock=ticking_clock(),
    )
    conv.inform(may_codecide=True, preferred_role=wanted)
    conv.add_option(sb.Option(key="thuiszorg", title="Thuiszorg"))
    conv.add_option(sb.Option(key="zelf", title="Zelf regelen", status_quo=True))
    conv.present_options()
    if stop:
        conv.stop(reason="De cliënt wil niet verder.")
        return conv
    conv.weigh({"vast": 5}, {"thuiszorg": {"vast": 4}})
    if deferred:
        conv.defer(reason="Eerst met de dochter praten.")
        conv.resume()
    conv.decide(
        "thuiszorg", decided_by=decided_by, rationale="Vaste hulp.", follow_up=dt.date(2026, 6, 1)
    )
    answers = []
    if sdm is not None:
        answers.append(sb.Answers(instrument="sdm_q9", items=[sdm] * 9))
    if collaborate is not None:
        answers.append(sb.Answers(instrument="collaborate", items=list(collaborate)))
    if sure_yes is not None:
        answers.append(sb.Answers(instrument="sure", items=[1] * sure_yes + [0] * (4 - sure_yes)))
    remarks = [sb.Remark(text=PRIVATE, kind="change", private=True)]
    if remark:
        remarks.append(sb.Remark(text=remark, kind="helped", step="inform"))
    conv.add_experience(answers=answers, remarks=remarks)
    return conv
