"""The review the model must return: validated with pydantic before anything is posted."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["critical", "major", "minor", "nit"]


class Finding(BaseModel):
    path: str = Field(min_length=1, description="the file's path as the diff names it (b/ side, without 'b/')")
    line: int = Field(ge=1, description="the line number in the NEW version of the file")
    severity: Severity
    message: str = Field(min_length=1, description="what is wrong, in one or two sentences")
    suggestion: str = Field(default="", description="how to fix it: a sentence or a short code snippet")


class Review(BaseModel):
    summary: str = Field(description="two or three sentences on the pull request as a whole")
    findings: list[Finding] = Field(default_factory=list)
