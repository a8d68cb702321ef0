"""A real editor: headless Neovim with the set-up of docs/lsp.md, as written, shows seed 002's findings.

Skipped where ``nvim`` is not installed (``apt-get install neovim`` brings it on Debian).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fixture_path
from tests.lsp.session import ROOT, cli_findings

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed")

DOCS, DOCS_EN = ROOT / "docs" / "lsp.md", ROOT / "docs" / "lsp.en.md"
MARK = "<!-- gxlint-neovim-setup"

# After the set-up: wait for the diagnostics, write each as "code line byte-column message".
REPORT = """
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(lines, string.format("%s\\t%d\\t%d\\t%s", code, d.lnum, d.col, d.message))
end
vim.fn.writefile(lines, "diagnostics.txt")
vim.cmd("qa!")
"""


def lua_blocks(text: str) -> list[str]:
    return re.findall(r"```lua\n(.*?)```", text, re.S)


def documented_setup() -> str:
    text = DOCS.read_text(encoding="utf-8")
    after = text[text.index(MARK):]
    return lua_blocks(after)[0]


def without_comments(lua: str) -> list[str]:
    return [line.split("--")[0].rstrip() for line in lua.split("\n") if line.split("--")[0].strip()]


def gxlint_on_path(folder: Path) -> dict:
    """An environment whose PATH has a ``gxlint`` that runs this checkout with this Python."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    script = bin_folder / "gxlint"
    script.write_text(f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(ROOT))} exec {shlex.quote(sys.executable)} "
                      f"-m linter \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}")


def nvim(folder: Path, environment: dict, *commands: str) -> None:
    arguments = [NVIM, "--headless", "-u", "init.lua", "report.txt"]
    for command in commands:
        arguments += ["-c", command]
    subprocess.run(arguments, cwd=folder, env=environment, timeout=90, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_the_english_page_documents_the_same_setup():
    (english,) = [block for block in lua_blocks(DOCS_EN.read_text(encoding="utf-8")) if "gxlint" in block]
    assert without_comments(english) == without_comments(documented_setup())


def test_neovim_shows_the_diagnostics_of_seed_002(tmp_path):
    shutil.copy(fixture_path("seeds/002"), tmp_path / "report.txt")
    (tmp_path / "init.lua").write_text(documented_setup(), encoding="utf-8")
    (tmp_path / "report.lua").write_text(REPORT, encoding="utf-8")
    nvim(tmp_path, gxlint_on_path(tmp_path), "luafile report.lua")

    shown = [line.split("\t", 3) for line in (tmp_path / "diagnostics.txt").read_text(encoding="utf-8").splitlines()]
    found = sorted((code, int(line), int(column)) for code, line, column, _ in shown)
    # Neovim counts columns in bytes: the command line's character columns, turned into UTF-8 bytes here.
    lines = (tmp_path / "report.txt").read_text(encoding="utf-8").split("\n")
    expected = sorted((f["rule"], f["line"] - 1, len(lines[f["line"] - 1][:f["column"] - 1].encode("utf-8")))
                      for f in cli_findings(tmp_path, "report.txt"))
    assert found == expected
    assert ("GX112", 181, 1) in found
    share = next(column for code, line, column in found if code == "GX320")
    assert lines[53].encode("utf-8")[share:].startswith("45.4%".encode("utf-8"))
    messages = {code: message for code, _, _, message in shown}
    assert "5475" in messages["GX112"] or "1050" in messages["GX112"]


def test_the_documented_check_command(tmp_path):
    shutil.copy(fixture_path("seeds/002"), tmp_path / "report.txt")
    (tmp_path / "init.lua").write_text(documented_setup(), encoding="utf-8")
    text = DOCS.read_text(encoding="utf-8")
    (command,) = [block for block in re.findall(r"```sh\n(.*?)```", text, re.S) if "nvim --headless" in block]
    words = shlex.split(command.split("\ncat out.txt")[0].replace("\\\n", " "))
    commands = [words[index + 1] for index, word in enumerate(words) if word == "-c"]
    assert commands[-1] == "qa!" and len(commands) == 3
    nvim(tmp_path, gxlint_on_path(tmp_path), *commands)
    out = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("182 ") and "5475" in line for line in out)
    assert len(out) == len(cli_findings(tmp_path, "report.txt"))
