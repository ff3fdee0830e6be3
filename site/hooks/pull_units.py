"""Publish the lesson pages, lab READMEs and notebooks that live next to their code, without copying them."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]  # site/hooks/pull_units.py -> repo root
PATTERNS = ["days/**/*.md", "labs/*/README.md", "capstone-options/**/*.md", "days/**/*.ipynb", "labs/**/*.ipynb"]
SKIP = {"starter", "solutions", ".ipynb_checkpoints", "tests", "fixtures"}  # never pages
NEVER = {"solutions", "hidden_tests"}  # never published at all, not even when a page links there
LINK = re.compile(r"\]\(([^)\s#?]+)")  # the target of a Markdown link or image


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


def on_serve(server, config, builder):
    for folder in ("days", "labs", "capstone-options"):  # `mkdocs serve` only watches docs_dir by itself
        if (ROOT / folder).is_dir():
            server.watch(str(ROOT / folder))
    return server
