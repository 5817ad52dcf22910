"""The training kit: role cards, the observer sheet, the trainer's key, and writing a kit."""

from __future__ import annotations

from pathlib import Path

import pytest

import samenbeslissen as sb
from samenbeslissen.i18n import text
from samenbeslissen.rendering.kit import KIT_DOCUMENTS, write_kit
from tests.test_pdf import require_weasyprint

YOUTH = sb.load_scenario(Path(__file__).parents[1] / "examples" / "jeugdhulp-keuze.yaml")
WMO = sb.demo_scenario()


def card(scenario: sb.Scenario, actor: str, language: str = "nl") -> str:
    return sb.render(scenario, "role_cards", "text", language, actor=actor)


def flat(value: str) -> str:
    return " ".join(value.split())


def pitfalls(step: str, language: str = "nl") -> list[str]:
    return text(f"guide.{step}.pitfalls", language).splitlines()


# -- role cards -------------------------------------------------------------------------


def test_the_clients_card_holds_who_they_are_and_what_they_value_not_the_outcome() -> None:
    daan = flat(card(YOUTH, "Daan Visser"))
    assert "Rolkaart: Daan Visser (cliënt)" in daan
    assert "Daan vindt het gesprek spannend." in daan  # feelings
    assert "Zelf kiezen met wie ik praat: het allerbelangrijkst" in daan
    # Never the planned outcome, and not his mother's wish.
    assert YOUTH.decision is not None
    assert flat(YOUTH.decision.rationale)[:30] not in daan
    assert "Minder ruzie thuis" not in daan
    assert "Fatima El Khatib (professional)" not in daan  # one card only


def test_the_professionals_card_holds_the_options_and_the_task_not_what_the_client_values() -> None:
    fatima = flat(card(YOUTH, "Fatima El Khatib"))
    assert "jeugdconsulent van het wijkteam" in fatima
    assert "Gesprekken met een hulpverlener van het wijkteam" in fatima
    assert "Leg minstens 2 mogelijkheden op tafel, met de voor- en nadelen." in fatima
    assert "Zelf kiezen met wie ik praat" not in fatima
    assert YOUTH.decision is not None
    assert flat(YOUTH.decision.rationale)[:30] not in fatima


def test_each_companion_has_a_card_of_their_own_with_their_own_wishes() -> None:
    petra, erik = flat(card(YOUTH, "Petra Visser")), flat(card(YOUTH, "Erik Visser"))
    assert "Petra Visser (ouder met gezag, moeder)" in petra
    assert "Minder ruzie thuis: heel belangrijk" in petra
    assert "Minder ruzie thuis" not in erik
    assert "U bent ouder met gezag." in erik
    assert "De situatie van de cliënt: Daan is 14 jaar" in erik


def test_every_card_starts_a_new_printed_page() -> None:
    html = sb.render(YOUTH, "role_cards", "html")
    assert 4 == html.count(' sb-new-page">')  # Daan, Fatima, Petra, Erik (the style names it too)


def test_an_actor_is_for_the_role_cards_and_must_take_part() -> None:
    with pytest.raises(sb.InputError) as info:
        card(YOUTH, "Piet")
    assert ("actor", "render_actor_unknown") == (info.value.field, info.value.key)
    assert "Daan Visser, Fatima El Khatib, Petra Visser, Erik Visser" in str(info.value)
    with pytest.raises(sb.InputError) as info:
        sb.render(YOUTH, "guide", actor="Daan Visser")
    assert "render_actor_document" == info.value.key


# -- observer sheet and key ------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_observer_sheet_asks_without_answering(language: str) -> None:
    sheet = flat(sb.render(YOUTH, "observer_sheet", "markdown", language))
    for step in ("inform", "options", "preferences", "decide"):
        for pitfall in pitfalls(step, language):
            assert flat(pitfall) not in sheet
    for number in range(1, 6):
        assert flat(text(f"instrument.option5.item.{number}", language))[:40] in sheet
    assert 5 == sheet.count("0 ☐ 1 ☐ 2 ☐ 3 ☐ 4 ☐")
    assert YOUTH.decision is not None
    assert flat(YOUTH.decision.rationale)[:30] not in sheet


def test_the_script_asks_which_pitfall_and_the_trainers_key_answers() -> None:
    script = flat(sb.render(WMO, "script", "text"))
    key = flat(sb.render(WMO, "trainer_key", "text"))
    assert "Bespreek na afloop: welke valkuil zag u?" in script
    for step in ("inform", "options", "preferences", "decide"):
        for pitfall in pitfalls(step):
            assert flat(pitfall) not in script
            assert flat(pitfall) in key
    # The key shows the pitfall lines as played, and how the conversation ends.
    assert "kan uw zoon of iemand anders uit de familie het huis niet schoonmaken?" in key
    assert "Zo eindigt het gesprek:" in key


# -- writing a kit ---------------------------------------------------------------------


def test_a_kit_is_one_file_per_document_and_one_card_per_person(tmp_path: Path) -> None:
    files = write_kit(YOUTH, tmp_path / "kit")
    names = [f.path.name for f in files]
    assert [
        "rolkaarten.html",
        "rolkaart-daan-visser.html",
        "rolkaart-fatima-el-khatib.html",
        "rolkaart-petra-visser.html",
        "rolkaart-erik-visser.html",
        "observatieformulier.html",
        "antwoorden-trainer.html",
        "script.html",
        "keuzekaart.html",
        "samenvatting.html",
    ] == names
    assert set(KIT_DOCUMENTS) == {f.document for f in files}
    assert all(f.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") for f in files)
    # The handout grid shows nothing chosen; the summary shows the planned end.
    assert "gekozen" not in (tmp_path / "kit" / "keuzekaart.html").read_text(encoding="utf-8")
    summary = (tmp_path / "kit" / "samenvatting.html").read_text(encoding="utf-8")
    assert "Je kiest voor" in summary
    english = write_kit(YOUTH, tmp_path / "en", format="markdown", language="en")
    assert "role-card-erik-visser.md" in [f.path.name for f in english]


def test_a_kit_refuses_a_folder_it_cannot_write_and_writes_nothing_half(tmp_path: Path) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("al bezet")
    with pytest.raises(sb.InputError) as info:
        write_kit(YOUTH, blocked)
    assert f"De map {blocked} kan niet worden gemaakt" in str(info.value)
    assert "Kies een andere map." in str(info.value)
    with pytest.raises(sb.InputError) as info:
        write_kit(YOUTH, tmp_path / "docx", format="docx")
    assert "format" == info.value.field
    assert not (tmp_path / "docx").exists()


def test_a_kit_can_be_written_as_pdf_to_print(tmp_path: Path) -> None:
    require_weasyprint()  # skipped without it on a developer's machine, failed in CI
    files = write_kit(WMO, tmp_path, format="pdf")
    assert 9 == len(files)  # three people: the client, the professional, the support person
    assert all(f.path.suffix == ".pdf" and f.path.read_bytes()[:5] == b"%PDF-" for f in files)
