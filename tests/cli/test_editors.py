"""The editor recipes of docs/editors.md and docs/editors.en.md parse real concise output and run gxlint
on a file whose name holds spaces and Chinese characters.

The recipes are read out of the documents, so a change there that breaks them fails here. Vim's and
Emacs's patterns are translated to Python's re by the rules of those editors (for the constructs the
recipes use; anything else is refused); the commands the recipes make are run through a shell (or, for
VS Code's process task, without one) as the editors run them; and Vim itself runs the Vim recipe when
it is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import SEEDS, fixture_path
from .helpers import ROOT, gxlint, path_with, wrapper

DOCS = [ROOT / "docs" / "editors.md", ROOT / "docs" / "editors.en.md"]
VIM_TYPES = {"e": "error", "w": "warning", "i": "info"}
SPACED = Path("2020 年报") / "朝阳 年报.txt"


def blocks(language: str, containing: str) -> list[str]:
    """The *language* code blocks holding *containing*: one in each document, and the same in both."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        (block,) = [body for lang, body in re.findall(r"```(\w*)\n(.*?)```", text, re.S)
                    if lang == language and containing in body]
        found.append(block)
    assert found[0] == found[1], "the recipe differs between the Chinese and the English document"
    return found


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """Real concise output (seeds, a report with only an info, an unreadable file with a spaced Chinese
    name) and what each line must be read as, from the JSON of the same run."""
    bad = tmp_path_factory.mktemp("bad") / "坏 文件.txt"
    bad.write_bytes("第一行\n第二行\n第三".encode() + b"\xff\n")
    paths = [*SEEDS, fixture_path("real/web-044"), bad]
    lines = _run("--format", "concise", *paths).splitlines()
    wanted = []
    for entry in json.loads(_run("--format", "json", *paths))["files"]:
        if "error" in entry:
            wanted.append((entry["path"], entry["line"], entry["column"], "error", "GX000", entry["error"]))
        wanted.extend((entry["path"], f["line"], f["column"], f["severity"], f["rule"], " ".join(f["message"].split()))
                      for f in entry["findings"])
    assert len(lines) == len(wanted) > 15
    assert {w[3] for w in wanted} == {"error", "warning", "info"}
    assert (str(bad), 3, 3) in [w[:3] for w in wanted]
    return lines, wanted


def _run(*args) -> str:
    import contextlib
    import io

    from linter.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([str(arg) for arg in args])
    return out.getvalue()


@pytest.fixture
def spaced_report(tmp_path):
    """Seed 003 (Markdown rows: Chinese before the cells) under a folder and a name with spaces and Chinese,
    beside a decoy that a split name would point at."""
    report = tmp_path / SPACED
    report.parent.mkdir()
    shutil.copy(fixture_path("seeds/003"), report)
    return report


def findings_by_json(path: Path) -> list[str]:
    """The concise lines gxlint gives for *path*, built from its JSON output."""
    data = json.loads(_run("--format", "json", path))
    (entry,) = data["files"]
    assert entry["findings"]
    return [f"{path}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {' '.join(f['message'].split())}"
            for f in entry["findings"]]


def run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    bin_dir = cwd / "bin"
    wrapper(bin_dir)
    return subprocess.run(["sh", "-c", command], cwd=cwd, env=path_with(bin_dir), capture_output=True, text=True,
                          timeout=120)


# --- Vim ----------------------------------------------------------------------------------------------------

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


def vim_shellescape(name: str) -> str:
    """What Vim's %:S makes of a file name for a POSIX shell (shellescape(): single quotes, ' as '\\'')."""
    return "'" + name.replace("'", "'\\''") + "'"


def test_vim_errorformat_parses_real_output(output):
    lines, wanted = output
    for block in blocks("vim", "errorformat"):
        pattern = vim_efm_to_python(set_value(block, "errorformat"))
        for line, (path, number, column, severity, rule, message) in zip(lines, wanted):
            match = pattern.match(line)
            assert match, line
            assert (match["f"], int(match["l"]), int(match["c"]), VIM_TYPES[match["t"]], match["m"]) == \
                (path, number, column, severity, f"{rule} {message}")


def test_vim_makeprg_quotes_the_file_name(spaced_report):
    for block in blocks("vim", "makeprg"):
        makeprg = set_value(block, "makeprg")
        assert makeprg.endswith(" %:S"), "an unquoted % splits a name with spaces"
        command = makeprg.replace("%:S", vim_shellescape(str(SPACED)))
        done = run_shell(command, spaced_report.parent.parent)
        assert done.returncode == 0 and done.stderr == ""            # seed 003: warnings only
        assert done.stdout.splitlines() == [line.replace(str(spaced_report), str(SPACED), 1)
                                            for line in findings_by_json(spaced_report)]
        # what the old recipe (makeprg=gxlint\ --format\ concise\ %) ran: three names, none of them the report
        unquoted = run_shell(makeprg.replace("%:S", str(SPACED)), spaced_report.parent.parent)
        assert unquoted.returncode == 2 and "GX000" in unquoted.stdout


@pytest.mark.skipif(shutil.which("vim") is None, reason="Vim is not installed")
def test_vim_lands_on_the_character_gxlint_names(spaced_report, tmp_path):
    recipe = tmp_path / "recipe.vim"
    recipe.write_text(blocks("vim", "errorformat")[0], encoding="utf-8")
    bin_dir = tmp_path / "bin"
    wrapper(bin_dir)
    result_file = tmp_path / "positions.json"
    report_positions = ("call writefile([json_encode(map(getqflist(), "
                        "{_, e -> [bufname(e.bufnr), e.lnum, charidx(getbufline(e.bufnr, e.lnum)[0], e.col - 1) + 1, "
                        "e.type]}))], "
                        f"'{result_file}')")
    subprocess.run(["vim", "-Es", "-u", "NONE", "-N", "-i", "NONE", "-c", "set encoding=utf-8", str(SPACED),
                    "-c", f"source {recipe}", "-c", "silent make", "-c", report_positions, "-c", "qa!"],
                   cwd=tmp_path, env=path_with(bin_dir), timeout=120, capture_output=True, stdin=subprocess.DEVNULL)
    positions = json.loads(result_file.read_text(encoding="utf-8"))
    data = json.loads(_run("--format", "json", spaced_report))
    wanted = [[str(SPACED), f["line"], f["column"], f["severity"][0]] for f in data["files"][0]["findings"]]
    assert positions == wanted and len(wanted) == 3
    line = spaced_report.read_text(encoding="utf-8").split("\n")[53]
    assert any(column > 1 and not line[:column - 1].isascii() for _, _, column, _ in positions), \
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


def emacs_shell_quote(argument: str) -> str:
    """Emacs's shell-quote-argument for a POSIX shell: a backslash before every character that is not
    -0-9a-zA-Z_./ (lisp/subr.el)."""
    if argument == "":
        return "''"
    return re.sub(r"[^-0-9a-zA-Z_./\n]", lambda match: "\\" + match.group(), argument).replace("\n", "'\n'")


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


def test_emacs_command_quotes_the_file_name(spaced_report):
    for block in blocks("elisp", "gxlint-check-file"):
        (prefix,) = re.findall(r'\(compile \(concat "([^"]*)" \(shell-quote-argument buffer-file-name\)\)\)', block)
        done = run_shell(prefix + emacs_shell_quote(str(spaced_report)), spaced_report.parent.parent)
        assert done.returncode == 0 and done.stderr == ""
        assert done.stdout.splitlines() == findings_by_json(spaced_report)


# --- VS Code -----------------------------------------------------------------------------------------------

def vscode_task(block: str) -> dict:
    (task,) = json.loads(block)["tasks"]
    return task


def test_vscode_problem_matcher_parses_real_output(output):
    lines, wanted = output
    for block in blocks("json", "problemMatcher"):
        matcher = vscode_task(block)["problemMatcher"]
        assert matcher["fileLocation"] == "absolute"
        spec = matcher["pattern"]
        pattern = re.compile(spec["regexp"])            # the JavaScript syntax used is also Python's
        for line, (path, number, column, severity, rule, message) in zip(lines, wanted):
            match = pattern.match(line)
            assert match, line
            assert (match.group(spec["file"]), int(match.group(spec["line"])), int(match.group(spec["column"])),
                    match.group(spec["severity"]), match.group(spec["code"]), match.group(spec["message"])) == \
                (path, number, column, severity, rule, message)


def test_vscode_task_passes_the_file_as_one_argument(spaced_report, tmp_path):
    for block in blocks("json", "problemMatcher"):
        task = vscode_task(block)
        # a process task: no shell, ${file} (an absolute path, hence fileLocation absolute) is one argument
        assert task["type"] == "process" and task["command"] == "gxlint"
        args = [arg.replace("${file}", str(spaced_report)) for arg in task["args"]]
        bin_dir = tmp_path / "bin"
        done = subprocess.run([str(wrapper(bin_dir)), *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stderr == ""
        assert done.stdout.splitlines() == findings_by_json(spaced_report)


def test_concise_names_the_file_as_given(capsys, spaced_report, monkeypatch):
    monkeypatch.chdir(spaced_report.parent.parent)
    code, out, _ = gxlint(capsys, "--format", "concise", SPACED)
    assert code == 0 and all(line.startswith(f"{SPACED}:") for line in out.splitlines()) and out
