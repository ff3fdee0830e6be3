"""Prompt-injection input validation: normalise, score with weighted patterns, sanitise, measure, guard a chat."""
from injection_guard.chat import GuardedChat, InputRejected, wrap
from injection_guard.evaluation import Report, evaluate, load_rows
from injection_guard.naive import NAIVE_PATTERNS, NaiveValidator
from injection_guard.normalise import normalise, views
from injection_guard.rules import RULES, Rule
from injection_guard.sanitiser import sanitise
from injection_guard.validator import InputValidator
from injection_guard.verdict import ATTACK_CLASSES, CLASSES, Verdict

__all__ = ["InputValidator", "Verdict", "Rule", "RULES", "normalise", "views", "sanitise", "evaluate", "Report",
           "load_rows", "NAIVE_PATTERNS", "NaiveValidator", "GuardedChat", "InputRejected", "wrap",
           "ATTACK_CLASSES", "CLASSES"]
