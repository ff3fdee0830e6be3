"""`course gradebook`: every unit a class was graded on, in one table, from the folders `course grade --out` wrote.

Each folder is one unit (its column is named after the folder) and holds `<slot>/results.json` per submission
and `grades.csv`, whose `submission` and `folder` columns map each slot back to the submission's own name. A
student is a submission's name without `.ipynb`, so `alice/` in one lab and `alice.ipynb` in another are one row.
A student with no submission for a unit gets a blank cell (not a zero) and is counted as missing. A results file
that cannot be read is named in the report and on stderr, its cell left blank, and everything else still built."""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from autograder.batch import INSTRUCTOR_DIR, spreadsheet_safe
from autograder.capstone_score import unquoted
from autograder.check import UserError

GRADEBOOK_CSV, GRADEBOOK_HTML = "gradebook.csv", "gradebook.html"
MOST_FAILED_SHOWN = 15
HINT = re.compile(r"(?:^|\n)Hint: (.*)\Z", re.DOTALL)  # how autograder.scoreboard appends a failed test's hint


@dataclass
class Unit:
    """One `course grade --out` folder: each student's results, and the files that could not be read."""
    name: str
    folder: Path
    results: dict[str, dict] = field(default_factory=dict)   # student -> results.json contents
    unreadable: dict[str, str] = field(default_factory=dict)  # student -> why their file was not used
    notes: list[str] = field(default_factory=list)

    @property
    def max_score(self) -> float:
        return max((r["max_score"] for r in self.results.values()), default=0.0)


def student_of(submission: str) -> str:
    return submission[:-len(".ipynb")] if submission.endswith(".ipynb") else submission


def submission_names(folder: Path, notes: list[str]) -> dict[str, str]:
    """slot -> the submission's own name, from grades.csv; a slot not listed there keeps its own name."""
    sheet = folder / "grades.csv"
    try:
        with sheet.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return {row["folder"]: unquoted(row["submission"]) for row in rows if row.get("folder") and row.get("submission")}
    except FileNotFoundError:
        notes.append(f"{sheet}: not found; students are named after their results folders")
    except (OSError, UnicodeDecodeError, csv.Error, KeyError, TypeError) as exc:
        notes.append(f"{sheet}: unreadable ({type(exc).__name__}); students are named after their results folders")
    return {}


def number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} is {value!r}, not a number")
    return float(value)


def checked_results(path: Path) -> dict:
    """A results.json as batch.py wrote it, every field the gradebook uses checked; ValueError says what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON ({type(exc).__name__}: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list):
        raise ValueError("no list of tests")
    score, most = number(data.get("score"), "score"), number(data.get("max_score"), "max_score")
    if not 0 <= score <= most + 1e-9:
        raise ValueError(f"score {score:g} is outside 0-{most:g}")
    tests = []
    for test in data["tests"]:
        if not isinstance(test, dict) or not isinstance(test.get("name"), str) or test.get("status") not in ("passed", "failed"):
            raise ValueError(f"a test entry without a name and a status: {str(test)[:80]}")
        tests.append({"name": test["name"], "status": test["status"],
                      "max_score": number(test.get("max_score"), f"{test['name']}'s max_score"),
                      "visibility": str(test.get("visibility", "visible")), "output": str(test.get("output") or "")})
    return {"score": score, "max_score": most, "tests": tests}


def read_unit(name: str, folder: Path) -> Unit:
    unit = Unit(name, folder)
    files = sorted(f for f in folder.glob("*/results.json") if f.parent.name != INSTRUCTOR_DIR)
    if not files:
        raise ValueError(f"{folder}: no <submission>/results.json in it (is this a `course grade --out` folder?)")
    names = submission_names(folder, unit.notes)
    chosen = {f: student_of(names.get(f.parent.name, f.parent.name)) for f in files}
    for student in {s for s in chosen.values() if list(chosen.values()).count(s) > 1}:
        clash = sorted(names.get(f.parent.name, f.parent.name) for f, s in chosen.items() if s == student)
        unit.notes.append(f"{name}: {' and '.join(clash)} are both student {student}; kept apart under those names")
        chosen.update({f: names.get(f.parent.name, f.parent.name) for f, s in chosen.items() if s == student})
    for path, student in chosen.items():
        try:
            unit.results[student] = checked_results(path)
        except ValueError as exc:
            unit.unreadable[student] = f"{path}: {exc}"
    return unit


def unit_names(folders: list[Path]) -> list[str]:
    names = [f.resolve().name for f in folders]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UserError(f"two results folders are both named {', '.join(repeated)}: a unit's column is named after "
                        f"its folder, so give each unit's `course grade --out` folder its own name")
    return names


def hint_of(output: str) -> str:
    match = HINT.search(output)
    return match.group(1).strip() if match else ""


def test_rates(unit: Unit) -> list[dict]:
    """Each test's pass rate across the unit's readable submissions whose results hold it (one whose tests did not
    run at all says nothing about any test), and its hint."""
    tests: dict[str, dict] = {}
    for results in unit.results.values():
        for test in results["tests"]:
            entry = tests.setdefault(test["name"], {"unit": unit.name, "name": test["name"], "max_score": test["max_score"],
                                                    "visibility": test["visibility"], "passed": 0, "graded": 0,
                                                    "hint": ""})
            entry["graded"] += 1
            entry["passed"] += test["status"] == "passed"
            entry["hint"] = entry["hint"] or (hint_of(test["output"]) if test["status"] != "passed" else "")
    for entry in tests.values():
        entry.update(failed=entry["graded"] - entry["passed"], rate=entry["passed"] / entry["graded"])
    return list(tests.values())


def shown(value: float) -> str:
    return f"{round(value, 2):g}"


def table(units: list[Unit]) -> tuple[list[str], list[dict]]:
    """The students in order, and a row per student: each unit's score (None: missing or unreadable), totals."""
    students = sorted({s for u in units for s in (*u.results, *u.unreadable)}, key=lambda s: (s.lower(), s))
    possible = sum(u.max_score for u in units)
    rows = []
    for student in students:
        cells = [u.results[student]["score"] if student in u.results else None for u in units]
        total = sum(c for c in cells if c is not None)
        rows.append({"student": student, "cells": cells, "total": total, "possible": possible,
                     "percent": 100 * total / possible if possible else 0.0,
                     "missing": sum(student not in u.results and student not in u.unreadable for u in units),
                     "unreadable": [u.name for u in units if student in u.unreadable]})
    return students, rows


def write_csv(path: Path, units: list[Unit], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *(spreadsheet_safe(f"{u.name} (/{shown(u.max_score)})") for u in units),
                         "total", "possible", "percent", "missing", "unreadable"])
        for row in rows:
            writer.writerow([spreadsheet_safe(row["student"]), *("" if c is None else shown(c) for c in row["cells"]),
                             shown(row["total"]), shown(row["possible"]), f"{row['percent']:.1f}", row["missing"],
                             spreadsheet_safe(" ".join(row["unreadable"]))])


PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gradebook</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin-bottom:1rem}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}td.n{text-align:right}.missing{background:#eee}
.unreadable{background:#fdd}.bar{background:#4a7;height:.8rem}.problems{color:#a00}</style></head>
<body><h1>Gradebook</h1>
<p>{{ rows|length }} students, {{ units|length }} units, {{ missing }} missing submissions
(blank: no submission; they count as 0 towards the total and percent){% if problems %}, {{ problems|length }} results
files unreadable{% endif %}.</p>
{% if problems or notes %}<h2>Problems</h2><ul class="problems">{% for p in problems %}<li>{{ p }}</li>{% endfor %}
{% for n in notes %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
<h2>Most failed tests</h2>
<p>What to re-teach: tests ranked by the share of the unit's submissions that failed them (missing submissions aside).</p>
{% if most_failed %}<table><tr><th>#</th><th>unit</th><th>test</th><th>points</th><th>failed</th><th>hint</th></tr>
{% for t in most_failed %}<tr><td class="n">{{ loop.index }}</td><td>{{ t.unit }}</td><td>{{ t.name }}</td>
<td class="n">{{ shown(t.max_score) }}</td><td class="n">{{ t.failed }}/{{ t.graded }}</td><td>{{ t.hint }}</td></tr>
{% endfor %}</table>{% else %}<p>Every graded submission passed every test.</p>{% endif %}
<h2>Scores</h2>
<table><tr><th>student</th>{% for u in units %}<th>{{ u.name }} (/{{ shown(u.max_score) }})</th>{% endfor %}
<th>total</th><th>%</th><th>missing</th></tr>
{% for r in rows %}<tr><td>{{ r.student }}</td>{% for c in r.cells %}{% set u = units[loop.index0] %}
{% if c is not none %}<td class="n">{{ shown(c) }}</td>{% elif r.student in u.unreadable %}<td class="unreadable">unreadable</td>
{% else %}<td class="missing"></td>{% endif %}{% endfor %}
<td class="n">{{ shown(r.total) }} / {{ shown(r.possible) }}</td><td class="n">{{ "%.1f"|format(r.percent) }}</td>
<td class="n">{{ r.missing }}</td></tr>{% endfor %}</table>
<h2>Pass rate per test, per unit</h2>
{% for u, tests in per_unit %}<details><summary>{{ u.name }}: {{ u.results|length }} graded, {{ missing_in[u.name] }} missing,
mean {{ shown(means[u.name]) }} / {{ shown(u.max_score) }}</summary>
<table><tr><th>test</th><th>points</th><th>visibility</th><th>passed</th><th></th></tr>
{% for t in tests %}<tr><td>{{ t.name }}</td><td class="n">{{ shown(t.max_score) }}</td><td>{{ t.visibility }}</td>
<td class="n">{{ t.passed }}/{{ t.graded }}</td><td><div class="bar" style="width:{{ (100 * t.rate)|int }}px"></div></td></tr>
{% endfor %}</table></details>{% endfor %}
</body></html>
""")


def build(folders: list[str | Path], out: str | Path) -> int:
    """gradebook.csv and gradebook.html in `out`; 0 when every results file was read, 1 when some were not."""
    folders, out = [Path(f) for f in folders], Path(out)
    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"no such folder: {folder}")
    units, problems = [], []
    for name, folder in zip(unit_names(folders), folders):
        try:
            units.append(read_unit(name, folder))
        except ValueError as exc:
            problems.append(str(exc))
    if not units:
        raise UserError("no results to build a gradebook from:\n  " + "\n  ".join(problems))
    problems += [why for u in units for why in u.unreadable.values()]
    notes = [n for u in units for n in u.notes]
    students, rows = table(units)
    missing_in = {u.name: sum(s not in u.results and s not in u.unreadable for s in students) for u in units}
    per_unit = [(u, test_rates(u)) for u in units]
    failing = [t for _, tests in per_unit for t in tests if t["failed"]]
    most_failed = sorted(failing, key=lambda t: (-t["failed"] / t["graded"], -t["failed"], -t["max_score"]))
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / GRADEBOOK_CSV, units, rows)
    means = {u.name: sum(r["score"] for r in u.results.values()) / max(len(u.results), 1) for u in units}
    (out / GRADEBOOK_HTML).write_text(PAGE.render(
        units=units, rows=rows, missing=sum(missing_in.values()), missing_in=missing_in, problems=problems,
        notes=notes, most_failed=most_failed[:MOST_FAILED_SHOWN], per_unit=per_unit, means=means, shown=shown),
        encoding="utf-8")
    for line in problems:
        print(f"unreadable: {line}", file=sys.stderr)
    for line in notes:
        print(f"note: {line}", file=sys.stderr)
    print(f"gradebook of {len(students)} students and {len(units)} units ({sum(missing_in.values())} missing "
          f"submissions, {len(problems)} unreadable) -> {out / GRADEBOOK_CSV}, {out / GRADEBOOK_HTML}")
    return 1 if problems else 0
