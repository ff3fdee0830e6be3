"""Settings -> (SDK method, keyword arguments) for one model and API."""
from __future__ import annotations

from dataclasses import dataclass

from agentkit.models import model_info
from sampling_params.families import ACCEPTS, APIS, CHAT, MESSAGES, RESPONSES, SERVES, UnsupportedParameter, family

MAX_CHAT_STOPS = 4  # the Chat Completions reference: "Up to 4 sequences"


@dataclass(frozen=True)
class Settings:
    """Provider-neutral sampling settings. None (or no stop sequences) means "the provider's default": not sent."""

    max_tokens: int
    temperature: float | None = None
    top_p: float | None = None
    stop: tuple[str, ...] = ()


def prompt_kwargs(api: str, prompt: str, system: str | None) -> dict:
    """The prompt in each API's shape (given): a system prompt goes where that API wants it."""
    user = {"role": "user", "content": prompt}
    if api == MESSAGES:
        return {"messages": [user], **({"system": system} if system else {})}
    if api == CHAT:
        return {"messages": ([{"role": "system", "content": system}] if system else []) + [user]}
    return {"input": [user], **({"instructions": system} if system else {})}


def build_request(model: str, prompt: str, settings: Settings, *, system: str | None = None, api: str | None = None,
                  provider: str | None = None, drop_unsupported: bool = False) -> tuple[str, dict]:
    """(SDK method, kwargs) for `model`: "messages.create", "chat.completions.create" or "responses.create", and
    every keyword argument to call it with. `provider` is None (the registry's provider for the model) or
    "openai-compatible" (any model id, on an OpenAI-compatible server). `api` defaults to Messages for Claude,
    Responses for OpenAI and Chat Completions for a compatible server; an API that does not serve the provider
    (SERVES) is a ValueError. A setting the family does not accept there raises UnsupportedParameter, or is left out
    with drop_unsupported=True. More stop sequences than Chat Completions takes is a ValueError."""
    ### BEGIN SOLUTION
    provider = provider or model_info(model).provider
    if provider not in SERVES:
        raise ValueError(f"unknown provider {provider!r}; use one of {sorted(SERVES)}")
    api = api or SERVES[provider][0]
    if api not in SERVES[provider]:
        raise ValueError(f"{model} is served by {provider}: use one of {list(SERVES[provider])}, not {api!r}")
    kind = family(model, provider)
    accepted = ACCEPTS[(kind, api)]
    kwargs = {"model": model, **prompt_kwargs(api, prompt, system)}
    limit = {MESSAGES: "max_tokens", CHAT: "max_completion_tokens", RESPONSES: "max_output_tokens"}[api]
    kwargs["max_tokens" if kind == "compatible" else limit] = settings.max_tokens
    wanted = {"temperature": settings.temperature, "top_p": settings.top_p, "stop": list(settings.stop) or None}
    for name, value in wanted.items():
        if value is None:
            continue
        if name not in accepted:
            if drop_unsupported:
                continue
            raise UnsupportedParameter(name, model, api, provider)
        if name == "stop":
            if api == CHAT and len(value) > MAX_CHAT_STOPS:
                raise ValueError(f"Chat Completions takes at most {MAX_CHAT_STOPS} stop sequences; "
                                 f"{len(value)} were given")
            kwargs["stop_sequences" if api == MESSAGES else "stop"] = value
        else:
            kwargs[name] = value
    return APIS[api][1], kwargs
    ### END SOLUTION
