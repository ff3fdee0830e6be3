"""Hard rules: conditions that set a minimum level no score can lower.

Contract (step 2): `HARD_RULES` is a list of `HardRule`, in this order:

| id | applies when | floor |
|---|---|---|
| `critical-decision-about-people` | `decides_about_people` and impact is CRITICAL | DO_NOT_AUTOMATE |
| `regulated-decision-about-people` | `decides_about_people` and the domain is regulated (`task.regulated`) | HUMAN_APPROVAL_REQUIRED |
| `irreversible-high-impact` | reversibility is IRREVERSIBLE and impact is HIGH or CRITICAL | HUMAN_APPROVAL_REQUIRED |
| `accuracy-unproven` | `measured_accuracy` is None, or `evaluated_cases` < MIN_EVALUATED_CASES | AUTOMATE_WITH_REVIEW |

`explain(task)` returns one sentence a reviewer can read: what applied, and why it keeps people involved
(name the domain for the regulated rule). A rule is a floor: it can keep people more involved, never less.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from automation_decision.levels import Automation  # noqa: F401 - the floors
from automation_decision.task import Impact, Reversibility, TaskProfile  # noqa: F401

MIN_EVALUATED_CASES = 100  # fewer labelled cases than this cannot show how the model does on real traffic


@dataclass(frozen=True)
class HardRule:
    id: str
    level: Automation                        # the floor it sets
    applies: Callable[[TaskProfile], bool]
    explain: Callable[[TaskProfile], str]


# TODO step 2: the four rules of the table above, in that order.
HARD_RULES: list[HardRule] = []

# Applied last, in decide(): approval was required, but nobody can give it in time.
APPROVAL_NOT_FEASIBLE = "approval-not-feasible"


def approval_not_feasible_text(task: TaskProfile) -> str:
    return (f"each action needs a person's approval, but at {task.volume_per_day} a day nobody can review them "
            "before they take effect; an approval nobody can give is no safeguard, and approving by default "
            "would be full automation under another name. Make the action reversible or staff the review first")
