"""The four answers, ordered from the most automated to the least."""
from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Automation(str, Enum):
    AUTOMATE = "AUTOMATE"                                # the agent acts alone; outcomes are monitored
    AUTOMATE_WITH_REVIEW = "AUTOMATE_WITH_REVIEW"        # the agent acts; people review samples or afterwards
    HUMAN_APPROVAL_REQUIRED = "HUMAN_APPROVAL_REQUIRED"  # the agent proposes; a person approves each action first
    DO_NOT_AUTOMATE = "DO_NOT_AUTOMATE"                  # a person decides; the agent may only inform them

    @property
    def rank(self) -> int:
        """0 for AUTOMATE up to 3 for DO_NOT_AUTOMATE: a higher rank keeps people more involved."""
        return ORDER.index(self)


ORDER = [Automation.AUTOMATE, Automation.AUTOMATE_WITH_REVIEW, Automation.HUMAN_APPROVAL_REQUIRED,
         Automation.DO_NOT_AUTOMATE]


def most_restrictive(levels: Iterable[Automation]) -> Automation:
    return max(levels, key=lambda level: level.rank, default=Automation.AUTOMATE)
