"""The course never teaches a dead model: a retired model is refused with its successor named, and no default,
unit, fixture, notebook or lesson code block names a model within WARNING_DAYS of its shutdown (or past it).
A line that shows an old id on purpose says `old model on purpose` on that line."""
from __future__ import annotations

import dataclasses
import json
import re
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

from agentkit import Client, RetiredModelError
import importlib
from autograder.units import all_units

models = importlib.import_module("agentkit.models")

ROOT = Path(__file__).resolve().parents[1]
ON_PURPOSE = "old model on purpose"
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


def test_a_retired_model_is_refused_with_its_successor_named():
    with pytest.raises(RetiredModelError, match=r"claude-sonnet-4-5 was shut down on 2026-11-30: use claude-sonnet-5-5"):
        Client("anthropic", "claude-sonnet-4-5")  # old model on purpose: it must be refused
    assert "claude-sonnet-4-5" not in [m.id for m in models.models(include_deprecated=True)]


def test_the_successor_is_current_and_in_the_same_tier():
    for info in models.REGISTRY.values():
        if info.deprecated:
            after = models.successor(info.id)
            assert after is not None and after.deprecated is None, info.id
            assert (after.provider, after.tier) == (info.provider, info.tier), (info.id, after.id)


def test_course_today_moves_the_shutdown_check(monkeypatch):
    monkeypatch.setenv("COURSE_TODAY", "2026-11-29")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert models.model_info("claude-sonnet-4-5").id == "claude-sonnet-4-5"  # old model on purpose
    monkeypatch.setenv("COURSE_TODAY", "2027-01-22")
    with pytest.raises(RetiredModelError):
        models.model_info("claude-opus-4-5")  # old model on purpose: retired on this date


def scanned_texts() -> dict[str, str]:
    """Where the course names models for students: every unit's files and solution, the notebooks' code cells,
    and the code blocks of every lesson page."""
    texts: dict[str, str] = {}
    for unit in all_units():
        for folder in (unit.path, unit.solution):
            for path in folder.rglob("*"):
                if path.is_file() and "starter" not in path.relative_to(folder).parts[:1] \
                        and path.suffix in (".py", ".yaml", ".yml", ".json", ".toml", ".md"):
                    texts[str(path.relative_to(ROOT))] = code_of(path)
    for path in [*ROOT.glob("days/**/*.ipynb"), *ROOT.glob("labs/**/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb")]:
        texts[str(path.relative_to(ROOT))] = code_of(path)
    for path in [*ROOT.glob("days/**/*.md"), *ROOT.glob("site/*.md"), ROOT / "README.md"]:
        texts.setdefault(str(path.relative_to(ROOT)), code_of(path))
    return texts


def code_of(path: Path) -> str:
    text = path.read_text(errors="replace")
    if path.suffix == ".ipynb":
        return "\n".join("".join(c["source"]) for c in json.loads(text)["cells"] if c["cell_type"] == "code")
    if path.suffix == ".md":
        return "\n".join(m.group(2) for m in FENCE.finditer(text))
    return text


def lifecycle_problems(registry: dict, defaults: dict, today: date, texts: dict[str, str]) -> list[str]:
    ending = {m.id: m for m in registry.values() if m.days_left(today) is not None
              and m.days_left(today) <= models.WARNING_DAYS}
    problems = [f"DEFAULT_MODELS[{p!r}] = {m} shuts down on {ending[m].deprecated}"
                for p, m in defaults.items() if m in ending]
    if not ending:
        return problems
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, sorted(ending, key=len, reverse=True)))
                         + r")(?![\w.-])")
    for where, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for found in pattern.finditer(line):
                if ON_PURPOSE not in line:
                    problems.append(f"{where}:{number}: {found.group(1)} (shutdown {ending[found.group(1)].deprecated})")
    return problems


def test_nothing_the_course_teaches_names_a_model_near_or_past_its_shutdown():
    problems = lifecycle_problems(models.REGISTRY, models.DEFAULT_MODELS, models.current_date(), scanned_texts())
    assert not problems, (f"models within {models.WARNING_DAYS} days of shutdown, or past it (move to the successor "
                          f"agentkit.models.successor names, or mark the line '{ON_PURPOSE}'):\n  "
                          + "\n  ".join(problems[:40]))


def test_the_check_fails_once_a_shutdown_date_moves_into_the_past():
    yesterday = (models.current_date() - timedelta(days=1)).isoformat()
    registry = dict(models.REGISTRY)
    registry["claude-haiku-4-5"] = dataclasses.replace(registry["claude-haiku-4-5"], deprecated=yesterday)
    texts = {"days/x/README.md": 'client = Client("anthropic", "claude-haiku-4-5")\n'
                                 'Client("anthropic", "claude-haiku-4-5")  # old model on purpose\n'
                                 'Client("anthropic", "claude-haiku-4-5-extra")\n'}
    problems = lifecycle_problems(registry, models.DEFAULT_MODELS, models.current_date(), texts)
    assert problems == [f"DEFAULT_MODELS['anthropic'] = claude-haiku-4-5 shuts down on {yesterday}",
                        f"days/x/README.md:1: claude-haiku-4-5 (shutdown {yesterday})"]
    in_a_month = (models.current_date() + timedelta(days=models.WARNING_DAYS)).isoformat()
    registry["claude-haiku-4-5"] = dataclasses.replace(registry["claude-haiku-4-5"], deprecated=in_a_month)
    assert len(lifecycle_problems(registry, {}, models.current_date(), texts)) == 1
