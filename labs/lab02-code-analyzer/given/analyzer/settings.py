"""The analyzer's limits."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    max_input_tokens: int = 6000   # source longer than this (counted by count_tokens) is refused before any call
    max_attempts: int = 3          # model calls per analysis: the first, and retries after an invalid reply
    max_reply_tokens: int = 2048   # every call caps the model's reply at this
