"""Small builders shared by the course's own tests."""
from pathlib import Path

import pytest

from agentkit import Client, Reply, Usage, replay
from autograder.fake_provider import FakeProvider


def write_cassette(path: Path, question: str, answer: str, provider: str = "anthropic") -> Path:
    """A real vcrpy cassette holding one exchange, recorded against the local fake provider."""
    def reply(view, call_id):
        return Reply(text=answer, usage=Usage(input_tokens=9, output_tokens=2))

    with FakeProvider(replies=reply) as server, pytest.MonkeyPatch.context() as env:
        env.setenv("COURSE_LLM_MODE", "record")
        env.setenv("ANTHROPIC_BASE_URL", server.url)
        env.setenv("OPENAI_BASE_URL", server.url + "/v1")
        with replay.cassette(path, record=True, provenance={"kind": "authored", "note": "test helper"}):
            Client(provider, api_key="test-key").chat(question)
    return path


def daily_sample(variants: dict, share: int) -> dict:
    """The variants this run grades. COURSE_STRENGTH=all: every one. By default one in `share` of them, a different
    one each day (COURSE_STRENGTH_DAY=N reproduces day N), so that CI stays short and still meets every variant
    every `share` days."""
    import os
    from datetime import date

    if os.environ.get("COURSE_STRENGTH") == "all" or len(variants) < share:
        return variants
    day = int(os.environ.get("COURSE_STRENGTH_DAY") or date.today().toordinal())
    return {name: variants[name] for n, name in enumerate(sorted(variants)) if n % share == day % share}


def todays_params(names: list[str], share: int, what: str) -> list:
    """pytest params for `names`, one in `share` of them run today (a different share each day, as daily_sample
    chooses; COURSE_STRENGTH=all runs every one), the others skipped with the reason."""
    import pytest

    chosen = daily_sample(dict.fromkeys(names), share)
    reason = f"{what} one in {share} of these a day in CI; COURSE_STRENGTH=all runs all"
    return [pytest.param(name, marks=() if name in chosen else pytest.mark.skip(reason=reason)) for name in names]


def grade_variants(unit, broken: dict, correct: dict, folder: Path, *, broken_share: int = 5,
                   correct_share: int = 2) -> None:
    """Strength of a unit's tests: each variant is a copy of the unit's reference folder with one set of edits,
    `{name: (file, [(old, new), ...])}`, graded with the visible and hidden tests. Every broken variant must lose
    points and every correct one must score full marks. One in `correct_share` of the correct variants and one in
    `broken_share` of the broken ones are graded on a run, a different share each day (daily_sample)."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from autograder.batch import MOST_PER_SESSION
    from autograder.check import describe
    from autograder.grading import grade_many

    def build(target: Path, file: str, edits: list[tuple[str, str]]) -> Path:
        # the whole reference folder but its hidden tests: a capstone's README and own tests are graded too
        shutil.copytree(unit.solution, target, ignore=shutil.ignore_patterns("__pycache__", "hidden_tests", "*.ipynb"))
        path = target / unit.package / file
        if not path.exists():  # a given module: the variant's own copy wins over the given one (agentkit.given)
            shutil.copy(unit.path / "given" / unit.package / file, path)
        text = path.read_text()
        for old, new in edits:
            assert text.count(old) == 1, f"{target.name}: the edit no longer applies to {file}: {old!r}"
            text = text.replace(old, new)
        path.write_text(text)
        return target

    def score(chunk: list[str]) -> list[dict]:  # several variants per pytest session, as `course grade` does
        return grade_many(unit, [str(folders[name]) for name in chunk], hidden=True)

    broken = daily_sample(broken, broken_share)
    correct = daily_sample(correct, correct_share)
    import os
    from datetime import date
    day = os.environ.get("COURSE_STRENGTH_DAY") or date.today().toordinal()
    print(f"{unit.name}: grading {len(broken)} broken and {len(correct)} correct variants "
          f"(COURSE_STRENGTH={os.environ.get('COURSE_STRENGTH', 'sample')}, COURSE_STRENGTH_DAY={day})")
    variants = {**broken, **correct}
    folders = {name: build(folder / str(n), file, edits) for n, (name, (file, edits)) in enumerate(variants.items())}
    names = list(folders)
    chunks = [names[i:i + MOST_PER_SESSION] for i in range(0, len(names), MOST_PER_SESSION)]
    scores = {}
    full = describe(unit)["points"]["total"]  # counted from the tests' source, not from what a variant reported
    with ThreadPoolExecutor(max_workers=2) as pool:
        for chunk, graded in zip(chunks, pool.map(score, chunks)):
            for name, results in zip(chunk, graded):
                assert results["tests"], f"{name}: {results['output'][-2000:]}"
                scores[name] = (results["score"], [t["name"] for t in results["tests"] if t["status"] != "passed"])
    survivors = {name: scores[name][0] for name in broken if scores[name][0] >= full}
    unfair = {name: scores[name] for name in correct if scores[name][0] != full}
    report = "\n".join(f"  {scores[name][0]:5.1f}  {name}" for name in variants)
    print(report)
    assert not survivors, f"these broken submissions still score full marks: {survivors}\n{report}"
    assert not unfair, f"these correct submissions lose points (score, failed tests): {unfair}\n{report}"
