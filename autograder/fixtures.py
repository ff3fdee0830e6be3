"""Find every fixture in the repo and check it: provenance label, no secrets, and it parses with the SDKs' types."""
from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

from agentkit.replay import secrets, wire
from agentkit.replay.scenarios import load_scenario, read_yaml, respond
from autograder.units import ROOT, UNIT_DIRS

APIS = ("anthropic-messages", "openai-chat", "openai-responses")
SDKS = ("anthropic", "openai")
VERSION = re.compile(r"^\d+(\.\d+)*$")


def installed_sdks() -> dict[str, str]:
    return {name: version(name) for name in SDKS}


def as_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def provenance_of(path: Path) -> dict:
    if path.suffix == ".json":
        return (json.loads(path.read_text()).get("metadata") or {}).get("provenance") or {}
    return (read_yaml(path) or {}).get("provenance") or {}


def sdk_versions(path: Path) -> dict[str, str]:
    """The SDK versions a fixture's wire format was authored or recorded against (provenance.sdk); ValueError if
    they are missing, malformed, or newer than the SDKs installed here (nobody could have checked them)."""
    found = provenance_of(path).get("sdk")
    installed = installed_sdks()
    if not isinstance(found, dict) or set(found) != set(SDKS) or not all(VERSION.match(str(v)) for v in found.values()):
        raise ValueError(f"{path}: provenance.sdk must give the versions its wire format was written against, e.g. "
                         f"sdk: {{anthropic: \"{installed['anthropic']}\", openai: \"{installed['openai']}\"}} "
                         "(`course fixtures --stamp` adds the installed ones)")
    newer = [f"{name} {found[name]}" for name in SDKS if as_tuple(str(found[name])) > as_tuple(installed[name])]
    if newer:
        raise ValueError(f"{path}: provenance.sdk names {', '.join(newer)}, newer than the installed SDK")
    return {name: str(value) for name, value in found.items()}


def oldest_wire_formats(paths: list[Path]) -> dict[str, tuple[str, Path]]:
    """For each SDK, the oldest version any fixture was written against, and one fixture that was."""
    oldest: dict[str, tuple[str, Path]] = {}
    for path in paths:
        for name, found in sdk_versions(path).items():
            if name not in oldest or as_tuple(found) < as_tuple(oldest[name][0]):
                oldest[name] = (found, path)
    return oldest


def stamp(path: Path) -> bool:
    """Add the installed SDK versions to a fixture whose provenance names none; True if the file changed.
    For a fixture just written or checked against these SDKs, not to re-date an old one."""
    if path.suffix == ".json":
        data = json.loads(path.read_text())
        provenance = data.setdefault("metadata", {}).setdefault("provenance", {})
        if "sdk" in provenance:
            return False
        provenance["sdk"] = installed_sdks()
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return True
    if "sdk" in provenance_of(path):
        return False
    sdk = ", ".join(f'{name}: "{found}"' for name, found in installed_sdks().items())
    text = path.read_text()
    inline = re.compile(r"^provenance: \{(.*)\}[ \t]*$", re.MULTILINE)
    if inline.search(text):
        text = inline.sub(lambda m: f"provenance: {{{m.group(1)}, sdk: {{{sdk}}}}}", text, count=1)
    elif re.search(r"^provenance:[ \t]*$", text, re.MULTILINE):
        text = re.sub(r"^provenance:[ \t]*\n", lambda m: m.group(0) + f"  sdk: {{{sdk}}}\n", text, count=1,
                      flags=re.MULTILINE)
    else:
        raise ValueError(f"{path}: no top-level provenance to add the SDK versions to")
    path.write_text(text)
    return "sdk" in provenance_of(path)


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
    sdk_versions(path)
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


def report(stamp_missing: bool = False) -> int:
    """`course fixtures`: every fixture checked; the oldest wire format per SDK, next to the installed SDKs."""
    files = fixture_files()
    if stamp_missing:
        stamped = [path for path in files if stamp(path)]
        print(f"added the installed SDK versions to {len(stamped)} fixtures")
    broken = []
    for path in files:
        try:
            check_fixture(path)
        except Exception as exc:  # noqa: BLE001 - every broken fixture is listed, not just the first
            broken.append(str(exc))
    print(f"{len(files)} fixtures, {len(broken)} broken" + "".join(f"\n  {b}" for b in broken[:20]))
    if broken:
        return 1
    installed = installed_sdks()
    for name, (found, path) in oldest_wire_formats(files).items():
        print(f"oldest {name} wire format: {found} ({path.relative_to(ROOT)}); installed {installed[name]}")
    return 0
