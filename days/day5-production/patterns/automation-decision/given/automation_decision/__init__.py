"""Decide how far to automate a task: AUTOMATE, AUTOMATE_WITH_REVIEW, HUMAN_APPROVAL_REQUIRED or DO_NOT_AUTOMATE,
with hard rules no score can outweigh, a weighted risk score for the rest, and every reason kept."""
from automation_decision.decide import Decision, Reason, decide, evaluate
from automation_decision.levels import ORDER, Automation, most_restrictive
from automation_decision.rules import APPROVAL_NOT_FEASIBLE, HARD_RULES, MIN_EVALUATED_CASES, HardRule
from automation_decision.scoring import Score, level_for, score_task
from automation_decision.task import REGULATED, Domain, Impact, InvalidTask, Reversibility, TaskProfile, parse_task

__all__ = ["Automation", "ORDER", "most_restrictive", "TaskProfile", "Reversibility", "Impact", "Domain", "REGULATED",
           "InvalidTask", "parse_task", "Score", "score_task", "level_for", "HardRule", "HARD_RULES",
           "MIN_EVALUATED_CASES", "APPROVAL_NOT_FEASIBLE", "Reason", "Decision", "decide", "evaluate"]
