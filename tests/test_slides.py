"""The day decks (`course slides`, published at slides/dayN.html): one per day, well-formed, no empty slide, and
each unit's objectives on its slide word for word, so an edit to a lesson shows up in the deck."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autograder import slides
from autograder.cli import main
from autograder.units import find_unit

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = tomllib.loads((ROOT / "days" / "schedule.toml").read_text(encoding="utf-8"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Deck(HTMLParser):
    """A deck read back: its slides' text and contents, and every nesting error found on the way."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.slides: list[dict] = []
        self.current: dict | None = None
        self.in_heading = False
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in VOID:
            if self.current is not None and tag == "img":
                self.current["media"] += 1
            return
        self.stack.append(tag)
        if tag == "section" and "slide" in (attributes.get("class") or "").split():
            self.current = {"heading": "", "text": "", "media": 0, "depth": len(self.stack)}
        elif self.current is not None and tag == "h2":
            self.in_heading = True
        elif self.current is not None and tag == "pre":
            self.current["media"] += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at line {self.getpos()[0]}")
            return
        if tag == "section" and self.current is not None and len(self.stack) == self.current["depth"]:
            self.slides.append(self.current)
            self.current = None
        self.in_heading = self.in_heading and tag != "h2"
        self.stack.pop()

    def handle_data(self, data):
        if self.current is not None:
            self.current["heading" if self.in_heading else "text"] += data


def words(text: str) -> str:
    return " ".join(text.split())


def plain(markdown: str) -> str:
    """A line of Markdown as a reader sees it: no backticks, bold or link targets."""
    parts = re.split(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", markdown)  # prose, ticks, code, prose, ...
    shown = []
    for i in range(0, len(parts), 3):
        shown.append(re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", parts[i]).replace("**", "").replace("*", ""))
        if i + 2 < len(parts):
            shown.append(parts[i + 2].strip())
    return words("".join(shown))


def objectives(readme: Path) -> list[str]:
    """The items of a lesson's Objectives box, read straight from the page."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r'!!! \w+ "Objectives"', line))
    items: list[str] = []
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith("    "):
            break
        if line.startswith("    - "):
            items.append(line[6:])
        elif line.startswith("      ") and items:
            items[-1] += " " + line.strip()
    return [plain(item) for item in items]


def core_units(day: dict) -> list[str]:
    names: list[str] = []
    for session in day.get("session", []):
        names += [name for name in session.get("units", []) if name not in names]
    return names


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Deck]:
    out = tmp_path_factory.mktemp("slides")
    started = time.perf_counter()
    assert main(["slides", "--out", str(out)]) == 0
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"making every deck took {elapsed:.1f} s"
    return {path.name: Deck(path.read_text(encoding="utf-8")) for path in sorted(out.glob("*.html"))}


def test_a_deck_per_day(decks):
    assert sorted(decks) == sorted(f"day{day['number']}.html" for day in SCHEDULE["day"])
    for name, deck in decks.items():
        assert len(deck.slides) >= 8, f"{name}: only {len(deck.slides)} slides"


def test_every_deck_is_well_formed_and_self_contained(decks, tmp_path):
    for name, deck in decks.items():
        assert not deck.errors, f"{name}: {deck.errors[:5]}"
    main(["slides", "2", "--out", str(tmp_path)])
    raw = (tmp_path / "day2.html").read_text(encoding="utf-8")
    assert raw.startswith("<!DOCTYPE html>")
    assert not re.search(r'(?:src|href)="(?!data:|#)', raw), "a deck loads something from outside itself"
    assert 'src="data:image/png;base64,' in raw, "the multimodal lesson's screenshot is not on its slide"


def test_no_slide_is_empty(decks):
    for name, deck in decks.items():
        for n, slide in enumerate(deck.slides, 1):
            assert words(slide["heading"]), f"{name} slide {n} has no heading"
            assert words(slide["text"]) or slide["media"], f"{name} slide {n} ({slide['heading']}) is empty"


def test_the_day_opens_with_its_questions_and_ends_with_its_key_points(decks):
    for day in SCHEDULE["day"]:
        deck = decks[f"day{day['number']}.html"]
        headings = [words(slide["heading"]) for slide in deck.slides]
        assert headings[1].startswith("Questions") and headings[-1].startswith("Key points"), headings
        assert any(h.startswith("Sessions") for h in headings), headings


def test_each_units_objectives_are_on_its_slide_verbatim(decks):
    checked = 0
    for day in SCHEDULE["day"]:
        deck = decks[f"day{day['number']}.html"]
        for name in core_units(day):
            path = find_unit(name).path
            if path.parent.name == "labs":
                continue
            readme = path / "README.md"
            title = plain(readme.read_text(encoding="utf-8").splitlines()[0].lstrip("# "))
            own = [slide for slide in deck.slides if words(slide["heading"]) == title]
            assert own, f"day {day['number']}: no slide titled {title!r} for {name}"
            for objective in objectives(readme):
                assert objective in words(own[0]["text"]), f"{name}: objective not on its slide: {objective!r}"
                checked += 1
    assert checked > 100, f"only {checked} objectives checked"


def test_an_edited_lesson_shows_up_in_its_deck(tmp_path):
    """The deck is made from the pages each time: edit an objective and the slide says the new thing."""
    keep = shutil.ignore_patterns("*.py", "*.ipynb", "*.yaml", "*.json", "*.png", "*.pdf", "fixtures", "tests",
                                  "starter", "notebooks", "__pycache__")
    shutil.copytree(ROOT / "days", tmp_path / "days", ignore=keep)
    shutil.copytree(ROOT / "labs", tmp_path / "labs", ignore=keep)
    readme = tmp_path / "days" / "day3-agents" / "patterns" / "memory" / "README.md"
    first = objectives(readme)[0]
    edited = "Recall a past episode by meaning, and say which one it was."
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace(next(line for line in text.splitlines()
                                        if line.startswith("    - ") and plain(line[6:]) in first), "    - " + edited))
    deck = Deck(slides.decks(tmp_path, "day3")["day3.html"])
    shown = " ".join(words(slide["text"]) for slide in deck.slides)
    assert edited in shown and first not in shown


def test_the_cli_makes_one_day_and_refuses_an_unknown_one(tmp_path, capsys):
    assert main(["slides", "day4-rag", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["day4.html"]
    assert main(["slides", "9", "--out", str(tmp_path)]) == 2
    assert "no day '9'" in capsys.readouterr().err


def test_the_site_build_publishes_a_deck_per_day(tmp_path):
    """A small site with the course's slides hook: built with --strict, its links to the decks resolve."""
    docs = tmp_path / "docs"
    docs.mkdir()
    links = ", ".join(f"[Day {day['number']}](slides/day{day['number']}.html)" for day in SCHEDULE["day"])
    (docs / "index.md").write_text(f"# Decks\n\n{links}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: docs\nhooks:\n  - {ROOT / 'site/hooks/slides.py'}\n",
                                         encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    for day in SCHEDULE["day"]:
        built = tmp_path / "out" / "slides" / f"day{day['number']}.html"
        assert built.read_text(encoding="utf-8") == slides.decks(ROOT, str(day["number"]))[built.name]


def test_the_course_site_uses_the_hook_and_the_guide_links_every_deck():
    assert "site/hooks/slides.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    guide = (ROOT / "site" / "instructor-guide.md").read_text(encoding="utf-8")
    missing = [day["number"] for day in SCHEDULE["day"] if f"](slides/day{day['number']}.html)" not in guide]
    assert not missing, f"the instructor guide does not link the decks of days {missing}"
