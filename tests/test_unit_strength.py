"""Every unit's tests are strong and fair, not only the labs': a copy of the reference with one contract rule broken
loses points, and a correct copy written differently from the reference scores full marks.

The variants of unit U are in tests/strength/U.py (with `-` as `_`): BROKEN and CORRECT, each
`{name: (file in the unit's package, [(old, new), ...])}`, every edit applying exactly once; a broken variant's
name starts with the contract rule it breaks. All of a unit's variants are graded in one pytest session, visible and
hidden tests, as tests/helpers.py `grade_variants` does for the labs. CI grades a fifth of the units a day, and of
each one broken and one correct variant, a different one each day (COURSE_STRENGTH=all: every unit, every variant).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from autograder.units import find_unit
from tests.helpers import grade_variants, todays_params

VARIANTS = Path(__file__).parent / "strength"


def variant_files() -> dict[str, Path]:
    return {path.stem.replace("_", "-"): path for path in sorted(VARIANTS.glob("*.py")) if path.stem != "__init__"}


def load_variants(path: Path):
    spec = importlib.util.spec_from_file_location(f"strength_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_variant_file_names_a_unit_and_has_both_kinds():
    for name, path in variant_files().items():
        find_unit(name)
        variants = load_variants(path)
        assert variants.BROKEN and variants.CORRECT, f"{path.name}: needs broken and correct variants"
        for kind in (variants.BROKEN, variants.CORRECT):
            for label, (file, edits) in kind.items():
                assert isinstance(file, str) and edits and all(len(edit) == 2 for edit in edits), f"{path.name}: {label}"


@pytest.mark.timeout(600)
@pytest.mark.parametrize("unit_name", todays_params(list(variant_files()), 5, "units' strength graded"))
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(unit_name, tmp_path):
    variants = load_variants(variant_files()[unit_name])
    grade_variants(find_unit(unit_name), variants.BROKEN, variants.CORRECT, tmp_path,
                   broken_share=len(variants.BROKEN), correct_share=len(variants.CORRECT))
