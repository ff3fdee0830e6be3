"""Replay answered from outside this process: every model API request goes to a scenario broker's unix socket.

Used inside the grading worker. The official SDKs still build every request and parse every reply; only the
bytes travel to the broker (`agentkit.replay.broker`) instead of the provider. Requests that are not to a
model API path, or that go to local hosts (localhost, 127.x, ::1, *.local: a test's own services), pass
through untouched.
"""
from __future__ import annotations

import ipaddress

from agentkit.errors import NoRecordingError
from agentkit.replay import wire
from agentkit.replay.broker import OUTCOME_HEADER

LOCAL_SUFFIXES = (".local", ".localhost")


class RemoteReplay:
    """Stands in `agentkit.replay.active()` while the broker answers: it is there, and it records nothing here."""

    def __init__(self, socket_path: str):
        self.socket_path = socket_path

    def __bool__(self) -> bool:
        return True


def is_local(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_model_call(request) -> bool:
    """A request to a provider's model, batch or file API (what a scenario answers), not to a local service."""
    return not is_local(request.url.host) and wire.api_for_path(request.url.path) is not None


def install(socket_path: str) -> RemoteReplay:
    """Route httpx2's (the SDKs') and httpx's default transports to the broker; for the life of the process."""
    import httpx
    import httpx2

    from agentkit import replay

    for module in (httpx2, httpx):
        _route(module, socket_path)
    remote = RemoteReplay(socket_path)
    replay._active.append(remote)
    return remote


def _route(module, socket_path: str) -> None:
    sync_send = module.HTTPTransport.handle_request
    async_send = module.AsyncHTTPTransport.handle_async_request
    sync_broker = module.HTTPTransport(uds=socket_path)
    async_broker = module.AsyncHTTPTransport(uds=socket_path)

    def to_broker(request):
        forwarded = module.Request(request.method, request.url.copy_with(scheme="http"),
                                   headers=request.headers, content=request.content)
        forwarded.headers["x-course-url"] = str(request.url)
        return forwarded

    def handle_request(self, request):
        if self is sync_broker or not is_model_call(request):
            return sync_send(self, request)
        request.read()
        response = sync_send(sync_broker, to_broker(request))
        if response.headers.get(OUTCOME_HEADER):
            response.read()
        return _outcome(module, request, response)

    async def handle_async_request(self, request):
        if self is async_broker or not is_model_call(request):
            return await async_send(self, request)
        await request.aread()
        response = await async_send(async_broker, to_broker(request))
        if response.headers.get(OUTCOME_HEADER):
            await response.aread()
        return _outcome(module, request, response)

    module.HTTPTransport.handle_request = handle_request
    module.AsyncHTTPTransport.handle_async_request = handle_async_request
    _share_default_ssl_context(module)


def _share_default_ssl_context(module) -> None:
    """Every SDK client builds a default TLS context (about 35 ms reading the CA bundle), though nothing here
    speaks TLS: the broker is reached in plain HTTP over its socket. One shared context serves them all."""
    transports = module._transports.default
    build = transports.create_ssl_context
    shared: dict[bool, object] = {}

    def create_ssl_context(verify=True, cert=None, trust_env=True):
        if verify is True and cert is None:
            if trust_env not in shared:
                shared[trust_env] = build(verify=verify, cert=cert, trust_env=trust_env)
            return shared[trust_env]
        return build(verify=verify, cert=cert, trust_env=trust_env)

    transports.create_ssl_context = create_ssl_context


def _outcome(module, request, response):
    """The broker's reply as the SDK would meet it live: a response, a timeout, or no recording."""
    outcome = response.headers.get(OUTCOME_HEADER)
    if outcome == "timeout":
        raise module.ReadTimeout("replayed timeout", request=request)
    if outcome == "no-recording":
        raise NoRecordingError(response.content.decode("utf-8", "replace"))
    return response
