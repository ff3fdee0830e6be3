"""`Streamer.stream(...)`: iterate for text as it arrives; leave the `with` block (or call `close()`) to hang up.

    >>> with Streamer("anthropic").stream("Tell me a long story.", max_tokens=2000) as reply:
    ...     for text in reply:
    ...         print(text, end="", flush=True)
    ...         if "the end" in reply.text:
    ...             break                        # the response is closed: generation (and billing) stops
    >>> reply.usage, reply.first_token_s, reply.total_s
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import anthropic
import openai

from agentkit.models import DEFAULT_MODELS
from streaming.events import Progress, read_anthropic_event, read_openai_chunk, stream_params

KEY_VARIABLES = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}


class TextStream:
    """One streamed reply. Iterate for its text deltas (non-empty strings) as they arrive.

    text           what has arrived so far
    usage          agentkit Usage once the provider reports it (at the end), else None
    stop_reason    "end", "max_tokens", ... once known
    first_token_s  seconds from sending the request to the first text delta (None before it)
    total_s        seconds from sending the request to the end of the stream or to close()
    finished       True once the stream was read to its end
    """

    def __init__(self, provider: str, response, started: float, clock: Callable[[], float]):
        self.provider, self._response, self._started, self._clock = provider, response, started, clock
        self._progress = Progress()
        self.first_token_s: float | None = None
        self.total_s: float | None = None
        self.finished = False
        self.closed = False

    @property
    def text(self) -> str:
        return "".join(self._progress.parts)

    @property
    def usage(self):
        return self._progress.usage

    @property
    def stop_reason(self) -> str | None:
        return self._progress.stop_reason

    def _read(self, item) -> str:
        if self.provider == "anthropic":
            return read_anthropic_event(item, self._progress)
        return read_openai_chunk(item, self._progress)

    def __iter__(self) -> Iterator[str]:
        ### BEGIN STARTER
        # # TODO step 4: for each item of self._response, text = self._read(item); yield each non-empty text at
        # # once (do not collect them first). Set self.first_token_s = self._clock() - self._started at the first
        # # non-empty text; at the end set self.total_s the same way and self.finished = True.
        # raise NotImplementedError("step 4: TextStream.__iter__")
        ### END STARTER
        ### BEGIN SOLUTION
        for item in self._response:
            text = self._read(item)
            if text:
                if self.first_token_s is None:
                    self.first_token_s = self._clock() - self._started
                yield text
        self.total_s = self._clock() - self._started
        self.finished = True
        ### END SOLUTION

    def close(self) -> None:
        """Hang up: close the HTTP response, so the provider stops generating and billing."""
        ### BEGIN STARTER
        # # TODO step 5: close the SDK stream (self._response.close()) unless already closed; if the stream did
        # # not finish, total_s is the time until now
        # raise NotImplementedError("step 5: TextStream.close")
        ### END STARTER
        ### BEGIN SOLUTION
        if self.closed:
            return
        self.closed = True
        self._response.close()
        if self.total_s is None:
            self.total_s = self._clock() - self._started
        ### END SOLUTION

    def __enter__(self) -> TextStream:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class Streamer:
    def __init__(self, provider: str, model: str | None = None, *, base_url: str | None = None,
                 api_key: str | None = None, timeout: float = 60.0, max_retries: int = 2,
                 clock: Callable[[], float] = time.monotonic):
        if provider not in KEY_VARIABLES:
            raise ValueError(f"provider must be anthropic or openai, not {provider!r}")
        self.provider, self.model, self.clock = provider, model or DEFAULT_MODELS[provider], clock
        self.compatible = provider == "openai" and base_url is not None
        key = api_key or os.environ.get(KEY_VARIABLES[provider]) or ("not-needed" if self.compatible else None)
        options = dict(api_key=key, base_url=base_url, timeout=timeout, max_retries=max_retries)
        self.sdk = anthropic.Anthropic(**options) if provider == "anthropic" else openai.OpenAI(**options)

    def stream(self, messages: str | list[dict], *, system: str | None = None, max_tokens: int = 1024) -> TextStream:
        """Send the request now; the returned TextStream reads its events."""
        turns = [{"role": "user", "content": messages}] if isinstance(messages, str) else list(messages)
        params = stream_params(self.provider, self.model, turns, system, max_tokens, compatible=self.compatible)
        started = self.clock()
        if self.provider == "anthropic":
            response = self.sdk.messages.create(**params)
        else:
            response = self.sdk.chat.completions.create(**params)
        return TextStream(self.provider, response, started, self.clock)
