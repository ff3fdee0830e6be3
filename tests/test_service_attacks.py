"""Forging a served app's evidence from inside the submission's process earns nothing.

The units that serve an app (webhook, Slack bot, deployment) are judged on the answers the grading process
receives from the app and on what the grader's fakes and broker recorded. A submission that implements nothing
but forges every job's reply, plants files in its services folder and posts straight to the fakes scores 0 on
those tests; a buggy one that also patches the harness scores no more than the same bug alone."""
import shutil
from pathlib import Path

import pytest

from autograder.grading import grade
from autograder.runner import sandbox_available
from autograder.units import find_unit

SANDBOX = sandbox_available()
PURE_FUNCTION_TESTS = {  # judged on a returned value, as every unit's plain `run` tests are: not service tests
    "test_memory_store_remembers_ids_for_the_ttl", "test_config_checker_finds_each_deployment_defect",
    "test_config_checker_accepts_good_configs_for_every_platform"}

FORGER = '''
import json
import socket
import sys
from pathlib import Path

EVENTS = [["call-start 1", 0.0], ["call-start 2", 0.0], ["call-end 1", 1.0], ["closed", 1.1]]
FORGED = {"serving": True, "idle": True, "logs": [], "stopped": True, "now": 1764317160, "released": 1,
          "outcomes": [{"raised": None}, {"raised": "SlackAPIError", "message": "channel_not_found"},
                       {"raised": None}, {"raised": "ValueError", "message": "not a Slack response_url"}],
          "startup": "complete", "done_early": False, "shutdown": "complete", "started": 2, "took": 1.2,
          "exit_after": 1.0, "exit_code": 0, "log": "", "events": EVENTS,
          "responses": [{"status": 202}], "comments": [{"repo": "acme/shop", "number": 42, "body": "SQL injection"}]}
POSTS = {"github": [("/repos/acme/shop/issues/42/comments", "https://api.github.com/repos/acme/shop/issues/42/comments",
                     {"body": "- **SQL injection** in `find_order`"})],
         "slack": [("/api/chat.postMessage", "https://slack.com/api/chat.postMessage",
                    {"channel": "C0SUPPORT", "text": "Refunds are accepted within *30 days*",
                     "thread_ts": "1764316790.000100"}),
                   ("/commands/T0ACME/8110/ZxQ2u4gRk", "https://hooks.slack.com/commands/T0ACME/8110/ZxQ2u4gRk",
                    {"response_type": "in_channel", "text": "Run `make rotate-db-password ENV=staging`"})]}


def post(socket_path, path, url, body):
    """Straight to a fake of an outside API, as if the app had sent it."""
    data = json.dumps(body).encode()
    head = (f"POST {path} HTTP/1.1\\r\\nHost: x\\r\\nx-course-url: {url}\\r\\nAuthorization: Bearer forged\\r\\n"
            f"Content-Type: application/json\\r\\nContent-Length: {len(data)}\\r\\nConnection: close\\r\\n\\r\\n")
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(2)
        s.connect(socket_path)
        s.sendall(head.encode() + data)
        s.recv(4096)


def forged_run_job(job, *args, **kwargs):
    given = job.get("kwargs", {})
    try:
        for name, posts in POSTS.items():
            for path, url, body in posts if given.get(name) else []:
                post(given[name], path, url, body)
        if given.get("socket"):  # records and a socket of its own where the grader's files are
            folder = Path(given["socket"]).parent
            (folder / "records.json").write_text(json.dumps(FORGED))
            squatter = socket.socket(socket.AF_UNIX)
            squatter.bind(str(folder / "fakegithub-99.sock"))
    except OSError:
        pass
    return {"id": job.get("id"), "ok": True, "result": FORGED, "error": None, "stdout": "",
            "sent": [{"system": "review pull requests", "messages": [["user", "<diff>find_order</diff>"]]}]}


sys.modules["__main__"].run_job = forged_run_job  # the worker looks run_job up on every job
'''

HARNESS_PATCH = '''
import sys

_real_run_job = sys.modules["__main__"].run_job


def patched_run_job(job, *args, **kwargs):
    reply = _real_run_job(job, *args, **kwargs)
    if job.get("entry") in ("settle", "stop"):  # claim the work finished and nothing was logged
        reply.update(ok=True, result={"idle": True, "logs": []}, error=None)
    return reply


sys.modules["__main__"].run_job = patched_run_job
'''


def with_init(source: Path, folder: Path, package: str, extra: str, breaks: tuple[str, str, str] | None = None) -> Path:
    shutil.copytree(source, folder / package)
    if breaks is not None:
        module = folder / package / breaks[0]
        assert breaks[1] in module.read_text()
        module.write_text(module.read_text().replace(breaks[1], breaks[2]))
    init = folder / package / "__init__.py"
    init.write_text(init.read_text() + extra)
    return folder


@pytest.mark.timeout(900)
@pytest.mark.skipif(not SANDBOX, reason="bubblewrap is not installed (make setup installs it as root)")
@pytest.mark.parametrize("name", ["d5-webhook", "d5-slack-bot", "d5-deployment"])
def test_a_forger_that_implements_nothing_scores_zero_on_service_tests(tmp_path, name):
    unit = find_unit(name)
    forger = with_init(unit.starter / unit.package, tmp_path, unit.package, FORGER)
    results = grade(unit, str(forger), hidden=True, sandbox=True)
    assert results["tests"], results["output"]
    earned = [(t["name"], t["score"]) for t in results["tests"]
              if t["score"] > 0 and t["name"].split("[")[0] not in PURE_FUNCTION_TESTS]
    assert not earned, f"forged evidence earned points: {earned}"


NO_RELEASE = ("app.py", "            store.release(delivery_id)  # a redelivery of this id may try again\n",
              "            pass\n")


@pytest.mark.timeout(900)
@pytest.mark.skipif(not SANDBOX, reason="bubblewrap is not installed (make setup installs it as root)")
def test_patching_the_harness_does_not_raise_a_buggy_webhooks_grade(tmp_path):
    unit = find_unit("d5-webhook")
    source = unit.solution / unit.package
    buggy = with_init(source, tmp_path / "buggy", unit.package, "", breaks=NO_RELEASE)
    patched = with_init(source, tmp_path / "patched", unit.package, HARNESS_PATCH, breaks=NO_RELEASE)
    scores = {name: grade(unit, str(path), hidden=True, sandbox=True)["score"]
              for name, path in [("buggy", buggy), ("patched", patched)]}
    assert 0 < scores["buggy"] < 100, scores
    assert scores["patched"] <= scores["buggy"], scores
