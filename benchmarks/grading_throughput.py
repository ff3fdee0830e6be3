"""Grading throughput on lab05, side by side in one run: `course grade` on N copies of the reference solution
package, and `nbgrader autograde` on N copies of the filled solution notebook. Prints submissions per second
for each and, last, `ratio=<course rate / nbgrader rate>`.

Usage: python benchmarks/grading_throughput.py [--n 8] [--jobs N]
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder import nbbuild
from autograder.batch import MOST_PER_SESSION
from autograder.cli import default_jobs
from autograder.runner import sandbox_available
from autograder.units import find_unit


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["COURSE_LLM_MODE"] = "replay"
    return env


def timed(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=offline_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return elapsed


def scores(grades_csv: Path, name_column: str) -> list[float]:
    with grades_csv.open() as handle:
        return [float(row["score"]) for row in csv.DictReader(handle) if row[name_column]]


def summary(marks: list[float]) -> str:
    """"8 x 100" when every submission got the same score, else each score."""
    return f"{len(marks)} x {marks[0]:g}" if marks and len(set(marks)) == 1 else ", ".join(f"{m:g}" for m in marks)


def bench_course(unit, n: int, jobs: int, work: Path) -> tuple[float, list[float]]:
    submissions, out = work / "submissions", work / "out"
    for i in range(1, n + 1):
        shutil.copytree(unit.solution / unit.package, submissions / f"student{i:02d}" / unit.package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    cli = Path(sys.executable).with_name("course")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "autograder.cli"]
    seconds = timed([*command, "grade", unit.name, str(submissions), "--out", str(out), "--jobs", str(jobs)])
    return seconds, scores(out / "grades.csv", "submission")


def bench_nbgrader(unit, n: int, work: Path) -> tuple[float, list[float]]:
    course = work / "course"
    release = nbbuild.generate(unit, course)  # set-up, not timed
    filled = nbformat.writes(nbbuild.build_source(unit))
    for i in range(1, n + 1):
        folder = course / "submitted" / f"student{i:02d}" / unit.name
        shutil.copytree(release.parent, folder)
        (folder / release.name).write_text(filled)
    start = time.perf_counter()
    nbbuild.nbgrader(course, "autograde", unit.name)
    seconds = time.perf_counter() - start
    nbbuild.nbgrader(course, "export")  # to read the scores back; not timed
    return seconds, scores(course / "grades.csv", "student_id")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=8, help="submissions graded by each tool (default 8)")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help=f"`course grade --jobs` (default {default_jobs()}, course grade's own default here)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    unit = find_unit("lab05")
    sandbox = "in a bubblewrap sandbox" if sandbox_available() else "UNSANDBOXED (bubblewrap is not available)"
    print(f"{unit.name}: {args.n} copies of the reference solution per tool, graded one tool after the other on "
          f"this machine in this run; wall clock, including each CLI's start-up")
    with tempfile.TemporaryDirectory(prefix="grading-bench-") as scratch:
        work = Path(scratch)
        course_s, course_scores = bench_course(unit, args.n, args.jobs, work / "course")
        nbgrader_s, nbgrader_scores = bench_nbgrader(unit, args.n, work / "nbgrader")
    rows = [("course grade", course_s, course_scores,
             f"visible and hidden tests; up to {MOST_PER_SESSION} submissions per pytest session, each with its own "
             f"worker process {sandbox}; {args.jobs} sessions at a time"),
            ("nbgrader autograde", nbgrader_s, nbgrader_scores,
             "the same tests, run by the notebook's grade cells inside one kernel per notebook; one notebook at a "
             "time; no sandbox")]
    for name, seconds, marks, how in rows:
        print(f"{name:<19}{seconds:7.1f} s  {args.n / seconds:6.3f} submissions/s  scores {summary(marks)}\n"
              f"    ({how})")
    print(f"ratio={(args.n / course_s) / (args.n / nbgrader_s):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
