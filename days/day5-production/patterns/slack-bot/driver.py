"""What the graders call, in the submission's process: serve the student's `slack_bot` app on the unix socket the
test names until the test stops it, and hand back plain data only.

The tests, in the grading process, send the app requests signed by their own code (../slack_requests.py) and
judge the answers they receive. The model's answers come from the test's scenario through the grader's broker;
Slack is the grader's fake (autograder.service_fakes.FakeSlack), which records what the app posts. The app
posts through a given client (`SlackThroughFake`), so that a fault in the student's SlackWebClient costs only
that client's own test. The clock the app checks timestamps against is a fake the tests
move (`advance`); the model can be held (`hold_model`, opened by `release`) so that a test sees whether an
acknowledgement waited for it. Nothing returned here is evidence of what the app did.
"""
from __future__ import annotations

import os
import threading
import time

import agentkit
from autograder import local_service

NOW = 1_764_316_800  # the fake clock's start (Unix time), as in ../slack_requests.py
SLACK_API = "https://slack.com/api/"
BOT_TOKEN = "xoxb-0000-test-token"  # a placeholder: the fake Slack wants a token, not this one


class FakeClock:
    def __init__(self, now: float = NOW):
        self.now = now

    def __call__(self) -> float:
        return self.now


class HeldClient:
    """An agentkit.Client whose calls wait until `gate` is set (at most `hold_s`)."""

    def __init__(self, client, hold_s: float = 3.5):
        self._client, self.hold_s = client, hold_s
        self.gate = threading.Event()

    def chat(self, *args, **kwargs):
        self.gate.wait(self.hold_s)
        return self._client.chat(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


class SlackThroughFake:
    """The two Slack calls the app makes (the SlackClient interface), sent as Slack's Web API and a
    response_url expect them, to the grader's fake Slack listening on `socket`."""

    def __init__(self, socket: str):
        self.http = local_service.forwarding_client(socket)

    def post_message(self, channel: str, text: str, *, thread_ts: str | None = None) -> dict:
        body = {"channel": channel, "text": text, **({"thread_ts": thread_ts} if thread_ts else {})}
        return self.http.post(SLACK_API + "chat.postMessage", json=body,
                              headers={"Authorization": f"Bearer {BOT_TOKEN}"}).json()

    def respond(self, response_url: str, payload: dict) -> None:
        self.http.post(response_url, json=payload)


_clock = FakeClock()
_jobs: list = []
_held: list[HeldClient] = []


def settings_for(submission, secret: str):
    os.environ["SLACK_SIGNING_SECRET"] = secret
    os.environ["SLACK_BOT_TOKEN"] = BOT_TOKEN
    try:
        return submission.SlackSettings()
    finally:
        os.environ.pop("SLACK_SIGNING_SECRET", None)
        os.environ.pop("SLACK_BOT_TOKEN", None)


def start(submission, socket: str, provider: str, secret: str, slack: str, hold_model: bool = False) -> dict:
    """One app on `socket`, its clock at NOW, posting to the fake Slack listening on `slack`."""
    _clock.now = NOW
    llm = agentkit.Client(provider)
    if hold_model:
        llm = HeldClient(llm)
        _held.append(llm)
    jobs = submission.BackgroundJobs()
    app = submission.create_app(settings_for(submission, secret), llm=llm, slack=SlackThroughFake(slack),
                                clock=_clock, jobs=jobs)
    local_service.serve(app, socket)
    _jobs.append(jobs)
    return {"serving": True}


def advance(submission, seconds: float) -> dict:
    _clock.now += float(seconds)
    return {"now": _clock.now}


def release(submission) -> dict:
    for client in _held:
        client.gate.set()
    return {"released": len(_held)}


def settle(submission, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    return {"idle": all(bool(jobs.wait_idle(max(0.0, deadline - time.monotonic()))) for jobs in _jobs)}


def stop(submission) -> dict:
    release(submission)
    try:
        settle(submission, timeout=5)  # so that no background work runs into the next test
    except Exception:  # noqa: BLE001 - a wait_idle that raises must not keep the apps serving
        pass
    local_service.stop_all()
    _jobs.clear()
    _held.clear()
    return {"stopped": True}


def web_client(submission, slack: str, calls: list[dict]) -> dict:
    """The student's SlackWebClient("xoxb-...", http=...) making `calls` against the fake Slack listening on
    `slack`; which calls raised, and what. (What it sent is recorded by the fake.)"""
    client = submission.SlackWebClient(BOT_TOKEN, http=local_service.forwarding_client(slack))
    outcomes = []
    for call in calls:
        try:
            if call["op"] == "post":
                client.post_message(call["channel"], call["text"], thread_ts=call.get("thread_ts"))
            else:
                client.respond(call["url"], call["payload"])
            outcomes.append({"raised": None})
        except Exception as exc:  # noqa: BLE001 - which error, and what it says, is under test
            outcomes.append({"raised": type(exc).__name__, "message": str(exc)[:200]})
    return {"outcomes": outcomes}
