"""The observe-think-act loop over agentkit.Client: tool calls from the model, results fed back, and a run that
always stops for a stated reason (answered, step budget, cost budget, error)."""
from agent_loop.loop import STOP_REASONS, AgentRun, Step, run_agent
from agent_loop.tools import ToolBox

__all__ = ["STOP_REASONS", "AgentRun", "Step", "run_agent", "ToolBox"]
