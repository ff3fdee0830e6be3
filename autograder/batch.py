"""`course grade`: grade a folder of submissions, each sandboxed, into results.json files, grades.csv and a report."""
from __future__ import annotations

import csv
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import jinja2
from tqdm import tqdm

from autograder.check import UserError
from autograder.grading import grade_many
from autograder.runner import sandbox_available
from autograder.units import find_unit

REPORT = jinja2.Template("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ unit.name }} grades</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}.bar{background:#4a7;height:.8rem}</style></head>
<body><h1>{{ unit.name }}: {{ unit.title }}</h1>
<p>{{ rows|length }} submissions graded; mean {{ "%.1f"|format(mean) }} / {{ max_score|round(1) }}. {{ isolation }}</p>
<h2>Score distribution</h2>{{ chart }}
<h2>Pass rate per test</h2><table><tr><th>test</th><th>points</th><th>visibility</th><th>passed</th><th></th></tr>
{% for t in tests %}<tr><td>{{ t.name }}</td><td>{{ t.max_score|round(1) }}</td><td>{{ t.visibility }}</td>
<td>{{ t.passed }}/{{ rows|length }}</td><td><div class="bar" style="width:{{ (100 * t.rate)|int }}px"></div></td></tr>
{% endfor %}</table>
<h2>Submissions</h2><table><tr><th>submission</th><th>score</th><th>problems</th></tr>
{% for r in rows %}<tr><td><a href="./{{ r.slot|urlencode }}/results.json">{{ r.name }}</a></td><td>{{ r.score|round(1) }} / {{ r.max_score|round(1) }}</td>
<td>{{ r.problem }}</td></tr>{% endfor %}</table></body></html>
""", autoescape=True)


def score_chart(scores: list[float], max_score: float) -> str:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 2.6))
    axes.hist(scores, bins=10, range=(0, max_score or 1), color="#4a7", edgecolor="white")
    axes.set_xlabel("score")
    axes.set_ylabel("submissions")
    figure.tight_layout()
    svg = io.StringIO()
    figure.savefig(svg, format="svg")
    pyplot.close(figure)
    return svg.getvalue()[svg.getvalue().index("<svg"):]


def first_problem(results: dict) -> str:
    failed = [t for t in results["tests"] if t["status"] != "passed"]
    if not results["tests"]:
        return results["output"].splitlines()[0] if results["output"] else "no tests ran"
    return f"{len(failed)} failed; first: {failed[0]['output'].splitlines()[0][:160]}" if failed and failed[0]["output"] else (
        f"{len(failed)} failed" if failed else "")


SLOT_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MOST_PER_SESSION = 8  # submissions graded in one pytest session: start-up paid once, a stopped session costs few
INSTRUCTOR_DIR = "_instructor"  # pytest's own output, which shows hidden tests' source: never given to students


def submissions_in(folder: Path) -> list[Path]:
    """Every folder or notebook in `folder`, symbolic links included (they are refused when graded)."""
    return sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".ipynb" or p.is_symlink())


def assign_slots(entries: list[Path]) -> tuple[dict[Path, str], list[str]]:
    """A distinct output folder name for each submission, made of safe characters; collisions are
    reported and resolved (`dup`, `dup.ipynb` -> `dup`, `dup.ipynb`; `a b`, `a_b` -> `a_b`, `a_b-2`)."""
    slots: dict[Path, str] = {}
    taken: set[str] = {INSTRUCTOR_DIR.lower()}
    warnings = []
    for entry in entries:
        base = SLOT_CHARACTERS.sub("_", entry.name).strip("._") or "submission"
        slot, n = base, 1
        while slot.lower() in taken:
            n += 1
            slot = f"{base}-{n}"
        if slot != entry.name:
            warnings.append(f"{entry.name!r} is written to {slot}/")
        taken.add(slot.lower())
        slots[entry] = slot
    return slots, warnings


def sessions_for(entries: list[Path], jobs: int) -> list[list[Path]]:
    """Submissions split into pytest sessions: enough sessions to keep `jobs` busy, at most MOST_PER_SESSION each."""
    count = max(min(len(entries), jobs), -(-len(entries) // MOST_PER_SESSION))
    return [entries[i::count] for i in range(count)] if entries else []


def grade_all(unit_name: str, folder: str, out: str, *, jobs: int = 2, sandbox: bool | None = None) -> int:
    unit, out_dir = find_unit(unit_name), Path(out)
    if sandbox is None:
        sandbox = sandbox_available()
        if not sandbox:
            print("warning: bubblewrap is not available; submissions run unsandboxed (separate processes only)")
    if not Path(folder).is_dir():
        raise UserError(f"no such folder: {folder}")
    entries = submissions_in(Path(folder))
    if not entries:
        raise UserError(f"nothing to grade in {folder}: it should hold one folder or .ipynb file per student")
    slots, renamed = assign_slots(entries)
    for warning in renamed:
        print(f"note: {warning}")
    (out_dir / INSTRUCTOR_DIR).mkdir(parents=True, exist_ok=True)
    results: dict[Path, dict] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool, tqdm(total=len(entries), unit="submission") as bar:
        futures = {}
        for group in sessions_for(entries, jobs):
            for entry in group:
                (out_dir / slots[entry]).mkdir(parents=True, exist_ok=True)
            futures[pool.submit(grade_many, unit, [str(e.absolute()) for e in group], hidden=True, sandbox=sandbox,
                                logs=[out_dir / INSTRUCTOR_DIR / f"{slots[e]}.log" for e in group])] = group
        for future in as_completed(futures):
            for entry, graded in zip(futures[future], future.result()):
                results[entry] = graded
                (out_dir / slots[entry] / "results.json").write_text(json.dumps(graded, indent=2) + "\n")
                bar.set_postfix_str(slots[entry])
                bar.update()
    write_reports(unit, {slots[e]: {**r, "submission": e.name} for e, r in results.items()}, out_dir)
    print(f"graded {len(results)} of {len(entries)} submissions -> {out_dir / 'grades.csv'}, {out_dir / 'report.html'}"
          f" (pytest logs for instructors: {out_dir / INSTRUCTOR_DIR})")
    return 0 if len(results) == len(entries) else 1


def spreadsheet_safe(value):
    """A CSV cell no spreadsheet will run as a formula (OWASP's advice: a leading quote)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_reports(unit, results: dict[str, dict], out_dir: Path) -> None:
    """grades.csv and report.html; `results` maps each output slot to its results (with the submission's name)."""
    names = sorted(results)
    test_names = list(dict.fromkeys(t["name"] for r in results.values() for t in r["tests"]))
    with (out_dir / "grades.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "folder", "score", "max_score", *map(spreadsheet_safe, test_names)])
        for name in names:
            by_test = {t["name"]: t["score"] for t in results[name]["tests"]}
            writer.writerow([spreadsheet_safe(results[name].get("submission", name)), name, results[name]["score"],
                             results[name]["max_score"], *(by_test.get(t, 0.0) for t in test_names)])
    max_score = max((r["max_score"] for r in results.values()), default=0.0)
    scores = [results[n]["score"] for n in names]
    tests = []
    for test_name in test_names:
        rows = [t for r in results.values() for t in r["tests"] if t["name"] == test_name]
        passed = sum(t["status"] == "passed" for t in rows)
        tests.append({"name": test_name, "max_score": rows[0]["max_score"], "visibility": rows[0]["visibility"],
                      "passed": passed, "rate": passed / max(len(names), 1)})
    rows = [{"name": results[n].get("submission", n), "slot": n, "score": results[n]["score"],
             "max_score": results[n]["max_score"],
             "problem": first_problem(results[n])} for n in names]
    isolation = next((r["output"] for r in results.values() if r["output"].startswith("Isolation")), "")
    (out_dir / "report.html").write_text(REPORT.render(
        unit=unit, rows=rows, tests=tests, max_score=max_score, mean=sum(scores) / max(len(scores), 1),
        chart=jinja2.utils.markupsafe.Markup(score_chart(scores, max_score)), isolation=isolation))
