"""Worker side of a unit that serves an app: serve it on a unix socket, and reach the fakes of outside APIs.

This runs in the submission's process (the grading worker), so nothing here is evidence; it only connects the
pieces. The app runs under a real uvicorn server in a thread that keeps serving between jobs; the tests, in
the grading process, send it requests over the socket and judge the answers they receive
(autograder.service_session). Its calls to outside APIs go through ForwardingTransport to fakes that record
them in the grading process (autograder.service_fakes). Graded code runs where TCP is blocked (and, under
instructor grading, in a sandbox that sees only its own folders), so everything is reached over unix sockets.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time

import httpcore
import httpx
import uvicorn

COURSE_URL_HEADER = "x-course-url"  # the URL a forwarded request was meant for
TOGETHER_HEADER = "x-course-together"  # "GROUP N" on each of N requests a test sends at once (a race)


class ForwardingTransport(httpx.BaseTransport):
    """Sends every request, whatever its URL, in plain HTTP to one unix socket, with the URL it was meant for in
    an x-course-url header (as agentkit.replay.remote does for model calls). Straight through httpcore: the
    replay layer's patches of httpx's own transports are for model APIs."""

    def __init__(self, socket_path: str):
        self._pool = httpcore.ConnectionPool(uds=socket_path)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(scheme=b"http", host=request.url.raw_host, port=request.url.port,
                           target=request.url.raw_path)
        headers = [*request.headers.raw, (COURSE_URL_HEADER.encode(), str(request.url).encode())]
        with self._pool.stream(request.method, url, headers=headers, content=request.stream,
                               extensions=request.extensions) as response:
            content = response.read()
        return httpx.Response(response.status, headers=response.headers, content=content)

    def close(self) -> None:
        self._pool.close()


def forwarding_client(socket_path: str, base_url: str = "", timeout: float = 10.0) -> httpx.Client:
    """An httpx.Client whose every request reaches the fake listening on `socket_path`."""
    return httpx.Client(transport=ForwardingTransport(socket_path), base_url=base_url, timeout=timeout)


class Served:
    """An ASGI app under uvicorn on a unix socket, in a daemon thread running its own event loop. `call` runs a
    coroutine on that loop (a test driving the app's lifespan by hand, with lifespan="off")."""

    def __init__(self, app, socket_path: str, *, lifespan: str = "on", **options):
        config = uvicorn.Config(app, uds=socket_path, log_config=None, log_level="warning", lifespan=lifespan,
                                **options)
        self.server = uvicorn.Server(config)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name="uvicorn", daemon=True)

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        await self.server.serve()

    def start(self, timeout: float = 10.0) -> Served:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the app did not start under uvicorn (did its lifespan start-up fail?)")
            time.sleep(0.01)
        return self

    def call(self, coroutine) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self, timeout: float = 15.0) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(timeout)


_running: list[Served] = []


def serve(app, socket_path: str, **options) -> Served:
    """Start serving `app` on `socket_path` until `stop_all()`, across jobs."""
    served = Served(app, socket_path, **options).start()
    _running.append(served)
    return served


def stop_all() -> None:
    while _running:
        _running.pop().stop()
