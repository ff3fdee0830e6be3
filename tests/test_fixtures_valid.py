"""Every fixture in the repo is labelled, secret-free, and parses with the installed SDKs' own types."""
import pytest

from autograder.fixtures import check_fixture, fixture_files
from autograder.units import ROOT

FILES = fixture_files()


def test_the_repo_has_fixtures():
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_parses_with_sdk_types(path):
    check_fixture(path)  # raises with the file and the first problem


def batch_bodies():
    """(fixture, exchange number, api, body) of every 200 answer to a batch or file API in the repo's scenarios."""
    from agentkit.replay import wire
    from agentkit.replay.scenarios import load_scenario, respond

    view = wire.RequestView(model="fixture-check", system="", messages=[], tool_names=[], tool_results=[],
                            stream=False, max_tokens=None)
    found = []
    for path in FILES:
        if path.suffix not in (".yaml", ".yml"):
            continue
        for number, exchange in enumerate(load_scenario(path).exchanges, start=1):
            apis = exchange.when.get("api")
            for api in [apis] if isinstance(apis, str) else apis or []:
                if api in wire.JOB_APIS and exchange.response is not None:
                    status, _, body = respond(exchange, api, view)
                    if status == 200:
                        found.append((path, number, api, body))
    return found


def test_batch_api_fixtures_parse_into_the_sdks_batch_and_file_types():
    """Message Batches bodies are anthropic.types.messages.MessageBatch, each results line a
    MessageBatchIndividualResponse; OpenAI's are openai.types.Batch and FileObject, and each line of a batch output
    file carries a body that parses as openai.types.chat.ChatCompletion."""
    from anthropic.types.messages import MessageBatch, MessageBatchIndividualResponse
    from openai.types import Batch, FileObject

    from agentkit.replay import wire

    expected = {"anthropic-batches": (MessageBatch, MessageBatchIndividualResponse),
                "openai-batches": (Batch,), "openai-files": (FileObject,)}
    seen = set()
    for path, number, api, body in batch_bodies():
        parsed = wire.parse_with_sdk(api, body, stream=False)
        assert parsed, f"{path}: exchange {number} parsed to nothing"
        for value in parsed:
            where = f"{path.relative_to(ROOT)}: exchange {number} ({api})"
            if api == "openai-files" and not isinstance(value, FileObject):  # a line of a batch's output or error file
                assert type(value).__name__ in ("BatchOutputLine", "BatchInputLine"), where
                seen.add("output line")
                continue
            assert isinstance(value, expected[api]), f"{where} parsed to a {type(value).__name__}"
            seen.add(type(value).__name__)
    assert {"MessageBatch", "MessageBatchIndividualResponse", "Batch", "FileObject", "output line"} <= seen, \
        f"the repo's batch fixtures should cover every batch and file body; found only {sorted(seen)}"


def test_the_oldest_wire_format_is_reported(capsys):
    from autograder.fixtures import installed_sdks, oldest_wire_formats, report

    oldest = oldest_wire_formats(FILES)
    assert set(oldest) == {"anthropic", "openai"}
    assert report() == 0
    printed = capsys.readouterr().out
    for name, (found, _) in oldest.items():
        assert f"oldest {name} wire format: {found}" in printed and f"installed {installed_sdks()[name]}" in printed


@pytest.mark.parametrize("sdk, problem", [
    (None, "provenance.sdk must give the versions"),
    ('{anthropic: "2.14.0"}', "provenance.sdk must give the versions"),
    ('{anthropic: "two", openai: "3.57.0"}', "provenance.sdk must give the versions"),
    ('{anthropic: "99.0.0", openai: "3.57.0"}', "anthropic 99.0.0, newer than the installed SDK"),
])
def test_a_fixture_must_say_which_sdk_versions_it_was_written_against(tmp_path, sdk, problem):
    path = tmp_path / "fixtures" / "x.yaml"
    path.parent.mkdir()
    extra = f", sdk: {sdk}" if sdk else ""
    path.write_text(f"provenance: {{kind: authored, note: test{extra}}}\nexchanges: []\n")
    with pytest.raises(ValueError, match=problem):
        check_fixture(path)


def test_stamping_adds_the_installed_versions_once(tmp_path):
    from autograder.fixtures import installed_sdks, sdk_versions, stamp

    inline, block = tmp_path / "inline.yaml", tmp_path / "block.yaml"
    inline.write_text("# authored\nprovenance: {kind: authored, note: a}\nexchanges: []\n")
    block.write_text("provenance:\n  kind: authored\n  note: b\nexchanges: []\n")
    for path in (inline, block):
        assert stamp(path) and not stamp(path)
        assert sdk_versions(path) == installed_sdks()
