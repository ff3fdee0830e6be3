"""Anatomy of a prompt: role, context, task and format, each in its place; supplied text in blocks it cannot close."""
from prompt_anatomy.builder import PromptSpec, Source, ask, build_prompt
from prompt_anatomy.delimiters import ESCAPED_BRACKET, TAG_NAME, delimit, neutralise

__all__ = ["PromptSpec", "Source", "build_prompt", "ask", "delimit", "neutralise", "TAG_NAME", "ESCAPED_BRACKET"]
