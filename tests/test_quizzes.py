"""The days' quizzes (days/<day>/quiz.yaml): each parses against the schema, has 5-10 questions with exactly one
right option, checks units of its own day, is rendered whole on its site page, and `course quiz DAY` scores it."""
from __future__ import annotations

import io
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from autograder import cli
from autograder.quiz import (LETTERS, MAX_QUESTIONS, MIN_QUESTIONS, PAGE_NAME, ROOT, Quiz, QuizError, ask_quiz,
                             day_page, load_quiz, quiz_files)
from autograder.units import find_unit

DAYS = sorted(p.parent for p in (ROOT / "days").glob("day*/index.md"))
QUIZZES = {folder.name: load_quiz(folder / "quiz.yaml") for folder in DAYS}
EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.superfences", "attr_list", "md_in_html", "tables"]


def test_every_day_has_a_quiz():
    assert DAYS and [f.parent for f in quiz_files()] == DAYS


@pytest.mark.parametrize("day", QUIZZES)
def test_quiz_fits_the_day(day):
    quiz = QUIZZES[day]
    assert f"day{quiz.day}-" in day + "-" or day.startswith(f"day{quiz.day}-")
    assert MIN_QUESTIONS <= len(quiz.questions) <= MAX_QUESTIONS
    for question in quiz.questions:
        assert sum(option.correct for option in question.options) == 1, question.question
        unit = find_unit(question.unit)  # LookupError names the unknown unit
        assert unit.metadata.day == quiz.day, f"{question.unit} is taught on day {unit.metadata.day}, not {quiz.day}"
        assert len({o.text for o in question.options}) == len(question.options), question.question


def quiz_data(**changes) -> dict:
    option = {"text": "wrong", "explanation": "because"}
    question = {"unit": "d1-tokens", "question": "Q?", "options": [
        {**option, "text": "right", "correct": True}, option | {"text": "w1"}, option | {"text": "w2"}]}
    questions = [question | {"question": f"Q{i}?"} for i in range(5)]
    return {"day": 1, "title": "t", "questions": questions} | changes


@pytest.mark.parametrize("broken", [
    lambda d: d["questions"][0]["options"][1].update(correct=True),       # two right options
    lambda d: d["questions"][0]["options"][0].update(correct=False),      # none
    lambda d: d["questions"].pop(),                                        # four questions
    lambda d: d["questions"].extend(dict(d["questions"][0], question=f"X{i}?") for i in range(6)),  # eleven
    lambda d: d["questions"][0]["options"][2].pop("explanation"),          # an option without its explanation
    lambda d: d["questions"][0].update(answer="a"),                        # an unknown key (a typo)
    lambda d: d["questions"][1].update(question="Q0?"),                    # a question asked twice
], ids=["two-right", "none-right", "four", "eleven", "no-explanation", "unknown-key", "repeated"])
def test_schema_refuses(broken, tmp_path):
    Quiz.model_validate(quiz_data())  # the unbroken data is valid
    data = quiz_data()
    broken(data)
    path = tmp_path / "quiz.yaml"
    import yaml
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(QuizError, match=str(path)):
        load_quiz(path)


def text_of(markup: str) -> str:
    html = markdown.markdown(markup, extensions=EXTENSIONS)
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("day", QUIZZES)
def test_page_holds_every_question_with_answers_hidden(day):
    quiz, folder = QUIZZES[day], ROOT / "days" / day
    html = markdown.markdown(day_page(folder), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    answers = soup.find_all("details", class_="question")
    assert len(answers) == len(quiz.questions)
    for question, box, heading in zip(quiz.questions, answers, soup.find_all("h2")):
        shown = " ".join(heading.find_next("p").get_text(" ").split())
        assert shown == text_of(question.question)
        items = [" ".join(li.get_text(" ").split()) for li in heading.find_next("ul").find_all("li")]
        assert items == [f"{LETTERS[i]}. {text_of(o.text)}" for i, o in enumerate(question.shown)]
        assert box.find("summary").get_text().strip() == "Answer"  # the title gives nothing away
        hidden = " ".join(box.get_text(" ").split())
        assert f"{LETTERS[question.answer]}. Right." in hidden
        for option in question.options:
            assert text_of(option.explanation) in hidden
        link = box.find("a")["href"]
        assert (folder / link).resolve() == find_unit(question.unit).path / "README.md"


def test_quiz_pages_are_in_the_nav():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for folder in DAYS:
        assert f"days/{folder.name}/{PAGE_NAME}" in nav


def scripted(quiz: Quiz, right: set[int]) -> list[str]:
    """Answers to every question: the right letter for the questions in `right`, a wrong one for the others."""
    return [LETTERS[q.answer] if i in right else LETTERS[(q.answer + 1) % len(q.options)]
            for i, q in enumerate(quiz.questions)]


def test_ask_quiz_scores_scripted_answers():
    quiz = QUIZZES[DAYS[0].name]
    answers = iter(["", "zz", "?"] + [a.upper() for a in scripted(quiz, {0, 2, 3})])  # nonsense is asked again
    said = []
    assert ask_quiz(quiz, lambda prompt: next(answers), said.append) == (3, len(quiz.questions))
    assert said[-1].strip() == f"Score: 3 of {len(quiz.questions)}."
    wrong = quiz.questions[1]
    assert any(f"The answer is {LETTERS[wrong.answer]}" in line for line in said)


def test_course_quiz_command(monkeypatch, capsys):
    quiz = QUIZZES[DAYS[2].name]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(scripted(quiz, set(range(len(quiz.questions))))) + "\n"))
    assert cli.main(["quiz", str(quiz.day)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(quiz.title)
    assert f"Score: {len(quiz.questions)} of {len(quiz.questions)}." in out
    assert len(re.findall(r"\(a-d\): Right\.", out)) == len(quiz.questions)  # after each prompt


def test_course_quiz_stops_at_end_of_input(monkeypatch, capsys):
    quiz = QUIZZES[DAYS[3].name]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(scripted(quiz, {1})[:2]) + "\n"))
    assert cli.main(["quiz", DAYS[3].name]) == 0
    assert "Stopped: 1 of 2 right." in capsys.readouterr().out


def test_course_quiz_unknown_day(capsys):
    assert cli.main(["quiz", "9"]) == 2
    assert "no quiz for day '9'" in capsys.readouterr().err


def test_each_days_quiz_notebook_is_made_from_its_yaml():
    """days/<day>/notebooks/quiz.ipynb is what `python -m autograder.quiz` writes from the day's quiz.yaml."""
    import nbformat

    from autograder.quiz import notebook, notebook_path

    for path in quiz_files():
        committed = nbformat.read(notebook_path(path.parent), as_version=4)
        made = notebook(load_quiz(path), path.parent)
        assert [(c.cell_type, c.source) for c in committed.cells] == [(c.cell_type, c.source) for c in made.cells], \
            f"{notebook_path(path.parent)} is out of date: run `python -m autograder.quiz`"


def test_the_notebooks_check_says_right_wrong_or_which_letters(capsys):
    from autograder.quiz import check

    quiz = load_quiz(quiz_files()[0])
    question = quiz.questions[0]
    right = "abcdefgh"[question.answer]
    wrong = next(letter for letter in "abcd"[:len(question.options)] if letter != right)
    assert check(quiz.day, 1, right).startswith("Right.")
    assert check(quiz.day, 1, wrong.upper()).startswith("Not quite.")
    assert "Put one letter" in check(quiz.day, 1, "")
    assert "Right." in capsys.readouterr().out
