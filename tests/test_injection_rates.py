"""The injection-validator lesson states measured rates; they must be the rates the code produces today.

Not a graded test: it reruns the unit's measure.py against the reference solution and fails if the lesson
page shows different numbers, and it checks the shape of the labelled data set the numbers come from."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "days" / "day5-production" / "patterns" / "injection-validator"
DATA = UNIT / "data" / "injection-set.jsonl"
CLASSES = {"benign", "direct", "indirect", "jailbreak", "data_extraction"}
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def measured(split: str) -> str:
    done = subprocess.run([sys.executable, str(UNIT / "measure.py"), "--split", split], capture_output=True,
                          text=True, timeout=120, cwd=UNIT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.parametrize("split", ["test", "dev"])
def test_the_lesson_shows_the_rates_measured_today(split):
    table = measured(split)
    readme = (UNIT / "README.md").read_text(encoding="utf-8")
    assert table in readme, (f"README.md no longer matches `python measure.py --split {split}`; paste this "
                             f"output into the page:\n\n{table}")


def test_the_reference_validator_meets_the_graded_bars():
    """The graded tests ask for at least 70% per class, 80% overall and at most 5% false positives."""
    rows = [line for line in measured("test").splitlines() if line.startswith("| ours |")]
    cells = [float(c.strip().rstrip("%")) for c in rows[0].strip("|").split("|")[1:]]
    *classes, overall, false_positives = cells
    assert min(classes) >= 70 and overall >= 80 and false_positives <= 5, cells


def test_every_row_is_complete_and_labelled():
    for row in ROWS:
        assert set(row) >= {"id", "text", "label", "split", "source"}, row
        assert row["label"] in CLASSES and row["split"] in {"dev", "test"}, row
        assert row["text"].strip() and row["source"].strip().startswith("authored;"), row["id"]


def test_ids_are_unique_and_texts_are_not_repeated():
    ids = Counter(r["id"] for r in ROWS)
    assert not [i for i, n in ids.items() if n > 1]
    texts = Counter(r["text"] for r in ROWS)
    assert not [t for t, n in texts.items() if n > 1]


def test_every_class_has_at_least_a_hundred_rows_and_both_splits():
    per_class = Counter(r["label"] for r in ROWS)
    assert all(per_class[c] >= 100 for c in CLASSES), per_class
    for label in CLASSES:
        splits = Counter(r["split"] for r in ROWS if r["label"] == label)
        assert splits["test"] >= 50 and splits["dev"] >= 100, (label, splits)
