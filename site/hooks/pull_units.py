"""Publish the lesson pages, lab READMEs and notebooks that live next to their code, without copying them;
open each unit's lesson with its place in the week, read from its unit.toml; generate each day's quiz page
(days/<day>/quiz.md, in both views) from its days/<day>/quiz.yaml.

Two views of the same pages, chosen by COURSE_SITE_VIEW. `instructor`, the default, publishes everything and says
so in a banner. `learner`, the default in a student edition, leaves out what the student edition leaves out
(`course release --student`, with the same functions): instructor notes (and the timing notes in them), the
instructor guide with its nav entry and list links, and the notebooks' answers (solution regions stubbed and
hidden tests removed, as nbgrader releases them)."""
from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]  # site/hooks/pull_units.py -> repo root
PATTERNS = ["days/**/*.md", "labs/*/README.md", "capstone-options/**/*.md", "days/**/*.ipynb", "labs/**/*.ipynb"]
SKIP = {"starter", "solutions", ".ipynb_checkpoints", "tests", "fixtures"}  # never pages
NEVER = {"solutions", "hidden_tests"}  # never published at all, not even when a page links there
LINK = re.compile(r"\]\(([^)\s#?]+)")  # the target of a Markdown link or image
LESSON_BOOST = 2  # how much more a lesson's match counts in search than the same match on another page
HREF = re.compile(r'href="([^"#?]*)([^"]*)"')  # a link in rendered HTML: path, then any #fragment or ?query
# What search skips on a notebook page: code and outputs, the hidden copy of each cell's source for the copy button,
# the In/Out prompts, the button's notice and the headings' pilcrows. Material's search stops skipping at the first
# closing tag of the same name, so these are the innermost elements that hold them, never a cell's <div>.
VIEWS = ("instructor", "learner")
INSTRUCTOR_BANNER = ('<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">'
                     "<strong>Instructor view.</strong> This site shows instructor notes, the instructor guide and "
                     "the notebooks' answers. Give students the learner view: "
                     "<code>COURSE_SITE_VIEW=learner mkdocs build</code>.</div></aside>")
EMPTY_ANNOUNCE = re.compile(r'(<div data-md-component="announce">)\s*(</div>)')  # Material's slot for a banner
SEARCH_NOISE = re.compile(r'<(pre(?=[\s>])|div (?=class="(?:clipboard-copy-txt|jp-InputPrompt|jp-OutputPrompt))'
                          r'|span (?=class="notice")|a (?=class="anchor-link"))')


def unit_pages() -> list[str]:
    """Repo-relative paths of the pages to publish, sorted, leaving out anything inside a SKIP folder."""
    found = {p.relative_to(ROOT).as_posix() for pattern in PATTERNS for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(path for path in found if not SKIP & set(path.split("/")[:-1]))


def linked_files(page: str) -> set[str]:
    """Repo files (code, fixtures, images) a page links to, so the link works on the site as it does on GitHub."""
    if not page.endswith(".md"):
        return set()
    found = set()
    for target in LINK.findall((ROOT / page).read_text(encoding="utf-8")):
        path = (ROOT / page).parent.joinpath(target).resolve()
        if "://" not in target and path.is_file() and path.is_relative_to(ROOT):
            relative = path.relative_to(ROOT)
            if not NEVER & set(relative.parts) and not any(part.startswith(".") for part in relative.parts):
                found.add(relative.as_posix())
    return found


def site_view() -> str:
    """COURSE_SITE_VIEW, or by default the instructor view, except in the student edition (which has no more)."""
    from autograder.release import NOTE  # the file that marks a student edition

    default = "learner" if (ROOT / NOTE).is_file() else "instructor"
    view = os.environ.get("COURSE_SITE_VIEW", "").strip().lower() or default
    if view not in VIEWS:  # a typo must not quietly publish the instructor view to learners
        raise PluginError(f"COURSE_SITE_VIEW={view!r}: use one of {', '.join(VIEWS)}")
    return view


def instructor_pages() -> set[str]:
    """The docs-relative pages only instructors see (the student edition's list)."""
    from autograder.release import INSTRUCTOR_PAGES

    return {page.removeprefix("site/") for page in INSTRUCTOR_PAGES}


def without_pages(nav, pages: set[str]):
    """mkdocs.yml's nav without the entries of `pages` (and without sections left empty)."""
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            value = without_pages(value, pages)
            if value:
                kept.append({next(iter(item)): value})
        elif value not in pages:
            kept.append(item)
    return kept


def on_config(config):
    if site_view() == "learner" and config.nav:
        config.nav = without_pages(config.nav, instructor_pages())
    return config


LEARNER_NOTEBOOKS: list[str] = []  # temporary folders of this process's learner builds, removed after each build


def learner_notebook(path: str) -> str:
    """The folder that holds the learner's copy of a notebook (answers stubbed) at the same relative path, or
    ROOT when the notebook has nothing to strip."""
    from autograder.release import student_notebook

    text = (ROOT / path).read_text(encoding="utf-8")
    learner = student_notebook(text)
    if learner == text:
        return str(ROOT)
    if not LEARNER_NOTEBOOKS:
        LEARNER_NOTEBOOKS.append(tempfile.mkdtemp(prefix="course-site-learner-"))
    target = Path(LEARNER_NOTEBOOKS[0], path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(learner, encoding="utf-8")
    return LEARNER_NOTEBOOKS[0]


@event_priority(100)  # before mkdocs-jupyter's on_files, so it sees (and renders) the notebooks added here
def on_files(files, config):
    learner = site_view() == "learner"
    pages = unit_pages()
    for path in pages + sorted(set().union(*map(linked_files, pages))):
        if files.get_file_from_path(path) is None:  # a page under site/ with the same path wins
            # src_dir is the repo root, so relative links between units resolve as they do on GitHub;
            # labs/<lab>/README.md is published as labs/<lab>/index.html (MkDocs treats README as index).
            # A learner's notebook is read (and offered for download) from its stripped copy.
            source = learner_notebook(path) if learner and path.endswith(".ipynb") else str(ROOT)
            files.append(File(path, source, config.site_dir, config.use_directory_urls))
    from autograder.quiz import PAGE_NAME, day_page, quiz_files

    for quiz in quiz_files(ROOT):
        page = (quiz.parent / PAGE_NAME).relative_to(ROOT).as_posix()
        if files.get_file_from_path(page) is None:
            files.append(File.generated(config, page, content=day_page(quiz.parent)))
    if learner:
        for page in instructor_pages():
            if (found := files.get_file_from_path(page)) is not None:
                files.remove(found)
    return files


def on_post_build(config):
    while LEARNER_NOTEBOOKS:
        shutil.rmtree(LEARNER_NOTEBOOKS.pop(), ignore_errors=True)


def on_build_error(error):
    on_post_build(None)


PLACEMENT = {  # the opening line of a unit's lesson, by level
    "core": "Core, Day {day}: {minutes_in_class} min in class, then {minutes_self_study} min of self-study",
    "optional": "Optional, Day {day}: {minutes_self_study} min of self-study ({minutes_in_class} min if taught in class)",
    "stretch": "Stretch, Day {day}: beyond the day's goals, {minutes_self_study} min of self-study",
    "capstone": "Capstone, Day {day}: {minutes_in_class} min of building in the capstone sessions, "
                "then at least {minutes_self_study} min of self-study",
}
RUBRIC = "capstone-rubric.md"  # under site/, so at the top of the built site


def placement_note(lesson: Path) -> str | None:
    """The admonition that opens a unit's lesson page: its level, day, minutes and prerequisites (unit.toml)."""
    if lesson.name != "README.md" or not (lesson.parent / "unit.toml").is_file():
        return None
    from autograder.units import find_unit, load_unit  # the course's own package, installed in its environment

    unit = load_unit(lesson.parent)
    meta = unit.metadata
    if meta is None:
        return None
    lines = [f'!!! info "{PLACEMENT[meta.level].format(**vars(meta))}"']
    if meta.prerequisites:
        links = []
        for name in meta.prerequisites:
            before = find_unit(name).path / "README.md"
            title = before.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
            links.append(f"[{title}]({Path(os.path.relpath(before, lesson.parent)).as_posix()})")
        lines.append(f"    Study first: {', '.join(links)}.")
    lines.append(f"    Check your work with `course check {unit.name}`.")
    if meta.level == "capstone":  # the checks score only part of a capstone: say where the rest comes from
        rubric = Path(os.path.relpath(ROOT / RUBRIC, lesson.parent.resolve())).as_posix()
        lines[-1] = (f"    Check your work with `course check {unit.name}`: it scores core functionality and the "
                     f"README; an assessor scores the rest on the [capstone rubric]({rubric}).")
    return "\n".join(lines)


def repo_path(page) -> str:
    """The page's source path in the repository (site/ pages are docs-relative to site/)."""
    if getattr(page.file, "generated_by", None):  # a quiz page: it has no file of its own
        return page.file.src_uri
    source = Path(page.file.abs_src_path).resolve()
    return source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else page.file.src_uri


def on_page_markdown(markdown, page, config, files):
    if site_view() == "learner":
        from autograder.release import student_page

        markdown = student_page(markdown, repo_path(page))
    note = None if getattr(page.file, "generated_by", None) else placement_note(Path(page.file.abs_src_path))
    if note is None:
        return markdown
    title, _, rest = markdown.partition("\n")  # every lesson opens with its `# Title` line
    return f"{title}\n\n{note}\n{rest}" if title.startswith("# ") else f"{note}\n\n{markdown}"


def on_serve(server, config, builder):
    for folder in ("days", "labs", "capstone-options"):  # `mkdocs serve` only watches docs_dir by itself
        if (ROOT / folder).is_dir():
            server.watch(str(ROOT / folder))
    return server


def on_page_content(html, page, config, files):
    """Lessons (the Markdown pages of days/ and labs/) rank above other pages in search, notebooks included, unless
    a page's front matter says otherwise. Notebook pages link to pages as MkDocs does for Markdown, and keep their
    code out of the search index.

    A notebook links to lessons by their source path (`../patterns/x/README.md`), which works in JupyterLab
    and on GitHub; mkdocs-jupyter leaves such links as they are, so on the site they point at nothing."""
    if page.file.src_uri.endswith(".md"):
        if page.file.src_uri.startswith(("days/", "labs/")):  # search indexes the page after this event
            page.meta["search"] = {"boost": LESSON_BOOST, **(page.meta.get("search") or {})}
        return html
    if not page.file.src_uri.endswith(".ipynb"):
        return html

    def site_link(match: re.Match) -> str:
        path, rest = match.groups()
        if not path or "://" in path or path.startswith(("/", "mailto:")):
            return match.group(0)
        source = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        target = files.get_file_from_path(source)
        return f'href="{target.url_relative_to(page.file)}{rest}"' if target else match.group(0)

    html = HREF.sub(site_link, html)
    # Search indexes a notebook's prose; its code and outputs would crowd out the lessons.
    return SEARCH_NOISE.sub(lambda match: f"<{match.group(1).strip()} data-search-exclude ", html)


def on_post_page(output, page, config):
    """The instructor view says on every page which view it is; the learner view has no banner."""
    if site_view() != "instructor":
        return output
    return EMPTY_ANNOUNCE.sub(lambda match: match.group(1) + INSTRUCTOR_BANNER + match.group(2), output, count=1)


def on_post_template(output, template_name, config):
    """The same banner on the 404 page, the one page rendered from a template alone."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output
