"""Templates that cannot take the host down: recursion, size, time, links out of the folder."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import samenbeslissen as sb
from samenbeslissen.errors import InputError, TemplateError

SOURCE = sb.demo_scenario()


def _renderer(folder: Path, templates: dict[str, str], **limits: object) -> sb.Renderer:
    for name, text in templates.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sb.Renderer(template_dirs=[folder], **limits)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "roept zichzelf"),
        ('{% include "_base/guide.md.j2" %}', "roept zichzelf"),
        ('{% extends "_base/guide.md.j2" %}', "roept zichzelf"),
        ('{{ "x" * 10**11 }}', "more than 5000000 items"),
        ("{{ [1] * 10**9 }}", "more than 5000000 items"),
        ("{{ 2 ** 99999999999 }}", "too large to compute"),
        ("{{ range(10**9)|list }}", "range() of more than"),
        ('{% for i in range(3000) %}{{ "x" * 4000 }}{% endfor %}', "characters of output"),
    ],
)
def test_a_template_that_would_exhaust_the_host_is_a_template_error(
    tmp_path: Path, template: str, words: str
) -> None:
    renderer = _renderer(tmp_path, {"_base/guide.md.j2": template})
    started = time.monotonic()

    with pytest.raises(TemplateError) as caught:
        renderer.render(SOURCE, "guide")

    assert words in str(caught.value)
    assert time.monotonic() - started < 5


LONG_LOOPS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    '{% for a in "x" * 100000 %}{% for b in "y" * 100000 %}{% endfor %}{% endfor %}',
    (
        "{% set ns = namespace(n=0) %}{% for a in range(99999) %}{% for b in range(99999) %}"
        "{% set ns.n = ns.n + 1 %}{% endfor %}{% endfor %}"
    ),
]

# A tracer (coverage, a debugger) keeps CPython from raising the watchdog's
# exception in the rendering thread, so the loops are run in a new process,
# as a host runs them.
_PROGRAM = """
import sys, time, pathlib, samenbeslissen as sb
folder = pathlib.Path(sys.argv[1])
renderer = sb.Renderer(template_dirs=[folder], time_limit=0.5)
started = time.monotonic()
try:
    renderer.render(sb.demo_scenario(), "guide")
except sb.TemplateError as error:
    print(round(time.monotonic() - started, 1), error.template, str(error))
for _ in range(200):  # the interruption never leaks into what comes next
    sb.render(sb.demo_scenario(), "next_step")
print("done")
"""


def _run_in_a_new_process(program: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("template", LONG_LOOPS)
def test_a_template_that_loops_too_long_is_stopped_at_the_time_limit(
    tmp_path: Path, template: str
) -> None:
    _renderer(tmp_path, {"_base/guide.md.j2": template})

    done = _run_in_a_new_process(_PROGRAM, tmp_path)

    seconds, name, message = done.stdout.splitlines()[0].split(" ", 2)
    assert float(seconds) < 2.5
    assert "_base/guide.md.j2" == name
    assert "duurde te lang (langer dan 0.5 s)" in message
    assert "done" == done.stdout.splitlines()[-1]
    assert "" == done.stderr


def test_a_range_loop_is_stopped_even_under_a_tracer(tmp_path: Path) -> None:
    renderer = _renderer(tmp_path, {"_base/guide.md.j2": LONG_LOOPS[0]}, time_limit=0.5)
    started = time.monotonic()

    with pytest.raises(TemplateError) as caught:
        renderer.render(SOURCE, "guide")

    assert "duurde te lang" in str(caught.value)
    assert time.monotonic() - started < 3


def test_a_slow_style_sheet_is_stopped_and_named(tmp_path: Path) -> None:
    renderer = _renderer(tmp_path, {"_base/_style.css.j2": LONG_LOOPS[0]}, time_limit=0.5)

    with pytest.raises(TemplateError) as caught:
        renderer.stylesheet()

    assert "duurde te lang" in str(caught.value)
    assert "_base/_style.css.j2" == caught.value.template


def test_renders_in_threads_beside_a_slow_one_are_not_interrupted(tmp_path: Path) -> None:
    slow = _renderer(
        tmp_path,
        {
            "_base/guide.md.j2": "{% for i in range(99999) %}{% for j in range(99999) %}"
            "{% endfor %}{% endfor %}"
        },
        time_limit=0.3,
    )
    failures: list[BaseException] = []

    def quick_renders() -> None:
        try:
            for _ in range(150):
                sb.Renderer(time_limit=0.3).render(SOURCE, "next_step")
        except BaseException as error:  # any escape is the failure we look for
            failures.append(error)

    threads = [threading.Thread(target=quick_renders) for _ in range(3)]
    for thread in threads:
        thread.start()
    with pytest.raises(TemplateError):
        slow.render(SOURCE, "guide")
    for thread in threads:
        thread.join()

    assert [] == failures


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_that_leads_out_of_the_template_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "geheim.txt"
    outside.write_text("wachtwoord", encoding="utf-8")
    folder = tmp_path / "sjablonen"
    (folder / "_base").mkdir(parents=True)
    (folder / "_base" / "guide.md.j2").symlink_to(outside)
    (folder / "_base" / "eigen.txt").write_text("eigen tekst", encoding="utf-8")
    (folder / "_base" / "summary.md.j2").symlink_to(folder / "_base" / "eigen.txt")
    renderer = sb.Renderer(template_dirs=[folder])

    with pytest.raises(TemplateError) as caught:
        renderer.render(SOURCE, "guide")

    assert "outside the folder" in str(caught.value)
    assert "wachtwoord" not in str(caught.value)
    assert "eigen tekst" == renderer.render(SOURCE, "summary")  # a link inside is fine


@pytest.mark.parametrize(
    ("limits", "field"),
    [
        ({"time_limit": 0}, "time_limit"),
        ({"time_limit": "5"}, "time_limit"),
        ({"max_output": 0}, "max_output"),
        ({"max_output": True}, "max_output"),
        ({"template_dirs": 5}, "template_dirs"),
        ({"template_dirs": [5]}, "template_dirs[0]"),
        ({"template_dirs": ["a\0b"]}, "template_dirs[0]"),
    ],
)
def test_bad_limits_and_folders_are_input_errors(limits: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        sb.Renderer(**limits)  # type: ignore[arg-type]
    assert field == caught.value.field


def test_the_built_in_documents_are_far_within_the_limits() -> None:
    renderer = sb.Renderer(time_limit=1, max_output=200_000)
    for document in ("guide", "next_step", "option_grid", "summary", "script"):
        assert renderer.render(SOURCE, document, "html")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_has_a_watchdog_of_its_own(tmp_path: Path) -> None:
    program = (
        "import os, sys, pathlib, samenbeslissen as sb\n"
        "folder = pathlib.Path(sys.argv[1])\n"
        "renderer = sb.Renderer(template_dirs=[folder], time_limit=0.3)\n"
        "def slow():\n"
        "    try:\n"
        "        renderer.render(sb.demo_scenario(), 'guide')\n"
        "    except sb.TemplateError:\n"
        "        return 'stopped'\n"
        "print('parent', slow(), flush=True)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    print('child', slow(), flush=True)\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
    )
    _renderer(tmp_path, {"_base/guide.md.j2": LONG_LOOPS[1]})

    done = _run_in_a_new_process(program, tmp_path)

    assert ["parent stopped", "child stopped"] == done.stdout.splitlines()
