"""What we need to know about a task before deciding how far to automate it, validated.

Every field is required and unknown fields are refused. A missing or misspelled field must be an error,
never a silent default: a default of "not medical" or "reversible" is the most dangerous value it could take.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Reversibility(str, Enum):
    EASY = "easy"                  # undone in minutes at no cost: a draft, a suggestion, a label
    COSTLY = "costly"              # can be undone, with effort or after harm: a rollback, an appeal, a refund
    IRREVERSIBLE = "irreversible"  # cannot be undone: money sent, data destroyed, a message published


class Impact(str, Enum):
    """How badly one wrong action hurts whoever it affects."""
    LOW = "low"              # an annoyance
    MODERATE = "moderate"    # money or time lost, recoverable
    HIGH = "high"            # serious loss: an outage, a large sum, a lost opportunity
    CRITICAL = "critical"    # health, life, liberty, livelihood


class Domain(str, Enum):
    GENERAL = "general"
    MEDICAL = "medical"
    LEGAL = "legal"
    CREDIT = "credit"
    INSURANCE = "insurance"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    HOUSING = "housing"
    PUBLIC_BENEFITS = "public_benefits"
    LAW_ENFORCEMENT = "law_enforcement"
    MIGRATION = "migration"


# Domains where law restricts decisions about people made by automated means alone (for example GDPR
# Article 22) or lists such systems as high-risk (EU AI Act, Annex III). A course list, not legal advice.
REGULATED = frozenset(Domain) - {Domain.GENERAL}


class TaskProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    reversibility: Reversibility
    impact: Impact
    blast_radius: int = Field(ge=0, description="people one wrong action affects")
    error_cost_eur: float = Field(ge=0, description="what one wrong action costs, in EUR")
    domain: Domain
    decides_about_people: bool = Field(description="the output is a decision about a person (hire, treat, lend)")
    measured_accuracy: float | None = Field(ge=0, le=1, description="on a labelled evaluation set; null if never "
                                                                    "measured")
    evaluated_cases: int = Field(ge=0, description="how many labelled cases measured_accuracy comes from")
    volume_per_day: int = Field(ge=0)
    human_review_in_time: bool = Field(description="a person can review each case before it takes effect, at this "
                                                   "volume")

    @model_validator(mode="after")
    def accuracy_needs_cases(self) -> TaskProfile:
        if self.measured_accuracy is not None and self.evaluated_cases == 0:
            raise ValueError("measured_accuracy needs evaluated_cases > 0: an accuracy measured on nothing")
        return self

    @property
    def regulated(self) -> bool:
        return self.domain in REGULATED


class InvalidTask(ValueError):
    """The task profile does not validate; `problems` holds one line per field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid task profile: " + "; ".join(problems))


FIELDS = list(TaskProfile.model_fields)


def describe(error: dict[str, Any]) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "task"
    if error["type"] == "missing":
        return f"{field}: required (there is no safe default)"
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(field, FIELDS, n=1)
        return f"{field}: unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
    return f"{field}: {error['msg']} (got {error['input']!r})" if error["loc"] else f"task: {error['msg']}"


def parse_task(data: Mapping[str, Any] | TaskProfile) -> TaskProfile:
    """A validated TaskProfile, or InvalidTask naming every problem at once."""
    if isinstance(data, TaskProfile):
        return data
    if not isinstance(data, Mapping):
        raise InvalidTask([f"task: expected a mapping of fields, got {type(data).__name__}"])
    try:
        return TaskProfile.model_validate(dict(data))
    except ValidationError as exc:
        raise InvalidTask([describe(error) for error in exc.errors()]) from None
