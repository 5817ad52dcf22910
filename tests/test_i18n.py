"""The gettext catalogues: complete in every language, placeholders alike, compiled, extendable."""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import samenbeslissen as sb
from samenbeslissen import i18n

SRC = Path(sb.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
BUILT_IN = ("nl", "en")

# The functions and errors whose first argument is a catalogue key.
KEY_FIRST = (
    "text",
    "ntext",
    "Phrase",
    "SamenBeslissenError",
    "DefinitionError",
    "ActionNotAllowedError",
    "StepOrderError",
    "RuleViolationError",
    "NotEnoughOptionsError",
    "InputError",
    "RecordError",
    "ScenarioError",
    "ScoringError",
    "TemplateError",
    "OptionalDependencyError",
)


def catalogue(language: str) -> Catalog:
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=i18n.DOMAIN)


def messages(language: str) -> dict[str, tuple[str, ...]]:
    """Key to its text (one per plural form), the header left out."""
    found = {}
    for message in catalogue(language):
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        found[key] = tuple(texts)
    return found


def placeholders(texts: tuple[str, ...]) -> list[set[str]]:
    return [{name for name in PLACEHOLDER.findall(t) if name} for t in texts]


def test_the_built_in_languages_come_first() -> None:
    assert BUILT_IN == i18n.languages()[:2]


@pytest.mark.parametrize("language", BUILT_IN)
def test_every_message_has_a_translation(language: str) -> None:
    expected = set(messages("nl")) | set(messages("en"))
    found = messages(language)
    assert set() == expected - set(found), f"missing in {language}"
    assert [] == [key for key, texts in found.items() if not all(t.strip() for t in texts)]
    assert [] == [m.id for m in catalogue(language) if m.id and m.fuzzy]


CATALOGUES = sorted(path.name for path in i18n.LOCALE_DIR.iterdir() if path.is_dir())


@pytest.mark.parametrize("language", CATALOGUES)
def test_placeholders_are_the_same_in_every_language(language: str) -> None:
    english, found = messages("en"), messages(language)
    differ = {
        key: (placeholders(texts), placeholders(english[key]))
        for key, texts in found.items()
        if set().union(*placeholders(texts)) != set().union(*placeholders(english[key]))
    }
    assert {} == differ


def test_plural_messages_have_both_forms() -> None:
    for language in BUILT_IN:
        plural = {key: texts for key, texts in messages(language).items() if len(texts) > 1}
        assert plural, "the catalogue has plural messages"
        assert all(2 == len(texts) for texts in plural.values())


@pytest.mark.parametrize("language", BUILT_IN)
def test_the_compiled_catalogue_is_current(language: str) -> None:
    """The .mo shipped beside each .po was compiled from it (``pybabel compile``)."""
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with path.open("rb") as file:
        compiled = read_mo(file)

    def plain(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    def pairs(catalogue: Catalog) -> set[tuple[object, object]]:
        return {(plain(m.id), plain(m.string)) for m in catalogue if m.id}

    assert pairs(catalogue(language)) == pairs(compiled)


# Other callers that take a key, and the position of the key among their arguments.
KEY_AT = {"_refuse": 1, "_CommandError": 0, "_RefusedError": 0, "fail": 0, "_found": 0}


def key_position(call: ast.Call) -> int | None:
    """Where the key is among ``call``'s arguments, if the call takes one."""
    func = call.func
    name = (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )
    if isinstance(func, ast.Name) and name in KEY_FIRST:
        return 0
    return KEY_AT.get(name)


def literal_keys(call: ast.Call, position: int) -> Iterator[str]:
    """The key a call names: a string, or either string of ``"a" if c else "b"``."""
    given = call.args[position] if len(call.args) > position else None
    options = [given.body, given.orelse] if isinstance(given, ast.IfExp) else [given]
    for node in options:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def keys_in_python(folder: Path) -> Iterator[tuple[str, str]]:
    """Every literal key passed to a text function or an error, in the Python files of a folder."""
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (position := key_position(node)) is not None:
                yield from ((path.name, key) for key in literal_keys(node, position))


def keys_in_templates(folder: Path) -> Iterator[tuple[str, str]]:
    """Every literal key of ``_()``/``gettext()``/``ngettext()`` in the templates, by Babel."""
    method_map = [("**.j2", "jinja2")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n"}}
    for filename, _line, key, _comments, _context in extract_from_dir(
        folder, method_map, options_map=options
    ):
        yield filename, key[0] if isinstance(key, tuple) else key


def keys_in_code() -> Iterator[tuple[str, str]]:
    yield from keys_in_python(SRC)
    yield from keys_in_templates(SRC)


def test_every_key_in_the_code_is_in_the_catalogue() -> None:
    known = set(messages("nl"))
    found = list(keys_in_code())
    assert len(found) > 100, "the extractor sees the code"
    assert [] == [(name, key) for name, key in found if key not in known]


def test_the_key_check_sees_a_wrong_key(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('raise InputError("no_such_message", field="x")\n', encoding="utf-8")
    found = list(
        extract_from_dir(tmp_path, [("**.py", "python")], keywords=dict.fromkeys(KEY_FIRST))
    )
    assert ["no_such_message"] == [key for _file, _line, key, _c, _ctx in found]


def test_a_missing_key_is_an_error_not_a_silent_key() -> None:
    with pytest.raises(KeyError, match=re.escape("no message 'no.such.key'")):
        i18n.text("no.such.key", "en")


def test_plural_forms_follow_the_count() -> None:
    assert ["1 punt", "2 punten"] == [i18n.ntext("word.points", n, "nl") for n in (1, 2)]
    assert ["1 point", "0 points"] == [i18n.ntext("word.points", n, "en") for n in (1, 0)]


def test_parameters_show_in_the_message_language() -> None:
    message = i18n.text("step_order", "en", action=sb.Action.WEIGH, step=sb.Step.INFORM, due="")
    assert message.startswith("Not possible now: recording what matters. ")


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogues with one more language folder, as a translator adds it."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    folder = locale / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    german = Catalog(locale="de", domain=i18n.DOMAIN)
    german.add("step.inform", "Wahl")
    german.add("duplicate_option", "es gibt schon eine Option '%(value)s'.")
    german.add("empty_text", "%(feld)s darf nicht leer sein.")  # a translator's typo
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as file:
        write_mo(file, german)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.languages.cache_clear()
    i18n.translations.cache_clear()
    yield locale
    i18n.languages.cache_clear()
    i18n.translations.cache_clear()


@pytest.mark.usefixtures("german")
def test_a_language_is_one_folder_of_catalogues_and_no_code() -> None:
    assert "de" in i18n.languages()
    assert "Wahl" == sb.Step.INFORM.label("de")
    conv = sb.Conversation(
        "Welche Hilfe passt?",
        client=sb.Participant(name="Frau Jansen"),
        professional=sb.Participant(name="Sanne"),
        language="de",
        created_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.timezone.utc),
    )
    option = sb.Option(key="a", title="Hilfe", pros=("x",), cons=("y",))
    conv.add_option(option)
    with pytest.raises(sb.InputError) as caught:
        conv.add_option(option)
    # The place is in words the catalogue has not got in German yet: English, then.
    assert "Short name of the option: es gibt schon eine Option 'a'." == str(caught.value)
    assert "key: es gibt schon eine Option 'a'." == str(caught.value.problems[0])
    # What the new catalogue does not have yet comes from the English one,
    # and so does a text whose placeholder the translator mistyped.
    assert "Options" == sb.Step.OPTIONS.label("de")
    assert "must not be empty." == i18n.text("empty_text", "de", field="title")
    assert "de" == sb.Conversation.from_json(conv.to_json()).language
    with pytest.raises(sb.InputError) as missing:
        sb.starter_scenario("de")
    assert "voor taal 'de' is er nog geen startbestand. Kies uit: 'nl', 'en'." in str(missing.value)


def test_phrases_are_values() -> None:
    one, same, other = i18n.Phrase("word.item", number=4), i18n.Phrase("word.item", number=4), None
    assert one == same
    assert hash(one) == hash(same)
    assert one != i18n.Phrase("word.item", number=5)
    assert one != other
    assert "Phrase('word.item', number=4)" == repr(one)
    assert "Phrase('word.points', count=2)" == repr(i18n.Phrase("word.points", count=2))
    assert "2 points" == i18n.Phrase("word.points", count=2).label("en")


def test_joined_words_read_as_running_text() -> None:
    assert "" == i18n.Joined([]).label("nl")
    assert "a" == i18n.Joined(["a"]).label("nl")
    assert "a en b" == i18n.Joined(["a", "b"]).label("nl")
    assert "item 1 and the client" == i18n.Joined(
        [i18n.Phrase("word.item", number=1), sb.ParticipantRole.CLIENT]
    ).label("en").replace("client", "the client")
    assert i18n.Joined("ab") == i18n.Joined(["a", "b"])
    assert hash(i18n.Joined("ab")) == hash(i18n.Joined(("a", "b")))
    assert i18n.Joined("ab") != "a en b"
    assert "Joined(['a', 'b'])" == repr(i18n.Joined("ab"))


def test_dates_are_written_out_in_the_message_language() -> None:
    day = i18n.DateLabel(dt.date(2026, 3, 2))
    assert ("2 maart 2026", "2 March 2026") == (day.label("nl"), day.label("en"))
    assert day == i18n.DateLabel(dt.date(2026, 3, 2))
    assert hash(day) == hash(i18n.DateLabel(dt.date(2026, 3, 2)))
    assert day != dt.date(2026, 3, 2)
    assert "DateLabel(datetime.date(2026, 3, 2))" == repr(day)


def test_an_unknown_language_gets_the_default_catalogue() -> None:
    assert i18n.translations("xx") is i18n.translations(i18n.DEFAULT_LANGUAGE)


def test_counts_in_messages_take_their_plural_form() -> None:
    conv = sb.Conversation(
        "Welke hulp past bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        policy=sb.Policy(min_options=1),
    )
    conv.inform(may_codecide=True)
    with pytest.raises(sb.NotEnoughOptionsError) as caught:
        conv.present_options()
    assert str(caught.value).startswith("Leg minstens 1 optie voor.")
    assert caught.value.message("en").startswith("Present at least 1 option.")
    one = sb.instruments.collaborate_group([[9, 9, 9]]).interpretation("en")
    assert "there is 1 complete questionnaire," in one
