"""agentkit: the course's small provider-agnostic LLM client, with offline replay for every notebook and lab."""
from agentkit.client import Client, ReplyStream
from agentkit.errors import (AuthError, BadRequestError, LLMError, NoRecordingError, RateLimitError, ServerError,
                             StructuredOutputError, TimeoutError, UnknownModelError)
from agentkit.models import REGISTRY, RetiredModelError, model_info, models
from agentkit.pricing import cost_usd, format_usd
from agentkit.session import connect
from agentkit.types import Message, Reply, Tool, ToolCall, Usage

__all__ = ["Client", "ReplyStream", "connect", "Message", "Reply", "Tool", "ToolCall", "Usage", "LLMError",
           "AuthError", "BadRequestError", "NoRecordingError", "RateLimitError", "ServerError",
           "StructuredOutputError", "TimeoutError", "UnknownModelError", "RetiredModelError", "REGISTRY", "model_info", "models",
           "cost_usd", "format_usd"]
