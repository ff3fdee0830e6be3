"""The gateway pattern's files (days/day5-production/compose) keep the promises of gateway-compose.md: no obsolete
`version:` key, a health check on every service and start-up gated on it, no secret in any file, pinned images,
one port for the app everywhere it is named, a non-root multi-stage image, and a gateway that limits clients and
waits longer than the app does. The service's own Python runs against a real Redis.

Not graded: this checks the course's own files. `docker compose config` runs only where a Docker daemon answers."""
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from agentkit.replay.secrets import find_secrets
from autograder.units import ROOT

COMPOSE = ROOT / "days" / "day5-production" / "compose"
SOLUTIONS = ROOT / "solutions" / "day5-production"
IMAGE_PATH = [COMPOSE, SOLUTIONS / "deployment", SOLUTIONS / "queue-worker"]  # what the image puts on PYTHONPATH
SERVICES = {"gateway", "app", "worker", "redis"}
SECRET_NAME = re.compile(r"KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL", re.I)
SECRET_LOOKING = [re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), re.compile(r"://[^\s/:@]+:[^\s/@]+@"),
                  re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"), re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
                  re.compile(r"\b(ghp|xox[abprs])[-_][A-Za-z0-9-]{8,}")]
PINNED = re.compile(r"^[\w./-]+(:[\w.-]*\d+\.\d+\.\d+[\w.-]*)?(@sha256:[0-9a-f]{64})?$")  # x.y.z or a digest
SLOWEST_MODEL_WAIT = 3 * 30  # seconds: the app's Summariser allows 30 s a call and agentkit retries twice live


# --- reading the files -------------------------------------------------------------------------------------------

def compose() -> dict:
    return yaml.safe_load((COMPOSE / "compose.yaml").read_text())


def services() -> dict:
    return compose()["services"]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    logical, pending = [], ""
    for line in (COMPOSE / "Dockerfile").read_text().splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        pending += line.rstrip()
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        logical.append(pending.strip())
        pending = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1]) for text in logical]


def instructions(name: str) -> list[str]:
    return [args for instruction, args in dockerfile() if instruction == name]


class Directive(NamedTuple):
    name: str
    args: list[str]
    block: list["Directive"] | None


NGINX_TOKEN = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\#[^\n]*|[{};]|[^\s{};'"#]+""")


def nginx() -> list[Directive]:
    """nginx.conf as nested directives: enough to read names, arguments and blocks, not a validator."""
    tokens = [t for t in NGINX_TOKEN.findall((COMPOSE / "nginx.conf").read_text()) if not t.startswith("#")]
    position = 0

    def block(closing: bool) -> list[Directive]:
        nonlocal position
        found, words = [], []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token == ";":
                found.append(Directive(words[0], words[1:], None))
                words = []
            elif token == "{":
                found.append(Directive(words[0], words[1:], block(closing=True)))
                words = []
            elif token == "}":
                assert closing and not words, "nginx.conf: unbalanced braces or a directive without ';'"
                return found
            else:
                words.append(token.strip("'\""))
        assert not closing and not words, "nginx.conf: a block or directive is not closed"
        return found

    return block(closing=False)


def directives(tree: list[Directive], name: str) -> list[Directive]:
    """Every directive called `name`, at any depth."""
    found = []
    for directive in tree:
        if directive.name == name:
            found.append(directive)
        found += directives(directive.block or [], name)
    return found


def seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+)(ms|s|m)?", value)
    assert match, f"not a duration: {value}"
    return int(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, None: 1}[match.group(2)]


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


# --- compose.yaml ------------------------------------------------------------------------------------------------

def test_compose_file_has_no_version_key_and_the_four_services():
    assert "version" not in compose(), "the `version:` key is obsolete: Compose ignores it and warns"
    assert set(services()) == SERVICES


def test_every_service_has_a_health_check_or_says_why_not():
    image_check = instructions("HEALTHCHECK")
    for name, service in services().items():
        check = service.get("healthcheck")
        if check:
            assert not check.get("disable") and check["test"][0] in {"CMD", "CMD-SHELL"}, f"{name}: {check}"
        elif "build" in service:
            assert image_check and image_check[-1] != "NONE", f"{name} has no health check, nor does its image"
        else:
            assert str(service.get("x-no-healthcheck", "")).strip(), f"{name}: add a healthcheck or x-no-healthcheck"


def test_start_up_waits_for_health_not_for_a_started_container():
    expected = {"gateway": {"app"}, "app": {"redis"}, "worker": {"redis"}, "redis": set()}
    for name, service in services().items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), f"{name}: the short depends_on form waits only for a container to start"
        assert set(depends) == expected[name], name
        for target, how in depends.items():
            assert how["condition"] == "service_healthy", f"{name} -> {target}"
            assert "healthcheck" in services()[target] or "build" in services()[target]


def test_no_secret_is_written_in_any_file():
    for path in sorted(COMPOSE.iterdir()):
        text = path.read_text()
        assert not find_secrets(text), f"{path.name} looks like it holds a secret"
        found = [p.pattern for p in SECRET_LOOKING if p.search(text)]
        assert not found, f"{path.name} has a credential-looking value ({found})"
    for instruction, args in dockerfile():
        if instruction in {"ENV", "ARG"}:
            assert not SECRET_NAME.search(args), f"a secret baked into the image: {instruction} {args}"


def test_keys_reach_the_services_only_as_secret_files():
    declared = compose().get("secrets", {})
    assert declared, "compose.yaml declares no secrets"
    for name, secret in declared.items():
        assert set(secret) == {"environment"} or set(secret) == {"file"}, f"secret {name}: {secret}"
        if "file" in secret:  # a key file must never be committed
            ignored = subprocess.run(["git", "check-ignore", "-q", str(COMPOSE / secret["file"])], cwd=ROOT)
            assert ignored.returncode == 0, f"{secret['file']} is not ignored by git"
    for name, service in services().items():
        assert "env_file" not in service, f"{name}: settings are in compose.yaml; keys are secrets"
        granted = set(service.get("secrets", []))
        for variable, value in (service.get("environment") or {}).items():
            if SECRET_NAME.search(variable):
                assert variable.endswith("_FILE"), f"{name}: {variable} holds a value; pass the key as a secret"
                assert value.removeprefix("/run/secrets/") in granted & set(declared), f"{name}: {variable}={value}"


def test_images_are_pinned_to_a_version():
    for name, service in services().items():
        if "build" in service:
            continue
        image = service["image"]
        assert PINNED.match(image) and (":" in image or "@" in image), f"{name}: pin {image} to a version"
    defaults = dict(re.match(r"(\w+)=(\S+)", args).groups() for args in instructions("ARG") if "=" in args)
    for base in instructions("FROM"):
        image = base.split()[0]
        image = defaults.get(image.strip("${}"), image) if image.startswith("$") else image
        if image not in {stage.split()[-1] for stage in instructions("FROM") if " AS " in stage.upper()}:
            assert PINNED.match(image) and ":" in image, f"pin the base image {image} to a version"


def test_the_app_port_is_the_same_everywhere():
    [exposed] = instructions("EXPOSE")
    port = exposed.split("/")[0]
    app = services()["app"]
    assert option(app["command"], "--port") == port
    assert option(json.loads(instructions("CMD")[-1]), "--port") == port
    assert f"127.0.0.1:{port}/ready" in " ".join(app["healthcheck"]["test"])
    assert f"127.0.0.1:{port}/health" in instructions("HEALTHCHECK")[-1]
    [upstream] = directives(nginx(), "upstream")
    servers = [d.args[0] for d in upstream.block if d.name == "server"]
    assert servers == [f"app:{port}"], "the gateway's upstream names the compose service and the app's port"
    targets = {d.args[0] for d in directives(nginx(), "proxy_pass")}
    assert targets == {f"http://{upstream.args[0]}"}


def test_the_app_and_worker_stop_within_their_grace_periods():
    app, worker = services()["app"], services()["worker"]
    assert app["deploy"]["replicas"] >= 2, "one replica behind a gateway is a single point of failure"
    graceful = float(option(app["command"], "--timeout-graceful-shutdown"))
    assert seconds(app["stop_grace_period"]) > graceful, "compose's SIGKILL would cut the graceful shutdown"
    assert seconds(worker["stop_grace_period"]) >= SLOWEST_MODEL_WAIT, "a warm shutdown must let a job finish"


def test_only_the_gateway_is_reachable_from_outside_and_redis_has_no_route_out():
    for name, service in services().items():
        if name != "gateway":
            assert "ports" not in service, f"{name} publishes a port; traffic must go through the gateway"
    for published in services()["gateway"]["ports"]:
        assert str(published).startswith("127.0.0.1:"), "bind to this machine until TLS is in front"
    networks = compose()["networks"]
    assert all(networks[n].get("internal") for n in services()["redis"]["networks"])


# --- Dockerfile ----------------------------------------------------------------------------------------------------

def test_the_image_is_multi_stage_and_runs_as_a_user_without_privileges():
    steps = dockerfile()
    froms = [i for i, (instruction, _) in enumerate(steps) if instruction == "FROM"]
    assert len(froms) >= 2, "build in one stage, run in another: no compilers or pip caches in the image"
    users = [args for instruction, args in steps[froms[-1]:] if instruction == "USER"]
    assert users and users[-1] not in {"root", "0"}, "the final stage must switch to a non-root USER"
    assert json.loads(instructions("ENTRYPOINT")[-1])[0].endswith("entrypoint.sh"), "exec form, so signals arrive"


def test_the_image_copies_only_what_exists_and_the_ignore_file_lets_through():
    allowed = [line[1:].rstrip("/") for line in (COMPOSE / "Dockerfile.dockerignore").read_text().splitlines()
               if line.startswith("!")]
    assert "**/.env" in (COMPOSE / "Dockerfile.dockerignore").read_text()
    for args in instructions("COPY"):
        words = [w for w in shlex.split(args) if not w.startswith("--")]
        if "--from=" in args:
            continue
        for source in words[:-1]:
            source = source.rstrip("/")
            assert source not in {".", "*"}, "copy named paths, never the whole context"
            assert (ROOT / source).exists(), f"COPY {source}: no such path"
            assert source in allowed, f"COPY {source}: Dockerfile.dockerignore leaves it out of the context"


def test_the_entrypoint_exports_keys_from_files_and_refuses_an_empty_one(tmp_path):
    key = tmp_path / "key"
    key.write_text("placeholder-value\n")
    run = subprocess.run(["sh", str(COMPOSE / "entrypoint.sh"), "env"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY_FILE": str(key)})
    assert run.returncode == 0, run.stderr
    assert "ANTHROPIC_API_KEY=placeholder-value" in run.stdout.splitlines()
    assert "ANTHROPIC_API_KEY_FILE" not in run.stdout
    key.write_text("")
    run = subprocess.run(["sh", str(COMPOSE / "entrypoint.sh"), "env"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY_FILE": str(key)})
    assert run.returncode == 1 and "empty" in run.stderr


# --- nginx.conf ----------------------------------------------------------------------------------------------------

def test_the_gateway_limits_each_client_on_every_forwarded_route():
    tree = nginx()
    zones = {re.search(r"zone=(\w+)", " ".join(d.args)).group(1) for d in directives(tree, "limit_req_zone")}
    assert zones, "no limit_req_zone"
    [status] = directives(tree, "limit_req_status")
    assert status.args == ["429"]
    for location in directives(tree, "location"):
        inner = location.block or []
        if any(d.name == "proxy_pass" for d in inner):
            limits = [d for d in inner if d.name == "limit_req"]
            assert limits and limits[0].args[0].removeprefix("zone=") in zones, f"location {location.args}"


def test_the_gateway_waits_longer_than_the_app_and_never_resends_a_post():
    tree = nginx()
    [server] = [d for d in directives(tree, "server") if d.block is not None]  # not an upstream's servers
    server_level = {d.name: d.args for d in server.block}
    assert seconds(server_level["proxy_read_timeout"][0]) > SLOWEST_MODEL_WAIT
    retried = [arg for d in directives(tree, "proxy_next_upstream") for arg in d.args]
    assert "non_idempotent" not in retried, "a POST resent to another replica is a model call paid twice"
    [listen] = [d for d in server.block if d.name == "listen"]
    published = [str(p).rsplit(":", 1)[-1] for p in services()["gateway"]["ports"]]
    assert published == [listen.args[0]], "the gateway's published port must be the one nginx listens on"
    proxied = {d.args[-1] for d in directives(tree, "location") if any(i.name == "proxy_pass" for i in d.block)}
    assert proxied == {"/summarise", "/tasks"}


def test_nginx_accepts_the_configuration_where_nginx_is_installed(tmp_path):
    binary = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if binary is None:
        pytest.skip("nginx is not installed here")
    version = subprocess.run([binary, "-v"], capture_output=True, text=True).stderr
    text = (COMPOSE / "nginx.conf").read_text().replace("server app:", "server 127.0.0.1:")
    if tuple(map(int, re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", version).groups())) < (1, 27, 3):
        text = text.replace(" resolve ", " ")  # upstream `resolve` is in open-source nginx from 1.27.3
    config = tmp_path / "nginx.conf"
    config.write_text(text.replace("worker_processes auto;", f"worker_processes 1; pid {tmp_path}/nginx.pid;"))
    run = subprocess.run([binary, "-t", "-e", "stderr", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


# --- the service's own code, on a real Redis ---------------------------------------------------------------------

@pytest.fixture
def image_modules():
    """Import the service the way the image does (its PYTHONPATH), then forget those modules again."""
    names = ("summaries_service", "worker_health", "lab_service", "queue_worker")

    def forget():
        for name in [n for n in sys.modules if n.split(".")[0] in names]:
            del sys.modules[name]

    forget()
    sys.path[:0] = map(str, IMAGE_PATH)
    try:
        yield
    finally:
        del sys.path[:len(IMAGE_PATH)]
        forget()


def test_the_service_serves_what_the_gateway_forwards_and_checks_redis(image_modules, redis_socket):
    from fastapi.testclient import TestClient

    import summaries_service

    settings = summaries_service.Settings(COURSE_LLM_MODE="replay", REDIS_URL=f"unix://{redis_socket}")
    with TestClient(summaries_service.build_app(settings)) as client:
        assert client.get("/health").status_code == 200
        ready = client.get("/ready")
        assert ready.status_code == 200 and ready.json()["checks"]["redis"] == "ok"
        submitted = client.post("/tasks", json={"document": "A short document."})
        assert submitted.status_code == 202
        assert client.get(submitted.headers["location"]).json()["status"] == "queued"
        paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/summarise", "/tasks", "/tasks/{task_id}"} <= paths


def test_the_worker_health_check_sees_only_a_worker_of_its_own_container(image_modules, redis_socket):
    from redis import Redis
    from rq import Worker

    import worker_health

    url = f"unix://{redis_socket}"
    assert not worker_health.worker_registered(url, socket.gethostname())
    worker = Worker(["summaries"], connection=Redis(unix_socket_path=redis_socket))
    worker.register_birth()
    try:
        assert worker_health.worker_registered(url, socket.gethostname())
        assert not worker_health.worker_registered(url, "another-container")
    finally:
        worker.register_death()


# --- Docker itself, where it runs --------------------------------------------------------------------------------

def test_docker_compose_accepts_the_file_where_a_daemon_answers():
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("docker is not installed")
    try:
        daemon = subprocess.run([docker, "info"], capture_output=True, timeout=15)
        plugin = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=15)
    except subprocess.TimeoutExpired:
        pytest.skip("docker did not answer in time")
    if daemon.returncode != 0 or plugin.returncode != 0:
        pytest.skip("no Docker daemon answers here, or the compose plugin is missing")
    run = subprocess.run([docker, "compose", "-f", str(COMPOSE / "compose.yaml"), "config", "-q"], cwd=COMPOSE,
                         capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin:/usr/local/bin", "ANTHROPIC_API_KEY": "placeholder"})
    assert run.returncode == 0, run.stderr
