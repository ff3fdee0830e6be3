### BEGIN STARTER
# """Hard rules: conditions that set a minimum level no score can lower.
#
# Contract (step 2): `HARD_RULES` is a list of `HardRule`, in this order:
#
# | id | applies when | floor |
# |---|---|---|
# | `critical-decision-about-people` | `decides_about_people` and impact is CRITICAL | DO_NOT_AUTOMATE |
# | `regulated-decision-about-people` | `decides_about_people` and the domain is regulated (`task.regulated`) | HUMAN_APPROVAL_REQUIRED |
# | `irreversible-high-impact` | reversibility is IRREVERSIBLE and impact is HIGH or CRITICAL | HUMAN_APPROVAL_REQUIRED |
# | `accuracy-unproven` | `measured_accuracy` is None, or `evaluated_cases` < MIN_EVALUATED_CASES | AUTOMATE_WITH_REVIEW |
#
# `explain(task)` returns one sentence a reviewer can read: what applied, and why it keeps people involved
# (name the domain for the regulated rule). A rule is a floor: it can keep people more involved, never less.
# """
### END STARTER
### BEGIN SOLUTION
"""Hard rules: conditions that set a minimum level no score can lower.

Each rule is a floor. The decision is the most restrictive of every floor that applies and the score's band,
so a rule can only ever keep people more involved, never less.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

### BEGIN STARTER
# from automation_decision.levels import Automation  # noqa: F401 - the floors
# from automation_decision.task import Impact, Reversibility, TaskProfile  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from automation_decision.levels import Automation
from automation_decision.task import Impact, Reversibility, TaskProfile
### END SOLUTION

MIN_EVALUATED_CASES = 100  # fewer labelled cases than this cannot show how the model does on real traffic


@dataclass(frozen=True)
class HardRule:
    id: str
    level: Automation                        # the floor it sets
    applies: Callable[[TaskProfile], bool]
    explain: Callable[[TaskProfile], str]


### BEGIN STARTER
# # TODO step 2: the four rules of the table above, in that order.
# HARD_RULES: list[HardRule] = []
#
# # Applied last, in decide(): approval was required, but nobody can give it in time.
### END STARTER
### BEGIN SOLUTION
def _unproven(task: TaskProfile) -> bool:
    return task.measured_accuracy is None or task.evaluated_cases < MIN_EVALUATED_CASES


def _unproven_text(task: TaskProfile) -> str:
    if task.measured_accuracy is None:
        return "the model's accuracy has never been measured, so nobody knows how often it is wrong"
    return (f"the accuracy of {task.measured_accuracy:.1%} comes from only {task.evaluated_cases} labelled cases "
            f"(fewer than {MIN_EVALUATED_CASES}): not enough evidence to let it act unsupervised")


HARD_RULES = [
    HardRule(
        "critical-decision-about-people", Automation.DO_NOT_AUTOMATE,
        lambda t: t.decides_about_people and t.impact is Impact.CRITICAL,
        lambda t: (f"a decision about a person with critical impact (domain: {t.domain.value}): a person makes "
                   "it; the agent may gather information for them but must not decide or propose the outcome, "
                   "because a proposal in front of a busy reviewer tends to become the decision"),
    ),
    HardRule(
        "regulated-decision-about-people", Automation.HUMAN_APPROVAL_REQUIRED,
        lambda t: t.decides_about_people and t.regulated,
        lambda t: (f"a decision about people in a regulated domain ({t.domain.value}) may not rest on automated "
                   "processing alone: a person approves each one"),
    ),
    HardRule(
        "irreversible-high-impact", Automation.HUMAN_APPROVAL_REQUIRED,
        lambda t: t.reversibility is Reversibility.IRREVERSIBLE and t.impact in (Impact.HIGH, Impact.CRITICAL),
        lambda t: (f"irreversible with {t.impact.value} impact: no rollback can repair a wrong action, so a "
                   "person approves each one before it happens"),
    ),
    HardRule("accuracy-unproven", Automation.AUTOMATE_WITH_REVIEW, _unproven, _unproven_text),
]

# Applied last: approval was required, but nobody can give it in time.
### END SOLUTION
APPROVAL_NOT_FEASIBLE = "approval-not-feasible"


def approval_not_feasible_text(task: TaskProfile) -> str:
    return (f"each action needs a person's approval, but at {task.volume_per_day} a day nobody can review them "
            "before they take effect; an approval nobody can give is no safeguard, and approving by default "
            "would be full automation under another name. Make the action reversible or staff the review first")
