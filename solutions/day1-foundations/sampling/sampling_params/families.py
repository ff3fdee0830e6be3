"""Which SDK call serves a model, and which sampling settings each model family accepts there (given code).

Checked against the installed SDKs (anthropic 2.14, openai 3.57; tests/test_sdk_parameters.py fails when an
upgrade renames a parameter) and the providers' API references:
- Anthropic `messages.create` has no temperature, top_p or top_k parameter at all in this SDK.
- OpenAI's reasoning models (the gpt-5 and gpt-6 families, and o-series models) accept only the default temperature
  and top_p, and the SDK documents `stop` as unsupported by the latest reasoning models.
- OpenAI `responses.create` has no stop parameter; Chat Completions takes at most 4 stop sequences.
"""
from __future__ import annotations

from agentkit.models import model_info

MESSAGES, CHAT, RESPONSES = "anthropic-messages", "openai-chat", "openai-responses"
APIS = {MESSAGES: ("anthropic", "messages.create"), CHAT: ("openai", "chat.completions.create"),
        RESPONSES: ("openai", "responses.create")}

# (family, api) -> the settings that call accepts; max_tokens is accepted everywhere, under each API's own name.
ACCEPTS = {
    ("claude", MESSAGES): {"max_tokens", "stop"},
    ("openai-reasoning", CHAT): {"max_tokens"},
    ("openai-reasoning", RESPONSES): {"max_tokens"},
    ("openai-gpt", CHAT): {"max_tokens", "temperature", "top_p", "stop"},
    ("openai-gpt", RESPONSES): {"max_tokens", "temperature", "top_p"},
}


def family(model: str) -> str:
    """"claude", "openai-gpt" (gpt-4.1, gpt-4o: sampling models) or "openai-reasoning" (everything else OpenAI
    serves the course: gpt-5.x, gpt-6.x). UnknownModelError for a model the registry does not list."""
    info = model_info(model)
    if info.provider == "anthropic":
        return "claude"
    return "openai-gpt" if model.startswith(("gpt-4.1", "gpt-4o")) else "openai-reasoning"


class UnsupportedParameter(ValueError):
    """A setting the model family does not accept through this API."""

    def __init__(self, parameter: str, model: str, api: str):
        self.parameter, self.model, self.api, self.family = parameter, model, api, family(model)
        super().__init__(f"{parameter} is not accepted by {model} ({self.family} family) through {api}; leave it "
                         "unset, or build with drop_unsupported=True to leave it out")
