"""A real JupyterHub on loopback (instructor/jupyterhub/jupyterhub_config.py, DummyAuthenticator,
SimpleLocalProcessSpawner) walks nbgrader's exchange for Lab 05 with two students, offline.

The students act only through their own single-user servers, with their own API tokens, by the REST calls
JupyterLab's Assignments tab makes (nbgrader's assignment_list server extension: list, fetch, submit,
fetch_feedback) and the contents API (alice saves her answers like JupyterLab does). So the exchange path, the
course id and the student id come from what the hub gives each server: JUPYTER_CONFIG_PATH with
instructor/jupyterhub/nbgrader_config.py, HOME in a temporary folder, JUPYTERHUB_USER.
The instructor's steps (release, collect, autograde, generate and release feedback) run as `nbgrader`
subprocesses with the environment the hub gives the instructor's server (same HOME layout, JUPYTER_CONFIG_PATH
and exchange), from the course folder in the instructor's home.

Slow but in the suite (about 55 s on two cores, 40 s of it CPU: a hub, a proxy, two JupyterLab servers, and autograding two notebooks)."""
from __future__ import annotations

import csv
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("nbgrader", reason="nbgrader is not installed (run `make setup`)")
pytest.importorskip("jupyterhub", reason="jupyterhub is not installed (run `make setup`)")
requests = pytest.importorskip("requests")
nbformat = pytest.importorskip("nbformat")

from autograder import nbbuild  # noqa: E402 - after the skips
from autograder.units import ROOT, find_unit  # noqa: E402

HUB_FOLDER = ROOT / "instructor" / "jupyterhub"
COURSE_ID = "agentic-ai-engineering"
PROXY = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ("alice", "bob")


def proxy_command() -> str | None:
    return str(PROXY) if PROXY.exists() else shutil.which("configurable-http-proxy")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without keys or Jupyter settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.endswith("_API_KEY") and not k.startswith(("JUPYTER", "COURSE_"))}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(extra)
    return env


def as_instructor(homes: Path, exchange: Path, *args: str) -> str:
    """`nbgrader ARGS` in the instructor's course folder, with what the hub gives the instructor's server."""
    home = homes / "instructor"
    scratch = home / ".tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    env = clean_env(HOME=str(home), USER="instructor", JUPYTER_CONFIG_PATH=str(HUB_FOLDER),
                    COURSE_EXCHANGE=str(exchange), COURSE_LLM_MODE="replay", TMPDIR=str(scratch))
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=home / "course", env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


class Hub:
    """The course's hub config, started on free loopback ports, with an admin API token for the test."""

    def __init__(self, tmp_path: Path, exchange: Path):
        self.state, self.homes = tmp_path / "hub", tmp_path / "homes"
        self.state.mkdir()
        self.url = f"http://127.0.0.1:{free_port()}"
        self.admin_token = secrets.token_hex(16)
        config = self.state / "test_config.py"
        config.write_text(f"""c = get_config()
load_subconfig({str(HUB_FOLDER / 'jupyterhub_config.py')!r})
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.JupyterHub.services = [{{"name": "course-test", "api_token": {self.admin_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                            "scopes": ["admin:users", "admin:servers", "tokens"]}}]
""")
        env = clean_env(COURSE_HUB_STATE=str(self.state), COURSE_HUB_HOMES=str(self.homes),
                        COURSE_EXCHANGE=str(exchange), COURSE_HUB_URL=self.url)
        self.log = (self.state / "hub.log").open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.state,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy from the environment for loopback

    def log_tail(self) -> str:
        self.log.flush()
        return (self.state / "hub.log").read_text()[-4000:]

    def api(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {token or self.admin_token}"}
        return self.http.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)

    def wait(self, ready, what: str, seconds: float = 45) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the hub exited:\n{self.log_tail()}"
            try:
                if ready():
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log_tail()}")

    def start_server(self, user: str) -> str:
        """Create the user, start their server, return a token of their own."""
        assert self.api("POST", f"/hub/api/users/{user}").status_code in (201, 409), self.log_tail()
        started = self.api("POST", f"/hub/api/users/{user}/server")
        assert started.status_code in (201, 202), started.text
        made = self.api("POST", f"/hub/api/users/{user}/tokens", json={"note": "test", "expires_in": 600})
        assert made.status_code == 201, made.text
        return made.json()["token"]

    def wait_ready(self, user: str) -> None:
        self.wait(lambda: self.api("GET", f"/hub/api/users/{user}").json()["servers"].get("", {}).get("ready"),
                  f"{user}'s server")

    def stop(self) -> None:
        self.process.terminate()  # the hub stops the users' servers and the proxy on its way out
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def exchange(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


@pytest.fixture
def hub(tmp_path, exchange):
    if proxy_command() is None:
        pytest.skip("configurable-http-proxy is missing: `make setup` installs it with npm into .venv/node")
    running = Hub(tmp_path, exchange)
    yield running
    running.stop()


@pytest.mark.timeout(150)
def test_two_students_release_fetch_submit_collect_autograde_feedback(hub, exchange):
    UNIT = find_unit("lab05")
    course = hub.homes / "instructor" / "course"
    released = nbbuild.generate(UNIT, course)  # source/ and release/ in the instructor's course folder
    tokens = {user: hub.start_server(user) for user in STUDENTS}  # the servers start while we release
    as_instructor(hub.homes, exchange, "release_assignment", UNIT.name)
    assert (exchange / COURSE_ID / "outbound" / UNIT.name / released.name).is_file()

    def assignments(user: str, action: str = "", **form) -> list[dict]:
        path = f"/user/{user}/assignments" + (f"/{action}" if action else "")
        reply = hub.api("POST" if action else "GET", path, token=tokens[user],
                        params=None if action else {"course_id": COURSE_ID},
                        data={"course_id": COURSE_ID, **form} if action else None)
        assert reply.status_code == 200, f"{user} {action or 'list'}: {reply.status_code} {reply.text[:500]}"
        body = reply.json()
        assert body["success"], f"{user} {action or 'list'}: {body['value']}"
        return [a for a in body["value"] if a["assignment_id"] == UNIT.name]

    for user in STUDENTS:
        hub.wait_ready(user)
        # the Assignments tab lists what the instructor released, from the exchange nbgrader_config.py names
        assert [a["status"] for a in assignments(user)] == ["released"]
        fetched = assignments(user, "fetch", assignment_id=UNIT.name)
        assert [a["status"] for a in fetched] == ["fetched"]
        assert (hub.homes / user / UNIT.name / released.name).is_file(), f"{user}'s fetched notebook"

    # alice saves the notebook with her answers from JupyterLab (the contents API); bob hands in what he fetched
    answers = nbformat.writes(nbbuild.build_source(UNIT))
    saved = hub.api("PUT", f"/user/alice/api/contents/{UNIT.name}/{released.name}", token=tokens["alice"],
                    json={"type": "notebook", "format": "json", "content": nbformat.reads(answers, 4)})
    assert saved.status_code == 200, saved.text
    for user in STUDENTS:
        statuses = [a["status"] for a in assignments(user, "submit", assignment_id=UNIT.name)]
        assert "submitted" in statuses, statuses

    # each submission is filed under the hub user's name, not the unix account both servers run as
    inbound = sorted(p.name.split("+")[0] for p in (exchange / COURSE_ID / "inbound").iterdir())
    assert inbound == sorted(STUDENTS), inbound
    # a student's token does not reach another student's server
    assert hub.api("GET", "/user/bob/api/contents", token=tokens["bob"]).status_code == 200
    assert hub.api("GET", "/user/bob/api/contents", token=tokens["alice"]).status_code == 403

    for step in (("collect", UNIT.name), ("autograde", UNIT.name), ("generate_feedback", UNIT.name),
                 ("release_feedback", UNIT.name), ("export",)):
        as_instructor(hub.homes, exchange, *step)
    with (course / "grades.csv").open() as handle:
        grades = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert grades == {"alice": 100.0, "bob": 0.0}

    for user, score in (("alice", 100), ("bob", 0)):
        listed = assignments(user, "fetch_feedback", assignment_id=UNIT.name)
        assert any(s.get("has_local_feedback") for a in listed for s in a.get("submissions", [])), listed
        feedback = list((hub.homes / user / UNIT.name / "feedback").glob(f"*/{released.stem}.html"))
        assert len(feedback) == 1, f"{user}'s feedback: {feedback}"
        assert re.search(rf"Score:\s*{score}(\.0)?\s*/\s*100", feedback[0].read_text()), f"{user}'s feedback score"
