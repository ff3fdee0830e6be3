"""The desk in the OpenAI Agents SDK: the same plain tool and prompt, on OpenAI's Responses API."""
from __future__ import annotations

from agents import Agent, MaxTurnsExceeded, ModelSettings, OpenAIResponsesModel, Runner, function_tool
from agents import set_tracing_disabled
from openai import AsyncOpenAI

from agentkit import replay
from agentkit.models import DEFAULT_MODELS
from framework_desk.desk import INSTRUCTIONS, MAX_STEPS, MAX_TOKENS, Answer, UnknownOrder, lookup_order

set_tracing_disabled(True)  # the SDK otherwise exports every run's trace to OpenAI's tracing service


def build_model() -> OpenAIResponsesModel:
    key = "replay-mode-no-key" if replay.mode() == "replay" else None
    return OpenAIResponsesModel(model=DEFAULT_MODELS["openai"], openai_client=AsyncOpenAI(api_key=key, max_retries=0))


def tool_error(context, error: Exception) -> str:
    """What the model reads when the tool raises: the desk's own message for an unknown order."""
    ### BEGIN SOLUTION
    if isinstance(error, UnknownOrder):
        return str(error)
    return f"lookup_order failed: {type(error).__name__}"
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: an UnknownOrder's message as it is; anything else as a short generic failure
    # raise NotImplementedError("tool_error")
    ### END STARTER


def build_agent() -> Agent:
    """An Agent named "order-desk" on build_model() with INSTRUCTIONS, lookup_order as a function tool (errors
    through tool_error) and MAX_TOKENS per reply."""
    ### BEGIN SOLUTION
    return Agent(name="order-desk", instructions=INSTRUCTIONS, model=build_model(),
                 tools=[function_tool(lookup_order, failure_error_function=tool_error)],
                 model_settings=ModelSettings(max_tokens=MAX_TOKENS))
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: Agent(name=..., instructions=..., model=build_model(),
    # #       tools=[function_tool(lookup_order, failure_error_function=tool_error)],
    # #       model_settings=ModelSettings(max_tokens=...))
    # raise NotImplementedError("build_agent")
    ### END STARTER


def ask(question: str, max_steps: int = MAX_STEPS) -> Answer:
    """Run the agent once; at most `max_steps` model calls (the SDK calls them turns)."""
    ### BEGIN SOLUTION
    try:
        result = Runner.run_sync(build_agent(), question, max_turns=max_steps)
    except MaxTurnsExceeded:
        return Answer("", stopped=True)
    return Answer(str(result.final_output))
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: Runner.run_sync(build_agent(), question, max_turns=max_steps); Answer(str(result.final_output)),
    # # or Answer("", stopped=True) on MaxTurnsExceeded
    # raise NotImplementedError("ask")
    ### END STARTER
