"""Queue worker graded tests. Each runs your `queue_worker` package in its own process through ../driver.py,
against a real redis-server started for the test (on a unix socket) and, for the HTTP tests, a real uvicorn
server on a unix socket. The worker runs in burst mode; retries RQ schedules for later are moved onto the queue
at once, after the driver has read how long RQ was asked to wait. Scenarios answer the model calls, and the
number of requests your worker sent is the number of attempts."""
import pytest


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the queue failed: {trace['error']}"
    return trace["result"]


def attempts_sent(trace: dict) -> int:
    return len(trace["sent"])


def body(answer: dict) -> dict:
    assert isinstance(answer["body"], dict), f"expected a JSON object, got {answer['body']!r}"
    return answer["body"]


def state(answer: dict | None) -> str | None:
    return None if answer is None or answer["status_code"] != 200 else body(answer).get("status")


@pytest.mark.points(3)
@pytest.mark.hint("POST /tasks enqueues with TaskQueue.submit and answers 202 with {task_id, status, status_url}; "
                  "GET /tasks/{id} answers {task_id, status, attempts, result, error}, with the task's return "
                  "value as `result` once it is finished.")
def test_a_submitted_task_is_processed_and_its_result_reported(run, redis_socket):
    trace = run("summaries", "http_lifecycle", redis_socket=redis_socket)
    result = result_of(trace)
    posted = result["posted"][0]
    assert posted["status_code"] == 202, f"POST /tasks answered {posted['status_code']}: {posted['body']}"
    assert body(posted).get("task_id"), "the 202 answer must carry the task id"
    assert body(posted).get("status") == "queued"
    finished = result["after"][0]
    assert state(finished) == "finished", f"after the worker ran, the incident summary is {finished}"
    summary = (body(finished).get("result") or {}).get("summary", "")
    assert "connection-pool limit" in summary, f"the result should hold the model's summary, got {body(finished)}"
    assert body(finished).get("attempts") == 1
    first_prompt = " ".join(text for _, text in trace["sent"][0]["messages"]) if trace["sent"] else ""
    assert "Incident 2291" in first_prompt, "the worker should send the submitted document to the model"


@pytest.mark.points(3)
@pytest.mark.hint("Map RQ's job status to queued / started / finished / failed (a job waiting for a retry is "
                  "still queued); answer 404 for an id that does not exist, and 422 for an empty document.")
def test_status_endpoint_reports_each_state(run, redis_socket):
    result = result_of(run("summaries", "http_lifecycle", redis_socket=redis_socket))
    during = result["during"]
    assert len(during) >= 2, f"expected a model call per task, saw {len(during)}"
    incident = [result["before"][0], during[0][0], during[1][0], result["after"][0]]
    capacity = [result["before"][1], during[0][1], during[1][1], result["after"][1]]
    assert [state(a) for a in incident] == ["queued", "started", "finished", "finished"], \
        "the incident report's status before the worker, during its model call, during the next task's, and after"
    assert [state(a) for a in capacity] == ["queued", "queued", "started", "failed"], \
        "the capacity plan's status before the worker, while the first task runs, during its own call, and after"
    failed = body(result["after"][1])
    assert failed.get("error") and ("400" in failed["error"] or "BadRequest" in failed["error"]), \
        f"a failed task should say why; got error={failed.get('error')!r}"
    assert failed.get("result") is None
    assert result["unknown"]["status_code"] == 404, f"an unknown task id answered {result['unknown']['status_code']}"
    assert result["empty"]["status_code"] == 422, "an empty document should be refused with 422"


@pytest.mark.points(3)
@pytest.mark.hint("With an Idempotency-Key header, derive the job id from the key and enqueue with "
                  "job_id=..., unique=True: RQ raises DuplicateJobError when it exists, and you return that id. "
                  "Keep a fingerprint of the document in job.meta to refuse the same key for another document.")
def test_duplicate_idempotency_key_returns_the_same_task(run, redis_socket):
    trace = run("summaries", "http_idempotency", redis_socket=redis_socket)
    result = result_of(trace)
    first, repeat = (body(a) for a in result["same"])
    assert result["same"][1]["status_code"] == 202
    assert first.get("task_id") and repeat.get("task_id") == first["task_id"], \
        f"the same key gave two task ids: {first.get('task_id')} and {repeat.get('task_id')}"
    others = [body(result["other_key"]).get("task_id")] + [body(a).get("task_id") for a in result["no_key"]]
    assert len({first["task_id"], *others}) == 4, f"a new key, or no key, must make a new task: {others}"
    assert result["conflict"]["status_code"] in (409, 422), \
        f"the same key for a different document answered {result['conflict']['status_code']}; it must be refused"
    assert result["queued"] == 4, f"{result['queued']} jobs were queued for 4 distinct submissions"
    assert attempts_sent(trace) == 4, f"the worker made {attempts_sent(trace)} model calls for 4 distinct tasks"
    assert body(result["again"]).get("task_id") == first["task_id"], \
        "the key must still return the same task after it has finished"
    assert state(result["final"]) == "finished"


@pytest.mark.points(2)
@pytest.mark.hint("intervals()[n] = min(max_delay, base_delay * factor ** n) as whole seconds, one per retry.")
def test_backoff_intervals_grow_exponentially_up_to_a_cap(run):
    policies = [{"max_retries": 3, "base_delay": 2, "factor": 3, "max_delay": 60},
                {"max_retries": 6, "base_delay": 5, "factor": 2, "max_delay": 60},
                {"max_retries": 0, "base_delay": 5, "factor": 2, "max_delay": 60}]
    got = result_of(run("summaries", "policy_intervals", policies=policies))["intervals"]
    assert got == [[2, 6, 18], [5, 10, 20, 40, 60, 60], []], f"intervals {got}"


@pytest.mark.points(2)
@pytest.mark.hint("Use the error's own `retryable` flag (agentkit.LLMError.retryable); an exception that is not "
                  "an LLMError is a bug in our code and retrying cannot fix it.")
def test_only_provider_side_errors_are_retryable(run):
    got = result_of(run("summaries", "retryable_errors"))
    expected = {"ServerError 503": True, "RateLimitError 429": True, "TimeoutError": True,
                "BadRequestError 400": False, "AuthError 401": False, "ValueError": False, "KeyError": False}
    assert got == expected, f"is_retryable said {got}"


@pytest.mark.points(4)
@pytest.mark.hint("Enqueue with retry=policy.rq_retry() (RQ's Retry(max=..., interval=[...])): RQ then schedules "
                  "each retry after the next interval. The task must re-raise retryable errors.")
def test_transient_failures_are_retried_on_the_backoff_schedule(run, redis_socket):
    trace = run("flaky-then-ok", "retry_run", redis_socket=redis_socket, max_retries=3, base_delay=2, factor=3,
                max_delay=60)
    result = result_of(trace)
    assert result["retry_intervals"] == [2, 6, 18], \
        f"the job should carry the policy's schedule [2, 6, 18]; RQ has {result['retry_intervals']}"
    delays = result["delays"]
    assert len(delays) == 2, f"two failures should schedule two retries; RQ scheduled {len(delays)}: {delays}"
    for wanted, got in zip([2, 6], delays):
        assert wanted - 1.8 <= got <= wanted + 0.2, f"retry delays {delays}; expected about [2, 6] seconds"
    assert attempts_sent(trace) == 3, f"{attempts_sent(trace)} model calls: expected 503, 500, then success"
    assert result["status"]["status"] == "finished", f"status {result['status']}"
    assert result["status"]["attempts"] == 3
    assert result["dead_letters"] == [], "a task that finally succeeded must not be in the dead letters"


@pytest.mark.points(4)
@pytest.mark.hint("A 400 fails the same way every time: when the error is not retryable, set the job's "
                  "retries_left to 0 before re-raising (rq.get_current_job()), so RQ fails it at once.")
def test_permanent_error_goes_to_dead_letter_after_one_attempt(run, redis_socket):
    trace = run("bad-request", "retry_run", redis_socket=redis_socket, max_retries=3, base_delay=2, factor=3,
                max_delay=60)
    result = result_of(trace)
    assert attempts_sent(trace) == 1, f"a 400 was sent {attempts_sent(trace)} times; it can never succeed"
    assert result["delays"] == [], f"no retry should be scheduled for a 400; RQ scheduled {result['delays']}"
    assert result["status"]["status"] == "failed"
    letters = result["dead_letters"]
    assert [letter["task_id"] for letter in letters] == [result["task_id"]], f"dead letters {letters}"
    reason = letters[0]["reason"] or ""
    assert "400" in reason or "BadRequest" in reason, f"the dead letter's reason should name the error: {reason!r}"
    assert letters[0]["attempts"] == 1


@pytest.mark.points(3)
@pytest.mark.hint("When a retryable error has used up every retry, RQ moves the job to its FailedJobRegistry: "
                  "list those jobs as dead letters, with the last error and the number of attempts.")
def test_exhausted_retries_land_in_dead_letter_after_max_plus_one_attempts(run, redis_socket):
    trace = run("outage", "retry_run", redis_socket=redis_socket, max_retries=2, base_delay=2, factor=3,
                max_delay=60)
    result = result_of(trace)
    assert attempts_sent(trace) == 3, f"max_retries=2 means 3 attempts in all; the worker made {attempts_sent(trace)}"
    assert len(result["delays"]) == 2
    assert result["status"]["status"] == "failed"
    letters = result["dead_letters"]
    assert [letter["task_id"] for letter in letters] == [result["task_id"]], f"dead letters {letters}"
    reason = letters[0]["reason"] or ""
    assert "503" in reason or "ServerError" in reason, f"the dead letter's reason should name the error: {reason!r}"
    assert letters[0]["attempts"] == 3


@pytest.mark.points(2)
@pytest.mark.hint("requeue(task_id): give the job a fresh set of retries (retries_left, retry_intervals) and use "
                  "FailedJobRegistry.requeue; raise KeyError for an id that is not in the dead letters.")
def test_a_dead_letter_can_be_requeued(run, redis_socket):
    trace = run("outage-then-recovery", "requeue_run", redis_socket=redis_socket)
    result = result_of(trace)
    assert [letter["task_id"] for letter in result["dead_before"]] == [result["task_id"]], \
        "after two 503s with one retry allowed, the task should be a dead letter"
    assert result["requeued"]["status"]["status"] == "queued"
    assert result["requeued"]["dead_letters"] == [], "a requeued task is no longer a dead letter"
    assert result["final"]["status"] == "finished", f"after the provider recovered: {result['final']}"
    assert attempts_sent(trace) == 3
    assert result["dead_after"] == []
    assert result["unknown_requeue"] == "KeyError", f"requeueing an unknown id raised {result['unknown_requeue']}"
