"""Two views of the site from one source: the instructor view (the default build) shows instructor notes, the
instructor guide and the notebooks' answers under a banner that names the view; the learner view
(COURSE_SITE_VIEW=learner) leaves them out of every page, every download and the search index, and keeps
everything else."""
from __future__ import annotations

import functools
import html
import importlib.util
import json
import re
from pathlib import Path

import pytest

from tests.test_site import (ROOT, build_site, built, built_nav, internal_links,  # noqa: F401 - `built` is a fixture
                             published_units, search_entries)

pytestmark = pytest.mark.timeout(300)

GUIDE = "instructor-guide"  # site/instructor-guide.md, published at instructor-guide/
NOTES = "Instructor notes"
TIMING = re.compile(r"\bTiming\s*[.:]")  # the opening of a timing note: "Timing." or "Timing:"
BANNER = "Instructor view."
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


@pytest.fixture(scope="session")
def learner(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory, "learner")


def pages(site: Path) -> dict[str, Path]:
    return {page.relative_to(site).as_posix(): page for page in site.rglob("*.html")}


NOT_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")


@functools.cache
def text(page: Path) -> str:
    """What a reader sees of the page, whitespace collapsed: BeautifulSoup's get_text(" ") (the same string on
    every page of the site), twenty times faster, which matters for a few hundred pages."""
    source = NOT_TEXT.sub(" ", page.read_text(encoding="utf-8"))
    return " ".join(html.unescape(" ".join(TAG.split(source))).split())


def notebooks() -> list[str]:
    return [path for path in published_units() if path.endswith(".ipynb")]


def cell_sources(notebook_json: str) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(notebook_json)["cells"]]


@functools.cache
def given_text() -> str:
    """What every published page and notebook shows a learner (answers stubbed, as the student edition has it)."""
    from autograder.release import student_notebook

    parts = []
    for path in published_units():
        source = (ROOT / path).read_text(encoding="utf-8")
        parts += cell_sources(student_notebook(source)) if path.endswith(".ipynb") else [source]
    return " ".join(" ".join(parts).split())


@functools.cache
def answer_lines(notebook: str) -> tuple[str, ...]:
    """The code lines between a notebook's `### BEGIN SOLUTION` and `### END SOLUTION` markers that appear nowhere
    else a learner may look (a line such as `for attempt in range(attempts):` proves nothing)."""
    found, inside = [], False
    for line in "\n".join(cell_sources((ROOT / notebook).read_text(encoding="utf-8"))).splitlines():
        if line.strip().startswith("### BEGIN SOLUTION"):
            inside = True
        elif line.strip().startswith("### END SOLUTION"):
            inside = False
        elif inside and len(line.strip()) > 20 and " ".join(line.split()) not in given_text():
            found.append(" ".join(line.split()))
    return tuple(found)


def notebook_page(site: Path, notebook: str) -> Path:
    return site / notebook.removesuffix(".ipynb") / "index.html"


def load_hook():
    spec = importlib.util.spec_from_file_location("pull_units", ROOT / "site" / "hooks" / "pull_units.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_the_learner_view_has_every_page_but_the_instructor_guide(built, learner):
    assert (built / GUIDE / "index.html").is_file(), "the instructor view lost its instructor guide"
    assert set(pages(built)) - set(pages(learner)) == {f"{GUIDE}/index.html"}
    assert set(pages(learner)) <= set(pages(built))


def test_no_instructor_notes_or_timing_notes_in_the_learner_view(built, learner):
    shown = {name: text(page) for name, page in pages(built).items()}
    with_notes = [name for name, body in shown.items() if NOTES in body]
    assert with_notes, "the instructor view shows no instructor notes (have the lesson pages lost them?)"
    assert any(TIMING.search(shown[name]) for name in with_notes), "the instructor view shows no timing notes"
    leaked = [name for name, page in pages(learner).items() if NOTES in (body := text(page)) or TIMING.search(body)]
    assert not leaked, f"instructor or timing notes in the learner view: {leaked}"


def test_the_learner_view_neither_lists_nor_links_the_instructor_guide(built, learner):
    assert any(href.strip("/") == GUIDE for _, href in built_nav(built)[0]), "the instructor view's nav lost the guide"
    links, _ = built_nav(learner)
    assert not [label for label, href in links if GUIDE in href or "Instructor" in label], links
    linking = [name for name, page in pages(learner).items()
               if any(link.split("/")[0] == GUIDE for link in internal_links(page, learner))]
    assert not linking, f"learner pages that link to the instructor guide: {linking}"
    assert GUIDE not in (learner / "sitemap.xml").read_text(encoding="utf-8")
    assert not list(learner.rglob("instructor-guide*")), "the learner view publishes the instructor guide's files"


@pytest.mark.parametrize("notebook", [n for n in notebooks() if answer_lines(n)])
def test_notebook_answers_are_in_the_instructor_view_only(built, learner, notebook):
    answers = answer_lines(notebook)
    assert all(line in text(notebook_page(built, notebook)) for line in answers), "the instructor view lost answers"
    shown = text(notebook_page(learner, notebook))
    download = notebook_page(learner, notebook).parent / Path(notebook).name
    offered = " ".join(download.read_text(encoding="utf-8").split())
    for where, body in (("page", shown), ("download", offered)):
        assert not [line for line in answers if line in body], f"{notebook}: answers in the learner view's {where}"
        assert not [m for m in MARKERS if m in body], f"{notebook}: solution markers in the learner view's {where}"
    assert "NotImplementedError" in shown, f"{notebook}: the answers are not stubbed as nbgrader releases them"


def test_learner_notebooks_are_the_student_editions(learner):
    """The notebooks a learner downloads are the student edition's: answers stubbed, hidden tests removed."""
    from autograder.release import student_notebook

    for notebook in notebooks():
        download = notebook_page(learner, notebook).parent / Path(notebook).name
        assert download.read_text(encoding="utf-8") == student_notebook((ROOT / notebook).read_text(encoding="utf-8")), \
            f"{notebook}: the learner view offers something other than the student edition's notebook"


def test_no_marker_anywhere_in_the_learner_view(learner):
    leaked = [p.relative_to(learner).as_posix() for p in learner.rglob("*") if p.suffix in (".html", ".ipynb", ".json")
              and any(m in p.read_text(encoding="utf-8", errors="replace") for m in MARKERS)]
    assert not leaked, f"solution or hidden-test markers in the learner view: {leaked}"


def test_search_index_of_the_learner_view(built, learner):
    def index(site):
        entries = search_entries(site)
        return entries, " ".join(e["title"] + " " + e["text"] for e in entries)

    entries, words = index(built)
    assert any(e["location"].startswith(f"{GUIDE}/") for e in entries) and NOTES in words, \
        "the instructor view's search lost the guide or the notes"
    entries, words = index(learner)
    assert not [e["location"] for e in entries if e["location"].startswith(f"{GUIDE}/")]
    assert NOTES not in words and not TIMING.search(words) and not [m for m in MARKERS if m in words]
    answers = [line for notebook in notebooks() for line in answer_lines(notebook)]
    assert not [line for line in answers if line in " ".join(words.split())]


def test_only_the_instructor_view_has_the_banner(built, learner):
    missing = [name for name, page in pages(built).items() if BANNER not in page.read_text(encoding="utf-8")
               and not name.startswith("slides/")]  # the decks are slides, not site pages
    assert not missing, f"instructor view pages without the banner: {missing[:5]}"
    assert not [name for name, page in pages(learner).items() if BANNER in page.read_text(encoding="utf-8")]
    assert BANNER not in json.dumps(search_entries(built)), "the banner is indexed as if it were page content"


def test_an_unknown_view_fails_the_build(monkeypatch):
    """A misspelt COURSE_SITE_VIEW must stop the build, not quietly publish the instructor view."""
    from mkdocs.exceptions import PluginError

    hook = load_hook()
    monkeypatch.setenv("COURSE_SITE_VIEW", "learners")
    with pytest.raises(PluginError, match="learners"):
        hook.site_view()
    monkeypatch.setenv("COURSE_SITE_VIEW", "Learner")
    assert hook.site_view() == "learner"
    monkeypatch.delenv("COURSE_SITE_VIEW")
    assert hook.site_view() == "instructor"


def test_the_student_edition_builds_the_learner_view_by_default(monkeypatch, tmp_path):
    from autograder.release import NOTE

    hook = load_hook()
    monkeypatch.delenv("COURSE_SITE_VIEW", raising=False)
    monkeypatch.setattr(hook, "ROOT", tmp_path)
    assert hook.site_view() == "instructor"
    (tmp_path / NOTE).write_text("# Student edition\n")
    assert hook.site_view() == "learner"
