### BEGIN STARTER
# """Redact a reply while it streams, without ever showing part of a secret.
#
# Contract: `StreamRedactor(hold=256, context=256)`; `feed(chunk)` returns the text that is safe to show now
# (maybe ""), `finish()` returns the rest; `findings` lists what was redacted, with spans in the whole streamed
# text. Joined, the outputs must equal `redact(whole text).text`, and the findings `redact(...).findings`.
#
# Keep a buffer of text received but not yet released. Release only up to a cut that is
# * at least `hold` characters before the end of the buffer,
# * right after a whitespace character (never in the middle of a token that may still be growing),
# * not inside a finding, and not before the end of a finding that reaches the end of the buffer (a PEM block
#   whose END line has not arrived yet).
# Scan the last `context` characters already released together with the buffer, so that a label released
# earlier ("password: ") still marks the value that follows it. `finish()` releases everything.
# """
### END STARTER
### BEGIN SOLUTION
"""Redact a reply while it streams, without ever showing part of a secret.

A secret can arrive split over many chunks (`sk-ant-api` now, `03-...` later), and whether a value is a secret
can depend on text before it (`password: ` in one chunk, `hunter2` in the next). So the redactor keeps a
buffer of text not yet shown and releases only text that can no longer change:

* the last `hold` characters are always held back, and a release never ends in the middle of a token (it
  stops after whitespace), so a key that is still arriving is never cut in two;
* a finding that reaches the end of the buffer (a PEM block without its END line yet) is held back whole;
* the detectors see the last `context` characters already released too, so a label released earlier still
  marks the value that follows it.

With `hold` and `context` longer than any rule looks ahead or back, the joined output equals `redact(whole
text).text`. The price is latency: the reader sees text about `hold` characters late.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Iterable, Iterator

### BEGIN STARTER
# from output_guard.findings import Finding, placeholder  # noqa: F401
# from output_guard.scan import scan  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from output_guard.findings import Finding, placeholder
from output_guard.scan import scan
### END SOLUTION


class StreamRedactor:
    """`feed(chunk)` returns the text that is now safe to show (maybe ""); `finish()` returns the rest."""

    def __init__(self, hold: int = 256, context: int = 256):
        self.hold, self.context = hold, context
        self.findings: list[Finding] = []   # spans in the whole streamed text, as `redact` would report them
        self._released = ""                 # the tail of the text already released, for context
        self._pending = ""                  # received, not yet released
        self._offset = 0                    # characters of original text released so far
        ### BEGIN STARTER
        ### END STARTER
        ### BEGIN SOLUTION
        self._next_attempt = 0              # buffer length at which to try the next release
        ### END SOLUTION

    def feed(self, chunk: str) -> str:
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: StreamRedactor.feed")
        ### END STARTER
        ### BEGIN SOLUTION
        self._pending += chunk
        if len(self._pending) < self._next_attempt:
            return ""
        released = self._release(final=False)
        # Scanning again after every few characters would cost O(n^2) while a long PEM block is held back;
        # waiting for the buffer to grow by a quarter keeps the total work near-linear.
        self._next_attempt = len(self._pending) + max(32, len(self._pending) // 4)
        return released
        ### END SOLUTION

    def finish(self) -> str:
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: StreamRedactor.finish")
        ### END STARTER
        ### BEGIN SOLUTION
        return self._release(final=True)
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _release(self, *, final: bool) -> str:
        base = len(self._released)
        window = self._released + self._pending
        found = [f for f in scan(window) if f.end > base]
        cut = len(self._pending) if final else self._safe_cut(found, base)
        if cut <= 0:
            return ""
        pieces, last = [], 0
        for f in found:
            start, end = max(f.start - base, 0), f.end - base
            if start >= cut:
                break
            pieces += [self._pending[last:start], placeholder(f.kind)]
            last = end
            self.findings.append(Finding(f.kind, self._offset + start, self._offset + end))
        pieces.append(self._pending[last:cut])
        self._released = (self._released + self._pending[:cut])[-self.context:] if self.context else ""
        self._pending = self._pending[cut:]
        self._offset += cut
        return "".join(pieces)

    def _safe_cut(self, found: list[Finding], base: int) -> int:
        cut = len(self._pending) - self.hold
        while cut > 0 and not self._pending[cut - 1].isspace():
            cut -= 1
        moved = True
        while moved and cut > 0:
            moved = False
            for f in found:
                start, end = f.start - base, f.end - base
                if start < cut < end or (start < cut and end >= len(self._pending)):
                    cut, moved = max(start, 0), True
        return cut
    ### END SOLUTION


def redact_stream(chunks: Iterable[str]) -> Iterator[str]:
    """Redacted text for an iterable of chunks, released as soon as it is safe."""
    redactor = StreamRedactor()
    for chunk in chunks:
        if out := redactor.feed(chunk):
            yield out
    if out := redactor.finish():
        yield out
