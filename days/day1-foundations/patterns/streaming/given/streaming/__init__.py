"""Streaming replies from both SDKs: text as it arrives, the usage at the end, time to first token, and a
stream that can be cancelled half way (closing the response, so the provider stops generating)."""
from streaming.events import Progress, read_anthropic_event, read_openai_chunk, stream_params
from streaming.stream import Streamer, TextStream

__all__ = ["Streamer", "TextStream", "Progress", "stream_params", "read_anthropic_event", "read_openai_chunk"]
