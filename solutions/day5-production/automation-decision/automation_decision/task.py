### BEGIN STARTER
# """What we need to know about a task before deciding how far to automate it, validated.
#
# Contract (step 1):
#
# - `TaskProfile` has the fields below, ALL REQUIRED (no defaults: a missing field is an error, because a
#   default of "not medical" or "reversible" is the most dangerous value it could take), and refuses unknown
#   fields (`model_config = ConfigDict(extra="forbid", frozen=True)`), so "reversable" is an error instead of
#   being ignored. Bounds: `blast_radius`, `error_cost_eur`, `evaluated_cases`, `volume_per_day` >= 0;
#   `measured_accuracy` between 0 and 1, or None (the key must still be there). A `measured_accuracy` with
#   `evaluated_cases == 0` is refused too (a `model_validator`).
# - `parse_task(data) -> TaskProfile`: a TaskProfile is returned as it is; a mapping is validated; on any
#   problem raise `InvalidTask(problems)` with ONE LINE PER PROBLEM, all of them at once, each starting with
#   the field name: a missing field says "required"; an unknown field says so and suggests the closest real
#   field (difflib.get_close_matches over FIELDS); anything else gives pydantic's message and the input.
#
# The version below is the handout's behaviour in pydantic form: every field has a "safe" default and unknown
# keys are silently ignored, so a typo in `involves_medical_decisions` makes a diagnosis look harmless.
# """
### END STARTER
### BEGIN SOLUTION
"""What we need to know about a task before deciding how far to automate it, validated.

Every field is required and unknown fields are refused. A missing or misspelled field must be an error,
never a silent default: a default of "not medical" or "reversible" is the most dangerous value it could take.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import difflib  # noqa: F401 - for the "did you mean" suggestion
### END STARTER
### BEGIN SOLUTION
import difflib
### END SOLUTION
from collections.abc import Mapping
from enum import Enum
from typing import Any

### BEGIN STARTER
# from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
### END SOLUTION


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
    ### BEGIN STARTER
    # # TODO step 1: forbid unknown fields, remove every default, add the bounds and the model_validator.
    # model_config = ConfigDict(frozen=True)
    #
    # name: str = "unnamed task"
    # reversibility: Reversibility = Reversibility.EASY
    # impact: Impact = Impact.LOW
    # blast_radius: int = 1                      # people one wrong action affects
    # error_cost_eur: float = 0.0                # what one wrong action costs, in EUR
    # domain: Domain = Domain.GENERAL
    # decides_about_people: bool = False         # the output is a decision about a person (hire, treat, lend)
    # measured_accuracy: float | None = None     # on a labelled evaluation set; None if never measured
    # evaluated_cases: int = 0                   # how many labelled cases measured_accuracy comes from
    # volume_per_day: int = 0
    # human_review_in_time: bool = True          # a person can review each case before it takes effect
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION

    @property
    def regulated(self) -> bool:
        return self.domain in REGULATED


class InvalidTask(ValueError):
    """The task profile does not validate; `problems` holds one line per field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid task profile: " + "; ".join(problems))


FIELDS = list(TaskProfile.model_fields)


### BEGIN SOLUTION
def describe(error: dict[str, Any]) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "task"
    if error["type"] == "missing":
        return f"{field}: required (there is no safe default)"
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(field, FIELDS, n=1)
        return f"{field}: unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
    return f"{field}: {error['msg']} (got {error['input']!r})" if error["loc"] else f"task: {error['msg']}"


### END SOLUTION
def parse_task(data: Mapping[str, Any] | TaskProfile) -> TaskProfile:
    ### BEGIN STARTER
    # """A validated TaskProfile, or InvalidTask naming every problem at once (see the contract above)."""
    # # TODO step 1: TaskProfile.model_validate, and turn each of ValidationError.errors() into one line.
    # raise NotImplementedError("step 1: parse_task")
    ### END STARTER
    ### BEGIN SOLUTION
    """A validated TaskProfile, or InvalidTask naming every problem at once."""
    if isinstance(data, TaskProfile):
        return data
    if not isinstance(data, Mapping):
        raise InvalidTask([f"task: expected a mapping of fields, got {type(data).__name__}"])
    try:
        return TaskProfile.model_validate(dict(data))
    except ValidationError as exc:
        raise InvalidTask([describe(error) for error in exc.errors()]) from None
    ### END SOLUTION
