"""Given code lives once: in the unit's `given/` folder, shared by the reference solution and the starter.

A unit's package has two kinds of modules. The ones the student writes (their solution has `### BEGIN SOLUTION`
markers; see autograder.starters) sit in `solutions/.../PKG/` and, generated, in the unit's `starter/PKG/`. The
ones handed to the student whole (data models, prompts, settings, the package's `__init__`) sit once in
`<unit>/given/PKG/`. The package's own `__init__.py` in each edition is a two-line shim that calls `include`:

    from agentkit.given import include
    include(globals())

`include` appends the given folder to the package's `__path__` (after the edition's own folder, so the
edition's modules win) and runs the given `__init__.py`, if there is one, in the package's namespace. The given
folder is found by package name under the course root (`days/*/patterns/*/given`, `labs/*/given`,
`capstone-options/*/given`), so a submitted copy of the package anywhere on disk finds it too. The grading
sandbox binds that folder read-only (autograder.runner).
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ("days/*/patterns/*/given", "labs/*/given", "capstone-options/*/given")


class GivenCodeMissing(ImportError):
    """A package's shim names given code that is not under the course root."""


@functools.cache
def _folders() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for pattern in PLACES:
        for given in sorted(ROOT.glob(pattern)):
            for package in given.iterdir():
                if package.is_dir() and package.name.isidentifier():
                    found[package.name] = package
    return found


def folder(package: str) -> Path | None:
    """The given folder of a top-level package name, or None if the package has no given code."""
    return _folders().get(package.partition(".")[0])


def include(namespace: dict) -> None:
    """Make the given modules part of the package whose `__init__` calls this (pass `globals()`)."""
    package = namespace["__name__"]
    given = folder(package)
    if given is None:
        raise GivenCodeMissing(f"{package}'s given modules are not under {ROOT} (looked in {', '.join(PLACES)})")
    if str(given) not in namespace["__path__"]:
        namespace["__path__"].append(str(given))
    init = given / "__init__.py"
    if init.is_file():
        exec(compile(init.read_text(encoding="utf-8"), str(init), "exec"), namespace)


def data_file(package: str, name: str) -> Path:
    """A data file that ships with a package, wherever on its `__path__` it is (own folder first, then given)."""
    for place in sys.modules[package].__path__:
        if (Path(place) / name).is_file():
            return Path(place) / name
    raise FileNotFoundError(f"{name} is in none of {package}'s folders: {list(sys.modules[package].__path__)}")
