"""Every text the library itself shows, in Dutch (default) and English."""

from __future__ import annotations

from typing import Any

from samenbeslissen.i18n.words import Words

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Due", "Words", "label", "text"]

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

# Labels: short names of steps, actions and roles, keyed by (kind, value).
_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("step", "inform"): ("Keuze", "Choice"),
    ("step", "options"): ("Opties", "Options"),
    ("step", "preferences"): ("Voorkeur", "Preferences"),
    ("step", "decide"): ("Beslissing", "Decision"),
    ("step", "deferred"): ("Uitgesteld", "Deferred"),
    ("step", "decided"): ("Besloten", "Decided"),
    ("step", "stopped"): ("Gestopt", "Stopped"),
    ("step", "evaluated"): ("Geëvalueerd", "Evaluated"),
    ("action", "inform"): (
        "vertellen dat de cliënt mag meebeslissen",
        "telling the client they may co-decide",
    ),
    ("action", "add_option"): ("een optie toevoegen", "adding an option"),
    ("action", "present_options"): ("de opties voorleggen", "presenting the options"),
    ("action", "weigh"): ("vastleggen wat de cliënt belangrijk vindt", "recording what matters"),
    ("action", "decide"): ("het besluit vastleggen", "recording the decision"),
    ("action", "defer"): ("het besluit uitstellen", "deferring the decision"),
    ("action", "resume"): ("het gesprek hervatten", "resuming the conversation"),
    ("action", "stop"): ("het gesprek stoppen", "stopping the conversation"),
    ("action", "evaluate"): ("het besluit evalueren", "evaluating the decision"),
    ("participant_role", "client"): ("cliënt", "client"),
    ("participant_role", "professional"): ("professional", "professional"),
    ("participant_role", "significant_other"): ("naaste", "significant other"),
    ("participant_role", "client_support"): ("cliëntondersteuner", "client support person"),
    ("participant_role", "interpreter"): ("tolk", "interpreter"),
    ("participant_role", "peer_expert"): ("ervaringsdeskundige", "peer expert"),
    ("remark_kind", "helped"): ("Dit hielp", "What helped"),
    ("remark_kind", "change"): ("Dit zou ik anders doen", "What I would change"),
    ("remark_kind", "other"): ("Verder", "Other"),
    ("action", "add_experience"): (
        "de ervaring van de cliënt vastleggen",
        "recording the client's experience",
    ),
    ("role_group", "active"): ("actief", "active"),
    ("role_group", "collaborative"): ("samen", "collaborative"),
    ("role_group", "passive"): ("afwachtend", "passive"),
    ("decision_role", "client_alone"): (
        "De cliënt beslist zelf.",
        "The client decides alone.",
    ),
    ("decision_role", "client_after_advice"): (
        "De cliënt beslist, na goed te luisteren naar de professional.",
        "The client decides, after weighing the professional's view.",
    ),
    ("decision_role", "shared"): (
        "Cliënt en professional beslissen samen.",
        "Client and professional decide together.",
    ),
    ("decision_role", "professional_after_input"): (
        "De professional beslist, na goed te luisteren naar de cliënt.",
        "The professional decides, after weighing the client's view.",
    ),
    ("decision_role", "professional_alone"): (
        "De professional beslist.",
        "The professional decides.",
    ),
}

# What is due in each step: the second half of a step-order message.
_DUE: dict[str, tuple[str, str]] = {
    "inform": (
        (
            "Vertel de cliënt eerst dat er iets te kiezen is, en dat de cliënt mag meebeslissen "
            "(stap 1)."
        ),
        "First tell the client there is a choice and that they may co-decide (step 1).",
    ),
    "options": (
        "Bespreek eerst de opties met hun voor- en nadelen en leg ze voor (stap 2).",
        "First discuss the options with their pros and cons and present them (step 2).",
    ),
    "preferences": (
        "Vraag eerst wat de cliënt belangrijk vindt en leg dat vast (stap 3).",
        "First ask what matters to the client and record it (step 3).",
    ),
    "decide": (
        "Neem eerst samen een besluit, of stel het besluit uit (stap 4).",
        "First make the decision together, or defer it (step 4).",
    ),
    "deferred": (
        "Het gesprek is uitgesteld. Hervat het gesprek eerst.",
        "The conversation is deferred. Resume it first.",
    ),
    "decided": (
        "Het besluit is al genomen. U kunt het besluit nog evalueren.",
        "The decision has been made. You can still evaluate it.",
    ),
    "stopped": (
        "Dit gesprek is gestopt. Begin zo nodig een nieuw gesprek.",
        "This conversation was stopped. Start a new one if needed.",
    ),
    "evaluated": (
        "Dit gesprek is afgerond. Begin zo nodig een nieuw gesprek.",
        "This conversation is finished. Start a new one if needed.",
    ),
}

_MESSAGES: dict[str, tuple[str, str]] = {
    # Step order and rules.
    "step_order": (
        "Dit kan nu niet: {action}. Het gesprek is bij '{step}'. {due}",
        "Not possible now: {action}. The conversation is at '{step}'. {due}",
    ),
    "rule_codecide": (
        (
            "Vertel de cliënt eerst dat de cliënt mag meebeslissen. "
            "Leg dat vast met may_codecide=True."
        ),
        "First tell the client that they may co-decide. Record it with may_codecide=True.",
    ),
    "rule_preferred_role": (
        "Vraag de cliënt hoe de cliënt wil beslissen, en leg die rol vast.",
        "Ask the client how they want to decide, and record that role.",
    ),
    "rule_min_options": (
        (
            "Leg minstens {minimum} opties voor. Aantal opties nu: {count}. "
            "'Niets veranderen' telt ook als optie."
        ),
        (
            "Present at least {minimum} options. Options now: {count}. "
            "'Keep things as they are' counts as an option too."
        ),
    ),
    "rule_status_quo": (
        "Neem ook de optie 'niets veranderen' of 'afwachten' op.",
        "Include the option to keep things as they are, or to wait and see.",
    ),
    "rule_pros_and_cons": (
        "Noem bij elke optie minstens één voordeel en één nadeel. Dat ontbreekt bij: {options}.",
        "Give at least one pro and one con for every option. Missing for: {options}.",
    ),
    "rule_preferences": (
        (
            "Leg eerst vast wat de cliënt belangrijk vindt, "
            "of leg uit waarom dat niet kan (skipped_reason)."
        ),
        (
            "First record what matters to the client, or say why that is not possible "
            "(skipped_reason)."
        ),
    ),
    "rule_rationale": (
        "Schrijf bij het besluit de reden op, in de woorden van de cliënt.",
        "Record the reason for the decision, in the client's words.",
    ),
    "rule_follow_up": (
        "Spreek een datum af om samen terug te kijken op het besluit (follow_up).",
        "Agree on a date to look back on the decision together (follow_up).",
    ),
    # Input.
    "expected_text": (
        "{field}: hier hoort tekst, maar het is {got}.",
        "{field}: expected text, got {got}.",
    ),
    "empty_text": ("{field}: dit mag niet leeg zijn.", "{field}: must not be empty."),
    "invalid_key": (
        (
            "{field}: '{value}' is geen geldige sleutel. "
            "Gebruik letters, cijfers, '_', '.' of '-', zonder spaties, hoogstens 64 tekens."
        ),
        (
            "{field}: '{value}' is not a valid key. Use letters, digits, '_', '.' or '-', "
            "no spaces, at most 64 characters."
        ),
    ),
    "expected_text_list": (
        "{field}: hier hoort een lijst met teksten, maar het is {got}.",
        "{field}: expected a list of strings, got {got}.",
    ),
    "expected_bool": (
        "{field}: hier hoort True of False, maar het is {got}.",
        "{field}: expected True or False, got {got}.",
    ),
    "expected_score": (
        "{field}: hier hoort een heel getal van {low} tot en met {high}, maar het is {got}.",
        "{field}: expected a whole number from {low} to {high}, got {got}.",
    ),
    "expected_date": (
        "{field}: hier hoort een datum, maar het is {got}.",
        "{field}: expected a date, got {got}.",
    ),
    "expected_choice": (
        "{field}: {got} kan niet. Kies uit: {allowed}.",
        "{field}: {got} is not allowed. Choose from: {allowed}.",
    ),
    "expected_type": ("{field}: hier hoort een {expected}.", "{field}: expected a {expected}."),
    "expected_mapping": (
        "{field}: hier hoort een tabel van sleutels en waarden, maar het is {got}.",
        "{field}: expected a mapping, got {got}.",
    ),
    "duplicate_key": (
        "{field}: de sleutel '{value}' komt al eerder voor.",
        "{field}: the key '{value}' is already used.",
    ),
    "duplicate_option": (
        "{field}: er is al een optie met de sleutel '{value}'.",
        "{field}: there is already an option with the key '{value}'.",
    ),
    "unknown_option": (
        "{field}: er is geen optie met de sleutel '{value}'. Bekend zijn: {known}.",
        "{field}: there is no option with the key '{value}'. Known: {known}.",
    ),
    "unknown_criterion": (
        "{field}: '{value}' staat niet bij wat de cliënt belangrijk vindt (importance).",
        "{field}: '{value}' is not among what matters to the client (importance).",
    ),
    "duplicate_rating": (
        "{field}: deze optie heeft al een score op dit punt.",
        "{field}: this option already has a score on this criterion.",
    ),
    "skipped_with_criteria": (
        (
            "{field}: geef een reden om over te slaan, óf leg vast wat de cliënt belangrijk vindt. "
            "Niet allebei."
        ),
        "{field}: give a reason to skip, or record what matters to the client. Not both.",
    ),
    "date_before": (
        "{field}: de datum {value} ligt vóór vandaag ({today}).",
        "{field}: the date {value} is before today ({today}).",
    ),
    "wrong_position": (
        "{field}: deze deelnemer heeft de rol '{got}', maar hier hoort de rol '{expected}'.",
        "{field}: this participant has the role '{got}', but the role here is '{expected}'.",
    ),
    "other_without_role": (
        (
            "{field}: geef aan wie deze deelnemer is, bijvoorbeeld "
            "role=ParticipantRole.CLIENT_SUPPORT."
        ),
        "{field}: say who this participant is, for example role=ParticipantRole.CLIENT_SUPPORT.",
    ),
    "actor_absent": (
        "{field}: niemand in dit gesprek heeft de rol '{value}'.",
        "{field}: nobody in this conversation has the role '{value}'.",
    ),
    "naive_time": (
        "{field}: de tijd heeft geen tijdzone. Gebruik een tijd met tijdzone.",
        "{field}: the time has no time zone. Use an aware datetime.",
    ),
    # Definition.
    "policy_flag": (
        "Beleid, {field}: hier hoort True of False, maar het is {got}.",
        "Policy, {field}: expected True or False, got {got}.",
    ),
    "policy_min_options": (
        "Beleid, {field}: hier hoort een heel getal van 1 tot en met 20, maar het is {got}.",
        "Policy, {field}: expected a whole number from 1 to 20, got {got}.",
    ),
    # Records.
    "record_json": (
        "Dit is geen leesbare JSON (regel {line}, kolom {column}): {detail}.",
        "This is not valid JSON (line {line}, column {column}): {detail}.",
    ),
    "record_missing": ("{field}: dit veld ontbreekt.", "{field}: this field is missing."),
    "record_unknown_field": (
        "{field}: dit veld is onbekend. Bekend zijn: {known}.",
        "{field}: this field is unknown. Known fields: {known}.",
    ),
    "record_type": (
        "{field}: hier hoort {expected}, maar het is {got}.",
        "{field}: expected {expected}, got {got}.",
    ),
    "record_datetime": (
        "{field}: '{value}' is geen tijd met tijdzone (ISO 8601).",
        "{field}: '{value}' is not an ISO 8601 time with a time zone.",
    ),
    "record_date": (
        "{field}: '{value}' is geen datum (JJJJ-MM-DD).",
        "{field}: '{value}' is not a date (YYYY-MM-DD).",
    ),
    "record_kind": (
        "{field}: dit is geen gespreksverslag van samenbeslissen (gevonden: {got}).",
        "{field}: this is not a samenbeslissen conversation record (found: {got}).",
    ),
    "record_version_future": (
        (
            "{field}: dit verslag heeft versie {got}. Deze versie van samenbeslissen kent "
            "versie {supported} en ouder. Werk samenbeslissen bij."
        ),
        (
            "{field}: this record has version {got}. This version of samenbeslissen reads "
            "version {supported} and older. Upgrade samenbeslissen."
        ),
    ),
    "record_version": (
        "{field}: versie {got} bestaat niet. Versies beginnen bij 1.",
        "{field}: version {got} does not exist. Versions start at 1.",
    ),
    "record_event_refused": (
        "{field}: deze gebeurtenis past niet in het gesprek. {reason}",
        "{field}: this event does not fit the conversation. {reason}",
    ),
    "record_from_step": (
        "{field}: de gebeurtenis begint bij '{got}', maar het gesprek was bij '{expected}'.",
        "{field}: the event starts at '{got}', but the conversation was at '{expected}'.",
    ),
    "record_to_step": (
        "{field}: de gebeurtenis eindigt bij '{got}', maar volgens het model bij '{expected}'.",
        "{field}: the event ends at '{got}', but the model leads to '{expected}'.",
    ),
    "record_time_order": (
        "{field}: deze gebeurtenis ({got}) is ouder dan de vorige ({previous}).",
        "{field}: this event ({got}) is older than the one before ({previous}).",
    ),
    "record_step_mismatch": (
        "{field}: het verslag zegt '{got}', maar de geschiedenis eindigt bij '{expected}'.",
        "{field}: the record says '{got}', but its history ends at '{expected}'.",
    ),
    "missing_pandas": (
        "Hiervoor is {package} nodig. Installeer het met: pip install 'samenbeslissen[{extra}]'",
        "This needs {package}. Install it with: pip install 'samenbeslissen[{extra}]'",
    ),
    "missing_graphviz": (
        (
            "Hiervoor is Graphviz nodig (het programma 'dot'). Installeer het, "
            "bijvoorbeeld met: apt-get install graphviz"
        ),
        (
            "This needs Graphviz (the 'dot' program). Install it, for example with: "
            "apt-get install graphviz"
        ),
    ),
    "graphviz_failed": (
        "Graphviz kon het diagram niet tekenen: {detail}",
        "Graphviz could not draw the diagram: {detail}",
    ),
    # Command line.
    "cli_valid": ("{path}: in orde.", "{path}: valid."),
    "cli_written": (
        "{path} is gemaakt. Vul het in en controleer het met: samenbeslissen validate {path}",
        "Wrote {path}. Fill it in and check it with: samenbeslissen validate {path}",
    ),
    "cli_exists": (
        "{path} bestaat al. Kies een andere naam, of gebruik --force om het te overschrijven.",
        "{path} already exists. Choose another name, or use --force to overwrite it.",
    ),
    "cli_cannot_read": ("{path} kan ik niet lezen: {reason}.", "Cannot read {path}: {reason}."),
    "cli_cannot_write": (
        "{path} kan ik niet schrijven: {reason}.",
        "Cannot write {path}: {reason}.",
    ),
    "cli_step_record": (
        "--step werkt alleen met een scenario. Een opgeslagen gesprek toont waar het is.",
        "--step works with a scenario only. A stored conversation shows where it is.",
    ),
    "record_json_line": (
        "{field}: deze regel is geen leesbare JSON (kolom {column}): {detail}.",
        "{field}: this line is not valid JSON (column {column}): {detail}.",
    ),
    "record_report": (
        "{field}: dit verslag heeft niet de vorm van een gespreksverslag ({detail}).",
        "{field}: this record does not have the shape of a conversation record ({detail}).",
    ),
    "record_file": (
        "{field}: dit bestand kan ik niet lezen: {reason}.",
        "{field}: cannot read: {reason}.",
    ),
    "unknown_language": (
        "{field}: taal '{value}' ken ik niet. Kies 'nl' of 'en'.",
        "{field}: unknown language '{value}'. Choose 'nl' or 'en'.",
    ),
}


# Messages of the scenario loader and of the renderer live beside this file,
# each in its own module, and join the catalogue here.
from samenbeslissen.i18n.messages_instruments import MESSAGES as _INSTRUMENTS  # noqa: E402
from samenbeslissen.i18n.messages_render import MESSAGES as _RENDER  # noqa: E402
from samenbeslissen.i18n.messages_scenario import MESSAGES as _SCENARIO  # noqa: E402

_MESSAGES.update(_SCENARIO)
_MESSAGES.update(_RENDER)
_MESSAGES.update(_INSTRUMENTS)


def _index(language: str) -> int:
    return 1 if language == "en" else 0


def label(kind: str, value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Return the short label of a step, action or role in ``language``."""
    return _LABELS[(kind, value)][_index(language)]


class Due:
    """What must happen in a step, as an instruction, rendered in the language asked for."""

    __slots__ = ("step",)

    def __init__(self, step: str) -> None:
        self.step = step

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The instruction in ``language``."""
        return _DUE[self.step][_index(language)]

    def __repr__(self) -> str:
        return f"Due({self.step!r})"


def _render_param(value: Any, language: str) -> Any:
    # Steps, actions and roles show their label; a nested error shows its message.
    for method in ("label", "message"):
        render = getattr(value, method, None)
        if callable(render):
            return render(language)
    return value


def text(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Return the message ``key`` in ``language``, filled in with ``params``."""
    template = _MESSAGES[key][_index(language)]
    return template.format(**{name: _render_param(p, language) for name, p in params.items()})
