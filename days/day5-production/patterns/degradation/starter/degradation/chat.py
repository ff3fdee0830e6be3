"""A chat front end that spends less as the provider struggles, and comes back as it recovers.

Contract:

1. `DegradingChat(client, degrader=None, *, full_model, reduced_model, full_max_tokens=1024,
   reduced_max_tokens=256, system=None, static_answer=STATIC_ANSWER, probe_every=5, clock=time.monotonic)`.
2. `ask(question) -> Answer(text, level, source)`, where level is the level the request was served at and
   source is "model", "cache" or "static". Look at `degrader.level` first:
   - FULL: `client.chat(question, model=full_model, max_tokens=full_max_tokens, system=system)`.
   - REDUCED: the same with reduced_model and reduced_max_tokens.
   - MINIMAL: no model call; the last good answer to the same question if there is one (source "cache"),
     else `static_answer` (source "static"). Except every probe_every-th request at MINIMAL (counting
     from when the level became MINIMAL): send it as at REDUCED, as a probe.
3. Time every model call with `clock()` before and after; `degrader.record(True, latency)` on success
   (and remember the answer for the cache), `degrader.record(False, latency)` on an `agentkit.LLMError`,
   after which the user gets the cached or static answer. `ask` never raises an LLMError.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from agentkit import LLMError  # noqa: F401 - what a failed call raises

from degradation.degrader import Degrader
from degradation.levels import Level

STATIC_ANSWER = ("We can't answer right now because our assistant is under heavy load. "
                 "Please try again in a few minutes, or see the help centre.")
Source = Literal["model", "cache", "static"]


@dataclass(frozen=True)
class Answer:
    text: str
    level: Level      # the level this request was served at
    source: Source    # "model", "cache" or "static"


class DegradingChat:
    """`DegradingChat(client, full_model=..., reduced_model=...).ask(question)` -> Answer."""

    def __init__(self, client, degrader: Degrader | None = None, *, full_model: str, reduced_model: str,
                 full_max_tokens: int = 1024, reduced_max_tokens: int = 256, system: str | None = None,
                 static_answer: str = STATIC_ANSWER, probe_every: int = 5, clock: Callable[[], float] = time.monotonic,
                 cache_size: int = 1000):
        self.client = client
        self.degrader = degrader or Degrader()
        self.settings = {Level.FULL: (full_model, full_max_tokens), Level.REDUCED: (reduced_model, reduced_max_tokens)}
        self.system = system
        self.static_answer = static_answer
        self.probe_every = probe_every
        self.clock = clock
        self.cache_size = cache_size
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._minimal_requests = 0
        self._lock = threading.Lock()

    def ask(self, question: str) -> Answer:
        # TODO step 4: pick model and max_tokens from the level (or answer without the model at MINIMAL,
        # unless this request is a probe); time the call with self.clock; record the outcome; answer.
        raise NotImplementedError("step 4: DegradingChat.ask")
