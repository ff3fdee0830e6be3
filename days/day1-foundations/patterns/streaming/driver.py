"""What the graders call: run the student's `streaming` package and hand back plain JSON data only.

Times are measured here with time.monotonic() as well as read from the stream: in a graded run the broker
paces the stream's events at their recorded timing, so a delta yielded late shows up as late.
"""
from __future__ import annotations

import time

KEY = "replay-key"


def make_streamer(submission, provider: str):
    return submission.Streamer(provider, api_key=KEY, max_retries=0, timeout=30.0)


def number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def describe(stream, deltas: list, arrivals: list, elapsed: float) -> dict:
    usage = getattr(stream, "usage", None)
    return {"deltas": [str(d) for d in deltas], "arrivals": arrivals, "elapsed": elapsed,
            "delta_types": sorted({type(d).__name__ for d in deltas}),
            "text": str(getattr(stream, "text", None)),
            "usage": None if usage is None else {"input_tokens": int(getattr(usage, "input_tokens", -1)),
                                                 "output_tokens": int(getattr(usage, "output_tokens", -1))},
            "stop_reason": None if getattr(stream, "stop_reason", None) is None else str(stream.stop_reason),
            "first_token_s": number(getattr(stream, "first_token_s", None)),
            "total_s": number(getattr(stream, "total_s", None)),
            "finished": bool(getattr(stream, "finished", None))}


def read_all(submission, provider: str, prompt: str, system: str | None = None, max_tokens: int = 400) -> dict:
    """Read a whole stream inside `with`, noting when each delta reached this loop."""
    streamer = make_streamer(submission, provider)
    deltas, arrivals = [], []
    start = time.monotonic()
    with streamer.stream(prompt, system=system, max_tokens=max_tokens) as stream:
        for delta in stream:
            deltas.append(delta)
            arrivals.append(time.monotonic() - start)
    return describe(stream, deltas, arrivals, time.monotonic() - start)


def cancel(submission, provider: str, prompt: str, after: int, max_tokens: int = 2000) -> dict:
    """Stop after `after` deltas twice: by leaving a `with` block, then by calling close() directly."""
    streamer = make_streamer(submission, provider)
    results, kept = [], []
    for how in ("with", "close"):
        deltas, arrivals = [], []
        start = time.monotonic()
        if how == "with":
            with streamer.stream(prompt, max_tokens=max_tokens) as stream:
                for delta in stream:
                    deltas.append(delta)
                    arrivals.append(time.monotonic() - start)
                    if len(deltas) == after:
                        break
        else:
            stream = streamer.stream(prompt, max_tokens=max_tokens)
            pieces = iter(stream)
            for _ in range(after):
                deltas.append(next(pieces))
                arrivals.append(time.monotonic() - start)
            stream.close()
        results.append({"how": how, **describe(stream, deltas, arrivals, time.monotonic() - start)})
        kept.append(stream)
    time.sleep(0.3)  # the broker notices a hang-up on its next write; the streams stay referenced meanwhile
    return {"runs": results}
