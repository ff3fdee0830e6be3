"""Which input fields a decision may never use, whatever the scorecard's author intended."""
from __future__ import annotations

# Characteristics that anti-discrimination and data-protection law commonly protect. A course list, not
# legal advice: the list that applies to a real system comes from its own legal review.
PROTECTED_ATTRIBUTES = frozenset({
    "age", "date_of_birth", "sex", "gender", "race", "ethnicity", "ethnic_origin", "nationality", "religion",
    "belief", "disability", "health", "pregnancy", "marital_status", "sexual_orientation", "political_opinion",
    "trade_union_membership",
})


def normalised(field: str) -> str:
    return field.strip().lower().replace("-", "_").replace(" ", "_")


def is_protected(field: str) -> bool:
    return normalised(field) in PROTECTED_ATTRIBUTES


def plain_name(field: str) -> str:
    """`date_of_birth` -> `date of birth`, for sentences written to the applicant."""
    return normalised(field).replace("_", " ")
