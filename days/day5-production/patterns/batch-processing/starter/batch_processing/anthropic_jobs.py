"""Anthropic's Message Batches API: up to 100,000 Messages requests in one job, done within 24 hours.

    batch = client.messages.batches.create(requests=[{"custom_id": ..., "params": {...}}, ...])
    client.messages.batches.retrieve(batch.id).processing_status   # "in_progress" ... "ended"
    for line in client.messages.batches.results(batch.id): ...     # JSONL, in any order, one line per custom_id
"""
from __future__ import annotations

import time
from collections.abc import Callable

import anthropic
from anthropic.types.messages import MessageBatch

from agentkit import Usage
from batch_processing.jobs import BatchRequest, JobResult, PollPolicy, check_custom_ids, poll_until  # noqa: F401


def _usage(message) -> Usage:
    u = message.usage
    return Usage(input_tokens=u.input_tokens, output_tokens=u.output_tokens,
                 cache_read_tokens=u.cache_read_input_tokens or 0, cache_write_tokens=u.cache_creation_input_tokens or 0)


class AnthropicBatchJobs:
    """submit / poll / collect on an `anthropic.Anthropic` client. `sleep` and `clock` are injectable so that a
    test (or a simulation) can run a day-long poll in no time."""

    def __init__(self, client: anthropic.Anthropic, *, policy: PollPolicy | None = None,
                 sleep: Callable[[float], object] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.client, self.policy, self.sleep, self.clock = client, policy or PollPolicy(), sleep, clock

    def submit(self, requests: list[BatchRequest], *, model: str) -> str:
        """Create one batch holding every request; return its id. Checks the custom ids before sending anything."""
        # TODO step 8: check_custom_ids(requests) first; then self.client.messages.batches.create(requests=[...])
        # with {"custom_id": ..., "params": {"model", "max_tokens", "messages": [user prompt], "system"
        # (when given)}} per request.
        raise NotImplementedError("step 8: AnthropicBatchJobs.submit")

    def poll(self, batch_id: str) -> MessageBatch:
        """Retrieve the batch until its processing_status is "ended"; BatchTimeout at the policy's deadline."""
        # TODO step 8: poll_until with self.client.messages.batches.retrieve(batch_id) and this object's policy,
        # sleep and clock.
        raise NotImplementedError("step 8: AnthropicBatchJobs.poll")

    def collect(self, batch: MessageBatch, custom_ids: list[str]) -> dict[str, JobResult]:
        """One JobResult per custom id, in the order given, matched by custom_id (the results file has its own
        order). An id with no line in the results is `missing`; lines for ids not asked about are ignored."""
        # TODO step 9: iterate self.client.messages.batches.results(batch.id); each line has .custom_id and
        # .result, whose .type is "succeeded" (.message: text blocks and usage), "errored" (.error.error: type and
        # message), "canceled" or "expired". Never pair lines with requests by position.
        raise NotImplementedError("step 9: AnthropicBatchJobs.collect")

    def run(self, requests: list[BatchRequest], *, model: str) -> dict[str, JobResult]:
        """submit, poll, collect."""
        batch = self.poll(self.submit(requests, model=model))
        return self.collect(batch, [r.custom_id for r in requests])
