"""De-identification of remarks: the findings of the attack, and the hand-written test set.

Targets (issue 10): at least 98% of participants' names and 90% of other
people's names removed, and no ordinary Dutch phrase damaged. The figures
themselves are recorded in benchmarks/README.md (bench_deidentify.py).
"""

from __future__ import annotations

import subprocess
import sys
import types
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samenbeslissen as sb
from samenbeslissen.analysis import deidentify as deidentify_module
from samenbeslissen.analysis.deidentify import MARKS, _Participants, deidentify
from tests.deidentify_set import OTHER_PEOPLE, evaluate
from tests.strategies import council_conversation

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
    remark = "Fatma en mijn zoon Pieter, Kerkstraat 12."  # Fatima El Amrani, with a typo
    result = sb.report([council_conversation(remark=remark) for _ in range(5)])
    assert ("[name] en mijn zoon [name], [place].",) * 5 == result.remarks["inform"]["helped"]
    dutch = sb.render(result, "report", "text")
    assert "[naam] en mijn zoon [naam], [plaats]." in dutch


def test_loading_deduce_leaves_the_hosts_logging_alone() -> None:
    # deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) on import.
    program = (
        "import logging\n"
        "from samenbeslissen.analysis.deidentify import deidentify, prepared\n"
        "prepared()\n"
        "deidentify('Jo')\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), logging.getLevelName(root.level))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=300
    )
    assert "0 WARNING\n" == done.stdout
    assert "" == done.stderr


def test_without_deduce_it_is_not_available_and_nothing_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for blocked in (None, types.ModuleType("deduce")):
        monkeypatch.setitem(sys.modules, "deduce", blocked)
        deidentify_module.available.cache_clear()
        try:
            assert not deidentify_module.available()
            assert deidentify_module.prepared()
        finally:
            deidentify_module.available.cache_clear()


def test_deidentify_without_deduce_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deidentify_module, "available", lambda: False)
    with pytest.raises(sb.OptionalDependencyError, match=r"samenbeslissen\[deidentify\]"):
        deidentify("Jo", [])


NAMES = [
    "Fatima Ünal", "Jo de Vries", "Ad van der Meer", "Zoë Çelik", "Mohammed el Amrani",
    "Li Wang", "Tjeerd Hoekstra", "Oksana Kovalenko", "Kwame Mensah", "Ayşe Öztürk",
    "Rishi Ramdin", "Nguyễn Thị Lan", "Ewa Kowalska", "Hamza ben Ali", "Saskia in 't Veld",
]  # fmt: skip


PARTICLES = {"de", "van", "der", "el", "ben", "in", "'t", "het", "al"}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


WRITINGS = [
    lambda w: w,
    str.lower,
    str.upper,
    _plain,
    lambda w: unicodedata.normalize("NFD", w),
    lambda w: w + "123",
    lambda w: w + "je",
    lambda w: w + "s",
]


@given(
    st.sampled_from(NAMES),
    st.data(),
    st.sampled_from(WRITINGS),
    st.sampled_from(["Ik sprak met {} over de hulp.", "{} belde terug.", "Dank je, {}!"]),
)
def test_a_participants_name_is_found_however_it_is_written(
    name: str, data: st.DataObject, write: Any, sentence: str
) -> None:
    parts = [
        w for w in name.split() if w.casefold() not in {"de", "van", "der", "el", "ben", "in", "'t"}
    ]
    part = data.draw(st.sampled_from(parts))
    if len(_plain(part)) < 3 and write in WRITINGS[5:]:
        part = max(parts, key=len)  # suffixes are read after names of three letters or more
    written = write(part)
    text = unicodedata.normalize("NFC", sentence.format(written))
    spans = _Participants((name,)).spans(text, frozenset())
    assert any(text[start:end] == unicodedata.normalize("NFC", written) for start, end, _ in spans)


@given(st.sampled_from(["van de week", "ik ben blij", "al klaar", "in het veld", "de bakker"]))
def test_tussenvoegsels_alone_are_never_a_name(phrase: str) -> None:
    participants = _Participants(("Ben van der Al", "Saskia in 't Veld", "Jo de Bakker"))
    found = [phrase[a:b] for a, b, _ in participants.spans(phrase, frozenset())]
    assert not [word for word in found if word in PARTICLES]
    assert set(found) <= {"bakker", "veld"}  # participants' surnames, lower case too
