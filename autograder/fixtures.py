"""Find every fixture in the repo and check it: provenance label, no secrets, and it parses with the SDKs' types."""
from __future__ import annotations

import json
from pathlib import Path

from agentkit.replay import secrets, wire
from agentkit.replay.scenarios import load_scenario, respond
from autograder.units import ROOT, UNIT_DIRS

APIS = ("anthropic-messages", "openai-chat", "openai-responses")


def fixture_files(root: Path = ROOT) -> list[Path]:
    found = []
    for top in (*UNIT_DIRS, "solutions", "tests"):
        for path in sorted((root / top).glob("**/fixtures/**/*")):
            if path.suffix in (".json", ".yaml", ".yml") and ".ipynb_checkpoints" not in path.parts:
                found.append(path)
    return found


def check_fixture(path: Path) -> int:
    """Raise ValueError describing the first problem; return how many responses were parsed."""
    text = path.read_text()
    if found := secrets.find_secrets(text):
        raise ValueError(f"{path}: looks like it holds a secret: {', '.join(found)}")
    if path.suffix == ".json" and '"interactions"' in text:
        return check_cassette(path, json.loads(text))
    return check_scenario(path)


def check_cassette(path: Path, data: dict) -> int:
    kind = (data.get("metadata") or {}).get("provenance", {}).get("kind")
    if kind not in ("recorded", "authored"):
        raise ValueError(f"{path}: metadata.provenance.kind must be 'recorded' or 'authored', not {kind!r}")
    for number, interaction in enumerate(data["interactions"], start=1):
        api = wire.api_for_path(interaction["request"]["uri"].split("?")[0])
        response = interaction["response"]
        body = response["body"]["string"]
        content_type = " ".join(v for k, vs in response["headers"].items() if k.lower() == "content-type" for v in vs)
        try:
            if response["status"]["code"] == 200 and api:
                wire.parse_with_sdk(api, body, stream="event-stream" in content_type)
            else:
                json.loads(body)
        except Exception as exc:
            raise ValueError(f"{path}: interaction {number} ({api}) does not parse: {exc}") from exc
    return len(data["interactions"])


def check_scenario(path: Path) -> int:
    scenario = load_scenario(path)
    parsed = 0
    for number, exchange in enumerate(scenario.exchanges, start=1):
        wanted = exchange.when.get("api")
        for api in ([wanted] if isinstance(wanted, str) else wanted or APIS):
            for stream in (False, True):
                view = wire.RequestView(model="fixture-check", system="", messages=[], tool_names=[],
                                        tool_results=[], stream=stream, max_tokens=None)
                if exchange.error is not None:
                    continue
                status, headers, body = respond(exchange, api, view)
                is_stream = "event-stream" in headers.get("content-type", "")
                if exchange.response is not None and is_stream != stream:
                    continue
                try:
                    if status == 200:
                        wire.parse_with_sdk(api, body, stream=is_stream)
                    else:
                        json.loads(body)
                except Exception as exc:
                    raise ValueError(f"{path}: exchange {number} as {api} (stream={stream}) does not parse: "
                                     f"{exc}") from exc
                parsed += 1
    return parsed
