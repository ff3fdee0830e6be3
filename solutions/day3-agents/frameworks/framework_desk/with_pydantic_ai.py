"""The desk in pydantic-ai: the same plain tool and prompt, both providers (Anthropic Messages, OpenAI Responses)."""
from __future__ import annotations

import functools

from anthropic import AsyncAnthropic
from openai import AsyncOpenAI
from pydantic_ai import Agent, ModelRetry, ModelSettings, UsageLimits
from pydantic_ai.exceptions import UsageLimitExceeded
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIResponsesModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.openai import OpenAIProvider

from agentkit import replay
from agentkit.models import DEFAULT_MODELS
from framework_desk.desk import INSTRUCTIONS, MAX_STEPS, MAX_TOKENS, Answer, UnknownOrder, lookup_order


def api_key(provider: str) -> str | None:
    """None lets the SDK read its usual environment variable; replay needs no key at all."""
    return "replay-mode-no-key" if replay.mode() == "replay" else None


def build_model(provider: str):
    """pydantic-ai's model for `provider`, on an SDK client that does not retry (agentkit's default model)."""
    model = DEFAULT_MODELS[provider]
    if provider == "anthropic":
        client = AsyncAnthropic(api_key=api_key(provider), max_retries=0)
        return AnthropicModel(model, provider=AnthropicProvider(anthropic_client=client))
    client = AsyncOpenAI(api_key=api_key(provider), max_retries=0)
    return OpenAIResponsesModel(model, provider=OpenAIProvider(openai_client=client))


@functools.wraps(lookup_order)
def lookup_order_tool(order_id: str) -> str:
    ### BEGIN SOLUTION
    try:
        return lookup_order(order_id)
    except UnknownOrder as exc:
        raise ModelRetry(str(exc)) from exc  # goes back to the model as a failed tool call, with the message
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: call lookup_order; turn an UnknownOrder into ModelRetry(its message), which pydantic-ai sends back
    # # to the model (any other exception ends the run)
    # raise NotImplementedError("lookup_order_tool")
    ### END STARTER


def build_agent(provider: str) -> Agent:
    """An Agent on build_model(provider) with INSTRUCTIONS, lookup_order_tool and MAX_TOKENS per reply."""
    ### BEGIN SOLUTION
    return Agent(build_model(provider), instructions=INSTRUCTIONS, tools=[lookup_order_tool],
                 model_settings=ModelSettings(max_tokens=MAX_TOKENS))
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: Agent(build_model(provider), instructions=..., tools=[...], model_settings=ModelSettings(max_tokens=...))
    # raise NotImplementedError("build_agent")
    ### END STARTER


def ask(question: str, provider: str, max_steps: int = MAX_STEPS) -> Answer:
    """Run the agent once; at most `max_steps` model calls (pydantic-ai counts them as requests)."""
    ### BEGIN SOLUTION
    try:
        result = build_agent(provider).run_sync(question, usage_limits=UsageLimits(request_limit=max_steps))
    except UsageLimitExceeded:
        return Answer("", stopped=True)
    return Answer(result.output)
    ### END SOLUTION
    ### BEGIN STARTER
    # # TODO: build_agent(provider).run_sync(question, usage_limits=UsageLimits(request_limit=max_steps));
    # # Answer(result.output), or Answer("", stopped=True) on UsageLimitExceeded
    # raise NotImplementedError("ask")
    ### END STARTER
