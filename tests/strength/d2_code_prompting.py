"""d2-code-prompting: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CHECKING = "checking.py"

BROKEN = {
    "extract_code: a block in another language is taken": (CHECKING, [(
        '        if match.group(2).lower() in ("python", "py", ""):', "        if True:")]),
    "new_side_lines: removed lines advance the new file's numbering": (CHECKING, [(
        '''        elif line.startswith("-"):
            continue''', '''        elif line.startswith("-"):
            number += 1''')]),
    "run_tests: a file with no tests has passed": (CHECKING, [(
        '{"passed": done.returncode == 0,', '{"passed": done.returncode in (0, 5),')]),
    "judge_tests: good without failing on the bug": (CHECKING, [(
        '"good": passes and fails}', '"good": passes}')]),
    "debug: a fix that does not compile is run anyway": (CHECKING, [(
        '''    except SyntaxError:
        return {"explanation": explanation, "fix": fix, "compiles": False, "fixed": False}''',
        '''    except SyntaxError:
        pass''')]),
}

CORRECT = {
    "extract_code: the fences found line by line": (CHECKING, [(
        '''    fence = re.compile(r"^[ \\t]*(`{3,})[ \\t]*([\\w+-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$", re.MULTILINE | re.DOTALL)
    for match in fence.finditer(text):
        if match.group(2).lower() in ("python", "py", ""):
            return match.group(3)
    return None''', '''    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        opening = re.match(r"[ \\t]*(`{3,})[ \\t]*([\\w+-]*)", lines[i])
        if opening:
            fence, label = opening.group(1), opening.group(2).lower()
            for j in range(i + 1, len(lines)):
                if lines[j].strip() == fence:
                    if label in ("python", "py", ""):
                        return "".join(lines[i + 1:j])
                    i = j
                    break
            else:
                return None
        i += 1
    return None''')]),
}
