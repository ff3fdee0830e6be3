"""What a run hands back: where the state machine stopped."""
from dataclasses import dataclass, field

FINAL = ("done", "failed", "out_of_budget")  # a run in one of these phases is over; running it again does nothing


@dataclass
class Outcome:
    status: str                                        # one of FINAL
    calls: int                                         # model calls made in all, across resumes
    migrated: list[str] = field(default_factory=list)  # the files migrated and verified, in plan order
    error: str | None = None                           # why the run failed, if it did
