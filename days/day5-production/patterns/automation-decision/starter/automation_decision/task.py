"""What we need to know about a task before deciding how far to automate it, validated.

Contract (step 1):

- `TaskProfile` has the fields below, ALL REQUIRED (no defaults: a missing field is an error, because a
  default of "not medical" or "reversible" is the most dangerous value it could take), and refuses unknown
  fields (`model_config = ConfigDict(extra="forbid", frozen=True)`), so "reversable" is an error instead of
  being ignored. Bounds: `blast_radius`, `error_cost_eur`, `evaluated_cases`, `volume_per_day` >= 0;
  `measured_accuracy` between 0 and 1, or None (the key must still be there). A `measured_accuracy` with
  `evaluated_cases == 0` is refused too (a `model_validator`).
- `parse_task(data) -> TaskProfile`: a TaskProfile is returned as it is; a mapping is validated; on any
  problem raise `InvalidTask(problems)` with ONE LINE PER PROBLEM, all of them at once, each starting with
  the field name: a missing field says "required"; an unknown field says so and suggests the closest real
  field (difflib.get_close_matches over FIELDS); anything else gives pydantic's message and the input.

The version below is the handout's behaviour in pydantic form: every field has a "safe" default and unknown
keys are silently ignored, so a typo in `involves_medical_decisions` makes a diagnosis look harmless.
"""
from __future__ import annotations

import difflib  # noqa: F401 - for the "did you mean" suggestion
from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator  # noqa: F401


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
    # TODO step 1: forbid unknown fields, remove every default, add the bounds and the model_validator.
    model_config = ConfigDict(frozen=True)

    name: str = "unnamed task"
    reversibility: Reversibility = Reversibility.EASY
    impact: Impact = Impact.LOW
    blast_radius: int = 1                      # people one wrong action affects
    error_cost_eur: float = 0.0                # what one wrong action costs, in EUR
    domain: Domain = Domain.GENERAL
    decides_about_people: bool = False         # the output is a decision about a person (hire, treat, lend)
    measured_accuracy: float | None = None     # on a labelled evaluation set; None if never measured
    evaluated_cases: int = 0                   # how many labelled cases measured_accuracy comes from
    volume_per_day: int = 0
    human_review_in_time: bool = True          # a person can review each case before it takes effect

    @property
    def regulated(self) -> bool:
        return self.domain in REGULATED


class InvalidTask(ValueError):
    """The task profile does not validate; `problems` holds one line per field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid task profile: " + "; ".join(problems))


FIELDS = list(TaskProfile.model_fields)


def parse_task(data: Mapping[str, Any] | TaskProfile) -> TaskProfile:
    """A validated TaskProfile, or InvalidTask naming every problem at once (see the contract above)."""
    # TODO step 1: TaskProfile.model_validate, and turn each of ValidationError.errors() into one line.
    raise NotImplementedError("step 1: parse_task")
