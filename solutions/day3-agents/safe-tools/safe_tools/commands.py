"""Commands a model may run: programs from an allow-list, an argument list (never a shell), a time limit, and the
workspace as the working folder."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from safe_tools.workspace import Refused


class CommandRefused(Refused):
    """A command that is not allowed to run."""


class CommandTimeout(Refused):
    """A command that ran past its time limit (it was killed)."""


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


class CommandRunner:
    """`allowed` names programs (looked up on PATH once, here). `timeout` is seconds per command."""

    def __init__(self, workspace: str | Path, allowed: list[str], timeout: float = 10.0, max_output: int = 20_000):
        self.cwd = Path(workspace).resolve(strict=True)
        self.programs = {name: shutil.which(name) for name in allowed}
        missing = [name for name, found in self.programs.items() if found is None]
        if missing:
            raise ValueError(f"not on PATH: {missing}")
        self.timeout, self.max_output = timeout, max_output

    ### BEGIN STARTER
    # def run(self, argv: list[str]) -> CommandResult:
    #     """Run one allowed command; CommandRefused or CommandTimeout otherwise."""
    #     # TODO step 2: argv must be a non-empty list of strings (a string would need a shell: refuse it);
    #     # argv[0] must be exactly an allowed name (not a path); run self.programs[name] with subprocess.run:
    #     # no shell, cwd=self.cwd, capture_output, text, timeout=self.timeout (TimeoutExpired -> CommandTimeout)
    #     raise NotImplementedError("step 2: CommandRunner.run")
    ### END STARTER
    ### BEGIN SOLUTION
    def run(self, argv: list[str]) -> CommandResult:
        """Run one allowed command; CommandRefused or CommandTimeout otherwise."""
        if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
            raise CommandRefused(f"a command is a non-empty list of strings (no shell), not {argv!r}")
        name = argv[0]
        if name not in self.programs:
            raise CommandRefused(f"{name!r} is not an allowed program; allowed: {', '.join(sorted(self.programs))}")
        try:
            done = subprocess.run([self.programs[name], *argv[1:]], cwd=self.cwd, capture_output=True, text=True,
                                  timeout=self.timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise CommandTimeout(f"{name} ran longer than {self.timeout:g} s and was stopped") from exc
        return CommandResult(done.returncode, done.stdout[-self.max_output:], done.stderr[-self.max_output:])
    ### END SOLUTION
