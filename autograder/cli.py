"""The `course` command: doctor, record, list, check and quiz (students), grade, gradebook, capstone-score,
export, release, starters and slides (instructors)."""
from __future__ import annotations

import argparse
import os
import signal
import sys


def default_jobs() -> int:
    return max(2, (os.cpu_count() or 1) + 1)


def entry() -> int:
    """The `course` command. Only here is SIGPIPE given its default (`course check lab05 | head` ends quietly):
    code that calls main() in a longer-lived process (a test run, a notebook) keeps Python's own handling."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return main()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description="Agentic AI engineering course tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    doc = commands.add_parser("doctor", help="check Python, packages, keys, mode and fixtures (offline)")
    doc.add_argument("--live", action="store_true",
                     help="maintainers, with a key: one tiny live call per default model and API shape")
    rec = commands.add_parser("record", help="re-record a unit's fixtures live (needs a key)")
    rec.add_argument("unit", help="unit name (e.g. lab05) or folder")
    lst = commands.add_parser("list", help="every unit: day, level, minutes, parts and points")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    chk = commands.add_parser("check", help="grade your working copy of a unit offline, with hints")
    chk.add_argument("unit")
    which = chk.add_mutually_exclusive_group()
    which.add_argument("--solution", action="store_true", help="grade the reference solution instead")
    which.add_argument("--submission", metavar="PATH", help="grade this folder or notebook instead")
    chk.add_argument("--json", metavar="PATH", help="also write Gradescope results.json here")
    qz = commands.add_parser("quiz", help="a day's check of understanding, asked and scored in the terminal")
    qz.add_argument("day", help="the day's number (1-5) or folder (day3-agents)")
    grd = commands.add_parser("grade", help="instructors: grade a folder of submissions (sandboxed)")
    grd.add_argument("unit")
    grd.add_argument("submissions", help="folder holding one folder or .ipynb per student")
    grd.add_argument("--out", required=True, help="where results.json files, grades.csv and report.html go")
    grd.add_argument("--jobs", type=int, default=default_jobs(),
                     help=f"grading sessions at once, each taking up to 8 submissions in turn (default {default_jobs()}: "
                          "one more than the CPUs, so that one session's start-up overlaps the others' tests)")
    grd.add_argument("--no-sandbox", action="store_true", help="skip bubblewrap (trusted code only)")
    gbk = commands.add_parser("gradebook", help="instructors: every unit a class was graded on in one table, with "
                                                 "the most failed tests (gradebook.csv and gradebook.html)")
    gbk.add_argument("results", nargs="+", metavar="RESULTS_DIR",
                     help="a `course grade --out` folder per unit; its name names the unit's column")
    gbk.add_argument("--out", required=True, metavar="DIR", help="where gradebook.csv and gradebook.html go")
    cap = commands.add_parser("capstone-score", help="instructors: capstone scores out of 100, the checks' results "
                                                      "merged with an assessor's sheet (site/capstone-rubric.md)")
    steps = cap.add_subparsers(dest="step", required=True)
    tpl = steps.add_parser("template", help="write the assessor's sheet: a row per graded student, a column per "
                                            "human-judged area")
    tpl.add_argument("out", metavar="OUT.csv")
    tpl.add_argument("machine", nargs="+", metavar="RESULTS",
                     help="a `course grade --out` folder, or results .json files `course check --json` wrote")
    tpl.add_argument("--force", action="store_true", help="overwrite OUT.csv if it exists")
    mrg = steps.add_parser("merge", help="merge the checks' results with the filled sheet into "
                                         "capstone-scores.csv and capstone-scores.html")
    mrg.add_argument("machine", nargs="+", metavar="RESULTS", help="as for `template`")
    mrg.add_argument("--human", required=True, metavar="SHEET.csv", help="the assessor's filled sheet")
    mrg.add_argument("--out", required=True, metavar="DIR", help="where the merged sheet goes")
    rel = commands.add_parser("release", help="instructors: build an edition of the course into a new folder")
    rel.add_argument("--student", metavar="OUT", required=True,
                     help="the student edition: no lab solutions, hidden tests, answer keys or instructor notes")
    fix = commands.add_parser("fixtures", help="check every fixture and report the oldest SDK wire format they hold")
    fix.add_argument("--stamp", action="store_true",
                     help="add the installed SDK versions to fixtures that name none (for fixtures just written)")
    exp = commands.add_parser("export", help="instructors: a unit as a Gradescope autograder or a GitHub Classroom template")
    targets = exp.add_subparsers(dest="target", required=True)
    gsc = targets.add_parser("gradescope", help="a Gradescope autograder zip: visible and hidden tests, no solution")
    gsc.add_argument("unit")
    gsc.add_argument("out", metavar="OUT.zip")
    cls = targets.add_parser("classroom", help="a GitHub Classroom assignment repository with an autograding workflow")
    cls.add_argument("unit")
    cls.add_argument("out", metavar="OUT_DIR", help="a new or empty folder")
    stt = commands.add_parser("starters", help="make the units' starter folders from their solutions")
    from autograder.starters import add_arguments
    add_arguments(stt)
    sld = commands.add_parser("slides", help="instructors: a self-contained HTML slide deck per day, made from the "
                                             "day's pages (arrow keys to move, print for handouts)")
    sld.add_argument("day", nargs="?", help="one day: 3, day3 or day3-agents (default: every day)")
    sld.add_argument("--out", default="build/slides", metavar="DIR", help="where the decks go (default build/slides)")
    args = parser.parse_args(argv)
    from autograder.check import UserError
    from autograder.units import UnitError
    from autograder.capstone_score import ScoreError
    from autograder.quiz import QuizError
    try:
        return dispatch(args)
    except (UserError, UnitError, LookupError, ScoreError, QuizError) as exc:
        print(f"course {args.command}: {str(exc).strip(chr(39))}", file=sys.stderr)
        return 2


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "doctor" and args.live:
        from autograder import doctor_live
        return doctor_live.run()
    if args.command == "doctor":
        from autograder import doctor
        return doctor.run()
    if args.command == "record":
        from autograder import record
        return record.run(args.unit)
    if args.command == "list":
        from autograder.check import list_units
        return list_units(args.json)
    if args.command == "check":
        from autograder.check import check
        return check(args.unit, solution=args.solution, submission=args.submission, json_path=args.json)
    if args.command == "quiz":
        from autograder.quiz import run
        return run(args.day)
    if args.command == "capstone-score" and args.step == "template":
        from autograder.capstone_score import write_template
        print(f"assessor's sheet written to {write_template(args.out, args.machine, force=args.force)}")
        return 0
    if args.command == "capstone-score":
        from autograder.capstone_score import merge
        print("merged scores written to {} and {}".format(*merge(args.machine, args.human, args.out)))
        return 0
    if args.command == "gradebook":
        from autograder.gradebook import build
        return build(args.results, args.out)
    if args.command == "release":
        from autograder.release import release_student
        print(f"student edition written to {release_student(args.student)}")
        return 0
    if args.command == "export" and args.target == "gradescope":
        from autograder.export_gradescope import export
        print(f"Gradescope autograder written to {export(args.unit, args.out)}")
        return 0
    if args.command == "export":
        from autograder.export_classroom import export
        print(f"GitHub Classroom template written to {export(args.unit, args.out)}")
        return 0
    if args.command == "fixtures":
        from autograder.fixtures import report
        return report(stamp_missing=args.stamp)
    if args.command == "starters":
        from autograder import starters
        return starters.main(args.units, check=args.check, force=args.force)
    if args.command == "slides":
        from pathlib import Path
        from autograder.slides import write
        for path in write(Path(args.out), args.day):
            print(f"wrote {path}")
        return 0
    from autograder.batch import grade_all
    return grade_all(args.unit, args.submissions, args.out, jobs=args.jobs,
                     sandbox=False if args.no_sandbox else None)

if __name__ == "__main__":
    sys.exit(entry())
