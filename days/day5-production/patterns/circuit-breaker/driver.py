"""What the graders call: run the student's `breaker` package and hand back plain JSON data only.

Time is a fake clock the driver moves (`advance`), so a 30-second cooldown takes no time at all."""
from __future__ import annotations

import math
import sys
import threading

import agentkit

PROMPT = "Summarise support ticket 4471 in one line."
SYSTEM = "You summarise support tickets for the on-call engineer."


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.now = start
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def state_of(breaker) -> str:
    state = breaker.state
    state = getattr(state, "value", state)  # an Enum is fine too
    return str(state).lower().replace("-", "_").replace(" ", "_")


def kind_of(exc: BaseException, submission) -> str:
    if isinstance(exc, submission.CircuitOpen):
        return "CircuitOpen"
    for cls in (agentkit.ServerError, agentkit.RateLimitError, agentkit.TimeoutError, agentkit.BadRequestError,
                agentkit.AuthError, agentkit.LLMError):
        if isinstance(exc, cls):
            return cls.__name__
    return type(exc).__name__


def retry_in_of(exc: BaseException) -> float | None:
    """`CircuitOpen.retry_in` when it is a finite number, else None."""
    value = getattr(exc, "retry_in", None)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def scripted(submission, provider: str, steps: list[str], failure_threshold: int | None = 3,
             cooldown: float | None = 30.0, fallback: bool = False) -> dict:
    """Run `steps` against one breaker and report, for each step, what happened, the state after it, how
    many times the breaker let the call function run in total, and a `CircuitOpen`'s `retry_in`.

    Steps: "call" (one LLM call through the breaker, answered by the scenario), "fail" (the call function
    raises a 503 ServerError itself, sending nothing), "interrupt" (the call function raises
    KeyboardInterrupt), "reset" (`breaker.reset()`), "advance N" (move the clock N seconds).
    `failure_threshold` or `cooldown` None: leave it to the constructor's default."""
    clock = FakeClock()
    client = agentkit.Client(provider)
    settings = {"failure_threshold": failure_threshold, "cooldown": cooldown}
    breaker = submission.CircuitBreaker(**{k: v for k, v in settings.items() if v is not None}, clock=clock)
    ran = [0]

    def ask():
        ran[0] += 1
        return client.chat(PROMPT, max_tokens=100)

    def fail():
        ran[0] += 1
        raise agentkit.ServerError("service unavailable", provider=provider, status=503)

    def interrupt():
        ran[0] += 1
        raise KeyboardInterrupt

    def through_breaker(fn):
        if fallback:
            return breaker.call(fn, fallback=lambda: "FALLBACK: support summaries are paused")
        return breaker.call(fn)

    log = []
    for step in steps:
        retry_in = None
        try:
            if step.startswith("advance"):
                clock.advance(float(step.split()[1]))
                what = step
            elif step == "reset":
                breaker.reset()
                what = "reset"
            else:
                value = through_breaker({"call": ask, "fail": fail, "interrupt": interrupt}[step])
                what = "fallback" if isinstance(value, str) and value.startswith("FALLBACK") else \
                    "ok: " + str(value.text)
        except BaseException as exc:  # noqa: BLE001 - what it raised is the result (KeyboardInterrupt too)
            what = "raised " + kind_of(exc, submission)
            retry_in = retry_in_of(exc)
        log.append({"step": str(step), "outcome": what, "state": state_of(breaker), "ran": int(ran[0]),
                    "retry_in": retry_in})
    return {"log": log}


def forwarded(submission, provider: str, max_tokens: int = 77) -> dict:
    """`breaker.call(client.chat, PROMPT, system=..., max_tokens=...)`: the breaker must hand the arguments
    on, while closed and as the half-open trial. Three calls open it (threshold 3); after 31 s a trial, and
    after 31 s more another. What each returned or raised; the requests themselves are in the trace."""
    clock = FakeClock()
    client = agentkit.Client(provider)
    breaker = submission.CircuitBreaker(failure_threshold=3, cooldown=30.0, clock=clock)
    outcomes = []
    for seconds in (0, 0, 0, 31, 31):
        clock.advance(seconds)
        try:
            reply = breaker.call(client.chat, PROMPT, system=SYSTEM, max_tokens=max_tokens)
            outcomes.append("ok: " + str(reply.text))
        except Exception as exc:  # noqa: BLE001
            outcomes.append("raised " + kind_of(exc, submission))
    return {"outcomes": outcomes, "state": state_of(breaker)}


def settings_refused(submission, settings: list[dict]) -> dict:
    """For each set of constructor arguments: "accepted", or the name of what the constructor raised."""
    outcomes = []
    for kwargs in settings:
        try:
            submission.CircuitBreaker(**kwargs, clock=FakeClock())
            outcomes.append("accepted")
        except Exception as exc:  # noqa: BLE001
            outcomes.append("ValueError" if isinstance(exc, ValueError) else type(exc).__name__)
    return {"outcomes": outcomes}


def one_trial(submission, threads: int = 12, cooldown: float = 30.0) -> dict:
    """Open a breaker, let the cooldown pass, then have `threads` threads call it at the same moment. The
    call function blocks until every other thread has come back, so a breaker that admits more than one
    trial is caught with all of them inside."""
    clock = FakeClock()
    breaker = submission.CircuitBreaker(failure_threshold=1, cooldown=cooldown, clock=clock)

    def failing():
        raise agentkit.ServerError("service unavailable", provider="test", status=503)

    try:
        breaker.call(failing)
    except Exception:  # noqa: BLE001 - the failure that opens the circuit
        pass
    opened = state_of(breaker)
    clock.advance(cooldown + 1)

    lock = threading.Lock()
    entered, finished, outcomes = [0], [0], []
    release = threading.Event()
    start = threading.Barrier(threads)

    def trial():
        with lock:
            entered[0] += 1
            if entered[0] > 1:
                release.set()  # a second caller got in: the breaker is wrong, no need to wait longer
        release.wait(10)
        return "trial ok"

    def worker():
        try:
            start.wait(10)
            outcome = "ok" if breaker.call(trial) == "trial ok" else "other"
        except Exception as exc:  # noqa: BLE001
            outcome = kind_of(exc, submission)
        with lock:
            outcomes.append(outcome)
            finished[0] += 1
            if finished[0] >= threads - 1:
                release.set()  # every other thread is back: let the trial finish

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to expose check-then-act races
    try:
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join(20)
    finally:
        sys.setswitchinterval(previous)
        release.set()
    return {"opened": opened, "entered": int(entered[0]), "outcomes": sorted(str(o) for o in outcomes),
            "state_after": state_of(breaker)}
