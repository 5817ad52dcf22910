"""Messages of the renderer and its templates, in Dutch and English (joined into _messages)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "render_source": (
        "{field}: alleen een Conversation of een Scenario kan een document worden, niet {got}.",
        "{field}: only a Conversation or a Scenario can become a document, not {got}.",
    ),
    "template_dir_missing": (
        "{field}: de map '{value}' bestaat niet.",
        "{field}: the folder '{value}' does not exist.",
    ),
    "template_undefined": (
        "Sjabloon {where}: het sjabloon gebruikt iets dat niet bestaat ({detail}).",
        "Template {where}: the template uses something that does not exist ({detail}).",
    ),
    "template_unsafe": (
        "Sjabloon {where}: dit mag niet in een sjabloon ({detail}).",
        "Template {where}: a template may not do this ({detail}).",
    ),
    "template_syntax": (
        "Sjabloon {where}: het sjabloon is niet goed opgebouwd ({detail}).",
        "Template {where}: the template has a syntax error ({detail}).",
    ),
    "template_not_found": (
        "Sjabloon {where}: het sjabloon '{name}' bestaat niet.",
        "Template {where}: the template '{name}' does not exist.",
    ),
    "template_failed": (
        "Sjabloon {where}: het sjabloon liep vast ({detail}).",
        "Template {where}: the template failed ({detail}).",
    ),
}
"""Message key to (Dutch, English); placeholders in braces, like the main catalogue."""

WHERE: dict[str, tuple[str, str]] = {
    "line": ("{template}, regel {line}", "{template}, line {line}"),
    "no_line": ("{template}", "{template}"),
}
"""Where in a template an error is: the ``{where}`` of the messages above."""

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
"""Month names for dates in documents ("2 maart 2026", "2 March 2026")."""

AND: dict[str, str] = {"nl": "en", "en": "and"}
"""The word that joins the last two items of a list in running text ("A, B en C")."""
