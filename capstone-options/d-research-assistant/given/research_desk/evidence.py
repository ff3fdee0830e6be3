"""The citation format and the two text checks every claim goes through (the grader uses the same rules)."""
from __future__ import annotations

import re

CITATION = re.compile(r"\[([a-z0-9][a-z0-9-]*#\d+)\]")   # [doc-id#n], one passage per pair of brackets
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def citations(text: str) -> list[str]:
    """The passage ids cited in `text`, in order."""
    return CITATION.findall(text)


def numbers(text: str) -> set[str]:
    """Every number written in `text` outside its citations, thousands separators dropped:
    "7,500 pounds at 2.1 [hp-grants#1]" -> {"7500", "2.1"}."""
    return {n.replace(",", "") for n in NUMBER.findall(CITATION.sub(" ", text))}


def squeeze(text: str) -> str:
    """Lower case, whitespace collapsed: how quotes are compared with passages."""
    return " ".join(text.split()).lower()
