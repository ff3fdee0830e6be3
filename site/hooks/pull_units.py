"""Publish the lesson pages, lab READMEs and notebooks that live next to their code, without copying them;
open each unit's lesson with its place in the week, read from its unit.toml."""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

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


@event_priority(100)  # before mkdocs-jupyter's on_files, so it sees (and renders) the notebooks added here
def on_files(files, config):
    pages = unit_pages()
    for path in pages + sorted(set().union(*map(linked_files, pages))):
        if files.get_file_from_path(path) is None:  # a page under site/ with the same path wins
            # src_dir is the repo root, so relative links between units resolve as they do on GitHub;
            # labs/<lab>/README.md is published as labs/<lab>/index.html (MkDocs treats README as index).
            files.append(File(path, str(ROOT), config.site_dir, config.use_directory_urls))
    return files


PLACEMENT = {  # the opening line of a unit's lesson, by level
    "core": "Core, Day {day}: {minutes_in_class} min in class, then {minutes_self_study} min of self-study",
    "optional": "Optional, Day {day}: {minutes_self_study} min of self-study ({minutes_in_class} min if taught in class)",
    "stretch": "Stretch, Day {day}: beyond the day's goals, {minutes_self_study} min of self-study",
}


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
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    note = placement_note(Path(page.file.abs_src_path))
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
