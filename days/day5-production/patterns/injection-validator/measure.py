"""Measure the handout's naive patterns and an `InputValidator` on the labelled data set; print markdown tables.

    python measure.py                      # the reference solution, test split
    python measure.py --split dev          # the split the rules were tuned on
    python measure.py --package starter    # your own package (the folder that holds injection_guard/)
    python measure.py --split dev --misses # also list the dev rows the validator gets wrong (tune on these)

The lesson page shows this script's output; tests/test_injection_rates.py (in the repository) reruns it and
fails if the page and the numbers disagree.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "injection-set.jsonl"
SOLUTION = HERE.parents[3] / "solutions" / "day5-production" / "injection-validator"
COLUMNS = [("direct", "direct"), ("indirect", "indirect"), ("jailbreak", "jailbreak"),
           ("data_extraction", "data extraction")]


def load_package(folder: Path):
    """Import `injection_guard` from `folder` (the folder that contains the package)."""
    sys.path.insert(0, str(folder))
    return importlib.import_module("injection_guard")


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{100 * rate:.1f}%"


def table(guard, split: str = "test") -> str:
    """A markdown table: detection per attack class, all attacks pooled, and false positives on benign rows."""
    rows = guard.load_rows(DATA, split=split)
    attacks = sum(1 for r in rows if r["label"] != "benign")
    benign = len(rows) - attacks
    lines = [f"{split} split: {attacks} attacks, {benign} benign texts", "",
             "| validator | " + " | ".join(name for _, name in COLUMNS) + " | all attacks | false positives |",
             "|---" * (len(COLUMNS) + 3) + "|"]
    for name, validator in (("naive (handout patterns)", guard.NaiveValidator()), ("ours", guard.InputValidator())):
        report = guard.evaluate(validator, rows)
        cells = [percent(report.detection.get(label)) for label, _ in COLUMNS]
        cells += [percent(report.overall_detection), percent(report.false_positive_rate)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(guard, split: str = "test") -> str:
    rows = guard.load_rows(DATA, split=split)
    report = guard.evaluate(guard.InputValidator(), rows)
    text = {r["id"]: r["text"] for r in rows}
    out = [f"missed attacks ({len(report.missed)}):"] + [f"  {i}: {text[i][:100]!r}" for i in report.missed]
    out += [f"false positives ({len(report.false_positives)}):"]
    out += [f"  {i}: {text[i][:100]!r}" for i in report.false_positives]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--package", type=Path, default=SOLUTION,
                        help="folder that contains injection_guard/ (default: the reference solution)")
    parser.add_argument("--misses", action="store_true", help="list the rows the validator gets wrong")
    args = parser.parse_args(argv)
    folder = args.package if args.package.is_absolute() else (Path.cwd() / args.package)
    if not (folder / "injection_guard").is_dir() and (HERE / args.package / "injection_guard").is_dir():
        folder = HERE / args.package
    guard = load_package(folder.resolve())
    print(table(guard, args.split))
    if args.misses:
        print()
        print(misses(guard, args.split))


if __name__ == "__main__":
    main()
