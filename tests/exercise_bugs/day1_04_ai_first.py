"""Plausible mistakes in notebook 04's exercise (days/day1-foundations/notebooks/04-ai-first-development.ipynb):
test suites for the alias contract that look complete. The check cell must reject each one, because it either
fails on a correct implementation or passes on a wrong one."""

EXERCISE_BUGS = {
    "ex-alias-tests": {
        "only the assistant's happy path": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Python 3.12 release notes") == "python-3-12-release-notes"
""",
        "no test of the empty result": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
assert make_alias("abcde fghij", max_length=8) == "abcde-fg"
""",
        "max_length tested only at its default": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
try:
    make_alias("!!!")
except ValueError:
    pass
else:
    raise AssertionError("expected ValueError")
""",
        "no cut that lands on a separator": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("abcde fghij", max_length=8) == "abcde-fg"
try:
    make_alias("!!!")
except ValueError:
    pass
else:
    raise AssertionError("expected ValueError")
""",
        "the length checked, not the text": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert len(make_alias("a" * 40)) <= 30
assert not make_alias("Release notes for the holiday sale").endswith("-")
assert len(make_alias("abcde fghij", max_length=8)) <= 8
try:
    make_alias("!!!")
except ValueError:
    pass
else:
    raise AssertionError("expected ValueError")
""",
        "asserts the assistant's output for accents": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "caf-d-j-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
assert make_alias("abcde fghij", max_length=8) == "abcde-fg"
try:
    make_alias("!!!")
except ValueError:
    pass
else:
    raise AssertionError("expected ValueError")
""",
        "expects an empty alias for an empty title": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("  Python 3.12 -- release notes!  ") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
assert make_alias("abcde fghij", max_length=8) == "abcde-fg"
assert make_alias("!!!") == ""
""",
        "no leading punctuation in any input": """
assert make_alias("Hello World") == "hello-world"
assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
assert make_alias("Python 3.12 -- release notes") == "python-3-12-release-notes"
assert make_alias("a" * 40) == "a" * 30
assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
assert make_alias("abcde fghij", max_length=8) == "abcde-fg"
try:
    make_alias("!!!")
except ValueError:
    pass
else:
    raise AssertionError("expected ValueError")
""",
        "a test that cannot fail": """
try:
    assert make_alias("Café Déjà Vu") == "cafe-deja-vu"
    assert make_alias("Release notes for the holiday sale") == "release-notes-for-the-holiday"
except AssertionError:
    print("mismatch")
""",
    },
}
