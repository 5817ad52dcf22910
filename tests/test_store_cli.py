"""Tests of `samenbeslissen store`, typed as a user would: mistakes give no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import samenbeslissen as sb
from samenbeslissen.store import Store
from tests.strategies import at
from tests.test_cli import run


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    for name in ("SAMENBESLISSEN_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return "sqlite:///samenbeslissen.db"


def stored(url: str, *convs: sb.Conversation) -> None:
    store = Store(url)
    for conv in convs:
        store.add(conv)
    store.engine.dispose()


def test_upgrade_makes_the_default_database_in_the_current_folder(url: str) -> None:
    assert (0, "De tabellen in sqlite:///samenbeslissen.db zijn klaar.\n", "") == run(
        "store", "upgrade"
    )
    assert Path("samenbeslissen.db").exists()
    assert 0 == run("store", "upgrade", url)[0]  # again: nothing to do


def test_list_show_export_and_delete(url: str) -> None:
    run("store", "upgrade")
    decided, open_ = at(sb.Step.DECIDED), at(sb.Step.OPTIONS)
    stored(url, decided, open_)
    status, out, err = run("store", "list", "--language", "en")
    lines = out.splitlines()
    assert (0, "") == (status, err)
    assert "id\tstep\trevision\tlast action\tfollow-up" == lines[0]
    assert {f"{decided.id}\tDecided\t6", f"{open_.id}\tOptions\t3"} == {
        line.rsplit("\t", 2)[0] for line in lines[1:]
    }
    status, out, _ = run("store", "show", decided.id)
    assert decided == sb.Conversation.from_dict(json.loads(out))
    assert (0, "2 gesprekken geschreven naar uit.jsonl.\n", "") == run(
        "store", "export", "uit.jsonl"
    )
    assert 2 == len(list(sb.read_records("uit.jsonl")))
    status, out, _ = run("store", "export", "-")
    assert 2 == len(out.splitlines())
    status, out, _ = run("store", "delete", decided.id, url)
    assert f"Het gesprek {decided.id} is gewist, met alle acties erin.\n" == out
    assert [open_.id] == [line.split("\t")[0] for line in run("store", "list")[1].splitlines()[1:]]


def test_an_empty_store_says_so(url: str) -> None:
    run("store", "upgrade")
    assert (
        "There are no conversations in sqlite:///samenbeslissen.db yet.\n"
        == run("-l", "en", "store", "list")[1]
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["store", "show", "nope"], "Er is geen gesprek met id nope."),
        (["store", "delete", "nope"], "Er is geen gesprek met id nope."),
        (["store", "list"], "staan nog geen tabellen voor gesprekken. Maak ze met:"),
        (["store", "list", "onzin"], "Dit adres van een database klopt niet: onzin."),
        (["store", "upgrade", "sqlite:////nergens/x.db"], "is niet te bereiken"),
        (["store", "export", "/nergens/uit.jsonl"], "/nergens/uit.jsonl"),
    ],
)
def test_a_mistake_is_a_message_and_status_2(url: str, argv: list[str], said: str) -> None:
    if argv[1] in ("show", "delete", "export"):
        run("store", "upgrade")
    status, out, err = run(*argv)
    assert (2, "") == (status, out)
    assert err.startswith("samenbeslissen: ")
    assert said in err
    assert "Traceback" not in err


def test_a_password_in_the_url_is_never_shown(url: str) -> None:
    status, _, err = run("store", "list", "postgresql+psycopg://jan:geheim@127.0.0.1:1/x")
    assert 2 == status
    assert "geheim" not in err
    assert "***" in err
