"""Tests of the fidelity check: what the record shows of each step, and the pitfalls."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest

import samenbeslissen as sb
from samenbeslissen.analysis.fidelity import CHECKS, PITFALLS, FidelityReport, fidelity
from samenbeslissen.core.conversation import Clock
from tests.strategies import START, ticking_clock

FOLLOW_UP = dt.date(2026, 4, 1)
BEFORE_FOLLOW_UP = dt.date(2026, 3, 15)

LOOSE = sb.Policy(
    require_codecide_statement=False,
    min_options=1,
    require_preferences=False,
    require_rationale=False,
    require_follow_up=False,
)
"""A policy that lets a role play record what the default policy refuses."""

THUISZORG = sb.Option(
    key="thuiszorg",
    title="Hulp van de thuiszorg",
    pros=("Elke week dezelfde hulp.",),
    cons=("U betaalt een eigen bijdrage.",),
)
ZELF = sb.Option(
    key="zelf",
    title="Zelf regelen met de buren",
    status_quo=True,
    pros=("U kiest zelf wie er komt.",),
    cons=("Het hangt af van anderen.",),
)


def conversation(
    *,
    policy: sb.Policy | None = None,
    clock: Clock | None = None,
    language: str = "nl",
) -> sb.Conversation:
    return sb.Conversation(
        "Welke hulp in het huishouden past bij u?",
        client=sb.Participant(name="Mevrouw Jansen"),
        professional=sb.Participant(name="Sanne"),
        policy=policy,
        clock=clock or ticking_clock(),
        language=language,
    )


def presented(
    conv: sb.Conversation,
    *options: sb.Option,
    preferred_role: sb.DecisionRole | None = sb.DecisionRole.SHARED,
) -> sb.Conversation:
    conv.inform(may_codecide=True, preferred_role=preferred_role)
    for option in options or (THUISZORG, ZELF):
        conv.add_option(option)
    conv.present_options(deliberation_support=True)
    return conv


def weighed(conv: sb.Conversation) -> sb.Conversation:
    keys = [o.key for o in conv.options]
    conv.weigh({"vaste_hulp": 5}, {key: {"vaste_hulp": 3} for key in keys})
    return conv


def good(conv: sb.Conversation | None = None) -> sb.Conversation:
    conv = weighed(presented(conv or conversation()))
    conv.decide(
        "thuiszorg",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ik wil iemand die ik ken.",
        follow_up=FOLLOW_UP,
        reflection_offered=True,
        teach_back=True,
    )
    return conv


def states(report: FidelityReport) -> dict[str, bool | None]:
    return {check.key: check.passed for check in report.checks}


def pitfalls(report: FidelityReport) -> list[str]:
    return [p.key for p in report.pitfalls]


# -- a good record ------------------------------------------------------------


def test_a_good_conversation_passes_every_check_without_pitfalls() -> None:
    report = fidelity(good(), today=BEFORE_FOLLOW_UP)
    assert dict.fromkeys((key for key, _ in CHECKS), True) == states(report)
    assert [] == pitfalls(report)
    assert (11, 11, 1.0) == (report.passed, report.applicable, report.score)
    assert "In orde: 11 van 11 punten (100%)." == report.summary()


def test_checks_keep_the_models_order_and_group_by_step() -> None:
    report = fidelity(good(), today=BEFORE_FOLLOW_UP)
    assert list(CHECKS) == [(c.key, c.step) for c in report.checks]
    steps = report.steps()
    assert [sb.Step.INFORM, sb.Step.OPTIONS, sb.Step.PREFERENCES, sb.Step.DECIDE] == list(steps)
    assert [
        "two_or_more_options",
        "pros_and_cons",
        "status_quo_option",
        "deliberation_support",
    ] == [c.key for c in steps[sb.Step.OPTIONS]]


def test_passed_checks_say_what_the_record_shows() -> None:
    report = fidelity(good(), today=BEFORE_FOLLOW_UP)
    role = report.check("asked_preferred_role")
    assert "De cliënt koos: Cliënt en professional beslissen samen." in role.message()
    assert "The client chose: Client and professional decide together." in role.message("en")
    assert "Er lagen 2 opties op tafel." == report.check("two_or_more_options").message()
    assert "1 punt." in report.check("preferences_recorded").message()
    assert "terug te kijken: 1 april 2026." in report.check("follow_up_agreed").message()
    assert "1 April 2026" in report.check("follow_up_agreed").message("en")


# -- not there yet -------------------------------------------------------------


def test_a_new_conversation_has_nothing_to_judge_yet() -> None:
    report = fidelity(conversation(), today=BEFORE_FOLLOW_UP)
    assert dict.fromkeys((key for key, _ in CHECKS)) == states(report)
    assert report.score is None
    assert "Nog niets te beoordelen: het gesprek is nog niet begonnen." == report.summary()
    assert "Het gesprek is hier nog niet aan toe." == report.checks[0].message()


def test_checks_of_later_steps_wait_until_the_conversation_gets_there() -> None:
    conv = conversation()
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(THUISZORG)
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert {"told_may_codecide": True, "asked_preferred_role": True} == {
        k: v for k, v in states(report).items() if v is not None
    }
    assert (2, 2) == (report.passed, report.applicable)
    assert "In orde: 2 van 2 punten (100%). Nog niet aan de orde: 9 punten." == report.summary()
    assert "Nog niet" == report.check("two_or_more_options").status()


# -- failed checks ---------------------------------------------------------------


def test_not_telling_the_client_they_may_codecide_fails_step_one() -> None:
    conv = conversation(policy=LOOSE)
    conv.inform(may_codecide=False)
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert (False, False) == (
        report.check("told_may_codecide").passed,
        report.check("asked_preferred_role").passed,
    )
    assert "'U mag meebeslissen.'" in report.check("told_may_codecide").message()
    assert "Ontbreekt" == report.check("told_may_codecide").status()
    assert (0, 2, 0.0) == (report.passed, report.applicable, report.score)


def test_a_single_option_without_status_quo_fails_step_two() -> None:
    conv = presented(conversation(policy=LOOSE), THUISZORG)
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert (False, True, False) == (
        report.check("two_or_more_options").passed,
        report.check("pros_and_cons").passed,
        report.check("status_quo_option").passed,
    )
    assert "Er lag maar 1 optie op tafel." in report.check("two_or_more_options").message()


def test_options_without_pros_or_cons_fail_and_are_named() -> None:
    bare = sb.Option(key="pgb", title="Een persoonsgebonden budget")
    conv = presented(conversation(), THUISZORG, bare, ZELF)
    check = fidelity(conv, today=BEFORE_FOLLOW_UP).check("pros_and_cons")
    assert (False, ("pgb",)) == (check.passed, check.options)
    assert "Bij 'Een persoonsgebonden budget' ontbreken voordelen of nadelen." in check.message()


def test_skipped_preferences_fail_step_three_and_are_a_pitfall() -> None:
    conv = presented(conversation())
    conv.weigh(skipped_reason="De cliënt wil er nu niet over praten.")
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert report.check("preferences_recorded").passed is False
    assert ["preferences_skipped"] == pitfalls(report)
    assert "Vraag altijd eerst wat de cliënt belangrijk vindt" in report.pitfalls[0].message()


def test_empty_preferences_fail_step_three_without_the_skipping_pitfall() -> None:
    conv = presented(conversation(policy=LOOSE))
    conv.weigh()
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert report.check("preferences_recorded").passed is False
    assert [] == pitfalls(report)


def test_a_decision_without_reason_or_follow_up_fails_step_four() -> None:
    conv = weighed(presented(conversation(policy=LOOSE)))
    conv.decide("zelf", decided_by=sb.DecisionRole.SHARED)
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert (False, False) == (
        report.check("decision_rationale").passed,
        report.check("follow_up_agreed").passed,
    )
    # Nor time to think, nor teach-back recorded.
    assert (7, 11) == (report.passed, report.applicable)


def test_the_latest_presentation_of_the_options_counts() -> None:
    conv = presented(conversation(policy=LOOSE), THUISZORG)
    conv.add_option(ZELF)  # back to step 2, then presented again
    conv.present_options()
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert (True, True) == (
        report.check("two_or_more_options").passed,
        report.check("status_quo_option").passed,
    )


# -- pitfalls -------------------------------------------------------------------


def _decided(conv: sb.Conversation, **kwargs: Any) -> sb.Conversation:
    conv.decide("thuiszorg", decided_by=sb.DecisionRole.SHARED, rationale="Vast.",
                follow_up=FOLLOW_UP, **kwargs)  # fmt: skip
    return conv


def test_time_to_think_shows_as_an_offer_a_deferral_or_a_later_day() -> None:
    offered = fidelity(good(), today=BEFORE_FOLLOW_UP).check("reflection_time")
    assert offered.passed is True
    assert "er werd bedenktijd aangeboden" in offered.message()
    assert sb.Step.DECIDE is offered.step
    deferred = weighed(presented(conversation()))
    deferred.defer(reason="Eerst met mijn dochter praten.", until=BEFORE_FOLLOW_UP)
    deferred.resume()
    check = fidelity(_decided(deferred), today=BEFORE_FOLLOW_UP).check("reflection_time")
    assert (True, "the decision was put off") == (check.passed, check.params["how"].label("en"))
    # Options on Monday, the decision on Tuesday: the record shows the night between.
    now = [START]
    later = weighed(presented(conversation(clock=lambda: now[0])))
    now[0] = START + dt.timedelta(days=1)
    check = fidelity(_decided(later), today=BEFORE_FOLLOW_UP).check("reflection_time")
    assert check.passed is True
    assert "op een andere dag" in check.message()


def test_a_decision_without_time_to_think_fails_the_check_not_by_the_clock() -> None:
    # Minutes or seconds between the events say how fast someone typed, not
    # whether the client had time: only the record's facts count.
    for clock in (lambda: START, None):
        conv = _decided(weighed(presented(conversation(clock=clock))))
        report = fidelity(conv, today=BEFORE_FOLLOW_UP)
        assert report.check("reflection_time").passed is False
        assert "Leg vast dat u dat aanbood" in report.check("reflection_time").message()
        assert [] == pitfalls(report)
    refused = _decided(weighed(presented(conversation())), reflection_offered=False)
    assert fidelity(refused, today=BEFORE_FOLLOW_UP).check("reflection_time").passed is False


AGAINST = ["professional_decided_against_wish"]
LEFT = ["client_left_to_decide"]


@pytest.mark.parametrize(
    ("wish", "decided_by", "expected"),
    [
        (sb.DecisionRole.SHARED, sb.DecisionRole.PROFESSIONAL_ALONE, AGAINST),
        (sb.DecisionRole.SHARED, sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, AGAINST),
        (sb.DecisionRole.CLIENT_ALONE, sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, AGAINST),
        (sb.DecisionRole.CLIENT_AFTER_ADVICE, sb.DecisionRole.PROFESSIONAL_ALONE, AGAINST),
        (sb.DecisionRole.PROFESSIONAL_ALONE, sb.DecisionRole.PROFESSIONAL_ALONE, []),
        (sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, sb.DecisionRole.PROFESSIONAL_ALONE, []),
        (sb.DecisionRole.SHARED, sb.DecisionRole.SHARED, []),
        (None, sb.DecisionRole.PROFESSIONAL_ALONE, []),
        # The other direction: the client wanted the professional to decide.
        (sb.DecisionRole.PROFESSIONAL_ALONE, sb.DecisionRole.CLIENT_ALONE, LEFT),
        (sb.DecisionRole.PROFESSIONAL_AFTER_INPUT, sb.DecisionRole.CLIENT_AFTER_ADVICE, LEFT),
        (sb.DecisionRole.PROFESSIONAL_ALONE, sb.DecisionRole.SHARED, []),
        (sb.DecisionRole.SHARED, sb.DecisionRole.CLIENT_ALONE, []),
        (sb.DecisionRole.CLIENT_ALONE, sb.DecisionRole.CLIENT_ALONE, []),
        (None, sb.DecisionRole.CLIENT_ALONE, []),
    ],
)
def test_a_decision_against_the_clients_wish_is_a_pitfall_in_both_directions(
    wish: sb.DecisionRole | None, decided_by: sb.DecisionRole, expected: list[str]
) -> None:
    conv = weighed(presented(conversation(), preferred_role=wish))
    conv.decide("zelf", decided_by=decided_by, rationale="Zo is het.", follow_up=FOLLOW_UP,
                reflection_offered=True, teach_back=True)  # fmt: skip
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert expected == pitfalls(report)
    if expected == LEFT:
        (pitfall,) = report.pitfalls
        assert pitfall.message().startswith("De cliënt wilde:")
        assert "Offer to decide together" in pitfall.message("en")


@pytest.mark.parametrize(
    ("first", "again", "decided_by", "expected"),
    [
        # Asked again at the decision: the new wish counts, in both directions.
        (sb.DecisionRole.SHARED, sb.DecisionRole.PROFESSIONAL_ALONE,
         sb.DecisionRole.PROFESSIONAL_ALONE, []),
        (sb.DecisionRole.PROFESSIONAL_ALONE, sb.DecisionRole.CLIENT_ALONE,
         sb.DecisionRole.CLIENT_ALONE, []),
        (sb.DecisionRole.PROFESSIONAL_ALONE, sb.DecisionRole.SHARED,
         sb.DecisionRole.PROFESSIONAL_ALONE, ["professional_decided_against_wish"]),
        (sb.DecisionRole.SHARED, sb.DecisionRole.PROFESSIONAL_ALONE,
         sb.DecisionRole.CLIENT_ALONE, ["client_left_to_decide"]),
    ],
)  # fmt: skip
def test_the_wish_asked_again_at_the_decision_counts(
    first: sb.DecisionRole,
    again: sb.DecisionRole,
    decided_by: sb.DecisionRole,
    expected: list[str],
) -> None:
    conv = weighed(presented(conversation(), preferred_role=first))
    conv.decide(
        "zelf", decided_by=decided_by, rationale="Zo.", follow_up=FOLLOW_UP, wanted_role=again
    )
    assert expected == pitfalls(fidelity(conv, today=BEFORE_FOLLOW_UP))
    again_loaded = sb.Conversation.from_json(conv.to_json())
    assert again_loaded.decision is not None
    assert again == again_loaded.decision.wanted_role


def test_the_pitfall_of_deciding_for_the_client_names_both_roles() -> None:
    conv = weighed(presented(conversation()))
    conv.decide(
        "zelf", decided_by=sb.DecisionRole.PROFESSIONAL_ALONE, rationale="Zo.", follow_up=FOLLOW_UP
    )
    (pitfall,) = fidelity(conv, today=BEFORE_FOLLOW_UP).pitfalls
    assert (
        "De cliënt wilde: Cliënt en professional beslissen samen. "
        "Maar zo ging het: De professional beslist. " in pitfall.message()
    )


def test_options_with_only_downsides_or_only_upsides_are_pitfalls() -> None:
    grim = sb.Option(key="werk", title="Werken bij de sociale werkplaats", cons=("Zwaar werk.",))
    rosy = sb.Option(key="cursus", title="Een cursus", pros=("Leuk.",))
    report = fidelity(presented(conversation(), grim, rosy, ZELF), today=BEFORE_FOLLOW_UP)
    assert ["only_downsides", "only_upsides"] == pitfalls(report)
    downsides, upsides = report.pitfalls
    assert (("werk",), ("cursus",)) == (downsides.options, upsides.options)
    assert "Bij 'Werken bij de sociale werkplaats' staan alleen nadelen." in downsides.message()
    assert "'Een cursus': only upsides are recorded." in upsides.message("en")
    assert sb.Step.OPTIONS is downsides.step


def test_several_options_are_named_in_one_pitfall() -> None:
    a = sb.Option(key="a", title="A", cons=("x",))
    b = sb.Option(key="b", title="B", cons=("y",))
    (pitfall,) = fidelity(presented(conversation(), a, b), today=BEFORE_FOLLOW_UP).pitfalls
    assert ("a", "b") == pitfall.options
    assert "Bij 'A' en 'B' staan alleen nadelen." in pitfall.message()


def test_deferring_without_a_date_is_a_pitfall_and_with_one_it_is_not() -> None:
    undated = weighed(presented(conversation()))
    undated.defer(reason="Eerst met mijn dochter praten.")
    assert ["deferred_without_date"] == pitfalls(fidelity(undated, today=BEFORE_FOLLOW_UP))
    dated = weighed(presented(conversation()))
    dated.defer(reason="Eerst met mijn dochter praten.", until=FOLLOW_UP)
    report = fidelity(dated, today=BEFORE_FOLLOW_UP)
    assert [] == pitfalls(report)
    assert report.check("decision_rationale").passed is None


def test_a_deferral_without_a_date_stays_in_the_record_after_resuming() -> None:
    conv = weighed(presented(conversation()))
    conv.defer(reason="Eerst met mijn dochter praten.")
    conv.resume()
    conv.decide("zelf", decided_by=sb.DecisionRole.SHARED, rationale="Zo.", follow_up=FOLLOW_UP)
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    assert ["deferred_without_date"] == pitfalls(report)
    # The deferral gave time to think; no teach-back was recorded.
    assert (10, 11) == (report.passed, report.applicable)


def test_no_evaluation_after_the_follow_up_date_is_a_pitfall() -> None:
    conv = good()
    assert [] == pitfalls(fidelity(conv, today=FOLLOW_UP))
    late = fidelity(conv, today=FOLLOW_UP + dt.timedelta(days=1))
    assert ["not_evaluated"] == pitfalls(late)
    assert "De datum om terug te kijken (1 april 2026) is voorbij" in late.pitfalls[0].message()
    conv.evaluate(notes="Het gaat goed met de hulp.")
    assert [] == pitfalls(fidelity(conv, today=FOLLOW_UP + dt.timedelta(days=1)))


def test_pitfalls_come_in_the_models_order() -> None:
    grim = sb.Option(key="werk", title="Werk", cons=("Zwaar.",))
    conv = presented(conversation(policy=LOOSE, clock=lambda: START), grim)
    conv.weigh(skipped_reason="Geen tijd.")
    conv.decide("werk", decided_by=sb.DecisionRole.PROFESSIONAL_ALONE, follow_up=FOLLOW_UP)
    report = fidelity(conv, today=FOLLOW_UP + dt.timedelta(days=7))
    expected = [
        "only_downsides",
        "preferences_skipped",
        "professional_decided_against_wish",
        "not_evaluated",
    ]
    assert expected == pitfalls(report)
    assert [k for k, _ in PITFALLS if k in expected] == expected


# -- output -----------------------------------------------------------------------


def test_markdown_lists_the_checks_per_step_and_the_pitfalls() -> None:
    conv = good(conversation(clock=lambda: START))
    markdown = fidelity(conv, today=BEFORE_FOLLOW_UP)._repr_markdown_()
    assert markdown.startswith(
        "**Volgde het gesprek de vier stappen?** In orde: 11 van 11 punten (100%).\n"
    )
    assert "#### Stap 1: Keuze\n" in markdown
    assert "- **In orde**: Verteld dat de cliënt mag meebeslissen. " in markdown
    assert "- **In orde**: Bedenktijd. De cliënt kreeg tijd om erover na te denken" in markdown
    late = fidelity(conv, today=FOLLOW_UP + dt.timedelta(days=1))._repr_markdown_()
    assert "#### Valkuilen\n\n- **" in late


def test_a_report_without_pitfalls_says_so() -> None:
    report = fidelity(good(), today=BEFORE_FOLLOW_UP)
    assert "Geen valkuilen gevonden." in report.to_markdown()
    assert "No pitfalls found." in report.to_markdown("en")
    assert "<p>No pitfalls found.</p>" in report.to_html("en")


def test_the_report_speaks_the_conversations_language() -> None:
    report = fidelity(good(conversation(language="en")), today=BEFORE_FOLLOW_UP)
    assert "en" == report.language
    assert "#### Step 2: Options" in report.to_markdown()
    assert '<section class="sb-fidelity" lang="en">' in report._repr_html_()


def test_html_escapes_every_text_from_the_record() -> None:
    sneaky = sb.Option(key="x", title='<script>alert("x")</script> & co', cons=("Duur.",))
    report = fidelity(presented(conversation(), sneaky, ZELF), today=BEFORE_FOLLOW_UP)
    page = report.to_html()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert '<li class="sb-failed"><strong>Ontbreekt</strong>' in page
    assert '<li class="sb-pending"><strong>Nog niet</strong>' in page
    assert '<li class="sb-pitfall"><strong>Alleen nadelen genoemd</strong>' in page


def test_to_dict_is_plain_json_with_both_languages() -> None:
    conv = good(conversation(clock=lambda: START))
    data = fidelity(conv, today=BEFORE_FOLLOW_UP).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert ("2026-03-15", 11, 11, 1.0) == (
        data["today"],
        data["passed"],
        data["applicable"],
        data["score"],
    )
    first = data["checks"][0]
    assert ("told_may_codecide", "inform", True) == (first["key"], first["step"], first["passed"])
    assert {"nl", "en"} == set(first["message"])
    assert [] == data["pitfalls"]
    reflection = data["checks"][8]
    assert ("reflection_time", "Time to think it over") == (
        reflection["key"],
        reflection["title"]["en"],
    )


def test_a_stored_record_gives_the_same_report() -> None:
    conv = good()
    stored = sb.Conversation.from_dict(conv.to_dict())
    today = FOLLOW_UP + dt.timedelta(days=3)
    assert fidelity(conv, today=today).to_dict() == fidelity(stored, today=today).to_dict()


# -- bad input ----------------------------------------------------------------------


def test_only_a_conversation_can_be_checked() -> None:
    with pytest.raises(sb.InputError) as caught:
        fidelity(good().to_dict())  # type: ignore[arg-type]  # the point of the test
    assert "conv" == caught.value.field


def test_today_must_be_a_date() -> None:
    with pytest.raises(sb.InputError) as caught:
        fidelity(good(), today=START)
    assert "today" == caught.value.field


def test_asking_for_an_unknown_check_names_the_known_ones() -> None:
    with pytest.raises(sb.InputError) as caught:
        fidelity(good(), today=BEFORE_FOLLOW_UP).check("status_quo")
    assert "key" == caught.value.field
    assert "status_quo_option" in str(caught.value)


def test_the_default_today_is_the_date_where_the_conversation_takes_place() -> None:
    conv = good()
    zone = zoneinfo.ZoneInfo(conv.timezone)
    before = dt.datetime.now(zone).date()
    report = fidelity(conv)
    after = dt.datetime.now(zone).date()
    assert report.today in {before, after}  # both, should the test run across midnight


def test_after_reconsidering_the_checks_of_steps_2_to_4_are_about_the_new_round() -> None:
    from tests.strategies import at

    conv = at(sb.Step.EVALUATED)
    before = fidelity(conv, today=dt.date(2026, 12, 1))
    conv.reconsider(reason="De plek was te zwaar.")

    report = fidelity(conv, today=dt.date(2026, 12, 1))

    assert (0, 1) == (before.reconsidered, report.reconsidered)
    assert before.check("follow_up_agreed").passed is True
    assert report.check("follow_up_agreed").passed is None  # no new decision yet
    assert report.check("two_or_more_options").passed is None  # not presented again yet
    assert report.check("told_may_codecide").passed is True  # step 1 still holds
    assert "1 keer opnieuw bekeken" in report.summary()
    assert "reconsidered 1 time." in report.summary("en")
    assert 1 == report.to_dict()["reconsidered"]


# -- a status quo that does not apply ---------------------------------------------------

WERK = sb.Option(key="werk", title="Een baan zoeken", pros=("Eigen inkomen.",), cons=("Zwaar.",))
STAGE = sb.Option(key="stage", title="Eerst een stage", pros=("Rustig.",), cons=("Geen loon.",))
DUTY = "De Participatiewet verplicht de cliënt om werk te zoeken."


def _without_status_quo(reason: str | None) -> sb.Conversation:
    conv = conversation()
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(WERK)
    conv.add_option(STAGE)
    conv.present_options(no_status_quo=reason)
    return conv


def test_no_status_quo_with_a_reason_is_not_applicable_and_out_of_the_score() -> None:
    conv = weighed(_without_status_quo(DUTY))
    conv.decide("stage", decided_by=sb.DecisionRole.SHARED, rationale="Eerst wennen.",
                follow_up=FOLLOW_UP)  # fmt: skip
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    check = report.check("status_quo_option")
    assert ("not_applicable", None, DUTY) == (check.state, check.passed, check.not_applicable)
    assert "Niet van toepassing" == check.status()
    assert check.message() == f"Dit hoort niet bij dit gesprek. De reden: {DUTY}"
    # Not recorded: help to weigh, time to think, teach-back.
    assert (7, 10) == (report.passed, report.applicable)
    assert "Nog niet aan de orde" not in report.summary()
    assert "not_applicable" == check.to_dict()["state"]
    assert 'class="sb-not_applicable"' in report.to_html()
    again = sb.Conversation.from_json(conv.to_json())
    assert (
        "not_applicable" == fidelity(again, today=BEFORE_FOLLOW_UP).check("status_quo_option").state
    )


def test_no_status_quo_without_a_reason_still_fails() -> None:
    report = fidelity(_without_status_quo(None), today=BEFORE_FOLLOW_UP)
    assert report.check("status_quo_option").passed is False


def test_a_reason_for_no_status_quo_is_refused_when_there_is_one() -> None:
    conv = conversation()
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(THUISZORG)
    conv.add_option(ZELF)
    with pytest.raises(sb.InputError) as info:
        conv.present_options(no_status_quo=DUTY)
    assert "no_status_quo" == info.value.field
    assert conv.step is sb.Step.OPTIONS  # nothing recorded


def test_a_reason_does_not_lift_a_policy_that_requires_a_status_quo() -> None:
    conv = conversation(policy=sb.Policy.strict())
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(WERK)
    conv.add_option(STAGE)
    with pytest.raises(sb.RuleViolationError):
        conv.present_options(no_status_quo=DUTY)


@pytest.mark.parametrize(
    "source",
    ["demo", "examples/jeugdhulp-keuze.yaml", "examples/reintegratie-participatiewet.yaml"],
)
def test_the_model_scenarios_pass_every_check_without_a_pitfall(source: str) -> None:
    scenario = sb.demo_scenario() if source == "demo" else sb.load_scenario(source)
    report = fidelity(scenario.play())
    assert [] == pitfalls(report)
    assert report.passed == report.applicable == len(report.checks)


def test_help_to_weigh_and_teach_back_are_checked_as_recorded() -> None:
    conv = conversation()
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(THUISZORG)
    conv.add_option(ZELF)
    conv.present_options()
    report = fidelity(conv, today=BEFORE_FOLLOW_UP)
    check = report.check("deliberation_support")
    assert (False, sb.Step.OPTIONS) == (check.passed, check.step)
    assert "Zeg dat u samen de voor- en nadelen bekijkt" in check.message()
    assert report.check("teach_back").passed is None  # not decided yet
    done = good()
    assert fidelity(done, today=BEFORE_FOLLOW_UP).check("teach_back").passed is True
    again = sb.Conversation.from_json(done.to_json())
    assert again.history[3].data == sb.Presentation(deliberation_support=True)
    assert again.decision is not None
    assert again.decision.teach_back is True
    silent = _decided(weighed(presented(conversation())), teach_back=False)
    check = fidelity(silent, today=BEFORE_FOLLOW_UP).check("teach_back")
    assert check.passed is False
    assert "Ask for it" in check.message("en")
