"""What the graders call: run the student's `output_guard` package and hand back plain JSON data only.

The leaked secrets are fake, and they are not stored in the scenario files: the repo's fixture check refuses
anything shaped like a provider key there (agentkit/replay/secrets.py), and it is right to. The scenarios'
replies hold placeholders such as [[fake:anthropic_api_key]]; the tests build the fake values in code and
pass them in, and `LeakyModel` below puts them into each reply before your code sees it, standing in for a
model that repeats a secret it was given."""
from __future__ import annotations

import logging
import re

import agentkit
from agentkit import Reply

PLACEHOLDER = re.compile(r"\[\[fake:([a-z_]+)\]\]")


def planted(text: str, fakes: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: fakes[m.group(1)], text)


class LeakyStream:
    """The client's stream with the fakes put in, re-cut into `piece`-character chunks so that every secret
    arrives split over several chunks. `consumed` counts the chunks handed out so far."""

    def __init__(self, stream, fakes: dict[str, str], piece: int):
        self._stream, self._fakes, self._piece = stream, fakes, piece
        self.reply: Reply | None = None
        self.consumed = 0
        self.total = 0

    def __iter__(self):
        text = planted(self._stream.text(), self._fakes)
        self.reply = self._stream.reply.model_copy(update={"text": text})
        chunks = [text[i:i + self._piece] for i in range(0, len(text), self._piece)]
        self.total = len(chunks)
        for chunk in chunks:
            self.consumed += 1
            yield chunk


class LeakyModel:
    """Passes calls to a real agentkit.Client and plants the fake secrets in what comes back."""

    def __init__(self, client, fakes: dict[str, str], piece: int = 7):
        self._client, self._fakes, self._piece = client, fakes, piece
        self.streams: list[LeakyStream] = []

    def chat(self, *args, **kwargs) -> Reply:
        reply = self._client.chat(*args, **kwargs)
        return reply.model_copy(update={"text": planted(reply.text, self._fakes)})

    def stream(self, *args, **kwargs) -> LeakyStream:
        self.streams.append(LeakyStream(self._client.stream(*args, **kwargs), self._fakes, self._piece))
        return self.streams[-1]

    def __getattr__(self, name):
        return getattr(self._client, name)


def finding_of(f) -> dict:
    return {"kind": str(f.kind), "start": int(f.start), "end": int(f.end), "repr": repr(f), "log": str(f.as_log())}


def redact_texts(submission, texts: list[str]) -> dict:
    """`redact(text)` for each text: the redacted text and the findings."""
    results = []
    for text in texts:
        redacted, findings = submission.redact(text)
        results.append({"text": str(redacted), "findings": [finding_of(f) for f in findings]})
    return {"results": results}


def stream_texts(submission, text: str, sizes: list[int]) -> dict:
    """Feed `text` to a fresh `StreamRedactor()` in chunks of each size; what came out after each chunk."""
    runs = []
    for size in sizes:
        redactor = submission.StreamRedactor()
        outputs = [str(redactor.feed(text[i:i + size])) for i in range(0, len(text), size)]
        outputs.append(str(redactor.finish()))
        runs.append({"size": size, "outputs": outputs, "findings": [finding_of(f) for f in redactor.findings]})
    return {"runs": runs}


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def guarded_chat(submission, provider: str, questions: list[str], fakes: dict[str, str], system: str) -> dict:
    """Each question through `GuardedClient(model)` with its default logging: what the user saw, and what was
    logged on the `output_guard` logger."""
    captured = Captured()
    logger = logging.getLogger("output_guard")
    logger.addHandler(captured)
    try:
        guarded = submission.GuardedClient(LeakyModel(agentkit.Client(provider), fakes))
        shown = [str(guarded.chat(question, system=system).text) for question in questions]
    finally:
        logger.removeHandler(captured)
    return {"shown": shown, "logs": captured.messages}


def guarded_stream(submission, provider: str, question: str, fakes: dict[str, str], system: str,
                   piece: int = 7) -> dict:
    """One streamed answer through `GuardedClient(model, on_findings=...)`: each piece of text the user saw,
    how many source chunks had arrived when it was shown, and the findings reported."""
    model = LeakyModel(agentkit.Client(provider), fakes, piece)
    reported: list[dict] = []
    guarded = submission.GuardedClient(model, on_findings=lambda found: reported.extend(map(finding_of, found)))
    stream = guarded.stream(question, system=system)
    shown = []
    for text in stream:
        shown.append({"text": str(text), "after_chunks": model.streams[-1].consumed})
    return {"shown": shown, "source_chunks": model.streams[-1].total, "reported": reported}
