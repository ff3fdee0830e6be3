"""Outdated dependencies: a requirements file's exact pins against a dated snapshot of the latest versions."""
from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

from debt_radar.models import Finding, Span

PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


def normalise(name: str) -> str:
    """PEP 503: lower case, each run of `-`, `_` and `.` becomes one `-`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(text: str) -> list[tuple[str, str, int]]:
    """(normalised name, pinned version, line number) for each `name==version` line (extras and an environment
    marker after `;` allowed, a trailing `# comment` ignored). Other lines (ranges, `-r`, options, blanks,
    comments) are not pins and are left out."""
    ### BEGIN SOLUTION
    pins = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = PIN.match(line.split(" #")[0])
        if found and not line.lstrip().startswith("#"):
            pins.append((normalise(found.group(1)), found.group(2), number))
    return pins
    ### END SOLUTION


def outdated(requirements: str, latest: dict[str, str], path: str = "requirements.txt") -> list[Finding]:
    """One `outdated-dependency` Finding per pin older than the snapshot's version of it (names compared
    normalised), in file order. span: that line of `path`; symbol: the normalised name; measure: how many major
    versions behind (0 if the major is the same); impact: 2 x majors behind, or 1.0 when only the minor is
    behind, or 0.5 when only the micro (patch) part is; likelihood 1. A pin the snapshot does not list, or a
    version that does not parse, gives no finding."""
    ### BEGIN SOLUTION
    table = {normalise(name): version for name, version in latest.items()}
    findings = []
    for name, pinned, line in read_requirements(requirements):
        if name not in table:
            continue
        try:
            have, newest = Version(pinned), Version(table[name])
        except InvalidVersion:
            continue
        if have >= newest:
            continue
        majors = max(newest.major - have.major, 0)
        if majors:
            impact = 2.0 * majors
        elif newest.minor > have.minor:
            impact = 1.0
        else:
            impact = 0.5
        findings.append(Finding(kind="outdated-dependency", span=Span(path, line, line), symbol=name,
                                measure=majors, detail=f"{name}=={pinned}; latest in the snapshot: {newest}",
                                impact=impact, likelihood=1.0, priority=impact))
    return findings
    ### END SOLUTION
