"""Which SDK call serves a model, and which sampling settings each model family accepts there (given code).

Checked against the installed SDKs (anthropic 2.14, openai 3.57; tests/test_sdk_parameters.py fails when an
upgrade renames a parameter) and the providers' API references:
- Anthropic `messages.create` has no temperature, top_p or top_k parameter at all in this SDK.
- OpenAI's reasoning models (the gpt-5 and gpt-6 families, and o-series models) accept only the default temperature
  and top_p, and the SDK documents `stop` as unsupported by the latest reasoning models. Every OpenAI model in the
  course registry is one of them.
- OpenAI `responses.create` has no stop parameter; Chat Completions takes at most 4 stop sequences.
- An OpenAI-compatible server (Ollama, vLLM: `openai.OpenAI(base_url=...)`) serves its own models, whatever their
  ids, through Chat Completions, and honours temperature, top_p and stop; its output limit is `max_tokens` (Ollama
  documents `max_tokens`, not `max_completion_tokens`).
"""
from __future__ import annotations

from agentkit.models import model_info

MESSAGES, CHAT, RESPONSES = "anthropic-messages", "openai-chat", "openai-responses"
APIS = {MESSAGES: ("anthropic", "messages.create"), CHAT: ("openai", "chat.completions.create"),
        RESPONSES: ("openai", "responses.create")}  # api -> (SDK, method)
COMPATIBLE = "openai-compatible"  # the provider name of a model on an OpenAI-compatible server, as agentkit.Client
# provider -> the APIs that serve its models, its default first
SERVES = {"anthropic": (MESSAGES,), "openai": (RESPONSES, CHAT), COMPATIBLE: (CHAT,)}

# (family, api) -> the settings that call accepts; max_tokens is accepted everywhere, under each API's own name.
ACCEPTS = {
    ("claude", MESSAGES): {"max_tokens", "stop"},
    ("openai-reasoning", CHAT): {"max_tokens"},
    ("openai-reasoning", RESPONSES): {"max_tokens"},
    ("compatible", CHAT): {"max_tokens", "temperature", "top_p", "stop"},
}


def family(model: str, provider: str | None = None) -> str:
    """"claude", "openai-reasoning" (every OpenAI model the registry lists: gpt-5.x, gpt-6.x) or "compatible" (any
    model id with provider="openai-compatible": the server, not the registry, knows its models). Otherwise the
    registry decides: UnknownModelError for a model it does not list, ValueError if `provider` is not the model's."""
    if provider == COMPATIBLE:
        return "compatible"
    info = model_info(model)
    if provider not in (None, info.provider):
        raise ValueError(f"{model} is a {info.provider} model, not {provider}")
    return "claude" if info.provider == "anthropic" else "openai-reasoning"


class UnsupportedParameter(ValueError):
    """A setting the model family does not accept through this API."""

    def __init__(self, parameter: str, model: str, api: str, provider: str | None = None):
        self.parameter, self.model, self.api, self.family = parameter, model, api, family(model, provider)
        super().__init__(f"{parameter} is not accepted by {model} ({self.family} family) through {api}; leave it "
                         "unset, or build with drop_unsupported=True to leave it out")
