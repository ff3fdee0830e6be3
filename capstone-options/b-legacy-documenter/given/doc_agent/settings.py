"""The documenter's limits, from the environment (DOC_AGENT_*), overridden by the command line."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Settings:
    max_calls: int = 20            # model calls in one run, retries included
    max_tokens: int = 60_000       # input + output tokens in one run, as the replies' usage reports them
    max_reply_tokens: int = 1500   # every call caps its reply at this

    @classmethod
    def from_env(cls) -> Settings:
        return cls(max_calls=_int("DOC_AGENT_MAX_CALLS", cls.max_calls),
                   max_tokens=_int("DOC_AGENT_MAX_TOKENS", cls.max_tokens),
                   max_reply_tokens=_int("DOC_AGENT_MAX_REPLY_TOKENS", cls.max_reply_tokens))
