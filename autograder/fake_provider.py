"""A tiny, deterministic fake of the Anthropic and OpenAI HTTP APIs on 127.0.0.1, for recording tests."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from agentkit.replay import wire
from agentkit.types import Reply, ToolCall, Usage

# Like the real services' headers, these identify an account or session: they must never reach a fixture.
ACCOUNT_HEADERS = {"openai-organization": "org-fake-1234", "anthropic-organization-id": "00000000-fake",
                   "set-cookie": "session=fake-secret; Path=/"}


def _words(text: str) -> int:
    return len(text.split())


def fake_reply(view: wire.RequestView, call_id: str) -> Reply:
    """One tool call to the first tool offered until a tool result comes back, else an echo of the last user turn.

    Usage counts words: input tokens those of the system prompt and every message, output tokens the reply's."""
    prompt_words = max(1, sum(_words(text) for text in [view.system, *(text for _, text in view.messages)]))
    if view.tool_names and not view.tool_results:
        name = view.tool_names[0]
        schema = view.tool_schemas.get(name) or {}
        arguments = {key: "x" for key in schema.get("required", [])
                     if (schema.get("properties") or {}).get(key, {}).get("type") == "string"}
        call = ToolCall(id=call_id, name=name, arguments=arguments)
        usage = Usage(input_tokens=prompt_words, output_tokens=_words(f"{name}({json.dumps(arguments)})"))
        return Reply(tool_calls=[call], stop_reason="tool_use", model=view.model, usage=usage)
    last_user = next((text for role, text in reversed(view.messages) if role == "user"), "")
    text = "fake reply: " + last_user
    usage = Usage(input_tokens=prompt_words, output_tokens=max(1, _words(text)))
    return Reply(text=text, model=view.model, usage=usage)


class FakeProvider:
    """`with FakeProvider() as fake:` serves both APIs at `fake.url`; `fake.requests` lists (path, headers, body)."""

    def __init__(self, replies=fake_reply, headers: dict[str, str] | None = None) -> None:
        self.replies = replies  # (RequestView, call_id) -> Reply; scripted replies make authored fixtures
        self.headers = headers or {}  # sent with every answer, e.g. a deprecation notice
        self.requests: list[tuple[str, dict[str, str], dict]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake provider is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeProvider:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self) -> FakeProvider:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _record(self, path: str, headers: dict[str, str], body: dict) -> int:
        with self._lock:
            self.requests.append((path, headers, body))
            return len(self.requests)


def _handler_for(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = None
            body = body if isinstance(body, dict) else {}
            headers = {key.lower(): value for key, value in self.headers.items()}
            number = provider._record(self.path, headers, body)
            api = wire.api_for_path(self.path)
            if api not in (*wire.CHAT_APIS, *wire.COUNT_APIS):  # chat and token counting, not batch or file APIs
                error = {"error": {"message": f"no such path: {self.path}", "type": "invalid_request_error"}}
                return self._send(number, 404, {"content-type": "application/json"}, json.dumps(error))
            auth = headers.get("authorization", "")
            if not ((auth.startswith("Bearer ") and auth[7:].strip()) or headers.get("x-api-key", "").strip()):
                message = "missing API key: send an x-api-key header, or an Authorization header with a bearer token"
                return self._send(number, 401, *wire.render_error(api, 401, message))
            view = wire.read_request(api, body)
            reply = provider.replies(view, f"call_fake_{number}")
            self._send(number, 200, *wire.render_reply(api, reply, stream=view.stream, model=reply.model or view.model,
                                                       stream_usage=view.stream_usage))

        def _send(self, number: int, status: int, headers: dict[str, str], body: str) -> None:
            data = body.encode()
            self.send_response(status)
            for key, value in {**headers, **ACCOUNT_HEADERS, **provider.headers, "request-id": f"req_fake_{number}",
                               "x-request-id": f"req_fake_{number}", "content-length": str(len(data))}.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:
            pass

    return Handler
