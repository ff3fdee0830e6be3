"""Every unit page's Points table agrees with what the grader counts (autograder.check.describe, the figures of
`course list`): a test added to a unit, or a point moved, shows up on its page. Rows sum to the total row."""
from __future__ import annotations

import math
import re

import pytest

from autograder.check import describe
from autograder.grading import hidden_tests
from autograder.inventory import read_points
from autograder.units import all_units

ROW = re.compile(r"^\|\s*(?P<label>[^|]+?)\s*\|\s*(?P<points>[^|]+?)\s*\|\s*$")
TOTAL = re.compile(r"^\*\*(?P<kind>(visible |hidden )?total)\*\*$")


def points_table(readme: str) -> list[tuple[str, str]] | None:
    """The (label, points) rows of the table under `## Points`, or None if the page has none."""
    _, found, rest = readme.partition("\n## Points\n")
    if not found:
        return None
    section = rest.split("\n## ", 1)[0]
    rows = [ROW.match(line) for line in section.splitlines() if line.startswith("|")]
    return [(m["label"], m["points"]) for m in rows if m and not set(m["points"]) <= set("-: ")][1:]  # no header


def numbers(cell: str) -> float:
    """A points cell: "3", "2 + 2", "1 × 5", "**25**"."""
    total = 0.0
    for term in cell.replace("*", "").split("+"):
        factors = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", term)]
        total += math.prod(factors) if "×" in term or " x " in term else sum(factors)
    return total


UNITS = [u for u in all_units() if points_table((u.path / "README.md").read_text(encoding="utf-8"))]


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_the_points_table_matches_the_grader(unit):
    rows = points_table((unit.path / "README.md").read_text(encoding="utf-8"))
    totals = {TOTAL.match(label)["kind"]: numbers(points) for label, points in rows if TOTAL.match(label)}
    tests = [numbers(points) for label, points in rows if label.startswith("`")]
    assert totals, f"{unit.name}: the Points table has no **total** row"
    counted = describe(unit)["points"]
    if "total" in totals:
        assert totals["total"] == counted["total"], f"{unit.name}: the page says {totals['total']:g} points in all, the grader counts {counted['total']:g}"
    if "visible total" in totals:
        assert totals["visible total"] == counted["visible"], \
            f"{unit.name}: the page says {totals['visible total']:g} visible points, the grader counts {counted['visible']:g}"
    graded = {**read_points(unit.tests), **read_points(hidden_tests(unit))}
    named = {re.match(r"`(test_\w+)", label)[1]: numbers(points) for label, points in rows if re.match(r"`test_\w+", label)}
    wrong = {name: (said, graded.get(name)) for name, said in named.items() if graded.get(name) != said}
    assert not wrong, f"{unit.name}: rows whose points differ from the test's (page, grader): {wrong}"
    first_total = totals.get("visible total", totals.get("total"))
    if tests and not any(label.startswith("**hidden") for label, _ in rows):
        assert sum(tests) == first_total, f"{unit.name}: the rows add up to {sum(tests):g}, the total row says {first_total:g}"
