"""What the graders call: run the student's `queue_worker` package on a real Redis (the test's redis-server, on a
unix socket) and, for the HTTP tests, behind a real uvicorn server on a unix socket in this process; hand back
plain JSON data only.

The worker is RQ's SimpleWorker in burst mode, in this process: it drains the queue and returns, and the
scenario answers its model calls, so every request it sends is counted. Retries RQ schedules for later are not
waited for: the driver reads when RQ scheduled each one (its delay), then moves it onto the queue at once.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import tempfile
import threading
import time

import httpx

import agentkit

# The replay layer (vcrpy) patches httpx.HTTPTransport.handle_request while a scenario is active, so that model
# calls are answered from fixtures. Calls to our own API server are not model calls: this transport keeps the
# real handle_request, taken before any scenario is entered (vcrpy keeps the original too).
try:
    from vcr import patch as _vcr_patch
    _REAL_HANDLE_REQUEST = getattr(_vcr_patch, "_HttpxHttpTransport_handle_request", httpx.HTTPTransport.handle_request)
except ImportError:
    _REAL_HANDLE_REQUEST = httpx.HTTPTransport.handle_request


class LocalTransport(httpx.HTTPTransport):
    """An httpx transport to a local service that the model-call replay never intercepts."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _REAL_HANDLE_REQUEST(self, request)


INCIDENT = ("Incident 2291, payments API. Between 09:12 and 09:47 UTC the payments API returned 502 for 18% of "
            "requests. Cause: a config push removed the connection-pool limit, so the pool grew until the "
            "database refused connections. The change was rolled back at 09:44 UTC. Follow-up: a pool-size "
            "check now runs before every deploy.")
CAPACITY = ("Capacity plan, Q3. Storage grows 4% a month; we add two nodes in August. The full appendix lists "
            "every cluster's disk, memory and CPU by week.")
TASK_FIELDS = ("task_id", "status", "attempts", "result", "error")
DEAD_LETTER_FIELDS = ("task_id", "reason", "attempts", "failed_at")


def _connect(redis_socket: str):
    import redis
    return redis.Redis(unix_socket_path=redis_socket, socket_timeout=10)


def _fields(value, names) -> dict | None:
    if value is None:
        return None
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    get = value.get if isinstance(value, dict) else lambda name: getattr(value, name, None)
    return {name: get(name) for name in names}


@contextlib.contextmanager
def _signals_kept():
    """RQ's worker installs SIGINT/SIGTERM handlers; put this process's own back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _work(tasks) -> None:
    worker = tasks.worker()
    with _signals_kept():
        worker.work(burst=True, logging_level="WARNING")


_SCHEDULED_AT: dict[str, float] = {}  # job id -> when RQ last scheduled a retry of it


def _record_retry_times() -> None:
    """Note the moment RQ schedules each retry, so a delay is measured from then and not from whenever the
    burst worker got round to returning (which on a busy machine can be seconds later)."""
    from rq.job import Job

    if getattr(Job.retry, "records_time", False):
        return
    schedule = Job.retry

    def retry(self, *args, **kwargs):
        _SCHEDULED_AT[self.id] = time.time()
        return schedule(self, *args, **kwargs)

    retry.records_time = True
    Job.retry = retry


def _fast_forward(queue) -> list[float]:
    """Every job RQ has scheduled on this queue: seconds from its scheduling until it is due, then it is moved
    onto the queue."""
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    registry = ScheduledJobRegistry(queue=queue)
    delays = []
    for raw_id, due in registry.connection.zrange(registry.key, 0, -1, withscores=True):
        delays.append(float(due) - _SCHEDULED_AT.get(raw_id.decode(), time.time()))
        job = Job.fetch(raw_id.decode(), connection=queue.connection)
        registry.remove(job)
        queue.enqueue_job(job)
    return delays


def _drain(tasks, rounds: int = 12) -> list[float]:
    """Work until nothing is queued or scheduled; the delay of every retry RQ scheduled, in order."""
    delays: list[float] = []
    for _ in range(rounds):
        _work(tasks)
        scheduled = _fast_forward(tasks.queue)
        if not scheduled:
            break
        delays += scheduled
    return delays


@contextlib.contextmanager
def _serving(app):
    """`app` behind a real uvicorn server on a unix socket; yields an httpx client for it."""
    import uvicorn

    folder = tempfile.mkdtemp(prefix="queue-api-")
    path = os.path.join(folder, "api.sock")
    server = uvicorn.Server(uvicorn.Config(app, uds=path, log_level="warning", log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.01)
    try:
        with httpx.Client(transport=LocalTransport(uds=path), base_url="http://svc", timeout=10) as http:
            yield http
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)


def _answer(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        body = response.text[:500]
    return {"status_code": int(response.status_code), "body": body, "location": response.headers.get("location")}


def _task_id(answer: dict):
    body = answer["body"]
    return body.get("task_id") if isinstance(body, dict) else None


def _get(http, task_id) -> dict | None:
    return None if task_id is None else _answer(http.get(f"/tasks/{task_id}"))


@contextlib.contextmanager
def _watching(http, task_ids: list, seen: list):
    """While a model call is in progress (the worker is running a task), ask the API for every task's status."""
    original = agentkit.Client.chat

    def chat(self, *args, **kwargs):
        seen.append([_get(http, task_id) for task_id in task_ids])
        return original(self, *args, **kwargs)

    agentkit.Client.chat = chat
    try:
        yield
    finally:
        agentkit.Client.chat = original


def http_lifecycle(submission, redis_socket: str) -> dict:
    """POST the incident report and the capacity plan; GET both before, during (from inside each model call)
    and after the worker runs; GET an unknown id; POST an empty document."""
    tasks = submission.TaskQueue(_connect(redis_socket), retry=submission.RetryPolicy(max_retries=2, base_delay=1))
    with _serving(submission.create_app(tasks)) as http:
        posted = [_answer(http.post("/tasks", json={"document": doc})) for doc in (INCIDENT, CAPACITY)]
        ids = [_task_id(answer) for answer in posted]
        before = [_get(http, task_id) for task_id in ids]
        during: list = []
        with _watching(http, ids, during):
            _drain(tasks)
        after = [_get(http, task_id) for task_id in ids]
        unknown = _answer(http.get("/tasks/task-that-was-never-submitted"))
        empty = _answer(http.post("/tasks", json={"document": ""}))
    return {"posted": posted, "before": before, "during": during, "after": after, "unknown": unknown,
            "empty": empty}


def http_idempotency(submission, redis_socket: str) -> dict:
    """POST the same document with one key twice, with a second key, and with no key twice; reuse the first key
    for another document; count the jobs queued; run the worker; reuse the first key once more."""
    tasks = submission.TaskQueue(_connect(redis_socket), retry=submission.RetryPolicy(max_retries=1, base_delay=1))
    with _serving(submission.create_app(tasks)) as http:
        def post(document, key=None):
            headers = {"Idempotency-Key": key} if key else {}
            return _answer(http.post("/tasks", json={"document": document}, headers=headers))

        same = [post(INCIDENT, "order-7731-summary"), post(INCIDENT, "order-7731-summary")]
        other_key = post(INCIDENT, "order-7732-summary")
        no_key = [post(INCIDENT), post(INCIDENT)]
        conflict = post(CAPACITY, "order-7731-summary")
        queued = int(tasks.queue.count)
        _drain(tasks)
        again = post(INCIDENT, "order-7731-summary")
        final = _get(http, _task_id(same[0]))
    return {"same": same, "other_key": other_key, "no_key": no_key, "conflict": conflict, "queued": queued,
            "again": again, "final": final}


def retry_run(submission, redis_socket: str, max_retries: int, base_delay: int, factor: float,
              max_delay: int) -> dict:
    """Submit the incident report with this retry policy and work until nothing is left: the delay of every
    retry RQ scheduled, the retry schedule stored on the job, the final status and the dead letters."""
    from rq.job import Job

    connection = _connect(redis_socket)
    policy = submission.RetryPolicy(max_retries=max_retries, base_delay=base_delay, factor=factor,
                                    max_delay=max_delay)
    tasks = submission.TaskQueue(connection, retry=policy)
    task_id = tasks.submit(INCIDENT)
    stored = Job.fetch(task_id, connection=connection).retry_intervals
    _record_retry_times()
    delays = _drain(tasks)
    return {"task_id": str(task_id), "delays": [round(d, 3) for d in delays],
            "retry_intervals": None if stored is None else [float(i) for i in stored],
            "status": _fields(tasks.status(task_id), TASK_FIELDS),
            "dead_letters": [_fields(letter, DEAD_LETTER_FIELDS) for letter in tasks.dead_letters()]}


def requeue_run(submission, redis_socket: str) -> dict:
    """One retry allowed, two failures: the task is dead-lettered. Requeue it (the provider has recovered), work
    again; also requeue an id that is not in the dead letters."""
    tasks = submission.TaskQueue(_connect(redis_socket), retry=submission.RetryPolicy(max_retries=1, base_delay=1))
    task_id = tasks.submit(INCIDENT)
    _drain(tasks)
    dead = [_fields(letter, DEAD_LETTER_FIELDS) for letter in tasks.dead_letters()]
    tasks.requeue(task_id)
    requeued = {"status": _fields(tasks.status(task_id), TASK_FIELDS),
                "dead_letters": [_fields(letter, DEAD_LETTER_FIELDS) for letter in tasks.dead_letters()]}
    _drain(tasks)
    try:
        tasks.requeue("task-that-was-never-submitted")
        unknown = "no error"
    except Exception as exc:  # noqa: BLE001 - what it raised is the result
        unknown = type(exc).__name__
    return {"task_id": str(task_id), "dead_before": dead, "requeued": requeued,
            "final": _fields(tasks.status(task_id), TASK_FIELDS),
            "dead_after": [_fields(letter, DEAD_LETTER_FIELDS) for letter in tasks.dead_letters()],
            "unknown_requeue": unknown}


def policy_intervals(submission, policies: list[dict]) -> dict:
    """RetryPolicy(**policy).intervals() for each policy."""
    return {"intervals": [[float(i) for i in submission.RetryPolicy(**policy).intervals()] for policy in policies]}


def retryable_errors(submission) -> dict:
    """is_retryable(error) for errors of each kind the client raises, and two of our own bugs."""
    errors = {
        "ServerError 503": agentkit.ServerError("service unavailable", provider="anthropic", status=503),
        "RateLimitError 429": agentkit.RateLimitError("slow down", provider="openai", status=429, retry_after=2),
        "TimeoutError": agentkit.TimeoutError("no answer within 60 s", provider="anthropic"),
        "BadRequestError 400": agentkit.BadRequestError("prompt is too long", provider="anthropic", status=400),
        "AuthError 401": agentkit.AuthError("invalid key", provider="openai", status=401),
        "ValueError": ValueError("prompt template is missing {document}"),
        "KeyError": KeyError("summary"),
    }
    return {name: bool(submission.is_retryable(error)) for name, error in errors.items()}
