"""What a judge must answer (pydantic models the reply is validated against), and what the judge functions return."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, model_validator


class FaithfulnessVerdict(BaseModel):
    """Every claim of the answer that the context does not support, then the verdict."""

    unsupported_claims: list[str]
    faithful: bool

    @model_validator(mode="after")
    def consistent(self):
        if self.faithful == bool(self.unsupported_claims):
            raise ValueError("inconsistent verdict: faithful must be true exactly when no claim is unsupported")
        return self


class RelevanceVerdict(BaseModel):
    reason: str
    relevant: bool


class PairwiseVerdict(BaseModel):
    reason: str
    winner: Literal["A", "B", "tie"]


@dataclass
class Judgement:
    """One verdict. `passed` is None when the judge's reply was not a valid verdict: no verdict, never a pass."""

    passed: bool | None
    reason: str = ""
    unsupported_claims: list[str] = field(default_factory=list)
