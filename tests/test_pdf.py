"""Tests of printing: documents as PDF through WeasyPrint, and the same pages in Chromium's print.

The page counts are the point: the option grid of the golden scenario fits
one A4 landscape page with two, three and four options, and the summary and
the guide start with more than their title on page 1. Chromium (the engine
of Chrome and Edge, with which trainers and clients print) is run as a
program; without it these tests are skipped on a developer's machine, and
fail in CI (``CI=true``), which installs it.
"""

from __future__ import annotations

import base64
import importlib.abc
import importlib.machinery
import io
import json
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import samenbeslissen as sb
from samenbeslissen.rendering import pdf as pdf_module
from samenbeslissen.scenarios import Scenario
from tests.strategies import ticking_clock
from tests.test_render import PIXEL, golden_source, household

pypdf = pytest.importorskip("pypdf")

IN_CI = os.environ.get("CI") == "true"
A4 = (595, 842)
"""A4 in PDF points (1/72 inch), rounded: portrait width and height."""


def needed(what: str, present: bool) -> None:
    """Skip a test whose tool is missing; in CI, where it is installed, fail instead."""
    if present:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing; CI installs it (see .ci/run)")
    pytest.skip(f"{what} is not installed")


def chromium() -> str | None:
    """The Chromium (or Chrome) program on this machine, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


# -- the pages of the golden scenario ------------------------------------------------------

_FOURTH = {
    "nl": (
        "Particuliere schoonmaker",
        "U zoekt zelf een schoonmaker en betaalt die zelf; de gemeente geeft geen geld.",
        ("U kiest zelf wie er komt.", "U kiest zelf de tijden."),
        ("U betaalt alles zelf.", "U moet zelf iemand zoeken."),
    ),
    "en": (
        "Private cleaner",
        "You find a cleaner yourself and pay them; the council gives no money.",
        ("You choose who comes.", "You choose the times."),
        ("You pay for everything.", "You have to find someone."),
    ),
}


def with_options(count: int, language: str = "nl") -> Scenario:
    """The golden scenario with 2, 3 (as it is) or 4 options, each scored on every criterion."""
    scenario = household(language)
    options, ratings = list(scenario.options), list(scenario.ratings)
    if count == 2:
        options = [o for o in options if o.key != "family"]
        ratings = [r for r in ratings if r.option != "family"]
    elif count == 4:
        title, description, pros, cons = _FOURTH[language]
        options.insert(
            2, sb.Option(key="private", title=title, description=description, pros=pros, cons=cons)
        )
        scores = {"myself": 4, "daughter": 5, "costs": 1}
        ratings += [sb.Rating(option="private", criterion=k, score=v) for k, v in scores.items()]
    return attrs.evolve(scenario, options=tuple(options), ratings=tuple(ratings))


def option_grid_html(count: int, language: str = "nl") -> str:
    decided = with_options(count, language).play(until=sb.Step.DECIDED, clock=ticking_clock())
    return sb.render(decided, "option_grid", "html")


def first_section(document: str, language: str = "nl") -> str:
    """The title of the document's first section, which page 1 must show under the title."""
    built = json.loads(sb.render(golden_source(document, language), document, "json"))
    return str(built["doc"]["sections"][0]["title"])


def pages(pdf: bytes) -> list[tuple[tuple[int, int], str]]:
    """Each page's size in points (width, height) and its text."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [
        (
            (round(float(page.mediabox.width)), round(float(page.mediabox.height))),
            page.extract_text(),
        )
        for page in reader.pages
    ]


def landscape_page(pdf: bytes) -> str:
    """The text of a PDF that must be exactly one A4 landscape page."""
    (size, text), *more = pages(pdf)
    assert [] == [s for s, _ in more], "one page, not more"
    assert (A4[1], A4[0]) == size
    return text


def assert_more_than_the_title_on_page_1(pdf: bytes, document: str) -> None:
    (size, text), *_ = pages(pdf)
    assert A4 == size
    assert first_section(document) in text


def weasyprint(html: str) -> bytes:
    return pdf_module.html_to_pdf(html)


@pytest.fixture
def chrome(tmp_path: Path) -> Callable[[str], bytes]:
    """Print an HTML page as Chrome's "Save as PDF" does, without header and footer."""
    program = chromium()
    needed("Chromium", program is not None)
    assert program is not None

    def print_to_pdf(html: str) -> bytes:
        page, out = tmp_path / "page.html", tmp_path / "page.pdf"
        page.write_text(html, encoding="utf-8")
        out.unlink(missing_ok=True)
        subprocess.run(
            [
                program, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={out}", page.as_uri(),
            ],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        return out.read_bytes()

    return print_to_pdf


def require_weasyprint() -> None:
    """Skip (fail in CI) when WeasyPrint or the Pango libraries it loads are missing."""
    try:
        pdf_module._import()
    except sb.OptionalDependencyError as missing:
        needed(missing.message("en"), False)


@pytest.fixture
def weasy() -> Callable[[str], bytes]:
    require_weasyprint()
    return weasyprint


# -- the option grid on one landscape page ------------------------------------------------


@pytest.mark.parametrize("count", [2, 3, 4])
@pytest.mark.parametrize("engine", ["weasy", "chrome"])
def test_the_option_grid_is_one_a4_landscape_page_for_up_to_four_options(
    engine: str, count: int, request: pytest.FixtureRequest
) -> None:
    print_to_pdf = request.getfixturevalue(engine)
    text = landscape_page(print_to_pdf(option_grid_html(count)))
    # All of it: the title, every option, the row to write in, the three questions.
    for expected in ("Keuzekaart", "Mijn eigen vraag", "De 3 goede vragen", "Wat betekent dat"):
        assert expected in text
    for option in with_options(count).options:
        assert option.title.split()[0] in text


@pytest.mark.parametrize("engine", ["weasy", "chrome"])
def test_the_english_option_grid_with_four_options_is_one_landscape_page_too(
    engine: str, request: pytest.FixtureRequest
) -> None:
    print_to_pdf = request.getfixturevalue(engine)
    assert "Choice card" in landscape_page(print_to_pdf(option_grid_html(4, "en")))


@pytest.mark.parametrize("document", ["summary", "guide"])
@pytest.mark.parametrize("engine", ["weasy", "chrome"])
def test_page_1_holds_more_than_the_title(
    engine: str, document: str, request: pytest.FixtureRequest
) -> None:
    print_to_pdf = request.getfixturevalue(engine)
    html = sb.render(golden_source(document, "nl"), document, "html")
    assert_more_than_the_title_on_page_1(print_to_pdf(html), document)


@pytest.mark.parametrize("engine", ["weasy", "chrome"])
def test_each_role_card_starts_a_printed_page_of_its_own(
    engine: str, request: pytest.FixtureRequest
) -> None:
    # The cards' sections have "page": true, which the layout writes as class sb-new-page.
    html = sb.render(household("nl"), "role_cards", "html")
    print_to_pdf = request.getfixturevalue(engine)
    cover, *cards = [text for _, text in pages(print_to_pdf(html))]
    assert "Rolkaarten" in cover
    assert "Elke speler krijgt alleen de eigen kaart" in cover, "more than the title"
    names = ["Mevrouw Bakker", "Sanne de Vries", "Linda", "Ahmed Yilmaz"]
    assert names == [card.removeprefix("Rolkaart: ").split(" (")[0] for card in cards]


def test_nothing_of_the_option_grid_sticks_out_on_the_right(
    weasy: Callable[[str], bytes],
) -> None:
    # A word longer than a column, as Dutch compounds can be, wraps inside its cell.
    long_word = "Huishoudelijkehulptoewijzingsbeschikkingsaanvraagformulier"
    scenario = with_options(4)
    options = tuple(
        attrs.evolve(o, title=f"{long_word}{n}") for n, o in enumerate(scenario.options)
    )
    scenario = attrs.evolve(scenario, options=options)
    html = sb.render(
        scenario.play(until=sb.Step.DECIDED, clock=ticking_clock()), "option_grid", "html"
    )
    import weasyprint as wp

    (page,) = wp.HTML(string=html).render().pages
    # WeasyPrint's own tests read the laid-out boxes this way; there is no public API for it.
    page_box = page._page_box
    right = page_box.content_box_x() + page_box.width
    edges = [edge for child in page_box.children for edge in _right_edges(child)]
    assert len(edges) > 100, "the boxes are seen"
    assert max(edges) <= right + 0.5
    (_, first_page), *_ = pages(weasy(html))
    assert long_word[:10] in first_page


def _right_edges(box: Any) -> list[float]:
    """The right edge of a laid-out box and of every box inside it, borders included."""
    edges = [box.border_box_x() + box.border_width()]
    for child in getattr(box, "children", ()):
        edges.extend(_right_edges(child))
    return edges


# -- render_pdf ------------------------------------------------------------------------------


def test_render_pdf_gives_the_same_pdf_for_the_same_input(weasy: Callable[[str], bytes]) -> None:
    source = golden_source("summary", "en")
    pdf = sb.render_pdf(source, "summary")
    assert pdf.startswith(b"%PDF-")
    assert pdf == sb.Renderer().render_pdf(source, "summary")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Summary of our conversation" == reader.metadata.title
    assert "Summary of our conversation" in reader.pages[0].extract_text()


def test_render_pdf_shows_pictures_but_reads_no_file_or_web_address(
    weasy: Callable[[str], bytes], tmp_path: Path
) -> None:
    picture = tmp_path / "hulp.png"
    picture.write_bytes(base64.b64decode(PIXEL.partition(",")[2]))
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "next_step.html.j2").write_text(
        f'<html><body><p>Plaatjes</p><img src="{PIXEL}" alt="mag">'
        f'<img src="{picture.as_uri()}" alt="bestand">'
        '<img src="http://127.0.0.1:9/x.png" alt="web">'
        "</body></html>",
        encoding="utf-8",
    )
    renderer = sb.Renderer(template_dirs=tmp_path)
    (page,) = pypdf.PdfReader(io.BytesIO(renderer.render_pdf(household("nl"), "next_step"))).pages
    assert 1 == len(page.images), "the data URI only"


def test_weasyprint_is_imported_only_when_a_pdf_is_made() -> None:
    program = (
        "import sys, samenbeslissen as sb\n"
        "sb.render(sb.demo_scenario(), 'option_grid', 'html')\n"
        "import samenbeslissen.rendering.pdf\n"
        "print('weasyprint' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert ("False\n", "") == (done.stdout, done.stderr)


def test_render_refuses_pdf_and_points_to_render_pdf() -> None:
    with pytest.raises(sb.InputError) as info:
        sb.render(household("nl"), "summary", "pdf")  # bytes, not text
    assert "format" == info.value.field
    assert "render_pdf()" in str(info.value)


def test_without_weasyprint_render_pdf_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert not pdf_module.available()
    with pytest.raises(sb.OptionalDependencyError) as info:
        sb.render_pdf(household("nl"), "summary")
    assert "WeasyPrint" == info.value.package
    assert "pip install 'samenbeslissen[pdf]'" in str(info.value)
    monkeypatch.setitem(sys.modules, "weasyprint", types.ModuleType("weasyprint"))
    assert not pdf_module.available(), "a module without a spec, as some tools leave behind"


class _NoPango(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds weasyprint, and fails to load it as WeasyPrint does without Pango."""

    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        return importlib.machinery.ModuleSpec(name, self) if name == "weasyprint" else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")


def test_without_pango_render_pdf_says_which_libraries_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with pytest.raises(sb.OptionalDependencyError) as info:
        sb.render_pdf(household("en"), "summary")
    assert "pango" == info.value.package
    message = info.value.message("en")
    assert "libpango-1.0-0" in message
    assert "cannot load library" in message
