"""The providers' wire formats in one place: render replies and errors, read requests, parse bodies with the SDKs."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from agentkit.types import Reply, Usage

API = Literal["anthropic-messages", "openai-chat", "openai-responses", "anthropic-count-tokens",
              "openai-input-tokens", "anthropic-batches", "openai-batches", "openai-files"]
ENDINGS: dict[str, API] = {"/messages": "anthropic-messages", "/chat/completions": "openai-chat",
                           "/responses": "openai-responses", "/messages/count_tokens": "anthropic-count-tokens",
                           "/responses/input_tokens": "openai-input-tokens"}
CHAT_APIS: tuple[API, ...] = ("anthropic-messages", "openai-chat", "openai-responses")
# Token counting: the request is a prompt like a chat request's; a reply answers with its usage.input_tokens.
COUNT_APIS: tuple[API, ...] = ("anthropic-count-tokens", "openai-input-tokens")
# Batch jobs and the files they read and write: answered only by raw `response:` exchanges that name their api.
JOB_APIS: tuple[API, ...] = ("anthropic-batches", "openai-batches", "openai-files")
JOB_PATHS: list[tuple[re.Pattern[str], API]] = [
    (re.compile(r"/v1/messages/batches(/[^/]+(/results|/cancel)?)?$"), "anthropic-batches"),
    (re.compile(r"/v1/batches(/[^/]+(/cancel)?)?$"), "openai-batches"),
    (re.compile(r"/v1/files(/[^/]+(/content)?)?$"), "openai-files"),
]
CREATED = 1767225600  # 2026-01-01T00:00:00Z, fixed so that rendering is deterministic
ANTHROPIC_STOP = {"end": "end_turn", "tool_use": "tool_use", "max_tokens": "max_tokens",
                  "stop_sequence": "stop_sequence", "refusal": "refusal"}
OPENAI_FINISH = {"end": "stop", "tool_use": "tool_calls", "max_tokens": "length", "stop_sequence": "stop",
                 "refusal": "content_filter"}
RESPONSES_INCOMPLETE = {"max_tokens": "max_output_tokens", "refusal": "content_filter"}
ANTHROPIC_ERRORS = {400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
                    403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                    429: "rate_limit_error", 504: "timeout_error", 529: "overloaded_error"}
OPENAI_ERRORS = {401: ("invalid_request_error", "invalid_api_key"), 429: ("requests", "rate_limit_exceeded")}
Event = tuple[str | None, Any]
Read = tuple[list[str], list[tuple[str, str]], list[tuple[str, dict]]]  # system parts, turns, (tool, schema)


def api_for_path(path: str) -> API | None:
    """Which API a request path (or URL) belongs to, matched on its ending so any prefix works.

    Batch and file paths count from their `/v1/` segment: /v1/messages/batches[/ID[/results|/cancel]] is
    Anthropic's Message Batches, /v1/batches[/ID[/cancel]] OpenAI's Batch API, /v1/files[/ID[/content]] OpenAI's
    Files API (Anthropic's beta Files API shares that path and is read as the same)."""
    path = path.split("?")[0].rstrip("/")
    chat = next((api for ending, api in ENDINGS.items() if path.endswith(ending)), None)
    return chat or next((api for pattern, api in JOB_PATHS if pattern.search(path)), None)


def provider_of(api: str) -> str:
    return "anthropic" if api.startswith("anthropic") else "openai"


def _id(prefix: str, *parts: Any) -> str:
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return prefix + digest[:24]


def _pieces(text: str) -> list[str]:
    """Split text the way a stream delivers it: a word and its trailing space at a time."""
    return re.findall(r"\S+\s*|\s+", text)


def _arguments(reply: Reply) -> list[str]:
    return [json.dumps(call.arguments, ensure_ascii=False) for call in reply.tool_calls]


def _stop(reply: Reply) -> str:
    return "tool_use" if reply.tool_calls and reply.stop_reason == "end" else reply.stop_reason


# Anthropic Messages

def _anthropic_usage(usage: Usage, *, output_tokens: int | None = None, delta: bool = False) -> dict:
    counts = {"input_tokens": usage.input_tokens, "cache_creation_input_tokens": usage.cache_write_tokens,
              "cache_read_input_tokens": usage.cache_read_tokens,
              "output_tokens": usage.output_tokens if output_tokens is None else output_tokens}
    if delta:
        return counts
    return {**counts, "service_tier": "standard",
            "cache_creation": {"ephemeral_5m_input_tokens": usage.cache_write_tokens, "ephemeral_1h_input_tokens": 0}}


def _anthropic(reply: Reply, model: str, stream: bool) -> dict | list[Event]:
    blocks = [{"type": "text", "text": reply.text}] if reply.text or not reply.tool_calls else []
    blocks += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in reply.tool_calls]
    stop = ANTHROPIC_STOP[_stop(reply)]
    message = {"id": _id("msg_", reply.model_dump(), model), "type": "message", "role": "assistant", "model": model,
               "content": blocks, "stop_reason": stop, "stop_sequence": None, "usage": _anthropic_usage(reply.usage)}
    if not stream:
        return message
    start = {**message, "content": [], "stop_reason": None, "usage": _anthropic_usage(reply.usage, output_tokens=1)}
    events: list[Event] = [("message_start", {"message": start}), ("ping", {})]
    for index, block in enumerate(blocks):
        if block["type"] == "text":
            opening = {"type": "text", "text": ""}
            deltas = [{"type": "text_delta", "text": piece} for piece in _pieces(block["text"])]
        else:
            opening = {**block, "input": {}}
            deltas = [{"type": "input_json_delta", "partial_json": piece}
                      for piece in _pieces(json.dumps(block["input"], ensure_ascii=False))]
        events += [("content_block_start", {"index": index, "content_block": opening}),
                   *(("content_block_delta", {"index": index, "delta": delta}) for delta in deltas),
                   ("content_block_stop", {"index": index})]
    events += [("message_delta", {"delta": {"stop_reason": stop, "stop_sequence": None},
                                  "usage": _anthropic_usage(reply.usage, delta=True)}),
               ("message_stop", {})]
    return [(name, {"type": name, **data}) for name, data in events]


# OpenAI Chat Completions

def _prompt_tokens(usage: Usage) -> int:
    """OpenAI counts every prompt token in its input total, cached or not."""
    return usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens


def _chat_usage(usage: Usage) -> dict:
    prompt = _prompt_tokens(usage)
    return {"prompt_tokens": prompt, "completion_tokens": usage.output_tokens,
            "total_tokens": prompt + usage.output_tokens,
            "prompt_tokens_details": {"cached_tokens": usage.cache_read_tokens, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}


def _chat(reply: Reply, model: str, stream: bool, stream_usage: bool = True) -> dict | list[Event]:
    finish = OPENAI_FINISH[_stop(reply)]
    calls = [{"id": c.id, "type": "function", "function": {"name": c.name, "arguments": arguments}}
             for c, arguments in zip(reply.tool_calls, _arguments(reply))]
    head = {"id": _id("chatcmpl-", reply.model_dump(), model), "object": "chat.completion", "created": CREATED,
            "model": model, "service_tier": "default", "system_fingerprint": None}
    if not stream:
        message = {"role": "assistant", "content": reply.text or (None if calls else ""), "refusal": None,
                   "annotations": [], **({"tool_calls": calls} if calls else {})}
        return {**head, "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
                "usage": _chat_usage(reply.usage)}

    def chunk(delta: dict | None, finish_reason: str | None = None, usage: dict | None = None) -> Event:
        choices = [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None,
                                             "finish_reason": finish_reason}]
        return None, {**head, "object": "chat.completion.chunk", "choices": choices, "usage": usage}

    chunks = [chunk({"role": "assistant", "content": "", "refusal": None})]
    chunks += [chunk({"content": piece}) for piece in _pieces(reply.text)]
    for index, call in enumerate(calls):
        function = call["function"]
        chunks.append(chunk({"tool_calls": [{"index": index, "id": call["id"], "type": "function",
                                             "function": {"name": function["name"], "arguments": ""}}]}))
        chunks += [chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
                   for piece in _pieces(function["arguments"])]
    if not stream_usage:  # as the API streams without stream_options={"include_usage": True}: no usage at all
        return [(name, {k: v for k, v in data.items() if k != "usage"}) for name, data in [*chunks, chunk({}, finish)]
                ] + [(None, "[DONE]")]
    return [*chunks, chunk({}, finish), chunk(None, usage=_chat_usage(reply.usage)), (None, "[DONE]")]


# OpenAI Responses

def _responses_usage(usage: Usage) -> dict:
    prompt = _prompt_tokens(usage)
    return {"input_tokens": prompt, "output_tokens": usage.output_tokens, "total_tokens": prompt + usage.output_tokens,
            "input_tokens_details": {"cached_tokens": usage.cache_read_tokens,
                                     "cache_write_tokens": usage.cache_write_tokens},
            "output_tokens_details": {"reasoning_tokens": 0}}


def _response(rid: str, model: str, status: str, output: list, usage: dict | None, incomplete: str | None) -> dict:
    return {"id": rid, "object": "response", "created_at": CREATED, "status": status, "background": False,
            "completed_at": CREATED if status == "completed" else None, "error": None,
            "incomplete_details": {"reason": incomplete} if status == "incomplete" else None,
            "instructions": None, "max_output_tokens": None, "model": model, "output": output,
            "parallel_tool_calls": True, "previous_response_id": None, "reasoning": {"effort": None, "summary": None},
            "service_tier": "default", "store": True, "temperature": 1.0, "text": {"format": {"type": "text"}},
            "tool_choice": "auto", "tools": [], "top_p": 1.0, "truncation": "disabled", "usage": usage,
            "user": None, "metadata": {}}


def _responses(reply: Reply, model: str, stream: bool) -> dict | list[Event]:
    rid = _id("resp_", reply.model_dump(), model)
    incomplete = RESPONSES_INCOMPLETE.get(_stop(reply))
    status = "incomplete" if incomplete else "completed"
    items = []
    if reply.text or not reply.tool_calls:
        items.append({"id": _id("msg_", rid), "type": "message", "status": "completed", "role": "assistant",
                      "content": [{"type": "output_text", "text": reply.text, "annotations": [], "logprobs": []}]})
    items += [{"id": _id("fc_", rid, c.id), "type": "function_call", "status": "completed", "call_id": c.id,
               "name": c.name, "arguments": arguments} for c, arguments in zip(reply.tool_calls, _arguments(reply))]
    final = _response(rid, model, status, items, _responses_usage(reply.usage), incomplete)
    if not stream:
        return final
    started = _response(rid, model, "in_progress", [], None, None)
    events: list[Event] = [("response.created", {"response": started}), ("response.in_progress", {"response": started})]
    for index, item in enumerate(items):
        at = {"item_id": item["id"], "output_index": index}
        if item["type"] == "message":
            part = item["content"][0]
            events += [("response.output_item.added", {"output_index": index,
                                                       "item": {**item, "status": "in_progress", "content": []}}),
                       ("response.content_part.added", {**at, "content_index": 0, "part": {**part, "text": ""}}),
                       *(("response.output_text.delta", {**at, "content_index": 0, "delta": piece, "logprobs": []})
                         for piece in _pieces(part["text"])),
                       ("response.output_text.done", {**at, "content_index": 0, "text": part["text"], "logprobs": []}),
                       ("response.content_part.done", {**at, "content_index": 0, "part": part})]
        else:
            events += [("response.output_item.added", {"output_index": index,
                                                       "item": {**item, "status": "in_progress", "arguments": ""}}),
                       *(("response.function_call_arguments.delta", {**at, "delta": piece})
                         for piece in _pieces(item["arguments"])),
                       ("response.function_call_arguments.done", {**at, "arguments": item["arguments"]})]
        events.append(("response.output_item.done", {"output_index": index, "item": item}))
    events.append((f"response.{status}", {"response": final}))
    return [(name, {"type": name, "sequence_number": number, **data}) for number, (name, data) in enumerate(events)]


RENDERERS = {"anthropic-messages": _anthropic, "openai-chat": _chat, "openai-responses": _responses}


def _sse(events: list[Event]) -> str:
    out = []
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        out.append((f"event: {name}\n" if name else "") + f"data: {text}\n\n")
    return "".join(out)


def render_reply(api: API, reply: Reply, *, stream: bool, model: str | None = None,
                 stream_usage: bool = True) -> tuple[dict[str, str], str]:
    """(headers, body) of `reply` exactly as `api` sends it: one JSON body, or a server-sent-event stream."""
    if api in COUNT_APIS:
        counted = {"input_tokens": reply.usage.input_tokens}
        body = counted if api == "anthropic-count-tokens" else {"object": "response.input_tokens", **counted}
        return {"content-type": "application/json"}, json.dumps(body)
    if api not in RENDERERS:
        raise ValueError(f"{api} answers with batch or file objects, not a model reply: use a raw `response:`")
    rendered = RENDERERS[api](reply, model or reply.model, stream, **({"stream_usage": stream_usage}
                                                                      if api == "openai-chat" else {}))
    if stream:
        return {"content-type": "text/event-stream"}, _sse(rendered)
    return {"content-type": "application/json"}, json.dumps(rendered, ensure_ascii=False)


def render_error(api: API, status: int, message: str, *,
                 retry_after: float | None = None) -> tuple[dict[str, str], str]:
    """(headers, body) of an error response as `api` sends it, with `retry-after` when given."""
    if provider_of(api) == "anthropic":
        kind = ANTHROPIC_ERRORS.get(status, "api_error" if status >= 500 else "invalid_request_error")
        body = {"type": "error", "error": {"type": kind, "message": message},
                "request_id": _id("req_", status, message)}
    else:
        kind, code = OPENAI_ERRORS.get(status, ("server_error" if status >= 500 else "invalid_request_error", None))
        body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    headers = {"content-type": "application/json"}
    if retry_after is not None:
        headers["retry-after"] = f"{retry_after:g}"
    return headers, json.dumps(body)


@dataclass
class RequestView:
    """What a request asks, whichever API it uses. Tool results appear in `messages` with role "tool"."""

    model: str
    system: str
    messages: list[tuple[str, str]]
    tool_names: list[str]
    tool_results: list[str]
    stream: bool
    max_tokens: int | None
    tool_schemas: dict[str, dict] = field(default_factory=dict)  # each offered tool's JSON Schema for its arguments
    method: str = "POST"
    path: str = ""
    stream_usage: bool = True  # Chat Completions streams usage only when stream_options.include_usage is set


def _text(content: Any) -> str:
    """The text of a string, a text part or block, or a list of them; other parts (images, files) count as none."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(text for part in content if (text := _text(part)))
    if isinstance(content, dict):
        return str(content.get("text") or content.get("refusal") or "")
    return ""


def _call(name: Any, arguments: Any) -> str:
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except ValueError:
            return f"{name}({arguments})"
    return f"{name}({json.dumps(arguments, ensure_ascii=False)})"


def _read_anthropic(body: dict) -> Read:
    turns: list[tuple[str, str]] = []
    for message in body.get("messages") or []:
        content = message.get("content")
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content or []
        texts, before = [], len(turns)
        for block in blocks:
            if block.get("type") == "tool_result":
                turns.append(("tool", _text(block.get("content"))))
            elif block.get("type") == "tool_use":
                texts.append(_call(block.get("name"), block.get("input")))
            elif text := _text(block):
                texts.append(text)
        if texts or len(turns) == before:
            turns.append((message.get("role", "user"), "\n".join(texts)))
    tools = [(t.get("name") or t.get("type"), t.get("input_schema") or {}) for t in body.get("tools") or []]
    return [_text(body.get("system"))], turns, tools


def _read_chat(body: dict) -> Read:
    system, turns = [], []
    for message in body.get("messages") or []:
        role, text = message.get("role", "user"), _text(message.get("content"))
        if role in ("system", "developer"):
            system.append(text)
        elif role in ("tool", "function"):
            turns.append(("tool", text))
        else:
            calls = [_call(c.get("function", {}).get("name"), c.get("function", {}).get("arguments"))
                     for c in message.get("tool_calls") or []]
            turns.append((role, "\n".join(filter(None, [text, *calls]))))
    tools = []
    for tool in body.get("tools") or []:
        spec = tool.get("function") or tool.get("custom") or {}
        tools.append((spec.get("name") or tool.get("type"), spec.get("parameters") or {}))
    return system, turns, tools


def _read_responses(body: dict) -> Read:
    system, turns = [_text(body.get("instructions"))], []
    items = body.get("input") or []
    for item in [{"role": "user", "content": items}] if isinstance(items, str) else items:
        kind = item.get("type", "message")
        if kind == "message" and item.get("role") in ("system", "developer"):
            system.append(_text(item.get("content")))
        elif kind == "message":
            turns.append((item.get("role", "user"), _text(item.get("content"))))
        elif kind in ("function_call", "custom_tool_call"):
            turns.append(("assistant", _call(item.get("name"), item.get("arguments", item.get("input")))))
        elif kind in ("function_call_output", "custom_tool_call_output"):
            turns.append(("tool", _text(item.get("output"))))
    tools = [(t.get("name") or t.get("type"), t.get("parameters") or {}) for t in body.get("tools") or []]
    return system, turns, tools


READERS = {"anthropic-messages": _read_anthropic, "openai-chat": _read_chat, "openai-responses": _read_responses,
           "anthropic-count-tokens": _read_anthropic, "openai-input-tokens": _read_responses}
MAX_TOKENS_KEYS = {"anthropic-messages": ("max_tokens",), "openai-chat": ("max_completion_tokens", "max_tokens"),
                   "openai-responses": ("max_output_tokens",), "anthropic-count-tokens": (),
                   "openai-input-tokens": ()}


def read_request(api: API, body: dict, *, method: str = "POST", path: str = "") -> RequestView:
    """The provider-neutral view of a request body sent to `api`. A batch or file request has no prompt of its own:
    its view holds only the method and path (what was sent is in the body)."""
    if api not in READERS:
        return RequestView(model=str(body.get("model") or ""), system="", messages=[], tool_names=[], tool_results=[],
                           stream=False, max_tokens=None, method=method.upper(), path=path)
    system, turns, tools = READERS[api](body)
    max_tokens = next((body[key] for key in MAX_TOKENS_KEYS[api] if body.get(key) is not None), None)
    return RequestView(model=str(body.get("model") or ""), system="\n".join(part for part in system if part),
                       messages=turns, tool_names=[name for name, _ in tools],
                       tool_results=[text for role, text in turns if role == "tool"],
                       stream=bool(body.get("stream")), max_tokens=max_tokens, tool_schemas=dict(tools),
                       method=method.upper(), path=path,
                       stream_usage=api != "openai-chat" or bool((body.get("stream_options") or {}).get("include_usage")))


def read_form(content_type: str, raw: bytes) -> dict:
    """The fields of a multipart/form-data body (a file upload): text fields as strings, each file as
    {"filename", "content_type", "content"} with its content decoded as UTF-8. Anything unreadable gives {}."""
    from email import message_from_bytes
    from email.policy import HTTP
    try:
        message = message_from_bytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw, policy=HTTP)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True) or b""
            text = data.decode("utf-8", "replace")
            filename = part.get_filename()
            fields[str(name)] = text if filename is None else {
                "filename": filename, "content_type": part.get_content_type(), "content": text}
        return fields
    except Exception:  # noqa: BLE001 - inspecting a request must never break the request
        return {}


def iter_sse(body: str) -> list[tuple[str | None, str]]:
    """The (event name, data) of each server-sent event in `body`; comments and empty events are skipped."""
    events = []
    for block in re.split(r"\r?\n\r?\n", body.strip()):
        name, data = None, []
        for line in block.splitlines():
            key, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if key == "event":
                name = value
            elif key == "data":
                data.append(value)
        if data:
            events.append((name, "\n".join(data)))
    return events


@cache
def _sdk_types(api: API):
    from pydantic import TypeAdapter
    if api == "anthropic-messages":
        from anthropic.types import Message, RawMessageStreamEvent
        return Message, TypeAdapter(RawMessageStreamEvent)
    if api == "openai-chat":
        from openai.types.chat import ChatCompletion, ChatCompletionChunk
        return ChatCompletion, TypeAdapter(ChatCompletionChunk)
    if api == "anthropic-count-tokens":
        from anthropic.types import MessageTokensCount
        return MessageTokensCount, None
    if api == "openai-input-tokens":
        from openai.types.responses.input_token_count_response import InputTokenCountResponse
        return InputTokenCountResponse, None
    from openai.types.responses import Response, ResponseStreamEvent
    return Response, TypeAdapter(ResponseStreamEvent)


@cache
def _job_types(api: API) -> tuple[dict[str, Any], Any]:
    """({type or object tag: SDK type}, a validator of one JSONL line or None) for a batch or file API.

    OpenAI's SDK has no type for a line of a batch's input, output or error file, so those follow the documented
    shape, and each response body in them is validated with the SDK's own ChatCompletion or Response."""
    from pydantic import BaseModel, TypeAdapter, model_validator
    if api == "anthropic-batches":
        from anthropic.types.messages import DeletedMessageBatch, MessageBatch, MessageBatchIndividualResponse
        return ({"message_batch": MessageBatch, "message_batch_deleted": DeletedMessageBatch},
                TypeAdapter(MessageBatchIndividualResponse))
    from openai.types import Batch, FileDeleted, FileObject
    if api == "openai-batches":
        return {"batch": Batch}, None
    from openai.types.chat import ChatCompletion
    from openai.types.responses import Response

    class LineError(BaseModel):
        code: str | None = None
        message: str | None = None

    class LineResponse(BaseModel):
        status_code: int
        request_id: str | None = None
        body: dict

        @model_validator(mode="after")
        def _body_parses(self):
            if self.status_code == 200:
                kind = {"chat.completion": ChatCompletion, "response": Response}.get(self.body.get("object"))
                if kind is None:
                    raise ValueError(f"a 200 body of object {self.body.get('object')!r}, not chat.completion "
                                     "or response")
                kind.model_validate(self.body)
            elif not isinstance(self.body.get("error"), dict):
                raise ValueError(f"a {self.status_code} body without an `error` object")
            return self

    class BatchOutputLine(BaseModel):  # a line of a batch's output or error file
        id: str
        custom_id: str
        response: LineResponse | None
        error: LineError | None

    class BatchInputLine(BaseModel):  # a line of an uploaded batch input file
        custom_id: str
        method: Literal["POST"]
        url: str
        body: dict

    return {"file": FileObject, "file deleted": FileDeleted}, TypeAdapter(BatchOutputLine | BatchInputLine)


def _parse_job(api: API, body: str) -> list:
    """Batch and file bodies: one JSON object (a batch, a file, or a list page of them), or JSON Lines."""
    types, line_type = _job_types(api)
    try:
        whole = json.loads(body)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and "custom_id" not in whole:
        items = whole.get("data") if whole.get("object") == "list" or "has_more" in whole else [whole]
        parsed = []
        for item in items or []:
            tag = item.get("type", item.get("object")) if isinstance(item, dict) else None
            tag = f"{tag} deleted" if isinstance(item, dict) and "deleted" in item else tag
            if tag not in types:
                raise ValueError(f"{api} sends no object of type {tag!r} (known: {', '.join(types)})")
            parsed.append(types[tag].model_validate(item))
        return parsed
    if line_type is None:
        raise ValueError(f"{api} answers with one JSON object, not {body[:60]!r}")
    lines = [line for line in body.splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"an empty {api} body")
    return [line_type.validate_python(json.loads(line)) for line in lines]


def parse_with_sdk(api: API, body: str, *, stream: bool) -> list:
    """The SDK's own typed objects for a response body, validated (not constructed): a malformed body raises.
    For a batch or file API, `stream` is ignored: its bodies are one JSON object or JSON Lines."""
    if api in JOB_APIS:
        return _parse_job(api, body)
    whole, event_type = _sdk_types(api)
    if not stream:
        return [whole.model_validate(json.loads(body))]
    parsed = []
    for name, data in iter_sse(body):
        if name == "ping" or (api == "openai-chat" and data == "[DONE]"):
            continue
        if name == "error":
            raise ValueError(f"the stream carries an error event: {data}")
        payload = json.loads(data)
        parsed.append(event_type.validate_python(payload))
        if api == "anthropic-messages" and name is None:
            raise ValueError("an Anthropic event needs an `event:` line: the SDK skips events without one")
        if name is not None and api != "openai-chat" and name != payload["type"]:
            raise ValueError(f"event {name!r} carries data of type {payload['type']!r}")
    if not parsed:
        raise ValueError("the stream holds no events")
    return parsed
