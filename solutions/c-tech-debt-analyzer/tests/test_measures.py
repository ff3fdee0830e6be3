"""The project's own tests: measures on tiny samples whose values are counted by hand. Run: python -m pytest tests"""
import textwrap

import debt_radar


def measured(source: str) -> dict:
    return {f.name: f for f in debt_radar.measure_functions(textwrap.dedent(source), "x.py")}


def test_a_straight_function_has_complexity_one():
    assert measured("def f(a):\n    return a\n")["f"].complexity == 1


### BEGIN STARTER
# # TODO: your own tests of each measure, on tiny samples whose values you count by hand.
### END STARTER
### BEGIN SOLUTION
def test_each_decision_adds_one():
    found = measured('''
        def f(xs):
            for x in xs:
                if x and x > 1:
                    return [y for y in xs if y]
            return None
    ''')["f"]
    assert found.complexity == 1 + 1 + 1 + 1 + 2  # for, if, and, comprehension for + its if


def test_a_method_does_not_count_self():
    assert measured("class C:\n    def m(self, a, *b, c, **d):\n        pass\n")["C.m"].params == 4


def test_markers_are_only_comments():
    found = debt_radar.todo_markers('x = "TODO"  # FIXME now\n', "x.py")
    assert [(m.line, m.tag) for m in found] == [(1, "FIXME")]


def test_fan_in_raises_priority():
    files = {"a.py": "def core(x, y, z, w, v, u):\n    return x\n\ncore(1, 2, 3, 4, 5, 6)\ncore(1, 2, 3, 4, 5, 6)\n"}
    (finding,) = debt_radar.scan(files)
    assert finding.kind == "long-parameter-list" and finding.priority == 6 / 5 * 3
### END SOLUTION
