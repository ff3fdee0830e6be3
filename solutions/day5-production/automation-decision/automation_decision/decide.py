"""The decision: hard rules first, then the score for whatever they leave open, with every reason kept."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automation_decision.levels import Automation, most_restrictive
from automation_decision.rules import APPROVAL_NOT_FEASIBLE, HARD_RULES, approval_not_feasible_text
from automation_decision.scoring import Score, score_task
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
    score = score_task(task)
    reasons = [Reason(rule.id, rule.level, rule.explain(task)) for rule in HARD_RULES if rule.applies(task)]
    reasons.append(Reason(SCORE, score.level, score.explain()))
    level = most_restrictive(r.level for r in reasons)
    if level is Automation.HUMAN_APPROVAL_REQUIRED and not task.human_review_in_time:
        reasons.append(Reason(APPROVAL_NOT_FEASIBLE, Automation.DO_NOT_AUTOMATE, approval_not_feasible_text(task)))
        level = Automation.DO_NOT_AUTOMATE
    decided_by = next(r.rule for r in reasons if r.level is level)
    return Decision(task.name, level, decided_by, tuple(reasons), score)


def evaluate(data: Mapping[str, Any] | TaskProfile) -> Decision:
    """Validate (InvalidTask on any problem), then decide."""
    return decide(parse_task(data))
