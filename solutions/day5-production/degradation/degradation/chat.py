### BEGIN STARTER
# """A chat front end that spends less as the provider struggles, and comes back as it recovers.
#
# Contract:
#
# 1. `DegradingChat(client, degrader=None, *, full_model, reduced_model, full_max_tokens=1024,
#    reduced_max_tokens=256, system=None, static_answer=STATIC_ANSWER, probe_every=5, clock=time.monotonic)`.
# 2. `ask(question) -> Answer(text, level, source)`, where level is the level the request was served at and
#    source is "model", "cache" or "static". Look at `degrader.level` first:
#    - FULL: `client.chat(question, model=full_model, max_tokens=full_max_tokens, system=system)`.
#    - REDUCED: the same with reduced_model and reduced_max_tokens.
#    - MINIMAL: no model call; the last good answer to the same question if there is one (source "cache"),
#      else `static_answer` (source "static"). Except every probe_every-th request at MINIMAL (counting
#      from when the level became MINIMAL): send it as at REDUCED, as a probe.
# 3. Time every model call with `clock()` before and after; `degrader.record(True, latency)` on success
#    (and remember the answer for the cache), `degrader.record(False, latency)` on an `agentkit.LLMError`,
#    after which the user gets the cached or static answer. `ask` never raises an LLMError.
# """
### END STARTER
### BEGIN SOLUTION
"""A chat front end that spends less as the provider struggles, and comes back as it recovers.

* FULL: the preferred model with the full token budget.
* REDUCED: a cheaper, faster model with a smaller max_tokens (shorter answers come back sooner too).
* MINIMAL: no model call. The last good answer to the same question if there is one, else a static
  message. Every `probe_every`-th request at MINIMAL is sent to the reduced model as a probe: without it
  no new outcome would ever enter the window, and the service would stay at MINIMAL forever.

A call that fails is recorded as a failure and the user still gets an answer (cached or static):
`ask` never raises an `LLMError`.
"""
### END SOLUTION
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

### BEGIN STARTER
# from agentkit import LLMError  # noqa: F401 - what a failed call raises
### END STARTER
### BEGIN SOLUTION
from agentkit import LLMError
### END SOLUTION

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
        ### BEGIN STARTER
        # # TODO step 4: pick model and max_tokens from the level (or answer without the model at MINIMAL,
        # # unless this request is a probe); time the call with self.clock; record the outcome; answer.
        # raise NotImplementedError("step 4: DegradingChat.ask")
        ### END STARTER
        ### BEGIN SOLUTION
        level = self.degrader.level
        with self._lock:
            if level is not Level.MINIMAL:
                self._minimal_requests = 0
                probe = False
            else:
                self._minimal_requests += 1
                probe = self._minimal_requests % self.probe_every == 0
        if level is Level.MINIMAL and not probe:
            return self._without_model(question, level)
        model, max_tokens = self.settings[Level.FULL if level is Level.FULL else Level.REDUCED]
        started = self.clock()
        try:
            reply = self.client.chat(question, model=model, max_tokens=max_tokens, system=self.system)
        except LLMError:
            self.degrader.record(False, self.clock() - started)
            return self._without_model(question, level)
        self.degrader.record(True, self.clock() - started)
        text = reply.text.strip()
        self._remember(question, text)
        return Answer(text, level, "model")
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _without_model(self, question: str, level: Level) -> Answer:
        with self._lock:
            cached = self._cache.get(question)
        if cached is not None:
            return Answer(cached, level, "cache")
        return Answer(self.static_answer, level, "static")

    def _remember(self, question: str, text: str) -> None:
        with self._lock:
            self._cache[question] = text
            self._cache.move_to_end(question)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
    ### END SOLUTION
