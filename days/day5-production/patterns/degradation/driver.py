"""What the graders call: run the student's `degradation` package and hand back plain JSON data only.

Latency is simulated: the driver gives the code a fake clock and a client wrapper that moves that clock
by a chosen number of seconds during each model call, so "this call took 9 s" takes no time at all."""
from __future__ import annotations

import threading

import agentkit

MODELS = {"anthropic": ("claude-sonnet-4-6", "claude-haiku-4-5"), "openai": ("gpt-6-sol", "gpt-6-luna")}
FULL_MAX_TOKENS, REDUCED_MAX_TOKENS = 1024, 256
SYSTEM = "You are the help desk assistant of an online shop. Answer in two sentences at most."


class FakeClock:
    def __init__(self, start: float = 5000.0):
        self.now = start
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


class TimedClient:
    """Passes calls to a real agentkit.Client; each chat() call 'takes' the next latency in the list."""

    def __init__(self, client, clock: FakeClock, latencies: list[float], default: float = 0.5):
        self._client, self._clock = client, clock
        self._latencies, self._default = list(latencies), default
        self.calls = 0

    def chat(self, *args, **kwargs):
        latency = self._latencies[self.calls] if self.calls < len(self._latencies) else self._default
        self.calls += 1
        self._clock.advance(latency)
        return self._client.chat(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def level_of(level) -> str:
    return str(getattr(level, "value", level)).lower()


def levels(submission, outcomes: list, **settings) -> dict:
    """Feed [ok, latency_s] pairs to one `Degrader(**settings)`; the level after each."""
    degrader = submission.Degrader(**settings)
    seen = []
    for ok, latency in outcomes:
        degrader.record(bool(ok), float(latency))
        seen.append(level_of(degrader.level))
    return {"levels": seen}


def serve(submission, provider: str, questions: list[str], latencies: list[float] | None = None,
          probe_every: int = 5) -> dict:
    """Ask each question through one `DegradingChat` with a default `Degrader()`; what each answer was."""
    clock = FakeClock()
    client = TimedClient(agentkit.Client(provider), clock, latencies or [])
    full, reduced = MODELS[provider]
    chat = submission.DegradingChat(client, submission.Degrader(), full_model=full, reduced_model=reduced,
                                    full_max_tokens=FULL_MAX_TOKENS, reduced_max_tokens=REDUCED_MAX_TOKENS,
                                    system=SYSTEM, probe_every=probe_every, clock=clock)
    answers = []
    for question in questions:
        before = client.calls
        answer = chat.ask(question)
        answers.append({"text": str(answer.text), "level": level_of(answer.level), "source": str(answer.source),
                        "called": int(client.calls - before)})
    return {"answers": answers, "final_level": level_of(chat.degrader.level)}


def shared(submission, socket: str, key: str, outcomes: list, instances: int = 2) -> dict:
    """`instances` Degraders, each with its own RedisWindow and its own Redis connection on one key, take
    turns recording `outcomes`; the level each of them reports after every record."""
    import redis

    degraders = [submission.Degrader(submission.RedisWindow(redis.Redis(unix_socket_path=socket), key=key, size=20))
                 for _ in range(instances)]
    seen = []
    for n, (ok, latency) in enumerate(outcomes):
        degraders[n % instances].record(bool(ok), float(latency))
        seen.append([level_of(d.level) for d in degraders])
    return {"levels": seen}


def shared_level(submission, socket: str, key: str) -> dict:
    """A brand-new Degrader on `key` (in a fresh import of the package): the level it starts with."""
    import redis

    degrader = submission.Degrader(submission.RedisWindow(redis.Redis(unix_socket_path=socket), key=key, size=20))
    return {"level": level_of(degrader.level)}
