"""`course capstone-score`: each student's capstone score out of 100, the automated checks merged with an assessor's sheet.

The checks (`course check capstone-X --json PATH`, or `course grade capstone-X ... --out DIR`) score two areas of
the rubric (site/capstone-rubric.md): core functionality, scaled to all of its 40 points, and the README check,
scaled to the checks' share of documentation. A check counts as the README check when its name says `readme`.
An assessor scores the rest in a CSV sheet that `template` writes: architecture, production readiness, the rest of
documentation and presentation. `merge` refuses a sheet with a score out of range, an empty score, or a student
the checks never graded (or the reverse), and names every such cell at once."""
from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from autograder.batch import FORMULA_STARTS, spreadsheet_safe


@dataclass(frozen=True)
class Area:
    key: str       # the column name in the sheets
    title: str
    weight: int    # points out of 100
    machine: int   # of which the automated checks give this many; the assessor the rest

    @property
    def human(self) -> int:
        return self.weight - self.machine


AREAS = (
    Area("core_functionality", "Core functionality", 40, 40),
    Area("architecture", "Architecture", 20, 0),
    Area("production_readiness", "Production readiness", 20, 0),
    Area("documentation", "Documentation", 10, 4),
    Area("presentation", "Presentation", 10, 0),
)
HUMAN_AREAS = tuple(a for a in AREAS if a.human)
README_CHECK = re.compile("readme", re.IGNORECASE)  # the checks' part of documentation: the submission's README
NOTES = "notes"
SCORES_CSV, SCORES_HTML = "capstone-scores.csv", "capstone-scores.html"


class ScoreError(ValueError):
    """Input the scoring sheet cannot use; the message names the file and, for a sheet, every bad cell."""


@dataclass(frozen=True)
class Checked:
    """One student's automated checks, split by the rubric area they count towards."""
    student: str
    source: Path
    core: tuple[float, float]     # (score, max_score) of every check but the README's
    readme: tuple[float, float]

    @property
    def score(self) -> tuple[float, float]:
        return self.core[0] + self.readme[0], self.core[1] + self.readme[1]


def results_files(path: Path) -> list[tuple[str, Path]]:
    """(student, results file) pairs: a `course grade --out` folder holds one `<student>/results.json` per
    submission; a file `course check --json` wrote is named after its student (or is `<student>/results.json`)."""
    if path.is_dir():
        found = [(f.parent.name, f) for f in sorted(path.glob("*/results.json"))]
        if not found:
            raise ScoreError(f"{path}: no <student>/results.json in it; give the folder `course grade --out` "
                             f"wrote, or the files `course check --json` wrote")
        return found
    if path.suffix != ".json" or not path.is_file():
        raise ScoreError(f"{path}: not a results .json file or a `course grade --out` folder")
    return [(path.parent.name if path.name == "results.json" else path.stem, path)]


def read_checked(student: str, path: Path) -> Checked:
    try:
        tests = json.loads(path.read_text(encoding="utf-8"))["tests"]
        parts = {True: [0.0, 0.0], False: [0.0, 0.0]}
        for test in tests:
            score, most = float(test["score"]), float(test["max_score"])
            if not (0 <= score <= most and math.isfinite(most)):
                raise ValueError(f"test {test['name']!r} scores {score:g} of {most:g}")
            part = parts[bool(README_CHECK.search(test["name"]))]
            part[0] += score
            part[1] += most
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ScoreError(f"{path}: not the results of a graded run ({type(exc).__name__}: {exc})") from None
    if not parts[False][1]:
        raise ScoreError(f"{path}: no graded checks of core functionality (is this a capstone's results?)")
    if not parts[True][1]:
        raise ScoreError(f"{path}: no README check (a check whose name says `readme`), so the checks' part of "
                         f"documentation cannot be scored")
    return Checked(student, path, tuple(parts[False]), tuple(parts[True]))


def read_machine(paths: list[str | Path]) -> dict[str, Checked]:
    checked: dict[str, Checked] = {}
    for path in map(Path, paths):
        for student, source in results_files(path):
            if student in checked:
                raise ScoreError(f"{student} is graded twice: {checked[student].source} and {source}")
            checked[student] = read_checked(student, source)
    return checked


def header(area: Area) -> str:
    return f"{area.key} (0-{area.human})"


def write_template(out: str | Path, machine: list[str | Path], *, force: bool = False) -> Path:
    """The assessor's sheet: a row per student the checks graded, a column per human-judged area, blank scores."""
    out, students = Path(out), sorted(read_machine(machine))
    if out.exists() and not force:
        raise ScoreError(f"{out} exists (an assessor's sheet, perhaps): choose another name, or pass --force")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *map(header, HUMAN_AREAS), NOTES])
        writer.writerows([spreadsheet_safe(s), *[""] * len(HUMAN_AREAS), ""] for s in students)
    return out


def unquoted(cell: str) -> str:
    """A cell as written before spreadsheet_safe quoted it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def read_human(path: str | Path) -> dict[str, dict]:
    """Each student's human-judged scores (and notes) from the assessor's sheet, every cell checked."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:  # -sig: a sheet saved by a spreadsheet
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ScoreError(f"{path}: cannot read it as CSV ({exc})") from None
    if not rows:
        raise ScoreError(f"{path}: empty; write one with `course capstone-score template`")
    columns = [cell.strip().split(" ")[0].lower() for cell in rows[0]]
    missing = [a.key for a in HUMAN_AREAS if a.key not in columns] + ([] if "student" in columns else ["student"])
    if missing:
        raise ScoreError(f"{path}: no column {', '.join(missing)} (the header is student, "
                         f"{', '.join(map(header, HUMAN_AREAS))}, {NOTES})")
    sheet: dict[str, dict] = {}
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(columns, (c.strip() for c in row)))
        if not any(cells.values()):
            continue
        student = unquoted(cells.get("student", ""))
        where = f"row {number} ({student or 'no student named'})"
        if not student or student in sheet:
            problems.append(f"{where}: {'a second row for this student' if student else 'the student cell is empty'}")
            continue
        scores = {}
        for area in HUMAN_AREAS:
            text = cells.get(area.key, "")
            try:
                value = float(text)
            except ValueError:
                value = None
            if not text:
                problems.append(f"{where}: {area.key} is empty; score it 0-{area.human} (0 when absent)")
            elif value is None or not math.isfinite(value):
                problems.append(f"{where}: {area.key} {text!r} is not a number; score it 0-{area.human}")
            elif not 0 <= value <= area.human:
                problems.append(f"{where}: {area.key} {text} is out of range; score it 0-{area.human}")
            scores[area.key] = value
        sheet[student] = {"scores": scores, NOTES: cells.get(NOTES, "")}
    if problems:
        raise ScoreError(f"{path}: {len(problems)} cell(s) to fix:\n  " + "\n  ".join(problems))
    return sheet


def merged_rows(machine: dict[str, Checked], human: dict[str, dict], sheet: Path) -> list[dict]:
    unscored = sorted(set(machine) - set(human))
    unchecked = sorted(set(human) - set(machine))
    if unscored or unchecked:
        raise ScoreError(f"{sheet}: the sheet and the checks' results name different students: "
                         + "; ".join(filter(None, [unscored and f"not in the sheet: {', '.join(unscored)}",
                                                   unchecked and f"no checks' results: {', '.join(unchecked)}"])))
    rows = []
    for student in sorted(machine):
        checked, assessed = machine[student], human[student]["scores"]
        areas = {}
        for area in AREAS:
            share = checked.core if area.key == "core_functionality" else checked.readme
            areas[area.key] = (area.machine * share[0] / share[1] if area.machine else 0.0) + assessed.get(area.key, 0.0)
        rows.append({"student": student, "areas": areas, "total": sum(areas.values()), "checks": checked.score,
                     NOTES: human[student][NOTES]})
    return rows


def shown(value: float) -> str:
    return f"{round(value, 2):g}"


PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Capstone scores</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:.3rem .6rem;text-align:right}td:first-child,th:first-child,td:last-child{text-align:left}</style></head>
<body><h1>Capstone scores</h1>
<p>Core functionality: all {{ core.machine }} points from the automated checks. Documentation: {{ doc.machine }} from
the README check, {{ doc.human }} from the assessor. Architecture, production readiness and presentation: the assessor
(rubric: site/capstone-rubric.md).</p>
<table><thead><tr><th>Student</th>{% for a in areas %}<th>{{ a.title }} ({{ a.weight }})</th>{% endfor %}
<th>Total (100)</th><th>Checks passed</th><th>Notes</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ r.student }}</td>{% for a in areas %}<td>{{ shown(r.areas[a.key]) }}</td>{% endfor %}
<td><strong>{{ shown(r.total) }}</strong></td><td>{{ shown(r.checks[0]) }} / {{ shown(r.checks[1]) }}</td>
<td>{{ r.notes }}</td></tr>
{% endfor %}</tbody></table></body></html>
""")


def merge(machine: list[str | Path], human: str | Path, out: str | Path) -> tuple[Path, Path]:
    """The merged sheet, as CSV and as an HTML table, in the folder `out`."""
    rows = merged_rows(read_machine(machine), read_human(human), Path(human))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / SCORES_CSV).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *(a.key for a in AREAS), "total", "checks_score", "checks_max", NOTES])
        for r in rows:
            writer.writerow([spreadsheet_safe(r["student"]), *(shown(r["areas"][a.key]) for a in AREAS),
                             shown(r["total"]), shown(r["checks"][0]), shown(r["checks"][1]),
                             spreadsheet_safe(r[NOTES])])
    (out / SCORES_HTML).write_text(PAGE.render(rows=rows, areas=AREAS, shown=shown, core=AREAS[0], doc=AREAS[3]),
                                   encoding="utf-8")
    return out / SCORES_CSV, out / SCORES_HTML
