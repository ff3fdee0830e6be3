"""Serve an ASGI app under a real uvicorn server on a unix socket, for drivers that test web services.

Graded code runs where TCP is blocked (and, under instructor grading, in a sandbox that sees only its own
folders), so local services are reached over unix sockets."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager

import httpcore
import httpx
import uvicorn


class UnixSocketTransport(httpx.BaseTransport):
    """httpx over a unix socket, straight through httpcore: the replay layer intercepts httpx's own transports
    (it answers model APIs only), and these requests go to our local server, not to a model."""

    def __init__(self, path: str):
        self._pool = httpcore.ConnectionPool(uds=path)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                           target=request.url.raw_path)
        with self._pool.stream(request.method, url, headers=request.headers.raw, content=request.stream,
                               extensions=request.extensions) as response:
            content = response.read()
        return httpx.Response(response.status, headers=response.headers, content=content)

    def close(self) -> None:
        self._pool.close()


@contextmanager
def serve(app, name: str = "app"):
    """Run `app` under uvicorn on a fresh unix socket; yield an httpx.Client for it; stop the server after."""
    folder = tempfile.mkdtemp(prefix=f"{name}-")
    path = os.path.join(folder, "app.sock")
    server = uvicorn.Server(uvicorn.Config(app, uds=path, log_config=None, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start under uvicorn (see the error above in the output)")
        time.sleep(0.01)
    client = httpx.Client(transport=UnixSocketTransport(path), base_url=f"http://{name}.local", timeout=15)
    try:
        yield client
    finally:
        client.close()
        server.should_exit = True
        thread.join(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)
