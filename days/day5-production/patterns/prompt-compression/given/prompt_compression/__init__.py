"""Prompt compression: fewer input tokens for the same instructions, with code blocks, inline code and URLs
left exactly as they were. Token counts are tiktoken's cl100k_base, an estimate for current models."""
from prompt_compression.budget import PromptTooLong, fit_to_budget, marker
from prompt_compression.compress import CompressionResult, compress
from prompt_compression.messages import CompressedClient, compress_messages
from prompt_compression.prose import FILLERS, drop_duplicates, remove_fillers, strip_boilerplate, tidy_whitespace
from prompt_compression.protect import Segment, mask, split_protected
from prompt_compression.tokens import count_tokens

__all__ = ["compress", "CompressionResult", "count_tokens", "split_protected", "Segment", "mask", "FILLERS",
           "remove_fillers", "tidy_whitespace", "drop_duplicates", "strip_boilerplate", "fit_to_budget",
           "marker", "PromptTooLong", "compress_messages", "CompressedClient"]
