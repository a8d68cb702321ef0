"""``--format concise``: one finding a line, ``path:line:col: severity rule message``.

The shape editors and tools already parse (Vim's errorformat, Emacs
compilation mode, VS Code problem matchers, grep; see docs/editors.md).
``line`` and ``col`` count from 1, ``col`` in characters (Unicode code points).
Messages are kept on one line; control characters in paths and messages are
shown as escapes (``\\x1b``), never sent to the terminal. Files that could not
be read get a line ``path:line:col: error GX000 message`` (where the trouble is, else 1:1).
"""

from __future__ import annotations

from typing import TextIO

from ..check.findings import printable


def one_line(text: str) -> str:
    return " ".join(text.split())


def write(results, out: TextIO) -> None:
    for result in results:
        if result.error:
            out.write(f"{printable(result.path)}:{result.error_line}:{result.error_column}: error GX000 "
                      f"{printable(one_line(result.error))}\n")
        for finding in result.findings:
            out.write(f"{printable(finding.path)}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} "
                      f"{printable(one_line(finding.message))}\n")
