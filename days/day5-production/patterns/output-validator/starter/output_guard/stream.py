"""Redact a reply while it streams, without ever showing part of a secret.

Contract: `StreamRedactor(hold=256, context=256)`; `feed(chunk)` returns the text that is safe to show now
(maybe ""), `finish()` returns the rest; `findings` lists what was redacted, with spans in the whole streamed
text. Joined, the outputs must equal `redact(whole text).text`, and the findings `redact(...).findings`.

Keep a buffer of text received but not yet released. Release only up to a cut that is
* at least `hold` characters before the end of the buffer,
* right after a whitespace character (never in the middle of a token that may still be growing),
* not inside a finding, and not before the end of a finding that reaches the end of the buffer (a PEM block
  whose END line has not arrived yet).
Scan the last `context` characters already released together with the buffer, so that a label released
earlier ("password: ") still marks the value that follows it. `finish()` releases everything.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from output_guard.findings import Finding, placeholder  # noqa: F401
from output_guard.scan import scan  # noqa: F401


class StreamRedactor:
    """`feed(chunk)` returns the text that is now safe to show (maybe ""); `finish()` returns the rest."""

    def __init__(self, hold: int = 256, context: int = 256):
        self.hold, self.context = hold, context
        self.findings: list[Finding] = []   # spans in the whole streamed text, as `redact` would report them
        self._released = ""                 # the tail of the text already released, for context
        self._pending = ""                  # received, not yet released
        self._offset = 0                    # characters of original text released so far

    def feed(self, chunk: str) -> str:
        # TODO step 5
        raise NotImplementedError("step 5: StreamRedactor.feed")

    def finish(self) -> str:
        # TODO step 5
        raise NotImplementedError("step 5: StreamRedactor.finish")


def redact_stream(chunks: Iterable[str]) -> Iterator[str]:
    """Redacted text for an iterable of chunks, released as soon as it is safe."""
    redactor = StreamRedactor()
    for chunk in chunks:
        if out := redactor.feed(chunk):
            yield out
    if out := redactor.finish():
        yield out
