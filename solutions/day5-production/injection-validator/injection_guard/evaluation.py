"""Measure a validator on labelled rows: detection per attack class, overall, and false positives."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

### BEGIN STARTER
# from injection_guard.verdict import ATTACK_CLASSES, CLASSES  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from injection_guard.verdict import ATTACK_CLASSES, CLASSES
### END SOLUTION


@dataclass(frozen=True)
class Report:
    detection: dict[str, float]            # per attack class present: share of its rows blocked
    overall_detection: float | None        # all attack rows pooled: blocked / attacks (None without attacks)
    false_positive_rate: float | None      # benign rows blocked / benign rows (None without benign rows)
    counts: dict[str, int] = field(default_factory=dict)   # rows per label
    missed: list[str] = field(default_factory=list)        # ids of attack rows that were allowed
    false_positives: list[str] = field(default_factory=list)  # ids of benign rows that were blocked


def evaluate(validator, rows: Iterable[dict]) -> Report:
    ### BEGIN STARTER
    # """TODO step 5. Call `validator.check(row["text"])` once per row; a row is blocked when `.allowed` is false.
    #
    # detection: for each attack class (ATTACK_CLASSES) that has rows, blocked rows / rows of that class.
    # overall_detection: blocked attack rows / all attack rows, pooled (not the mean of the class rates).
    # false_positive_rate: blocked benign rows / benign rows. `missed` and `false_positives` hold `row["id"]`
    # (or the row's position when it has no id). Raise ValueError for a label not in CLASSES.
    # """
    # raise NotImplementedError("step 5: evaluate")
    ### END STARTER
    ### BEGIN SOLUTION
    """Run `validator.check(row["text"])` on every row and compare `.allowed` with `row["label"]`."""
    total: dict[str, int] = {}
    blocked: dict[str, int] = {}
    missed, false_positives = [], []
    for n, row in enumerate(rows):
        label = row["label"]
        if label not in CLASSES:
            raise ValueError(f"row {row.get('id', n)}: unknown label {label!r}")
        stopped = not validator.check(row["text"]).allowed
        total[label] = total.get(label, 0) + 1
        blocked[label] = blocked.get(label, 0) + stopped
        row_id = str(row.get("id", n))
        if label == "benign" and stopped:
            false_positives.append(row_id)
        elif label != "benign" and not stopped:
            missed.append(row_id)
    attacks = sum(total.get(c, 0) for c in ATTACK_CLASSES)
    caught = sum(blocked.get(c, 0) for c in ATTACK_CLASSES)
    return Report(
        detection={c: blocked[c] / total[c] for c in ATTACK_CLASSES if total.get(c)},
        overall_detection=caught / attacks if attacks else None,
        false_positive_rate=blocked["benign"] / total["benign"] if total.get("benign") else None,
        counts=dict(total), missed=missed, false_positives=false_positives)
    ### END SOLUTION


def load_rows(path: str | Path, split: str | None = None) -> list[dict]:
    """The rows of a JSON Lines data set, optionally only one split ("dev" or "test")."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r.get("split") == split]
