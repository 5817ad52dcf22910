"""Representatives and minors: whose consent a decision needs, and whose wish a criterion is."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.core.model import AUTHORITY_ROLES, COMPANION_ROLES, REPRESENTATIVE_ROLES
from tests.strategies import ticking_clock

DAAN, PETRA, ERIK, OMA = "Daan Visser", "Petra Visser", "Erik Visser", "Oma Visser"
PARENT = sb.ParticipantRole.PARENT_WITH_AUTHORITY


def youth(
    age_group: str | None = "12_to_15",
    others: tuple[tuple[str, sb.ParticipantRole], ...] = ((PETRA, PARENT), (ERIK, PARENT)),
    policy: sb.Policy | None = None,
) -> sb.Conversation:
    """A youth care conversation up to step 4, with the mother's wish among the criteria."""
    conv = sb.Conversation(
        "Welke hulp past bij jou?",
        client=sb.Participant(name=DAAN, age_group=age_group),
        professional=sb.Participant(name="Fatima El Khatib"),
        others=[sb.Participant(name=name, role=role) for name, role in others],
        address="je",
        policy=policy,
        clock=ticking_clock(),
    )
    conv.inform(may_codecide=True, preferred_role="shared")
    conv.add_option(sb.Option(key="wijkteam", title="Gesprekken met het wijkteam"))
    conv.add_option(sb.Option(key="afwachten", title="Nog even afwachten", status_quo=True))
    conv.present_options()
    owners = {"rust": PETRA} if any(name == PETRA for name, _ in others) else {}
    conv.weigh(
        {"zelf": 5, "rust": 4},
        {"wijkteam": {"zelf": 3, "rust": 2}, "afwachten": {"zelf": 5, "rust": 1}},
        labels={"zelf": "Zelf kiezen met wie ik praat", "rust": "Minder ruzie thuis"},
        owners=owners,
    )
    return conv


def decide(conv: sb.Conversation, consent: list[str]) -> sb.Event:
    return conv.decide(
        "wijkteam",
        decided_by="shared",
        rationale="Ik wil snel met iemand praten.",
        follow_up=dt.date(2027, 3, 1),
        consent=consent,
    )


# -- whose consent a decision needs -----------------------------------------


def test_a_decision_for_a_client_of_12_to_15_needs_the_client_and_every_parent() -> None:
    conv = youth()
    with pytest.raises(sb.RuleViolationError) as info:
        decide(conv, [DAAN, PETRA])
    assert "require_minor_consent" == info.value.rule
    assert "toestemming nodig van: Erik Visser." in str(info.value)
    with pytest.raises(sb.RuleViolationError, match=r"nodig van: Daan Visser\."):
        decide(conv, [PETRA, ERIK])  # the parents alone are not enough from 12
    assert sb.Step.DECIDE is conv.step  # refused: nothing changed
    decide(conv, [PETRA, ERIK, DAAN])
    again = sb.Conversation.from_json(conv.to_json())
    assert again.decision is not None
    assert (PETRA, ERIK, DAAN) == again.decision.consent
    assert sb.AgeGroup.FROM_12_TO_15 is again.client.age_group


def test_under_12_the_parents_consent_and_the_child_is_heard() -> None:
    conv = youth("under_12", others=((PETRA, PARENT),))
    with pytest.raises(sb.RuleViolationError) as info:
        decide(conv, [DAAN])
    assert "De cliënt is jonger dan 12." in str(info.value)
    assert "toestemming nodig van: Petra Visser." in str(info.value)
    decide(conv, [PETRA])  # the child's own consent is not what the law asks under 12


def test_a_guardian_holds_authority_like_a_parent() -> None:
    conv = youth("12_to_15", others=(("Bram de Wit", sb.ParticipantRole.GUARDIAN),))
    with pytest.raises(sb.RuleViolationError, match="Bram de Wit"):
        decide(conv, [DAAN])
    decide(conv, [DAAN, "Bram de Wit"])


def test_a_minor_without_anyone_with_authority_taking_part_is_refused_with_advice() -> None:
    conv = youth("12_to_15", others=((OMA, sb.ParticipantRole.SIGNIFICANT_OTHER),))
    with pytest.raises(sb.RuleViolationError) as info:
        decide(conv, [DAAN, OMA])
    message = info.value.message("en")
    assert "The client is 12 to 15." in message
    assert "Add them to the people taking part" in message


@pytest.mark.parametrize("age_group", ["16_to_17", "adult", None])
def test_from_16_or_with_no_age_group_the_client_decides_without_consent(
    age_group: str | None,
) -> None:
    decide(youth(age_group), [])


def test_the_rule_can_be_switched_off_and_a_policy_says_so_in_the_record() -> None:
    conv = youth(policy=sb.Policy(require_minor_consent=False))
    decide(conv, [])
    assert conv.to_dict()["policy"]["require_minor_consent"] is False


def test_consent_names_someone_taking_part_and_never_the_professional() -> None:
    conv = youth()
    with pytest.raises(sb.InputError) as info:
        decide(conv, [DAAN, "Fatima El Khatib", "Petra"])
    assert ["consent[1]", "consent[2]"] == [p.path for p in info.value.problems]
    assert "Kies de cliënt of iemand die meedoet: Daan Visser, Petra Visser, Erik Visser." in str(
        info.value
    )


# -- whose wish a criterion is ------------------------------------------------


def test_a_criterion_owner_must_take_part_and_not_be_the_client() -> None:
    conv = youth("12_to_15", others=((ERIK, PARENT),))
    conv.add_option(sb.Option(key="gezin", title="Begeleiding van het gezin"))
    conv.present_options()
    for owner in ("Petra", DAAN):
        with pytest.raises(sb.InputError) as info:
            conv.weigh({"rust": 4}, {"gezin": {"rust": 5}}, owners={"rust": owner})
        assert "owners.rust" == info.value.problems[0].path
        assert "Is het de wens van de cliënt zelf? Laat de naam dan leeg." in str(info.value)
    with pytest.raises(sb.InputError) as info:
        conv.weigh({"rust": 4}, {"gezin": {"rust": 5}}, owners={"ruzie": ERIK})
    assert "owners.ruzie" == info.value.problems[0].path


def test_every_document_shows_whose_wish_a_criterion_is() -> None:
    conv = youth()
    decide(conv, [DAAN, PETRA, ERIK])
    for document in ("guide", "summary", "option_grid"):
        nl = sb.render(conv, document)
        assert "Minder ruzie thuis (wens van Petra Visser)" in nl
        assert "Minder ruzie thuis (Petra Visser's wish)" in sb.render(
            conv, document, "markdown", "en"
        )
    summary = sb.render(conv, "summary")
    # Not all of it is Daan's own, so the summary does not say it all matters to him.
    assert "Dit vinden jij en anderen belangrijk:" in summary
    assert "Deze mensen gaven toestemming: Daan Visser, Petra Visser en Erik Visser." in summary
    # The guide quotes the client's own top wish back, not his mother's.
    guide = sb.render(youth(), "guide")
    assert "Jij noemde dit het belangrijkst: \u2018Zelf kiezen met wie ik praat\u2019." in guide


# -- guidance ------------------------------------------------------------------


def test_the_guide_says_who_decides_for_each_age_group() -> None:
    def adapt(age_group: str | None, language: str = "nl") -> str:
        conv = youth(
            age_group, others=((PETRA, PARENT), (OMA, sb.ParticipantRole.SIGNIFICANT_OTHER))
        )
        guide = sb.render(conv, "guide", "text", language)
        return guide[: guide.index("Stap 1" if language == "nl" else "Step 1")]

    assert "De ouders met gezag of de voogd beslissen." in adapt("under_12")
    assert "moeten het allebei eens zijn met de keuze" in adapt("12_to_15")
    assert "beslist zelf" in adapt("16_to_17")
    assert "The young person and the parents with authority" in adapt("12_to_15", "en")
    # For a child, the significant other's advice no longer says the choice is the client's.
    assert "De keuze blijft van de cliënt" not in adapt("12_to_15")
    assert "De keuze blijft van de cliënt" in adapt("adult")
    assert "jaar" not in adapt("adult")


def test_the_next_step_asks_for_the_consent_still_missing() -> None:
    fragment = sb.render(youth(), "next_step", "text")
    assert "Verplicht: Vraag toestemming aan Daan Visser, Petra Visser en Erik Visser" in (
        " ".join(fragment.split())
    )
    assert "toestemming" not in sb.render(youth("adult"), "next_step", "text")


def people() -> list[sb.Participant]:
    return [
        sb.Participant(name=f"Persoon {i}", role=role) for i, role in enumerate(COMPANION_ROLES)
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("document", ["guide", "summary", "option_grid", "script", "next_step"])
def test_every_companion_role_has_its_words_in_every_document(document: str, language: str) -> None:
    conv = sb.Conversation(
        "Welke hulp past?",
        client=sb.Participant(name="Kees de Vries", age_group="adult"),
        professional=sb.Participant(name="Anouk Jansen"),
        others=people(),
        language=language,
        policy=sb.Policy(max_participants=len(COMPANION_ROLES) + 2),
        clock=ticking_clock(),
    )
    text = sb.render(conv, document, "text")
    if document in ("guide", "script"):
        for role in REPRESENTATIVE_ROLES:
            assert (
                role.label(language).split(" (")[0] in text.lower() or role.label(language) in text
            )


def test_the_representative_roles_are_companions_with_their_own_label() -> None:
    assert set(AUTHORITY_ROLES) < set(REPRESENTATIVE_ROLES) < set(COMPANION_ROLES)
    assert "ouder met gezag" == sb.ParticipantRole.PARENT_WITH_AUTHORITY.label()
    assert ["jonger dan 12", "12 tot en met 15 jaar", "16 of 17 jaar", "18 of ouder"] == [
        group.label() for group in sb.AgeGroup
    ]
    assert [True, True, True, False] == [group.minor for group in sb.AgeGroup]


def _enums(schema: Any) -> list[list[Any]]:
    """Every enum in a JSON schema that lists a companion role."""
    found: list[list[Any]] = []
    if isinstance(schema, dict):
        if "peer_expert" in schema.get("enum", []):
            found.append(schema["enum"])
        for value in schema.values():
            found.extend(_enums(value))
    elif isinstance(schema, list):
        for value in schema:
            found.extend(_enums(value))
    return found


@pytest.mark.parametrize("name", ["conversation.schema.json", "scenario.schema.json"])
def test_the_schemas_list_every_participant_role(name: str) -> None:
    schema = json.loads(resources.files("samenbeslissen").joinpath("schemas", name).read_text())
    enums = _enums(schema)
    assert enums
    for enum in enums:
        assert {role.value for role in COMPANION_ROLES} <= set(enum)


# -- in a trainer's scenario -----------------------------------------------------

YOUTH = pathlib.Path(__file__).parents[1] / "examples" / "jeugdhulp-keuze.yaml"


@pytest.mark.parametrize(
    ("old", "new", "path", "words"),
    [
        ("owner: Petra Visser", "owner: Petra", "criteria[2].owner", "Kies uit: Petra Visser"),
        ("[Daan Visser, Petra", "[Daan, Petra", "decision.consent[0]", "kan hier geen"),
        ("age_group: 12_to_15", "age_group: 14", "client.age_group", "12_to_15"),
    ],
)
def test_a_scenario_names_people_that_take_part_and_an_age_group(
    old: str, new: str, path: str, words: str
) -> None:
    text = YOUTH.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(sb.ScenarioError) as info:
        sb.loads_scenario(text.replace(old, new))
    assert path == info.value.field
    assert words in str(info.value)


@given(
    age_group=st.sampled_from([*sb.AgeGroup, None]),
    roles=st.lists(st.sampled_from(COMPANION_ROLES), max_size=4),
    agree=st.lists(st.booleans(), min_size=5, max_size=5),
    rule_on=st.booleans(),
)
def test_a_decision_goes_through_exactly_when_the_consent_the_law_asks_is_there(
    age_group: sb.AgeGroup | None,
    roles: list[sb.ParticipantRole],
    agree: list[bool],
    rule_on: bool,
) -> None:
    others = tuple((f"Persoon {i}", role) for i, role in enumerate(roles))
    conv = youth(
        age_group.value if age_group else None,
        others=others,
        policy=sb.Policy(require_minor_consent=rule_on),
    )
    names = [DAAN, *(name for name, _ in others)]
    consent = [name for name, yes in zip(names, agree, strict=False) if yes]
    holders = [name for name, role in others if role in AUTHORITY_ROLES]
    needed = holders + ([DAAN] if age_group is sb.AgeGroup.FROM_12_TO_15 else [])
    young = age_group in (sb.AgeGroup.UNDER_12, sb.AgeGroup.FROM_12_TO_15)
    allowed = not (rule_on and young) or (bool(holders) and set(needed) <= set(consent))
    if allowed:
        decide(conv, consent)
        assert sb.Step.DECIDED is conv.step
    else:
        with pytest.raises(sb.RuleViolationError):
            decide(conv, consent)
        assert sb.Step.DECIDE is conv.step
