"""The loop: ask, run every tool the model called, answer them all in one turn, ask again, until it answers."""
from __future__ import annotations

from dataclasses import dataclass, field

from tool_layer import wire
from tool_layer.toolbox import Toolbox


class TurnLimitError(RuntimeError):
    """The model was still calling tools after `max_turns` requests."""


@dataclass
class AgentRun:
    text: str
    requests: int
    results: list = field(default_factory=list)  # every Result, in order


def run_agent(provider: str, sdk, model: str, prompt: str, toolbox: Toolbox, *, system: str | None = None,
              max_turns: int = 6, max_tokens: int = 1024) -> AgentRun:
    """`sdk` is an `anthropic.Anthropic` or `openai.OpenAI` client; `provider` says which."""
    specs = list(toolbox.specs.values())
    messages: list[dict] = [{"role": "user", "content": prompt}]
    results: list = []
    for turn in range(1, max_turns + 1):
        if provider == "anthropic":
            params = {"system": system} if system else {}
            message = sdk.messages.create(model=model, max_tokens=max_tokens, messages=messages,
                                          tools=wire.anthropic_tools(specs), **params)
            calls = wire.calls_from_anthropic(message)
            if not calls:
                return AgentRun("".join(b.text for b in message.content if b.type == "text"), turn, results)
            answered = toolbox.run_all(calls)
            messages += wire.anthropic_turns(message, answered)
        else:
            turns = ([{"role": "system", "content": system}] if system else []) + messages
            completion = sdk.chat.completions.create(model=model, max_completion_tokens=max_tokens, messages=turns,
                                                     tools=wire.openai_tools(specs))
            calls = wire.calls_from_openai(completion)
            if not calls:
                return AgentRun(completion.choices[0].message.content or "", turn, results)
            answered = toolbox.run_all(calls)
            messages += wire.openai_turns(completion, answered)
        results += answered
    raise TurnLimitError(f"the model was still calling tools after {max_turns} requests")
