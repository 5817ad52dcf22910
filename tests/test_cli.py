"""Tests of the command line, typed as a user would: good runs, and mistakes without tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import samenbeslissen as sb
from samenbeslissen.cli.commands import main
from tests.strategies import council_conversation

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def dutch_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SAMENBESLISSEN_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_demo_shows_the_guide_of_the_built_in_example() -> None:
    status, out, err = run("demo")
    assert (0, "") == (status, err)
    assert out.startswith("# Gespreksleidraad Samen Beslissen")
    assert sb.demo_scenario().client.name in out


def test_demo_can_show_other_documents_formats_and_steps(tmp_path: Path) -> None:
    target = tmp_path / "script.html"
    status, out, _ = run("demo", "-d", "script", "-f", "html", "-l", "en", "-o", str(target))
    assert (0, "") == (status, out)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    status, out, _ = run("demo", "-d", "summary", "--step", "decided", "--fragment", "-f", "html")
    assert 0 == status
    assert "<html" not in out


def test_render_a_scenario_file_as_a_script(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    status, _, err = run(
        "render", str(EXAMPLES / "jeugdhulp-keuze.yaml"), "--document", "script",
        "--format", "html", "--language", "nl", "-o", str(target),
    )  # fmt: skip
    assert (0, "") == (status, err)
    assert '<html lang="nl">' in target.read_text(encoding="utf-8")


def test_render_a_stored_conversation(tmp_path: Path) -> None:
    record = tmp_path / "gesprek.json"
    conv = sb.load_scenario(EXAMPLES / "wmo-huishoudelijke-hulp.yaml").play(until=sb.Step.DECIDE)
    record.write_text(conv.to_json(), encoding="utf-8")
    status, out, _ = run("render", str(record), "-d", "next_step")
    assert 0 == status
    assert "Stap 4" in out
    status, _, err = run("render", str(record), "--step", "decided")
    assert 2 == status
    assert "--step werkt alleen met een scenario" in err


def test_validate_reports_each_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    status, out, err = run(
        "validate", str(EXAMPLES / "reintegratie-participatiewet.yaml"), str(broken)
    )
    assert 2 == status
    assert "reintegratie-participatiewet.yaml: in orde." in out
    assert f"{broken}:2:" in err
    status, out, _ = run("validate", "-l", "en", *map(str, sorted(EXAMPLES.glob("*.yaml"))))
    assert 0 == status
    assert 3 == out.count(": valid.")


def test_new_scenario_writes_a_starter_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "nieuw.yaml"
    status, out, _ = run("new-scenario", str(target))
    assert 0 == status
    assert "samenbeslissen validate" in out
    assert (0, "") == run("validate", str(target))[::2]
    target.write_text("mijn werk", encoding="utf-8")
    status, _, err = run("new-scenario", str(target))
    assert 2 == status
    assert "bestaat al" in err
    assert "mijn werk" == target.read_text(encoding="utf-8")
    assert 0 == run("new-scenario", str(target), "--force", "-l", "en")[0]
    assert target.read_text(encoding="utf-8").startswith("# New Samen Beslissen")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "bestaat-niet.yaml"], "bestaat niet"),
        (["render", "bestaat-niet.json"], "kan ik niet lezen"),
        (["demo", "-o", "/bestaat/niet/uit.md"], "kan ik niet schrijven"),
        (["demo", "--template-dir", "/bestaat/niet"], "bestaat niet"),
    ],
)
def test_a_users_mistake_gets_a_message_and_status_2(argv: list[str], message: str) -> None:
    status, _, err = run(*argv)
    assert 2 == status
    assert message in err
    assert "Traceback" not in err


def test_a_broken_record_or_template_gets_a_message(tmp_path: Path) -> None:
    record = tmp_path / "kapot.json"
    record.write_text('{"schema_version": 1', encoding="utf-8")
    assert "geen leesbare JSON" in run("render", str(record))[2]
    folder = tmp_path / "sjablonen" / "nl"
    folder.mkdir(parents=True)
    (folder / "guide.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    status, _, err = run("demo", "--template-dir", str(folder.parent))
    assert 2 == status
    assert "Sjabloon nl/guide.md.j2, regel 1" in err


def test_messages_follow_the_language_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "does not exist" in run("render", "bestaat-niet.yaml")[2]


def test_python_m_runs_the_command_line_and_shows_no_traceback_for_mistakes() -> None:
    env = {**os.environ, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "samenbeslissen", "render", "bestaat-niet.yaml"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert 2 == done.returncode
    assert "Traceback" not in done.stderr
    assert "bestaat-niet.yaml" in done.stderr
    version = subprocess.run(
        [sys.executable, "-m", "samenbeslissen", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sb.__version__ in version.stdout


@pytest.mark.parametrize("command", ["demo", "render", "validate", "new-scenario"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert 0 == info.value.code
    assert "usage: samenbeslissen" in capsys.readouterr().out


def test_report_bundles_records_into_a_page_named_by_its_extension(tmp_path: Path) -> None:
    records = tmp_path / "gesprekken.jsonl"
    records.write_text(
        "".join(council_conversation(sdm=4).to_json() + "\n" for _ in range(6)), encoding="utf-8"
    )
    page = tmp_path / "rapport.html"
    assert (0, "", "") == run("report", str(records), "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Fatima" not in html
    status, out, _ = run("report", str(records), "--format", "csv", "--threshold", "7")
    assert 0 == status
    assert "total,conversations,x" in out
    target = tmp_path / "rapport.json"
    assert 0 == run("report", str(records), "-o", str(target))[0]
    assert 6 == json.loads(target.read_text(encoding="utf-8"))["total"]


def test_report_names_the_bad_line(tmp_path: Path) -> None:
    records = tmp_path / "kapot.jsonl"
    records.write_text("{kapot\n", encoding="utf-8")
    status, _, err = run("report", str(records))
    assert 2 == status
    assert f"{records}:1: deze regel is geen leesbare JSON" in err


def test_report_says_when_deduce_prepares_its_lists_and_when_remarks_are_withheld(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samenbeslissen.analysis import deidentify

    records = tmp_path / "gesprekken.jsonl"
    lines = (council_conversation(remark="Fijn.").to_json() + "\n" for _ in range(5))
    records.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(deidentify, "prepared", lambda: False)
    status, _, err = run("report", str(records))
    assert 0 == status
    assert "voor de eerste keer klaargezet" in err
    monkeypatch.setattr(deidentify, "available", lambda: False)
    status, out, err = run("report", str(records), "-l", "en")
    assert 0 == status
    assert "samenbeslissen[deidentify]" in err
    assert "Traceback" not in err
    assert "Fijn." not in out
    assert "Clients' remarks are not in this report." in " ".join(out.split())


def test_report_rounds_counts_on_request(tmp_path: Path) -> None:
    records = tmp_path / "gesprekken.jsonl"
    records.write_text(
        "".join(council_conversation().to_json() + "\n" for _ in range(7)), encoding="utf-8"
    )
    status, out, _ = run("report", str(records), "-f", "csv", "--round-to", "5")
    assert 0 == status
    assert "total,conversations,5" in out
    status, _, err = run("report", str(records), "--round-to", "0")
    assert 2 == status
    assert "round_to" in err
