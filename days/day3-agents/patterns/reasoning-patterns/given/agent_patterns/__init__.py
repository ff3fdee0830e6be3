"""ReAct, plan-and-execute and verify-then-answer on one small task, with each run's steps, tokens and cost."""
from agent_patterns.prompts import Plan, PlannedCall, Verdict
from agent_patterns.strategies import execute_plan, plan_and_execute, react, react_turns, verify_then_answer
from agent_patterns.tools import TASK, TOOLS, run_tool
from agent_patterns.trace import Run, Step, action, finish

STRATEGIES = {"react": react, "plan_and_execute": plan_and_execute, "verify_then_answer": verify_then_answer}

__all__ = ["STRATEGIES", "TASK", "TOOLS", "Plan", "PlannedCall", "Run", "Step", "Verdict", "action", "execute_plan",
           "finish", "plan_and_execute", "react", "react_turns", "run_tool", "verify_then_answer"]
