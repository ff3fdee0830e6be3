"""One pydantic model, both providers' native structured output, and retries that tell the model what was wrong."""
from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

Schema = TypeVar("Schema", bound=BaseModel)


class StructuredOutputError(Exception):
    """No valid instance after the allowed attempts; the message holds the last validation error."""


### BEGIN STARTER
# def strict_schema(schema: type[BaseModel]) -> dict[str, Any]:
#     """The model's JSON Schema in the strict form both providers' structured output wants."""
#     # TODO step 1: schema.model_json_schema(); then every object (the top one and those in "$defs", and any
#     # nested ones) gets "additionalProperties": False and "required" = all its properties; drop "default" keys
#     raise NotImplementedError("step 1: strict_schema")
### END STARTER
### BEGIN SOLUTION
def strict_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema in the strict form both providers' structured output wants."""
    def tighten(node: Any) -> Any:
        if isinstance(node, dict):
            node = {key: tighten(value) for key, value in node.items() if key != "default"}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
        elif isinstance(node, list):
            node = [tighten(item) for item in node]
        return node

    return tighten(copy.deepcopy(schema.model_json_schema()))
### END SOLUTION


### BEGIN STARTER
# def anthropic_format(schema: type[BaseModel]) -> dict[str, Any]:
#     """The keyword arguments that ask Anthropic's messages.create for JSON matching `schema`."""
#     # TODO step 2a: output_config={"format": {"type": "json_schema", "schema": strict_schema(schema)}}
#     raise NotImplementedError("step 2a: anthropic_format")
#
#
# def openai_format(schema: type[BaseModel]) -> dict[str, Any]:
#     """The keyword arguments that ask OpenAI's chat.completions.create for JSON matching `schema`."""
#     # TODO step 2b: response_format={"type": "json_schema", "json_schema": {"name", "schema", "strict": True}}
#     raise NotImplementedError("step 2b: openai_format")
### END STARTER
### BEGIN SOLUTION
def anthropic_format(schema: type[BaseModel]) -> dict[str, Any]:
    """The keyword arguments that ask Anthropic's messages.create for JSON matching `schema`."""
    return {"output_config": {"format": {"type": "json_schema", "schema": strict_schema(schema)}}}


def openai_format(schema: type[BaseModel]) -> dict[str, Any]:
    """The keyword arguments that ask OpenAI's chat.completions.create for JSON matching `schema`."""
    return {"response_format": {"type": "json_schema", "json_schema": {"name": schema.__name__,
                                                                       "schema": strict_schema(schema),
                                                                       "strict": True}}}
### END SOLUTION


def native_params(provider: str, schema: type[BaseModel]) -> dict[str, Any]:
    """The keyword arguments that ask `provider` for JSON matching `schema`."""
    return anthropic_format(schema) if provider == "anthropic" else openai_format(schema)


def ask(provider: str, sdk, model: str, messages: list[dict], schema: type[BaseModel], system: str | None,
        max_tokens: int) -> str:
    """One request; the reply's text (the JSON)."""
    if provider == "anthropic":
        extra = {"system": system} if system else {}
        message = sdk.messages.create(model=model, max_tokens=max_tokens, messages=messages,
                                      **anthropic_format(schema), **extra)
        return "".join(block.text for block in message.content if block.type == "text")
    turns = ([{"role": "system", "content": system}] if system else []) + messages
    completion = sdk.chat.completions.create(model=model, max_completion_tokens=max_tokens, messages=turns,
                                             **openai_format(schema))
    return completion.choices[0].message.content or ""


### BEGIN STARTER
# def extract(provider: str, sdk, model: str, prompt: str, schema: type[Schema], *, system: str | None = None,
#             max_attempts: int = 3, max_tokens: int = 1024) -> Schema:
#     """A validated `schema` instance, or StructuredOutputError after `max_attempts` requests."""
#     # TODO step 3: ask(...); schema.model_validate_json(text); on ValidationError append the reply as an
#     # assistant turn and a user turn holding the error (str(exc): it names each field and what is wrong),
#     # then ask again; at most max_attempts requests in all
#     raise NotImplementedError("step 3: extract")
### END STARTER
### BEGIN SOLUTION
def extract(provider: str, sdk, model: str, prompt: str, schema: type[Schema], *, system: str | None = None,
            max_attempts: int = 3, max_tokens: int = 1024) -> Schema:
    """A validated `schema` instance, or StructuredOutputError after `max_attempts` requests."""
    messages: list[dict] = [{"role": "user", "content": prompt}]
    error = "no attempt was made"
    for _ in range(max_attempts):
        text = ask(provider, sdk, model, messages, schema, system, max_tokens)
        try:
            return schema.model_validate_json(text)
        except ValidationError as exc:
            error = str(exc)
        messages += [{"role": "assistant", "content": text or "(empty)"},
                     {"role": "user", "content": f"That answer does not validate against the {schema.__name__} "
                                                 f"schema:\n{error}\nAnswer again with corrected JSON only."}]
    raise StructuredOutputError(f"no valid {schema.__name__} after {max_attempts} attempts: {error}")
### END SOLUTION
