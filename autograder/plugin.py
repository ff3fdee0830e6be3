"""pytest plugin: offline replay, the network blocked for the whole run, per-test timeouts, and `run`, which runs
the submission in its own process (sandboxed when grading) and answers its model calls from this one."""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import pytest_socket

from agentkit import replay
from agentkit.replay.scenarios import read_yaml
from autograder import submission as submissions
from autograder.runner import SERVICES_DIR, InProcessRunner, RefusedRunner, Runner, sandbox_available
from autograder.scoreboard import ISOLATION, Scoreboard
from autograder.units import unit_of

LOOPBACK = ["127.0.0.0/8", "::1", "localhost"]
KEY_VARIABLES = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "COURSE_BASE_URL", "COURSE_PROVIDER", "COURSE_MODEL",
                 "COURSE_PRICE_PER_MTOK")
SAVED_ENV = pytest.StashKey[dict]()
SESSION_SERVICES = pytest.StashKey[Path]()
CURRENT_SUBMISSION = pytest.StashKey[str]()  # set while a grading plan runs the tests for one of its submissions
DEFAULT_TIMEOUT = float(os.environ.get("COURSE_TEST_TIMEOUT", 30))  # seconds per test unless the ini sets one


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("course")
    group.addoption("--submission", default=os.environ.get("COURSE_SUBMISSION"),
                    help="what to grade: starter (default), solution, a folder, or a .ipynb file")
    group.addoption("--sandbox", action="store_true", help="run the submission in a bubblewrap sandbox")
    group.addoption("--results-json", default=None, help="write Gradescope-format results to this file")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    config.stash[SAVED_ENV] = {name: os.environ.get(name) for name in (*KEY_VARIABLES, "COURSE_LLM_MODE")}
    for name in KEY_VARIABLES:  # tests never see a real key, so nothing can go live by accident
        os.environ.pop(name, None)
    os.environ["COURSE_LLM_MODE"] = "replay"
    # pytest-socket reads these in its own pytest_configure; setting them here blocks every test.
    config.option.allow_hosts = ",".join(LOOPBACK)
    config.option.allow_unix_socket = True  # asyncio's event loop needs its socketpair
    pytest_socket.socket_allow_hosts(LOOPBACK, allow_unix_socket=True)  # also covers collection and imports
    if config.getoption("timeout", None) is None and not config.getini("timeout"):
        config.option.timeout = DEFAULT_TIMEOUT
    config.addinivalue_line("markers", "points(n): what passing this test is worth")
    config.addinivalue_line("markers", "hint(text): shown to the student when this test fails")
    config.addinivalue_line("markers", "hidden: counts in instructor grading, not shipped to students")
    config.pluginmanager.register(Scoreboard(config), "course-scoreboard")
    SERVICES_DIR.mkdir(parents=True, exist_ok=True)
    # This session's own folder, bound into its sandboxes: submissions graded at once never see each other's.
    config.stash[SESSION_SERVICES] = Path(tempfile.mkdtemp(prefix="session-", dir=SERVICES_DIR))
    start_workers_early(config)


def submission_choice(config: pytest.Config) -> str | None:
    return config.stash.get(CURRENT_SUBMISSION, None) or config.getoption("submission")


def start_workers_early(config: pytest.Config) -> None:
    """Start the worker of each unit named on the command line now, so that it imports the SDKs while pytest
    collects the tests (about a second and a half of a self-check's three)."""
    if config.getoption("collectonly") or submission_choice(config) == "inprocess":
        return
    for argument in config.args:
        path = Path(argument.split("::")[0])
        unit = unit_of(path / "conftest.py" if path.is_dir() else path) if path.exists() else None
        if unit is not None and (unit.path / "driver.py").exists():
            runner = runner_for(config, unit)
            if isinstance(runner, Runner):
                runner.start_soon()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave the process as we found it (this matters when pytest runs inside a notebook kernel)."""
    close_runners(config)
    pytest_socket._remove_restrictions()
    if SESSION_SERVICES in config.stash:
        shutil.rmtree(config.stash[SESSION_SERVICES], ignore_errors=True)
    for name, value in config.stash.get(SAVED_ENV, {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def unit(request: pytest.FixtureRequest):
    found = unit_of(Path(request.node.fspath))
    if found is None:
        pytest.fail("this test is not inside a unit (no unit.toml above it)")
    return found


@pytest.fixture
def scenario(request: pytest.FixtureRequest):
    """`scenario(name_or_dict)` answers LLM calls from a scenario; returns the cassette (see `.sent`).

    A name is looked up as `fixtures/scenarios/NAME.yaml` in the test's unit, or next to the test."""
    opened = []

    def start(source):
        if isinstance(source, str) and not source.endswith((".yaml", ".yml", ".json")):
            here = unit_of(Path(request.node.fspath))
            base = here.fixtures / "scenarios" if here else Path(request.node.fspath).parent
            source = base / f"{source}.yaml"
        context = replay.scenario(source)
        opened.append(context)
        return context.__enter__()

    yield start
    for context in reversed(opened):
        context.__exit__(None, None, None)


@pytest.fixture(params=["anthropic", "openai"])
def provider(request: pytest.FixtureRequest) -> str:
    """Runs the test once against each provider's wire format."""
    return request.param


RUNNERS = pytest.StashKey[dict]()


@functools.lru_cache(maxsize=256)
def _scenario_file(path: Path, modified: float) -> dict:
    return read_yaml(path)


def scenario_file(path: Path) -> dict:
    """A scenario file's data, parsed once per session (many tests replay the same scenario)."""
    return _scenario_file(path, path.stat().st_mtime)


def runner_for(config: pytest.Config, unit):
    """One worker process per unit and submission, so each test pays no start-up cost."""
    runners = config.stash.setdefault(RUNNERS, {})
    choice = submission_choice(config)
    key = (choice, unit.path)
    if key not in runners:
        if choice == "inprocess":
            runners[key] = InProcessRunner(config.stash[IN_PROCESS_MODULE], unit.path / "driver.py")
            return runners[key]
        try:
            target = submissions.resolve(unit, choice)
        except submissions.SubmissionError as exc:
            runners[key] = RefusedRunner(f"refused: {exc}")
            return runners[key]
        runners[key] = Runner(unit.package, target, unit.path / "driver.py", sandbox=config.getoption("sandbox"),
                              services=config.stash[SESSION_SERVICES])
    return runners[key]


def close_runners(config: pytest.Config) -> None:
    for runner in config.stash.get(RUNNERS, {}).values():
        runner.close()
    config.stash[RUNNERS] = {}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start each unit's worker now, so that it imports the SDKs while pytest finishes setting up."""
    if not config.getoption("collectonly"):
        start_workers(config, items)


def start_workers(config: pytest.Config, items: list[pytest.Item]) -> None:
    uses_a_worker = {"run", "services"}
    folders = {Path(str(item.fspath)).parent for item in items
               if uses_a_worker & set(getattr(item, "fixturenames", ()))}
    units = {u.path: u for u in filter(None, (unit_of(folder / "conftest.py") for folder in folders))}
    for unit in units.values():
        runner = runner_for(config, unit)
        if isinstance(runner, Runner):
            runner.start_soon()


@pytest.fixture(scope="session")
def _runners(request: pytest.FixtureRequest):
    if request.config.getoption("sandbox") and not sandbox_available():
        pytest.exit("--sandbox needs bubblewrap (apt-get install bubblewrap); it is missing or cannot run here", 3)
    return lambda unit: runner_for(request.config, unit)


@pytest.fixture
def run(request: pytest.FixtureRequest, unit, _runners):
    """`run(scenario, entry, **kwargs)`: the unit driver's `entry` on the submission, in its own process,
    with `scenario` answering LLM calls; returns the plain-JSON trace (ok, result, sent, error, stdout)."""
    here = Path(request.node.fspath).parent
    runner = _runners(unit)
    request.config.stash.setdefault(ISOLATION, runner.isolation)

    def start(scenario: str | dict, entry: str, **kwargs) -> dict:
        if isinstance(scenario, str):
            candidates = [here / "fixtures" / "scenarios" / f"{scenario}.yaml",
                          unit.fixtures / "scenarios" / f"{scenario}.yaml"]
            path = next((p for p in candidates if p.exists()), None)
            if path is None:
                pytest.fail(f"no scenario {scenario!r} in {', '.join(map(str, candidates))}")
            scenario = {"name": path.name, **scenario_file(path)}
        return runner.run(scenario, entry, **kwargs)

    return start


IN_PROCESS_MODULE = pytest.StashKey[object]()  # set by autograder.notebook.check for --submission=inprocess


def scenario_for(here: Path, unit, scenario: str | dict) -> dict:
    """A scenario given by name (looked up next to the test, then in the unit's fixtures) or as data."""
    if not isinstance(scenario, str):
        return scenario
    candidates = [here / "fixtures" / "scenarios" / f"{scenario}.yaml", unit.fixtures / "scenarios" / f"{scenario}.yaml"]
    path = next((p for p in candidates if p.exists()), None)
    if path is None:
        pytest.fail(f"no scenario {scenario!r} in {', '.join(map(str, candidates))}")
    return {"name": path.name, **scenario_file(path)}


@pytest.fixture
def services(request: pytest.FixtureRequest, unit, _runners):
    """This test's served apps and fakes of outside APIs, judged from this process: `services.fake(FakeGitHub)`,
    `with services.record(scenario) as live: app = live.serve(entry, **kwargs)` (see autograder.service_session)."""
    from autograder.service_session import Services

    runner = _runners(unit)
    request.config.stash.setdefault(ISOLATION, runner.isolation)
    folder = Path(tempfile.mkdtemp(prefix="svc-", dir=request.config.stash[SESSION_SERVICES]))
    here = Path(request.node.fspath).parent
    found = Services(runner, folder, lambda scenario: scenario_for(here, unit, scenario))
    yield found
    found.close()


@pytest.fixture
def redis_socket(pytestconfig: pytest.Config):
    """A fresh, real redis-server for each test, on a unix socket in this session's services folder
    (which this session's sandboxes, and only they, can reach)."""
    from agentkit import redis_server

    try:
        with redis_server.running(pytestconfig.stash[SESSION_SERVICES]) as socket_path:
            yield socket_path
    except RuntimeError as exc:
        if "redis-server" not in str(exc):
            raise
        pytest.fail(str(exc), pytrace=False)
