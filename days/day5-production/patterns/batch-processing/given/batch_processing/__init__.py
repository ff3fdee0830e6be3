"""Batch processing for LLM work: many items in one validated call, and the providers' batch APIs for large
offline jobs at the batch price."""
from batch_processing.anthropic_jobs import AnthropicBatchJobs
from batch_processing.jobs import (BatchFailed, BatchRequest, BatchTimeout, JobResult, PollPolicy, check_custom_ids,
                                   poll_until)
from batch_processing.openai_jobs import OpenAIBatchJobs, request_line
from batch_processing.pricing import cost_usd, job_cost_usd
from batch_processing.processor import BatchProcessor, ItemResult, chunk_items, count_tokens
from batch_processing.prompt import Item, build_prompt
from batch_processing.validation import MalformedReply, ReplyCheck, check_reply, extract_json

__all__ = ["Item", "build_prompt", "extract_json", "check_reply", "ReplyCheck", "MalformedReply", "chunk_items",
           "count_tokens", "BatchProcessor", "ItemResult", "BatchRequest", "JobResult", "PollPolicy",
           "BatchTimeout", "BatchFailed", "check_custom_ids", "poll_until", "AnthropicBatchJobs",
           "OpenAIBatchJobs", "request_line", "cost_usd", "job_cost_usd"]
