"""The agent's limits."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    max_steps: int = 12            # model calls in all, counted across resumes: the hard budget
    max_attempts: int = 3          # model calls per step (the plan, or one file): the first and the retries
    test_timeout: float = 20.0     # seconds for one run of a file's tests
    max_reply_tokens: int = 4096   # every call caps the model's reply at this
