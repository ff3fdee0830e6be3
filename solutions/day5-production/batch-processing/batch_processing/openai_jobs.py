"""OpenAI's Batch API: a JSONL file of requests, uploaded, run as one job within a 24 h completion window.

    file = client.files.create(file=("requests.jsonl", data), purpose="batch")
    batch = client.batches.create(input_file_id=file.id, endpoint="/v1/chat/completions", completion_window="24h")
    client.batches.retrieve(batch.id).status     # validating, in_progress, finalizing, then completed / failed /
                                                 # expired / cancelled
    client.files.content(batch.output_file_id)   # JSONL: the requests that got a 200
    client.files.content(batch.error_file_id)    # JSONL: the ones that did not, and those the window cut off
"""
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
import time
from collections.abc import Callable

import openai
from openai.types import Batch

from agentkit import Usage
### BEGIN STARTER
# from batch_processing.jobs import (BatchFailed, BatchRequest, JobResult, PollPolicy, check_custom_ids,  # noqa: F401
#                                    poll_until)
### END STARTER
### BEGIN SOLUTION
from batch_processing.jobs import BatchFailed, BatchRequest, JobResult, PollPolicy, check_custom_ids, poll_until
### END SOLUTION

ENDPOINT = "/v1/chat/completions"
FINAL = {"completed", "failed", "expired", "cancelled"}


def request_line(request: BatchRequest, model: str) -> dict:
    """One line of the input file: a Chat Completions call and the custom_id its result will carry."""
    ### BEGIN STARTER
    # # TODO step 10: {"custom_id", "method": "POST", "url": ENDPOINT, "body": {"model", "messages" (a system
    # # message when given, then the user prompt), "max_completion_tokens"}}
    # raise NotImplementedError("step 10: request_line")
    ### END STARTER
    ### BEGIN SOLUTION
    messages = ([{"role": "system", "content": request.system}] if request.system else []) + \
        [{"role": "user", "content": request.prompt}]
    return {"custom_id": request.custom_id, "method": "POST", "url": ENDPOINT,
            "body": {"model": model, "messages": messages, "max_completion_tokens": request.max_tokens}}
    ### END SOLUTION


def _usage(body: dict) -> Usage:
    u = body.get("usage") or {}
    cached = (u.get("prompt_tokens_details") or {}).get("cached_tokens") or 0
    return Usage(input_tokens=u.get("prompt_tokens", 0) - cached, output_tokens=u.get("completion_tokens", 0),
                 cache_read_tokens=cached)


### BEGIN SOLUTION
def _result(line: dict) -> JobResult:
    """A JobResult from one line of an output or error file."""
    custom_id, response, error = line["custom_id"], line.get("response"), line.get("error")
    if error:
        status = {"batch_expired": "expired", "batch_cancelled": "canceled"}.get(error.get("code"), "errored")
        return JobResult(custom_id, status, error=f"{error.get('code')}: {error.get('message')}")
    body = (response or {}).get("body") or {}
    if (response or {}).get("status_code") != 200:
        detail = body.get("error") or {}
        return JobResult(custom_id, "errored",
                         error=f"{(response or {}).get('status_code')}: {detail.get('message', 'no message')}")
    return JobResult(custom_id, "succeeded", text=body["choices"][0]["message"].get("content") or "",
                     usage=_usage(body))


### END SOLUTION
class OpenAIBatchJobs:
    """submit / poll / collect on an `openai.OpenAI` client, with injectable `sleep` and `clock`."""

    def __init__(self, client: openai.OpenAI, *, policy: PollPolicy | None = None,
                 sleep: Callable[[float], object] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.client, self.policy, self.sleep, self.clock = client, policy or PollPolicy(), sleep, clock

    def submit(self, requests: list[BatchRequest], *, model: str) -> str:
        """Upload one JSONL line per request (purpose "batch") and create the batch; return its id."""
        ### BEGIN STARTER
        # # TODO step 10: check_custom_ids first; the JSONL text (one json.dumps(request_line(...)) per line);
        # # self.client.files.create(file=("batch-requests.jsonl", data_bytes, "application/jsonl"),
        # # purpose="batch"); self.client.batches.create(input_file_id=..., endpoint=ENDPOINT, completion_window="24h").
        # raise NotImplementedError("step 10: OpenAIBatchJobs.submit")
        ### END STARTER
        ### BEGIN SOLUTION
        check_custom_ids(requests)
        data = "".join(json.dumps(request_line(r, model), ensure_ascii=False) + "\n" for r in requests)
        upload = self.client.files.create(file=("batch-requests.jsonl", data.encode(), "application/jsonl"),
                                          purpose="batch")
        batch = self.client.batches.create(input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h")
        return batch.id
        ### END SOLUTION

    def poll(self, batch_id: str) -> Batch:
        """Retrieve the batch until it is completed, failed, expired or cancelled; BatchTimeout at the deadline."""
        ### BEGIN STARTER
        # # TODO step 10: poll_until with self.client.batches.retrieve(batch_id); done when the status is in FINAL.
        # raise NotImplementedError("step 10: OpenAIBatchJobs.poll")
        ### END STARTER
        ### BEGIN SOLUTION
        return poll_until(lambda: self.client.batches.retrieve(batch_id), lambda batch: batch.status in FINAL,
                          policy=self.policy, sleep=self.sleep, clock=self.clock,
                          describe=lambda batch: (batch.id, batch.status))
        ### END SOLUTION

    def collect(self, batch: Batch, custom_ids: list[str]) -> dict[str, JobResult]:
        """One JobResult per custom id, in the order given, read from the output and error files and matched by
        custom_id. A failed batch raises BatchFailed with the provider's reasons."""
        ### BEGIN STARTER
        # # TODO step 11: BatchFailed (with the messages in batch.errors.data) for status "failed". Otherwise read
        # # self.client.files.content(file_id).text for batch.output_file_id and batch.error_file_id (each may be
        # # None), one JSON object per line: {"custom_id", "response": {"status_code", "body"} or null,
        # # "error": {"code", "message"} or null}. error.code "batch_expired" is expired ("batch_cancelled":
        # # canceled), another error or a non-200 status_code errored, else succeeded with
        # # body["choices"][0]["message"]["content"]. Match by custom_id, never by line order.
        # raise NotImplementedError("step 11: OpenAIBatchJobs.collect")
        ### END STARTER
        ### BEGIN SOLUTION
        if batch.status == "failed":
            reasons = [f"line {e.line}: {e.message}" if e.line else str(e.message)
                       for e in (batch.errors.data if batch.errors and batch.errors.data else [])]
            raise BatchFailed(f"batch {batch.id} failed: {'; '.join(reasons) or 'no reason given'}")
        wanted = set(custom_ids)
        found: dict[str, JobResult] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            for raw in self.client.files.content(file_id).text.splitlines():
                if raw.strip():
                    line = json.loads(raw)
                    if line.get("custom_id") in wanted:
                        found[line["custom_id"]] = _result(line)
        return {cid: found.get(cid) or JobResult(cid, "missing", error="no result line for this custom_id")
                for cid in custom_ids}
        ### END SOLUTION

    def run(self, requests: list[BatchRequest], *, model: str) -> dict[str, JobResult]:
        """submit, poll, collect."""
        batch = self.poll(self.submit(requests, model=model))
        return self.collect(batch, [r.custom_id for r in requests])
