"""Structured output, schema first: a pydantic model is the contract, the provider's native structured output
constrains the reply, and pydantic's validation error goes back to the model for a bounded number of retries."""
from structured_output.extract import (StructuredOutputError, anthropic_format, extract, native_params, openai_format,
                                      strict_schema)

__all__ = ["strict_schema", "anthropic_format", "openai_format", "native_params", "extract", "StructuredOutputError"]
