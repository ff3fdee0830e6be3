"""The weighted risk score: points per factor, summed, then banded into a level.

Every table only ever adds points as a task gets riskier, so the score is monotonic. On its own it is still
not enough: points trade off against each other, so a very accurate model can "pay" for an irreversible
action. The hard rules in rules.py cannot be traded off; the score only decides what they leave open.
"""
from __future__ import annotations

from dataclasses import dataclass

from automation_decision.levels import Automation
from automation_decision.task import Impact, Reversibility, TaskProfile

REVERSIBILITY_POINTS = {Reversibility.EASY: 0, Reversibility.COSTLY: 2, Reversibility.IRREVERSIBLE: 3}
IMPACT_POINTS = {Impact.LOW: 0, Impact.MODERATE: 1, Impact.HIGH: 3, Impact.CRITICAL: 5}
BLAST_RADIUS_POINTS = [(1, 0), (100, 1), (10_000, 2)]            # (at most, points); more: 3
ERROR_COST_POINTS = [(100, 0), (10_000, 1), (1_000_000, 2)]      # (below EUR, points); more: 3
VOLUME_POINTS = [(100, 0), (10_000, 1)]                          # (at most per day, points); more: 2
ACCURACY_POINTS = [(0.99, 0), (0.95, 1), (0.90, 2)]              # (at least, points); lower or unmeasured: 4
REGULATED_POINTS = 2
ABOUT_PEOPLE_POINTS = 1

# Bands of the total: 0-3 AUTOMATE, 4-8 AUTOMATE_WITH_REVIEW, 9-13 HUMAN_APPROVAL_REQUIRED, 14+ DO_NOT_AUTOMATE.
BANDS = [(3, Automation.AUTOMATE), (8, Automation.AUTOMATE_WITH_REVIEW), (13, Automation.HUMAN_APPROVAL_REQUIRED)]


@dataclass(frozen=True)
class Score:
    points: int
    breakdown: dict[str, int]    # factor -> points, in a fixed order
    level: Automation

    def explain(self) -> str:
        parts = ", ".join(f"{factor} {points}" for factor, points in self.breakdown.items() if points)
        return f"risk score {self.points} ({parts or 'no risk factor'}) is in the {self.level.value} band"


def _at_most(value: float, table: list[tuple[float, int]], beyond: int) -> int:
    return next((points for limit, points in table if value <= limit), beyond)


def _below(value: float, table: list[tuple[float, int]], beyond: int) -> int:
    return next((points for limit, points in table if value < limit), beyond)


def accuracy_points(accuracy: float | None) -> int:
    if accuracy is None:
        return 4   # an unmeasured model counts as the worst measured one
    return next((points for floor, points in ACCURACY_POINTS if accuracy >= floor), 4)


def level_for(points: int) -> Automation:
    return next((level for ceiling, level in BANDS if points <= ceiling), Automation.DO_NOT_AUTOMATE)


def score_task(task: TaskProfile) -> Score:
    breakdown = {
        "reversibility": REVERSIBILITY_POINTS[task.reversibility],
        "impact": IMPACT_POINTS[task.impact],
        "blast_radius": _at_most(task.blast_radius, BLAST_RADIUS_POINTS, 3),
        "error_cost": _below(task.error_cost_eur, ERROR_COST_POINTS, 3),
        "regulated_domain": REGULATED_POINTS if task.regulated else 0,
        "about_people": ABOUT_PEOPLE_POINTS if task.decides_about_people else 0,
        "accuracy": accuracy_points(task.measured_accuracy),
        "volume": _at_most(task.volume_per_day, VOLUME_POINTS, 2),
    }
    points = sum(breakdown.values())
    return Score(points, breakdown, level_for(points))
