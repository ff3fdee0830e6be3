"""The data a research run works with: what the agents return (validated) and what `Desk.ask` returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

StopReason = Literal["max_steps", "max_cost", "llm_error"]


class Decomposition(BaseModel):
    """The supervisor's sub-questions, 1 to 5 of them."""

    sub_questions: list[str] = Field(min_length=1, max_length=5, description="self-contained sub-questions")


class Claim(BaseModel):
    """One claim an analyst extracted: its text, the passage that supports it, and a quote from that passage."""

    text: str = Field(description="the claim, one sentence")
    passage_id: str = Field(description="the id of the supporting passage, e.g. hp-field-trial#3 (no brackets)")
    quote: str = Field(description="words copied exactly from that passage")


class Findings(BaseModel):
    """An analyst's answer for one sub-question."""

    claims: list[Claim] = Field(description="the claims, possibly none")


class Contradiction(BaseModel):
    """Two passages that disagree, as the critic reports them."""

    passage_a: str = Field(description="id of one passage, e.g. hp-field-trial#3")
    passage_b: str = Field(description="id of the passage that disagrees with it")
    explanation: str = Field(description="one sentence: what disagrees, with the figures")


class Critique(BaseModel):
    contradictions: list[Contradiction] = Field(description="the contradicting pairs, possibly none")


@dataclass(frozen=True)
class Budget:
    """Limits for one `Desk.ask`: LLM calls in total (every attempt), and dollars (no call starts once spent)."""

    max_steps: int = 10
    max_cost_usd: float = 0.05


@dataclass
class Report:
    """What `Desk.ask` returns. `status` is "complete" when every planned call ran; otherwise "partial" and
    `stop_reason` says why. `markdown` is the report (see the brief for its sections); `notes` say what was
    dropped and why (a rejected claim, a fallback decomposition, an error)."""

    question: str
    sub_questions: list[str]
    claims: list[Claim]
    contradictions: list[Contradiction]
    markdown: str
    status: Literal["complete", "partial"]
    stop_reason: StopReason | None
    calls: int
    cost_usd: float
    notes: list[str] = field(default_factory=list)
