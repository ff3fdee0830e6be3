"""Deployment graded tests. Your `lab_service` runs in its own process (through ../driver.py), served by a real
uvicorn server on a unix socket: in a thread, or in a child process started with your serve() and stopped with
SIGTERM, as a platform stops it on every deploy. Each test sends the requests itself and judges the answers it
receives; the model's replies come from ../fixtures/scenarios/summaries.yaml and every model request is recorded
where it is answered, outside your process (in the child process a canned summariser answers). The model client
is wrapped so that a test can hold a call for a while; when calls started and ended, when the client was
closed and when the process exited are what your process reports."""
import threading
import time

import pytest

SUMMARY = "Revenue rose 12% in the quarter"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "checking files calls no model"},
          "exchanges": []}
SETTINGS = {"COURSE_LLM_MODE": "replay", "readiness_timeout_seconds": 0.5, "shutdown_grace_seconds": 5}


def events(reported: dict) -> list[str]:
    return [name for name, _ in reported.get("events", [])]


def reported(trace: dict) -> dict:
    """What a driver entry returned (the submission's own report), or {} if it failed."""
    return trace["result"] if trace["ok"] and isinstance(trace["result"], dict) else {}


@pytest.mark.points(3)
@pytest.mark.hint("Serve GET /health (always 200 while the process runs), GET /ready (200 with "
                  "{'ready': true, 'checks': {...}} once the lifespan has built the summariser) and POST /summarise "
                  "({'text'} in, {'summary', 'model'} out).")
def test_health_ready_and_summarise_answer_under_uvicorn(services):
    with services.record("summaries") as live:
        app = live.serve("serve_app", settings=SETTINGS)
        health, ready = app.get("/health"), app.get("/ready")
        summary = app.post("/summarise", json={"text": "Q3 report: revenue up 12%, costs flat."})
    assert health["status"] == 200, f"/health answered {health['status']}: {health['text'] or health['error']}"
    assert ready["status"] == 200, f"/ready answered {ready['status']}: {ready['text'] or ready['error']}"
    assert (ready["json"] or {}).get("ready") is True, f"/ready should say ready: true; it said {ready['json']}"
    assert summary["status"] == 200, f"/summarise answered {summary['status']}: {summary['text']}"
    assert SUMMARY in (summary["json"] or {}).get("summary", ""), "the summary should be the model's reply"
    assert len(live.sent) == 1 and live.sent[0]["model"] == "claude-haiku-4-5"


@pytest.mark.points(3)
@pytest.mark.hint("Run each readiness check with a timeout (asyncio.wait_for; a blocking check in a thread with "
                  "asyncio.to_thread) and answer 503 naming the check that failed, raised or timed out, without "
                  "its exception text. /health must not run the checks: liveness failing on a dependency makes "
                  "the platform restart a healthy process.")
def test_readiness_reports_dependencies_but_liveness_does_not(services):
    checks = {"cache": "ok", "redis": "raise", "queue": "fail", "search": "hang"}
    with services.record(NO_LLM) as live:
        app = live.serve("serve_app", settings=SETTINGS, checks=checks)
        ready, health = app.get("/ready"), app.get("/health")
    assert ready["status"] == 503, f"/ready answered {ready['status']} with three failing dependencies"
    assert ready["elapsed"] < 3, f"/ready took {ready['elapsed']:.1f} s: a hanging check must time out (0.5 s)"
    checks_seen = (ready["json"] or {}).get("checks", {})
    assert checks_seen.get("cache") == "ok", f"the passing check should be 'ok': {checks_seen}"
    failing = [name for name in ("redis", "queue", "search") if checks_seen.get(name) in (None, "ok")]
    assert not failing, f"/ready should report {failing} as not ok; it reported {checks_seen}"
    assert "Pw-fake" not in ready["text"], "the exception text (with a password in it) reached the response"
    assert health["status"] == 200 and health["elapsed"] < 1, \
        f"/health answered {health['status']} in {health['elapsed']:.1f} s: liveness must not run the checks"


def in_background(call) -> tuple[threading.Thread, list]:
    """Run `call` in a thread; its answer, with "ended" (time.monotonic() when it came), lands in the list."""
    answer: list = []
    thread = threading.Thread(target=lambda: answer.append({**call(), "ended": time.monotonic()}), daemon=True)
    thread.start()
    return thread, answer


@pytest.mark.points(3)
@pytest.mark.hint("In the lifespan, after `yield`: stop accepting work (new /summarise gets 503 with Retry-After, "
                  "/ready gets 503), wait for the requests in flight (at most shutdown_grace_seconds), then "
                  "await summariser.aclose(). Count work in flight around the model call.")
def test_shutdown_drains_in_flight_work_then_closes_the_client(services):
    with services.record("summaries") as live:
        app = live.serve("serve_draining", settings=SETTINGS)
        ready_before = app.get("/ready")
        slow, in_flight = in_background(lambda: app.post(
            "/summarise", json={"text": "[slow:1.0] The quarterly report shows revenue up 12%."}))
        live.job("wait_calls", count=1)
        began = reported(live.job("begin_shutdown"))
        ready_during = app.get("/ready")
        new_work_during = app.post("/summarise", json={"text": "A second document."})
        health_during = app.get("/health")
        slow.join(15)
        ended = reported(live.job("finish_shutdown", timeout=10))
    assert ready_before["status"] == 200, "/ready should be 200 once started"
    assert not began.get("done_early", True), \
        "the lifespan finished shutting down while a request was still in flight: it must wait for it"
    assert ready_during["status"] == 503, f"/ready answered {ready_during['status']} while shutting down; it should be 503"
    assert new_work_during["status"] == 503 and new_work_during["headers"].get("retry-after"), \
        (f"new work while draining got {new_work_during['status']} (headers {new_work_during['headers']}); "
         "expected 503 with Retry-After")
    assert health_during["status"] == 200, "/health should stay 200 while draining"
    assert in_flight and in_flight[0]["status"] == 200, \
        f"the in-flight request got {in_flight[0]['status'] if in_flight else 'no answer'}"
    assert len(live.sent) == 1 and "quarterly report" in live.sent[0]["messages"][-1][1], \
        f"{len(live.sent)} model requests: only the request in flight should reach the model, not the one sent while draining"
    assert ended.get("shutdown") == "complete", f"the lifespan's shutdown: {ended.get('shutdown')}"
    order = events(ended)
    assert "closed" in order, f"the summariser was never closed (events: {order})"
    assert order.index("call-end 1") < order.index("closed"), f"closed before the in-flight call ended: {order}"


def sigterm(services, settings: dict, texts: list[str], wait_for_calls: int, exit_deadline: float):
    """serve() in a child process, `texts` sent to /summarise at once (each on its own connection), SIGTERM
    once `wait_for_calls` model calls have started; then new connections are tried for 1.5 s."""
    with services.record(NO_LLM) as live:
        app = live.serve("serve_in_child", settings=settings)
        senders = [in_background(lambda text=text: app.post("/summarise", json={"text": text},
                                                            deadline=exit_deadline + 1)) for text in texts]
        live.job("wait_calls", count=wait_for_calls)
        live.job("terminate")
        signalled, attempts = time.monotonic(), []
        while time.monotonic() - signalled < 1.5:  # a new connection must soon be refused
            attempt = app.get("/health", deadline=2)
            attempts.append(attempt["status"] or attempt["error"])
            if attempt["status"] is None:
                break
            time.sleep(0.05)
        ended = reported(live.job("await_exit", deadline=exit_deadline))
        for thread, _ in senders:  # by now the server has had exit_deadline seconds since SIGTERM
            thread.join(2)
    answers = [answer[0] if answer else {"status": None, "error": "no answer", "json": None, "ended": time.monotonic()}
               for _, answer in senders]
    for answer in answers:  # seconds from SIGTERM until the answer (or the end of its connection) came
        answer["after_sigterm"] = answer["ended"] - signalled
    refused = bool(attempts) and not isinstance(attempts[-1], int)
    return answers, refused, attempts, ended


@pytest.mark.points(4)
@pytest.mark.hint("serve() runs uvicorn with lifespan='on' and timeout_graceful_shutdown from the settings; on "
                  "SIGTERM uvicorn closes its socket, finishes open requests, then runs your lifespan shutdown, "
                  "which must close the summariser.")
def test_sigterm_lets_the_in_flight_request_finish_and_refuses_new_connections(services):
    answers, refused, attempts, ended = sigterm(services, SETTINGS, ["[slow:1.2] Q3 report: revenue up 12%, costs flat."],
                                                wait_for_calls=1, exit_deadline=8)
    answer = answers[0]
    assert answer["status"] == 200, \
        f"the request in flight at SIGTERM got {answer.get('status')} ({answer.get('error')}); it should finish"
    assert "summarised" in (answer["json"] or {}).get("summary", "")
    assert refused, f"new connections after SIGTERM were still accepted: {attempts[:20]}"
    assert ended.get("exit_after") is not None and ended["exit_after"] < 5, \
        f"the process did not exit within the 5 s grace period (exit after {ended.get('exit_after')}):\n{ended.get('log')}"
    order = events(ended)
    assert "closed" in order and order.index("call-end 1") < order.index("closed"), \
        f"the summariser should be closed after the in-flight call ends: {order}"


@pytest.mark.points(3)
@pytest.mark.hint("Pass timeout_graceful_shutdown=settings.shutdown_grace_seconds to uvicorn: without it uvicorn "
                  "waits for a stuck request for ever, and the platform's SIGKILL arrives before your shutdown "
                  "code runs.")
def test_a_stuck_request_cannot_hold_shutdown_past_the_grace_period(services):
    settings = {**SETTINGS, "shutdown_grace_seconds": 1}
    answers, _, _, ended = sigterm(services, settings, ["[slow:0.6] The board approved the budget.",
                                                        "[slow:30] A stuck request."], wait_for_calls=2, exit_deadline=5)
    quick, stuck = answers
    assert quick["status"] == 200, f"the quick request in flight got {quick.get('status')}; it should finish"
    assert stuck["status"] != 200, "the stuck request cannot have finished"
    assert stuck["after_sigterm"] < 3.5, \
        (f"the stuck request's connection was still open {stuck['after_sigterm']:.1f} s after SIGTERM: with a 1 s "
         "grace period the server should give up on it within ~2 s")
    assert ended.get("exit_after") is not None and ended["exit_after"] < 3.5, \
        f"with a 1 s grace period the process should exit within ~2 s of SIGTERM; exit after {ended.get('exit_after')}"
    assert "closed" in events(ended), f"the summariser was not closed after the grace period: {events(ended)}"


GOOD = {
    "Procfile": "web: uvicorn lab_service.app:create_app --factory --host 0.0.0.0 --port $PORT "
                "--timeout-graceful-shutdown 20\n",
    "railway.toml": '[build]\nbuilder = "RAILPACK"\n\n[deploy]\nstartCommand = "uvicorn lab_service.app:create_app '
                    '--factory --host 0.0.0.0 --port $PORT --timeout-graceful-shutdown 20"\nhealthcheckPath = "/ready"\n'
                    'drainingSeconds = 30\nrestartPolicyType = "ON_FAILURE"\n',
    "render.yaml": "services:\n  - type: web\n    name: summaries\n    runtime: python\n"
                   "    buildCommand: pip install -r requirements.txt\n"
                   "    startCommand: uvicorn lab_service.app:create_app --factory --host 0.0.0.0 --port $PORT "
                   "--timeout-graceful-shutdown 20\n    healthCheckPath: /ready\n    envVars:\n"
                   "      - key: ANTHROPIC_API_KEY\n        sync: false\n      - key: APP_MODEL\n"
                   "        value: claude-haiku-4-5\n",
    "vercel.json": '{"functions": {"index.py": {"maxDuration": 60}}}',
}
FAKE_KEY = "sk-ant-fake-Q7mZ9xLpV4rT8wKd"

BAD = [  # (file, text, the codes a checker must report: no more, no fewer)
    ("Procfile", "web: uvicorn lab_service.app:create_app --factory --port 8000\n", {"host", "port", "graceful-shutdown"}),
    ("Procfile", f"web: ANTHROPIC_API_KEY={FAKE_KEY} uvicorn lab_service.app:create_app --factory --host 0.0.0.0 "
                 "--port $PORT --timeout-graceful-shutdown 20 --reload\n", {"secret", "dev-flag"}),
    ("Procfile", "uvicorn lab_service.app:create_app --host 0.0.0.0 --port $PORT\n", {"parse"}),
    ("Procfile", "web: uvicorn lab_service.app:create_app --factory --host 0.0.0.0 --port $PORT "
                 "--timeout-graceful-shutdown 30\n", {"graceful-shutdown"}),  # ends with the 30 s SIGKILL, not before
    ("railway.toml", '[build]\nbuilder = "NIXPACKS"\n[deploy]\nstartCommand = "uvicorn src.main:app --host 0.0.0.0 '
                     '--port $PORT"\nhealthcheckPath = "/health"\nhealthcheckTimeout = 10\n', {"graceful-shutdown"}),
    ("railway.toml", '[deploy]\nstartCommand = "uvicorn lab_service.app:create_app --factory --host 0.0.0.0 --port '
                     '$PORT --timeout-graceful-shutdown 20"\ndrainingSeconds = 15\n', {"graceful-shutdown", "health-check"}),
    ("railway.toml", '[deploy\nstartCommand = "uvicorn"\n', {"parse"}),
    ("render.yaml", "services:\n  - type: web\n    name: my-ai-api\n    env: python\n"
                    "    startCommand: uvicorn src.main:app --host 0.0.0.0 --port $PORT\n    envVars:\n"
                    "      - key: ANTHROPIC_API_KEY\n        sync: false\n    healthCheckPath: /health\n",
     {"graceful-shutdown"}),
    ("render.yaml", "services:\n  - type: web\n    name: summaries\n    startCommand: uvicorn lab_service.app:create_app "
                    "--factory --host 0.0.0.0 --port $PORT --timeout-graceful-shutdown 45\n    healthCheckPath: /ready\n"
                    f"    envVars:\n      - key: OPENAI_API_KEY\n        value: {FAKE_KEY}\n",
     {"graceful-shutdown", "secret"}),
    ("vercel.json", '{\n  // vercel.json\n  "regions": ["iad1"]\n}\n', {"parse"}),
    ("vercel.json", '{"env": {"ANTHROPIC_API_KEY": "@anthropic-api-key"}, "functions": {"index.py": {}}}',
     {"secret", "duration"}),
]


def checked(trace: dict) -> list[dict]:
    assert trace["ok"], f"the driver could not run your checker: {trace['error']}"
    results = trace["result"]["results"]
    raised = [f"{r['file']}: {r['raised']}" for r in results if "raised" in r]
    assert not raised, f"check_config raised: {raised[:2]}"
    return results


@pytest.mark.points(3)
@pytest.mark.hint("check_config(filename, text) returns ConfigProblem(code, message) items. Parse the file, find the "
                  "start command, split it with shlex and read uvicorn's --host, --port, "
                  "--timeout-graceful-shutdown and --reload; compare the grace period with the platform's SIGKILL "
                  "delay; look for the health check path and for values that look like credentials.")
def test_config_checker_finds_each_deployment_defect(run):
    results = checked(run(NO_LLM, "check_configs", files=[[name, text] for name, text, _ in BAD]))
    wrong = [(name, text.splitlines()[0][:60], sorted(want), got["codes"])
             for (name, text, want), got in zip(BAD, results) if set(got["codes"]) != want]
    assert not wrong, "\n".join(f"{n} ({first!r}...): expected {want}, got {got}" for n, first, want, got in wrong)


@pytest.mark.points(2)
@pytest.mark.hint("Accept uvicorn's --name=value form, `python -m uvicorn`, ${PORT} and a grace period below a "
                  "configured maxShutdownDelaySeconds; report nothing for a file with no defect.")
def test_config_checker_accepts_good_configs_for_every_platform(run):
    variants = [
        ["Procfile", "web: python -m uvicorn lab_service.app:create_app --factory --host=0.0.0.0 --port=${PORT} "
                     "--timeout-graceful-shutdown=25\nworker: python -m lab_service.jobs\n"],
        ["render.yaml", GOOD["render.yaml"].replace("--timeout-graceful-shutdown 20", "--timeout-graceful-shutdown 45")
         + "    maxShutdownDelaySeconds: 60\n"],
    ]
    bad_ones = [["Procfile", "web: uvicorn app:app --host 0.0.0.0 --port $PORT\n"],
                ["vercel.json", '{"functions": {"index.py": {"memory": 1024}}}']]
    results = checked(run(NO_LLM, "check_configs", files=[*GOOD.items(), *variants, *bad_ones]))
    flagged = [(r["file"], r["messages"]) for r in results[:-2] if r["codes"]]
    assert not flagged, f"good configurations were flagged: {flagged}"
    assert all(r["codes"] for r in results[-2:]), "a start command with no grace period and a function with no " \
                                                  "maxDuration should be reported"
