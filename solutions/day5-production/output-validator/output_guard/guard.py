### BEGIN STARTER
# """Redact model replies before a user or a log sees them.
#
# Contract:
#
# 1. `validate_reply(reply) -> (redacted copy of reply, findings)`: `reply.model_copy(update={"text": ...})`
#    with `redact(reply.text)`; the original reply is not changed.
# 2. `GuardedClient(client, *, on_findings=None)`: `chat(messages, **options)` calls `client.chat` and returns
#    the redacted copy; when there are findings it calls `on_findings(findings)`, or, without one,
#    `log_findings` (a warning on the `output_guard` logger with kinds and spans only).
# 3. `GuardedClient.stream(messages, **options)` returns `GuardedStream(client.stream(...), on_findings)`
#    (given): iterating it yields redacted text as it becomes safe.
# """
### END STARTER
### BEGIN SOLUTION
"""Redact model replies before a user or a log sees them."""
### END SOLUTION
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from agentkit import Reply

from output_guard.findings import Finding
### BEGIN STARTER
# from output_guard.scan import redact  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from output_guard.scan import redact
### END SOLUTION
from output_guard.stream import StreamRedactor

log = logging.getLogger("output_guard")
OnFindings = Callable[[list[Finding]], None]


def validate_reply(reply: Reply) -> tuple[Reply, list[Finding]]:
    """A copy of `reply` with its text redacted, and what was found (kinds and spans, no values)."""
    ### BEGIN STARTER
    # # TODO step 6
    # raise NotImplementedError("step 6: validate_reply")
    ### END STARTER
    ### BEGIN SOLUTION
    redacted = redact(reply.text)
    return reply.model_copy(update={"text": redacted.text}), redacted.findings
    ### END SOLUTION


def log_findings(findings: list[Finding]) -> None:
    log.warning("redacted %d secret(s) from a model reply: %s", len(findings), [f.as_log() for f in findings])


class GuardedStream:
    """Iterate for redacted text as it becomes safe; afterwards `.reply` is the redacted Reply (if the client
    stream gave one) and `.findings` what was redacted."""

    def __init__(self, source, on_findings: OnFindings):
        self._source, self._on_findings = source, on_findings
        self._redactor = StreamRedactor()
        self.reply: Reply | None = None
        self.findings: list[Finding] = []

    def __iter__(self) -> Iterator[str]:
        for chunk in self._source:
            if safe := self._redactor.feed(chunk):
                yield safe
        if safe := self._redactor.finish():
            yield safe
        self.findings = self._redactor.findings
        original = getattr(self._source, "reply", None)
        if original is not None:
            self.reply = validate_reply(original)[0]
        if self.findings:
            self._on_findings(self.findings)


class GuardedClient:
    """Wraps an agentkit.Client: `chat` and `stream` return redacted text; findings go to `on_findings`
    (by default a warning on the `output_guard` logger with kinds and spans only). Everything else is passed
    through to the client; note that `client.calls` still holds the original replies."""

    def __init__(self, client, *, on_findings: OnFindings | None = None):
        self.client = client
        self.on_findings = on_findings or log_findings

    def chat(self, messages, **options) -> Reply:
        ### BEGIN STARTER
        # # TODO step 6
        # raise NotImplementedError("step 6: GuardedClient.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        safe, findings = validate_reply(self.client.chat(messages, **options))
        if findings:
            self.on_findings(findings)
        return safe
        ### END SOLUTION

    def stream(self, messages, **options) -> GuardedStream:
        ### BEGIN STARTER
        # # TODO step 7
        # raise NotImplementedError("step 7: GuardedClient.stream")
        ### END STARTER
        ### BEGIN SOLUTION
        return GuardedStream(self.client.stream(messages, **options), self.on_findings)
        ### END SOLUTION

    def __getattr__(self, name):
        return getattr(self.client, name)
