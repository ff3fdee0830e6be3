"""The course website builds with --strict and contains the pages, the lab and the notebooks it should."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("material", reason="mkdocs-material is not installed (run `make setup`)")
pytest.importorskip("mkdocs_jupyter", reason="mkdocs-jupyter is not installed (run `make setup`)")

ROOT = Path(__file__).resolve().parents[1]
LAB05 = ROOT / "labs" / "lab05-multi-agent" / "README.md"


def published_units() -> list[str]:
    """What the site's hook pulls in from days/, labs/ and capstone-options/ (same code, not a copy of it)."""
    spec = importlib.util.spec_from_file_location("pull_units", ROOT / "site" / "hooks" / "pull_units.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook.unit_pages()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stderr[-4000:]}"
    return out


@pytest.mark.parametrize("page", ["index.html", "setup/index.html", "schedule/index.html",
                                  "instructor-guide/index.html", "glossary/index.html",
                                  "days/day5-production/index.html"])
def test_page_is_built(built, page):
    html = (built / page).read_text(encoding="utf-8")
    assert "<article" in html, f"{page} has no article body"


def test_lab05_page_is_built(built):
    if not LAB05.exists():
        pytest.skip("labs/lab05-multi-agent/README.md does not exist yet, so there is no Lab 05 page to build")
    html = (built / "labs" / "lab05-multi-agent" / "index.html").read_text(encoding="utf-8")
    assert "<article" in html


def test_notebooks_are_rendered(built):
    notebooks = [path for path in published_units() if path.endswith(".ipynb")]
    if not notebooks:
        pytest.skip("no notebook under days/ or labs/ yet")
    for notebook in notebooks:
        page = built / notebook.removesuffix(".ipynb") / "index.html"
        assert page.exists(), f"{notebook} was not rendered to {page.relative_to(built)}"
        assert "jupyter-wrapper" in page.read_text(encoding="utf-8"), f"{notebook} was not rendered as a notebook"
        assert (page.parent / Path(notebook).name).exists(), f"{notebook} is not offered for download"


def test_nothing_fetched_from_google_fonts(built):
    offenders = [str(p.relative_to(built)) for p in built.rglob("*.html")
                 if "fonts.googleapis.com" in p.read_text(encoding="utf-8", errors="replace")]
    assert not offenders, f"pages load Google Fonts (set theme.font: false): {offenders}"


def test_no_solutions_or_hooks_published(built):
    leaked = [str(p.relative_to(built)) for p in built.rglob("*")
              if {"solutions", "hidden_tests", "hooks"} & set(p.relative_to(built).parts)]
    assert not leaked, f"the site publishes files it must not: {leaked[:10]}"
