"""A provider-agnostic chat client over the official `anthropic` and `openai` SDKs (and any OpenAI-compatible
server): one request shape, one reply shape, one error hierarchy, sync and async."""
from chat_client.client import ChatClient, as_messages, price
from chat_client.errors import AuthError, BadRequestError, LLMError, RateLimitError, ServerError, TimeoutError
from chat_client.errors import from_sdk_error
from chat_client.types import Reply, Usage
from chat_client.wire import anthropic_params, openai_params, reply_from_anthropic, reply_from_openai

__all__ = ["ChatClient", "Reply", "Usage", "as_messages", "price", "anthropic_params", "openai_params",
           "reply_from_anthropic", "reply_from_openai", "from_sdk_error", "LLMError", "RateLimitError",
           "AuthError", "BadRequestError", "TimeoutError", "ServerError"]
