"""Messages of the scoring instruments and the fidelity check, in Dutch and English."""

from __future__ import annotations

from collections.abc import Sequence

from samenbeslissen.i18n.words import Words

# This module is imported by _messages while the catalogue is being built, so
# it imports nothing else from the package.


def join(words: Sequence[str]) -> Words:
    """``["a", "b", "c"]`` as "a, b en c" in Dutch and "a, b and c" in English."""
    if len(words) <= 1:
        only = words[0] if words else ""
        return Words(only, only)
    head = ", ".join(words[:-1])
    return Words(f"{head} en {words[-1]}", f"{head} and {words[-1]}")


MESSAGES: dict[str, tuple[str, str]] = {
    # Scoring errors; ``instrument`` is the instrument's name (with the
    # encounter for a group), ``where`` the item ("vraag 4" / "item 4").
    "scoring_not_a_list": (
        "{instrument}: geef de antwoorden als een lijst, in de volgorde van de vragen (nu: {got}).",
        "{instrument}: give the answers as a list, in the order of the items (got: {got}).",
    ),
    "scoring_count": (
        (
            "{instrument}: er horen {expected} antwoorden te zijn, één per vraag, "
            "maar het zijn er {count}."
        ),
        "{instrument}: expected {expected} answers, one per item, but got {count}.",
    ),
    "scoring_item": (
        (
            "{instrument}, {where}: hier hoort een heel getal van {low} tot en met {high}, "
            "maar het is {got}."
        ),
        "{instrument}, {where}: expected a whole number from {low} to {high}, got {got}.",
    ),
    "scoring_item_or_missing": (
        (
            "{instrument}, {where}: hier hoort een heel getal van {low} tot en met {high}, "
            "maar het is {got}. Ontbreekt het antwoord? Gebruik dan None."
        ),
        (
            "{instrument}, {where}: expected a whole number from {low} to {high}, got {got}. "
            "Is the answer missing? Then use None."
        ),
    ),
    "scoring_yes_no": (
        (
            "{instrument}, {where}: hier hoort ja (True of 1) of nee (False of 0), "
            "maar het is {got}."
        ),
        "{instrument}, {where}: expected yes (True or 1) or no (False or 0), got {got}.",
    ),
    "scoring_missing_not_allowed": (
        (
            "{instrument}, {where}: dit antwoord ontbreekt. {instrument} geeft alleen een score "
            "als alle vragen beantwoord zijn."
        ),
        (
            "{instrument}, {where}: this answer is missing. {instrument} gives a score only "
            "when every item is answered."
        ),
    ),
    "scoring_too_many_missing": (
        (
            "{instrument}: er ontbreken {count} antwoorden ({items}). Een score kan alleen als "
            "er hoogstens {allowed} ontbreekt."
        ),
        (
            "{instrument}: {count} answers are missing ({items}). A score is possible only "
            "with at most {allowed} missing."
        ),
    ),
    "scoring_subscale_missing": (
        (
            "{instrument}: in het deel '{subscale}' ontbreken {count} antwoorden ({items}). "
            "Per deel mag hoogstens 1 antwoord ontbreken."
        ),
        (
            "{instrument}: {count} answers are missing in the part '{subscale}' ({items}). "
            "At most 1 answer may be missing per part."
        ),
    ),
    "scoring_responses_not_a_list": (
        "{instrument}: geef een lijst met per gesprek de antwoorden (nu: {got}).",
        "{instrument}: give a list with the answers of each encounter (got: {got}).",
    ),
    "scoring_control_preferences": (
        (
            "{instrument}: hier hoort een positie van 1 tot en met 5, of een DecisionRole, "
            "maar het is {got}."
        ),
        "{instrument}: expected a position from 1 to 5, or a DecisionRole, got {got}.",
    ),
    # Interpretations: one short sentence or two, in plain language.
    "interpret_sdm_q9": (
        (
            "Score {scaled} van de 100. Hoe hoger de score, hoe meer de cliënt vond dat er samen "
            "is beslist. Er is geen officiële grens voor 'goed genoeg'."
        ),
        (
            "Score {scaled} out of 100. The higher the score, the more the client felt the "
            "decision was made together. There is no official cut-off for 'good enough'."
        ),
    ),
    "interpret_sdm_q_doc": (
        (
            "Score {scaled} van de 100. Hoe hoger de score, hoe meer de professional vond dat er "
            "samen is beslist. Er is geen officiële grens voor 'goed genoeg'."
        ),
        (
            "Score {scaled} out of 100. The higher the score, the more the professional felt the "
            "decision was made together. There is no official cut-off for 'good enough'."
        ),
    ),
    "interpret_prorated": (
        " Eén antwoord ontbrak: de score is geschat uit de andere antwoorden.",
        " One answer was missing: the score is estimated from the other answers.",
    ),
    "interpret_collaborate_top": (
        (
            "Topscore: de cliënt gaf op alle drie de vragen het hoogste cijfer (9). "
            "Zo hoort samen beslissen te voelen."
        ),
        (
            "Top score: the client gave the highest mark (9) on all three items. "
            "That is how shared decision making should feel."
        ),
    ),
    "interpret_collaborate_not_top": (
        (
            "Geen topscore: de cliënt gaf niet op alle drie de vragen een 9. "
            "Gemiddeld cijfer: {mean} van de 9."
        ),
        (
            "No top score: the client did not give a 9 on all three items. "
            "Average mark: {mean} out of 9."
        ),
    ),
    "interpret_collaborate_group": (
        (
            "{rate}% van de {complete} volledige vragenlijsten heeft een topscore "
            "(op alle drie de vragen een 9)."
        ),
        "{rate}% of the {complete} complete questionnaires have a top score (a 9 on all three).",
    ),
    "interpret_collaborate_group_too_few": (
        (
            "Nog geen betrouwbare score: er zijn {complete} volledige vragenlijsten, "
            "en er zijn er minstens {minimum} nodig."
        ),
        (
            "No reliable score yet: there are {complete} complete questionnaires, "
            "and at least {minimum} are needed."
        ),
    ),
    "interpret_option5": (
        (
            "Score {scaled} van de 100. Hoe hoger de score, hoe meer de professional de cliënt "
            "bij de beslissing betrok, volgens de observator."
        ),
        (
            "Score {scaled} out of 100. The higher the score, the more the professional involved "
            "the client in the decision, as the observer saw it."
        ),
    ),
    "interpret_option12": (
        (
            "Score {scaled} van de 100. Op {reached} van de 12 punten haalde de professional "
            "minstens het basisniveau (2 of hoger)."
        ),
        (
            "Score {scaled} out of 100. The professional reached at least the basic skill level "
            "(2 or more) on {reached} of the 12 items."
        ),
    ),
    "interpret_sure_conflict": (
        (
            "Score {raw} van de 4: de cliënt twijfelt nog over de keuze. Bespreek wat de cliënt "
            "nog nodig heeft: uitleg, weten wat het zwaarst weegt, of steun."
        ),
        (
            "Score {raw} out of 4: the client is still in doubt about the choice. Talk about what "
            "the client still needs: information, knowing what matters most, or support."
        ),
    ),
    "interpret_sure_sure": (
        "Score 4 van de 4: de cliënt voelt zich zeker over de keuze.",
        "Score 4 out of 4: the client feels sure about the choice.",
    ),
    "interpret_control_preferences": (
        "Voorkeur van de cliënt: {role} Groep: {group}.",
        "The client's preference: {role} Group: {group}.",
    ),
    "interpret_dcs_low": (
        (
            "Score {scaled} van de 100: weinig twijfel. Onder de 25 voeren mensen hun besluit "
            "meestal ook uit."
        ),
        (
            "Score {scaled} out of 100: little doubt. Below 25, people usually carry out "
            "their decision."
        ),
    ),
    "interpret_dcs_moderate": (
        (
            "Score {scaled} van de 100: enige twijfel. De deelscores laten zien waar de twijfel "
            "zit. De meeste twijfel zit bij: {part}."
        ),
        (
            "Score {scaled} out of 100: some doubt. The part scores show where the doubt is. "
            "Most doubt is in: {part}."
        ),
    ),
    "interpret_dcs_high": (
        (
            "Score {scaled} van de 100: veel twijfel (meer dan 37,5). Mensen stellen de keuze dan "
            "vaak uit, of zijn onzeker. De meeste twijfel zit bij: {part}. Begin daar."
        ),
        (
            "Score {scaled} out of 100: a lot of doubt (more than 37.5). People then often put "
            "the choice off, or feel unsure. Most doubt is in: {part}. Start there."
        ),
    ),
    # The fidelity check: a title per check and pitfall, and what the record shows.
    "fidelity_title": (
        "Volgde het gesprek de vier stappen?",
        "Did the conversation follow the four steps?",
    ),
    "fidelity_summary": (
        "In orde: {passed} van {points} ({percent}%).",
        "Done: {passed} of {points} ({percent}%).",
    ),
    "fidelity_summary_none": (
        "Nog niets te beoordelen: het gesprek is nog niet begonnen.",
        "Nothing to judge yet: the conversation has not started.",
    ),
    "fidelity_pending_count": (" Nog niet aan de orde: {points}.", " Not due yet: {points}."),
    "fidelity_step": ("Stap {number}: {step}", "Step {number}: {step}"),
    "fidelity_passed": ("In orde", "Done"),
    "fidelity_failed": ("Ontbreekt", "Missing"),
    "fidelity_pending": ("Nog niet", "Not yet"),
    "fidelity_pending_message": (
        "Het gesprek is hier nog niet aan toe.",
        "The conversation has not got this far yet.",
    ),
    "fidelity_pitfalls": ("Valkuilen", "Pitfalls"),
    "fidelity_no_pitfalls": ("Geen valkuilen gevonden.", "No pitfalls found."),
    "fidelity_told_may_codecide": (
        "Verteld dat de cliënt mag meebeslissen",
        "Told the client they may co-decide",
    ),
    "fidelity_told_may_codecide_passed": (
        "De professional vertelde de cliënt dat de cliënt mag meebeslissen.",
        "The professional told the client that they may co-decide.",
    ),
    "fidelity_told_may_codecide_failed": (
        (
            "Er staat niet dat de cliënt hoorde dat de cliënt mag meebeslissen. "
            "Zeg het met zoveel woorden: 'U mag meebeslissen.'"
        ),
        (
            "The record does not show that the client heard they may co-decide. "
            "Say it in so many words: 'You may decide with me.'"
        ),
    ),
    "fidelity_asked_preferred_role": (
        "Gevraagd hoe de cliënt wil beslissen",
        "Asked how the client wants to decide",
    ),
    "fidelity_asked_preferred_role_passed": (
        "De professional vroeg hoe de cliënt wil beslissen. De cliënt koos: {role}",
        "The professional asked how the client wants to decide. The client chose: {role}",
    ),
    "fidelity_asked_preferred_role_failed": (
        (
            "Er staat niet hoe de cliënt wil beslissen. Vraag het: wil de cliënt zelf beslissen, "
            "samen, of het aan de professional laten?"
        ),
        (
            "The record does not say how the client wants to decide. Ask: does the client want "
            "to decide alone, together, or leave it to the professional?"
        ),
    ),
    "fidelity_two_or_more_options": ("Twee of meer opties", "Two or more options"),
    "fidelity_two_or_more_options_passed": (
        "Er lagen {count} opties op tafel.",
        "There were {count} options on the table.",
    ),
    "fidelity_two_or_more_options_failed": (
        (
            "Er lag maar {count} optie op tafel. Leg er minstens twee voor; "
            "'niets veranderen' telt ook als optie."
        ),
        (
            "There was only {count} option on the table. Present at least two; "
            "'keep things as they are' counts as an option too."
        ),
    ),
    "fidelity_pros_and_cons": ("Voor- en nadelen bij elke optie", "Pros and cons for every option"),
    "fidelity_pros_and_cons_passed": (
        "Bij elke optie staan voordelen en nadelen.",
        "Every option has pros and cons.",
    ),
    "fidelity_pros_and_cons_failed": (
        "Bij {options} ontbreken voordelen of nadelen. Noem bij elke optie allebei.",
        "Pros or cons are missing for {options}. Give both for every option.",
    ),
    "fidelity_status_quo_option": (
        "'Niets veranderen' besproken",
        "'Keep things as they are' discussed",
    ),
    "fidelity_status_quo_option_passed": (
        "'Niets veranderen' of 'afwachten' was een van de opties.",
        "'Keep things as they are' or 'wait and see' was one of the options.",
    ),
    "fidelity_status_quo_option_failed": (
        (
            "De optie 'niets veranderen' of 'afwachten' ontbrak. "
            "Bespreek ook wat er gebeurt als er niets verandert."
        ),
        (
            "The option to keep things as they are, or to wait and see, was missing. "
            "Also talk about what happens if nothing changes."
        ),
    ),
    "fidelity_preferences_recorded": (
        "Vastgelegd wat de cliënt belangrijk vindt",
        "Recorded what matters to the client",
    ),
    "fidelity_preferences_recorded_passed": (
        "Vastgelegd wat de cliënt belangrijk vindt: {points}.",
        "Recorded what matters to the client: {points}.",
    ),
    "fidelity_preferences_recorded_failed": (
        (
            "Er staat niet wat de cliënt belangrijk vindt. "
            "Vraag dat eerst, en leg het vast voordat er een besluit valt."
        ),
        (
            "The record does not say what matters to the client. "
            "Ask that first, and record it before anything is decided."
        ),
    ),
    "fidelity_decision_rationale": (
        "Reden van de cliënt bij het besluit",
        "The client's reason with the decision",
    ),
    "fidelity_decision_rationale_passed": (
        "Bij het besluit staat de reden van de cliënt.",
        "The decision records the client's reason.",
    ),
    "fidelity_decision_rationale_failed": (
        (
            "Bij het besluit staat geen reden. Schrijf op waarom de cliënt dit kiest, "
            "in de woorden van de cliënt."
        ),
        (
            "The decision records no reason. Write down why the client chooses this, "
            "in the client's own words."
        ),
    ),
    "fidelity_follow_up_agreed": (
        "Datum afgesproken om terug te kijken",
        "Date agreed to look back",
    ),
    "fidelity_follow_up_agreed_passed": (
        "Er is een datum afgesproken om samen terug te kijken: {date}.",
        "A date was agreed to look back together: {date}.",
    ),
    "fidelity_follow_up_agreed_failed": (
        "Er is geen datum om terug te kijken op het besluit. Spreek die samen af.",
        "There is no date to look back on the decision. Agree on one together.",
    ),
    "fidelity_decided_same_minute": (
        "Besloten zonder bedenktijd",
        "Decided without time to think",
    ),
    "fidelity_decided_same_minute_message": (
        (
            "Het besluit viel {within} nadat de opties waren voorgelegd. "
            "Geef de cliënt tijd om na te denken en af te wegen."
        ),
        (
            "The decision came {within} of presenting the options. "
            "Give the client time to think and to weigh the options."
        ),
    ),
    "fidelity_preferences_skipped": (
        "Voorkeuren overgeslagen",
        "Preferences skipped",
    ),
    "fidelity_preferences_skipped_message": (
        (
            "Het vastleggen van wat de cliënt belangrijk vindt is overgeslagen. "
            "Vraag altijd eerst wat de cliënt belangrijk vindt, ook als het snel moet."
        ),
        (
            "Recording what matters to the client was skipped. "
            "Always ask first what matters to the client, even in a hurry."
        ),
    ),
    "fidelity_professional_decided_against_wish": (
        "De professional besliste, tegen de wens van de cliënt",
        "The professional decided, against the client's wish",
    ),
    "fidelity_professional_decided_against_wish_message": (
        (
            "De cliënt wilde: {wish} Maar zo ging het: {decided} "
            "Beslis zoals de cliënt dat wil, of bespreek waarom het anders ging."
        ),
        (
            "The client wanted: {wish} But this is what happened: {decided} "
            "Decide the way the client wants, or talk about why it went differently."
        ),
    ),
    "fidelity_only_downsides": ("Alleen nadelen genoemd", "Only downsides given"),
    "fidelity_only_downsides_message": (
        (
            "Bij {options} staan alleen nadelen. Noem ook de voordelen: "
            "cliënten horen vaak alleen wat er niet kan."
        ),
        (
            "{options}: only downsides are recorded. Give the upsides too: "
            "clients often hear only what is not possible."
        ),
    ),
    "fidelity_only_upsides": ("Alleen voordelen genoemd", "Only upsides given"),
    "fidelity_only_upsides_message": (
        (
            "Bij {options} staan alleen voordelen. Noem ook de nadelen, "
            "zodat de cliënt eerlijk kan vergelijken."
        ),
        (
            "{options}: only upsides are recorded. Give the downsides too, "
            "so the client can compare fairly."
        ),
    ),
    "fidelity_deferred_without_date": (
        "Uitgesteld zonder datum",
        "Deferred without a date",
    ),
    "fidelity_deferred_without_date_message": (
        (
            "Het besluit is uitgesteld zonder af te spreken wanneer het gesprek verder gaat. "
            "Spreek samen een datum af."
        ),
        (
            "The decision was deferred without agreeing when the conversation goes on. "
            "Agree on a date together."
        ),
    ),
    "fidelity_not_evaluated": (
        "Niet teruggekeken op het besluit",
        "The decision was not evaluated",
    ),
    "fidelity_not_evaluated_message": (
        (
            "De datum om terug te kijken ({date}) is voorbij, maar er staat geen evaluatie. "
            "Plan een gesprek om samen terug te kijken op het besluit."
        ),
        (
            "The date to look back ({date}) has passed, but no evaluation is recorded. "
            "Plan a conversation to look back on the decision together."
        ),
    ),
}
"""Message key to (Dutch, English); placeholders in braces, like the main catalogue."""
