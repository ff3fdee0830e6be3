"""What a failed start reports: which variables are wrong and why, never what they hold."""
from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    variable: str   # the environment variable to fix, e.g. "APP_WEBHOOK_SECRET"
    message: str    # what is wrong with it, in words; never its value


class SettingsError(Exception):
    """The service cannot start with this configuration. `problems` lists every variable to fix at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} setting{'s' if count != 1 else ''} missing or invalid (values are not shown):"]
        lines += [f"  {p.variable}: {p.message}" for p in self.problems]
        super().__init__("\n".join(lines))
