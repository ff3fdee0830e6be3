### BEGIN STARTER
# """The decision: hard rules first, then the score for whatever they leave open, with every reason kept.
#
# Contract (step 3), `decide(task) -> Decision`:
#
# 1. `reasons`: one `Reason(rule.id, rule.level, rule.explain(task))` for every hard rule that applies, in
#    HARD_RULES order, then `Reason("score", score.level, score.explain())` from `score_task(task)`.
# 2. `level`: the most restrictive level among the reasons (`most_restrictive`). Never an average, never a sum:
#    no amount of accuracy can buy back a hard rule.
# 3. If that level is HUMAN_APPROVAL_REQUIRED and `task.human_review_in_time` is false, append
#    `Reason(APPROVAL_NOT_FEASIBLE, DO_NOT_AUTOMATE, approval_not_feasible_text(task))` and the level becomes
#    DO_NOT_AUTOMATE (an approval nobody can give in time is no safeguard; falling back to automation would
#    make a riskier task MORE automated).
# 4. `decided_by`: the rule of the FIRST reason whose level equals the final level (so a hard rule wins a tie
#    with the score).
# """
### END STARTER
### BEGIN SOLUTION
"""The decision: hard rules first, then the score for whatever they leave open, with every reason kept."""
### END SOLUTION
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

### BEGIN STARTER
# from automation_decision.levels import Automation, most_restrictive  # noqa: F401
# from automation_decision.rules import APPROVAL_NOT_FEASIBLE, HARD_RULES, approval_not_feasible_text  # noqa: F401
# from automation_decision.scoring import Score, score_task  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from automation_decision.levels import Automation, most_restrictive
from automation_decision.rules import APPROVAL_NOT_FEASIBLE, HARD_RULES, approval_not_feasible_text
from automation_decision.scoring import Score, score_task
### END SOLUTION
from automation_decision.task import TaskProfile, parse_task

SCORE = "score"


@dataclass(frozen=True)
class Reason:
    rule: str            # a hard rule's id, "score", or "approval-not-feasible"
    level: Automation    # the level this reason asks for at least
    text: str


@dataclass(frozen=True)
class Decision:
    task: str
    level: Automation
    decided_by: str                  # the reason that set the level: a hard rule wins a tie with the score
    reasons: tuple[Reason, ...]      # every rule that applied, then the score, then feasibility
    score: Score

    @property
    def requires_human(self) -> bool:
        return self.level.rank >= Automation.HUMAN_APPROVAL_REQUIRED.rank

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "level": self.level.value, "decided_by": self.decided_by,
                "requires_human": self.requires_human,
                "reasons": [{"rule": r.rule, "level": r.level.value, "text": r.text} for r in self.reasons],
                "score": {"points": self.score.points, "level": self.score.level.value,
                          "breakdown": dict(self.score.breakdown)}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)


def decide(task: TaskProfile) -> Decision:
    ### BEGIN STARTER
    # """Steps 1-4 of the contract above."""
    # # TODO step 3. The tempting version is the weighted score alone, `score_task(task).level`: it lets a very
    # # accurate model outweigh an irreversible action or a regulated decision about a person.
    # raise NotImplementedError("step 3: decide")
    ### END STARTER
    ### BEGIN SOLUTION
    score = score_task(task)
    reasons = [Reason(rule.id, rule.level, rule.explain(task)) for rule in HARD_RULES if rule.applies(task)]
    reasons.append(Reason(SCORE, score.level, score.explain()))
    level = most_restrictive(r.level for r in reasons)
    if level is Automation.HUMAN_APPROVAL_REQUIRED and not task.human_review_in_time:
        reasons.append(Reason(APPROVAL_NOT_FEASIBLE, Automation.DO_NOT_AUTOMATE, approval_not_feasible_text(task)))
        level = Automation.DO_NOT_AUTOMATE
    decided_by = next(r.rule for r in reasons if r.level is level)
    return Decision(task.name, level, decided_by, tuple(reasons), score)
    ### END SOLUTION


def evaluate(data: Mapping[str, Any] | TaskProfile) -> Decision:
    """Validate (InvalidTask on any problem), then decide."""
    return decide(parse_task(data))
