"""The README's editor recipes (Vim, Emacs, VS Code) parse real concise output with their exact patterns.

The patterns are read out of README.md, so a change there that breaks them fails here. Vim's and
Emacs's patterns are translated to Python's re by the rules of those editors (for the constructs
the recipes use; anything else is refused), and Vim itself runs the Vim recipe when it is installed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cli import main

from .conftest import FIXTURES, fixture_path

README = Path(__file__).resolve().parent.parent / "README.md"
VIM_TYPES = {"e": "error", "w": "warning", "i": "info"}


def blocks(language: str, containing: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = [body for lang, body in re.findall(r"```(\w*)\n(.*?)```", text, re.S)
             if lang == language and containing in body]
    assert len(found) >= 2, f"a {language} recipe in each half of the README"
    return found


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """Real concise output (seeds, a report with only an info, an unreadable file) and the findings as JSON."""
    bad = tmp_path_factory.mktemp("bad") / "坏 文件.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")
    paths = [str(p) for p in sorted((FIXTURES / "seeds").glob("*.txt"))] + [str(fixture_path("real/web-044")), str(bad)]
    lines = _run(["--format", "concise", *paths]).splitlines()
    data = json.loads(_run(["--format", "json", *paths]))
    expected = [(entry["path"], 1, 1, "error", "GX000", entry["error"]) if "error" in entry else None
                for entry in data["files"]]
    wanted = []
    for entry, unreadable in zip(data["files"], expected):
        if unreadable:
            wanted.append(unreadable)
        wanted.extend((entry["path"], f["line"], f["column"], f["severity"], f["rule"], " ".join(f["message"].split()))
                      for f in entry["findings"])
    assert len(lines) == len(wanted) > 15
    assert {w[3] for w in wanted} == {"error", "warning", "info"}
    return lines, wanted


def _run(args):
    from io import StringIO
    from contextlib import redirect_stdout
    out = StringIO()
    with redirect_stdout(out):
        main(args)
    return out.getvalue()


# --- Vim ------------------------------------------------------------------------------------------------

def set_value(block: str, option: str) -> str:
    (line,) = [line for line in block.splitlines() if re.match(rf"\s*(setlocal|set)\s+{option}=", line)]
    raw = line.split("=", 1)[1].rstrip()
    return re.sub(r"\\(.)", r"\1", raw)          # :set escapes: "\ " is a space, "\\" a backslash


def vim_efm_to_python(efm: str) -> re.Pattern:
    """One 'errorformat' entry as Vim builds its regular expression (src/quickfix.c, efm_to_regpat)."""
    assert "," not in efm, "one format only"
    out, index = ["^"], 0
    while index < len(efm):
        char = efm[index]
        if char != "%":
            out.append(re.escape(char))
            index += 1
            continue
        code = efm[index + 1]
        if code == "f":   # followed by a plain character: the shortest run of one or more characters
            following = efm[index + 2:index + 3]
            out.append("(?P<f>.+?)" if following and following not in "\\%" else "(?P<f>.+)")
        elif code in "lc":
            out.append(f"(?P<{code}>\\d+)")
        elif code == "t":
            out.append("(?P<t>.)")
        elif code == "m":
            out.append("(?P<m>.+)")
        elif code == "*" and efm[index + 2] == "[":
            end = efm.index("]", index + 3)
            out.append(efm[index + 2:end + 1] + "+")
            index = end + 1
            continue
        elif code == "%":
            out.append("%")
        else:
            raise AssertionError(f"the test does not know %{code}")
        index += 2
    return re.compile("".join(out) + "$")


def test_vim_errorformat_parses_real_output(output):
    lines, wanted = output
    for block in blocks("vim", "errorformat"):
        assert "--format\\ concise" in block.split("makeprg=", 1)[1].splitlines()[0]
        pattern = vim_efm_to_python(set_value(block, "errorformat"))
        for line, (path, number, column, severity, rule, message) in zip(lines, wanted):
            match = pattern.match(line)
            assert match, line
            assert (match["f"], int(match["l"]), int(match["c"]), VIM_TYPES[match["t"]], match["m"]) == \
                (path, number, column, severity, f"{rule} {message}")


@pytest.mark.skipif(shutil.which("vim") is None, reason="Vim is not installed")
def test_vim_lands_on_the_character_gxlint_names(tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(fixture_path("seeds/003"), report)           # Markdown rows: Chinese before the cells
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "gxlint"
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} -m linter \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    recipe = tmp_path / "recipe.vim"
    recipe.write_text(blocks("vim", "errorformat")[0], encoding="utf-8")
    result_file = tmp_path / "positions.json"
    report_positions = ("call writefile([json_encode(map(getqflist(), "
                        "{_, e -> [e.lnum, charidx(getbufline(e.bufnr, e.lnum)[0], e.col - 1) + 1, e.type]}))], "
                        f"'{result_file}')")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run(["vim", "-Es", "-u", "NONE", "-N", "-i", "NONE", "-c", "set encoding=utf-8",
                    "-c", "edit report.txt", "-c", f"source {recipe}", "-c", "silent make",
                    "-c", report_positions, "-c", "qa!"],
                   cwd=tmp_path, env=env, timeout=120, capture_output=True, stdin=subprocess.DEVNULL)
    positions = json.loads(result_file.read_text(encoding="utf-8"))
    data = json.loads(_run(["--format", "json", str(report)]))
    wanted = [[f["line"], f["column"], f["severity"][0]] for f in data["files"][0]["findings"]]
    assert positions == wanted
    line = report.read_text(encoding="utf-8").split("\n")[53]
    assert any(column > 1 and not line[:column - 1].isascii() for _, column, _ in positions), \
        "at least one finding has Chinese before it on its line, where bytes and characters differ"


# --- Emacs ------------------------------------------------------------------------------------------------

def elisp_entry(block: str):
    """The (gxlint REGEXP FILE LINE COLUMN TYPE) entry: the regexp as Emacs reads the string, and the numbers."""
    start = block.index("'(gxlint \"") + len("'(gxlint \"")
    chars, index = [], start
    while block[index] != '"':
        if block[index] == "\\":
            following = block[index + 1]
            chars.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"'}[following])
            index += 2
        else:
            chars.append(block[index])
            index += 1
    rest = re.match(r'"\s+(\d+)\s+(\d+)\s+(\d+)\s+\((\d+)\s+\.\s+(\d+)\)\)', block[index:])
    assert rest, "FILE LINE COLUMN (WARNING . INFO) after the regexp"
    return "".join(chars), [int(number) for number in rest.groups()]


def emacs_regexp_to_python(regexp: str) -> re.Pattern:
    out, index = [], 0
    while index < len(regexp):
        char = regexp[index]
        if char == "\\":
            pair = regexp[index:index + 2]
            if regexp.startswith("\\(?:", index):
                out.append("(?:")
                index += 4
                continue
            out.append({"\\(": "(", "\\)": ")", "\\|": "|"}[pair])
            index += 2
        elif char == "[":
            end = regexp.index("]", index + 2)
            out.append(regexp[index:end + 1])
            index = end + 1
        elif char in "(){}|":
            out.append("\\" + char)
            index += 1
        else:
            out.append(char)
            index += 1
    return re.compile("".join(out))


def test_emacs_regexp_parses_real_output(output):
    lines, wanted = output
    for block in blocks("elisp", "compilation-error-regexp-alist"):
        assert "(setq compilation-error-screen-columns nil)" in block
        assert "(add-to-list 'compilation-error-regexp-alist 'gxlint)" in block
        regexp, (file, line_group, column, warning, info) = elisp_entry(block)
        pattern = emacs_regexp_to_python(regexp)
        for line, (path, number, col, severity, _, _) in zip(lines, wanted):
            match = pattern.match(line)
            assert match, line
            kind = "warning" if match.group(warning) else "info" if match.group(info) else "error"
            assert (match.group(file), int(match.group(line_group)), int(match.group(column)), kind) == \
                (path, number, col, severity)


# --- VS Code -----------------------------------------------------------------------------------------------

def test_vscode_problem_matcher_parses_real_output(output):
    lines, wanted = output
    for block in blocks("json", "problemMatcher"):
        (task,) = json.loads(block)["tasks"]
        assert "--format concise" in task["command"] and "${file}" in task["command"]
        matcher = task["problemMatcher"]
        assert matcher["fileLocation"] == "absolute"
        spec = matcher["pattern"]
        pattern = re.compile(spec["regexp"])            # the JavaScript syntax used is also Python's
        for line, (path, number, column, severity, rule, message) in zip(lines, wanted):
            match = pattern.match(line)
            assert match, line
            assert (match.group(spec["file"]), int(match.group(spec["line"])), int(match.group(spec["column"])),
                    match.group(spec["severity"]), match.group(spec["code"]), match.group(spec["message"])) == \
                (path, number, column, severity, rule, message)
