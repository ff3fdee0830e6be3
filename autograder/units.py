"""Units (a pattern or a lab): where each one's parts live, read from the `unit.toml` beside its lesson."""
from __future__ import annotations

import functools
import importlib.util
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT_DIRS = ("days", "labs", "capstone-options")
LEVELS = ("core", "optional", "stretch", "capstone")  # a capstone project: Day 5's capstone sessions and after
METADATA = ("day", "level", "minutes_in_class", "minutes_self_study", "prerequisites")


class UnitError(ValueError):
    """A unit.toml that cannot be used as it stands; the message names the file."""


@dataclass(frozen=True)
class Metadata:
    """Where a unit sits in the week. `core` units are taught in class on their day: their `minutes_in_class`
    are planned in that day's time boxes (days/schedule.toml). `optional` and `stretch` units are self-study;
    their `minutes_in_class` say how long they take if an instructor swaps them in."""
    day: int
    level: str                       # core | optional | stretch | capstone
    minutes_in_class: int
    minutes_self_study: int          # the graded exercise and the rest of the lesson, after class
    prerequisites: tuple[str, ...]   # unit names to study first


@dataclass(frozen=True)
class Unit:
    name: str            # short id used on the command line, e.g. "lab05"
    title: str
    path: Path           # the unit's folder: lesson, notebook(s), starter package, tests, fixtures
    package: str         # import name of the code the student writes
    solution: Path       # folder that holds the reference `package`
    notebooks: tuple[Path, ...] = field(default_factory=tuple)
    recorded: tuple[Path, ...] = field(default_factory=tuple)  # notebooks whose .json fixtures `course record` rewrites
    metadata: Metadata | None = None  # None only for units kept outside the course (the tests' own demo units)

    @property
    def starter(self) -> Path:
        return self.path / "starter"

    @property
    def tests(self) -> Path:
        return self.path / "tests"

    @property
    def fixtures(self) -> Path:
        return self.path / "fixtures"


def read_metadata(data: dict, source: Path) -> Metadata | None:
    """The unit's place in the week from its unit.toml, checked; None when the file gives none of it."""
    if not any(key in data for key in METADATA):
        return None
    missing = [key for key in METADATA[:4] if key not in data]
    if missing:
        raise UnitError(f"{source}: missing {', '.join(missing)} (a unit gives all of {', '.join(METADATA[:4])})")
    if data["level"] not in LEVELS:
        raise UnitError(f"{source}: level must be one of {', '.join(LEVELS)}, not {data['level']!r}")
    for key, least in (("day", 1), ("minutes_in_class", 0), ("minutes_self_study", 0)):
        if type(data[key]) is not int or data[key] < least:
            raise UnitError(f"{source}: {key} must be a whole number, {least} or more, not {data[key]!r}")
    prerequisites = data.get("prerequisites", [])
    if not isinstance(prerequisites, list) or not all(isinstance(p, str) for p in prerequisites):
        raise UnitError(f"{source}: prerequisites must be a list of unit names, not {prerequisites!r}")
    return Metadata(day=data["day"], level=data["level"], minutes_in_class=data["minutes_in_class"],
                    minutes_self_study=data["minutes_self_study"], prerequisites=tuple(prerequisites))


def load_unit(unit_dir: Path) -> Unit:
    unit_dir = unit_dir.resolve()
    source = unit_dir / "unit.toml"
    data = tomllib.loads(source.read_text())
    root = ROOT if unit_dir.resolve().is_relative_to(ROOT) else unit_dir
    return Unit(
        name=data["name"], title=data.get("title", data["name"]), path=unit_dir, package=data["package"],
        solution=(root / data["solution"]) if "solution" in data else unit_dir / "solution",
        notebooks=tuple(unit_dir / n for n in data.get("notebooks", [])),
        recorded=tuple(unit_dir / n for n in data.get("record", [])),
        metadata=read_metadata(data, source.relative_to(ROOT) if source.is_relative_to(ROOT) else source),
    )


def all_units(root: Path = ROOT) -> list[Unit]:
    return list(_units_under(root))


@functools.lru_cache(maxsize=8)
def _units_under(root: Path) -> tuple[Unit, ...]:
    """Read once per process: a grading session asks for every hidden test, and the walk is the slow part."""
    found = [p.parent for d in UNIT_DIRS for p in sorted((root / d).glob("**/unit.toml"))]
    return tuple(load_unit(d) for d in found)


def find_unit(name_or_path: str) -> Unit:
    """A unit by its name (`lab05`) or by a path to its folder."""
    path = Path(name_or_path)
    if (path / "unit.toml").is_file():
        return load_unit(path)
    for unit in all_units():
        if unit.name == name_or_path or unit.path.name == name_or_path:
            return unit
    known = ", ".join(u.name for u in all_units()) or "none yet"
    raise LookupError(f"no unit {name_or_path!r}; known units: {known}")


def unit_of(test_file: Path) -> Unit | None:
    """The unit a test file belongs to: the nearest folder above it that holds a unit.toml, or, for hidden
    tests kept under solutions/, the unit whose solution folder holds them."""
    return _unit_of(Path(test_file).resolve())


@functools.lru_cache(maxsize=1024)
def _unit_of(path: Path) -> Unit | None:
    for folder in path.parents:
        if (folder / "unit.toml").is_file():
            return load_unit(folder)
    return next((u for u in all_units() if path.is_relative_to(u.solution.resolve())), None)


def unit_module(name: str, module: str):
    """A helper module kept in a unit's folder, such as the trace readers its visible and hidden tests share."""
    unit = find_unit(name)
    key = f"unit_{unit.name.replace('-', '_')}_{module}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, unit.path / f"{module}.py")
        sys.modules[key] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[key])
    return sys.modules[key]
