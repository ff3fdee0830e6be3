"""Structured output, schema first: a pydantic model is the contract, the provider's native structured output
constrains the reply, and pydantic's validation error goes back to the model for a bounded number of retries."""
from structured_output.extract import StructuredOutputError, extract, native_params, strict_schema

__all__ = ["strict_schema", "native_params", "extract", "StructuredOutputError"]
