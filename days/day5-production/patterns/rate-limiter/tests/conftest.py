"""Test services for this unit: a real Redis server, started fresh for each test that asks for one.

It listens only on a unix socket (no TCP port, so nothing reaches it from the network) in a new folder under
the autograder's services folder, which the grading sandbox mounts, so sandboxed submissions can connect too.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from autograder.runner import SERVICES_DIR

STARTUP_SECONDS = 10


@pytest.fixture(scope="session", autouse=True)
def services_dir() -> Path:
    """Created before the first test, so the sandbox (started with the first job) already mounts it."""
    SERVICES_DIR.mkdir(parents=True, exist_ok=True)
    return SERVICES_DIR


@pytest.fixture
def redis_socket(services_dir: Path):
    """The path of a fresh, empty Redis server's unix socket; the server is stopped after the test."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `make setup` (or apt-get install redis-server)",
                    pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="redis-", dir=services_dir))
    socket_path = folder / "redis.sock"
    server = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(folder), "--daemonize", "no",
         "--maxmemory", "64mb", "--maxmemory-policy", "volatile-lru"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"redis-server exited at start: {server.stderr.read()[-800:]}", pytrace=False)
            try:
                if socket_path.exists() and redis.Redis(unix_socket_path=str(socket_path)).ping():
                    break
            except redis.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"redis-server did not answer PING within {STARTUP_SECONDS}s", pytrace=False)
            time.sleep(0.02)
        yield str(socket_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()
        shutil.rmtree(folder, ignore_errors=True)
