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


@dataclass(frozen=True)
class Unit:
    name: str            # short id used on the command line, e.g. "lab05"
    title: str
    path: Path           # the unit's folder: lesson, notebook(s), starter package, tests, fixtures
    package: str         # import name of the code the student writes
    solution: Path       # folder that holds the reference `package`
    notebooks: tuple[Path, ...] = field(default_factory=tuple)
    recorded: tuple[Path, ...] = field(default_factory=tuple)  # notebooks whose .json fixtures `course record` rewrites

    @property
    def starter(self) -> Path:
        return self.path / "starter"

    @property
    def tests(self) -> Path:
        return self.path / "tests"

    @property
    def fixtures(self) -> Path:
        return self.path / "fixtures"


def load_unit(unit_dir: Path) -> Unit:
    unit_dir = unit_dir.resolve()
    data = tomllib.loads((unit_dir / "unit.toml").read_text())
    root = ROOT if unit_dir.resolve().is_relative_to(ROOT) else unit_dir
    return Unit(
        name=data["name"], title=data.get("title", data["name"]), path=unit_dir, package=data["package"],
        solution=(root / data["solution"]) if "solution" in data else unit_dir / "solution",
        notebooks=tuple(unit_dir / n for n in data.get("notebooks", [])),
        recorded=tuple(unit_dir / n for n in data.get("record", [])),
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
