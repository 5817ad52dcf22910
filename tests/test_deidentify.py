"""De-identification of remarks: the findings of the attack, and the hand-written test set.

Targets (issue 10): at least 98% of participants' names and 90% of other
people's names removed, and no ordinary Dutch phrase damaged. The figures
themselves are recorded in benchmarks/README.md (bench_deidentify.py).
"""

from __future__ import annotations

import datetime as dt

import pytest

import samenbeslissen as sb
from samenbeslissen.analysis.deidentify import MARKS, deidentify
from tests.deidentify_set import OTHER_PEOPLE, evaluate

PEOPLE = ["Fatima Ünal", "Jo de Vries", "Ad van der Meer", "Ben El Amrani"]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Jo en Ad hielpen mij.", ["Jo", "Ad"]),
        ("Unal vond het fijn.", ["Unal"]),
        ("U\u0308nal vond het fijn.", ["Ünal", "U\u0308nal"]),
        ("fatima en Fatima123 en Fatimaatje", ["fatima", "Fatima123", "Fatimaatje"]),
        ("Fatma belde terug.", ["Fatma"]),
        ("Mijn zoon Pieter ging mee.", ["Pieter"]),
        ("J.K. de Vries was er ook.", ["J.K.", "Vries"]),
        ("Ik woon in de Kerkstraat 12 in Utrecht.", ["Kerkstraat 12", "Utrecht"]),
        ("Bel 06-12345678 of mail jo@mail.test.", ["12345678", "jo@mail.test"]),
        ("Mijn BSN is 123456782, ik ben 82 jaar.", ["123456782", "82"]),
        ("Geboren op 12-03-1958, dossier 2024-00817.", ["1958", "2024-00817"]),
    ],
)
def test_what_the_attack_found_is_removed(text: str, gone: list[str]) -> None:
    scrubbed = deidentify(text, PEOPLE)
    for part in gone:
        assert part not in scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "Ik ga van de week naar de markt.",
        "Van de zomer wil ik weer fietsen.",
        "Ik ben blij met de hulp van het Sociaal Wijkteam.",
        "De bakker en de visser zijn dicht op maandag.",
        "Groen licht voor de woningaanpassing!",
        "Stap voor stap, zo vind ik het fijn.",
    ],
)
def test_ordinary_dutch_is_left_alone(text: str) -> None:
    assert text == deidentify(text, PEOPLE)


def test_a_name_keeps_its_title_and_loses_its_initials() -> None:
    assert "mevrouw [name] zei het." == deidentify("mevrouw D. Jansen zei het.", [])
    assert "Met [name] van het Sociaal Wijkteam." == deidentify(
        "Met mevrouw D. van het Sociaal Wijkteam.", []
    ).replace("mevrouw ", "")


def test_each_kind_has_its_mark() -> None:
    text = "Jo, Kerkstraat 12, 06-12345678, jo@mail.test, 123456782."
    assert "[name], [place], [phone], [email], [number]." == deidentify(text, PEOPLE)
    assert set(MARKS) >= {"name", "place", "phone", "email", "number", "date", "age"}


def test_the_test_set_meets_the_targets() -> None:
    scores = evaluate(deidentify)
    assert scores.total["participant"] >= 150
    assert scores.recall(["participant"]) >= 0.98, scores.missed
    assert scores.recall(OTHER_PEOPLE) >= 0.90, scores.missed
    assert [] == scores.damaged
    assert 0 == scores.changed_clean


def test_the_evaluation_can_fail() -> None:
    scores = evaluate(lambda text, names: text)  # a scrubber that removes nothing
    assert 0 == scores.recall(["participant"])
    scores = evaluate(lambda text, names: "")  # one that removes everything
    assert scores.damaged
    assert scores.changed_clean == scores.clean


def test_the_report_uses_it() -> None:
    conversations = []
    for _ in range(5):
        conv = sb.Conversation(
            "Welke hulp past?",
            client=sb.Participant(name="Fatima Ünal"),
            professional=sb.Participant(name="Jo de Vries"),
        )
        conv.inform(may_codecide=True)
        conv.add_option(sb.Option(key="a", title="A"))
        conv.add_option(sb.Option(key="b", title="B", status_quo=True))
        conv.present_options()
        conv.weigh(skipped_reason="Niet nodig.")
        conv.decide(
            "a", decided_by=sb.DecisionRole.SHARED, rationale="Past.", follow_up=dt.date(2027, 3, 1)
        )
        remark = sb.Remark(text="Unal en mijn zoon Pieter, Kerkstraat 12.", step="decide")
        conv.add_experience(remarks=[remark])
        conversations.append(conv)
    result = sb.report(conversations)
    assert ("[name] en mijn zoon [name], [place].",) * 5 == result.remarks["decide"]["other"]
    dutch = sb.render(result, "report", "text")
    assert "[naam] en mijn zoon [naam], [plaats]." in dutch
