"""The course website builds with --strict, every internal link and anchor on it resolves, every page is reachable
from the nav under its own title, and search finds lessons rather than notebook code."""
from __future__ import annotations

import fcntl
import html
import importlib.util
import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("material", reason="mkdocs-material is not installed (run `make setup`)")
pytest.importorskip("mkdocs_jupyter", reason="mkdocs-jupyter is not installed (run `make setup`)")
pytest.importorskip("htmlproofer", reason="mkdocs-htmlproofer-plugin is not installed (run `make setup`)")
from bs4 import BeautifulSoup  # noqa: E402 - installed with mkdocs-material
from mkdocs.utils.yaml import yaml_load  # noqa: E402

pytestmark = pytest.mark.timeout(300)  # one build serves every site test; on a busy machine it takes a minute

ROOT = Path(__file__).resolve().parents[1]
LAB05 = ROOT / "labs" / "lab05-multi-agent" / "README.md"
HREF = re.compile(r'\shref="([^"]*)"')
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_CHECK_LINKS": "true"}  # the link check is on here


def published_units() -> list[str]:
    """What the site's hook pulls in from days/, labs/ and capstone-options/ (same code, not a copy of it)."""
    spec = importlib.util.spec_from_file_location("pull_units", ROOT / "site" / "hooks" / "pull_units.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook.unit_pages()


def mkdocs_build(config: Path, out: Path, view: str = "instructor") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                          cwd=config.parent, env={**BUILD_ENV, "COURSE_SITE_VIEW": view},
                          capture_output=True, text=True, timeout=280)


def build_site(tmp_path_factory, view: str = "instructor") -> Path:
    """One view of the site (COURSE_SITE_VIEW), built once per test run: under xdist the first worker builds it
    and the others wait for it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by this run's workers, and by no other run
    name = "site" if view == "instructor" else f"site-{view}"
    out, log = root / name, root / f"{name}-build.log"
    with open(root / f"{name}-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            run = mkdocs_build(ROOT / "mkdocs.yml", out, view)
            log.write_text(f"{run.returncode}\n{run.stderr}")
    code, _, stderr = log.read_text().partition("\n")
    problems = "\n".join(line for line in stderr.splitlines() if not line.startswith("INFO")) or stderr[-4000:]
    assert code == "0", f"the {view} view's mkdocs build --strict (with the link check) failed:\n{problems[-6000:]}"
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The instructor view (the default build), shared by every site test."""
    return build_site(tmp_path_factory)


def url_of(source: str) -> str:
    """The site URL MkDocs gives a page source (use_directory_urls): README.md and index.md name their folder."""
    stem = posixpath.splitext(source)[0]
    if posixpath.basename(stem) in ("README", "index"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def page_url(built: Path, page: Path) -> str:
    return url_of(page.relative_to(built).as_posix())


def nav_entries(node, sections=()) -> list[tuple[tuple[str, ...], str | None, str]]:
    """(sections, title, source) for every page in mkdocs.yml's nav."""
    entries = []
    for item in node:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            entries += nav_entries(value, (*sections, title))
        else:
            entries.append((sections, title, value))
    return entries


def built_nav(built: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The rendered nav, as the reader sees it: (label, url) of each link, and the label of each section."""
    soup = BeautifulSoup((built / "404.html").read_text(encoding="utf-8"), "html.parser")  # no page's own TOC
    nav = soup.select_one("nav.md-nav--primary")
    links = [(a.get_text(" ", strip=True), a["href"].lstrip("/").removeprefix("."))
             for a in nav.select("a.md-nav__link")]
    sections = [label.get_text(" ", strip=True) for label in nav.select("label.md-nav__link")]
    return links, sections


def internal_links(page: Path, built: Path) -> set[str]:
    """The site URLs a built page links to (fragments and queries dropped)."""
    found = set()
    base = posixpath.dirname(page.relative_to(built).as_posix())
    for href in HREF.findall(page.read_text(encoding="utf-8")):
        path = html.unescape(href).split("#")[0].split("?")[0]
        if path and ":" not in path and not path.startswith("/"):
            found.add(posixpath.normpath(posixpath.join(base, path)).removeprefix(".").strip("/"))
    return found


@pytest.mark.parametrize("page", ["index.html", "setup/index.html", "schedule/index.html",
                                  "instructor-guide/index.html", "glossary/index.html",
                                  "days/day5-production/index.html"])
def test_page_is_built(built, page):
    html_text = (built / page).read_text(encoding="utf-8")
    assert "<article" in html_text, f"{page} has no article body"


def test_lab05_page_is_built(built):
    if not LAB05.exists():
        pytest.skip("labs/lab05-multi-agent/README.md does not exist yet, so there is no Lab 05 page to build")
    html_text = (built / "labs" / "lab05-multi-agent" / "index.html").read_text(encoding="utf-8")
    assert "<article" in html_text


def test_notebooks_are_rendered(built):
    notebooks = [path for path in published_units() if path.endswith(".ipynb")]
    if not notebooks:
        pytest.skip("no notebook under days/ or labs/ yet")
    for notebook in notebooks:
        page = built / notebook.removesuffix(".ipynb") / "index.html"
        assert page.exists(), f"{notebook} was not rendered to {page.relative_to(built)}"
        assert "jupyter-wrapper" in page.read_text(encoding="utf-8"), f"{notebook} was not rendered as a notebook"
        assert (page.parent / Path(notebook).name).exists(), f"{notebook} is not offered for download"


def test_every_nav_entry_is_a_link_under_its_own_title(built):
    """A page must not disappear behind its section's title (what navigation.indexes does to a README.md that
    comes first in a section), nor show a title other than the one mkdocs.yml gives it."""
    links, _ = built_nav(built)
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    missing = []
    for sections, title, source in nav_entries(config["nav"]):
        url = url_of(source)
        shown = [label for label, href in links if href.strip("/") == url.strip("/")]
        if not shown or (title is not None and title not in shown):
            missing.append(f"{' > '.join(filter(None, sections))} > {title or source} ({url or '/'}): shown as {shown}")
    assert not missing, "nav entries without a link of their own:\n" + "\n".join(missing)


def test_every_built_page_is_reachable_from_the_nav(built):
    links, _ = built_nav(built)
    pages = {page_url(built, page).strip("/") for page in built.rglob("index.html")}
    reached, queue = set(), [href.strip("/") for _, href in links]
    while queue:
        url = queue.pop()
        if url in reached or url not in pages:
            continue
        reached.add(url)
        queue += internal_links(built / url / "index.html", built)
    assert pages <= reached, f"pages no link leads to from the nav: {sorted(pages - reached)}"


def test_each_lab_is_listed_once(built):
    labs = sorted(ROOT.glob("labs/*/README.md"))
    if not labs:
        pytest.skip("no lab yet")
    links, sections = built_nav(built)
    labels = [label for label, _ in links] + sections
    for readme in labs:
        url = url_of(readme.relative_to(ROOT).as_posix()).strip("/")
        title = re.search(r"^# (.+)$", readme.read_text(encoding="utf-8"), re.MULTILINE).group(1).strip()
        assert [href.strip("/") for _, href in links].count(url) == 1, f"{url} is not in the nav exactly once"
        assert labels.count(title) <= 1, f"the nav shows {title!r} {labels.count(title)} times"


def link_check_config() -> dict:
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return next(plugin["htmlproofer"] for plugin in config["plugins"]
                if isinstance(plugin, dict) and "htmlproofer" in plugin)


def test_the_link_check_is_off_unless_asked_for(monkeypatch):
    """Off by default, so `mkdocs serve` stays fast (it doubles the build time); the tests set SITE_CHECK_LINKS."""
    monkeypatch.delenv("SITE_CHECK_LINKS", raising=False)
    assert link_check_config()["enabled"] is False
    assert "enabled: !ENV [SITE_CHECK_LINKS, false]" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_dead_link_fails_the_checked_build(tmp_path):
    """mkdocs.yml's link check, as configured, fails a build with a dead page link, a dead anchor on the same page
    and one on another page (MkDocs' own link validation is turned down to info here, so only the check can fail)."""
    proofer = {**link_check_config(), "enabled": True}
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[gone](gone.md) [here](#nowhere) [there](other.md#nowhere)\n")
    (docs / "other.md").write_text("# Other\n\n## Somewhere\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(json.dumps({"site_name": "t", "theme": {"name": "material", "font": False},
                                  "validation": {"links": {"not_found": "info", "anchors": "info"}},
                                  "plugins": [{"htmlproofer": proofer}]}))
    run = mkdocs_build(config, tmp_path / "out")
    assert run.returncode != 0, "the link check let a dead link through"
    for dead in ("gone.md", "#nowhere", "other/#nowhere"):  # as rendered: MkDocs turned other.md into other/
        assert f"invalid url - {dead} " in run.stderr, f"the link check did not report {dead}:\n{run.stderr[-3000:]}"


def test_no_link_points_at_a_source_file(built):
    """A rendered page links to pages, never to their Markdown source: the link check cannot see this one, since it
    accepts a source path as the page it builds, while the browser finds nothing there."""
    offenders = [f"{page.relative_to(built)} -> {link}" for page in built.rglob("*.html")
                 for link in internal_links(page, built) if link.endswith(".md")]
    assert not offenders, "links to Markdown sources:\n" + "\n".join(sorted(offenders)[:20])


def test_links_on_notebook_pages_lead_to_built_files(built):
    """What the link check cannot see on notebook pages: a link that names a source path (`../x/README.md`)."""
    dead = []
    for notebook in (path for path in published_units() if path.endswith(".ipynb")):
        page = built / notebook.removesuffix(".ipynb") / "index.html"
        for link in internal_links(page, built):
            target = built / link
            if not (target.is_file() or (target / "index.html").is_file()):
                dead.append(f"{notebook} -> {link}")
    assert not dead, "dead links on notebook pages:\n" + "\n".join(dead)


def search_entries(built: Path) -> list[dict]:
    return json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_notebook_code_is_not_in_the_search_index(built):
    """Search must rank lessons first: the code cells and outputs of a notebook are not indexed, its prose is."""
    entries = search_entries(built)
    for notebook in (path for path in published_units() if path.endswith(".ipynb")):
        url = url_of(notebook.removesuffix(".ipynb"))
        text = " ".join(e["title"] + " " + e["text"] for e in entries if e["location"].split("#")[0] == url)
        text = " ".join(html.unescape(text).split())
        cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
        prose = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        code = {" ".join(line.split()) for c in cells if c["cell_type"] == "code"
                for line in "".join(c["source"]).splitlines()}
        indexed = sorted(line for line in code if len(line) > 30 and line not in prose and line in text)
        assert not indexed, f"{notebook}: code in the search index, e.g. {indexed[:3]}"
        sentences = [line for line in prose.splitlines() if len(line) > 40 and re.fullmatch(r"[\w ,.;:'-]+", line)]
        assert any(" ".join(line.split()) in text for line in sentences), f"{notebook}: its prose is not indexed"


def test_lessons_rank_above_notebooks_in_search(built):
    """Every entry of a lesson carries a search boost that no notebook entry has (the browser test checks the
    ranking itself: the first hit for "circuit breaker" is the lesson)."""
    boost = {}
    for entry in search_entries(built):
        boost.setdefault(entry["location"].split("#")[0], set()).add(entry.get("boost", 1))
    lesson, notebook = "days/day5-production/patterns/circuit-breaker/", "days/day5-production/notebooks/02-resilience/"
    assert min(boost[lesson]) > max(boost[notebook]), f"lesson boost {boost[lesson]}, notebook boost {boost[notebook]}"
    titles = {e["title"] for e in search_entries(built) if e["location"] == lesson}
    assert titles == {"Circuit breaker"}, titles


def test_nothing_fetched_from_google_fonts(built):
    offenders = [str(p.relative_to(built)) for p in built.rglob("*.html")
                 if "fonts.googleapis.com" in p.read_text(encoding="utf-8", errors="replace")]
    assert not offenders, f"pages load Google Fonts (set theme.font: false): {offenders}"


def test_no_solutions_or_hooks_published(built):
    leaked = [str(p.relative_to(built)) for p in built.rglob("*")
              if {"solutions", "hidden_tests", "hooks"} & set(p.relative_to(built).parts)]
    assert not leaked, f"the site publishes files it must not: {leaked[:10]}"
