"""Every day fits its day: its core units' minutes in class (from unit.toml) add up to the time boxes in
days/schedule.toml, the pages that show those time boxes agree with them, and every unit says where it sits."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import tomllib
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.units import ROOT, UnitError, all_units, load_unit

SCHEDULE = tomllib.loads((ROOT / "days" / "schedule.toml").read_text())
DAYS = {day["number"]: day for day in SCHEDULE["day"]}
UNITS = {unit.name: unit for unit in all_units()}
TEACHING_MINUTES = 390  # 09:00-17:00 less a lunch hour and two fifteen-minute breaks
ROW = re.compile(r"^\|(.*)\|\s*$")


def minutes(time_box: str) -> int:
    start, end = (int(t[:2]) * 60 + int(t[3:]) for t in time_box.split("-"))
    return end - start


def teaching(day: dict) -> list[dict]:
    return [s for s in day["session"] if s.get("kind", "session") not in ("break", "lunch")]


def core_units(number: int) -> list[str]:
    return [n for n, u in UNITS.items() if u.metadata and u.metadata.level == "core" and u.metadata.day == number]


def days_with_units() -> list[int]:
    return sorted({u.metadata.day for u in UNITS.values() if u.metadata})


def table_rows(text: str) -> list[list[str]]:
    """The cells of every Markdown table row in `text`, header and separator rows left out."""
    rows = [[c.strip() for c in m.group(1).split("|")] for m in map(ROW.match, text.splitlines()) if m]
    return [r for r in rows if not set("".join(r)) <= set("-: ") and r[0] not in ("Time", "level", "pattern")]


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading that starts with `heading`, up to the next heading of its level."""
    match = re.search(rf"^(#+) {re.escape(heading)}.*$", text, re.MULTILINE)
    assert match, f"no heading {heading!r}"
    end = re.compile(rf"^#{{1,{len(match.group(1))}}} ", re.MULTILINE).search(text, match.end())
    return text[match.end():end.start() if end else len(text)]


def day_page(number: int) -> Path:
    pages = sorted((ROOT / "days").glob(f"day{number}-*/index.md"))
    assert len(pages) == 1, f"expected one days/day{number}-*/index.md, found {pages}"
    return pages[0]


def test_every_unit_says_where_it_sits_in_the_week():
    missing = [u.name for u in UNITS.values() if u.metadata is None]
    assert not missing, f"unit.toml gives no day, level or minutes for: {missing}"
    unscheduled = {u.name: u.metadata.day for u in UNITS.values() if u.metadata.day not in DAYS}
    assert not unscheduled, f"units on days the schedule does not have: {unscheduled}"


@pytest.mark.parametrize("problem, toml, expected", [
    ("bad level", 'level = "essential"\nminutes_in_class = 5\nminutes_self_study = 5', "level must be one of"),
    ("no minutes", 'level = "core"', "missing minutes_in_class, minutes_self_study"),
    ("text minutes", 'level = "core"\nminutes_in_class = "10"\nminutes_self_study = 5', "minutes_in_class"),
    ("bad prerequisites", 'level = "core"\nminutes_in_class = 5\nminutes_self_study = 5\nprerequisites = "x"',
     "prerequisites"),
])
def test_bad_metadata_is_an_error_that_names_the_file(tmp_path, problem, toml, expected):
    (tmp_path / "unit.toml").write_text(f'name = "u"\npackage = "u"\nday = 5\n{toml}\n')
    with pytest.raises(UnitError, match=re.escape(expected)) as raised:
        load_unit(tmp_path)
    assert str(tmp_path / "unit.toml") in str(raised.value)


def test_prerequisites_are_units_a_core_unit_can_rely_on():
    order = {}  # unit name -> (day, position in the day's sessions)
    for number, day in DAYS.items():
        for position, session in enumerate(day["session"]):
            for rank, name in enumerate(session.get("units", [])):
                order.setdefault(name, (number, position, rank))  # a split unit starts in its first session
    for unit in UNITS.values():
        for name in unit.metadata.prerequisites:
            assert name in UNITS, f"{unit.name}: prerequisite {name!r} is not a unit"
            if unit.metadata.level != "core":
                continue
            before = UNITS[name].metadata
            assert before.level == "core", f"core unit {unit.name} needs {name}, which is {before.level}"
            assert order[name] < order[unit.name], f"{unit.name} is taught before its prerequisite {name}"


@pytest.mark.parametrize("number", sorted(DAYS))
def test_time_boxes_fill_the_day(number):
    sessions = DAYS[number]["session"]
    boxes = [s["time"] for s in sessions]
    assert boxes[0].startswith("09:00") and boxes[-1].endswith("17:00"), boxes
    gaps = [(a, b) for a, b in zip(boxes, boxes[1:]) if a.split("-")[1] != b.split("-")[0]]
    assert not gaps, f"day {number}: time boxes that do not meet: {gaps}"
    assert all(minutes(b) > 0 for b in boxes), boxes
    kinds = Counter(s.get("kind", "session") for s in sessions)
    assert kinds["lunch"] == 1 and kinds["break"] == 2, f"day {number}: {dict(kinds)}"
    assert sum(minutes(s["time"]) for s in teaching(DAYS[number])) == TEACHING_MINUTES


@pytest.mark.parametrize("number", sorted(DAYS))
def test_core_units_fit_the_time_boxes(number):
    """Each session holding units is exactly its units' minutes in class plus its named other parts; each
    core unit of the day is in one session of it, or split over several with its `share` of minutes in each
    (a lab in two parts around a break); only core units of that day are scheduled."""
    planned: Counter = Counter()
    for session in DAYS[number]["session"]:
        names, share = session.get("units", []), session.get("share", {})
        assert set(share) <= set(names), f"day {number}, {session['time']}: a share for a unit not in the session"
        for name in names:
            assert name in UNITS, f"day {number}, {session['time']}: no unit {name!r}"
            meta = UNITS[name].metadata
            assert (meta.level, meta.day) == ("core", number), \
                f"{name} is scheduled on day {number} but is {meta.level} on day {meta.day}"
            planned[name] += share.get(name, meta.minutes_in_class)
        if not names:
            assert "other" not in session, f"day {number}, {session['time']}: other parts without units"
            continue
        used = sum(share.get(n, UNITS[n].metadata.minutes_in_class) for n in names) + sum(session.get("other", {}).values())
        parts = ", ".join(f"{n} {share.get(n, UNITS[n].metadata.minutes_in_class)}" for n in names)
        assert used == minutes(session["time"]), (
            f"day {number}, {session['time']} ({minutes(session['time'])} min) plans {used} min: {parts}, "
            f"other {session.get('other', {})}")
    assert sorted(planned) == sorted(core_units(number)), (
        f"day {number}: core units not scheduled: {sorted(set(core_units(number)) - set(planned))}")
    wrong = {n: (m, UNITS[n].metadata.minutes_in_class) for n, m in planned.items()
             if m != UNITS[n].metadata.minutes_in_class}
    assert not wrong, f"day {number}: units planned for other minutes than their unit.toml's (planned, unit.toml): {wrong}"
    core_minutes = sum(UNITS[n].metadata.minutes_in_class for n in planned)
    assert core_minutes <= TEACHING_MINUTES, f"day {number}: {core_minutes} min of core units in a 390-min day"


def capstone_units() -> list[str]:
    return sorted(n for n, u in UNITS.items() if u.metadata and u.metadata.level == "capstone")


@pytest.mark.parametrize("name", capstone_units())
def test_a_capstone_is_built_in_its_days_capstone_sessions(name):
    """A capstone option is no core unit: no time box plans it, and its minutes in class are the hands-on
    capstone session of its day (the briefing and the demos are the whole group's, whichever option)."""
    meta = UNITS[name].metadata
    sessions = [s for s in DAYS[meta.day]["session"] if s.get("kind") == "capstone"]
    assert sessions, f"{name} is a capstone on day {meta.day}, which has no capstone sessions"
    assert not [s["time"] for s in DAYS[meta.day]["session"] if name in s.get("units", [])], \
        f"{name} is planned in a time box; a capstone's class time is its day's capstone sessions"
    building = sum(minutes(s["time"]) for s in sessions if s.get("hands_on"))
    assert meta.minutes_in_class == building, \
        f"{name}: minutes_in_class {meta.minutes_in_class}, but day {meta.day} gives capstones {building} min of building"
    assert meta.minutes_self_study >= 120, f"{name}: a capstone is scoped for three hours or more"


def has_exercise(path: Path) -> bool:
    """A solution cell with a marked solution region, then a read-only cell that checks it with asserts."""
    cells = json.loads(path.read_text())["cells"]
    meta = [c.get("metadata", {}).get("nbgrader", {}) for c in cells]
    return any(m.get("solution") and "### BEGIN SOLUTION" in "".join(c["source"])
               and any(n.get("locked") and "assert" in "".join(d["source"]) for n, d in zip(meta[i:], cells[i:]))
               for i, (m, c) in enumerate(zip(meta, cells)))


@pytest.mark.parametrize("number", days_with_units())
def test_the_morning_is_hands_on(number):
    morning = [s for s in teaching(DAYS[number]) if s["time"] < "12:30"]
    hands_on = [s for s in morning if s.get("hands_on")]
    assert hands_on, f"day {number}: no morning session has students writing code"
    notebooks = [ROOT / n for s in hands_on for n in s.get("notebooks", [])]
    assert notebooks, f"day {number}: name the notebooks whose exercises the hands-on morning uses"
    without = [n.name for n in notebooks if not has_exercise(n)]
    assert not without, f"notebooks with no exercise (solution cell and a locked check cell): {without}"


@pytest.mark.parametrize("number", sorted(DAYS))
def test_schedule_page_shows_the_time_boxes(number):
    day = DAYS[number]
    text = (ROOT / "site" / "schedule.md").read_text()
    rows = table_rows(section(text, f"Day {number}: {day['title']}"))
    assert [r[:2] for r in rows] == [[s["time"], s["title"]] for s in day["session"]], \
        "site/schedule.md and days/schedule.toml disagree"
    for row in rows:
        if len(row) > 2 and row[2]:
            assert row[2] == f"{minutes(row[0])} min", row


@pytest.mark.parametrize("number", days_with_units())
def test_day_page_shows_the_time_boxes(number):
    rows = table_rows(section(day_page(number).read_text(), "Sessions"))
    assert [r[0] for r in rows] == [s["time"] for s in DAYS[number]["session"]]
    assert all(r[2] == (f"{minutes(r[0])} min" if "Break" != r[1] != "Lunch" else "") for r in rows), rows


@pytest.mark.parametrize("number", days_with_units())
def test_day_page_gives_each_unit_its_level_and_minutes(number):
    text = day_page(number).read_text()
    listed = {}
    for row in table_rows(text):
        found = re.search(r"`course check ([\w-]+)`", row[-1])
        if found:
            listed[found.group(1)] = row[2:5]
    patterns = {n: u.metadata for n, u in UNITS.items() if u.metadata.day == number and
                u.path.is_relative_to(ROOT / "days")}
    wanted = {n: [m.level, f"{m.minutes_in_class} min", f"{m.minutes_self_study} min"] for n, m in patterns.items()}
    assert listed == wanted, f"{day_page(number).relative_to(ROOT)} disagrees with the units' unit.toml"
    for level, _, in_class, self_study in table_rows(section(text, "Pattern units"))[:3]:
        units = [u.metadata for u in UNITS.values() if u.metadata.day == number and u.metadata.level == level]
        total = [sum(m.minutes_in_class for m in units), sum(m.minutes_self_study for m in units)]
        assert [in_class, self_study] == [f"{t // 60} h {t % 60:02d} min" for t in total], (level, total)


def test_instructor_guide_timings_add_up_to_the_sessions():
    rows = table_rows(section((ROOT / "site" / "instructor-guide.md").read_text(), "Day 5 in minutes"))
    by_time: dict[str, list[tuple[str, int]]] = {}
    time = None
    for row in rows:
        time = row[0] or time
        by_time.setdefault(time, []).append((row[1], int(row[2])))
    sessions = {s["time"]: s for s in teaching(DAYS[5])}
    assert list(by_time) == list(sessions), "the guide's Day 5 table and days/schedule.toml name other sessions"
    for time, parts in by_time.items():
        assert sum(m for _, m in parts) == minutes(time), f"{time}: {parts}"
        units = []
        for text, planned in parts:
            name = re.match(r"`([\w-]+)`", text)
            if name and name.group(1) in UNITS:
                units.append(name.group(1))
                assert planned == UNITS[name.group(1)].metadata.minutes_in_class, text
            elif sessions[time].get("units"):
                assert sessions[time].get("other", {}).get(text) == planned, \
                    f"{time}: {text!r} ({planned} min) is neither a unit nor one of the session's other parts"
        assert units == sessions[time].get("units", []), f"{time}: the guide lists {units}"


def test_each_lesson_page_opens_with_its_place_in_the_week():
    """The site's hook puts the unit.toml figures at the top of every unit's lesson page."""
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (run `make setup`)")
    spec = importlib.util.spec_from_file_location("pull_units", ROOT / "site" / "hooks" / "pull_units.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for unit in UNITS.values():
        note, meta = hook.placement_note(unit.path / "README.md"), unit.metadata
        assert note.startswith(f'!!! info "{meta.level.capitalize()}, Day {meta.day}: '), note
        assert f"{meta.minutes_self_study} min of self-study" in note and f"course check {unit.name}" in note, note
        for name in meta.prerequisites:
            assert f"{os.path.relpath(UNITS[name].path, unit.path)}/README.md" in note, (name, note)
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(next(iter(UNITS.values())).path / "README.md")))
    opened = hook.on_page_markdown("# Title\n\nBody\n", page, None, None)
    assert opened.startswith("# Title\n\n!!! info ") and opened.endswith("\nBody\n"), opened
