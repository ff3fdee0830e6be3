"""A served app graded in this process (a notebook's code, under nbgrader): its model calls, made from the server's
threads between jobs, are answered by the recording's scenario and recorded; the grader's own requests to the app
pass through to it."""
import types

from fastapi import FastAPI

from autograder.runner import InProcessRunner
from autograder.service_session import Services

DRIVER = '''
import agentkit
from autograder import local_service


def start(submission, socket, provider):
    local_service.serve(submission.make_app(agentkit.Client(provider)), socket)
    return {"serving": True}


def stop(submission):
    local_service.stop_all()
    return {}
'''
SCENARIO = {"name": "capitals", "provenance": {"kind": "authored", "note": "one answer"},
            "exchanges": [{"when": {"user": "capital of France"}, "reply": {"text": "Paris"}}]}


def make_app(llm) -> FastAPI:
    app = FastAPI()

    @app.get("/ask")
    def ask(q: str):
        return {"answer": llm.chat(q, max_tokens=20).text}

    return app


def test_a_served_app_in_this_process_gets_its_model_calls_answered_and_recorded(tmp_path):
    (tmp_path / "driver.py").write_text(DRIVER)
    (tmp_path / "svc").mkdir()
    module = types.ModuleType("capitals_app")
    module.make_app = make_app
    runner = InProcessRunner(module, tmp_path / "driver.py")
    services = Services(runner, tmp_path / "svc", lambda scenario: scenario)
    for provider in ("anthropic", "openai"):
        with services.record(SCENARIO) as live:
            app = live.serve("start", provider=provider)
            answer = app.get("/ask?q=the+capital+of+France")
            during = live.model_requests()
        assert answer["status"] == 200, answer
        assert answer["json"] == {"answer": "Paris"}
        assert len(during) == 1 and len(live.sent) == 1, live.sent
        assert "capital of France" in live.sent[0]["messages"][-1][1]
    assert not runner.broker.recording, "the recording's scenario must be closed when it ends"
