"""Lab 01's tests are strong and fair: a submission that breaks one contract rule loses points, and a correct
submission built differently from the reference scores full marks.

Each submission is a copy of the reference package with one edit; all are graded, visible and hidden tests.
"""
from __future__ import annotations


import pytest

from autograder.units import find_unit
from tests.helpers import grade_variants

UNIT = find_unit("lab01")
RULES, STORE, SUGGEST, APP = "rules.py", "store.py", "suggest.py", "app.py"

# name -> (file, [(old, new), ...]): each edit must apply exactly once
BROKEN = {
    "3: look the alias up, then insert, with no UNIQUE constraint": (STORE, [
        ("    alias TEXT PRIMARY KEY,", "    alias TEXT NOT NULL,"),
        ("        created = now()\n        try:", "        created = now()\n        if self.get(alias):\n"
         "            raise AliasTaken(alias)\n        try:")]),
    "1: any scheme": (RULES, [('if parts.scheme.lower() not in ("http", "https"):', "if not parts.scheme:")]),
    "1: no length cap": (RULES, [("if len(url) > settings.max_url_length:", "if False:")]),
    "1: own host compared as typed": (RULES, [("host.rstrip(\".\").lower() == settings.public_host.lower()",
                                               "parts.netloc == settings.public_host")]),
    "2: double hyphens allowed": (RULES, [(' and "--" not in alias', "")]),
    "2: reserved names allowed": (RULES, [("\n            and alias not in RESERVED)", ")")]),
    "2: a taken alias is 400": (APP, [("return error(409,", "return error(400,")]),
    "3: a taken generated alias is not replaced": (STORE, [("GENERATED_TRIES = 5", "GENERATED_TRIES = 1")]),
    "4: 302 instead of 307": (APP, [("status_code=307", "status_code=302")]),
    "4: a click read, added to and written back": (STORE, [(
        '            row = db.execute("UPDATE links SET clicks = clicks + 1, last_clicked_at = ? WHERE alias = ? RETURNING url",\n'
        '                             (now(), alias)).fetchone()\n',
        '            row = db.execute("SELECT url, clicks FROM links WHERE alias = ?", (alias,)).fetchone()\n'
        '            if row:\n'
        '                db.execute("UPDATE links SET clicks = ?, last_clicked_at = ? WHERE alias = ?",\n'
        '                           (row["clicks"] + 1, now(), alias))\n')]),
    "4: stats count a click": (APP, [("link = store.get(alias)", "store.follow(alias)\n        link = store.get(alias)")]),
    "5: one database file per app": (APP, [("store = LinkStore(settings.database)",
                                            "store = LinkStore(f\"{settings.database}.{id(settings)}\")")]),
    "6: the url is not delimited": (SUGGEST, [('return f"Suggest aliases for this URL.\\n<url>{url}</url>"',
                                              'return f"Suggest aliases for this URL: {url}"')]),
    "6: no max_tokens": (SUGGEST, [(", max_tokens=settings.suggest_max_tokens", "")]),
    "6: block list ignored": (RULES, [("return any(word.lower()", "return False and any(word.lower()")]),
    "6: taken candidates kept": (SUGGEST, [(" and not store.taken(alias)", "")]),
    "6: no cap at five": (SUGGEST, [("return chosen[:MAX_SUGGESTIONS]", "return chosen")]),
    "6: a refused url still asks the model": (APP, [(
        "        problem = rules.url_problem(body.url, settings)\n        if problem:\n            return error(422, problem)\n"
        "        return await", "        return await")]),
    "7: no deadline": (SUGGEST, [("timeout=settings.suggest_deadline_s", "timeout=None")]),
    "7: a model error is a 500": (SUGGEST, [("except Exception as exc:", "except ValueError as exc:")]),
    "7: a random fallback": (SUGGEST, [("    digest = hashlib.sha256(url.encode()).hexdigest()\n",
                                        "    import secrets\n    digest = secrets.token_hex(32)\n")]),
    "7: the fallback may be taken": (SUGGEST, [("if not store.taken(digest[:length]):", "if True:")]),
    "7: code fences are accepted as junk-free": (SUGGEST, [("        data = json.loads(text)\n",
                                                            "        data = json.loads(text.strip('`').removeprefix('json'))\n")]),
}

CORRECT = {
    "a look-up before the insert, the UNIQUE constraint kept": (STORE, [(
        "        created = now()\n        try:",
        "        created = now()\n        if self.get(alias):\n            raise AliasTaken(alias)\n        try:")]),
    "the async client under wait_for": (SUGGEST, [("asyncio.to_thread(llm.chat, user_message(url)", "llm.achat(user_message(url)")]),
    "a regex without a hyphen rule": (RULES, [('ALIAS.fullmatch(alias) is not None and "--" not in alias',
                                               'ALIAS.fullmatch(alias) is not None and re.search("--", alias) is None')]),
    "a twelve-digit fallback": (SUGGEST, [("range(8, len(digest) + 1)", "range(12, len(digest) + 1)")]),
}



@pytest.mark.timeout(900)
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(tmp_path):
    # each variant's grading serves an app and races it, so CI takes an eighth of the broken ones a day (and one correct)
    grade_variants(UNIT, BROKEN, CORRECT, tmp_path, broken_share=8, correct_share=4)
