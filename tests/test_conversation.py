"""Tests of the conversation: the four steps, the rules, refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

import samenbeslissen as sb
from tests.strategies import CURSUS, FOLLOW_UP, NIETS, START, WERK, at, new

A, S = sb.Action, sb.Step


def snapshot(conv: sb.Conversation) -> tuple[object, ...]:
    return (conv.step, conv.history, conv.options, conv.weighing, conv.decision, conv.to_dict())


def test_a_full_conversation_walks_the_four_steps_in_order() -> None:
    conv = new()
    assert S.INFORM == conv.step
    conv.inform(
        may_codecide=True, preferred_role=sb.DecisionRole.SHARED, goal="Over een jaar werk."
    )
    assert S.OPTIONS == conv.step
    conv.add_option(WERK)
    conv.add_option(NIETS)
    conv.present_options()
    assert S.PREFERENCES == conv.step
    conv.weigh({"inkomen": 5}, {"werkervaring": {"inkomen": 2}}, labels={"inkomen": "Meer geld"})
    assert S.DECIDE == conv.step
    event = conv.decide(
        "werkervaring", decided_by=sb.DecisionRole.SHARED, rationale="Ritme.", follow_up=FOLLOW_UP
    )
    assert S.DECIDED == conv.step
    assert event == conv.history[-1]
    expected_actions = [A.INFORM, A.ADD_OPTION, A.ADD_OPTION, A.PRESENT_OPTIONS, A.WEIGH, A.DECIDE]
    assert expected_actions == [e.action for e in conv.history]
    assert (
        sb.Decision(
            option="werkervaring",
            decided_by=sb.DecisionRole.SHARED,
            rationale="Ritme.",
            follow_up=FOLLOW_UP,
        )
        == conv.decision
    )
    assert sb.DecisionRole.SHARED == conv.preferred_role
    assert "Over een jaar werk." == conv.goal
    assert {"inkomen": 5} == conv.weighing.importance if conv.weighing else None
    assert "Meer geld" == conv.weighing.criteria[0].label if conv.weighing else None


def test_events_record_steps_actor_and_increasing_utc_times() -> None:
    conv = at(S.DECIDED)
    previous = conv.created_at
    for event in conv.history:
        assert dt.timezone.utc == event.at.tzinfo
        assert event.at >= previous
        previous = event.at
    assert (S.INFORM, S.OPTIONS) == (conv.history[0].from_step, conv.history[0].to_step)
    assert sb.ParticipantRole.PROFESSIONAL == conv.history[0].actor


def test_event_times_never_go_back_even_when_the_clock_does() -> None:
    times = iter([START, START + dt.timedelta(hours=1), START - dt.timedelta(hours=5)])
    conv = sb.Conversation(
        "Vraag?",
        client=sb.Participant(name="A"),
        professional=sb.Participant(name="B"),
        clock=lambda: next(times),
    )
    conv.inform(may_codecide=True)
    conv.add_option(WERK)
    assert conv.history[0].at == conv.history[1].at
    assert conv == sb.Conversation.from_dict(conv.to_dict())


@pytest.mark.parametrize(
    ("step", "action", "call"),
    [
        (S.INFORM, A.PRESENT_OPTIONS, lambda c: c.present_options()),
        (S.INFORM, A.WEIGH, lambda c: c.weigh({"x": 1})),
        (S.INFORM, A.DECIDE, lambda c: c.decide("niets", decided_by=sb.DecisionRole.SHARED)),
        (S.INFORM, A.DEFER, lambda c: c.defer(reason="Tijd nodig.")),
        (S.INFORM, A.RESUME, lambda c: c.resume()),
        (S.OPTIONS, A.INFORM, lambda c: c.inform(may_codecide=True)),
        (S.OPTIONS, A.WEIGH, lambda c: c.weigh({"x": 1})),
        (S.PREFERENCES, A.DECIDE, lambda c: c.decide("niets", decided_by=sb.DecisionRole.SHARED)),
        (S.DECIDE, A.PRESENT_OPTIONS, lambda c: c.present_options()),
        (S.DEFERRED, A.ADD_OPTION, lambda c: c.add_option(CURSUS)),
        (S.DEFERRED, A.WEIGH, lambda c: c.weigh({"x": 1})),
        (S.DECIDED, A.DEFER, lambda c: c.defer(reason="Tijd nodig.")),
        (S.DECIDED, A.STOP, lambda c: c.stop()),
        (S.STOPPED, A.RESUME, lambda c: c.resume()),
        (S.EVALUATED, A.ADD_OPTION, lambda c: c.add_option(CURSUS)),
        (S.OPTIONS, A.EVALUATE, lambda c: c.evaluate(notes="Goed.")),
    ],
)
def test_an_action_of_another_step_is_refused_and_changes_nothing(
    step: sb.Step, action: sb.Action, call: object
) -> None:
    conv = at(step)
    before = snapshot(conv)
    with pytest.raises(sb.StepOrderError) as info:
        call(conv)  # type: ignore[operator]
    assert (step, action) == (info.value.step, info.value.action)
    assert before == snapshot(conv)


def test_step_order_messages_say_what_must_happen_first_in_the_conversations_language() -> None:
    with pytest.raises(sb.StepOrderError) as dutch:
        new("nl").present_options()
    with pytest.raises(sb.StepOrderError) as english:
        new("en").present_options()
    assert "mag meebeslissen" in str(dutch.value)
    assert "may co-decide" in str(english.value)
    assert str(english.value) == dutch.value.message("en")
    assert "StepOrderError" in repr(dutch.value)
    assert "may co-decide" in repr(dutch.value)  # repr is English


def test_the_client_must_be_told_they_may_codecide_before_the_options() -> None:
    conv = new()
    before = snapshot(conv)
    with pytest.raises(sb.RuleViolationError) as info:
        conv.inform(may_codecide=False)
    assert "require_codecide_statement" == info.value.rule
    assert "mag meebeslissen" in str(info.value)
    assert before == snapshot(conv)


def test_a_looser_policy_allows_informing_without_the_codecide_statement() -> None:
    conv = new(policy=sb.Policy(require_codecide_statement=False))
    conv.inform(may_codecide=False)
    assert S.OPTIONS == conv.step
    assert sb.Policy(require_codecide_statement=False) == conv.policy


@pytest.mark.parametrize("count", [0, 1])
def test_presenting_fewer_than_two_options_is_refused(count: int) -> None:
    conv = new()
    conv.inform(may_codecide=True)
    for option in (WERK,)[:count]:
        conv.add_option(option)
    before = snapshot(conv)
    with pytest.raises(sb.NotEnoughOptionsError) as info:
        conv.present_options()
    assert S.OPTIONS == info.value.step
    assert f"Aantal opties nu: {count}" in str(info.value)
    assert before == snapshot(conv)
    assert A.PRESENT_OPTIONS not in conv.allowed_actions()


def test_a_policy_can_ask_for_more_options() -> None:
    conv = at(S.OPTIONS, policy=sb.Policy(min_options=3))
    with pytest.raises(sb.NotEnoughOptionsError):
        conv.present_options()
    conv.add_option(CURSUS)
    conv.present_options()
    assert S.PREFERENCES == conv.step


def test_the_strict_policy_wants_a_role_a_status_quo_and_pros_and_cons() -> None:
    conv = new(policy=sb.Policy.strict())
    with pytest.raises(sb.RuleViolationError) as role:
        conv.inform(may_codecide=True)
    assert "require_preferred_role" == role.value.rule
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.CLIENT_ALONE)
    conv.add_option(WERK)
    conv.add_option(CURSUS)
    with pytest.raises(sb.RuleViolationError) as status_quo:
        conv.present_options()
    assert "require_status_quo" == status_quo.value.rule
    conv.add_option(sb.Option(key="wachten", title="Afwachten", status_quo=True, pros=("Rust.",)))
    with pytest.raises(sb.RuleViolationError) as balance:
        conv.present_options()
    assert "require_pros_and_cons" == balance.value.rule
    assert "wachten" in str(balance.value)
    assert A.PRESENT_OPTIONS not in conv.allowed_actions()


def test_deciding_needs_recorded_preferences_or_a_reason_to_skip_them() -> None:
    conv = at(S.PREFERENCES)
    with pytest.raises(sb.RuleViolationError) as info:
        conv.weigh()
    assert "require_preferences" == info.value.rule
    assert S.PREFERENCES == conv.step
    conv.weigh(skipped_reason="De cliënt wil hier nu niet over praten.")
    assert S.DECIDE == conv.step
    assert conv.weighing is not None
    assert conv.weighing.skipped


def test_a_reason_to_skip_and_preferences_together_are_refused() -> None:
    conv = at(S.PREFERENCES)
    with pytest.raises(sb.InputError) as info:
        conv.weigh({"inkomen": 3}, skipped_reason="Geen tijd.")
    assert "skipped_reason" == info.value.field
    assert S.PREFERENCES == conv.step


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"follow_up": FOLLOW_UP}, "require_rationale"),
        ({"rationale": "Ritme."}, "require_follow_up"),
    ],
)
def test_a_decision_needs_the_clients_reason_and_a_follow_up(
    kwargs: dict[str, object], rule: str
) -> None:
    conv = at(S.DECIDE)
    before = snapshot(conv)
    with pytest.raises(sb.RuleViolationError) as info:
        conv.decide("werkervaring", decided_by=sb.DecisionRole.SHARED, **kwargs)  # type: ignore[arg-type]
    assert rule == info.value.rule
    assert before == snapshot(conv)


def test_a_decision_that_differs_from_the_clients_wish_is_recorded_as_it_was() -> None:
    conv = at(S.DECIDE)
    conv.decide(
        "niets",
        decided_by=sb.DecisionRole.PROFESSIONAL_ALONE,
        rationale="Ik wil eerst beter worden.",
        follow_up=FOLLOW_UP,
    )
    assert sb.DecisionRole.SHARED == conv.preferred_role
    assert conv.decision is not None
    assert sb.DecisionRole.PROFESSIONAL_ALONE == conv.decision.decided_by


@pytest.mark.parametrize("step", [S.PREFERENCES, S.DECIDE])
def test_a_new_option_after_presenting_sends_the_conversation_back_to_step_2(step: sb.Step) -> None:
    conv = at(step)
    event = conv.add_option(CURSUS)
    assert (step, S.OPTIONS) == (event.from_step, event.to_step)
    assert S.OPTIONS == conv.step
    assert conv.weighing is None
    # The earlier weighing stays in the history.
    assert (step is S.DECIDE) == any(e.action is A.WEIGH for e in conv.history)
    conv.present_options()
    conv.weigh({"taal": 4}, {"cursus": {"taal": 5}})
    assert S.DECIDE == conv.step
    assert {"taal": 4} == (conv.weighing.importance if conv.weighing else None)


def test_options_can_be_prepared_before_step_1() -> None:
    conv = new()
    conv.add_option(WERK)
    assert S.INFORM == conv.step
    assert (WERK,) == conv.options
    assert WERK == conv.option("werkervaring")


def test_weighing_again_in_step_4_replaces_the_weighing() -> None:
    conv = at(S.DECIDE)
    conv.weigh({"rust": 5})
    assert S.DECIDE == conv.step
    assert {"rust": 5} == (conv.weighing.importance if conv.weighing else None)


@pytest.mark.parametrize("step", [S.OPTIONS, S.PREFERENCES, S.DECIDE])
def test_a_deferred_conversation_resumes_where_it_was(step: sb.Step) -> None:
    conv = at(step)
    conv.defer(reason="Ze wil met haar zus praten.", until=dt.date(2026, 4, 1))
    assert S.DEFERRED == conv.step
    assert (
        sb.Deferral(reason="Ze wil met haar zus praten.", until=dt.date(2026, 4, 1))
        == conv.deferral
    )
    assert (A.RESUME, A.STOP) == conv.allowed_actions()
    conv.resume()
    assert step == conv.step
    assert conv.deferral is None


@pytest.mark.parametrize("step", [S.INFORM, S.OPTIONS, S.PREFERENCES, S.DECIDE, S.DEFERRED])
def test_the_client_can_stop_from_every_open_step(step: sb.Step) -> None:
    conv = at(step)
    conv.stop(reason="Ik wil dit niet meer.", actor=sb.ParticipantRole.CLIENT)
    assert S.STOPPED == conv.step
    assert sb.Stopping(reason="Ik wil dit niet meer.") == conv.stopping
    assert sb.ParticipantRole.CLIENT == conv.history[-1].actor
    assert () == conv.allowed_actions()


def test_a_decision_can_be_evaluated_at_the_follow_up() -> None:
    conv = at(S.DECIDED)
    assert (A.EVALUATE, A.ADD_EXPERIENCE) == conv.allowed_actions()
    conv.evaluate(notes="Ze heeft weer ritme.", decision_holds=True)
    assert S.EVALUATED == conv.step
    assert sb.Evaluation(notes="Ze heeft weer ritme.") == conv.evaluation
    assert conv.decision is not None


def test_an_evaluated_decision_can_be_reconsidered_back_at_the_options() -> None:
    conv = at(S.EVALUATED)
    first = conv.decision
    conv.reconsider(reason="De werkervaringsplek was te zwaar.", user="u-17")

    assert S.OPTIONS == conv.step
    assert (None, None, None) == (conv.decision, conv.weighing, conv.evaluation)
    assert ["werkervaring", "niets"] == [o.key for o in conv.options]
    assert (first,) == conv.earlier_decisions
    assert (sb.Reconsideration(reason="De werkervaringsplek was te zwaar."),) == (
        conv.reconsiderations
    )
    assert "u-17" == conv.history[-1].user


def test_after_reconsidering_the_client_weighs_and_decides_again() -> None:
    conv = at(S.EVALUATED)
    conv.reconsider(reason="Het werkt niet.")
    conv.present_options()
    conv.weigh({"rust": 5}, {"niets": {"rust": 5}, "werkervaring": {"rust": 1}})
    conv.decide("niets", decided_by=sb.DecisionRole.SHARED, rationale="Rust.", follow_up=FOLLOW_UP)

    assert "niets" == conv.decision.option if conv.decision else None
    assert ["werkervaring"] == [d.option for d in conv.earlier_decisions]
    again = sb.Conversation.from_dict(conv.to_dict())
    assert conv.to_dict() == again.to_dict()
    assert conv.earlier_decisions == again.earlier_decisions


@pytest.mark.parametrize("step", [S.DECIDE, S.DECIDED, S.STOPPED])
def test_only_an_evaluated_decision_can_be_reconsidered(step: sb.Step) -> None:
    conv = at(step)
    before = conv.to_dict()
    with pytest.raises(sb.StepOrderError) as caught:
        conv.reconsider(reason="Anders.")
    assert (step, A.RECONSIDER) == (caught.value.step, caught.value.action)
    assert before == conv.to_dict()


def test_reconsidering_needs_a_reason() -> None:
    conv = at(S.EVALUATED)
    with pytest.raises(sb.InputError) as caught:
        conv.reconsider(reason=" ")
    assert ("reason", S.EVALUATED) == (caught.value.field, conv.step)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (S.INFORM, (A.INFORM, A.ADD_OPTION, A.STOP)),
        (S.OPTIONS, (A.ADD_OPTION, A.PRESENT_OPTIONS, A.DEFER, A.STOP)),
        (S.PREFERENCES, (A.ADD_OPTION, A.WEIGH, A.DEFER, A.STOP)),
        (S.DECIDE, (A.ADD_OPTION, A.WEIGH, A.DECIDE, A.DEFER, A.STOP)),
        (S.DECIDED, (A.EVALUATE, A.ADD_EXPERIENCE)),
        (S.EVALUATED, (A.RECONSIDER, A.ADD_EXPERIENCE)),
    ],
)
def test_allowed_actions_list_what_may_be_done_now(
    step: sb.Step, expected: tuple[sb.Action, ...]
) -> None:
    assert expected == at(step).allowed_actions()


def test_an_option_key_can_be_used_once() -> None:
    conv = at(S.OPTIONS)
    before = snapshot(conv)
    with pytest.raises(sb.InputError) as info:
        conv.add_option(sb.Option(key="niets", title="Iets anders"))
    assert "key" == info.value.field
    assert before == snapshot(conv)


def test_something_that_is_not_an_option_is_refused() -> None:
    conv = at(S.OPTIONS)
    with pytest.raises(sb.InputError) as info:
        conv.add_option({"key": "x", "title": "X"})  # type: ignore[arg-type]
    assert "option" == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.weigh({"inkomen": 6}), "importance.inkomen"),
        (lambda c: c.weigh({"inkomen": True}), "importance.inkomen"),
        (lambda c: c.weigh({"met spatie": 3}), "importance.met spatie"),
        (lambda c: c.weigh({"inkomen": 3}, {"onbekend": {"inkomen": 3}}), "ratings.onbekend"),
        (lambda c: c.weigh({"inkomen": 3}, {"niets": {"rust": 3}}), "ratings.niets.rust"),
        (
            lambda c: c.weigh({"inkomen": 3}, {"niets": {"inkomen": -1}}),
            "ratings.niets.inkomen",
        ),
        (lambda c: c.weigh({"inkomen": 3}, {"niets": [3]}), "ratings.niets"),
        (lambda c: c.weigh(["inkomen"]), "importance"),
        (lambda c: c.weigh({"inkomen": 3}, labels={"rust": "Rust"}), "labels.rust"),
        (lambda c: c.weigh({"inkomen": 3}, labels={"inkomen": " "}), "labels.inkomen"),
    ],
)
def test_bad_weighing_input_names_the_field_and_changes_nothing(call: object, field: str) -> None:
    conv = at(S.PREFERENCES)
    before = snapshot(conv)
    with pytest.raises(sb.InputError) as info:
        call(conv)  # type: ignore[operator]
    assert field == info.value.field
    assert before == snapshot(conv)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"option": "onbekend"}, "option"),
        ({"option": "niets", "decided_by": "samen"}, "decided_by"),
        ({"option": "niets", "follow_up": dt.date(2020, 1, 1)}, "follow_up"),
        ({"option": "niets", "follow_up": dt.datetime(2027, 1, 1)}, "follow_up"),
        ({"option": "niets", "rationale": ""}, "rationale"),
    ],
)
def test_bad_decision_input_names_the_field_and_changes_nothing(
    kwargs: dict[str, object], field: str
) -> None:
    conv = at(S.DECIDE)
    before = snapshot(conv)
    arguments = {"decided_by": sb.DecisionRole.SHARED, "rationale": "R.", "follow_up": FOLLOW_UP}
    arguments.update(kwargs)
    with pytest.raises(sb.InputError) as info:
        conv.decide(**arguments)  # type: ignore[arg-type]
    assert field == info.value.field
    assert before == snapshot(conv)


def test_a_deferral_cannot_be_until_a_date_in_the_past() -> None:
    conv = at(S.DECIDE)
    with pytest.raises(sb.InputError) as info:
        conv.defer(reason="Tijd.", until=dt.date(2020, 1, 1))
    assert "until" == info.value.field
    assert S.DECIDE == conv.step


def test_the_actor_must_take_part_in_the_conversation() -> None:
    conv = new(others=[sb.Participant(name="Mo", role=sb.ParticipantRole.INTERPRETER)])
    conv.inform(may_codecide=True, actor=sb.ParticipantRole.INTERPRETER)
    assert sb.ParticipantRole.INTERPRETER == conv.history[-1].actor
    with pytest.raises(sb.InputError) as absent:
        conv.add_option(WERK, actor=sb.ParticipantRole.PEER_EXPERT)
    assert "actor" == absent.value.field
    with pytest.raises(sb.InputError) as unknown:
        conv.add_option(WERK, actor="buurvrouw")  # type: ignore[arg-type]
    assert "actor" == unknown.value.field
    conv.add_option(WERK, actor="client")  # type: ignore[arg-type]  # a role's value works too
    assert sb.ParticipantRole.CLIENT == conv.history[-1].actor


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"question": " "}, "question"),
        ({"question": 42}, "question"),
        ({"client": sb.Participant(name="A", role=sb.ParticipantRole.PROFESSIONAL)}, "client"),
        ({"client": "Fatima"}, "client"),
        ({"others": [sb.Participant(name="Mo")]}, "others[0]"),
        ({"others": [sb.Participant(name="Mo", role=sb.ParticipantRole.CLIENT)]}, "others[0]"),
        ({"others": sb.Participant(name="Mo", role=sb.ParticipantRole.INTERPRETER)}, "others"),
        ({"others": 3}, "others"),
        ({"language": "de"}, "language"),
        ({"policy": {"min_options": 3}}, "policy"),
        ({"created_at": dt.datetime(2026, 1, 1)}, "created_at"),
        ({"clock": "now"}, "clock"),
    ],
)
def test_bad_conversation_arguments_are_refused_with_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {
        "question": "Vraag?",
        "client": sb.Participant(name="Fatima"),
        "professional": sb.Participant(name="Jeroen"),
    }
    arguments.update(kwargs)
    with pytest.raises(sb.InputError) as info:
        sb.Conversation(**arguments)  # type: ignore[arg-type]
    assert field == info.value.field


def test_a_clock_without_time_zone_is_refused() -> None:
    with pytest.raises(sb.InputError) as info:
        sb.Conversation(
            "Vraag?",
            client=sb.Participant(name="A"),
            professional=sb.Participant(name="B"),
            clock=lambda: dt.datetime(2026, 1, 1, 12, 0),
        )
    assert "created_at" == info.value.field


def test_participants_get_their_role_from_their_place() -> None:
    conv = new(others=[sb.Participant(name="Els", role="client_support")])  # type: ignore[arg-type]
    assert sb.Participant(name="Fatima", role=sb.ParticipantRole.CLIENT) == conv.client
    assert sb.ParticipantRole.PROFESSIONAL == conv.professional.role
    assert (sb.Participant(name="Els", role=sb.ParticipantRole.CLIENT_SUPPORT),) == conv.others
    assert 3 == len(conv.participants)


def test_the_repr_shows_no_names_or_free_text() -> None:
    conv = at(S.DECIDED)
    text = repr(conv)
    assert "<Conversation step='decided' options=2 events=6>" == text
    assert "Fatima" not in text


def test_unknown_options_are_named_with_the_known_ones() -> None:
    conv = at(S.OPTIONS)
    with pytest.raises(sb.InputError) as info:
        conv.option("cursus")
    assert "werkervaring, niets" in str(info.value)


def test_conversations_are_equal_by_id_and_content_and_not_hashable() -> None:
    same = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert at(S.DECIDED, id=same) == at(S.DECIDED, id=same)
    assert at(S.DECIDED, id=same) != at(S.DECIDE, id=same)
    assert at(S.DECIDED) != at(S.DECIDED)  # two conversations, each with an id of its own
    assert at(S.DECIDED) != "conversation"
    with pytest.raises(TypeError):
        hash(at(S.INFORM))


def test_errors_from_value_classes_speak_the_conversations_language() -> None:
    conv = at(S.PREFERENCES, language="en")
    with pytest.raises(sb.InputError) as info:
        conv.weigh({"income": 9})
    assert "expected a whole number from 0 to 5" in str(info.value)


def test_the_first_and_the_informed_preference_are_recorded() -> None:
    conv = at(S.PREFERENCES)
    conv.weigh({"inkomen": 4}, initial_preference="niets", informed_preference="werkervaring")
    assert conv.weighing is not None
    assert ("niets", "werkervaring") == (
        conv.weighing.initial_preference,
        conv.weighing.informed_preference,
    )
    assert conv.weighing.preference_shifted
    assert conv == sb.Conversation.from_json(conv.to_json())


@pytest.mark.parametrize("field", ["initial_preference", "informed_preference"])
def test_a_preference_for_an_unknown_option_is_refused(field: str) -> None:
    conv = at(S.PREFERENCES)
    with pytest.raises(sb.InputError) as info:
        conv.weigh({"inkomen": 4}, **{field: "cursus"})  # type: ignore[arg-type]
    assert field == info.value.field
    assert S.PREFERENCES == conv.step


# -- identity, revision, who acted, the host's references, the form of address ----------


def test_a_conversation_has_an_id_of_its_own_or_the_one_given() -> None:
    made = new()
    assert str(uuid.UUID(made.id)) == made.id
    assert made.id != new().id
    given = new(id="0F8FAD5B-D9CB-469F-A165-70867728950E")
    assert "0f8fad5b-d9cb-469f-a165-70867728950e" == given.id


@pytest.mark.parametrize("bad", ["zaak-12", "", 12, None.__class__, "0" * 100])
def test_an_id_that_is_not_a_uuid_is_refused(bad: object) -> None:
    with pytest.raises(sb.InputError) as caught:
        new(id=bad)
    assert "id" == caught.value.field
    assert "een UUID" in str(caught.value)


def test_the_revision_grows_by_one_with_every_accepted_action_only() -> None:
    conv = new()
    assert 0 == conv.revision
    conv.inform(may_codecide=True)
    assert 1 == conv.revision
    with pytest.raises(sb.ActionNotAllowedError):
        conv.decide("werk", decided_by=sb.DecisionRole.SHARED)
    with pytest.raises(sb.InputError):
        conv.add_option(WERK, user="")
    assert 1 == conv.revision
    conv.add_option(WERK)
    assert 2 == conv.revision


def test_every_action_records_the_user_it_is_given() -> None:
    conv = new()
    assert "u-1" == conv.inform(may_codecide=True, user="u-1").user
    assert conv.add_option(WERK).user is None
    assert ["u-1", None] == [event.user for event in conv.history]


@pytest.mark.parametrize("bad", ["", "   ", "a\nb", "x" * 129, 42])
def test_a_user_id_must_be_short_text_on_one_line(bad: object) -> None:
    conv = new()
    with pytest.raises(sb.InputError) as caught:
        conv.inform(may_codecide=True, user=bad)  # type: ignore[arg-type]  # wrong on purpose
    assert ("user", 0) == (caught.value.field, conv.revision)


def test_a_policy_can_require_the_user() -> None:
    conv = new(policy=sb.Policy(require_user=True))
    with pytest.raises(sb.RuleViolationError) as caught:
        conv.inform(may_codecide=True)
    assert "require_user" == caught.value.rule
    assert "Leg vast wie dit doet" in str(caught.value)
    conv.inform(may_codecide=True, user="u-1")
    assert 1 == conv.revision


def test_meta_is_the_hosts_own_and_cannot_be_changed_from_outside() -> None:
    given = {"zaaknummer": "2026-0412", "teams": ["noord", "oost"], "extra": {"code": 363}}
    conv = new(meta=given)
    given["zaaknummer"] = "anders"
    assert "2026-0412" == conv.meta["zaaknummer"]
    assert ("noord", "oost") == conv.meta["teams"]
    with pytest.raises(TypeError):
        conv.meta["zaaknummer"] = "x"  # type: ignore[index]  # read-only on purpose
    assert {} == new().meta


@pytest.mark.parametrize(
    ("meta", "field", "words"),
    [
        ("zaak", "meta", "tabel"),
        ({f"k{i}": i for i in range(33)}, "meta", "Hoogstens 32"),
        ({"tekst": "x" * 5000}, "meta", "Hoogstens 4096 tekens"),
        ({"a": {"b": {"c": {"d": {"e": 1}}}}}, "meta.a.b.c.d", "te diep"),
        ({"datum": dt.date(2026, 1, 1)}, "meta.datum", "got='date'"),
        ({"getal": float("nan")}, "meta", "got='NaN'"),
        ({"tekst": "\ud800"}, "meta.tekst", "got='surrogate'"),
        ({1: "een"}, "meta", "got='int'"),
    ],
)
def test_meta_that_is_not_small_json_is_refused(meta: object, field: str, words: str) -> None:
    with pytest.raises(sb.InputError) as caught:
        new(meta=meta)
    assert field == caught.value.field
    assert words in str(caught.value) + caught.value.detail


def test_the_form_of_address_is_u_unless_the_conversation_says_je() -> None:
    assert "u" == new().address
    assert "je" == new(address="je").address
    with pytest.raises(sb.InputError) as caught:
        new(address="jij")
    assert "address" == caught.value.field


# -- Dutch time ----------------------------------------------------------------------------

# 00:30 in Amsterdam on 3 December is still 2 December in UTC.
NIGHT = dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.timezone.utc)


def at_night(**kwargs: object) -> sb.Conversation:
    conv = sb.Conversation(
        "Welke stap naar werk past nu bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        clock=lambda: NIGHT,
        **kwargs,  # type: ignore[arg-type]  # Conversation's own keywords
    )
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(WERK)
    conv.add_option(NIETS)
    conv.present_options()
    conv.weigh({"inkomen": 5}, {"werkervaring": {"inkomen": 4}})
    return conv


def test_today_is_the_date_in_the_conversations_time_zone() -> None:
    conv = at_night()
    assert "Europe/Amsterdam" == conv.timezone
    assert dt.date(2026, 12, 3) == conv.local(NIGHT).date()
    with pytest.raises(sb.InputError) as caught:
        conv.decide(
            "werkervaring",
            decided_by=sb.DecisionRole.SHARED,
            rationale="Ja.",
            follow_up=dt.date(2026, 12, 2),
        )
    assert "vóór vandaag (2026-12-03)" in str(caught.value)
    conv.decide(
        "werkervaring",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ja.",
        follow_up=dt.date(2026, 12, 3),
    )
    assert "3 december 2026" in sb.render(conv, "summary")


def test_a_host_elsewhere_names_its_own_time_zone() -> None:
    conv = at_night(timezone="UTC")
    conv.decide(
        "werkervaring",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ja.",
        follow_up=dt.date(2026, 12, 2),
    )
    assert "2 december 2026" in sb.render(conv, "summary")
    assert "UTC" == sb.Conversation.from_json(conv.to_json()).timezone


@pytest.mark.parametrize("bad", ["Europe/Rotterdam", "", "../etc/passwd", 2])
def test_an_unknown_time_zone_is_refused(bad: object) -> None:
    with pytest.raises(sb.InputError) as caught:
        new(timezone=bad)
    assert "timezone" == caught.value.field


# -- limits ----------------------------------------------------------------------------


def test_a_text_longer_than_the_policy_allows_is_refused_and_changes_nothing() -> None:
    conv = at(S.DECIDE)
    before = conv.revision
    with pytest.raises(sb.InputError) as caught:
        conv.decide(
            "werkervaring",
            decided_by=sb.DecisionRole.SHARED,
            rationale="x" * 10_001,
            follow_up=FOLLOW_UP,
        )
    assert ("rationale", before) == (caught.value.field, conv.revision)
    assert "Hoogstens 10000 tekens" in str(caught.value)
    long_pro = sb.Option(key="lang", title="Lang", pros=("p" * 10_001,), cons=("c",))
    with pytest.raises(sb.InputError) as caught:
        at(S.OPTIONS).add_option(long_pro)
    assert "pros[0]" == caught.value.field
    with pytest.raises(sb.InputError) as caught:
        sb.Conversation(
            "Welke hulp?",
            client=sb.Participant(name="Fatima" * 5),
            professional=sb.Participant(name="Jeroen"),
            policy=sb.Policy(max_text=20),
        )
    assert "client.name" == caught.value.field


def test_options_criteria_participants_and_events_are_bounded() -> None:
    policy = sb.Policy(max_options=2, max_criteria=1, max_participants=2, max_events=10)
    conv = at(S.OPTIONS, policy=policy)
    with pytest.raises(sb.InputError) as caught:
        conv.add_option(CURSUS)
    assert ("options", "Hoogstens 2.") == (caught.value.field, str(caught.value)[-13:].strip())
    conv.present_options()
    with pytest.raises(sb.InputError) as caught:
        conv.weigh({"inkomen": 5, "rust": 3})
    assert "importance" == caught.value.field
    with pytest.raises(sb.InputError) as caught:
        new(policy=policy, others=[sb.Participant(name="Els", role=sb.ParticipantRole.PEER_EXPERT)])
    assert "others" == caught.value.field
    busy = at(S.OPTIONS, policy=sb.Policy(max_events=10))
    for key in "abcdefg":
        busy.add_option(sb.Option(key=key, title=key))
    assert 10 == busy.revision
    with pytest.raises(sb.InputError) as caught:
        busy.present_options()
    assert ("history", 10) == (caught.value.field, busy.revision)


@pytest.mark.parametrize(
    "limit", [{"max_text": 0}, {"max_text": 100_001}, {"max_options": True}, {"max_events": 9}]
)
def test_limits_outside_their_range_are_a_wrong_policy(limit: dict[str, object]) -> None:
    with pytest.raises(sb.DefinitionError):
        sb.Policy(**limit)  # type: ignore[arg-type]  # wrong on purpose


# -- support and language ------------------------------------------------------------


def _supported(*others: sb.Participant, policy: sb.Policy | None = None) -> sb.Conversation:
    return sb.Conversation(
        "Welke hulp past bij u?",
        client=sb.Participant(name="Mevrouw Haddad", speaks="Arabisch"),
        professional=sb.Participant(name="Sanne"),
        others=others,
        policy=policy,
    )


def test_a_policy_can_require_that_free_client_support_is_offered() -> None:
    strict = sb.Policy(require_client_support_offer=True)
    conv = _supported(policy=strict)
    with pytest.raises(sb.RuleViolationError) as info:
        conv.inform(may_codecide=True)
    assert "require_client_support_offer" == info.value.rule
    assert "gratis onafhankelijke cliëntondersteuning" in str(info.value)
    assert sb.Step.INFORM is conv.step  # nothing recorded
    event = conv.inform(may_codecide=True, client_support_offered=True)
    assert event.data.client_support_offered is True  # type: ignore[union-attr]
    # A client support person who takes part is support enough.
    ingrid = sb.Participant(name="Ingrid", role=sb.ParticipantRole.CLIENT_SUPPORT)
    _supported(ingrid, policy=strict).inform(may_codecide=True)
    # The default policy asks nothing.
    _supported().inform(may_codecide=True)


def test_the_language_a_participant_speaks_is_kept_in_the_record() -> None:
    conv = _supported()
    again = sb.Conversation.from_json(conv.to_json())
    assert "Arabisch" == again.client.speaks
    with pytest.raises(sb.InputError) as info:
        sb.Participant(name="A", speaks=" ")
    assert "speaks" == info.value.field
