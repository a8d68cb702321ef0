"""``--format concise``: one finding a line, ``path:line:col: severity rule message``.

The shape editors and tools already parse (Vim's errorformat, Emacs
compilation mode, VS Code problem matchers, grep; see the README's recipes).
``line`` and ``col`` count from 1, ``col`` in characters (Unicode code points).
Messages are kept on one line. Files that could not be read get a line
``path:1:1: error GX000 message``.
"""

from __future__ import annotations

from typing import TextIO


def one_line(text: str) -> str:
    return " ".join(text.split())


def write(results, out: TextIO) -> None:
    for result in results:
        if result.error:
            out.write(f"{result.path}:1:1: error GX000 {one_line(result.error)}\n")
        for finding in result.findings:
            out.write(f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} "
                      f"{one_line(finding.message)}\n")
