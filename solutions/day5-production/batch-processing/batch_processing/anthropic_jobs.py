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
### BEGIN STARTER
# from batch_processing.jobs import BatchRequest, JobResult, PollPolicy, check_custom_ids, poll_until  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from batch_processing.jobs import BatchRequest, JobResult, PollPolicy, check_custom_ids, poll_until
### END SOLUTION


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
        ### BEGIN STARTER
        # # TODO step 8: check_custom_ids(requests) first; then self.client.messages.batches.create(requests=[...])
        # # with {"custom_id": ..., "params": {"model", "max_tokens", "messages": [user prompt], "system"
        # # (when given)}} per request.
        # raise NotImplementedError("step 8: AnthropicBatchJobs.submit")
        ### END STARTER
        ### BEGIN SOLUTION
        check_custom_ids(requests)
        batch = self.client.messages.batches.create(requests=[
            {"custom_id": r.custom_id,
             "params": {"model": model, "max_tokens": r.max_tokens,
                        "messages": [{"role": "user", "content": r.prompt}],
                        **({"system": r.system} if r.system else {})}}
            for r in requests])
        return batch.id
        ### END SOLUTION

    def poll(self, batch_id: str) -> MessageBatch:
        """Retrieve the batch until its processing_status is "ended"; BatchTimeout at the policy's deadline."""
        ### BEGIN STARTER
        # # TODO step 8: poll_until with self.client.messages.batches.retrieve(batch_id) and this object's policy,
        # # sleep and clock.
        # raise NotImplementedError("step 8: AnthropicBatchJobs.poll")
        ### END STARTER
        ### BEGIN SOLUTION
        return poll_until(lambda: self.client.messages.batches.retrieve(batch_id),
                          lambda batch: batch.processing_status == "ended", policy=self.policy,
                          sleep=self.sleep, clock=self.clock,
                          describe=lambda batch: (batch.id, batch.processing_status))
        ### END SOLUTION

    def collect(self, batch: MessageBatch, custom_ids: list[str]) -> dict[str, JobResult]:
        """One JobResult per custom id, in the order given, matched by custom_id (the results file has its own
        order). An id with no line in the results is `missing`; lines for ids not asked about are ignored."""
        ### BEGIN STARTER
        # # TODO step 9: iterate self.client.messages.batches.results(batch.id); each line has .custom_id and
        # # .result, whose .type is "succeeded" (.message: text blocks and usage), "errored" (.error.error: type and
        # # message), "canceled" or "expired". Never pair lines with requests by position.
        # raise NotImplementedError("step 9: AnthropicBatchJobs.collect")
        ### END STARTER
        ### BEGIN SOLUTION
        wanted = set(custom_ids)
        found: dict[str, JobResult] = {}
        for line in self.client.messages.batches.results(batch.id):
            if line.custom_id not in wanted:
                continue
            result = line.result
            if result.type == "succeeded":
                text = "".join(block.text for block in result.message.content if block.type == "text")
                found[line.custom_id] = JobResult(line.custom_id, "succeeded", text=text,
                                                  usage=_usage(result.message))
            elif result.type == "errored":
                error = result.error.error
                found[line.custom_id] = JobResult(line.custom_id, "errored", error=f"{error.type}: {error.message}")
            else:  # "expired" or "canceled": never processed
                found[line.custom_id] = JobResult(line.custom_id, result.type,
                                                  error=f"{result.type} before it was processed")
        return {cid: found.get(cid) or JobResult(cid, "missing", error="no result line for this custom_id")
                for cid in custom_ids}
        ### END SOLUTION

    def run(self, requests: list[BatchRequest], *, model: str) -> dict[str, JobResult]:
        """submit, poll, collect."""
        batch = self.poll(self.submit(requests, model=model))
        return self.collect(batch, [r.custom_id for r in requests])
