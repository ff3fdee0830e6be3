"""Deployment graded tests. Each runs your `lab_service` in its own process through ../driver.py: under a real
uvicorn server on a unix socket (in a thread, or in a child process started with your serve() and stopped
with SIGTERM, as a platform stops it on every deploy), or through its ASGI lifespan directly. The model's
replies come from ../fixtures/scenarios/summaries.yaml (in the child process, from a canned summariser); the
model client is wrapped so a test can hold a call for a while and see when the client is closed."""
import pytest

SUMMARY = "Revenue rose 12% in the quarter"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "checking files calls no model"},
          "exchanges": []}
SETTINGS = {"COURSE_LLM_MODE": "replay", "readiness_timeout_seconds": 0.5, "shutdown_grace_seconds": 5}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your service: {trace['error']}"
    return trace["result"]


def events(result: dict) -> list[str]:
    return [name for name, _ in result["events"]]


@pytest.mark.points(3)
@pytest.mark.hint("Serve GET /health (always 200 while the process runs), GET /ready (200 with "
                  "{'ready': true, 'checks': {...}} once the lifespan has built the summariser) and POST /summarise "
                  "({'text'} in, {'summary', 'model'} out).")
def test_health_ready_and_summarise_answer_under_uvicorn(run):
    trace = run("summaries", "probe", settings=SETTINGS,
                requests=[["GET", "/health", None], ["GET", "/ready", None],
                          ["POST", "/summarise", {"text": "Q3 report: revenue up 12%, costs flat."}]])
    health, ready, summary = result_of(trace)["responses"]
    assert health["status"] == 200, f"/health answered {health['status']}: {health.get('text', health.get('error'))}"
    assert ready["status"] == 200, f"/ready answered {ready['status']}: {ready.get('text', ready.get('error'))}"
    assert ready["json"].get("ready") is True, f"/ready should say ready: true; it said {ready['json']}"
    assert summary["status"] == 200, f"/summarise answered {summary['status']}: {summary.get('text')}"
    assert SUMMARY in summary["json"]["summary"], "the summary should be the model's reply"
    assert len(trace["sent"]) == 1 and trace["sent"][0]["model"] == "claude-haiku-4-5"


@pytest.mark.points(3)
@pytest.mark.hint("Run each readiness check with a timeout (asyncio.wait_for; a blocking check in a thread with "
                  "asyncio.to_thread) and answer 503 naming the check that failed, raised or timed out, without "
                  "its exception text. /health must not run the checks: liveness failing on a dependency makes "
                  "the platform restart a healthy process.")
def test_readiness_reports_dependencies_but_liveness_does_not(run):
    checks = {"cache": "ok", "redis": "raise", "queue": "fail", "search": "hang"}
    trace = run(NO_LLM, "probe", settings=SETTINGS, checks=checks,
                requests=[["GET", "/ready", None], ["GET", "/health", None]])
    ready, health = result_of(trace)["responses"]
    assert ready["status"] == 503, f"/ready answered {ready['status']} with three failing dependencies"
    assert ready["elapsed"] < 3, f"/ready took {ready['elapsed']:.1f} s: a hanging check must time out (0.5 s)"
    checks_seen = (ready["json"] or {}).get("checks", {})
    assert checks_seen.get("cache") == "ok", f"the passing check should be 'ok': {checks_seen}"
    failing = [name for name in ("redis", "queue", "search") if checks_seen.get(name) in (None, "ok")]
    assert not failing, f"/ready should report {failing} as not ok; it reported {checks_seen}"
    assert "Pw-fake" not in ready["text"], "the exception text (with a password in it) reached the response"
    assert health["status"] == 200 and health["elapsed"] < 1, \
        f"/health answered {health['status']} in {health['elapsed']:.1f} s: liveness must not run the checks"


@pytest.mark.points(3)
@pytest.mark.hint("In the lifespan, after `yield`: stop accepting work (new /summarise gets 503 with Retry-After, "
                  "/ready gets 503), wait for the requests in flight (at most shutdown_grace_seconds), then "
                  "await summariser.aclose(). Count work in flight around the model call.")
def test_shutdown_drains_in_flight_work_then_closes_the_client(run):
    result = result_of(run("summaries", "drain_in_process", settings=SETTINGS, delay=1.0))
    assert result["startup"] == "complete", f"lifespan startup: {result['startup']}"
    assert result["ready_before"]["status"] == 200, "/ready should be 200 once started"
    assert not result["shutdown_done_early"], \
        "the lifespan finished shutting down while a request was still in flight: it must wait for it"
    assert result["ready_during"]["status"] == 503, \
        f"/ready answered {result['ready_during']['status']} while shutting down; it should be 503"
    new = result["new_work_during"]
    assert new["status"] == 503 and new["headers"].get("retry-after"), \
        f"new work while draining got {new['status']} (headers {new['headers']}); expected 503 with Retry-After"
    assert result["health_during"]["status"] == 200, "/health should stay 200 while draining"
    assert result["in_flight"]["status"] == 200, f"the in-flight request got {result['in_flight']['status']}"
    order = events(result)
    assert "closed" in order, f"the summariser was never closed (events: {order})"
    assert order.index("call-end 1") < order.index("closed"), f"closed before the in-flight call ended: {order}"
    assert order.count("call-start 1") == 1 and "call-start 2" not in order, \
        f"the request sent while draining reached the model: {order}"


@pytest.mark.points(4)
@pytest.mark.hint("serve() runs uvicorn with lifespan='on' and timeout_graceful_shutdown from the settings; on "
                  "SIGTERM uvicorn closes its socket, finishes open requests, then runs your lifespan shutdown, "
                  "which must close the summariser.")
def test_sigterm_lets_the_in_flight_request_finish_and_refuses_new_connections(run):
    result = result_of(run(NO_LLM, "sigterm", settings=SETTINGS,
                           texts=["[slow:1.2] Q3 report: revenue up 12%, costs flat."], wait_for_calls=1,
                           exit_deadline=8))
    assert result["started"], f"the service did not start under serve():\n{result['log']}"
    answer = result["responses"][0]
    assert answer["status"] == 200, \
        f"the request in flight at SIGTERM got {answer.get('status')} ({answer.get('error')}); it should finish"
    assert "summarised" in answer["json"]["summary"]
    assert result["refused"], f"new connections after SIGTERM were still accepted: {result.get('attempts')}"
    assert result["exit_after"] is not None and result["exit_after"] < 5, \
        f"the process did not exit within the 5 s grace period (exit after {result['exit_after']}):\n{result['log']}"
    order = events(result)
    assert "closed" in order and order.index("call-end 1") < order.index("closed"), \
        f"the summariser should be closed after the in-flight call ends: {order}"


@pytest.mark.points(3)
@pytest.mark.hint("Pass timeout_graceful_shutdown=settings.shutdown_grace_seconds to uvicorn: without it uvicorn "
                  "waits for a stuck request for ever, and the platform's SIGKILL arrives before your shutdown "
                  "code runs.")
def test_a_stuck_request_cannot_hold_shutdown_past_the_grace_period(run):
    settings = {**SETTINGS, "shutdown_grace_seconds": 1}
    result = result_of(run(NO_LLM, "sigterm", settings=settings,
                           texts=["[slow:0.6] The board approved the budget.", "[slow:30] A stuck request."],
                           wait_for_calls=2, exit_deadline=5))
    assert result["started"], f"the service did not start under serve():\n{result['log']}"
    quick, stuck = result["responses"]
    assert quick["status"] == 200, f"the quick request in flight got {quick.get('status')}; it should finish"
    assert stuck["status"] != 200, "the stuck request cannot have finished"
    assert result["exit_after"] is not None and result["exit_after"] < 3.5, \
        f"with a 1 s grace period the process should exit within ~2 s of SIGTERM; exit after {result['exit_after']}"
    assert "closed" in events(result), f"the summariser was not closed after the grace period: {events(result)}"


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
    results = result_of(trace)["results"]
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
