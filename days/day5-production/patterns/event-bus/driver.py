"""What the graders call: run the student's `event_bus` package and hand back plain JSON data only.

In-process tests build an EventBus, subscribe handlers the driver writes (ones that succeed, raise, sleep or
hang), publish, and report what each handler did and what publish returned. Stream tests use a real Redis
(the test's redis_socket) and real processes made with os.fork: a publisher that exits before anyone reads, two
consumers that share a group, and consumers that die (os._exit) in the middle of an event.
"""
from __future__ import annotations

import asyncio
import json
import os
import time

import agentkit

DEADLINE_S = 5.0  # an await that takes longer than this is reported as hung (a deadlock or an endless chain)


def outcome_of(outcome) -> dict:
    status = getattr(outcome, "status", None)
    return {"handler": str(getattr(outcome, "handler", "")), "status": str(getattr(status, "value", status)),
            "error": None if getattr(outcome, "error", None) is None else str(outcome.error)}


def result_of(result) -> dict:
    if result is None:
        return {"returned": None}
    return {"outcomes": [outcome_of(o) for o in getattr(result, "outcomes", [])],
            "dropped": None if getattr(result, "dropped", None) is None else str(result.dropped),
            "ok": bool(getattr(result, "ok", False))}


def failure_of(failure) -> dict:
    event = getattr(failure, "event", None)
    return {"kind": str(getattr(failure, "kind", "")), "handler": getattr(failure, "handler", None) and str(failure.handler),
            "event_type": str(getattr(event, "type", "")), "depth": int(getattr(event, "depth", -1)),
            "message": str(getattr(failure, "message", ""))[:300]}


def make_handler(spec: dict, finished: list[str]):
    """A handler that behaves as `spec["kind"]` says: ok, raise, sleep:SECONDS, hang, or raise-timeout."""
    name, kind = spec["name"], spec["kind"]

    async def handler(event):
        if kind == "raise":
            raise ValueError(f"{name} cannot handle {event.type}")
        if kind == "raise-timeout":
            raise TimeoutError(f"{name}: the downstream API timed out")  # its own error, not the bus's timeout
        if kind.startswith("sleep:"):
            await asyncio.sleep(float(kind.split(":", 1)[1]))
        elif kind == "hang":
            await asyncio.Event().wait()
        finished.append(name)

    handler.__qualname__ = handler.__name__ = name
    return handler


def publish_once(submission, handlers: list[dict], handler_timeout_s: float = 5.0, on_error: str = "collect",
                 publishes: int = 1) -> dict:
    """Subscribe the handlers to "order_placed", publish `publishes` times; what publish returned or raised, which
    handlers had finished when it returned, and what was reported."""
    reported: list[dict] = []

    def collect(failure) -> None:
        reported.append(failure_of(failure))
        if on_error == "raise":
            raise RuntimeError("the error hook itself failed")

    bus = submission.EventBus(handler_timeout_s=handler_timeout_s, on_error=collect)
    finished: list[str] = []
    for spec in handlers:
        bus.subscribe("order_placed", make_handler(spec, finished))

    async def main() -> list[dict]:
        rounds = []
        for n in range(publishes):
            finished.clear()
            started = time.monotonic()
            try:
                result = await asyncio.wait_for(bus.publish("order_placed", {"order": 1000 + n}), DEADLINE_S)
                rounds.append({"raised": None, **result_of(result)})
            except asyncio.TimeoutError:
                rounds.append({"raised": f"no answer within {DEADLINE_S:g} s"})
            except Exception as exc:  # noqa: BLE001 - publish raising is what the isolation test looks for
                rounds.append({"raised": f"{type(exc).__name__}: {exc}"})
            rounds[-1].update(finished=list(finished), elapsed=time.monotonic() - started)
        return rounds

    rounds = asyncio.run(main())
    return {"rounds": rounds, "reported": reported, "kept": [failure_of(f) for f in list(bus.failures)]}


def chain(submission) -> dict:
    """order_placed -> (handler publishes) payment_requested -> (handler publishes) receipt_sent. Each handler
    awaits its follow-up; what every handler saw (type, depth, cause) and whether publish came back."""
    bus = submission.EventBus(handler_timeout_s=3.0, max_depth=5)
    seen: list[dict] = []

    def note(event) -> None:
        seen.append({"type": str(event.type), "id": str(event.id), "depth": int(event.depth),
                     "cause": None if event.cause is None else str(event.cause), "data": dict(event.data)})

    async def on_order(event):
        note(event)
        follow = await bus.publish("payment_requested", {"order": event.data["order"], "amount": 42})
        if not getattr(follow, "ok", False):
            raise RuntimeError("the follow-up was not handled")

    async def on_payment(event):
        note(event)
        await bus.publish("receipt_sent", {"order": event.data["order"]})

    async def on_receipt(event):
        note(event)

    bus.subscribe("order_placed", on_order)
    bus.subscribe("payment_requested", on_payment)
    bus.subscribe("receipt_sent", on_receipt)

    async def main():
        return await asyncio.wait_for(bus.publish("order_placed", {"order": 7}), DEADLINE_S)

    try:
        result = result_of(asyncio.run(main()))
        raised = None
    except asyncio.TimeoutError:
        result, raised = None, f"no answer within {DEADLINE_S:g} s: a follow-up publish never finished"
    except Exception as exc:  # noqa: BLE001
        result, raised = None, f"{type(exc).__name__}: {exc}"
    return {"result": result, "raised": raised, "seen": seen}


def loop(submission, max_depth: int) -> dict:
    """ping -> pong -> ping -> ... each handler publishing the other; how far it went and what was reported."""
    reported: list[dict] = []
    bus = submission.EventBus(handler_timeout_s=3.0, max_depth=max_depth, on_error=lambda f: reported.append(failure_of(f)))
    runs: list[int] = []

    async def on_ping(event):
        runs.append(int(event.depth))
        await bus.publish("pong", {"n": len(runs)})

    async def on_pong(event):
        runs.append(int(event.depth))
        await bus.publish("ping", {"n": len(runs)})

    bus.subscribe("ping", on_ping)
    bus.subscribe("pong", on_pong)

    async def main():
        return await asyncio.wait_for(bus.publish("ping", {"n": 0}), DEADLINE_S)

    try:
        result, raised = result_of(asyncio.run(main())), None
    except asyncio.TimeoutError:
        result, raised = None, f"no answer within {DEADLINE_S:g} s"
    except Exception as exc:  # noqa: BLE001
        result, raised = None, f"{type(exc).__name__}: {str(exc)[:200]}"
    return {"result": result, "raised": raised, "runs": len(runs), "depths": runs[:50], "reported": reported[:10]}


class Alerts:
    def __init__(self):
        self.sent: list[dict] = []

    async def send(self, channel: str, text: str) -> None:
        await asyncio.sleep(0.05)  # a chat API takes a moment; the ticket failure happens meanwhile
        self.sent.append({"channel": str(channel), "text": str(text)})


class Tickets:
    def __init__(self, down: bool):
        self.down, self.created = down, []

    async def create(self, project: str, summary: str, description: str) -> str:
        if self.down:
            raise ConnectionError("the ticket tracker answered 503")
        self.created.append({"project": str(project), "summary": str(summary), "description": str(description)})
        return f"{project}-{len(self.created)}"


def security_flow(submission, provider: str, commits: list[dict], tickets_down: bool = False) -> dict:
    """The example flow with a real agentkit.Client; each commit published as code_committed."""
    reported: list[dict] = []
    bus = submission.EventBus(handler_timeout_s=10.0, on_error=lambda f: reported.append(failure_of(f)))
    alerts, tickets = Alerts(), Tickets(down=tickets_down)
    submission.wire_security_flow(bus, agentkit.Client(provider), alerts, tickets)

    async def main():
        answers = []
        for commit in commits:
            try:
                result = await asyncio.wait_for(bus.publish("code_committed", commit), DEADLINE_S)
                answers.append({"raised": None, **result_of(result)})
            except Exception as exc:  # noqa: BLE001
                answers.append({"raised": f"{type(exc).__name__}: {exc}"})
        await asyncio.sleep(0.1)  # anything a handler left running gets the chance to finish (it should not need it)
        return answers

    answers = asyncio.run(main())
    return {"answers": answers, "alerts": alerts.sent, "tickets": tickets.created, "reported": reported}


# --- Redis Streams -------------------------------------------------------------------------------------------

def _redis(socket_path: str):
    import redis.asyncio
    return redis.asyncio.Redis(unix_socket_path=socket_path)


def _fork(work) -> tuple[int, int]:
    """Run `work()` in a child process; (pid, fd to read its JSON result from). A child that dies writes nothing."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(read_fd)
            payload = {"result": work()}
        except BaseException as exc:  # noqa: BLE001
            payload, status = {"error": f"{type(exc).__name__}: {exc}"[:500]}, 1
        try:
            os.write(write_fd, json.dumps(payload).encode())
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _join(pid: int, read_fd: int) -> dict:
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    payload = json.loads(text) if text else {"died": True}
    payload["exit_code"] = os.waitstatus_to_exitcode(status)
    return payload


def _consume(submission, socket_path: str, consumer: str, *, until_handled: int | None = None, quiet_polls: int = 3,
             crash_on: str | None = None, budget_s: float = DEADLINE_S, **options) -> dict:
    """A consumer (in this process) polling until it has handled `until_handled` events, or until `quiet_polls`
    polls in a row found nothing. Each handled event is also pushed to the Redis list "handled", which outlives
    a consumer that dies. With `crash_on`, the process dies (os._exit) when an event of that type arrives."""
    import redis

    handled: list[dict] = []
    log = redis.Redis(unix_socket_path=socket_path)

    async def record(event):
        if crash_on is not None and event.type == crash_on:
            os._exit(3)
        entry = {"type": str(event.type), "n": event.data.get("n"), "id": str(event.id), "depth": int(event.depth),
                 "consumer": consumer}
        log.rpush("handled", json.dumps(entry))
        handled.append(entry)

    async def main():
        bus = submission.EventBus(handler_timeout_s=3.0)
        for event_type in ("job", "poison"):
            bus.subscribe(event_type, record)
        connection = _redis(socket_path)
        reader = submission.StreamConsumer(connection, bus, consumer=consumer, stream="jobs", group="workers",
                                           **{"block_ms": 100, **options})
        await reader.ensure_group()
        quiet, deadline = 0, time.monotonic() + budget_s
        while time.monotonic() < deadline:
            if until_handled is not None and len(handled) >= until_handled:
                break
            got = await reader.poll()
            quiet = 0 if got else quiet + 1
            if until_handled is None and quiet >= quiet_polls:
                break
        await connection.aclose()
        return handled

    return {"handled": asyncio.run(main())}


def _handled(socket_path: str) -> list[dict]:
    import redis
    return [json.loads(item) for item in redis.Redis(unix_socket_path=socket_path).lrange("handled", 0, -1)]


def _publish(submission, socket_path: str, events: list[dict]) -> list[str]:
    async def main():
        connection = _redis(socket_path)
        publisher = submission.StreamPublisher(connection, "jobs")
        ids = [str(await publisher.publish(e["type"], {"n": e["n"]})) for e in events]
        await connection.aclose()
        return ids

    return asyncio.run(main())


def _pending(socket_path: str) -> int:
    import redis
    try:
        return int(redis.Redis(unix_socket_path=socket_path).xpending("jobs", "workers")["pending"])
    except redis.ResponseError:
        return -1  # no such group


def stream_outlives_publisher(submission, redis_socket: str, count: int) -> dict:
    """A publisher process adds `count` events and exits; afterwards a new consumer (this process) reads them."""
    events = [{"type": "job", "n": n} for n in range(count)]
    publisher = _join(*_fork(lambda: _publish(submission, redis_socket, events)))
    _consume(submission, redis_socket, "reader-1", until_handled=count)
    return {"publisher": publisher, "handled": _handled(redis_socket), "pending": _pending(redis_socket)}


def stream_group(submission, redis_socket: str, count: int, consumers: int = 2) -> dict:
    """`count` events published; `consumers` processes in one group read until the stream is quiet."""
    _publish(submission, redis_socket, [{"type": "job", "n": n} for n in range(count)])
    children = [_fork(lambda i=i: _consume(submission, redis_socket, f"worker-{i}", batch=2))
                for i in range(consumers)]
    exits = [_join(pid, fd) for pid, fd in children]
    return {"exits": [{k: v for k, v in e.items() if k != "result"} for e in exits], "handled": _handled(redis_socket),
            "pending": _pending(redis_socket)}


def stream_crash(submission, redis_socket: str, count: int, claim_idle_ms: int = 300) -> dict:
    """A consumer process reads a batch and dies on its first event; a second consumer must take over the
    abandoned (pending, never acknowledged) events."""
    _publish(submission, redis_socket, [{"type": "job", "n": n} for n in range(count)])
    crashed = _join(*_fork(lambda: _consume(submission, redis_socket, "worker-a", crash_on="job", batch=count)))
    pending_after_crash = _pending(redis_socket)
    started = time.monotonic()
    _consume(submission, redis_socket, "worker-b", until_handled=count, claim_idle_ms=claim_idle_ms, batch=count)
    return {"crash_exit_code": crashed["exit_code"], "pending_after_crash": pending_after_crash,
            "handled": _handled(redis_socket), "took": time.monotonic() - started, "pending": _pending(redis_socket)}


def stream_poison(submission, redis_socket: str, max_deliveries: int = 2, claim_idle_ms: int = 200) -> dict:
    """job 0, a poison event that kills whichever consumer takes it, job 2. Consumers (batch 1) die on the poison
    until one finds it delivered more than `max_deliveries` times and moves it to the dead-letter stream."""
    import redis

    _publish(submission, redis_socket, [{"type": "job", "n": 0}, {"type": "poison", "n": 1}, {"type": "job", "n": 2}])
    options = {"batch": 1, "claim_idle_ms": claim_idle_ms, "max_deliveries": max_deliveries, "quiet_polls": 8,
               "crash_on": "poison", "budget_s": 3.0}
    exit_codes = [_join(*_fork(lambda a=a: _consume(submission, redis_socket, f"worker-{a}", **options)))["exit_code"]
                  for a in range(max_deliveries + 1)]
    connection = redis.Redis(unix_socket_path=redis_socket)
    dead = connection.xrange("jobs:dead") if connection.exists("jobs:dead") else []
    return {"exit_codes": exit_codes, "handled": _handled(redis_socket), "dead_letters": len(dead),
            "pending": _pending(redis_socket)}
