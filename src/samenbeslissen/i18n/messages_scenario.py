"""Messages of the scenario loader, in Dutch and English (joined into _messages)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # The file as a whole; ``field`` is "" for these.
    "scenario_not_found": (
        "Dit bestand bestaat niet. Kijk of de naam en de map kloppen.",
        "This file does not exist. Check the name and the folder.",
    ),
    "scenario_unreadable": (
        "Dit bestand kan ik niet lezen: {detail}.",
        "Cannot read this file: {detail}.",
    ),
    "scenario_too_large": (
        (
            "Dit bestand is te groot voor een scenario. Het mag hoogstens {limit} zijn. "
            "Kijk of u het goede bestand kiest."
        ),
        (
            "This file is too large for a scenario. The limit is {limit}. "
            "Check that you chose the right file."
        ),
    ),
    "scenario_encoding": (
        "Dit bestand is geen UTF-8-tekst. Sla het op als UTF-8 en probeer het opnieuw.",
        "This file is not UTF-8 text. Save it as UTF-8 and try again.",
    ),
    "scenario_yaml": (
        (
            "Dit is geen geldige YAML. YAML meldt: {detail}. "
            "Kijk of het inspringen en de dubbele punten kloppen."
        ),
        "This is not valid YAML. YAML says: {detail}. Check the indentation and the colons.",
    ),
    "scenario_yaml_tab": (
        "Hier staat een tab. Spring in met spaties, niet met tabs.",
        "There is a tab here. Indent with spaces, not tabs.",
    ),
    "scenario_too_deep": (
        "Dit bestand is te diep genest. Een scenario heeft hoogstens een paar niveaus.",
        "This file is nested too deeply. A scenario has only a few levels.",
    ),
    "scenario_alias": (
        "Verwijzingen met * kunnen niet in een scenario. Schrijf de tekst voluit.",
        "References with * cannot be used in a scenario. Write the text out in full.",
    ),
    "scenario_tag": (
        "{field}: het label '{tag}' kan niet in een scenario. Laat het weg.",
        "{field}: the tag '{tag}' cannot be used in a scenario. Leave it out.",
    ),
    "scenario_complex_key": (
        "Hier staat een naam die geen gewone tekst is. Gebruik namen zoals 'title:'.",
        "This name is not plain text. Use names such as 'title:'.",
    ),
    "scenario_empty": (
        "Het scenario is leeg. Begin met een nieuw scenario: samenbeslissen new-scenario.",
        "The scenario is empty. Start from a new one: samenbeslissen new-scenario.",
    ),
    "scenario_not_mapping": (
        ("Een scenario bestaat uit velden, zoals 'title:' en 'question:'. Maar hier staat {got}."),
        "A scenario consists of fields, such as 'title:' and 'question:'. But this is {got}.",
    ),
    # Fields.
    "scenario_missing": (
        "{field}: dit veld ontbreekt. Vul het in.",
        "{field}: this field is missing.",
    ),
    "scenario_unknown_field": (
        "{field}: dit veld ken ik niet. Toegestaan zijn: {allowed}.",
        "{field}: unknown field. Allowed are: {allowed}.",
    ),
    "scenario_unknown_field_hint": (
        "{field}: dit veld ken ik niet. Bedoelt u '{suggestion}'? Toegestaan zijn: {allowed}.",
        "{field}: unknown field. Did you mean '{suggestion}'? Allowed are: {allowed}.",
    ),
    "scenario_duplicate_field": (
        "{field}: dit veld staat er twee keer. Het staat ook op regel {first}. Laat er één staan.",
        "{field}: this field appears twice. It is also on line {first}. Keep only one.",
    ),
    "scenario_key_not_text": (
        (
            "{field}: YAML leest de naam {value} als {got}. "
            'Zet de naam tussen aanhalingstekens: "{value}".'
        ),
        '{field}: YAML reads the name {value} as {got}. Put the name in quotes: "{value}".',
    ),
    "scenario_type": (
        "{field}: hier hoort {expected}, maar hier staat {got}.",
        "{field}: expected {expected}, found {got}.",
    ),
    "scenario_not_text": (
        (
            "{field}: hier hoort tekst, maar YAML leest {value} als {got}. "
            'Zet de tekst tussen aanhalingstekens: "{value}".'
        ),
        (
            "{field}: expected text, but YAML reads {value} as {got}. "
            'Put the text in quotes: "{value}".'
        ),
    ),
    "scenario_bool": (
        "{field}: hier hoort true of false, maar hier staat {got}.",
        "{field}: expected true or false, found {got}.",
    ),
    "scenario_min_options": (
        (
            "{field}: een scenario heeft minstens 2 opties. Nu zijn het er {count}. "
            "'Niets veranderen' of 'afwachten' telt ook als optie."
        ),
        (
            "{field}: a scenario needs at least 2 options. It has {count}. "
            "'Keep things as they are' or 'wait and see' counts as an option too."
        ),
    ),
    "scenario_unknown_criterion": (
        "{field}: '{value}' staat niet bij de criteria. Bekend zijn: {known}.",
        "{field}: '{value}' is not one of the criteria. Known: {known}.",
    ),
    "scenario_rating": (
        (
            "{field}: hier hoort een heel getal van 0 tot en met 5, "
            "of null als niemand het weet. Nu staat er {got}."
        ),
        "{field}: expected a whole number from 0 to 5, or null when nobody knows. Found {got}.",
    ),
    "scenario_speaker_absent": (
        (
            "{field}: '{value}' doet niet mee in dit scenario. Wie meedoen: {present}. "
            "Zet iemand met deze rol bij 'others'."
        ),
        (
            "{field}: '{value}' does not take part in this scenario. Taking part: {present}. "
            "Add someone with this role under 'others'."
        ),
    ),
}
"""Message key to (Dutch, English); placeholders in braces, like the main catalogue."""
