"""vcrpy cassettes with the course's rules: normalised or scenario matching, clear misses, no secrets, provenance."""
from __future__ import annotations

import datetime
import difflib
import json
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx2
import vcr
from vcr.cassette import Cassette
from vcr.persisters.filesystem import CassetteNotFoundError, FilesystemPersister
from vcr.serialize import serialize

from agentkit.errors import NoRecordingError
from agentkit.replay import HOW_TO_GO_LIVE, secrets, wire
from agentkit.replay.exchanges import inspect_request, scenario_miss, served_record, summarise
from agentkit.replay.scenarios import Scenario, delays, is_timeout, respond

IGNORED_BODY_KEYS = {"metadata", "user", "store", "service_tier"}
PACED = "course_paced_events"  # a timed response's (events, seconds to the first, seconds between the others)


@dataclass
class SentRequest:
    """What the code under test sent: the API, its provider-neutral view, and the raw JSON body."""

    api: str
    path: str
    view: wire.RequestView
    body: dict[str, Any]


def canonical_body(request) -> str:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return (request.body or b"").decode("utf-8", "replace")
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in IGNORED_BODY_KEYS}
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def normalised_body(r1, r2) -> None:
    """vcrpy matcher: the same JSON request, whatever its key order, host, or volatile fields."""
    assert canonical_body(r1) == canonical_body(r2), "the request body differs"


class ScenarioPersister(FilesystemPersister):
    """A scenario is not a vcrpy file: load nothing, save nothing."""

    @classmethod
    def load_cassette(cls, cassette_path, serializer):
        raise CassetteNotFoundError()

    @staticmethod
    def save_cassette(cassette_path, cassette_dict, serializer):
        pass


class CheckedPersister(FilesystemPersister):
    """Writes a cassette only if nothing in it looks like a secret."""

    @staticmethod
    def save_cassette(cassette_path, cassette_dict, serializer):
        text = serialize(cassette_dict, serializer)
        secrets.refuse_secrets(text, str(cassette_path))
        path = Path(cassette_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


class CourseCassette(Cassette):
    scenario: Scenario | None = None
    provenance: dict[str, Any] | None = None  # set when recording

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[SentRequest] = []
        self.served: list[dict[str, Any]] = []  # what answered each of `sent`, in the same order
        self._lock = threading.Lock()
        self._pending = threading.local()

    def __bool__(self) -> bool:  # vcrpy's Cassette has __len__; an empty one must still count as active
        return True

    def _inspect(self, request) -> tuple[str | None, wire.RequestView | None, dict]:
        return inspect_request(request.method, request.path, (request.headers or {}).get("content-type"),
                               request.body)

    def can_play_response_for(self, request) -> bool:
        if self._before_record_request(request) is None:  # an ignored host (a served app the grader calls)
            return False
        api, view, body = self._inspect(request)
        with self._lock:
            if view is not None:
                self.sent.append(SentRequest(api, request.path, view, body))
            if self.scenario is not None:
                exchange = self.scenario.next_for(api, view) if view is not None else None
                if view is not None:
                    self.served.append(served_record(exchange, view))
                if exchange is None:
                    raise NoRecordingError(self._scenario_miss(api, view, request))
                self._pending.value = (exchange, api, view)
                return True
            if super().can_play_response_for(request):
                return True
            if self.write_protected:
                raise NoRecordingError(self._cassette_miss(request, api, view))
            return False

    def play_response(self, request) -> dict:
        if self.scenario is None:
            return super().play_response(request)
        exchange, api, view = self._pending.value
        timing = delays(self.scenario, exchange)
        if is_timeout(exchange):
            raise httpx2.ReadTimeout(f"replayed timeout ({self.scenario.name})")
        status, headers, body = respond(exchange, api, view)
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        played = {"status": {"code": status, "message": phrase},
                  "headers": {k: [v] for k, v in headers.items()}, "body": {"string": body.encode()}}
        if timing:  # waited while the body is read, so that an async client's event loop is not blocked
            if view.stream and status == 200:  # the first event after its time, the rest spread up to the total
                events = [event.encode() + b"\n\n" for event in body.split("\n\n") if event.strip()]
                played[PACED] = (events, timing[0], (timing[1] - timing[0]) / max(len(events) - 1, 1))
            else:
                played[PACED] = ([body.encode()], timing[1], 0.0)
        return played

    def append(self, request, response) -> None:
        super().append(request, response)
        if self.provenance is not None and self._loaded:
            self._save()  # recording: keep each exchange on disk at once (a notebook kernel may never exit cleanly)

    def _load(self) -> None:
        self._loaded = False
        super()._load()
        self._loaded = True

    def _persist(self, cassette_dict) -> None:
        if self.provenance is not None:
            models = sorted({json.loads(r.body or b"{}").get("model", "?") for r in cassette_dict["requests"]})
            self._metadata["provenance"] = {**self.provenance, "models": models}
        super()._persist(cassette_dict)

    def _scenario_miss(self, api, view, request) -> str:
        return scenario_miss(self.scenario, api, view, request.method, request.path)

    def _cassette_miss(self, request, api, view) -> str:
        lines = [f"No recording for this request (fixtures {self._path}).", "  asked: " + summarise(api, view, request.path, request.method)]
        asked = canonical_body(request)
        candidates = [(difflib.SequenceMatcher(None, asked, canonical_body(r)).ratio(), r) for r in self.requests]
        if candidates:
            score, closest = max(candidates, key=lambda c: c[0])
            c_api, c_view, _ = self._inspect(closest)
            lines.append(f"  closest recorded ({score:.0%} similar): " + summarise(c_api, c_view, closest.path))
        else:
            lines.append("  closest recorded: none, the fixture file is empty or missing")
        lines.append(HOW_TO_GO_LIVE)
        return "\n".join(lines)


def _vcr_config(record: bool) -> vcr.VCR:
    return vcr.VCR(
        serializer="json",
        record_mode="all" if record else "none",
        match_on=["method", "path", "normalised_body"],
        filter_headers=secrets.REQUEST_HEADERS,
        before_record_response=secrets.scrub_response,
        decode_compressed_response=True,
        drop_unused_requests=record,
    )



def open_cassette(path: str | Path, *, record: bool = False, provenance: dict | None = None):
    """Context manager replaying (or, with record=True, re-recording) the cassette at `path`."""
    config = _vcr_config(record)
    config.register_matcher("normalised_body", normalised_body)
    options = config.get_merged_config(path=str(path), persister=CheckedPersister)
    cls = type("RecordingCassette", (CourseCassette,), {"provenance": provenance or recorded_provenance()}) \
        if record else CourseCassette
    return cls.use(**options)


def open_scenario(scenario: Scenario, ignore_hosts: list[str] = ()):
    config = _vcr_config(False)
    options = config.get_merged_config(path=scenario.name, persister=ScenarioPersister, match_on=["method"],
                                       ignore_hosts=list(ignore_hosts))
    cls = type("ScenarioCassette", (CourseCassette,), {"scenario": scenario})
    return cls.use(**options)


def recorded_provenance() -> dict[str, Any]:
    return {"kind": "recorded", "date": datetime.date.today().isoformat(),
            "sdk": {name: version(name) for name in ("anthropic", "openai")}}


def _paced_stream_class(httpx):
    class PacedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
        """A replayed body's events one at a time: the first after `first` seconds, the others `gap` apart."""

        def __init__(self, events: list[bytes], first: float, gap: float):
            self.events, self.first, self.gap = events, first, gap

        def __iter__(self):
            for number, event in enumerate(self.events):
                time.sleep(self.gap if number else self.first)
                yield event

        async def __aiter__(self):
            import asyncio
            for number, event in enumerate(self.events):
                await asyncio.sleep(self.gap if number else self.first)
                yield event

    return PacedStream


def _install_paced_responses() -> None:
    """vcrpy builds every played response from one body; a timed stream's is built from its paced events."""
    from vcr.stubs import httpx_stubs

    build = httpx_stubs._deserialize_response
    if getattr(build, "paced", False):
        return
    classes = {}

    def deserialize(vcr_response, httpx):
        if PACED not in vcr_response:
            return build(vcr_response, httpx)
        events, first, gap = vcr_response[PACED]
        stream_class = classes.setdefault(httpx, _paced_stream_class(httpx))
        return httpx.Response(vcr_response["status"]["code"],
                              headers=httpx_stubs._deserialize_headers(vcr_response["headers"]),
                              stream=stream_class(events, first, gap))

    deserialize.paced = True
    httpx_stubs._deserialize_response = deserialize


_install_paced_responses()
